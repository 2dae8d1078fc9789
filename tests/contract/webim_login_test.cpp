// The WebIM 1.7.2 login and session life cycle as the SDK drives it (reference/webim-protocol.md §3,
// §4.1–4.8, §4.15, §5): the login sequence, connecting, idle polls, logging out, and the error codes that end
// a session.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "webim_fixture.hpp"

namespace timock::testing::webim {
namespace {

std::int64_t code_of(const json::object& reply) {
  return reply.at("ErrorCode").as_int64();
}

bool url_safe(const std::string& token) {
  // §2.1: the SDK appends tinyid and a2 to URLs raw.
  return !token.empty() && std::all_of(token.begin(), token.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~';
  });
}

using WebImLogin = WebImTest;

TEST_F(WebImLogin, LoginSequenceGivesAStringTinyIdAndAUrlSafeA2Key) {
  auto alice = client("alice");
  const auto result = alice->login();
  ASSERT_TRUE(result.ok) << result.failed_step << ": " << json::serialize(result.reply);

  // The login reply itself, as the SDK reads it (§4.2, §2.3: a TinyId above 2^53 must be a string).
  const auto journal_login = journal("command=login");
  ASSERT_EQ(journal_login.size(), 1u);
  const auto& login_reply = journal_login.at(0).at("reply").as_object();
  ASSERT_TRUE(login_reply.at("TinyId").is_string()) << json::serialize(login_reply);
  EXPECT_TRUE(url_safe(alice->tinyid())) << alice->tinyid();
  ASSERT_TRUE(login_reply.at("A2Key").is_string());
  EXPECT_TRUE(url_safe(alice->a2())) << alice->a2();
  EXPECT_GE(alice->a2().size(), 16u) << "an A2Key must not be guessable";

  const auto id = alice->get_long_polling_id();
  ASSERT_TRUE(WebImClient::succeeded(id)) << json::serialize(id);
  EXPECT_FALSE(alice->long_polling_id().empty());
  // §4.7: a Timeout within the SDK's 60 s, no longer than the server's own hold.
  ASSERT_TRUE(id.at("Timeout").is_int64()) << "a missing Timeout becomes NaN in the SDK";
  EXPECT_GE(id.at("Timeout").as_int64(), 1);
  EXPECT_LE(id.at("Timeout").as_int64(), static_cast<std::int64_t>(kHoldSeconds));
}

TEST_F(WebImLogin, PortraitGetDuringLoginReturnsTheImportedNickAndAvatar) {
  auto alice = client("alice");
  ASSERT_TRUE(alice->login().ok);
  const auto reply =
      alice->call("profile", "portrait_get",
                  json::object{{"From_Account", "alice"},
                               {"To_Account", json::array{"alice", "bob"}},
                               {"TagList", json::array{"Tag_Profile_IM_Nick", "Tag_Profile_IM_Image"}}});
  ASSERT_TRUE(WebImClient::succeeded(reply)) << json::serialize(reply);
  const auto& items = reply.at("UserProfileItem").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items.at(1).at("To_Account").as_string(), "bob");
  const auto& profile = items.at(1).at("ProfileItem").as_array();
  EXPECT_EQ(profile.at(0).at("Tag").as_string(), "Tag_Profile_IM_Nick");
  EXPECT_EQ(profile.at(0).at("Value").as_string(), "Bob");
  EXPECT_EQ(profile.at(1).at("Tag").as_string(), "Tag_Profile_IM_Image");
  EXPECT_EQ(profile.at(1).at("Value").as_string(), face_url("bob"));
  EXPECT_TRUE(reply.at("Fail_Account").as_array().empty());
  EXPECT_TRUE(reply.at("Invalid_Account").as_array().empty());
}

TEST_F(WebImLogin, FirstPollOfANewLongPollingIdAnswers60008AtOnce) {
  auto alice = client("alice");
  alice->login_and_connect();
  const auto first = alice->poll();
  EXPECT_EQ(first.reply.at("ActionStatus").as_string(), "FAIL");
  EXPECT_EQ(first.code(), 60008) << json::serialize(first.reply);
  // §3 step 8: the SDK reports "connected" only when this returns; it must not wait out the hold.
  EXPECT_LT(millis_between(first.sent, first.received), 500.0);
}

TEST_F(WebImLogin, IdlePollEndsWith60008AfterTheHold) {
  auto alice = connected("alice");
  const auto idle = alice->poll();
  EXPECT_EQ(idle.code(), 60008) << json::serialize(idle.reply);
  const double held = millis_between(idle.sent, idle.received);
  // Never an idle answer without holding (the client would busy-loop), and never much past the hold.
  EXPECT_GE(held, kHoldSeconds * 1000 - 100);
  EXPECT_LT(held, kHoldSeconds * 1000 + 1500);
}

TEST_F(WebImLogin, ExpiredSigAtLoginGives70001AndNothingElseIsCalled) {
  const auto minted = json::parse(server
                                      .post("/mock/apps/" + std::to_string(app.sdkappid) + "/usersig",
                                            R"({"identifier":"alice","expire":600})")
                                      .body);
  const auto expire_at = minted.at("expire_at").as_int64();
  freeze_clock(expire_at + 1);
  WebImClient alice(server, app.sdkappid, "alice", std::string(minted.at("usersig").as_string()));
  const auto result = alice.login();
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.failed_step, "openim/login");
  EXPECT_EQ(code_of(result.reply), 70001) << json::serialize(result.reply);
  EXPECT_EQ(journal("command=login").size(), 1u) << "the SDK makes one login request and gives up (§5)";
}

TEST_F(WebImLogin, RestKickInvalidatesTheOldSigWith70052AndAFreshSigLogsInAgain) {
  const auto now = json::parse(server.get("/mock/clock").body).at("now").as_int64();
  freeze_clock(now);
  const std::string old_sig = mint_sig(server, app.sdkappid, "alice");
  WebImClient first(server, app.sdkappid, "alice", old_sig);
  ASSERT_TRUE(first.login().ok);
  freeze_clock(now + 10);
  const auto kick = rest(server, app, "im_open_login_svc/kick", json::object{{"UserID", "alice"}});
  ASSERT_EQ(kick.at("ActionStatus").as_string(), "OK") << json::serialize(kick);
  WebImClient again(server, app.sdkappid, "alice", old_sig);
  const auto refused = again.login();
  EXPECT_FALSE(refused.ok);
  EXPECT_EQ(code_of(refused.reply), 70052) << json::serialize(refused.reply);
  WebImClient fresh(server, app.sdkappid, "alice", mint_sig(server, app.sdkappid, "alice"));
  EXPECT_TRUE(fresh.login().ok);
}

TEST_F(WebImLogin, NeverImportedAccountLogsInByDefault) {
  auto dave = client("dave");
  const auto result = dave->login();
  ASSERT_TRUE(result.ok) << result.failed_step << ": " << json::serialize(result.reply);
  const auto check = rest(server, app, "im_open_login_svc/account_check",
                          json::object{{"CheckItem", json::array{json::object{{"UserID", "dave"}}}}});
  EXPECT_EQ(check.at("ResultItem").at(0).at("AccountStatus").as_string(), "Imported")
      << json::serialize(check);
}

class WebImRejectUnimported : public WebImTest {
  json::object app_options() const override { return {{"reject_unimported_login", true}}; }
};

TEST_F(WebImRejectUnimported, NeverImportedAccountGets70013) {
  auto dave = client("dave");
  const auto result = dave->login();
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.failed_step, "openim/login");
  EXPECT_EQ(code_of(result.reply), 70013) << json::serialize(result.reply);
  // An imported account still logs in.
  EXPECT_TRUE(client("alice")->login().ok);
}

TEST_F(WebImLogin, UnknownSessionGets20002AndItsPollGets91101) {
  auto ghost = client("alice");
  ghost->set_session("1000000000000001", "00112233445566778899aabbccddeeff");
  const auto reply = ghost->recent_contacts();
  EXPECT_EQ(reply.at("ActionStatus").as_string(), "FAIL");
  EXPECT_EQ(code_of(reply), 20002) << json::serialize(reply);
  // A poll of a session the server does not know ends the SDK's polling instead of a 100 ms retry loop (§5).
  const auto poll = ghost->poll();
  EXPECT_EQ(poll.code(), 91101) << json::serialize(poll.reply);
}

TEST(WebImRestart, SessionsOfTheOldProcessGet20002AndTheirPollsGet91101) {
  const auto db =
      std::filesystem::temp_directory_path() / ("timock-webim-restart-" + std::to_string(getpid()) + ".db");
  std::string tinyid, a2, long_polling_id;
  TestApp app;
  {
    TimockProcess first({"--longpoll-hold", "1"}, db.string());
    app = create_app(first);
    rest(first, app, "im_open_login_svc/account_import", json::object{{"UserID", "alice"}});
    WebImClient alice(first, app.sdkappid, "alice", mint_sig(first, app.sdkappid, "alice"));
    alice.login_and_connect();
    tinyid = alice.tinyid();
    a2 = alice.a2();
  }
  TimockProcess second({"--longpoll-hold", "1"}, db.string());
  WebImClient alice(second, app.sdkappid, "alice", mint_sig(second, app.sdkappid, "alice"));
  alice.set_session(tinyid, a2);
  EXPECT_EQ(code_of(alice.call("openim", "getlongpollingid")), 20002);
  EXPECT_EQ(alice.poll().code(), 91101);
  // Logging in again is the way back.
  alice.login_and_connect();
  EXPECT_EQ(alice.poll().code(), 60008);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db.string() + suffix);
}

// The same "not emulated" code as the Chat SDK's (60020), never 60002, which in a Chat SDK heartbeat reply makes
// that SDK give up for good (modern-sdk-protocol.md §3).
TEST_F(WebImLogin, UnknownCommandGets60020AsOnTheChatSdk) {
  auto alice = client("alice");
  ASSERT_TRUE(alice->login().ok);
  const auto result = alice->call_raw("openim", "no_such_command", "{}");
  EXPECT_EQ(code_of(json::parse(result.body).as_object()), 60020) << result.body;
}

TEST_F(WebImLogin, UnknownCommandGetsANonEmptyFailJson) {
  auto alice = client("alice");
  ASSERT_TRUE(alice->login().ok);
  for (const auto& [service, command] : {std::pair{"openim", "no_such_command"},
                                         std::pair{"nosuchsvc", "get"}, std::pair{"openpic", "pic_up"}}) {
    const auto result = alice->call_raw(service, command, "{}");
    EXPECT_EQ(result.status, 200u);
    const auto reply = json::parse(result.body).as_object();  // §2.3: never empty, never null
    EXPECT_EQ(reply.at("ActionStatus").as_string(), "FAIL") << result.body;
    EXPECT_NE(code_of(reply), 0) << result.body;
    EXPECT_FALSE(reply.at("ErrorInfo").as_string().empty()) << result.body;
  }
  // Not even a path the SDK knows: still a JSON object.
  const auto odd = server.post("/v4/openim?websdkappid=537048168&tinyid=" + alice->tinyid() +
                                   "&a2=" + alice->a2() + "&sdkappid=" + std::to_string(app.sdkappid),
                               "{}");
  const auto reply = json::parse(odd.body).as_object();
  EXPECT_EQ(reply.at("ActionStatus").as_string(), "FAIL") << odd.body;
}

TEST_F(WebImLogin, ABodyThatIsNotJsonGetsAFailJson) {
  auto alice = client("alice");
  ASSERT_TRUE(alice->login().ok);
  const auto result = alice->call_raw("recentcontact", "get", "{not json");
  const auto reply = json::parse(result.body).as_object();
  EXPECT_EQ(reply.at("ActionStatus").as_string(), "FAIL") << result.body;
  EXPECT_NE(code_of(reply), 0);
}

TEST_F(WebImLogin, LongPollingLogoutEndsTheParkedPollAndTheSession) {
  auto alice = connected("alice");
  auto parked = alice->start_poll();
  wait_parked("alice", 1);
  const auto logout = alice->long_polling_logout();
  ASSERT_TRUE(WebImClient::succeeded(logout)) << json::serialize(logout);
  // §4.15: the in-flight poll returns (the SDK does not re-issue it) — promptly, not after the hold.
  ASSERT_EQ(parked.wait_for(std::chrono::milliseconds(500)), std::future_status::ready);
  const auto ended = parked.get();
  EXPECT_NE(ended.code(), 0) << json::serialize(ended.reply);
  EXPECT_EQ(code_of(alice->recent_contacts()), 20002);
  EXPECT_EQ(alice->poll().code(), 91101);
}

TEST_F(WebImLogin, LogoutEndsEveryInstanceOfTheUser) {
  auto phone = connected("alice");
  auto tab = connected("alice");
  auto parked = phone->start_poll();
  wait_parked("alice", 1);
  const auto logout = tab->logout_all();
  ASSERT_TRUE(WebImClient::succeeded(logout)) << json::serialize(logout);
  ASSERT_EQ(parked.wait_for(std::chrono::milliseconds(500)), std::future_status::ready);
  EXPECT_EQ(parked.get().code(), 91101);
  EXPECT_EQ(code_of(phone->recent_contacts()), 20002);
  EXPECT_EQ(code_of(tab->recent_contacts()), 20002);
  // Another user is untouched.
  auto bob = connected("bob");
  EXPECT_TRUE(WebImClient::succeeded(bob->recent_contacts()));
}

TEST_F(WebImLogin, ANewLongPollingIdSupersedesTheOldPollWith91101) {
  auto alice = connected("alice");
  auto parked = alice->start_poll();
  wait_parked("alice", 1);
  ASSERT_TRUE(WebImClient::succeeded(alice->get_long_polling_id()));
  ASSERT_EQ(parked.wait_for(std::chrono::milliseconds(500)), std::future_status::ready);
  EXPECT_EQ(parked.get().code(), 91101);
}

TEST_F(WebImLogin, PastEightInstancesTheOldestIsKickedWith91101) {
  auto oldest = connected("alice");
  auto parked = oldest->start_poll();
  wait_parked("alice", 1);
  std::vector<std::unique_ptr<WebImClient>> others;
  for (int i = 0; i < 7; ++i) {
    others.push_back(client("alice"));
    ASSERT_TRUE(others.back()->login().ok);
  }
  EXPECT_EQ(parked.wait_for(std::chrono::milliseconds(100)), std::future_status::timeout)
      << "eight may coexist";
  // The ninth login takes the oldest's place (rest-api.md §4.6: 91101, web instance limit).
  others.push_back(client("alice"));
  ASSERT_TRUE(others.back()->login().ok);
  ASSERT_EQ(parked.wait_for(std::chrono::milliseconds(500)), std::future_status::ready);
  EXPECT_EQ(parked.get().code(), 91101);
  EXPECT_EQ(code_of(oldest->recent_contacts()), 20002);
  for (auto& other : others) EXPECT_TRUE(WebImClient::succeeded(other->recent_contacts()));
}

TEST_F(WebImLogin, ClientCallsAreJournaledWithSurfaceWebim) {
  auto alice = connected("alice");
  const auto entries = journal("identifier=alice");
  std::set<std::string> commands;
  for (const auto& entry : entries) {
    if (entry.at("surface").as_string() != "webim") continue;
    commands.insert(std::string(entry.at("service").as_string()) + "/" +
                    std::string(entry.at("command").as_string()));
  }
  for (const char* expected : {"webim/accesslayer", "openim/login", "profile/portrait_get",
                               "group_open_http_svc/get_joined_group_list", "openim/authkey",
                               "openim/getlongpollingid", "openim/longpolling"})
    EXPECT_TRUE(commands.contains(expected)) << expected << " is not in the journal";
}

}  // namespace
}  // namespace timock::testing::webim
