// openconfigsvr (reference/rest-api.md §3.8, §4.8): setnospeaking/getnospeaking in their own reply shape (no
// ActionStatus), the global mute on every surface (REST, WebIM, Chat SDK: 20012 for C2C, 10017 for groups),
// and getappinfo's last 30 days of figures, every value a string.
#include "chat_client.hpp"
#include "rest_endpoints.hpp"
#include "webim_client.hpp"

namespace timock::testing {
namespace {

constexpr std::int64_t kForever = 4294967295;

class RestOpenConfig : public RestEndpointsBase, public ::testing::Test {
 protected:
  void SetUp() override {
    pin_clock(kT0);
    import({"alice", "bob"});
  }
  json::object mute(const std::string& user, std::int64_t c2c, std::int64_t group) const {
    return call("openconfigsvr/setnospeaking",
                json::object{
                    {"Set_Account", user}, {"C2CmsgNospeakingTime", c2c}, {"GroupmsgNospeakingTime", group}});
  }
  std::string create_group() const {
    const auto reply = call("group_open_http_svc/create_group",
                            json::parse(R"({"Type":"Public","Name":"g","Owner_Account":"alice",
                                            "MemberList":[{"Member_Account":"bob"}]})"));
    EXPECT_EQ(reply.at("ErrorCode").as_int64(), 0) << json::serialize(reply);
    return std::string(reply.at("GroupId").as_string());
  }
  json::object send_group(const std::string& group_id, const std::string& from,
                          const std::string& text) const {
    return call(
        "group_open_http_svc/send_group_msg",
        json::object{
            {"GroupId", group_id}, {"From_Account", from}, {"Random", 7}, {"MsgBody", text_body(text)}});
  }
};

std::int64_t code_of(const json::object& reply) {
  return reply.at("ErrorCode").to_number<std::int64_t>();
}

TEST_F(RestOpenConfig, SetNoSpeakingRepliesWithoutActionStatusAndGetNoSpeakingShowsTheSecondsLeft) {
  EXPECT_EQ(mute("alice", kForever, 7200), json::parse(R"({"ErrorCode":0,"ErrorInfo":""})"));
  pin_clock(kT0 + 4);
  EXPECT_EQ(call("openconfigsvr/getnospeaking", json::object{{"Get_Account", "alice"}}),
            json::parse(R"({"ErrorCode":0,"ErrorInfo":"","C2CmsgNospeakingTime":4294967295,
                            "GroupmsgNospeakingTime":7196})"));
  // 0 lifts a mute; a field left out keeps its value.
  EXPECT_EQ(code_of(call("openconfigsvr/setnospeaking",
                         json::object{{"Set_Account", "alice"}, {"C2CmsgNospeakingTime", 0}})),
            0);
  EXPECT_EQ(call("openconfigsvr/getnospeaking", json::object{{"Get_Account", "alice"}}),
            json::parse(
                R"({"ErrorCode":0,"ErrorInfo":"","C2CmsgNospeakingTime":0,"GroupmsgNospeakingTime":7196})"));
  EXPECT_EQ(
      call("openconfigsvr/getnospeaking", json::object{{"Get_Account", "bob"}}),
      json::parse(R"({"ErrorCode":0,"ErrorInfo":"","C2CmsgNospeakingTime":0,"GroupmsgNospeakingTime":0})"));
}

TEST_F(RestOpenConfig, NoSpeakingCodesFollowTheReference) {
  EXPECT_EQ(code_of(call("openconfigsvr/setnospeaking", json::object{{"C2CmsgNospeakingTime", 1}})), 130004);
  EXPECT_EQ(code_of(call("openconfigsvr/setnospeaking", json::object{{"Set_Account", 5}})), 130005);
  EXPECT_EQ(code_of(mute("nobody", 10, 10)), 130005);
  EXPECT_EQ(code_of(mute("alice", -1, 10)), 130008);
  EXPECT_EQ(code_of(mute("alice", 10, kForever + 1)), 130008);
  EXPECT_EQ(code_of(call("openconfigsvr/setnospeaking", json::object{{"Set_Account", "alice"}})), 130008);
  EXPECT_EQ(code_of(call("openconfigsvr/getnospeaking", json::object{})), 130002);
  EXPECT_EQ(code_of(call("openconfigsvr/getnospeaking", json::object{{"Get_Account", "nobody"}})), 130003);
  const auto bad_json = post_raw("openconfigsvr/getnospeaking", "{not json");
  EXPECT_EQ(code_of(bad_json), 130001);
  EXPECT_FALSE(bad_json.contains("ActionStatus"));
  const auto not_admin = call_as("alice", "openconfigsvr/getnospeaking", R"({"Get_Account":"alice"})");
  EXPECT_EQ(code_of(not_admin), 60010);
  EXPECT_FALSE(not_admin.contains("ActionStatus"));
}

TEST_F(RestOpenConfig, GloballyMutedSenderGets20012ForC2cUntilTheMuteEnds) {
  const auto group_id = create_group();
  ASSERT_EQ(code_of(mute("alice", 60, 0)), 0);
  EXPECT_EQ(code_of(send("alice", "bob", 1, 1)), 20012);
  EXPECT_EQ(code_of(call("openim/batchsendmsg", json::object{{"From_Account", "alice"},
                                                             {"To_Account", json::array{"bob"}},
                                                             {"MsgRandom", 3},
                                                             {"MsgBody", text_body("hi")}})),
            20012);
  EXPECT_EQ(code_of(send_group(group_id, "alice", "group is fine")), 0) << "a C2C mute leaves groups alone";
  EXPECT_EQ(code_of(send("bob", "alice", 2, 2)), 0) << "the muted user still receives";
  EXPECT_EQ(roam("alice", "bob", 10, 0, kT0 + 100).at("MsgList").as_array().size(), 1u);
  pin_clock(kT0 + 61);
  EXPECT_EQ(code_of(send("alice", "bob", 3, 3)), 0);
}

TEST_F(RestOpenConfig, GloballyMutedSenderGets10017ForGroupsOnRest) {
  const auto group_id = create_group();
  ASSERT_EQ(code_of(mute("bob", 0, kForever)), 0);
  EXPECT_EQ(code_of(send_group(group_id, "bob", "muted")), 10017);
  EXPECT_EQ(code_of(send("bob", "alice", 1, 1)), 0) << "a group mute leaves C2C alone";
  EXPECT_EQ(code_of(send_group(group_id, "alice", "not muted")), 0);
}

TEST_F(RestOpenConfig, GloballyMutedUserCannotSendFromWebImNorTheChatSdk) {
  const auto group_id = create_group();
  ASSERT_EQ(code_of(mute("alice", kForever, kForever)), 0);

  WebImClient webim(server, app.sdkappid, "alice", mint_sig(server, app.sdkappid, "alice"));
  webim.login_and_connect();
  EXPECT_EQ(code_of(webim.send_text("bob", "from webim").reply), 20012);
  EXPECT_EQ(code_of(webim.send_group_text(group_id, "to the group").reply), 10017);

  ChatClient chat(server, app.sdkappid);
  ASSERT_EQ(code_of(chat.login("alice", mint_sig(server, app.sdkappid, "alice"))), 0);
  EXPECT_EQ(code_of(chat.call("openim.sendmsg", sendmsg_body("alice", "bob", "from the sdk", 5, 55, kT0))),
            20012);
  EXPECT_EQ(code_of(chat.call("group_open_http_svc.send_group_msg",
                              json::object{{"GroupId", group_id},
                                           {"Random", 9},
                                           {"MsgPriority", "Normal"},
                                           {"MsgBody", json::array{text_elem("sdk group")}}})),
            10017);
  EXPECT_TRUE(roam("bob", "alice", 10, 0, kT0 + 100).at("MsgList").as_array().empty());
}

TEST_F(RestOpenConfig, GetAppInfoGivesTheLast30DaysNewestFirstEveryValueAString) {
  ASSERT_EQ(code_of(send("alice", "bob", 1, 1)), 0);
  ASSERT_EQ(code_of(send("bob", "alice", 2, 2)), 0);
  const auto reply = call("openconfigsvr/getappinfo", json::object{});
  EXPECT_FALSE(reply.contains("ActionStatus"));
  EXPECT_EQ(code_of(reply), 0);
  EXPECT_EQ(reply.at("ErrorInfo"), "OK");
  const auto& result = reply.at("Result").as_array();
  ASSERT_EQ(result.size(), 30u);
  // kT0 = 2023-11-14 22:13:20 UTC = 2023-11-15 06:13:20 in Beijing.
  const auto& today = result.at(0).as_object();
  EXPECT_EQ(today.at("Date"), "20231115");
  EXPECT_EQ(result.at(29).at("Date"), "20231017");
  EXPECT_EQ(today.at("C2CUpMsgNum"), "2");
  EXPECT_EQ(today.at("UpMsgNum"), "2");
  EXPECT_EQ(today.at("ActiveUserNum"), "2");
  EXPECT_EQ(std::string(today.at("AppId").as_string()), std::to_string(app.sdkappid));
  EXPECT_EQ(result.at(1).at("C2CUpMsgNum"), "0");
  for (const auto& day : result)
    for (const auto& [key, value] : day.as_object()) EXPECT_TRUE(value.is_string()) << key;

  const auto some = call("openconfigsvr/getappinfo", json::parse(R"({"RequestField":["C2CUpMsgNum"]})"));
  EXPECT_EQ(some.at("Result").at(0), json::parse(R"({"Date":"20231115","C2CUpMsgNum":"2"})"));
}

TEST_F(RestOpenConfig, FaultRulesAndTheJournalCoverTheService) {
  const auto rule = server.post(
      "/mock/apps/" + std::to_string(app.sdkappid) + "/faults",
      R"({"match":{"service":"openconfigsvr","command":"getappinfo"},"error_code":130014,"times":1})");
  ASSERT_LT(rule.status, 300u) << rule.body;
  const auto faulted = call("openconfigsvr/getappinfo", json::object{});
  EXPECT_EQ(code_of(faulted), 130014);
  EXPECT_FALSE(faulted.contains("ActionStatus"));
  EXPECT_EQ(code_of(call("openconfigsvr/getappinfo", json::object{})), 0);
  const auto journal = server.get("/mock/apps/" + std::to_string(app.sdkappid) +
                                  "/journal?service=openconfigsvr&command=getappinfo");
  const auto entries = json::parse(journal.body).at("entries").as_array();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries.at(0).at("error_code"), 130014);
  EXPECT_EQ(entries.at(1).at("error_code"), 0);
}

}  // namespace
}  // namespace timock::testing
