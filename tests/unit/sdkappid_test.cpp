// The one SDKAppID parser (core/sdkappid.hpp): what every surface accepts as an SDKAppID.
#include "core/sdkappid.hpp"

#include <gtest/gtest.h>

#include <boost/json/value.hpp>

namespace timock::core {
namespace {

TEST(SdkAppIdParser, AcceptsDecimalDigitsFromOneTo32BitsMax) {
  EXPECT_EQ(parse_sdkappid("1400000000"), 1400000000u);
  EXPECT_EQ(parse_sdkappid("1"), 1u);
  EXPECT_EQ(parse_sdkappid("4294967295"), 4294967295u);
}

TEST(SdkAppIdParser, RefusesZeroTooLargeSignsSpacesAndEmptyText) {
  for (const char* text : {"", "0", "4294967296", "18446744073709551616", "-1", "+1", " 1", "1 ", "1.5", "0x10", "abc"})
    EXPECT_FALSE(parse_sdkappid(text)) << text;
}

TEST(SdkAppIdParser, ReadsJsonIntegersAndDecimalStringsInTheSameRange) {
  EXPECT_EQ(sdkappid_of(boost::json::value(1400000000)), 1400000000u);
  EXPECT_EQ(sdkappid_of(boost::json::value(std::uint64_t{4294967295})), 4294967295u);
  EXPECT_EQ(sdkappid_of(boost::json::value("1400000000")), 1400000000u);
  EXPECT_FALSE(sdkappid_of(boost::json::value(0)));
  EXPECT_FALSE(sdkappid_of(boost::json::value(-5)));
  EXPECT_FALSE(sdkappid_of(boost::json::value(std::uint64_t{4294967296})));
  EXPECT_FALSE(sdkappid_of(boost::json::value(1.5)));
  EXPECT_FALSE(sdkappid_of(boost::json::value(nullptr)));
  EXPECT_FALSE(sdkappid_of(boost::json::value("14e8")));
}

}  // namespace
}  // namespace timock::core
