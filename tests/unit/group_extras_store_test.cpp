// store::LiveRoomRepository, GroupReceiptRepository and CommunityTopicRepository (schema/007, 008): live
// rooms' marks, admins and broadcast seq; read receipts; topics linked to their community, and what goes with
// what.
#include <gtest/gtest.h>

#include "store/community_topic_repository.hpp"
#include "store/database.hpp"
#include "store/group_message_repository.hpp"
#include "store/group_receipt_repository.hpp"
#include "store/group_repository.hpp"
#include "store/live_room_repository.hpp"
#include "store/store.hpp"

namespace timock::store {
namespace {

constexpr core::SdkAppId kApp = 1400000046;
constexpr core::SdkAppId kOtherApp = 1400000047;

class GroupExtrasStore : public ::testing::Test {
 protected:
  Store store{":memory:"};
  Store::Locked locked = store.lock();
  GroupRepository groups{locked.db(), kApp};

  void SetUp() override {
    locked.db().exec(
        "INSERT INTO apps (sdkappid, admin, created_at) VALUES (1400000046, 'administrator', 0)");
    locked.db().exec(
        "INSERT INTO apps (sdkappid, admin, created_at) VALUES (1400000047, 'administrator', 0)");
  }
  void make(const std::string& id, core::GroupType type = core::GroupType::av_chat_room) {
    core::Group g;
    g.group_id = id;
    g.type = type;
    g.name = id;
    g.create_time = g.last_info_time = 1000;
    g.max_member_num = core::kDefaultMaxMembers;
    groups.insert(g);
  }
};

TEST_F(GroupExtrasStore, BroadcastSeqsCountPerAppFromOne) {
  LiveRoomRepository rooms(locked.db(), kApp);
  LiveRoomRepository other(locked.db(), kOtherApp);
  EXPECT_EQ(rooms.take_broadcast_seq(), 1);
  EXPECT_EQ(rooms.take_broadcast_seq(), 2);
  EXPECT_EQ(other.take_broadcast_seq(), 1);
}

TEST_F(GroupExtrasStore, MarksGoWhenTheMemberLeavesAndAdminsStay) {
  make("room");
  groups.add_member("room", core::GroupMember::joined("bob", core::GroupRole::member, 1000));
  LiveRoomRepository rooms(locked.db(), kApp);
  rooms.add_mark("room", "bob", 1000);
  rooms.add_mark("room", "bob", 1000);
  rooms.add_mark("room", "bob", 500);
  EXPECT_EQ(rooms.marks("room", "bob"), (std::vector<std::int64_t>{500, 1000}));
  EXPECT_EQ(rooms.members_with_mark("room", 1000), 1);
  EXPECT_TRUE(rooms.add_admin("room", "carol"));
  EXPECT_FALSE(rooms.add_admin("room", "carol"));
  groups.remove_member("room", "bob");
  EXPECT_TRUE(rooms.marks("room", "bob").empty());
  EXPECT_TRUE(rooms.marks_in_use("room").empty());
  EXPECT_EQ(rooms.admins("room"), (std::vector<std::string>{"carol"}));
  groups.remove("room");
  EXPECT_TRUE(rooms.admins("room").empty()) << "they go with the room";
}

TEST_F(GroupExtrasStore, ReceiptsAreOncePerReaderAndClearedWithTheHistory) {
  make("g", core::GroupType::public_group);
  GroupReceiptRepository receipts(locked.db(), kApp);
  EXPECT_TRUE(receipts.add("g", 3, "bob", 1000));
  EXPECT_FALSE(receipts.add("g", 3, "bob", 1001));
  receipts.add("g", 3, "alice", 1000);
  receipts.add("g", 5, "alice", 1000);
  EXPECT_EQ(receipts.readers("g", 3), (std::vector<std::string>{"alice", "bob"}));
  receipts.clear_upto("g", 4);
  EXPECT_TRUE(receipts.readers("g", 3).empty());
  EXPECT_EQ(receipts.readers("g", 5), (std::vector<std::string>{"alice"}));
}

TEST_F(GroupExtrasStore, TopicsBelongToTheirCommunityAndStayOutOfTheAppsGroups) {
  make("@TGS#_c", core::GroupType::community);
  CommunityTopicRepository topics(locked.db(), kApp);
  EXPECT_FALSE(topics.supports_topics("@TGS#_c"));
  topics.enable("@TGS#_c");
  EXPECT_TRUE(topics.supports_topics("@TGS#_c"));
  make("@TGS#_c@TOPIC#_a", core::GroupType::community);
  topics.add("@TGS#_c@TOPIC#_a", "@TGS#_c", "custom");
  EXPECT_EQ(topics.community_of("@TGS#_c@TOPIC#_a"), "@TGS#_c");
  EXPECT_EQ(topics.community_of("@TGS#_c"), std::nullopt);
  EXPECT_EQ(topics.custom_string("@TGS#_c@TOPIC#_a"), "custom");
  topics.set_custom_string("@TGS#_c@TOPIC#_a", "new");
  EXPECT_EQ(topics.custom_string("@TGS#_c@TOPIC#_a"), "new");
  EXPECT_EQ(topics.topics("@TGS#_c"), (std::vector<std::string>{"@TGS#_c@TOPIC#_a"}));
  EXPECT_EQ(groups.count(std::nullopt), 1);
  EXPECT_EQ(groups.ids(std::nullopt, 0, -1), (std::vector<std::string>{"@TGS#_c"}));
  EXPECT_EQ(groups.all().size(), 1u);
  groups.remove("@TGS#_c@TOPIC#_a");
  EXPECT_TRUE(topics.topics("@TGS#_c").empty());
  EXPECT_EQ(groups.count(std::nullopt), 1);
}

}  // namespace
}  // namespace timock::store
