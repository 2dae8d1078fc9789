// Who is logged in, as the control plane lists it (client::Registry through core::OnlineDirectory): each
// user's instances with protocol, login time, last activity and connection, a page of users at a time by
// UserID, and the presence observer that moves the console's Online view. No sockets.
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "api/command.hpp"
#include "auth/sig_cache.hpp"
#include "client/registry.hpp"
#include "core/clock.hpp"
#include "core/event_hub.hpp"
#include "store/app_registry.hpp"
#include "store/store.hpp"

namespace timock::client {
namespace {

constexpr core::SdkAppId kApp = 1400000053;
constexpr core::SdkAppId kOtherApp = 1400000054;
constexpr std::int64_t kNow = 1700000000;

// A transport whose instances are connected unless named in `disconnected`.
class StubTransport final : public Transport {
 public:
  std::shared_ptr<Connection> open(const Instance&) override { return std::make_shared<Connection>(); }
  void kicked(const Instance&, KickReason) override {}
  void deliver(const Outgoing&, std::span<const Target>) override {}
  bool connected(const Instance& instance) const override { return !disconnected.contains(instance.a2); }
  std::set<std::string> disconnected;
};

class ClientOnline : public ::testing::Test {
 public:
  store::Store store{":memory:"};
  store::AppRegistry apps{store};
  core::Clock clock;
  core::EventHub hub;
  auth::SigCache sig_cache;
  api::CommandTable commands = api::make_rest_commands();
  Registry registry{Deps{store, clock, &hub, commands, sig_cache}, apps};
  StubTransport webim;
  StubTransport chatsdk;

  void SetUp() override {
    clock.set_now(kNow, true);
    registry.attach(Protocol::webim, webim);
    registry.attach(Protocol::chatsdk, chatsdk);
    hub.add_listener(&registry);
  }
  Instance login(const std::string& user, Protocol protocol, core::SdkAppId app = kApp) {
    return registry.login(app, user, protocol, kNow + 3600);
  }
  std::vector<std::string> user_ids(const core::OnlinePage& page) {
    std::vector<std::string> ids;
    for (const auto& user : page.users) ids.push_back(user.user_id);
    return ids;
  }
};

TEST_F(ClientOnline, ListsEachUsersInstancesWithProtocolLoginTimeAndConnection) {
  const auto tab = login("alice", Protocol::webim);
  clock.set_now(kNow + 5, true);
  const auto socket = login("alice", Protocol::chatsdk);
  chatsdk.disconnected.insert(socket.a2);
  const auto page = registry.online_users(kApp, "", 0, 50);
  EXPECT_EQ(page.total, 1u);
  ASSERT_EQ(page.users.size(), 1u);
  const auto& instances = page.users[0].instances;
  ASSERT_EQ(instances.size(), 2u);
  EXPECT_EQ(instances[0].protocol, "webim");
  EXPECT_EQ(instances[0].inst_id, tab.inst_id);
  EXPECT_EQ(instances[0].platform, "Web");
  EXPECT_EQ(instances[0].login_time, kNow);
  EXPECT_EQ(instances[0].sig_expires_at, kNow + 3600);
  EXPECT_TRUE(instances[0].connected);
  EXPECT_EQ(instances[1].protocol, "chatsdk");
  EXPECT_EQ(instances[1].login_time, kNow + 5);
  EXPECT_FALSE(instances[1].connected);
}

TEST_F(ClientOnline, ACallThatNamesTheInstanceIsItsLastActivity) {
  const auto tab = login("alice", Protocol::webim);
  EXPECT_EQ(registry.online_users(kApp, "", 0, 50).users[0].instances[0].last_active, kNow);
  clock.set_now(kNow + 60, true);
  ASSERT_TRUE(registry.find(kApp, tab.tinyid, tab.a2, Protocol::webim));
  const auto instance = registry.online_users(kApp, "", 0, 50).users[0].instances[0];
  EXPECT_EQ(instance.last_active, kNow + 60);
  EXPECT_EQ(instance.login_time, kNow);
}

TEST_F(ClientOnline, PagesUsersByUserIdAndSearchesCaseInsensitively) {
  for (const auto* user : {"dave", "Carol", "alice", "bob"}) login(user, Protocol::webim);
  login("bob", Protocol::chatsdk);
  login("zed", Protocol::webim, kOtherApp);
  const auto page = registry.online_users(kApp, "", 1, 2);
  EXPECT_EQ(page.total, 4u);
  EXPECT_EQ(user_ids(page), (std::vector<std::string>{"alice", "bob"}));  // "Carol" sorts first: bytes
  EXPECT_EQ(page.users[1].instances.size(), 2u);
  const auto found = registry.online_users(kApp, "CAR", 0, 50);
  EXPECT_EQ(found.total, 1u);
  EXPECT_EQ(user_ids(found), std::vector<std::string>{"Carol"});
  EXPECT_EQ(registry.online_users(kApp, "", 4, 50).users.size(), 0u);
  EXPECT_EQ(registry.online_users(kApp, "zed", 0, 50).total, 0u);
}

TEST_F(ClientOnline, LogoutsAndKicksLeaveTheList) {
  const auto tab = login("alice", Protocol::webim);
  login("bob", Protocol::chatsdk);
  registry.logout(kApp, tab.a2);
  EXPECT_EQ(user_ids(registry.online_users(kApp, "", 0, 50)), std::vector<std::string>{"bob"});
  hub.kick(kApp, "bob", kNow);
  EXPECT_EQ(registry.online_users(kApp, "", 0, 50).total, 0u);
}

TEST_F(ClientOnline, ThePresenceObserverHearsOfLoginsLogoutsAndClosedConnections) {
  std::vector<std::tuple<core::SdkAppId, std::string, UserStatus>> heard;
  registry.set_presence_observer([&](core::SdkAppId app, std::string_view user, UserStatus status) {
    heard.emplace_back(app, std::string(user), status);
  });
  const auto socket = login("alice", Protocol::chatsdk);
  ASSERT_EQ(heard.size(), 1u);
  EXPECT_EQ(heard.back(), std::make_tuple(kApp, std::string("alice"), UserStatus::online));
  chatsdk.disconnected.insert(socket.a2);
  registry.announce_status(kApp, "alice");  // what the socket's close does
  EXPECT_EQ(std::get<2>(heard.back()), UserStatus::offline);
  registry.logout(kApp, socket.a2);
  EXPECT_EQ(std::get<2>(heard.back()), UserStatus::not_logged_in);
  EXPECT_EQ(status_name(UserStatus::offline), "offline");
}

}  // namespace
}  // namespace timock::client
