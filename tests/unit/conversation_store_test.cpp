// store::ConversationRepository as MessageRepository::insert keeps it, and schema/003's backfill of the
// conversations of messages stored before it.
#include <gtest/gtest.h>

#include "store/conversation_repository.hpp"
#include "store/database.hpp"
#include "store/message_repository.hpp"
#include "store/migrations.hpp"
#include "store/store.hpp"

namespace timock::store {
namespace {

constexpr core::SdkAppId kApp = 1400000044;

core::C2cMessage message(std::string from, std::string to, std::int64_t time, std::uint32_t seq) {
  core::C2cMessage m;
  m.from_account = std::move(from);
  m.to_account = std::move(to);
  m.msg_time = time;
  m.msg_seq = seq;
  m.msg_random = seq;
  return m;
}

class ConversationStore : public ::testing::Test {
 protected:
  Store store{":memory:"};
  void SetUp() override {
    auto locked = store.lock();
    locked.db().exec(
        "INSERT INTO apps (sdkappid, admin, created_at) VALUES (1400000044, 'administrator', 0)");
  }
  std::int64_t insert(const core::C2cMessage& m) {
    auto locked = store.lock();
    return MessageRepository(locked.db(), kApp).insert(m);
  }
  std::optional<Conversation> find(const std::string& owner, const std::string& peer) {
    auto locked = store.lock();
    return ConversationRepository(locked.db(), kApp).find(owner, peer);
  }
};

TEST_F(ConversationStore, EachSideThatSeesAMessageGetsItsNewestByMsgTime) {
  const auto first = insert(message("a", "b", 100, 1));
  auto hidden_from_sender = message("b", "a", 200, 2);
  hidden_from_sender.sender_sees = false;
  const auto second = insert(hidden_from_sender);
  insert(message("a", "b", 50, 3));  // an imported older message
  EXPECT_EQ(find("a", "b")->last_msg_id, second);
  EXPECT_EQ(find("a", "b")->msg_time, 200);
  EXPECT_EQ(find("b", "a")->last_msg_id, first);
  EXPECT_EQ(find("b", "a")->msg_time, 100);
}

TEST_F(ConversationStore, AHiddenConversationShowsAgainWithTheNextMessageAndForgettingStartsAfresh) {
  insert(message("a", "b", 100, 1));
  {
    auto locked = store.lock();
    ConversationRepository(locked.db(), kApp).hide_and_forget("a", "b");
  }
  EXPECT_FALSE(find("a", "b"));
  const auto later = insert(message("b", "a", 90, 2));
  ASSERT_TRUE(find("a", "b"));
  EXPECT_EQ(find("a", "b")->last_msg_id, later);
  EXPECT_EQ(find("a", "b")->msg_time, 90);
}

TEST(ConversationMigration, BackfillsTheConversationsOfExistingMessages) {
  Database db(":memory:");
  for (const auto& migration : embedded_migrations()) {
    if (migration.version >= 3) break;
    db.exec(migration.sql);
    db.exec("PRAGMA user_version = " + std::to_string(migration.version));
  }
  db.exec("INSERT INTO apps (sdkappid, admin, created_at) VALUES (1400000044, 'administrator', 0)");
  db.exec(
      "INSERT INTO c2c_messages (id, sdkappid, peer_low, peer_high, from_account, to_account, msg_seq, "
      "msg_random, "
      "msg_time, body, sender_sees) VALUES "
      "(1, 1400000044, 'a', 'b', 'a', 'b', 1, 1, 100, '[]', 1), "
      "(2, 1400000044, 'a', 'b', 'b', 'a', 2, 2, 300, '[]', 0), "
      "(3, 1400000044, 'a', 'c', 'c', 'a', 3, 3, 200, '[]', 1)");
  migrate(db);
  ConversationRepository list(db, kApp);
  const auto a = list.recent("a", 10);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].peer, "b");
  EXPECT_EQ(a[0].last_msg_id, 2);
  EXPECT_EQ(a[1].peer, "c");
  const auto b = list.recent("b", 10);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].last_msg_id, 1) << "b's own send of 300 was hidden from b (SyncOtherMachine 2)";
}

}  // namespace
}  // namespace timock::store
