// Groups over HTTP (reference/rest-api.md §3.7): what the router adds to the group handlers — the service's own
// codes (10003 unknown command, 10007 not the admin, 10011 bad JSON), the fault rules, the journal, the quotas
// (get_appid_group_list's 1 a second), app reset, and a backend's whole flow: create, add, send, recall, page;
// group_open_avchatroom_http_svc and million_group_open_http_svc answer with the same codes.
#include "control_helpers.hpp"
#include "rest_endpoints.hpp"

namespace timock::testing {
namespace {

using control::add_fault;
using control::app_path;
using control::journal;

class RestGroup : public RestEndpointsBase, public ::testing::Test {
 protected:
  void SetUp() override {
    import({"alice", "bob", "carol"});
    pin_clock(kT0);
  }
  std::string create(const std::string& type = "Public") const {
    const auto reply = call("group_open_http_svc/create_group",
                            json::object{{"Owner_Account", "alice"},
                                         {"Type", type},
                                         {"Name", "team"},
                                         {"MemberList", json::array{json::object{{"Member_Account", "bob"}}}}});
    EXPECT_EQ(reply.at("ActionStatus"), "OK") << json::serialize(reply);
    return std::string(reply.at("GroupId").as_string());
  }
  json::object send_group(const std::string& id, const std::string& from, std::int64_t random) const {
    return call("group_open_http_svc/send_group_msg",
                json::object{{"GroupId", id}, {"From_Account", from}, {"Random", random}, {"MsgBody", text_body(from)}});
  }
};

TEST_F(RestGroup, ABackendCreatesAddsSendsRecallsAndPages) {
  const auto id = create();
  EXPECT_EQ(call("group_open_http_svc/add_group_member",
                 json::object{{"GroupId", id}, {"MemberList", json::array{json::object{{"Member_Account", "carol"}}}}}),
            json::parse(R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"",
                            "MemberList":[{"Member_Account":"carol","Result":1}]})"));
  EXPECT_EQ(send_group(id, "bob", 7), json::parse(R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"",
                                                      "MsgTime":1700000000,"MsgSeq":2})"))
      << "the join tip took seq 1";
  EXPECT_EQ(call("group_open_http_svc/group_msg_recall",
                 json::object{{"GroupId", id}, {"MsgSeqList", json::array{json::object{{"MsgSeq", 2}}}}}),
            json::parse(R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RecallRetList":[{"MsgSeq":2,"RetCode":0}]})"));
  const auto page = call("group_open_http_svc/group_msg_get_simple",
                         json::object{{"GroupId", id}, {"ReqMsgNumber", 20}, {"WithRecalledMsg", 1}});
  EXPECT_EQ(page.at("IsFinished"), 1);
  ASSERT_EQ(page.at("RspMsgList").as_array().size(), 2u) << json::serialize(page);
  EXPECT_EQ(page.at("RspMsgList").at(0).at("IsPlaceMsg"), 2);
  EXPECT_EQ(page.at("RspMsgList").at(1).at("From_Account"), "@TIM#SYSTEM");
  const auto list = call("recentcontact/get_list", json::object{{"From_Account", "carol"},
                                                                {"TimeStamp", 0},
                                                                {"StartIndex", 0},
                                                                {"TopTimeStamp", 0},
                                                                {"TopStartIndex", 0},
                                                                {"AssistFlags", 7}});
  EXPECT_EQ(list.at("SessionItem").at(0).at("GroupId"), id.c_str()) << json::serialize(list);
}

TEST_F(RestGroup, TheServiceAnswersWithItsOwnCodes) {
  EXPECT_EQ(call("group_open_http_svc/no_such_command", json::object{}).at("ErrorCode"), 10003);
  EXPECT_EQ(call_as("alice", "group_open_http_svc/create_group", R"({"Type":"Public","Name":"n"})").at("ErrorCode"), 10007);
  EXPECT_EQ(post_raw("group_open_http_svc/create_group", "{not json").at("ErrorCode"), 10011);
  EXPECT_EQ(call("group_open_http_svc/get_group_info", json::object{{"GroupIdList", "x"}}).at("ErrorCode"), 10004);
  EXPECT_EQ(call("group_open_attr_http_svc/get_group_attr", json::object{{"GroupId", "nope"}}).at("ErrorCode"), 10010);
}

TEST_F(RestGroup, LiveRoomServiceAnswersWithTheGroupCodes) {
  const auto created = call("group_open_http_svc/create_group",
                            json::object{{"Owner_Account", "alice"}, {"Type", "AVChatRoom"}, {"Name", "live"}});
  const std::string room(created.at("GroupId").as_string());
  EXPECT_EQ(call("group_open_avchatroom_http_svc/get_members", json::object{{"GroupId", room}, {"Timestamp", 0}}),
            json::parse(R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","NextTimestamp":0,
                            "MemberList":[{"Member_Account":"alice","JoinTime":1700000000,"NickName":"","Avatar":""}]})"));
  EXPECT_EQ(call("group_open_avchatroom_http_svc/check_members",
                 json::object{{"GroupId", room}, {"Member_Account", json::array{"alice", "bob"}}})
                .at("Member_Account"),
            json::parse(R"(["alice"])"));
  EXPECT_EQ(call("group_open_avchatroom_http_svc/no_such_command", json::object{}).at("ErrorCode"), 10003);
  EXPECT_EQ(call_as("alice", "group_open_avchatroom_http_svc/get_admin_list", R"({"GroupId":"x"})").at("ErrorCode"), 10007);
  EXPECT_EQ(post_raw("group_open_avchatroom_http_svc/modify_admin", "{not json").at("ErrorCode"), 10011);
  EXPECT_EQ(call("group_open_avchatroom_http_svc/get_admin_list", json::object{{"GroupId", create()}}).at("ErrorCode"), 10007);
}

TEST_F(RestGroup, TopicServiceAnswersWithTheGroupCodes) {
  const auto created = call("group_open_http_svc/create_group",
                            json::object{{"Owner_Account", "alice"}, {"Type", "Community"}, {"Name", "c"}, {"SupportTopic", 1}});
  const std::string community(created.at("GroupId").as_string());
  const auto made = call("million_group_open_http_svc/create_topic",
                         json::object{{"GroupId", community}, {"TopicName", "news"}, {"TopicId", community + "@TOPIC#_news"}});
  EXPECT_EQ(made, json::parse("{\"ActionStatus\":\"OK\",\"ErrorCode\":0,\"ErrorInfo\":\"\",\"TopicId\":\"" + community +
                              "@TOPIC#_news\"}"));
  EXPECT_EQ(call("group_open_http_svc/send_group_msg",
                 json::object{{"GroupId", community}, {"TopicId", community + "@TOPIC#_news"}, {"From_Account", "alice"},
                              {"Random", 1}, {"MsgBody", text_body("hi")}})
                .at("MsgSeq"),
            1);
  EXPECT_EQ(call("million_group_open_http_svc/no_such_command", json::object{}).at("ErrorCode"), 10003);
  EXPECT_EQ(call_as("alice", "million_group_open_http_svc/get_topic", R"({"GroupId":"x"})").at("ErrorCode"), 10007);
  EXPECT_EQ(post_raw("million_group_open_http_svc/get_topic", "{not json").at("ErrorCode"), 10011);
  EXPECT_EQ(call("million_group_open_http_svc/get_topic", json::object{{"GroupId", create()}}).at("ErrorCode"), 10007);
}

TEST_F(RestGroup, FaultRulesAndTheJournalCoverGroupCommands) {
  const auto id = create();
  add_fault(server, app, R"({"match":{"service":"group_open_http_svc","command":"send_group_msg"},"error_code":10023,"times":1})");
  EXPECT_EQ(send_group(id, "bob", 1).at("ErrorCode"), 10023);
  EXPECT_EQ(send_group(id, "bob", 1).at("ErrorCode"), 0);
  const auto entries = journal(server, app, "service=group_open_http_svc");
  ASSERT_GE(entries.size(), 3u);
  EXPECT_EQ(entries.back().at("command"), "send_group_msg") << json::serialize(entries.back());
}

TEST_F(RestGroup, AppGroupListIsLimitedToOneCallASecondWhenQuotasAreOn) {
  const auto put = server.request("PUT", app_path(app, "/quotas"), R"({"enabled":true})");
  ASSERT_EQ(put.status, 200u) << put.body;
  EXPECT_EQ(call("group_open_http_svc/get_appid_group_list", json::object{}).at("ErrorCode"), 0);
  EXPECT_EQ(call("group_open_http_svc/get_appid_group_list", json::object{}).at("ErrorCode"), 60007);
  pin_clock(kT0 + 1);
  EXPECT_EQ(call("group_open_http_svc/get_appid_group_list", json::object{}).at("ErrorCode"), 0);
}

TEST_F(RestGroup, TheLastGroupCommandsAnswerOverHttp) {
  const auto id = create();
  send_group(id, "bob", 1);
  EXPECT_EQ(call("group_open_http_svc/clear_group_msg", json::object{{"GroupId", id}}),
            json::parse(R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""})"));
  EXPECT_EQ(call("group_open_http_svc/get_specified_group_member_info",
                 json::object{{"GroupId", id}, {"Member_List_Account", json::array{"bob"}}, {"MemberInfoFilter", json::array{"Role"}}}),
            json::parse(R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","MemberList":[{"Member_Account":"bob","Role":"Member"}]})"));
  EXPECT_EQ(call("group_open_http_svc/get_group_msg_receipt_detail",
                 json::object{{"GroupId", id}, {"MsgSeq", 1}, {"Filter", 0}, {"Cursor", ""}})
                .at("ErrorCode"),
            10062);
  // send_broadcast_msg: 1 a second once the app's quotas are on (reference/rest-api.md §8).
  const auto put = server.request("PUT", app_path(app, "/quotas"), R"({"enabled":true})");
  ASSERT_EQ(put.status, 200u) << put.body;
  const json::object broadcast{{"Random", 1}, {"MsgBody", text_body("all rooms")}};
  EXPECT_EQ(call("group_open_http_svc/send_broadcast_msg", broadcast),
            json::parse(R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","MsgSeq":1})"));
  EXPECT_EQ(call("group_open_http_svc/send_broadcast_msg", broadcast).at("ErrorCode"), 60007);
}

TEST_F(RestGroup, AnAppResetTakesItsGroups) {
  const auto id = create();
  send_group(id, "bob", 1);
  const auto reset = server.request("POST", app_path(app, "/reset"));
  ASSERT_EQ(reset.status, 200u) << reset.body;
  EXPECT_EQ(call("group_open_http_svc/get_appid_group_list", json::object{}).at("TotalCount"), 0);
  EXPECT_EQ(call("group_open_http_svc/get_group_member_info", json::object{{"GroupId", id}}).at("ErrorCode"), 10010);
}

}  // namespace
}  // namespace timock::testing
