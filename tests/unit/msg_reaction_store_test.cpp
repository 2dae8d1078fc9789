// store::MsgReactionRepository (schema/013): who reacted how to a message, first come first, per app.
#include <gtest/gtest.h>

#include "store/database.hpp"
#include "store/msg_reaction_repository.hpp"
#include "store/store.hpp"

namespace timock::store {
namespace {

constexpr core::SdkAppId kApp = 1400000061;
constexpr core::SdkAppId kOtherApp = 1400000062;
constexpr std::string_view kMsg = "c2c:alice:bob:1_2_3";

class MsgReactionStore : public ::testing::Test {
 protected:
  Store store{":memory:"};
  Store::Locked locked = store.lock();
  MsgReactionRepository reactions{locked.db(), kApp};

  void SetUp() override {
    locked.db().exec(
        "INSERT INTO apps (sdkappid, admin, created_at) VALUES (1400000061, 'administrator', 0)");
    locked.db().exec(
        "INSERT INTO apps (sdkappid, admin, created_at) VALUES (1400000062, 'administrator', 0)");
  }
};

TEST_F(MsgReactionStore, SummariesListReactionsAndUsersInTheOrderTheyCame) {
  reactions.add(kMsg, "like", "bob");
  reactions.add(kMsg, "heart", "carol");
  reactions.add(kMsg, "like", "alice");
  EXPECT_TRUE(reactions.has(kMsg, "like", "alice"));
  EXPECT_FALSE(reactions.has(kMsg, "heart", "alice"));
  EXPECT_EQ(reactions.reactions(kMsg), 2);
  EXPECT_EQ(reactions.users(kMsg, "like"), 2);
  const auto all = reactions.summaries(kMsg, 1);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].reaction, "like");
  EXPECT_EQ(all[0].count, 2);
  EXPECT_EQ(all[0].first_users, std::vector<std::string>{"bob"});
  EXPECT_EQ(all[1].reaction, "heart");
  const auto one = reactions.summaries(kMsg, 10, "heart");
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].first_users, std::vector<std::string>{"carol"});
}

TEST_F(MsgReactionStore, PagesGoOnFromTheNextSeqAndRemovingForgetsTheUser) {
  for (const char* user : {"a", "b", "c"}) reactions.add(kMsg, "like", user);
  const auto first = reactions.page(kMsg, "like", 0, 2);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[1].user, "b");
  const auto rest = reactions.page(kMsg, "like", first[1].seq + 1, 2);
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].user, "c");
  EXPECT_TRUE(reactions.remove(kMsg, "like", "b"));
  EXPECT_FALSE(reactions.remove(kMsg, "like", "b"));
  EXPECT_EQ(reactions.users(kMsg, "like"), 2);
}

TEST_F(MsgReactionStore, AppsDoNotSeeEachOthersReactions) {
  reactions.add(kMsg, "like", "bob");
  MsgReactionRepository other(locked.db(), kOtherApp);
  EXPECT_EQ(other.reactions(kMsg), 0);
  EXPECT_TRUE(other.summaries(kMsg, 10).empty());
}

}  // namespace
}  // namespace timock::store
