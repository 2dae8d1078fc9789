// store::GroupRepository and GroupMessageRepository: one seq counter for messages and tips (schema/006),
// unread counted from a member's read seq, and what a snapshot reads back of a group.
#include <gtest/gtest.h>

#include <algorithm>

#include "store/database.hpp"
#include "store/group_message_repository.hpp"
#include "store/group_repository.hpp"
#include "store/store.hpp"

namespace timock::store {
namespace {

constexpr core::SdkAppId kApp = 1400000045;
constexpr std::string_view kGroup = "@TGS#2STORETEST";

class GroupStore : public ::testing::Test {
 protected:
  Store store{":memory:"};
  Store::Locked locked = store.lock();
  GroupRepository groups{locked.db(), kApp};
  GroupMessageRepository history{locked.db(), kApp};

  void SetUp() override {
    locked.db().exec(
        "INSERT INTO apps (sdkappid, admin, created_at) VALUES (1400000045, 'administrator', 0)");
    core::Group g;
    g.group_id = std::string(kGroup);
    g.name = "store test";
    g.owner = "alice";
    g.create_time = g.last_info_time = 1000;
    g.max_member_num = core::kDefaultMaxMembers;
    groups.insert(g);
    groups.add_member(kGroup, member("alice", core::GroupRole::owner, 1000));
    groups.add_member(kGroup, member("bob", core::GroupRole::member, 1000));
  }

  static core::GroupMember member(std::string user, core::GroupRole role, std::int64_t join_time,
                                  std::int64_t seq = 0) {
    core::GroupMember m;
    m.user_id = std::move(user);
    m.role = role;
    m.join_time = join_time;
    m.join_seq = m.read_seq = seq;
    return m;
  }

  // Takes the group's next seq and stores an entry under it, as send_group_msg and add_tip do.
  std::int64_t add(std::string from, std::int64_t time,
                   core::GroupMessageKind kind = core::GroupMessageKind::message, bool counts_unread = true,
                   int flag_bits = 0) {
    core::GroupMessage m;
    m.group_id = std::string(kGroup);
    m.kind = kind;
    m.from_account = std::move(from);
    m.msg_time = time;
    m.counts_unread = counts_unread;
    m.flag_bits = flag_bits;
    m.msg_seq = groups.take_seq(kGroup, time);
    history.insert(m);
    return m.msg_seq;
  }
};

TEST_F(GroupStore, MessagesAndTipsTakeSeqsStrictlyIncreasingFromOne) {
  EXPECT_EQ(add("alice", 1001), 1);
  EXPECT_EQ(add(std::string(core::kSystemSender), 1002, core::GroupMessageKind::tip), 2);
  EXPECT_EQ(add("bob", 1003), 3);
  EXPECT_EQ(add(std::string(core::kSystemSender), 1004, core::GroupMessageKind::tip), 4);
  // A seq taken for an entry that is not kept (an online-only message) is not given again.
  EXPECT_EQ(groups.take_seq(kGroup, 1005), 5);
  EXPECT_EQ(add("alice", 1006), 6);
  const auto g = groups.find(kGroup);
  EXPECT_EQ(g->next_msg_seq, 7);
  EXPECT_EQ(g->last_msg_time, 1006);
  std::vector<std::int64_t> seqs;
  for (const auto& m : history.all(kGroup)) seqs.push_back(m.msg_seq);
  EXPECT_EQ(seqs, (std::vector<std::int64_t>{1, 2, 3, 4, 6}));
}

TEST_F(GroupStore, AnOlderEntryOrOneWithoutLastMsgLeavesTheLastMessageTime) {
  add("alice", 2000);
  EXPECT_EQ(groups.take_seq(kGroup, 1500), 2) << "an imported older message";
  EXPECT_EQ(groups.take_seq(kGroup, 2500, false), 3) << "SendMsgControl NoLastMsg";
  EXPECT_EQ(groups.find(kGroup)->last_msg_time, 2000);
}

TEST_F(GroupStore, UnreadCountsEntriesAfterTheReadSeqButNotOwnRecalledOrNoUnread) {
  add("bob", 1001);                                            // 1: counts for alice
  add("alice", 1002);                                          // 2: her own
  add("bob", 1003, core::GroupMessageKind::message, true, 8);  // 3: recalled
  add("bob", 1004, core::GroupMessageKind::message, false);    // 4: NoUnread / targeted
  add("bob", 1005);                                            // 5: counts
  add("bob", 1006);                                            // 6: counts
  EXPECT_EQ(history.unread(kGroup, "alice", 0), 3);
  EXPECT_EQ(history.unread(kGroup, "alice", 1), 2);
  EXPECT_EQ(history.unread(kGroup, "alice", 4), 2);
  EXPECT_EQ(history.unread(kGroup, "alice", 5), 1);
  EXPECT_EQ(history.unread(kGroup, "alice", 6), 0);
  EXPECT_EQ(history.unread(kGroup, "bob", 0), 1) << "bob's own are not unread for him; alice's one is";
}

TEST_F(GroupStore, ReadSeqLeavingLeavesExactlyThatManyUnreadAndClampsToWhatExists) {
  add("bob", 1001);                                            // 1: counts for alice
  add("alice", 1002);                                          // 2: her own
  add("bob", 1003);                                            // 3: counts
  add("bob", 1004, core::GroupMessageKind::message, false);    // 4: does not count
  add("bob", 1005, core::GroupMessageKind::message, true, 8);  // 5: recalled
  for (std::int64_t wanted = 0; wanted <= 2; ++wanted) {
    const auto read_seq = history.read_seq_leaving(kGroup, "alice", wanted);
    EXPECT_EQ(history.unread(kGroup, "alice", read_seq), wanted) << "read seq " << read_seq;
  }
  EXPECT_EQ(history.read_seq_leaving(kGroup, "alice", 0), 5) << "nothing unread: read up to the last entry";
  EXPECT_EQ(history.read_seq_leaving(kGroup, "alice", 1), 2) << "just before the newest that counts";
  EXPECT_EQ(history.read_seq_leaving(kGroup, "alice", 3), 0) << "more than exists: everything is unread";
  EXPECT_EQ(history.unread(kGroup, "alice", history.read_seq_leaving(kGroup, "alice", 100)), 2);
}

TEST_F(GroupStore, AMemberKeepsTheJoinAndReadSeqItIsGiven) {
  add("bob", 1001);
  add("bob", 1002);
  // api/group_members.cpp `joining`: a new member has read everything up to the group's last seq.
  const auto last = groups.find(kGroup)->next_msg_seq - 1;
  const auto carol = member("carol", core::GroupRole::member, 1003, last);
  ASSERT_TRUE(groups.add_member(kGroup, carol));
  EXPECT_FALSE(groups.add_member(kGroup, carol)) << "a member already";
  const auto stored = groups.member(kGroup, "carol");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->join_seq, 2);
  EXPECT_EQ(stored->read_seq, 2);
  EXPECT_EQ(stored->join_time, 1003);
  EXPECT_EQ(history.unread(kGroup, "carol", stored->read_seq), 0);
  add("bob", 1004);
  EXPECT_EQ(history.unread(kGroup, "carol", stored->read_seq), 1);
}

TEST_F(GroupStore, ASnapshotSeesTheMutesOfFormerMembersAndEveryBan) {
  groups.set_mute(kGroup, "bob", 5000);
  groups.set_mute(kGroup, "alice", 6000);
  ASSERT_TRUE(groups.remove_member(kGroup, "bob"));
  EXPECT_EQ(groups.mute_until(kGroup, "bob"), 5000) << "a mute outlives membership";
  const auto mutes = groups.mutes_of_non_members(kGroup);
  ASSERT_EQ(mutes.size(), 1u);
  EXPECT_EQ(mutes[0], (std::pair<std::string, std::int64_t>{"bob", 5000}));
  EXPECT_EQ(groups.member(kGroup, "alice")->mute_until, 6000);

  groups.ban(kGroup, "erin", 100, "ended");
  groups.ban(kGroup, "dave", 9000, "spam");
  EXPECT_EQ(groups.bans(kGroup, 1000, 0, 10).size(), 1u) << "get_group_ban_member lists bans in force";
  const auto all = groups.all_bans(kGroup);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].user_id, "dave");
  EXPECT_EQ(all[0].description, "spam");
  EXPECT_EQ(all[1].user_id, "erin");
  EXPECT_EQ(all[1].banned_until, 100);
}

// A big group's member list is read once and then kept (store/member_list_cache.hpp) until its membership
// changes; a change that is rolled back leaves no trace in it.
TEST_F(GroupStore, ABigGroupsMemberListIsKeptUntilItsMembershipChanges) {
  for (int i = 0; i < 100; ++i) groups.add_member(kGroup, member("m" + std::to_string(i), core::GroupRole::member, 1000));
  const auto first = groups.member_list(kGroup);
  ASSERT_EQ(first->size(), 102u);
  EXPECT_EQ(groups.member_list(kGroup), first) << "read again: the kept list, not a new read";

  groups.add_member(kGroup, member("carol", core::GroupRole::member, 1001));
  const auto joined = groups.member_list(kGroup);
  EXPECT_NE(joined, first);
  EXPECT_EQ(joined->size(), 103u);
  EXPECT_NE(std::find(joined->begin(), joined->end(), "carol"), joined->end());

  groups.remove_member(kGroup, "bob");
  const auto left = groups.member_list(kGroup);
  EXPECT_EQ(left->size(), 102u);
  EXPECT_EQ(std::find(left->begin(), left->end(), "bob"), left->end());

  {
    Transaction tx(locked.db());  // a join whose request fails: the list read inside it names dave…
    groups.add_member(kGroup, member("dave", core::GroupRole::member, 1002));
    EXPECT_EQ(groups.member_list(kGroup)->size(), 103u);
  }  // …rolled back here
  const auto after = groups.member_list(kGroup);
  EXPECT_EQ(after->size(), 102u);
  EXPECT_EQ(std::find(after->begin(), after->end(), "dave"), after->end());
  EXPECT_EQ(groups.member_ids(kGroup), *after);
}

}  // namespace
}  // namespace timock::store
