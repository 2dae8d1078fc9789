// router::envelope, the one place the REST reply envelope is written (reference/rest-api.md §1.3).
#include "router/envelope.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace timock::router {
namespace {

namespace json = boost::json;
using core::ErrorCode;

TEST(Envelope, AnOkReplyHasActionStatusErrorCodeErrorInfoThenItsFieldsInOrder) {
  const auto reply = api::Reply::ok({{"MsgTime", 1795000000}, {"MsgKey", "1_2_1795000000"}});
  EXPECT_EQ(
      envelope(reply, false),
      R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","MsgTime":1795000000,"MsgKey":"1_2_1795000000"})");
}

TEST(Envelope, AnErrorTakesTheCataloguesInfoUnlessGivenOne) {
  const auto text = envelope(api::Reply::error(ErrorCode::msg_account_invalid), false);
  const auto parsed = json::parse(text).as_object();
  EXPECT_EQ(parsed.at("ActionStatus"), "FAIL");
  EXPECT_EQ(parsed.at("ErrorCode"), 20003);
  EXPECT_EQ(parsed.at("ErrorInfo").as_string(), core::default_error_info(ErrorCode::msg_account_invalid));
  EXPECT_EQ(envelope(api::Reply::error(ErrorCode::msg_account_invalid, "mine"), false),
            R"({"ActionStatus":"FAIL","ErrorCode":20003,"ErrorInfo":"mine"})");
}

TEST(Envelope, ErrorDisplayFollowsErrorInfoWhenTheServiceHasIt) {
  EXPECT_EQ(envelope(api::Reply::ok({{"FriendNum", 0}}), true),
            R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ErrorDisplay":"","FriendNum":0})");
}

TEST(Envelope, AFieldNamedLikeAnEnvelopeMemberReplacesItsValueInPlace) {
  auto reply = api::Reply::ok({{"A", 1}, {"ErrorInfo", "from the field"}});
  reply.action_status = "SomeError";
  EXPECT_EQ(envelope(reply, false),
            R"({"ActionStatus":"SomeError","ErrorCode":0,"ErrorInfo":"from the field","A":1})");
  EXPECT_EQ(envelope(api::Reply::ok({{"ErrorDisplay", "x"}}), false),
            R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ErrorDisplay":"x"})");
}

TEST(Envelope, TextIsEscapedAndNestedValuesAreWrittenWhole) {
  const auto reply = api::Reply::error(ErrorCode::openim_json_parse_error, "a \"quoted\"\nline");
  const auto with_list = api::Reply::ok({{"MsgList", json::array{json::object{{"Text", "é\t"}}}}});
  EXPECT_EQ(json::parse(envelope(reply, false)).at("ErrorInfo"), "a \"quoted\"\nline");
  EXPECT_EQ(json::parse(envelope(with_list, false)).at("MsgList").at(0).at("Text"), "é\t");
  // A reply larger than one serialiser buffer comes out whole.
  const std::string long_text(20000, 'x');
  EXPECT_EQ(json::parse(envelope(api::Reply::ok({{"Long", long_text}}), false)).at("Long").as_string(),
            long_text);
}

}  // namespace
}  // namespace timock::router
