// The control plane on the Chat SDK socket (reference/modern-sdk-protocol.md §4, run I): fault rules match a
// frame's servcmd as service + command, after the login check and before the command, and shape only that
// frame's reply; the journal records every answered frame under the surface "chatsdk".
#include <gtest/gtest.h>

#include <chrono>

#include "chatsdk_fixture.hpp"

namespace timock::testing::chatsdk {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

json::object sendmsg_fault(json::object extra) {
  extra["match"] = json::object{{"service", "openim"}, {"command", "sendmsg"}};
  return extra;
}

using ChatSdkFaults = ChatSdkTest;

TEST_F(ChatSdkFaults, ErrorCodeRuleFailsTheNextSendMsgOnceThenItSucceeds) {
  auto alice = logged_in("alice");
  add_fault(sendmsg_fault({{"error_code", 20003}, {"times", 1}}));
  const auto failed = alice->call("openim.sendmsg", sendmsg_body("alice", "bob", "fails", 1, 1, 0));
  EXPECT_EQ(code_of(failed), 20003) << json::serialize(failed);
  EXPECT_EQ(failed.at("ActionStatus").as_string(), "FAIL");
  EXPECT_TRUE(roam("alice", "bob").empty()) << "a faulted send stores nothing";
  // Other commands are not matched.
  EXPECT_EQ(code_of(alice->call("heartbeat.alive")), 0);
  const auto ok = alice->call("openim.sendmsg", sendmsg_body("alice", "bob", "works", 2, 2, 0));
  EXPECT_EQ(code_of(ok), 0) << json::serialize(ok);
  EXPECT_EQ(roam("alice", "bob").size(), 1u);
}

TEST_F(ChatSdkFaults, RuleMatchesTheLoggedInUserAndThePeer) {
  auto alice = logged_in("alice");
  auto bob = logged_in("bob");
  add_fault({{"match", json::object{{"service", "openim"}, {"command", "sendmsg"}, {"identifier", "bob"}}},
             {"error_code", 20003}});
  add_fault({{"match", json::object{{"service", "openim"}, {"command", "getroammsg"}, {"peer", "carol"}}},
             {"error_code", 20004}});
  EXPECT_EQ(code_of(alice->call("openim.sendmsg", sendmsg_body("alice", "bob", "a", 1, 1, 0))), 0);
  EXPECT_EQ(code_of(bob->call("openim.sendmsg", sendmsg_body("bob", "alice", "b", 1, 1, 0))), 20003);
  const json::object roam_bob{{"Peer_Account", "bob"}, {"MaxCnt", 15}, {"LastMsgTime", 0}, {"MsgKey", ""}};
  const json::object roam_carol{
      {"Peer_Account", "carol"}, {"MaxCnt", 15}, {"LastMsgTime", 0}, {"MsgKey", ""}};
  EXPECT_EQ(code_of(alice->call("openim.getroammsg", roam_bob)), 0);
  EXPECT_EQ(code_of(alice->call("openim.getroammsg", roam_carol)), 20004);
}

TEST_F(ChatSdkFaults, LoginIsCheckedBeforeTheFaultGate) {
  add_fault(sendmsg_fault({{"error_code", 20003}}));
  auto anonymous = socket();
  EXPECT_EQ(code_of(anonymous->call("openim.sendmsg", sendmsg_body("alice", "bob", "x", 1, 1, 0))), 70001);
}

TEST_F(ChatSdkFaults, RuleOnWsloginFailsTheLogin) {
  add_fault({{"match", json::object{{"service", "im_open_status"}, {"command", "wslogin"}}},
             {"error_code", 70001},
             {"times", 1}});
  auto client = socket();
  EXPECT_EQ(code_of(client->login("alice", sig("alice"))), 70001);
  EXPECT_TRUE(client->a2().empty());
  EXPECT_EQ(code_of(client->login("alice", sig("alice"))), 0);
}

TEST_F(ChatSdkFaults, DelayHoldsOnlyThatReplyWhileLaterFramesAreAnswered) {
  auto alice = logged_in("alice");
  add_fault(sendmsg_fault({{"delay_ms", 800}, {"times", 1}}));
  const auto start = Clock::now();
  const auto send_seq = alice->send("openim.sendmsg", {}, sendmsg_body("alice", "bob", "slow", 1, 1, 0));
  const auto alive = alice->call("heartbeat.alive");
  const double heartbeat_ms = ms_since(start);
  EXPECT_EQ(code_of(alive), 0);
  EXPECT_LT(heartbeat_ms, 500) << "the heartbeat must not wait behind the delayed reply (§5: 3 s deadline)";
  EXPECT_FALSE(alice->wait_reply_frame("openim.sendmsg", send_seq, 0ms, true))
      << "the delayed reply came early";
  const auto sent = alice->wait_reply("openim.sendmsg", send_seq, 3s);
  const double send_ms = ms_since(start);
  EXPECT_EQ(code_of(sent), 0) << json::serialize(sent);
  EXPECT_GE(send_ms, 750);
  EXPECT_LT(send_ms, 2500);
}

TEST_F(ChatSdkFaults, DropConnectionClosesTheSocketWithoutAReplyAndTheLoginSurvives) {
  auto alice = logged_in("alice");
  add_fault(sendmsg_fault({{"drop_connection", true}, {"times", 1}}));
  const auto seq = alice->send("openim.sendmsg", {}, sendmsg_body("alice", "bob", "dropped", 1, 1, 0));
  EXPECT_TRUE(alice->wait_closed(2s)) << "the socket was not closed";
  EXPECT_FALSE(alice->wait_reply_frame("openim.sendmsg", seq, 0ms, true));
  EXPECT_TRUE(roam("alice", "bob").empty());
  // The SDK reconnects and logs in again with its A2Key (§6.10, run J); the re-sent request then goes
  // through.
  auto again = socket();
  ASSERT_EQ(code_of(again->relogin(alice->a2(), alice->tinyid())), 0);
  EXPECT_EQ(code_of(again->call("openim.sendmsg", sendmsg_body("alice", "bob", "dropped", 1, 1, 0))), 0);
  EXPECT_EQ(roam("alice", "bob").size(), 1u);
  EXPECT_EQ(server.get("/mock/health").status, 200u);
}

TEST_F(ChatSdkFaults, JournalRecordsSocketCallsUnderTheChatsdkSurface) {
  auto alice = logged_in("alice");
  add_fault(sendmsg_fault({{"error_code", 20003}, {"times", 1}}));
  ASSERT_EQ(code_of(alice->call("openim.sendmsg", sendmsg_body("alice", "bob", "one", 1, 1, 0))), 20003);
  const auto ok = alice->call("openim.sendmsg", sendmsg_body("alice", "bob", "two", 2, 2, 0));
  ASSERT_EQ(code_of(ok), 0);
  ASSERT_EQ(code_of(alice->call("im_cos_sign_svr.cos", {{"Type", "Public"}})), 60020);

  const auto sends = journal("service=openim&command=sendmsg");
  ASSERT_EQ(sends.size(), 2u) << json::serialize(sends);
  for (const auto& entry : sends) {
    EXPECT_EQ(entry.at("surface").as_string(), "chatsdk") << json::serialize(entry);
    EXPECT_EQ(entry.at("method").as_string(), "WS");
    EXPECT_EQ(entry.at("path").as_string(), "/binfo");
    EXPECT_EQ(entry.at("identifier").as_string(), "alice");
    EXPECT_EQ(entry.at("request").at("To_Account").as_string(), "bob");
  }
  std::map<std::int64_t, json::object> by_code;
  for (const auto& entry : sends) by_code[entry.at("error_code").as_int64()] = entry.as_object();
  ASSERT_TRUE(by_code.contains(20003) && by_code.contains(0)) << json::serialize(sends);
  EXPECT_FALSE(by_code.at(20003).at("fault_rule").is_null()) << "the rule that fired is named";
  EXPECT_TRUE(by_code.at(0).at("fault_rule").is_null());
  EXPECT_EQ(by_code.at(0).at("reply").at("MsgTime").to_number<std::int64_t>(),
            ok.at("MsgTime").to_number<std::int64_t>());

  const auto logins = journal("service=im_open_status&command=wslogin");
  ASSERT_EQ(logins.size(), 1u);
  EXPECT_EQ(logins.at(0).at("surface").as_string(), "chatsdk");
  const auto unknown = journal("service=im_cos_sign_svr");
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown.at(0).at("command").as_string(), "cos");
  EXPECT_EQ(unknown.at(0).at("error_code").as_int64(), 60020);
  // A refused login is journaled too, under the identifier it claimed.
  auto stranger = socket();
  ASSERT_EQ(code_of(stranger->login("bob", "garbage")), 70003);
  const auto refused = journal("service=im_open_status&command=wslogin&error_code=70003");
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_EQ(refused.at(0).at("identifier").as_string(), "bob");
}

TEST_F(ChatSdkFaults, JournalFiltersBySurface) {
  auto alice = logged_in("alice");
  ASSERT_EQ(code_of(rest_send("bob", "alice", "rest", 1)), 0);
  const auto entries = journal("surface=chatsdk");
  ASSERT_FALSE(entries.empty());
  for (const auto& entry : entries) EXPECT_EQ(entry.at("surface").as_string(), "chatsdk");
}

}  // namespace
}  // namespace timock::testing::chatsdk
