// The user status board (client/user_status.hpp): custom statuses and subscriptions per app, the 200-user
// cap, unsubscribing some or all, and an app reset forgetting its own only.
#include "client/user_status.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace timock::client {
namespace {

constexpr core::SdkAppId kApp = 1400000071;
constexpr core::SdkAppId kOtherApp = 1400000072;

using Users = std::vector<std::string>;

TEST(UserStatuses, CustomStatusIsPerAppAndAnEmptyOneClearsIt) {
  UserStatuses board;
  board.set_custom(kApp, "bob", "busy");
  EXPECT_EQ(board.custom(kApp, "bob"), "busy");
  EXPECT_EQ(board.custom(kOtherApp, "bob"), "");
  board.set_custom(kApp, "bob", "");
  EXPECT_EQ(board.custom(kApp, "bob"), "");
}

TEST(UserStatuses, SubscribersAreWhoFollowAUser) {
  UserStatuses board;
  EXPECT_TRUE(board.subscribe(kApp, "alice", {"bob", "carol"}).empty());
  EXPECT_TRUE(board.subscribe(kApp, "dan", {"bob"}).empty());
  EXPECT_EQ(board.subscribers(kApp, "bob"), (Users{"alice", "dan"}));
  EXPECT_EQ(board.subscribers(kApp, "carol"), (Users{"alice"}));
  EXPECT_TRUE(board.subscribers(kOtherApp, "bob").empty());
}

TEST(UserStatuses, UnsubscribeDropsTheNamedUsersOrEveryOne) {
  UserStatuses board;
  board.subscribe(kApp, "alice", {"bob", "carol", "dan"});
  board.unsubscribe(kApp, "alice", {"bob"});
  EXPECT_TRUE(board.subscribers(kApp, "bob").empty());
  EXPECT_EQ(board.subscribers(kApp, "carol"), (Users{"alice"}));
  board.unsubscribe(kApp, "alice", {});
  EXPECT_TRUE(board.subscribers(kApp, "carol").empty());
  EXPECT_TRUE(board.subscribers(kApp, "dan").empty());
}

TEST(UserStatuses, PastTwoHundredSubscriptionsTheRestAreRefused) {
  UserStatuses board;
  Users many;
  for (std::size_t i = 0; i < UserStatuses::kMaxSubscriptions + 2; ++i)
    many.push_back("u" + std::to_string(i));
  const auto refused = board.subscribe(kApp, "alice", many);
  EXPECT_EQ(refused, (Users{"u200", "u201"}));
  // Subscribing again to one already followed is no new subscription.
  EXPECT_TRUE(board.subscribe(kApp, "alice", {"u0"}).empty());
}

TEST(UserStatuses, ForgettingAnAppKeepsTheOthers) {
  UserStatuses board;
  board.set_custom(kApp, "bob", "busy");
  board.set_custom(kOtherApp, "bob", "away");
  board.subscribe(kApp, "alice", {"bob"});
  board.subscribe(kOtherApp, "alice", {"bob"});
  board.forget_app(kApp);
  EXPECT_EQ(board.custom(kApp, "bob"), "");
  EXPECT_TRUE(board.subscribers(kApp, "bob").empty());
  EXPECT_EQ(board.custom(kOtherApp, "bob"), "away");
  EXPECT_EQ(board.subscribers(kOtherApp, "bob"), (Users{"alice"}));
}

}  // namespace
}  // namespace timock::client
