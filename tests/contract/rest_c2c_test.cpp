// One-to-one chat over HTTP (reference/rest-api.md §3.1–3.3, §5): the replies of batchsendmsg, importmsg,
// admin_msgwithdraw, admin_set_msg_read, get_c2c_unread_msg_num, modify_c2c_msg, query_online_status /
// querystate and kick, field by field, and their effects on the roaming and unread views and on WebIM
// clients.
#include "rest_endpoints.hpp"
#include "webim_client.hpp"

namespace timock::testing {
namespace {

class RestC2c : public RestEndpointsBase, public ::testing::Test {
 protected:
  void SetUp() override {
    import({"alice", "bob", "carol"});
    pin_clock(kT0);
  }
  json::object unread(const std::string& owner, const json::array& peers = {}) const {
    json::object body{{"To_Account", owner}};
    if (!peers.empty()) body["Peer_Account"] = peers;
    return call("openim/get_c2c_unread_msg_num", body);
  }
  json::object import_msg(int sync, const std::string& from, const std::string& to, std::int64_t seq,
                          std::int64_t time) const {
    return call("openim/importmsg", json::object{{"SyncFromOldSystem", sync},
                                                 {"From_Account", from},
                                                 {"To_Account", to},
                                                 {"MsgSeq", seq},
                                                 {"MsgRandom", seq},
                                                 {"MsgTimeStamp", time},
                                                 {"MsgBody", text_body("imported")}});
  }
  std::unique_ptr<WebImClient> webim(const std::string& user) const {
    auto client =
        std::make_unique<WebImClient>(server, app.sdkappid, user, mint_sig(server, app.sdkappid, user));
    client->login_and_connect();
    return client;
  }
};

TEST_F(RestC2c, BatchSendMsgRepliesOkSomeErrorOrFailAsDocumented) {
  const auto body = [](json::array to) {
    return json::object{{"SyncOtherMachine", 2},       {"From_Account", "alice"},
                        {"To_Account", std::move(to)}, {"MsgSeq", 28360},
                        {"MsgRandom", 19901224},       {"MsgBody", text_body("hi, beauty")}};
  };
  EXPECT_EQ(
      call("openim/batchsendmsg", body({"bob", "carol"})),
      json::parse(
          R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","MsgKey":"28360_19901224_1700000000"})"));
  pin_clock(kT0 + 1);
  EXPECT_EQ(call("openim/batchsendmsg", body({"bob", "rong"})), json::parse(R"({"ActionStatus":"SomeError",
      "ErrorCode":0,"ErrorInfo":"","MsgKey":"28360_19901224_1700000001",
      "ErrorList":[{"To_Account":"rong","ErrorCode":70107}]})"));
  EXPECT_EQ(call("openim/batchsendmsg", body({"rong", "ghost"})),
            json::parse(R"({"ActionStatus":"FAIL","ErrorCode":90012,"ErrorInfo":"invalid To_Account"})"));
  EXPECT_EQ(roam("bob", "alice", 10, kT0, kT0 + 1).at("MsgCnt").as_int64(), 2);
  EXPECT_EQ(roam("carol", "alice", 10, kT0, kT0 + 1).at("MsgCnt").as_int64(), 1);
  EXPECT_EQ(roam("alice", "bob", 10, kT0, kT0 + 1).at("MsgCnt").as_int64(), 0) << "SyncOtherMachine 2";
}

TEST_F(RestC2c, BatchSendMsgReachesAWebImClient) {
  auto bob = webim("bob");
  ASSERT_EQ(bob->poll().code(), 60008);  // the first poll answers at once
  auto parked = bob->start_poll();
  ASSERT_EQ(call("openim/batchsendmsg", json::object{{"From_Account", "alice"},
                                                     {"To_Account", {"bob", "carol"}},
                                                     {"MsgRandom", 5},
                                                     {"MsgBody", text_body("to all")}})
                .at("ActionStatus")
                .as_string(),
            "OK");
  const auto got = parked.get();
  ASSERT_EQ(got.inline_messages().size(), 1u) << json::serialize(got.reply);
  EXPECT_EQ(text_of(got.inline_messages()[0]), "to all");
}

TEST_F(RestC2c, ImportMsgRepliesTheEnvelopeAndFeedsRoamingUnreadAndConversations) {
  EXPECT_EQ(import_msg(2, "alice", "bob", 1, kT0 - 100),
            json::parse(R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""})"));
  EXPECT_EQ(import_msg(5, "alice", "bob", 2, kT0 - 50).at("ErrorCode").as_int64(), 0);
  EXPECT_EQ(import_msg(2, "bob", "alice", 1, kT0 - 100).at("ErrorCode").as_int64(), 0)
      << "a duplicate: still OK";
  const auto history = roam("bob", "alice", 10, 0, kT0);
  EXPECT_EQ(history.at("MsgCnt").as_int64(), 2);
  EXPECT_EQ(history.at("MsgList").at(1).at("MsgKey").as_string(), "1_1_1699999900");
  EXPECT_EQ(unread("bob", {"alice"}).at("C2CUnreadMsgNumList"),
            json::parse(R"([{"Peer_Account":"alice","C2CUnreadMsgNum":1}])"));
  const auto list = call("recentcontact/get_list", json::parse(R"({"From_Account":"bob","TimeStamp":0,
      "StartIndex":0,"TopTimeStamp":0,"TopStartIndex":0,"AssistFlags":7})"));
  EXPECT_EQ(list.at("SessionItem"),
            json::parse(R"([{"Type":1,"To_Account":"alice","MsgTime":1699999950,"TopFlag":0}])"));
}

TEST_F(RestC2c, WithdrawnMessagesStayInRoamingWithMsgFlagBits8) {
  const auto key = std::string(send("alice", "bob", 11, 21).at("MsgKey").as_string());
  EXPECT_EQ(call("openim/admin_msgwithdraw",
                 json::object{{"From_Account", "alice"}, {"To_Account", "bob"}, {"MsgKey", key}}),
            json::parse(R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""})"));
  const auto item = roam("bob", "alice", 10, kT0, kT0).at("MsgList").at(0).as_object();
  EXPECT_EQ(item.at("MsgKey").as_string(), key);
  EXPECT_EQ(item.at("MsgFlagBits").as_int64(), 8);
  EXPECT_EQ(roam("alice", "bob", 10, kT0, kT0).at("MsgList").at(0).at("MsgFlagBits").as_int64(), 8);
  EXPECT_EQ(unread("bob").at("AllC2CUnreadMsgNum").as_int64(), 0);
  const auto again = call("openim/admin_msgwithdraw",
                          json::object{{"From_Account", "alice"}, {"To_Account", "bob"}, {"MsgKey", key}});
  EXPECT_EQ(again.at("ErrorCode").as_int64(), 20023);
}

TEST_F(RestC2c, SetMsgReadClearsUnreadAndShowsIsPeerReadToTheSender) {
  ASSERT_EQ(send("alice", "bob", 1, 1).at("ErrorCode").as_int64(), 0);
  pin_clock(kT0 + 10);
  ASSERT_EQ(send("alice", "bob", 2, 2).at("ErrorCode").as_int64(), 0);
  ASSERT_EQ(send("carol", "bob", 3, 3).at("ErrorCode").as_int64(), 0);
  EXPECT_EQ(unread("bob"),
            json::parse(R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","AllC2CUnreadMsgNum":3})"));
  EXPECT_EQ(
      call("openim/admin_set_msg_read",
           json::object{{"Report_Account", "bob"}, {"Peer_Account", "alice"}, {"MsgReadTime", "1700000005"}}),
      json::parse(R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""})"));
  EXPECT_EQ(unread("bob", {"alice", "carol", "nobody"}), json::parse(R"({"ActionStatus":"OK","ErrorCode":0,
      "ErrorInfo":"","C2CUnreadMsgNumList":[{"Peer_Account":"alice","C2CUnreadMsgNum":1},
      {"Peer_Account":"carol","C2CUnreadMsgNum":1}],"ErrorList":[{"Peer_Account":"nobody","ErrorCode":70107}]})"));
  const auto view = roam("alice", "bob", 10, kT0, kT0 + 10).at("MsgList");
  EXPECT_EQ(view.at(0).at("IsPeerRead").as_int64(), 0);
  EXPECT_EQ(view.at(1).at("IsPeerRead").as_int64(), 1);
  ASSERT_EQ(
      call("openim/admin_set_msg_read", json::object{{"Report_Account", "bob"}, {"Peer_Account", "alice"}})
          .at("ErrorCode")
          .as_int64(),
      0);
  EXPECT_EQ(unread("bob").at("AllC2CUnreadMsgNum").as_int64(), 1);
}

TEST_F(RestC2c, ModifyC2cMsgOverwritesBodyAndCloudCustomData) {
  ASSERT_EQ(send("alice", "bob", 7, 8, {{"CloudCustomData", "before"}}).at("ErrorCode").as_int64(), 0);
  EXPECT_EQ(call("openim/modify_c2c_msg", json::object{{"From_Account", "alice"},
                                                       {"To_Account", "bob"},
                                                       {"MsgKey", "7_8_1700000000"},
                                                       {"MsgBody", text_body("after")},
                                                       {"CloudCustomData", "ccd"}}),
            json::parse(R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"succeed"})"));
  const auto item = roam("bob", "alice", 10, kT0, kT0).at("MsgList").at(0);
  EXPECT_EQ(item.at("MsgBody"), text_body("after"));
  EXPECT_EQ(item.at("CloudCustomData").as_string(), "ccd");
}

TEST_F(RestC2c, QueryOnlineStatusSeesALoggedInWebImClientAndQuerystateAnswersState) {
  auto alice = webim("alice");
  EXPECT_EQ(call("openim/query_online_status",
                 json::parse(R"({"IsNeedDetail":1,"To_Account":["alice","bob","id4"]})")),
            json::parse(R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"",
      "QueryResult":[{"To_Account":"alice","Status":"Online","Detail":[{"Platform":"Web","Status":"Online"}]},
                     {"To_Account":"bob","Status":"Offline"}],
      "ErrorList":[{"To_Account":"id4","ErrorCode":70107}]})"));
  EXPECT_EQ(call("openim/querystate", json::parse(R"({"To_Account":["alice","bob"]})")),
            json::parse(R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"",
      "QueryResult":[{"To_Account":"alice","State":"Online"},{"To_Account":"bob","State":"Offline"}]})"));
  ASSERT_EQ(alice->logout_all().at("ActionStatus").as_string(), "OK");
  EXPECT_EQ(call("openim/query_online_status", json::parse(R"({"To_Account":["alice"]})")).at("QueryResult"),
            json::parse(R"([{"To_Account":"alice","Status":"Offline"}])"));
}

TEST_F(RestC2c, KickEndsTheUsersWebImSessionWith91101AndLeavesItOffline) {
  auto alice = webim("alice");
  ASSERT_EQ(alice->poll().code(), 60008);
  auto parked = alice->start_poll();
  EXPECT_EQ(call("im_open_login_svc/kick", json::parse(R"({"UserID":"alice"})")),
            json::parse(R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""})"));
  EXPECT_EQ(parked.get().code(), 91101);
  EXPECT_EQ(call("openim/query_online_status", json::parse(R"({"To_Account":["alice"]})")).at("QueryResult"),
            json::parse(R"([{"To_Account":"alice","Status":"Offline"}])"));
  // §3.1: a fresh UserSig logs in again.
  auto again = webim("alice");
  EXPECT_EQ(call("openim/querystate", json::parse(R"({"To_Account":["alice"]})")).at("QueryResult"),
            json::parse(R"([{"To_Account":"alice","State":"Online"}])"));
  // The 2018 field name.
  EXPECT_EQ(
      call("im_open_login_svc/kick", json::parse(R"({"Identifier":"alice"})")).at("ErrorCode").as_int64(), 0);
  EXPECT_EQ(again->poll().code(), 91101);
}

TEST_F(RestC2c, AccountDeleteKicksTheDeletedAccountsClients) {
  auto carol = webim("carol");
  ASSERT_EQ(carol->poll().code(), 60008);
  const auto reply =
      call("im_open_login_svc/account_delete", json::parse(R"({"DeleteItem":[{"UserID":"carol"}]})"));
  EXPECT_EQ(reply.at("ResultItem"), json::parse(R"([{"ResultCode":0,"ResultInfo":"","UserID":"carol"}])"));
  EXPECT_EQ(carol->poll().code(), 91101);
}

TEST_F(RestC2c, AccountCheckCountsTheAdminAsImported) {
  EXPECT_EQ(call("im_open_login_svc/account_check", json::object{{"CheckItem", {{{"UserID", app.admin}}}}})
                .at("ResultItem")
                .at(0)
                .at("AccountStatus")
                .as_string(),
            "Imported");
}

TEST_F(RestC2c, RestSendsAreNotBlockedByTheReceiversBlacklist) {
  // bob blocks alice (loaded as a snapshot: timock's sns has no black_list_add yet).
  auto snapshot = json::parse(server.get("/mock/apps/" + std::to_string(app.sdkappid) + "/snapshot").body);
  auto& app_state = snapshot.at("apps").at(0).as_object();
  app_state["blacklist"] =
      json::array{json::object{{"owner", "bob"}, {"blocked", "alice"}, {"add_time", kT0}}};
  const auto put = server.request("PUT", "/mock/apps/" + std::to_string(app.sdkappid) + "/snapshot",
                                  json::serialize(snapshot));
  ASSERT_EQ(put.status, 200u) << put.body;
  // §3.3: sendmsg does not check the blacklist (20007 is the client SDK's check).
  EXPECT_EQ(send("alice", "bob", 1, 1).at("ErrorCode").as_int64(), 0);
  EXPECT_EQ(call("openim/batchsendmsg", json::object{{"From_Account", "alice"},
                                                     {"To_Account", {"bob"}},
                                                     {"MsgRandom", 2},
                                                     {"MsgBody", text_body("x")}})
                .at("ActionStatus")
                .as_string(),
            "OK");
  EXPECT_EQ(unread("bob", {"alice"}).at("C2CUnreadMsgNumList").at(0).at("C2CUnreadMsgNum").as_int64(), 2);
}

}  // namespace
}  // namespace timock::testing
