// all_member_push (reference/rest-api.md §3.8, §4.6): im_push to every account or by a Condition of tags and
// attributes, delivered to online clients and kept for the others; the attribute and tag commands; 90024,
// 90047, 90032, 90022, 90040, 90034, 90030, 90033, 90048.
#include "chat_client.hpp"
#include "rest_endpoints.hpp"

namespace timock::testing {
namespace {

class RestAllMemberPush : public RestEndpointsBase, public ::testing::Test {
 protected:
  void SetUp() override {
    pin_clock(kT0);
    import({"alice", "bob", "carol"});
  }
  json::object push(const std::string& text, const json::value& condition = nullptr,
                    std::int64_t random = 1) const {
    json::object body{{"MsgRandom", random}, {"MsgBody", text_body(text)}};
    if (!condition.is_null()) body["Condition"] = condition;
    return call("all_member_push/im_push", body);
  }
  std::size_t received(const std::string& user) const {
    return roam(user, app.admin, 100, 0, kT0 + 1000000).at("MsgList").as_array().size();
  }
  static std::int64_t code(const json::object& reply) {
    return reply.at("ErrorCode").to_number<std::int64_t>();
  }
};

TEST_F(RestAllMemberPush, ImPushReachesEveryAccountOnlineAtOnceAndOfflineLater) {
  ChatClient bob(server, app.sdkappid);
  ASSERT_EQ(code(bob.login("bob", mint_sig(server, app.sdkappid, "bob"))), 0);
  const auto reply = push("to everyone");
  ASSERT_EQ(code(reply), 0) << json::serialize(reply);
  const std::string task(reply.at("TaskId").as_string());
  EXPECT_EQ(task.substr(0, task.find('_')), std::to_string(app.sdkappid));
  const auto pushed = bob.wait_push("im_open_push.msg_push");
  ASSERT_TRUE(pushed.has_value());
  EXPECT_NE(json::serialize(pushed->body).find("to everyone"), std::string::npos);
  EXPECT_EQ(received("alice"), 1u);
  EXPECT_EQ(received("carol"), 1u);
}

TEST_F(RestAllMemberPush, ConditionPicksByTagsAndAttributes) {
  ASSERT_EQ(
      code(call("all_member_push/im_set_attr_name", json::parse(R"({"AttrNames":{"0":"sex","1":"city"}})"))),
      0);
  EXPECT_EQ(call("all_member_push/im_get_attr_name", json::object{}).at("AttrNames"),
            json::parse(R"({"0":"sex","1":"city"})"));
  ASSERT_EQ(code(call("all_member_push/im_set_attr", json::parse(R"({"UserAttrs":[
      {"To_Account":"alice","Attrs":{"sex":"f","city":"sz"}},{"To_Account":"bob","Attrs":{"sex":"m"}}]})"))),
            0);
  ASSERT_EQ(code(call("all_member_push/im_add_tag", json::parse(R"({"UserTags":[
      {"To_Account":"alice","Tags":["vip"]},{"To_Account":"carol","Tags":["vip","new"]}]})"))),
            0);
  EXPECT_EQ(
      call("all_member_push/im_get_attr", json::parse(R"({"To_Account":["alice","carol"]})")).at("UserAttrs"),
      json::parse(
          R"([{"To_Account":"alice","Attrs":{"city":"sz","sex":"f"}},{"To_Account":"carol","Attrs":{}}])"));
  EXPECT_EQ(call("all_member_push/im_get_tag", json::parse(R"({"To_Account":["carol"]})")).at("UserTags"),
            json::parse(R"([{"To_Account":"carol","Tags":["new","vip"]}])"));

  ASSERT_EQ(code(push("vip women", json::parse(R"({"TagsAnd":["vip"],"AttrsAnd":{"sex":"f"}})"))), 0);
  EXPECT_EQ(received("alice"), 1u);
  EXPECT_EQ(received("bob"), 0u);
  EXPECT_EQ(received("carol"), 0u);
  pin_clock(kT0 + 1);
  ASSERT_EQ(
      code(push("new or men", json::parse(R"({"TagsOr":["new"],"AttrsOr":{"sex":"m","city":"bj"}})"), 2)), 0);
  EXPECT_EQ(received("bob"), 0u) << "TagsOr and AttrsOr must both hold";
  pin_clock(kT0 + 2);
  ASSERT_EQ(code(push("tagged new", json::parse(R"({"TagsOr":["new","gone"]})"), 3)), 0);
  EXPECT_EQ(received("carol"), 1u);

  ASSERT_EQ(code(call("all_member_push/im_remove_tag",
                      json::parse(R"({"UserTags":[{"To_Account":"carol","Tags":["new"]}]})"))),
            0);
  ASSERT_EQ(code(call("all_member_push/im_remove_all_tags", json::parse(R"({"To_Account":["alice"]})"))), 0);
  ASSERT_EQ(code(call("all_member_push/im_remove_attr",
                      json::parse(R"({"UserAttrs":[{"To_Account":"alice","Attrs":["city"]}]})"))),
            0);
  EXPECT_EQ(
      call("all_member_push/im_get_tag", json::parse(R"({"To_Account":["alice","carol"]})")).at("UserTags"),
      json::parse(R"([{"To_Account":"alice","Tags":[]},{"To_Account":"carol","Tags":["vip"]}])"));
  EXPECT_EQ(call("all_member_push/im_get_attr", json::parse(R"({"To_Account":["alice"]})")).at("UserAttrs"),
            json::parse(R"([{"To_Account":"alice","Attrs":{"sex":"f"}}])"));
}

TEST_F(RestAllMemberPush, PushesAreOneASecondAndAHundredADay) {
  ASSERT_EQ(code(push("first")), 0);
  EXPECT_EQ(code(push("same second", nullptr, 2)), 90024);
  for (int i = 1; i < 100; ++i) {
    pin_clock(kT0 + i);
    ASSERT_EQ(code(push("n", nullptr, 10 + i)), 0) << i;
  }
  pin_clock(kT0 + 100);
  EXPECT_EQ(code(push("101st", nullptr, 7)), 90047);
  pin_clock(kT0 + 86400);
  EXPECT_EQ(code(push("next day", nullptr, 8)), 0);
}

TEST_F(RestAllMemberPush, TagAndAttributeCodes) {
  json::array eleven;
  for (int i = 0; i < 11; ++i) eleven.emplace_back("t" + std::to_string(i));
  EXPECT_EQ(code(push("x", json::object{{"TagsAnd", eleven}})), 90032);
  EXPECT_EQ(code(push("x", json::parse(R"({"TagsOr":["a","a"]})"))), 90022);
  EXPECT_EQ(code(push("x", json::parse(R"({"TagsOr":[""]})"))), 90040);
  EXPECT_EQ(code(push("x", json::object{{"TagsOr", json::array{std::string(51, 't')}}})), 90034);
  EXPECT_EQ(code(push("x", json::parse(R"({"AttrsAnd":{"sex":"f"}})"))), 90033)
      << "no attribute named sex yet";
  ASSERT_EQ(code(call("all_member_push/im_set_attr_name", json::parse(R"({"AttrNames":{"0":"sex"}})"))), 0);
  EXPECT_EQ(
      code(call("all_member_push/im_set_attr",
                json::object{{"UserAttrs", json::array{json::object{
                                               {"To_Account", "alice"},
                                               {"Attrs", json::object{{"sex", std::string(51, 'f')}}}}}}})),
      90030);
  EXPECT_EQ(code(call("all_member_push/im_add_tag",
                      json::object{{"UserTags",
                                    json::array{json::object{{"To_Account", "alice"}, {"Tags", eleven}}}}})),
            90032);
  EXPECT_EQ(code(call("all_member_push/im_get_tag", json::parse(R"({"To_Account":["nobody"]})"))), 90048);
  EXPECT_EQ(code(call_as("alice", "all_member_push/im_push", R"({"MsgRandom":1,"MsgBody":[]})")), 90009);
}

}  // namespace
}  // namespace timock::testing
