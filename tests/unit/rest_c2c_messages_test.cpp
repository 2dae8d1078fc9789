// openim's one-to-one commands called directly (reference/rest-api.md §3.2, §3.3, §5): batchsendmsg,
// importmsg, admin_msgwithdraw, modify_c2c_msg, admin_set_msg_read, get_c2c_unread_msg_num,
// query_online_status, querystate; and im_open_login_svc kick (§3.1). What they publish to the event hub is
// recorded.
#include "rest_c2c_fixture.hpp"
#include "store/friend_repository.hpp"

namespace timock::api::testing {
namespace {

using C2cMessages = C2cHandlers;

// ---- batchsendmsg ----

TEST_F(C2cMessages, BatchSendMsgStoresOneMessagePerTargetUnderOneMsgKeyAndPublishesEach) {
  import({"alice", "bob", "carol"});
  const auto r = call("openim/batchsendmsg", json::object{{"From_Account", "alice"},
                                                          {"To_Account", json::array{"bob", "carol"}},
                                                          {"MsgSeq", 28360},
                                                          {"MsgRandom", 19901224},
                                                          {"MsgBody", text("hi")}});
  ASSERT_EQ(r.code, 0) << r.info;
  EXPECT_EQ(r.action_status, "");
  EXPECT_EQ(r.fields, json::parse(R"({"MsgKey":"28360_19901224_1700000000"})"));
  for (const auto* peer : {"bob", "carol"}) {
    const auto list = roam(peer, "alice");
    ASSERT_EQ(list.size(), 1u) << peer;
    EXPECT_EQ(list[0].at("MsgKey").as_string(), "28360_19901224_1700000000");
    EXPECT_EQ(unread(peer, "alice"), 1);
  }
  ASSERT_EQ(listener.messages.size(), 2u);
  EXPECT_EQ(listener.messages[0].to_account, "bob");
  EXPECT_EQ(listener.messages[1].to_account, "carol");
}

TEST_F(C2cMessages, BatchSendMsgReportsUnimportedTargetsAsSomeErrorWith70107) {
  import({"alice", "bob"});
  const auto r = call("openim/batchsendmsg", json::object{{"From_Account", "alice"},
                                                          {"To_Account", json::array{"bob", "rong"}},
                                                          {"MsgRandom", 7},
                                                          {"MsgBody", text("hi")}});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.action_status, "SomeError");
  EXPECT_EQ(r.fields.at("ErrorList"), json::parse(R"([{"To_Account":"rong","ErrorCode":70107}])"));
  EXPECT_TRUE(r.fields.at("MsgKey").is_string());
  EXPECT_EQ(listener.messages.size(), 1u);
}

TEST_F(C2cMessages, BatchSendMsgFailsWith90012WhenEveryTargetFails) {
  import({"alice"});
  const auto r = call("openim/batchsendmsg", json::object{{"From_Account", "alice"},
                                                          {"To_Account", json::array{"x", "y"}},
                                                          {"MsgRandom", 7},
                                                          {"MsgBody", text("hi")}});
  EXPECT_EQ(r.code, 90012);
  EXPECT_TRUE(r.info.empty()) << "the catalogue's \"invalid To_Account\"";
  EXPECT_EQ(core::default_error_info(core::ErrorCode::openim_to_account_not_registered),
            "invalid To_Account");
  EXPECT_TRUE(listener.messages.empty());
}

TEST_F(C2cMessages, BatchSendMsgLimitsAndSenderChecks) {
  import({"alice", "bob"});
  json::array many;
  for (int i = 0; i < 501; ++i) many.emplace_back("u" + std::to_string(i));
  const std::pair<json::object, int> cases[] = {
      {{{"To_Account", many}, {"MsgRandom", 1}, {"MsgBody", text("x")}}, 90011},
      {{{"To_Account", json::array{}}, {"MsgRandom", 1}, {"MsgBody", text("x")}}, 90001},
      {{{"To_Account", "bob"}, {"MsgRandom", 1}, {"MsgBody", text("x")}}, 90001},
      {{{"To_Account", json::array{"bob", 3}}, {"MsgRandom", 1}, {"MsgBody", text("x")}}, 90001},
      {{{"From_Account", ""}, {"To_Account", json::array{"bob"}}, {"MsgRandom", 1}, {"MsgBody", text("x")}},
       90008},
      {{{"From_Account", "ghost"},
        {"To_Account", json::array{"bob"}},
        {"MsgRandom", 1},
        {"MsgBody", text("x")}},
       90048},
      {{{"To_Account", json::array{"bob"}}, {"MsgRandom", 1}, {"MsgSeq", -1}, {"MsgBody", text("x")}}, 90004},
  };
  for (const auto& [body, code] : cases)
    EXPECT_EQ(call("openim/batchsendmsg", body).code, code) << json::serialize(body);
}

TEST_F(C2cMessages, BatchSendMsgFromTheAdminByDefaultAndSyncOtherMachine2HidesItFromTheSender) {
  import({"bob"});
  ASSERT_EQ(call("openim/batchsendmsg", json::object{{"To_Account", json::array{"bob"}},
                                                     {"SyncOtherMachine", 2},
                                                     {"MsgRandom", 1},
                                                     {"MsgBody", text("x")}})
                .code,
            0);
  EXPECT_EQ(roam("bob", "administrator").size(), 1u);
  EXPECT_EQ(roam("administrator", "bob").size(), 0u);
}

// ---- importmsg ----

TEST_F(C2cMessages, ImportMsgHistoryCountsNoUnreadAndPushesNothing) {
  import({"alice", "bob"});
  ASSERT_EQ(import_msg(2, "alice", "bob", 1, 1, kNow - 3600).code, 0);
  EXPECT_EQ(roam("bob", "alice").size(), 1u);
  EXPECT_EQ(unread("bob", "alice"), 0);
  EXPECT_TRUE(listener.messages.empty());
  // It still makes a conversation on both sides (§3.3: "updates conversations").
  EXPECT_EQ(peers_of(contacts("bob")), std::vector<std::string>{"alice"});
  EXPECT_EQ(contacts("alice").at("SessionItem").at(0).at("MsgTime").as_int64(), kNow - 3600);
}

TEST_F(C2cMessages, ImportMsgRealtimeCountsUnreadAndPushes) {
  import({"alice", "bob"});
  ASSERT_EQ(import_msg(5, "alice", "bob", 1, 1, kNow - 10).code, 0);
  EXPECT_EQ(unread("bob", "alice"), 1);
  ASSERT_EQ(listener.messages.size(), 1u);
  EXPECT_EQ(listener.messages[0].msg_time, kNow - 10);
}

TEST_F(C2cMessages, ImportMsgDeDupsOnSeqRandomTimeAcrossSwappedSidesAndTheFirstWins) {
  import({"alice", "bob"});
  ASSERT_EQ(import_msg(2, "alice", "bob", 9, 8, kNow - 60, "first").code, 0);
  ASSERT_EQ(import_msg(2, "alice", "bob", 9, 8, kNow - 60, "again").code, 0);
  ASSERT_EQ(import_msg(5, "bob", "alice", 9, 8, kNow - 60, "swapped").code, 0);
  const auto list = roam("alice", "bob");
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].at("From_Account").as_string(), "alice");
  EXPECT_EQ(list[0].at("MsgBody").at(0).at("MsgContent").at("Text").as_string(), "first");
  EXPECT_TRUE(listener.messages.empty());
  // A different time is a different message.
  ASSERT_EQ(import_msg(2, "alice", "bob", 9, 8, kNow - 59).code, 0);
  EXPECT_EQ(roam("alice", "bob").size(), 2u);
}

TEST_F(C2cMessages, ImportMsgOfAnOlderMessageKeepsTheConversationsNewestTime) {
  import({"alice", "bob"});
  ASSERT_EQ(send("alice", "bob", 1, 1).code, 0);
  ASSERT_EQ(import_msg(2, "bob", "alice", 2, 2, kNow - 500).code, 0);
  EXPECT_EQ(contacts("alice").at("SessionItem").at(0).at("MsgTime").as_int64(), kNow);
}

TEST_F(C2cMessages, ImportMsgFieldErrors) {
  import({"alice", "bob"});
  const auto base = json::object{{"SyncFromOldSystem", 2}, {"From_Account", "alice"}, {"To_Account", "bob"},
                                 {"MsgRandom", 1},         {"MsgTimeStamp", kNow},    {"MsgBody", text("x")}};
  const auto with = [&](std::string_view key, json::value value) {
    auto body = base;
    if (value.is_null())
      body.erase(key);
    else
      body[key] = value;
    return body;
  };
  const std::pair<json::object, int> cases[] = {
      {with("SyncFromOldSystem", nullptr), 90030},
      {with("SyncFromOldSystem", "2"), 90030},
      {with("SyncFromOldSystem", 1), 90030},
      {with("MsgTimeStamp", nullptr), 90006},
      {with("MsgTimeStamp", "1700000000"), 90006},
      {with("From_Account", nullptr), 90008},
      {with("To_Account", nullptr), 90003},
      {with("MsgRandom", nullptr), 90005},
      {with("MsgSeq", "1"), 90004},
      {with("MsgBody", "hi"), 90007},
      {with("MsgBody", json::array{}), 90002},
      {with("CloudCustomData", 1), 90010},
      {with("From_Account", "ghost"), 90048},
      {with("To_Account", "ghost"), 90012},
  };
  for (const auto& [body, code] : cases)
    EXPECT_EQ(call("openim/importmsg", body).code, code) << json::serialize(body);
  EXPECT_EQ(call("openim/importmsg", base).code, 0);
}

// ---- admin_msgwithdraw / modify_c2c_msg ----

TEST_F(C2cMessages, WithdrawFlagsTheMessage8InBothViewsAndItStopsCountingAsUnread) {
  import({"alice", "bob"});
  const auto key = std::string(send("alice", "bob", 5, 6).fields.at("MsgKey").as_string());
  ASSERT_EQ(send("alice", "bob", 7, 8).code, 0);
  ASSERT_EQ(unread("bob", "alice"), 2);
  const auto withdraw = json::object{{"From_Account", "alice"}, {"To_Account", "bob"}, {"MsgKey", key}};
  ASSERT_EQ(call("openim/admin_msgwithdraw", withdraw).code, 0);
  for (const auto& [op, peer] : {std::pair{"alice", "bob"}, std::pair{"bob", "alice"}}) {
    const auto list = roam(op, peer);
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[1].at("MsgKey").as_string(), key);
    EXPECT_EQ(list[1].at("MsgFlagBits").as_int64(), 8);
    EXPECT_EQ(list[0].at("MsgFlagBits").as_int64(), 0);
  }
  EXPECT_EQ(unread("bob", "alice"), 1);
  EXPECT_EQ(call("openim/admin_msgwithdraw", withdraw).code, 20023);
}

TEST_F(C2cMessages, WithdrawErrors) {
  import({"alice", "bob"});
  ASSERT_EQ(send("alice", "bob", 5, 6).code, 0);
  const std::pair<std::string, int> cases[] = {
      {R"({"From_Account":"alice","To_Account":"bob","MsgKey":"5_6_1700000001"})", 20022},
      {R"({"From_Account":"bob","To_Account":"alice","MsgKey":"5_6_1700000000"})", 20022},  // other direction
      {R"({"From_Account":"alice","To_Account":"bob","MsgKey":"5-6-1700000000"})", 90054},
      {R"({"From_Account":"alice","To_Account":"bob","MsgKey":"5_6"})", 90054},
      {R"({"From_Account":"alice","To_Account":"bob"})", 90054},
      {R"({"To_Account":"bob","MsgKey":"5_6_1700000000"})", 90008},
      {R"({"From_Account":"ghost","To_Account":"bob","MsgKey":"5_6_1700000000"})", 90008},
      {R"({"From_Account":"alice","MsgKey":"5_6_1700000000"})", 90003},
      {R"({"From_Account":"alice","To_Account":"ghost","MsgKey":"5_6_1700000000"})", 90003},
  };
  for (const auto& [body, code] : cases) EXPECT_EQ(call("openim/admin_msgwithdraw", body).code, code) << body;
}

TEST_F(C2cMessages, ModifyC2cMsgOverwritesTheGivenFieldsAndSaysSucceed) {
  import({"alice", "bob"});
  ASSERT_EQ(send("alice", "bob", 5, 6, {{"CloudCustomData", "old"}}).code, 0);
  const auto r = call("openim/modify_c2c_msg", json::object{{"From_Account", "alice"},
                                                            {"To_Account", "bob"},
                                                            {"MsgKey", "5_6_1700000000"},
                                                            {"MsgBody", text("edited")}});
  ASSERT_EQ(r.code, 0);
  EXPECT_EQ(r.info, "succeed");
  auto item = roam("bob", "alice").at(0);
  EXPECT_EQ(item.at("MsgBody"), text("edited"));
  EXPECT_EQ(item.at("CloudCustomData").as_string(), "old");
  ASSERT_EQ(
      call("openim/modify_c2c_msg", R"({"From_Account":"alice","To_Account":"bob","MsgKey":"5_6_1700000000",
                                             "CloudCustomData":"new"})")
          .code,
      0);
  item = roam("alice", "bob").at(0);
  EXPECT_EQ(item.at("MsgBody"), text("edited"));
  EXPECT_EQ(item.at("CloudCustomData").as_string(), "new");
  EXPECT_EQ(
      call("openim/modify_c2c_msg", R"({"From_Account":"alice","To_Account":"bob","MsgKey":"1_1_1"})").code,
      20022);
  EXPECT_EQ(
      call("openim/modify_c2c_msg", R"({"From_Account":"alice","To_Account":"bob","MsgKey":"5_6_1700000000",
                                             "MsgBody":{}})")
          .code,
      90007);
}

// ---- admin_set_msg_read / get_c2c_unread_msg_num ----

TEST_F(C2cMessages, SetMsgReadReadsThePeersMessagesUpToMsgReadTimeAndShowsIsPeerRead) {
  import({"alice", "bob", "carol"});
  ASSERT_EQ(send("alice", "bob", 1, 1).code, 0);
  clock.set_now(kNow + 10, true);
  ASSERT_EQ(send("alice", "bob", 2, 2).code, 0);
  ASSERT_EQ(send("carol", "bob", 3, 3).code, 0);
  EXPECT_EQ(unread_total("bob"), 3);
  ASSERT_EQ(
      call("openim/admin_set_msg_read",
           json::object{{"Report_Account", "bob"}, {"Peer_Account", "alice"}, {"MsgReadTime", "1700000005"}})
          .code,
      0);
  EXPECT_EQ(unread("bob", "alice"), 1);
  auto list = roam("alice", "bob");
  EXPECT_EQ(list[0].at("IsPeerRead").as_int64(), 0);
  EXPECT_EQ(list[1].at("IsPeerRead").as_int64(), 1);
  // Without MsgReadTime: everything up to now.
  ASSERT_EQ(call("openim/admin_set_msg_read", R"({"Report_Account":"bob","Peer_Account":"alice"})").code, 0);
  EXPECT_EQ(unread("bob", "alice"), 0);
  EXPECT_EQ(unread("bob", "carol"), 1);
  EXPECT_EQ(unread_total("bob"), 1);
  for (const auto& [body, code] : std::initializer_list<std::pair<std::string, int>>{
           {R"({"Peer_Account":"alice"})", 90008},
           {R"({"Report_Account":"ghost","Peer_Account":"alice"})", 90008},
           {R"({"Report_Account":"bob"})", 90003},
           {R"({"Report_Account":"bob","Peer_Account":"ghost"})", 90003},
           {R"({"Report_Account":"bob","Peer_Account":"alice","MsgReadTime":"soon"})", 90001}})
    EXPECT_EQ(call("openim/admin_set_msg_read", body).code, code) << body;
}

TEST_F(C2cMessages, UnreadNumIsPerPeerWithAnErrorListForUnimportedPeers) {
  import({"dramon1", "dramon2", "teacher"});
  for (int i = 0; i < 3; ++i) ASSERT_EQ(send("dramon2", "dramon1", i, i).code, 0);
  ASSERT_EQ(send("teacher", "dramon1", 9, 9, {{"SendMsgControl", json::array{"NoUnread"}}}).code, 0);
  const auto r = call("openim/get_c2c_unread_msg_num",
                      R"({"To_Account":"dramon1","Peer_Account":["dramon2","teacher","nobody"]})");
  ASSERT_EQ(r.code, 0);
  EXPECT_EQ(r.fields, json::parse(R"({"C2CUnreadMsgNumList":[{"Peer_Account":"dramon2","C2CUnreadMsgNum":3},
      {"Peer_Account":"teacher","C2CUnreadMsgNum":0}],"ErrorList":[{"Peer_Account":"nobody","ErrorCode":70107}]})"));
  EXPECT_EQ(unread_total("dramon1"), 3);
  EXPECT_EQ(unread_total("dramon2"), 0);
  const std::pair<std::string, int> cases[] = {
      {R"({})", 90003},
      {R"({"To_Account":"ghost"})", 90003},
      {R"({"To_Account":"dramon1","Peer_Account":"dramon2"})", 90001},
      {R"({"To_Account":"dramon1","Peer_Account":["a","b","c","d","e","f","g","h","i","j","k"]})", 90001},
  };
  for (const auto& [body, code] : cases)
    EXPECT_EQ(call("openim/get_c2c_unread_msg_num", body).code, code) << body;
}

// ---- query_online_status / querystate ----

TEST_F(C2cMessages, QueryOnlineStatusAsksThePresenceOfTheClientProtocols) {
  import({"id1", "id2"});
  listener.online.insert("id1");
  const auto r = call("openim/query_online_status", R"({"IsNeedDetail":1,"To_Account":["id1","id2","id4"]})");
  ASSERT_EQ(r.code, 0);
  EXPECT_EQ(r.fields, json::parse(R"({"QueryResult":[{"To_Account":"id1","Status":"Online",
      "Detail":[{"Platform":"Web","Status":"Online"}]},{"To_Account":"id2","Status":"Offline"}],
      "ErrorList":[{"To_Account":"id4","ErrorCode":70107}]})"));
  const auto plain = call("openim/query_online_status", R"({"To_Account":["id1"]})");
  EXPECT_EQ(plain.fields, json::parse(R"({"QueryResult":[{"To_Account":"id1","Status":"Online"}]})"));
  const auto old = call("openim/querystate", R"({"To_Account":["id1","id2"]})");
  EXPECT_EQ(old.fields, json::parse(R"({"QueryResult":[{"To_Account":"id1","State":"Online"},
      {"To_Account":"id2","State":"Offline"}]})"));
}

TEST_F(C2cMessages, QueryOnlineStatusErrors) {
  import({"id1"});
  json::array many;
  for (int i = 0; i < 501; ++i) many.emplace_back("u" + std::to_string(i));
  for (const auto* command : {"openim/query_online_status", "openim/querystate"}) {
    EXPECT_EQ(call(command, json::object{{"To_Account", many}}).code, 90011);
    EXPECT_EQ(call(command, R"({"To_Account":[]})").code, 90001);
    EXPECT_EQ(call(command, R"({})").code, 90003);
    EXPECT_EQ(call(command, R"({"To_Account":"id1"})").code, 90003);
  }
  const auto none = call("openim/query_online_status", R"({"To_Account":["x"]})");
  EXPECT_EQ(none.code, 70107);
  EXPECT_EQ(none.fields.at("ErrorList"), json::parse(R"([{"To_Account":"x","ErrorCode":70107}])"));
}

// ---- kick / account_delete ----

TEST_F(C2cMessages, KickPublishesTheKickForUserIDOrIdentifierAndAnswers70107ForUnknownAccounts) {
  import({"alice", "bob"});
  EXPECT_EQ(call("im_open_login_svc/kick", R"({"UserID":"alice"})").code, 0);
  EXPECT_EQ(call("im_open_login_svc/kick", R"({"Identifier":"bob"})").code, 0);
  EXPECT_EQ(listener.kicked, (std::vector<std::string>{"alice", "bob"}));
  EXPECT_EQ(call("im_open_login_svc/kick", R"({"UserID":"ghost"})").code, 70107);
  EXPECT_EQ(call("im_open_login_svc/kick", R"({})").code, 70402);
  EXPECT_EQ(call("im_open_login_svc/kick", R"({"UserID":3})").code, 70402);
  EXPECT_EQ(listener.kicked.size(), 2u);
}

TEST_F(C2cMessages, AccountDeleteKicksTheDeletedAccountsOnly) {
  import({"alice"});
  const auto r =
      call("im_open_login_svc/account_delete", R"({"DeleteItem":[{"UserID":"alice"},{"UserID":"x"}]})");
  ASSERT_EQ(r.code, 0);
  EXPECT_EQ(listener.kicked, std::vector<std::string>{"alice"});
}

TEST_F(C2cMessages, AdminRestSendsIgnoreTheReceiversBlacklist) {
  import({"alice", "bob"});
  {
    auto locked = store.lock();
    ASSERT_TRUE(store::FriendRepository(locked.db(), app->sdkappid).block("bob", "alice", kNow));
  }
  // §3.3: sendmsg "does not check friendship/blacklist/mute of sender" (20007 is a client-side check).
  EXPECT_EQ(send("alice", "bob", 1, 1).code, 0);
  EXPECT_EQ(call("openim/batchsendmsg", json::object{{"From_Account", "alice"},
                                                     {"To_Account", json::array{"bob"}},
                                                     {"MsgRandom", 2},
                                                     {"MsgBody", text("x")}})
                .code,
            0);
  EXPECT_EQ(import_msg(5, "alice", "bob", 3, 3, kNow).code, 0);
  EXPECT_EQ(unread("bob", "alice"), 3);
}

}  // namespace
}  // namespace timock::api::testing
