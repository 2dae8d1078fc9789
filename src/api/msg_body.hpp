// MsgBody validation: an array of {MsgType, MsgContent} elements of the documented types
// (reference/rest-api.md §6.1).
#pragma once

#include <boost/json/value.hpp>
#include <string>

#include "core/error_code.hpp"

namespace timock::api {

// Message size limit (§8): 12 KB for MsgBody plus CloudCustomData.
constexpr std::size_t kMaxMessageBytes = 12 * 1024;

struct MsgBodyCheck {
  core::ErrorCode code = core::ErrorCode::ok;
  std::string info;  // which element and field is wrong
  bool ok() const { return code == core::ErrorCode::ok; }
};

// ok, openim_msg_body_not_array (90007) or openim_bad_msg_body (90002).
MsgBodyCheck check_msg_body(const boost::json::value* msg_body);

}  // namespace timock::api
