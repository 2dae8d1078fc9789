// Tencent's codes as boost::system error codes (STYLE §2).
#include "core/error_category.hpp"

#include <gtest/gtest.h>

namespace timock::core {
namespace {

TEST(ErrorCategory, AnErrorCodeCarriesTheCodeAndItsDefaultErrorInfo) {
  const boost::system::error_code ec = ErrorCode::sdkappid_not_found;
  EXPECT_EQ(ec.value(), 70020);
  EXPECT_STREQ(ec.category().name(), "tencent-im");
  EXPECT_EQ(ec.message(), std::string(default_error_info(ErrorCode::sdkappid_not_found)));
  EXPECT_TRUE(ec);
  EXPECT_FALSE(boost::system::error_code(ErrorCode::ok));
}

}  // namespace
}  // namespace timock::core
