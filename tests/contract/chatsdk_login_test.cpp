// Logging in on the Chat SDK socket and what a login gates (reference/modern-sdk-protocol.md §3.1, §4, §5,
// §6.1, §6.9, §6.10): the wslogin reply the SDK needs, the codes of every refused UserSig, re-login with the
// A2Key after a reconnect, 70001 for requests without a live login, and the commands that need none.
#include <gtest/gtest.h>

#include <algorithm>

#include "auth/usersig_codec.hpp"
#include "chatsdk_fixture.hpp"

namespace timock::testing::chatsdk {
namespace {

using ChatSdkLogin = ChatSdkTest;

const json::object kPageGet{{"From_Account", ""},   {"TimeStamp", 0},     {"StartIndex", 0},
                            {"TopTimeStamp", 0},    {"TopStartIndex", 0}, {"OrderType", 1},
                            {"MsgAssistFlags", 15}, {"AssistFlags", 31}};

bool all_digits(const std::string& text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

TEST_F(ChatSdkLogin, GoodSigGivesEveryFieldTheSdkReads) {
  const auto now = server_now();
  freeze_clock(now);
  auto client = socket();
  const auto reply = client->login("alice", sig("alice"));
  ASSERT_EQ(code_of(reply), 0) << json::serialize(reply);
  EXPECT_EQ(reply.at("ActionStatus").as_string(), "OK");
  ASSERT_TRUE(reply.at("A2Key").is_string());
  EXPECT_GE(reply.at("A2Key").as_string().size(), 16u) << "an A2Key must not be guessable";
  // A uint64 as a string: missing → 2022/2023 in the SDK.
  ASSERT_TRUE(reply.at("TinyId").is_string()) << json::serialize(reply);
  EXPECT_TRUE(all_digits(std::string(reply.at("TinyId").as_string()))) << reply.at("TinyId");
  // InstId 0 silences the SDK's userSig-expiry kicks.
  ASSERT_TRUE(reply.at("InstId").is_number());
  EXPECT_NE(reply.at("InstId").to_number<std::uint64_t>(), 0u);
  ASSERT_TRUE(reply.at("HelloInterval").is_int64());
  EXPECT_GT(reply.at("HelloInterval").as_int64(), 0) << "without one, no wshello is ever sent (run M)";
  // Without TimeStamp the SDK's clock offset is NaN (run M): the server's clock, which tests can freeze.
  ASSERT_TRUE(reply.at("TimeStamp").is_int64());
  EXPECT_EQ(reply.at("TimeStamp").as_int64(), now);
  EXPECT_EQ(reply.at("PurchaseBits").as_string(), kAllFeatures) << "anything less fails some calls with 3122";
}

TEST_F(ChatSdkLogin, TinyIdIsStablePerUserAndA2KeyNewPerLogin) {
  auto first = logged_in("alice");
  auto second = logged_in("alice");
  auto bob = logged_in("bob");
  EXPECT_EQ(first->tinyid(), second->tinyid());
  EXPECT_NE(first->a2(), second->a2());
  EXPECT_NE(first->tinyid(), bob->tinyid());
}

TEST_F(ChatSdkLogin, BadSigsAreRefusedWithTheirRestCodesAndNoA2Key) {
  // A sig of alice's with its HMAC replaced: well formed, wrongly signed.
  auto document = auth::detail::decode_document(sig("alice"));
  ASSERT_EQ(document.failure, auth::SigFailure::none);
  document.object["TLS.sig"] = auth::detail::hmac_sha256_base64("not the key", "text");
  const auto forged = auth::detail::wrap_json(json::serialize(document.object));
  const auto other_app = create_app(server);

  const struct {
    std::string what;
    std::string usersig;
    std::int64_t code;
  } cases[] = {
      {"garbage", "not-a-sig", 70003},
      {"empty", "", 70002},
      {"bob's sig", sig("bob"), 70013},
      {"another app's sig", mint_sig(server, other_app.sdkappid, "alice"), 70014},
      {"forged signature", forged, 70009},
  };
  for (const auto& c : cases) {
    auto client = socket();
    const auto reply = client->login("alice", c.usersig);
    EXPECT_EQ(code_of(reply), c.code) << c.what << ": " << json::serialize(reply);
    EXPECT_FALSE(reply.contains("A2Key")) << c.what;
    EXPECT_TRUE(client->a2().empty());
  }
}

TEST_F(ChatSdkLogin, ExpiredSigGives70001) {
  const auto [usersig, expire_at] = short_sig("alice", 600);
  freeze_clock(expire_at + 1);
  auto client = socket();
  const auto reply = client->login("alice", usersig);
  // §4: 70001 is what the SDK's login() rejects with for an expired sig (run E).
  EXPECT_EQ(code_of(reply), 70001) << json::serialize(reply);
}

TEST_F(ChatSdkLogin, UnknownSdkAppIdGives70020) {
  ChatClient client(server, 1400999999, true);
  EXPECT_EQ(code_of(client.login("alice", sig("alice"))), 70020);
  EXPECT_EQ(code_of(client.call("heartbeat.alive")), 70020) << "the app is checked before anything else";
}

TEST_F(ChatSdkLogin, MissingSdkAppIdGives60012) {
  ChatClient client(server, 0, true);  // neither in the query nor in the head
  EXPECT_EQ(code_of(client.login("alice", sig("alice"))), 60012);
}

TEST_F(ChatSdkLogin, HeadSdkAppIdServesASocketWhoseQueryHasNone) {
  ChatClient client(server, 0, true);
  const auto reply =
      client.call("im_open_status.wslogin", {{"State", "Online"}},
                  {{"sdkappid", app.sdkappid}, {"identifier", "alice"}, {"usersig", sig("alice")}});
  EXPECT_EQ(code_of(reply), 0) << json::serialize(reply);
}

TEST_F(ChatSdkLogin, SigIssuedBeforeARestKickGives70052AndAFreshOneLogsIn) {
  const auto now = server_now();
  freeze_clock(now);
  const auto old_sig = sig("alice");
  freeze_clock(now + 10);
  ASSERT_EQ(code_of(rest_call("im_open_login_svc/kick", json::object{{"UserID", "alice"}})), 0);
  auto client = socket();
  EXPECT_EQ(code_of(client->login("alice", old_sig)), 70052);
  EXPECT_EQ(code_of(client->login("alice", sig("alice"))), 0);
}

TEST_F(ChatSdkLogin, ReloginOnANewSocketWithA2AndTinyIdKeepsTheSameLogin) {
  std::string a2, tinyid;
  {
    auto first = logged_in("alice");
    a2 = first->a2();
    tinyid = first->tinyid();
  }  // the socket drops (§6.10, run J)
  auto second = socket();
  const auto reply = second->relogin(a2, tinyid);
  ASSERT_EQ(code_of(reply), 0) << json::serialize(reply);
  EXPECT_EQ(reply.at("A2Key").as_string(), a2);
  EXPECT_EQ(reply.at("TinyId").as_string(), tinyid);
  EXPECT_NE(reply.at("InstId").to_number<std::uint64_t>(), 0u);
  EXPECT_EQ(reply.at("PurchaseBits").as_string(), kAllFeatures);
  // And the login works there.
  EXPECT_EQ(code_of(second->call("recentcontact.page_get", kPageGet)), 0);
}

TEST_F(ChatSdkLogin, ReloginWithAnUnknownA2OrAnotherUsersTinyIdGives70001) {
  auto alice = logged_in("alice");
  auto bob = logged_in("bob");
  auto client = socket();
  EXPECT_EQ(code_of(client->relogin("0123456789abcdef0123456789abcdef", alice->tinyid())), 70001);
  EXPECT_EQ(code_of(client->relogin(alice->a2(), bob->tinyid())), 70001);
  EXPECT_EQ(code_of(client->relogin("", alice->tinyid())), 70002) << "no a2 and no usersig: an empty sig";
}

TEST_F(ChatSdkLogin, UnimportedUserLogsInAndIsImported) {
  auto client = socket();
  ASSERT_EQ(code_of(client->login("dave", sig("dave"))), 0);
  const auto check = rest_call("im_open_login_svc/account_check",
                               json::object{{"CheckItem", json::array{json::object{{"UserID", "dave"}}}}});
  EXPECT_EQ(check.at("ResultItem").at(0).at("AccountStatus").as_string(), "Imported")
      << json::serialize(check);
}

class ChatSdkStrictLogin : public ChatSdkTest {
 protected:
  json::object app_options() const override { return {{"reject_unimported_login", true}}; }
};

TEST_F(ChatSdkStrictLogin, RejectUnimportedLoginRefusesAnUnknownUserWith70013) {
  auto client = socket();
  EXPECT_EQ(code_of(client->login("dave", sig("dave"))), 70013);
  EXPECT_EQ(code_of(client->login("alice", sig("alice"))), 0) << "imported users still log in";
}

TEST_F(ChatSdkLogin, RequestsWithoutALoginGet70001) {
  auto client = socket();
  for (const std::string servcmd : {"recentcontact.page_get", "openim.getmsg", "openim.sendmsg",
                                    "im_open_status.wshello", "group_open_http_svc.create_group"}) {
    const auto reply = client->call(servcmd, {{"To_Account", "bob"}});
    // §4: 70001 makes the SDK report userSigExpired and log in again.
    EXPECT_EQ(code_of(reply), 70001) << servcmd << ": " << json::serialize(reply);
  }
}

TEST_F(ChatSdkLogin, RequestsWithAForgedA2OnAFreshSocketGet70001) {
  auto alice = logged_in("alice");
  auto client = socket();
  client->set_identity("0123456789abcdef0123456789abcdef", alice->tinyid());
  EXPECT_EQ(code_of(client->call("recentcontact.page_get", kPageGet)), 70001);
}

TEST_F(ChatSdkLogin, RequestsWithAForgedA2OnALoggedInSocketGet70001) {
  auto alice = logged_in("alice");
  alice->set_identity("0123456789abcdef0123456789abcdef", alice->tinyid());
  EXPECT_EQ(code_of(alice->call("recentcontact.page_get", kPageGet)), 70001);
}

TEST_F(ChatSdkLogin, RequestsWithoutA2OnALoggedInSocketActForItsLogin) {
  auto alice = logged_in("alice");
  alice->set_identity("", "");
  EXPECT_EQ(code_of(alice->call("recentcontact.page_get", kPageGet)), 0);
}

TEST_F(ChatSdkLogin, RequestsAfterWslogoutGet70001AndTheA2CannotLogInAgain) {
  auto client = logged_in("alice");
  const auto a2 = client->a2();
  const auto tinyid = client->tinyid();
  ASSERT_EQ(code_of(client->call("recentcontact.page_get", kPageGet)), 0);
  const auto out = client->call("im_open_status.wslogout", {{"wslogout_type", 0}, {"is_web_uniapp", 0}});
  ASSERT_EQ(code_of(out), 0) << json::serialize(out);
  EXPECT_TRUE(client->is_open()) << "§6.9: the socket stays open";
  EXPECT_EQ(code_of(client->call("recentcontact.page_get", kPageGet)), 70001);
  EXPECT_EQ(code_of(client->call("openim.getmsg", {{"Cookie", ""}})), 70001);
  auto other = socket();
  EXPECT_EQ(code_of(other->relogin(a2, tinyid)), 70001);
}

TEST_F(ChatSdkLogin, HeartbeatReportAndConfigFetchesNeedNoLogin) {
  auto client = socket();
  EXPECT_EQ(code_of(client->call("heartbeat.alive")), 0);
  // §3.1: the report's head has empty identifier and usersig and no a2.
  const auto report = client->call(
      "imopenstat.tim_web_report_v2",
      {{"Header", json::object{{"SDKType", 3}}}, {"Event", json::array{}}, {"Quality", json::array{}}},
      {{"identifier", ""}, {"usersig", ""}});
  EXPECT_EQ(code_of(report), 0) << json::serialize(report);
  EXPECT_EQ(code_of(client->call("im_sdk_config_mgr.fetch_config",
                                 {{"uint32_sdkappid", app.sdkappid}, {"uint64_version", 0}})),
            0);
  EXPECT_EQ(code_of(client->call("im_sdk_config_mgr.fetch_imsdk_purchase_bitsv2",
                                 {{"uint32_sdkappid", app.sdkappid}})),
            0);
}

TEST_F(ChatSdkLogin, FetchConfigGivesAJsonStringANewVersionAndAnExpiry) {
  auto client = logged_in("alice");
  const auto reply = client->call("im_sdk_config_mgr.fetch_config",
                                  {{"uint32_sdkappid", app.sdkappid}, {"uint64_version", 0}});
  ASSERT_EQ(code_of(reply), 0) << json::serialize(reply);
  EXPECT_EQ(reply.at("int32_error_code").as_int64(), 0);
  // §6.2: a JSON *string*, a version ≠ the one sent, an expiry in seconds.
  ASSERT_TRUE(reply.at("str_json_config").is_string());
  EXPECT_TRUE(json::parse(reply.at("str_json_config").as_string()).is_object());
  EXPECT_NE(reply.at("uint64_version").to_number<std::int64_t>(), 0);
  EXPECT_GT(reply.at("uint32_expired_time").to_number<std::int64_t>(), 0);
}

TEST_F(ChatSdkLogin, FetchPurchaseBitsGivesAllFeatures) {
  auto client = logged_in("alice");
  const auto reply =
      client->call("im_sdk_config_mgr.fetch_imsdk_purchase_bitsv2", {{"uint32_sdkappid", app.sdkappid}});
  ASSERT_EQ(code_of(reply), 0) << json::serialize(reply);
  EXPECT_EQ(reply.at("int32_error_code").as_int64(), 0);
  EXPECT_EQ(reply.at("str_purchase_bits").as_string(), kAllFeatures);
  EXPECT_GT(reply.at("uint32_expired_time").to_number<std::int64_t>(), 0);
}

TEST_F(ChatSdkLogin, WshelloAnswersOkWhileLoggedIn) {
  auto client = logged_in("alice");
  EXPECT_EQ(code_of(client->call("im_open_status.wshello", {{"is_web_uniapp", 0}})), 0);
}

}  // namespace
}  // namespace timock::testing::chatsdk
