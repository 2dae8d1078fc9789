// Tencent's codes as a boost::system error category (STYLE §2), for code that reports them as
// boost::system::error_code. Kept out of core/error_code.hpp, which most of timock includes.
#pragma once

#include <boost/system/error_code.hpp>

#include "core/error_code.hpp"

namespace timock::core {

// message(code) is the code's default ErrorInfo.
const boost::system::error_category& tim_category();
inline boost::system::error_code make_error_code(ErrorCode code) { return {static_cast<int>(code), tim_category()}; }

}  // namespace timock::core

template <>
struct boost::system::is_error_code_enum<timock::core::ErrorCode> : std::true_type {};
