// The lists the web console's Online and Groups views read: who is logged in, on which client protocol and
// instance (GET /mock/apps/{id}/online), and the app's groups searched on the server by GroupId or name
// (GET /mock/apps/{id}/groups), both a page at a time.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "chat_client.hpp"
#include "control_helpers.hpp"
#include "timock_harness.hpp"
#include "webim_client.hpp"

namespace timock::testing {
namespace {

using namespace control;
using namespace std::chrono_literals;

class ConsoleOnline : public ::testing::Test {
 protected:
  void SetUp() override {
    app = create_app(server);
    for (const auto* user : {"alice", "bob", "carol"})
      ASSERT_EQ(code_of(import_account(server, app, user)), 0);
  }

  json::object online(const std::string& query = "") {
    const auto reply = server.get(app_path(app, "/online" + (query.empty() ? "" : "?" + query)));
    EXPECT_EQ(reply.status, 200u) << reply.body;
    return parsed(reply);
  }
  // The listed users' UserIDs, in order.
  std::vector<std::string> user_ids(const json::object& page) {
    std::vector<std::string> ids;
    for (const auto& user : page.at("users").as_array()) ids.emplace_back(user.at("user_id").as_string());
    return ids;
  }
  std::unique_ptr<WebImClient> webim(const std::string& user) {
    auto client =
        std::make_unique<WebImClient>(server, app.sdkappid, user, mint_sig(server, app.sdkappid, user));
    const auto login = client->login();
    EXPECT_TRUE(login.ok) << user << " WebIM login failed at " << login.failed_step;
    return client;
  }
  std::unique_ptr<ChatClient> chat(const std::string& user) {
    auto client = std::make_unique<ChatClient>(server, app.sdkappid);
    EXPECT_EQ(client->login(user, mint_sig(server, app.sdkappid, user)).at("ErrorCode"), 0);
    return client;
  }
  // The list as it settles (a socket's close reaches the server a moment after the client's).
  template <typename Done>
  json::object online_once(Done done) {
    const auto deadline = std::chrono::steady_clock::now() + 3s;
    for (;;) {
      auto page = online();
      if (done(page) || std::chrono::steady_clock::now() > deadline) return page;
      std::this_thread::sleep_for(20ms);
    }
  }

  TimockProcess server;
  TestApp app;
};

TEST_F(ConsoleOnline, AWebImAndAChatSdkLoginAreListedWithTheirProtocolAndInstance) {
  EXPECT_EQ(online().at("total"), 0);
  const auto alice = webim("alice");
  const auto bob = chat("bob");
  const auto page = online();
  EXPECT_EQ(page.at("total"), 2);
  EXPECT_EQ(page.at("offset"), 0);
  ASSERT_EQ(user_ids(page), (std::vector<std::string>{"alice", "bob"}));
  const auto& users = page.at("users").as_array();
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& user = users[i].as_object();
    EXPECT_EQ(user.at("status"), "online");
    ASSERT_EQ(user.at("instances").as_array().size(), 1u);
    const auto& instance = user.at("instances").as_array()[0].as_object();
    EXPECT_EQ(instance.at("protocol"), i == 0 ? "webim" : "chatsdk");
    EXPECT_EQ(instance.at("platform"), "Web");
    EXPECT_EQ(instance.at("connected"), true);
    EXPECT_GT(instance.at("inst_id").to_number<std::int64_t>(), 0);
    const auto login_time = instance.at("login_time").to_number<std::int64_t>();
    EXPECT_GT(login_time, 1700000000);
    // The WebIM login's later calls (portrait_get, authkey …) named the instance.
    EXPECT_GE(instance.at("last_active").to_number<std::int64_t>(), login_time);
    EXPECT_GT(instance.at("sig_expires_at").to_number<std::int64_t>(), login_time);
    EXPECT_FALSE(instance.contains("a2")) << "the A2Key authenticates calls: never listed";
  }
}

TEST_F(ConsoleOnline, AUserOnBothProtocolsHasBothInstancesOldestFirst) {
  const auto first = webim("alice");
  const auto second = chat("alice");
  const auto page = online();
  EXPECT_EQ(page.at("total"), 1);
  const auto& instances = page.at("users").as_array()[0].at("instances").as_array();
  ASSERT_EQ(instances.size(), 2u);
  EXPECT_EQ(instances[0].at("protocol"), "webim");
  EXPECT_EQ(instances[1].at("protocol"), "chatsdk");
  EXPECT_LT(instances[0].at("inst_id").to_number<std::int64_t>(),
            instances[1].at("inst_id").to_number<std::int64_t>());
}

TEST_F(ConsoleOnline, LogoutOnEitherProtocolTakesTheInstanceOffTheList) {
  const auto alice = webim("alice");
  const auto bob = chat("bob");
  ASSERT_EQ(online().at("total"), 2);
  EXPECT_TRUE(WebImClient::succeeded(alice->logout_all()));
  EXPECT_EQ(user_ids(online()), std::vector<std::string>{"bob"});
  EXPECT_EQ(bob->call("im_open_status.wslogout", {{"wslogout_type", 0}}).at("ErrorCode"), 0);
  EXPECT_EQ(online().at("total"), 0);
}

TEST_F(ConsoleOnline, AClosedChatSdkSocketStaysLoggedInButOffline) {
  auto bob = chat("bob");
  bob.reset();
  const auto page = online_once([](const json::object& p) {
    return p.at("total") == 1 && p.at("users").as_array()[0].at("status") == "offline";
  });
  ASSERT_EQ(page.at("total"), 1);
  const auto& user = page.at("users").as_array()[0].as_object();
  EXPECT_EQ(user.at("status"), "offline");
  EXPECT_EQ(user.at("instances").as_array()[0].at("connected"), false);
}

TEST_F(ConsoleOnline, ARestKickTakesEveryInstanceOff) {
  const auto alice = webim("alice");
  const auto alice_too = chat("alice");
  const auto bob = webim("bob");
  ASSERT_EQ(code_of(rest(server, app, "im_open_login_svc/kick", json::object{{"UserID", "alice"}})), 0);
  EXPECT_EQ(user_ids(online()), std::vector<std::string>{"bob"});
}

TEST_F(ConsoleOnline, OnlineUsersComeAPageAtATimeSearchedByUserId) {
  std::vector<std::unique_ptr<WebImClient>> clients;
  for (const auto* user : {"dave", "erin", "frank"}) import_account(server, app, user);
  for (const auto* user : {"alice", "bob", "carol", "dave", "erin", "frank"}) clients.push_back(webim(user));
  const auto page = online("offset=2&limit=3");
  EXPECT_EQ(page.at("total"), 6);
  EXPECT_EQ(page.at("offset"), 2);
  EXPECT_EQ(user_ids(page), (std::vector<std::string>{"carol", "dave", "erin"}));
  EXPECT_EQ(user_ids(online("q=R")), (std::vector<std::string>{"carol", "erin", "frank"}));
  EXPECT_EQ(online("q=R").at("total"), 3);
  EXPECT_EQ(online("q=zed").at("total"), 0);
}

TEST_F(ConsoleOnline, OnlineRejectsBadPagingAndUnknownApps) {
  EXPECT_EQ(server.get(app_path(app, "/online?limit=0")).status, 400u);
  EXPECT_EQ(server.get(app_path(app, "/online?limit=501")).status, 400u);
  EXPECT_EQ(server.get(app_path(app, "/online?offset=x")).status, 400u);
  const auto unknown = server.get(app_path(app, "/online?protocol=webim"));
  EXPECT_EQ(unknown.status, 400u);
  EXPECT_EQ(parsed(unknown).at("field"), "protocol");
  EXPECT_EQ(server.get(app_path(1999999999, "/online")).status, 404u);
  EXPECT_EQ(server.request("POST", app_path(app, "/online"), "{}").status, 405u);
}

TEST_F(ConsoleOnline, AnotherAppsLoginsAreNotListed) {
  const auto other = create_app(server);
  import_account(server, other, "alice");
  WebImClient elsewhere(server, other.sdkappid, "alice", mint_sig(server, other.sdkappid, "alice"));
  ASSERT_TRUE(elsewhere.login().ok);
  EXPECT_EQ(online().at("total"), 0);
  EXPECT_EQ(parsed(server.get(app_path(other, "/online"))).at("total"), 1);
}

// 10,000 groups loaded in one snapshot: the list and its searches come back a page at a time.
TEST(ConsoleGroups, GroupsComeAPageAtATimeSearchedByGroupIdOrName) {
  TimockProcess server;
  const auto app = create_app(server);
  json::array groups;
  for (int i = 0; i < 10000; ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "grp-%05d", i);
    groups.push_back(
        json::object{{"group_id", id},
                     {"type", "Public"},
                     {"name", i == 4242 ? std::string("Needle Team") : "Team " + std::to_string(i)},
                     {"create_time", 1700000000 + i}});
  }
  groups.push_back(
      json::object{{"group_id", "grp-members"},
                   {"type", "Private"},
                   {"name", "Has 50% members"},
                   {"owner", "alice"},
                   {"create_time", 1800000000},
                   {"members", json::array{json::object{{"user_id", "alice"}, {"role", "Owner"}},
                                           json::object{{"user_id", "bob"}, {"role", "Member"}}}}});
  const json::object snapshot{
      {"secret_key", "groups-secret"},
      {"accounts", json::array{json::object{{"user_id", "alice"}}, json::object{{"user_id", "bob"}}}},
      {"groups", std::move(groups)}};
  ASSERT_EQ(server.request("PUT", app_path(app, "/snapshot"), json::serialize(snapshot)).status, 200u);

  const auto page = parsed(server.get(app_path(app, "/groups?offset=9990&limit=20")));
  EXPECT_EQ(page.at("total"), 10001);
  const auto& rows = page.at("groups").as_array();
  ASSERT_EQ(rows.size(), 11u);
  EXPECT_EQ(rows[0].at("group_id"), "grp-09990");  // creation order
  const auto& last = rows[10].as_object();
  EXPECT_EQ(last.at("group_id"), "grp-members");
  EXPECT_EQ(last.at("type"), "Private");
  EXPECT_EQ(last.at("owner"), "alice");
  EXPECT_EQ(last.at("member_num"), 2);
  EXPECT_EQ(last.at("create_time"), 1800000000);
  EXPECT_EQ(parsed(server.get(app_path(app, "/groups"))).at("groups").as_array().size(), 50u);

  const auto by_name = parsed(server.get(app_path(app, "/groups?q=needle")));
  EXPECT_EQ(by_name.at("total"), 1);
  EXPECT_EQ(by_name.at("groups").as_array()[0].at("group_id"), "grp-04242");
  const auto by_id = parsed(server.get(app_path(app, "/groups?q=GRP-0999&limit=5")));
  EXPECT_EQ(by_id.at("total"), 10);
  EXPECT_EQ(by_id.at("groups").as_array().size(), 5u);
  EXPECT_EQ(parsed(server.get(app_path(app, "/groups?q=50%25"))).at("total"), 1);
  EXPECT_EQ(parsed(server.get(app_path(app, "/groups?q=_"))).at("total"), 0);
}

TEST(ConsoleGroups, GroupsRejectBadPagingAndUnknownApps) {
  TimockProcess server;
  const auto app = create_app(server);
  EXPECT_EQ(parsed(server.get(app_path(app, "/groups"))).at("total"), 0);
  EXPECT_EQ(server.get(app_path(app, "/groups?limit=501")).status, 400u);
  EXPECT_EQ(server.get(app_path(app, "/groups?type=Public")).status, 400u);
  EXPECT_EQ(server.get(app_path(1999999999, "/groups")).status, 404u);
  EXPECT_EQ(server.request("DELETE", app_path(app, "/groups"), "").status, 405u);
}

}  // namespace
}  // namespace timock::testing
