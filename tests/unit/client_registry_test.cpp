// The one registry of client instances (client/registry.hpp), with fake transports that record what they are
// told: logins and their names, the login limit per user and protocol, kicks, logouts, app resets, presence,
// UserSig expiry, and deliveries handed to each protocol once. No sockets.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <future>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "api/command.hpp"
#include "auth/sig_cache.hpp"
#include "client/registry.hpp"
#include "core/clock.hpp"
#include "core/delivery.hpp"
#include "core/event_hub.hpp"
#include "store/app_registry.hpp"
#include "store/store.hpp"

namespace timock::client {
namespace {

namespace json = boost::json;

constexpr core::SdkAppId kApp = 1400000043;
constexpr core::SdkAppId kOtherApp = 1400000044;
constexpr std::int64_t kNow = 1700000000;
constexpr std::int64_t kSigExpiresAt = kNow + 86400;

// What a protocol was told, in order.
class FakeTransport final : public Transport {
 public:
  struct Kick {
    std::string user;
    std::string a2;
    KickReason reason;
  };
  struct Delivered {
    core::DeliveryKind kind;
    std::string from;
    std::string sender_nick;
    std::vector<std::pair<std::string, bool>> targets;  // (a2, sync_copy)
  };

  std::shared_ptr<Connection> open(const Instance&) override {
    ++opened;
    return std::make_shared<Connection>();
  }
  void kicked(const Instance& instance, KickReason reason) override {
    kicks.push_back({instance.user, instance.a2, reason});
    if (on_kicked) on_kicked(instance);
  }
  void deliver(const Outgoing& outgoing, std::span<const Target> targets) override {
    Delivered d{outgoing.delivery.kind, outgoing.delivery.message.from_account, outgoing.sender.nick, {}};
    for (const auto& t : targets) d.targets.emplace_back(t.instance.a2, t.sync_copy);
    deliveries.push_back(std::move(d));
    if (on_deliver) on_deliver();
  }
  bool connected(const Instance& instance) const override {
    ++connected_calls;
    if (on_connected) on_connected();
    return !disconnected.contains(instance.a2);
  }

  int opened = 0;
  std::vector<Kick> kicks;
  std::vector<Delivered> deliveries;
  std::set<std::string> disconnected;  // a2s whose connection is gone
  mutable int connected_calls = 0;
  std::function<void(const Instance&)> on_kicked;
  std::function<void()> on_deliver;
  std::function<void()> on_connected;

  std::vector<std::string> kicked_a2s() const {
    std::vector<std::string> out;
    for (const auto& k : kicks) out.push_back(k.a2);
    return out;
  }
};

class ClientRegistry : public ::testing::Test {
 public:
  store::Store store{":memory:"};
  store::AppRegistry apps{store};
  core::Clock clock;
  core::EventHub hub;
  auth::SigCache sig_cache;
  api::CommandTable commands = api::make_rest_commands();
  Registry registry{Deps{store, clock, &hub, commands, sig_cache}, apps};
  FakeTransport webim;
  FakeTransport chatsdk;
  std::shared_ptr<const core::App> app;

  void SetUp() override {
    clock.set_now(kNow, true);
    core::App fresh;
    fresh.sdkappid = kApp;
    fresh.secret_key = "secret";
    fresh.admin = "administrator";
    fresh.created_at = kNow;
    app = apps.save(fresh);
    registry.attach(Protocol::webim, webim);
    registry.attach(Protocol::chatsdk, chatsdk);
    hub.add_listener(&registry);
  }

  Instance login(const std::string& user, Protocol protocol, core::SdkAppId in = kApp) {
    return registry.login(in, user, protocol, kSigExpiresAt);
  }
  bool found(const Instance& instance) {
    return registry.find(instance.app, instance.tinyid, instance.a2, instance.protocol).has_value();
  }
  // A stored message as handlers publish it.
  static core::C2cMessage message(const std::string& from, const std::string& to) {
    core::C2cMessage m;
    m.id = 1;
    m.from_account = from;
    m.to_account = to;
    m.msg_seq = 1;
    m.msg_random = 2;
    m.msg_time = kNow;
    return m;
  }
  void import_with_nick(const std::string& user, const std::string& nick) {
    const api::CallContext context{*app, app->admin, store, clock, nullptr};
    const auto reply = (*commands.find("im_open_login_svc", "account_import"))(
        context, json::object{{"UserID", user}, {"Nick", nick}});
    ASSERT_EQ(reply.code, core::ErrorCode::ok);
  }
};

// Runs `work` on another thread and fails (ending the process: the blocked thread cannot be joined) if it has
// not finished within a few seconds, so a deadlock is a failure and not a hung test.
void finishes_without_deadlock(const std::function<void()>& work) {
  std::packaged_task<void()> task(work);
  auto done = task.get_future();
  std::thread thread(std::move(task));
  if (done.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
    ADD_FAILURE() << "the registry deadlocked: a transport was called under its lock";
    std::fprintf(stderr, "deadlock: aborting\n");
    std::_Exit(1);
  }
  thread.join();
  done.get();
}

// ---- login and find ----

TEST_F(ClientRegistry, LoginsGetDistinctA2TinyIdAndInstId) {
  const auto a1 = login("alice", Protocol::webim);
  const auto a2 = login("alice", Protocol::webim);
  const auto b = login("bob", Protocol::chatsdk);
  EXPECT_NE(a1.a2, a2.a2);
  EXPECT_NE(a1.a2, b.a2);
  EXPECT_NE(a1.inst_id, a2.inst_id);
  EXPECT_NE(a1.inst_id, b.inst_id);
  EXPECT_NE(a1.inst_id, 0u);
  EXPECT_EQ(a1.tinyid, a2.tinyid) << "the TinyId names the user, the A2Key the instance";
  EXPECT_NE(a1.tinyid, b.tinyid);
  EXPECT_FALSE(a1.a2.empty());
  EXPECT_FALSE(a1.tinyid.empty());
  EXPECT_EQ(a1.user, "alice");
  EXPECT_EQ(a1.app, kApp);
  EXPECT_EQ(a1.sig_expires_at, kSigExpiresAt);
  EXPECT_NE(a1.connection, nullptr) << "the transport's open() gives the connection state";
  EXPECT_EQ(webim.opened, 2);
  EXPECT_EQ(chatsdk.opened, 1);
}

TEST_F(ClientRegistry, FindReturnsTheInstanceByTinyIdA2AndProtocol) {
  const auto a = login("alice", Protocol::webim);
  const auto found = registry.find(kApp, a.tinyid, a.a2, Protocol::webim);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->user, "alice");
  EXPECT_EQ(found->inst_id, a.inst_id);
}

TEST_F(ClientRegistry, FindRejectsAnotherUsersTinyId) {
  const auto a = login("alice", Protocol::webim);
  const auto b = login("bob", Protocol::webim);
  EXPECT_FALSE(registry.find(kApp, b.tinyid, a.a2, Protocol::webim));
  EXPECT_FALSE(registry.find(kApp, "", a.a2, Protocol::webim));
}

TEST_F(ClientRegistry, WebImA2IsNotFoundAsChatSdk) {
  const auto a = login("alice", Protocol::webim);
  EXPECT_FALSE(registry.find(kApp, a.tinyid, a.a2, Protocol::chatsdk));
  const auto c = login("alice", Protocol::chatsdk);
  EXPECT_FALSE(registry.find(kApp, c.tinyid, c.a2, Protocol::webim));
}

TEST_F(ClientRegistry, FindIsPerApp) {
  const auto a = login("alice", Protocol::webim);
  EXPECT_FALSE(registry.find(kOtherApp, a.tinyid, a.a2, Protocol::webim));
}

TEST_F(ClientRegistry, UnknownA2IsNotFound) {
  const auto a = login("alice", Protocol::webim);
  EXPECT_FALSE(registry.find(kApp, a.tinyid, "no-such-a2", Protocol::webim));
}

// ---- the login limit ----

TEST_F(ClientRegistry, EightLoginsOnOneProtocolCoexist) {
  std::vector<Instance> tabs;
  for (std::size_t i = 0; i < Registry::kMaxInstancesPerUser; ++i)
    tabs.push_back(login("alice", Protocol::webim));
  EXPECT_TRUE(webim.kicks.empty());
  for (const auto& tab : tabs) EXPECT_TRUE(found(tab));
}

TEST_F(ClientRegistry, NinthLoginOnOneProtocolEvictsTheOldestThere) {
  std::vector<Instance> sockets, tabs;
  for (std::size_t i = 0; i < Registry::kMaxInstancesPerUser; ++i) {
    tabs.push_back(login("alice", Protocol::webim));
    sockets.push_back(login("alice", Protocol::chatsdk));
  }
  const auto ninth = login("alice", Protocol::chatsdk);
  ASSERT_EQ(chatsdk.kicks.size(), 1u);
  EXPECT_EQ(chatsdk.kicks[0].a2, sockets[0].a2);
  EXPECT_EQ(chatsdk.kicks[0].user, "alice");
  EXPECT_EQ(chatsdk.kicks[0].reason, KickReason::instance_limit);
  EXPECT_FALSE(found(sockets[0]));
  for (std::size_t i = 1; i < sockets.size(); ++i) EXPECT_TRUE(found(sockets[i])) << i;
  EXPECT_TRUE(found(ninth));
  // Counted per protocol: the 8 WebIM tabs are untouched.
  EXPECT_TRUE(webim.kicks.empty());
  for (const auto& tab : tabs) EXPECT_TRUE(found(tab));
}

TEST_F(ClientRegistry, LoginLimitIsPerUser) {
  for (std::size_t i = 0; i < Registry::kMaxInstancesPerUser; ++i) login("alice", Protocol::webim);
  const auto bob = login("bob", Protocol::webim);
  EXPECT_TRUE(webim.kicks.empty());
  EXPECT_TRUE(found(bob));
}

TEST_F(ClientRegistry, EachLoginPastTheLimitEvictsTheNextOldest) {
  std::vector<Instance> tabs;
  for (std::size_t i = 0; i < Registry::kMaxInstancesPerUser + 3; ++i)
    tabs.push_back(login("alice", Protocol::webim));
  EXPECT_EQ(webim.kicked_a2s(), (std::vector<std::string>{tabs[0].a2, tabs[1].a2, tabs[2].a2}));
  for (std::size_t i = 3; i < tabs.size(); ++i) EXPECT_TRUE(found(tabs[i])) << i;
}

TEST_F(ClientRegistry, LoggedOutInstanceFreesItsPlaceUnderTheLimit) {
  std::vector<Instance> tabs;
  for (std::size_t i = 0; i < Registry::kMaxInstancesPerUser; ++i)
    tabs.push_back(login("alice", Protocol::webim));
  registry.logout(kApp, tabs[3].a2);
  webim.kicks.clear();
  login("alice", Protocol::webim);
  EXPECT_TRUE(webim.kicks.empty());
  EXPECT_TRUE(found(tabs[0]));
}

// ---- kicks, logouts, app resets ----

TEST_F(ClientRegistry, RestKickEndsEveryInstanceOfTheUserOnBothProtocols) {
  const auto tab1 = login("alice", Protocol::webim);
  const auto tab2 = login("alice", Protocol::webim);
  const auto socket = login("alice", Protocol::chatsdk);
  const auto bob_tab = login("bob", Protocol::webim);
  const auto bob_socket = login("bob", Protocol::chatsdk);
  hub.kick(kApp, "alice", kNow);
  EXPECT_EQ(webim.kicked_a2s(), (std::vector<std::string>{tab1.a2, tab2.a2}));
  EXPECT_EQ(chatsdk.kicked_a2s(), (std::vector<std::string>{socket.a2}));
  for (const auto* t : {&webim, &chatsdk})
    for (const auto& k : t->kicks) EXPECT_EQ(k.reason, KickReason::rest_kick);
  EXPECT_FALSE(found(tab1));
  EXPECT_FALSE(found(tab2));
  EXPECT_FALSE(found(socket));
  EXPECT_TRUE(found(bob_tab));
  EXPECT_TRUE(found(bob_socket));
  EXPECT_FALSE(registry.is_online(kApp, "alice"));
  EXPECT_TRUE(registry.is_online(kApp, "bob"));
}

TEST_F(ClientRegistry, RestKickOfTheSameUserInAnotherAppLeavesThisOne) {
  const auto here = login("alice", Protocol::webim);
  const auto there = login("alice", Protocol::webim, kOtherApp);
  registry.on_kick(kOtherApp, "alice");
  EXPECT_EQ(webim.kicked_a2s(), (std::vector<std::string>{there.a2}));
  EXPECT_TRUE(found(here));
}

TEST_F(ClientRegistry, LogoutEndsOneInstanceWithReasonLogout) {
  const auto tab1 = login("alice", Protocol::webim);
  const auto tab2 = login("alice", Protocol::webim);
  registry.logout(kApp, tab1.a2);
  ASSERT_EQ(webim.kicks.size(), 1u);
  EXPECT_EQ(webim.kicks[0].a2, tab1.a2);
  EXPECT_EQ(webim.kicks[0].reason, KickReason::logout);
  EXPECT_FALSE(found(tab1));
  EXPECT_TRUE(found(tab2));
}

TEST_F(ClientRegistry, ATimedOutInstanceEndsAloneWithReasonIdleTimeout) {
  const auto quiet = login("alice", Protocol::webim);
  const auto busy = login("alice", Protocol::webim);
  const auto socket = login("bob", Protocol::chatsdk);
  EXPECT_EQ(registry.instances_on(Protocol::webim).size(), 2u);
  registry.time_out(kApp, quiet.a2);
  ASSERT_EQ(webim.kicks.size(), 1u);
  EXPECT_EQ(webim.kicks[0].a2, quiet.a2);
  EXPECT_EQ(webim.kicks[0].reason, KickReason::idle_timeout);
  EXPECT_FALSE(found(quiet));
  EXPECT_TRUE(found(busy));
  EXPECT_TRUE(found(socket));
  const auto left = registry.instances_on(Protocol::webim);
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].a2, busy.a2);
}

TEST_F(ClientRegistry, LogoutOfAnUnknownInstanceTellsNobody) {
  login("alice", Protocol::webim);
  registry.logout(kApp, "no-such-a2");
  EXPECT_TRUE(webim.kicks.empty());
  EXPECT_TRUE(chatsdk.kicks.empty());
}

TEST_F(ClientRegistry, LogoutUserEndsTheUsersInstancesOnThatProtocolOnly) {
  const auto tab1 = login("alice", Protocol::webim);
  const auto tab2 = login("alice", Protocol::webim);
  const auto socket = login("alice", Protocol::chatsdk);
  const auto bob_tab = login("bob", Protocol::webim);
  registry.logout_user(kApp, "alice", Protocol::webim);
  EXPECT_EQ(webim.kicked_a2s(), (std::vector<std::string>{tab1.a2, tab2.a2}));
  for (const auto& k : webim.kicks) EXPECT_EQ(k.reason, KickReason::logout);
  EXPECT_TRUE(chatsdk.kicks.empty());
  EXPECT_TRUE(found(socket));
  EXPECT_TRUE(found(bob_tab));
}

TEST_F(ClientRegistry, AppResetEndsOnlyThatAppsInstances) {
  const auto here_tab = login("alice", Protocol::webim);
  const auto here_socket = login("bob", Protocol::chatsdk);
  const auto there_tab = login("alice", Protocol::webim, kOtherApp);
  const auto there_socket = login("carol", Protocol::chatsdk, kOtherApp);
  hub.app_reset(kOtherApp);
  EXPECT_EQ(webim.kicked_a2s(), (std::vector<std::string>{there_tab.a2}));
  EXPECT_EQ(chatsdk.kicked_a2s(), (std::vector<std::string>{there_socket.a2}));
  for (const auto* t : {&webim, &chatsdk})
    for (const auto& k : t->kicks) EXPECT_EQ(k.reason, KickReason::app_reset);
  EXPECT_FALSE(found(there_tab));
  EXPECT_FALSE(found(there_socket));
  EXPECT_TRUE(found(here_tab));
  EXPECT_TRUE(found(here_socket));
  EXPECT_FALSE(registry.is_online(kOtherApp, "alice"));
  EXPECT_TRUE(registry.is_online(kApp, "alice"));
}

TEST_F(ClientRegistry, AfterAnAppResetTheUserHasAFullLoginLimitAgain) {
  for (std::size_t i = 0; i < Registry::kMaxInstancesPerUser; ++i) login("alice", Protocol::webim);
  registry.on_app_reset(kApp);
  webim.kicks.clear();
  for (std::size_t i = 0; i < Registry::kMaxInstancesPerUser; ++i) login("alice", Protocol::webim);
  EXPECT_TRUE(webim.kicks.empty());
}

// ---- presence and expiry ----

TEST_F(ClientRegistry, IsOnlineAsksTheTransportWhetherTheInstanceIsConnected) {
  EXPECT_FALSE(registry.is_online(kApp, "alice"));
  const auto socket = login("alice", Protocol::chatsdk);
  EXPECT_TRUE(registry.is_online(kApp, "alice"));
  chatsdk.disconnected.insert(socket.a2);
  EXPECT_FALSE(registry.is_online(kApp, "alice")) << "logged in, but the transport says no socket";
  EXPECT_GT(chatsdk.connected_calls, 0);
  EXPECT_EQ(webim.connected_calls, 0);
}

TEST_F(ClientRegistry, IsOnlineWhenAnyInstanceOnAnyProtocolIsConnected) {
  const auto socket = login("alice", Protocol::chatsdk);
  const auto tab = login("alice", Protocol::webim);
  chatsdk.disconnected.insert(socket.a2);
  EXPECT_TRUE(registry.is_online(kApp, "alice"));
  webim.disconnected.insert(tab.a2);
  EXPECT_FALSE(registry.is_online(kApp, "alice"));
  EXPECT_TRUE(hub.online(kApp, "alice") == registry.is_online(kApp, "alice"));
}

TEST_F(ClientRegistry, ExpiredOnlyAfterTheSigExpires) {
  const auto a = login("alice", Protocol::chatsdk);
  EXPECT_FALSE(registry.expired(a, kNow));
  EXPECT_FALSE(registry.expired(a, kSigExpiresAt));
  EXPECT_TRUE(registry.expired(a, kSigExpiresAt + 1));
}

// ---- deliveries ----

TEST_F(ClientRegistry, DeliveryGoesOncePerProtocolToEveryTargetSkippingTheOrigin) {
  import_with_nick("bob", "Bob B");
  const auto alice_tab1 = login("alice", Protocol::webim);
  const auto alice_tab2 = login("alice", Protocol::webim);
  const auto alice_socket = login("alice", Protocol::chatsdk);
  const auto bob_tab = login("bob", Protocol::webim);  // where bob sends from
  const auto bob_socket = login("bob", Protocol::chatsdk);
  const auto bob_tab2 = login("bob", Protocol::webim);
  login("carol", Protocol::webim);
  hub.deliver(core::c2c_message_delivery(kApp, message("bob", "alice"), bob_tab.a2));

  using Targets = std::vector<std::pair<std::string, bool>>;
  ASSERT_EQ(webim.deliveries.size(), 1u) << "encoded once for every WebIM target";
  EXPECT_EQ(webim.deliveries[0].kind, core::DeliveryKind::c2c_message);
  EXPECT_EQ(webim.deliveries[0].from, "bob");
  EXPECT_EQ(webim.deliveries[0].sender_nick, "Bob B") << "WebIM items show the sender's profile";
  EXPECT_EQ(webim.deliveries[0].targets,
            (Targets{{alice_tab1.a2, false}, {alice_tab2.a2, false}, {bob_tab2.a2, true}}));
  ASSERT_EQ(chatsdk.deliveries.size(), 1u);
  EXPECT_EQ(chatsdk.deliveries[0].targets, (Targets{{alice_socket.a2, false}, {bob_socket.a2, true}}));
}

TEST_F(ClientRegistry, RestDeliveryWithoutSyncReachesOnlyTheReceiver) {
  login("bob", Protocol::webim);
  const auto alice_socket = login("alice", Protocol::chatsdk);
  hub.deliver(core::c2c_message_delivery(kApp, message("bob", "alice"), ""));
  EXPECT_TRUE(webim.deliveries.empty());
  ASSERT_EQ(chatsdk.deliveries.size(), 1u);
  EXPECT_EQ(chatsdk.deliveries[0].targets,
            (std::vector<std::pair<std::string, bool>>{{alice_socket.a2, false}}));
}

TEST_F(ClientRegistry, DeliveryToNobodyOnlineCallsNoTransport) {
  login("carol", Protocol::webim);
  login("carol", Protocol::chatsdk);
  hub.deliver(core::c2c_message_delivery(kApp, message("bob", "alice"), ""));
  hub.deliver(core::c2c_recall_delivery(kApp, message("bob", "alice"), ""));
  EXPECT_TRUE(webim.deliveries.empty());
  EXPECT_TRUE(chatsdk.deliveries.empty());
}

TEST_F(ClientRegistry, DeliveryToOnlyTheOriginCallsNoTransport) {
  const auto alice_tab = login("alice", Protocol::webim);
  hub.deliver(core::c2c_message_delivery(kApp, message("alice", "alice"), alice_tab.a2));
  EXPECT_TRUE(webim.deliveries.empty());
}

TEST_F(ClientRegistry, DeliveryForAnUnknownAppIsDropped) {
  login("alice", Protocol::webim, kOtherApp);  // kOtherApp was never saved
  hub.deliver(core::c2c_message_delivery(kOtherApp, message("bob", "alice"), ""));
  EXPECT_TRUE(webim.deliveries.empty());
}

TEST_F(ClientRegistry, DeliveryReachesOnlyItsOwnAppsInstances) {
  login("alice", Protocol::webim, kOtherApp);
  const auto here = login("alice", Protocol::webim);
  hub.deliver(core::c2c_message_delivery(kApp, message("bob", "alice"), ""));
  ASSERT_EQ(webim.deliveries.size(), 1u);
  EXPECT_EQ(webim.deliveries[0].targets, (std::vector<std::pair<std::string, bool>>{{here.a2, false}}));
}

TEST_F(ClientRegistry, RecallReachesBothSidesWithoutSyncCopies) {
  const auto alice_tab = login("alice", Protocol::webim);
  const auto bob_socket = login("bob", Protocol::chatsdk);
  const auto bob_tab = login("bob", Protocol::webim);
  hub.deliver(core::c2c_recall_delivery(kApp, message("bob", "alice"), bob_socket.a2));
  using Targets = std::vector<std::pair<std::string, bool>>;
  ASSERT_EQ(webim.deliveries.size(), 1u);
  EXPECT_EQ(webim.deliveries[0].kind, core::DeliveryKind::c2c_recall);
  EXPECT_EQ(webim.deliveries[0].targets, (Targets{{alice_tab.a2, false}, {bob_tab.a2, false}}));
  EXPECT_TRUE(chatsdk.deliveries.empty()) << "the origin learns from its reply";
}

// ---- no transport call under the registry's lock ----

TEST_F(ClientRegistry, TransportMayCallBackIntoTheRegistryWhenKicked) {
  std::vector<bool> still_found;
  bool relogged = false;
  auto call_back = [&](const Instance& ended) {
    still_found.push_back(found(ended));
    (void)registry.is_online(ended.app, ended.user);
    if (!relogged) {
      relogged = true;
      (void)login("dave", Protocol::webim);
    }
  };
  webim.on_kicked = call_back;
  chatsdk.on_kicked = call_back;
  finishes_without_deadlock([&] {
    std::vector<Instance> tabs;
    for (std::size_t i = 0; i <= Registry::kMaxInstancesPerUser; ++i)
      tabs.push_back(login("alice", Protocol::webim));
    const auto socket = login("alice", Protocol::chatsdk);
    registry.logout(kApp, tabs[1].a2);
    registry.logout_user(kApp, "alice", Protocol::chatsdk);
    login("alice", Protocol::chatsdk);
    hub.kick(kApp, "alice", kNow);
    login("erin", Protocol::chatsdk);
    hub.app_reset(kApp);
  });
  EXPECT_TRUE(relogged);
  EXPECT_FALSE(still_found.empty());
  for (const bool f : still_found) EXPECT_FALSE(f) << "an instance is gone before its transport hears of it";
}

TEST_F(ClientRegistry, TransportMayCallBackIntoTheRegistryWhileDelivering) {
  const auto alice_tab = login("alice", Protocol::webim);
  const auto alice_socket = login("alice", Protocol::chatsdk);
  int callbacks = 0;
  auto call_back = [&] {
    ++callbacks;
    EXPECT_TRUE(found(alice_tab));
    EXPECT_TRUE(registry.find(kApp, alice_socket.tinyid, alice_socket.a2, Protocol::chatsdk));
    (void)login("frank", Protocol::webim);
  };
  webim.on_deliver = call_back;
  chatsdk.on_deliver = call_back;
  chatsdk.on_connected = [&] { (void)registry.find(kApp, alice_tab.tinyid, alice_tab.a2, Protocol::webim); };
  finishes_without_deadlock([&] {
    hub.deliver(core::c2c_message_delivery(kApp, message("bob", "alice"), ""));
    EXPECT_TRUE(registry.is_online(kApp, "alice"));
    EXPECT_TRUE(hub.any_online(kApp, "alice"));
  });
  EXPECT_EQ(callbacks, 2);
}

}  // namespace
}  // namespace timock::client
