// How a Chat SDK login ends without wslogout (reference/modern-sdk-protocol.md §4, §7.7): a REST kick and a
// ninth login push im_open_status.stat_forceoffline with the KickType the SDK reports, and the A2Key dies; a
// login lasts as long as its UserSig, after which requests get 70001 (the SDK's userSigExpired).
#include <gtest/gtest.h>

#include "chatsdk_fixture.hpp"

namespace timock::testing::chatsdk {
namespace {

constexpr auto kForceOffline = "im_open_status.stat_forceoffline";
// §4: 2 multipleDevice, 3 REST_API_Kick.
constexpr std::int64_t kMultipleDevice = 2;
constexpr std::int64_t kRestApiKick = 3;

const json::object kPageGet{{"TimeStamp", 0},     {"StartIndex", 0}, {"TopTimeStamp", 0},
                            {"TopStartIndex", 0}, {"OrderType", 1},  {"MsgAssistFlags", 15},
                            {"AssistFlags", 31}};

// The KickType of a stat_forceoffline body (-1 when it is not one).
std::int64_t kick_type(const ChatFrame& push) {
  const auto* events = push.body.if_contains("EventArray");
  if (!events || !events->is_array() || events->as_array().empty()) return -1;
  const auto& notify = events->as_array().at(0).at("C2cNotifyMsgArray").at(0).at("KickoutMsgNotify");
  return notify.at("KickType").as_int64();
}

using ChatSdkKick = ChatSdkTest;

TEST_F(ChatSdkKick, RestKickPushesForceOfflineWithKickType3ToEverySocketAndTheA2KeysDie) {
  auto phone = logged_in("alice", true);
  auto browser = logged_in("alice", false);
  auto bob = logged_in("bob");
  const auto kick = rest_call("im_open_login_svc/kick", json::object{{"UserID", "alice"}});
  ASSERT_EQ(code_of(kick), 0) << json::serialize(kick);
  for (auto* client : {phone.get(), browser.get()}) {
    const auto push = client->wait_push(kForceOffline, 2s);
    ASSERT_TRUE(push) << (client->binary() ? "/binfo" : "/info") << " socket was not told";
    EXPECT_EQ(push->binary, client->binary());
    EXPECT_EQ(kick_type(*push), kRestApiKick) << json::serialize(push->body);
    EXPECT_TRUE(push->body.at("EventArray")
                    .at(0)
                    .at("C2cNotifyMsgArray")
                    .at(0)
                    .at("KickoutMsgNotify")
                    .as_object()
                    .contains("NewInstInfo"));
    // §4: the A2Key is dead: 70001 on requests, on a re-login too.
    EXPECT_EQ(code_of(client->call("recentcontact.page_get", kPageGet)), 70001);
  }
  auto reconnect = socket();
  EXPECT_EQ(code_of(reconnect->relogin(phone->a2(), phone->tinyid())), 70001);
  // Others are untouched.
  EXPECT_EQ(code_of(bob->call("recentcontact.page_get", kPageGet)), 0);
  EXPECT_FALSE(bob->wait_push(kForceOffline, 100ms));
}

TEST_F(ChatSdkKick, KickedSocketStaysOpenAndLogsInAgainWithAFreshSig) {
  auto alice = logged_in("alice");
  ASSERT_EQ(code_of(rest_call("im_open_login_svc/kick", json::object{{"UserID", "alice"}})), 0);
  ASSERT_TRUE(alice->wait_push(kForceOffline, 2s));
  // §4: the SDK answers a kick with wslogout (wslogout_type 1); the socket is still usable.
  EXPECT_TRUE(alice->is_open());
  EXPECT_EQ(code_of(alice->call("heartbeat.alive")), 0);
  EXPECT_EQ(code_of(alice->login("alice", sig("alice"))), 0);
  EXPECT_EQ(code_of(alice->call("recentcontact.page_get", kPageGet)), 0);
}

TEST_F(ChatSdkKick, KickedClientsOwnWslogoutIsAnsweredOk) {
  // §4: the SDK answers a kick with wslogout (wslogout_type 1) under its dead A2Key and raises KICKED_OUT
  // once that is answered; a 70001 here made it raise a userSigExpired KICKED_OUT first.
  auto alice = logged_in("alice");
  ASSERT_EQ(code_of(rest_call("im_open_login_svc/kick", json::object{{"UserID", "alice"}})), 0);
  ASSERT_TRUE(alice->wait_push(kForceOffline, 2s));
  EXPECT_EQ(code_of(alice->call("im_open_status.wslogout", {{"wslogout_type", 1}, {"is_web_uniapp", 0}})), 0);
  // Other requests under the dead A2Key still get 70001.
  EXPECT_EQ(code_of(alice->call("recentcontact.page_get", kPageGet)), 70001);
}

TEST_F(ChatSdkKick, NinthLoginOfAUserPushesKickType2ToTheOldestOnly) {
  std::vector<std::unique_ptr<ChatClient>> logins;
  for (int i = 0; i < 8; ++i) logins.push_back(logged_in("alice"));
  EXPECT_FALSE(logins[0]->wait_push(kForceOffline, 100ms)) << "eight logins fit";
  auto ninth = logged_in("alice");
  const auto push = logins[0]->wait_push(kForceOffline, 2s);
  ASSERT_TRUE(push) << "the oldest login was not told";
  EXPECT_EQ(kick_type(*push), kMultipleDevice) << json::serialize(push->body);
  EXPECT_EQ(code_of(logins[0]->call("recentcontact.page_get", kPageGet)), 70001);
  for (int i = 1; i < 8; ++i) {
    EXPECT_FALSE(logins[i]->wait_push(kForceOffline, 10ms)) << "login " << i;
    EXPECT_EQ(code_of(logins[i]->call("heartbeat.alive")), 0);
  }
  EXPECT_EQ(code_of(logins[1]->call("recentcontact.page_get", kPageGet)), 0);
  EXPECT_EQ(code_of(ninth->call("recentcontact.page_get", kPageGet)), 0);
}

TEST_F(ChatSdkKick, DeletedAccountIsKickedToo) {
  auto alice = logged_in("alice");
  ASSERT_EQ(code_of(rest_call("im_open_login_svc/account_delete",
                              json::object{{"DeleteItem", json::array{json::object{{"UserID", "alice"}}}}})),
            0);
  const auto push = alice->wait_push(kForceOffline, 2s);
  ASSERT_TRUE(push);
  EXPECT_EQ(code_of(alice->call("recentcontact.page_get", kPageGet)), 70001);
}

using ChatSdkSigExpiry = ChatSdkTest;

TEST_F(ChatSdkSigExpiry, RequestsPastTheSigsExpiryGet70001WhileHeartbeatsStillAnswer) {
  const auto now = server_now();
  freeze_clock(now);
  const auto [usersig, expire_at] = short_sig("carol", 60);
  auto carol = socket();
  ASSERT_EQ(code_of(carol->login("carol", usersig)), 0);
  EXPECT_EQ(code_of(carol->call("recentcontact.page_get", kPageGet)), 0);
  freeze_clock(expire_at + 1);
  const auto late = carol->call("openim.sendmsg", sendmsg_body("carol", "alice", "too late", 1, 1, 0));
  EXPECT_EQ(code_of(late), 70001) << json::serialize(late);
  EXPECT_EQ(code_of(carol->call("heartbeat.alive")), 0) << "heartbeats need no login";
  EXPECT_TRUE(roam("alice", "carol").empty());
  // The expired login is gone: its A2Key cannot come back, a fresh sig logs in.
  auto reconnect = socket();
  EXPECT_EQ(code_of(reconnect->relogin(carol->a2(), carol->tinyid())), 70001);
  EXPECT_EQ(code_of(carol->login("carol", sig("carol"))), 0);
  EXPECT_EQ(code_of(carol->call("recentcontact.page_get", kPageGet)), 0);
}

TEST_F(ChatSdkSigExpiry, ALoginLastsThroughItsSigsLastValidSecond) {
  const auto now = server_now();
  freeze_clock(now);
  const auto [usersig, expire_at] = short_sig("carol", 60);
  freeze_clock(expire_at);
  auto carol = socket();
  ASSERT_EQ(code_of(carol->login("carol", usersig)), 0) << "the sig is valid in its last second";
  EXPECT_EQ(code_of(carol->call("recentcontact.page_get", kPageGet)), 0)
      << "and so is the login made with it";
}

TEST_F(ChatSdkSigExpiry, ReloginWithTheA2OfAnExpiredSigGets70001) {
  const auto now = server_now();
  freeze_clock(now);
  const auto [usersig, expire_at] = short_sig("carol", 60);
  std::string a2, tinyid;
  {
    auto carol = socket();
    ASSERT_EQ(code_of(carol->login("carol", usersig)), 0);
    a2 = carol->a2();
    tinyid = carol->tinyid();
  }
  freeze_clock(expire_at + 1);
  auto reconnect = socket();
  EXPECT_EQ(code_of(reconnect->relogin(a2, tinyid)), 70001);
}

}  // namespace
}  // namespace timock::testing::chatsdk
