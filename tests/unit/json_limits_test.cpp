// JSON depth: what timock accepts from outside it can always read back after storing it (core/json_limits.hpp).
#include "core/json_limits.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <variant>

#include "control/fixture_format.hpp"

namespace timock {
namespace {

constexpr std::int64_t kNow = 1700000000;

std::string fixture_with_body_depth(int depth) {
  return R"({"apps":[{"sdkappid":1400000001,"secret_key":"k","accounts":[{"user_id":"a"},{"user_id":"b"}],)"
         R"("messages":[{"from":"a","to":"b","time":1700000000,"body":[{"MsgType":"TIMCustomElem","MsgContent":{"Data":"x","Extra":)" +
         std::string(depth, '[') + std::string(depth, ']') + "}}]}]}]}";
}

TEST(JsonLimits, AcceptedInputIsShallowEnoughToBeReadBackWithDefaultOptions) {
  EXPECT_LE(core::kMaxJsonDepth, boost::json::parse_options{}.max_depth);
}

// Regression (found while writing the fixture fuzzer's round-trip check): a body 40 deep passed a 64-level
// bound and then could not be exported.
TEST(JsonLimits, FixtureWithAMessageBodyFortyDeepIsRefused) {
  const auto parsed = control::fixture_from_text(fixture_with_body_depth(40), kNow);
  ASSERT_TRUE(std::holds_alternative<control::FixtureError>(parsed));
  EXPECT_EQ(std::get<control::FixtureError>(parsed).path.substr(0, 1), "$");
}

// Regression (fixture fuzzer, 2026-12-02): 1e3090579 parsed to infinity, was stored, and was written back as
// `Infinity`, which no JSON parser reads: the export of that app threw.
TEST(JsonLimits, NumbersBeyondADoubleAreRefusedAndFiniteOnesPass) {
  EXPECT_FALSE(core::all_numbers_finite(boost::json::parse(R"({"a":[1,{"b":1e400}]})")));
  EXPECT_FALSE(core::all_numbers_finite(boost::json::parse("[-1e400]")));
  EXPECT_TRUE(core::all_numbers_finite(boost::json::parse(R"({"a":[1,2.5,1e300,-1e-400,"1e400",18446744073709551615]})")));
  std::string fixture = fixture_with_body_depth(1);
  const auto at = fixture.find("\"body\"");
  ASSERT_NE(at, std::string::npos);
  fixture.insert(at, "\"x\": 1e400, ");
  const auto parsed = control::fixture_from_text(fixture, kNow);
  ASSERT_TRUE(std::holds_alternative<control::FixtureError>(parsed));
  EXPECT_EQ(std::get<control::FixtureError>(parsed).path, "$");
}

TEST(JsonLimits, DeepestAcceptedFixtureExportsAndLoadsAgain) {
  int depth = 40;
  std::variant<std::vector<core::AppSnapshot>, control::FixtureError> parsed = control::FixtureError{};
  while (depth > 0 && std::holds_alternative<control::FixtureError>(
                          parsed = control::fixture_from_text(fixture_with_body_depth(depth), kNow)))
    --depth;
  ASSERT_GT(depth, 20) << "a reasonable depth is accepted";
  const auto& apps = std::get<std::vector<core::AppSnapshot>>(parsed);
  boost::json::array exported;
  for (const auto& app : apps) exported.push_back(control::snapshot_to_json(app));
  const auto again = control::fixture_from_text(boost::json::serialize(boost::json::object{{"apps", exported}}), kNow);
  EXPECT_TRUE(std::holds_alternative<std::vector<core::AppSnapshot>>(again));
}

}  // namespace
}  // namespace timock
