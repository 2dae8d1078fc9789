// The relationship chain on the Chat SDK socket (reference/modern-sdk-protocol.md §6.2, §11 sns.*; rest-api.md
// §3.5): a friend request from one socket reaches the other as a FriendListMod push, accepting it makes both
// friends and both sides are told, a block ends the friendship and refuses the blocked user's messages with
// 20007, and a client cannot force-add. The writes are REST's own commands, so REST reads them back.
#include <gtest/gtest.h>

#include "chatsdk_fixture.hpp"

namespace timock::testing::chatsdk {
namespace {

constexpr auto kPush = "im_open_push.msg_push";

// The next FriendListMod item pushed that carries `key` (others are skipped).
json::object friend_notice(ChatClient& client, std::string_view key) {
  for (int i = 0; i < 10; ++i) {
    const auto push = client.wait_push(kPush);
    if (!push) break;
    for (const auto& event : push->body.at("EventArray").as_array())
      if (const auto* list = event.as_object().if_contains("FriendListMod"))
        if (list->as_array().at(0).as_object().contains(key)) return list->as_array().at(0).as_object();
  }
  ADD_FAILURE() << "no FriendListMod push with " << key;
  return {};
}

json::object add_item(const std::string& to) {
  return {{"To_Account", to}, {"AddSource", "AddSource_Type_Web"}, {"AddWording", "hello"}};
}

using ChatSdkSns = ChatSdkTest;

TEST_F(ChatSdkSns, FriendRequestAcceptBlockAndUnblockAcrossTwoSockets) {
  auto alice = logged_in("alice");
  auto bob = logged_in("bob");
  // Nobody set an AllowType: bob needs to confirm (30539), and his socket hears of the request.
  const auto added = alice->call("sns.friend_add", {{"From_Account", "alice"},
                                                    {"AddFriendItem", json::array{add_item("bob")}},
                                                    {"AddType", "Add_Type_Both"},
                                                    {"ForceAddFlags", 1}});
  EXPECT_EQ(added.at("ResultItem").at(0).at("ResultCode").to_number<std::int64_t>(), 30539) << json::serialize(added);
  const auto request = friend_notice(*bob, "PendencyAdd");
  EXPECT_EQ(request.at("PushType"), 3);
  EXPECT_EQ(request.at("From"), "alice");
  EXPECT_EQ(request.at("PendencyAdd").at(0).at("PendencyAdd_Account"), "alice");
  const auto pending = bob->call("sns.pendency_get", {{"From_Account", "bob"},
                                                      {"PendencyType", "Pendency_Type_Both"},
                                                      {"StartTime", 0},
                                                      {"MaxLimited", 20},
                                                      {"LastSequence", 0}});
  ASSERT_EQ(code_of(pending), 0) << json::serialize(pending);
  EXPECT_EQ(pending.at("PendencyItem").at(0).at("To_Account"), "alice");
  EXPECT_EQ(pending.at("UnreadPendencyCount").to_number<std::int64_t>(), 1);
  EXPECT_EQ(pending.at("StartTime").to_number<std::int64_t>(), 0);

  const auto accepted = bob->call(
      "sns.friend_response",
      {{"From_Account", "bob"},
       {"ResponseFriendItem", json::array{json::object{{"To_Account", "alice"}, {"ResponseAction", "Response_Action_AgreeAndAdd"}}}}});
  ASSERT_EQ(code_of(accepted), 0) << json::serialize(accepted);
  EXPECT_EQ(accepted.at("ResultItem").at(0).at("ResultCode").to_number<std::int64_t>(), 0);
  // alice hears that her request is gone and bob is her friend.
  EXPECT_EQ(friend_notice(*alice, "FriendAdd_Account").at("FriendAdd_Account"), json::array{"bob"});
  // bob's own socket hears it too: the SDK updates its friend list from the push, not from its call's reply.
  EXPECT_EQ(friend_notice(*bob, "FriendAdd_Account").at("FriendAdd_Account"), json::array{"alice"});
  const auto list = alice->call("sns.friend_get", {{"From_Account", "alice"}, {"StartIndex", 0}});
  ASSERT_EQ(code_of(list), 0) << json::serialize(list);
  EXPECT_EQ(list.at("UserDataItem").at(0).at("To_Account"), "bob");
  EXPECT_EQ(list.at("CompleteFlag").to_number<std::int64_t>(), 1);
  const auto checked = rest_call("sns/friend_check", json::object{{"From_Account", "alice"},
                                                                  {"To_Account", json::array{"bob"}},
                                                                  {"CheckType", "CheckResult_Type_Both"}});
  EXPECT_EQ(checked.at("InfoItem").at(0).at("Relation"), "CheckResult_Type_BothWay");

  // bob blocks alice: the friendship ends both ways, and alice's messages to bob are refused.
  const auto blocked = bob->call("sns.black_list_add", {{"From_Account", "bob"}, {"To_Account", json::array{"alice"}}});
  ASSERT_EQ(code_of(blocked), 0) << json::serialize(blocked);
  const auto gone = friend_notice(*alice, "FriendDel_Account");
  EXPECT_EQ(gone.at("FriendDel_Account"), json::array{"bob"});
  const auto now = server_now();
  const auto refused = alice->call("openim.sendmsg", sendmsg_body("alice", "bob", "hello?", 5, 55, now));
  EXPECT_EQ(code_of(refused), 20007) << json::serialize(refused);
  EXPECT_EQ(roam("bob", "alice").size(), 0u);
  // bob may still write to alice (only B→A is refused when A blocks B, §3.5).
  EXPECT_EQ(code_of(bob->call("openim.sendmsg", sendmsg_body("bob", "alice", "bye", 6, 66, now))), 0);
  const auto black = bob->call("sns.black_list_get", {{"From_Account", "bob"}, {"StartIndex", 0}, {"MaxLimited", 30}});
  EXPECT_EQ(black.at("BlackListItem").at(0).at("To_Account"), "alice");
  EXPECT_EQ(black.at("StartIndex").to_number<std::int64_t>(), 0);
  EXPECT_GE(black.at("CurruentSequence").to_number<std::int64_t>(), 1);

  ASSERT_EQ(code_of(bob->call("sns.black_list_delete", {{"From_Account", "bob"}, {"To_Account", json::array{"alice"}}})), 0);
  EXPECT_EQ(code_of(alice->call("openim.sendmsg", sendmsg_body("alice", "bob", "hello again", 7, 77, now))), 0);
}

TEST_F(ChatSdkSns, FriendGroupsRemarksAndDeleteFromTheSocket) {
  ASSERT_EQ(code_of(rest_call("sns/friend_add", json::object{{"From_Account", "alice"},
                                                             {"AddFriendItem", json::array{add_item("bob")}},
                                                             {"ForceAddFlags", 1}})), 0);
  auto alice = logged_in("alice");
  const auto created = alice->call("sns.group_add", {{"From_Account", "alice"},
                                                     {"GroupName", json::array{"work"}},
                                                     {"To_Account", json::array{"bob", "carol"}}});
  ASSERT_EQ(code_of(created), 0) << json::serialize(created);
  EXPECT_EQ(created.at("Fail_Account"), json::array{"carol"});
  const auto groups = alice->call("sns.group_get", {{"From_Account", "alice"}, {"LastSequence", 0}, {"NeedFriend", "Need_Friend_Type_Yes"}});
  EXPECT_EQ(groups.at("ResultItem"), json::parse(R"([{"GroupName":"work","FriendNumber":1,"To_Account":["bob"]}])"));
  const auto renamed = alice->call("sns.group_update", {{"From_Account", "alice"}, {"GroupOldName", "work"}, {"GroupNewName", "job"}});
  ASSERT_EQ(code_of(renamed), 0) << json::serialize(renamed);
  const auto updated = alice->call(
      "sns.friend_update",
      {{"From_Account", "alice"},
       {"UpdateItem", json::array{json::object{{"To_Account", "bob"},
                                               {"SnsItem", json::array{json::object{{"Tag", "Tag_SNS_IM_Remark"}, {"Value", "B."}}}}}}}});
  ASSERT_EQ(code_of(updated), 0) << json::serialize(updated);
  const auto profile = alice->call("sns.friend_get_specified", {{"From_Account", "alice"}, {"To_Account", json::array{"bob"}}});
  ASSERT_EQ(code_of(profile), 0) << json::serialize(profile);
  bool remark = false, group = false;
  for (const auto& tag : profile.at("InfoItem").at(0).at("SnsProfileItem").as_array()) {
    remark |= tag.at("Tag") == "Tag_SNS_IM_Remark" && tag.at("Value") == "B.";
    group |= tag.at("Tag") == "Tag_SNS_IM_Group" && tag.at("Value") == json::array{"job"};
  }
  EXPECT_TRUE(remark);
  EXPECT_TRUE(group);
  const auto deleted = alice->call("sns.friend_delete", {{"From_Account", "alice"}, {"To_Account", json::array{"bob"}},
                                                         {"DeleteType", "Delete_Type_Both"}});
  ASSERT_EQ(code_of(deleted), 0) << json::serialize(deleted);
  EXPECT_EQ(rest_call("sns/friend_get", json::object{{"From_Account", "bob"}, {"StartIndex", 0}}).at("FriendNum"), 0);
}

TEST_F(ChatSdkSns, AFriendsNickChangeIsPushedAsProfileDataMod) {
  ASSERT_EQ(code_of(rest_call("sns/friend_add", json::object{{"From_Account", "alice"},
                                                             {"AddFriendItem", json::array{add_item("bob")}},
                                                             {"ForceAddFlags", 1}})), 0);
  auto alice = logged_in("alice");
  ASSERT_EQ(code_of(rest_call("profile/portrait_set",
                              json::object{{"From_Account", "bob"},
                                           {"ProfileItem", json::array{json::object{{"Tag", "Tag_Profile_IM_Nick"}, {"Value", "Bobby"}}}}})),
            0);
  const auto push = alice->wait_push(kPush);
  ASSERT_TRUE(push);
  const auto& event = push->body.at("EventArray").at(0);
  EXPECT_EQ(event.at("ProfileDataMod"),
            json::parse(R"([{"PushType":1,"Profile_Account":"bob","ProfileList":[{"Tag":"Tag_Profile_IM_Nick","Value":"Bobby"}]}])"));
}

}  // namespace
}  // namespace timock::testing::chatsdk
