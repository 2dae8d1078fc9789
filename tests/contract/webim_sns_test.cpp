// WebIM 1.7's friend calls (sns/* with tinyid + a2, reference/webim-protocol.md §2, rest-api.md §3.5): a
// request from one client reaches the other's long poll as an Event 7 FriendListMod notice, friend_response and
// the blacklist work as over REST, a blocked user's send is refused with 20007, and a friend's nick change
// arrives as an Event 8 ProfileDataMod notice, once.
#include <gtest/gtest.h>

#include "webim_fixture.hpp"

namespace timock::testing::webim {
namespace {

// The one event of `kind` in a poll's reply.
json::object event_of(const PollResult& poll, int kind) {
  for (const auto& event : poll.events())
    if (event.at("Event").to_number<int>() == kind) return event.as_object();
  ADD_FAILURE() << "no Event " << kind << " in " << json::serialize(poll.reply);
  return {};
}

using WebimSns = WebImTest;

TEST_F(WebimSns, FriendRequestNoticeResponseBlacklistAnd20007) {
  auto alice = connected("alice");
  auto bob = connected("bob");
  auto bob_poll = bob->start_poll();
  wait_parked("bob", 1);
  const auto added = alice->call("sns", "friend_add",
                                 json::parse(R"({"From_Account":"alice","ForceAddFlags":1,"AddFriendItem":[
      {"To_Account":"bob","AddSource":"AddSource_Type_Web","AddWording":"hi"}]})").as_object());
  EXPECT_EQ(added.at("ResultItem").at(0).at("ResultCode").to_number<int>(), 30539) << json::serialize(added);
  const auto notice = event_of(bob_poll.get(), 7);
  EXPECT_EQ(notice.at("FriendListMod").at(0).at("PushType"), 3) << "webim_wx.js's FRIEND_NOTICE_TYPE.PENDENCY_ADD";
  EXPECT_EQ(notice.at("FriendListMod").at(0).at("PendencyAdd").at(0).at("PendencyAdd_Account"), "alice");
  EXPECT_EQ(notice.at("FriendListMod").at(0).at("PendencyAdd").at(0).at("ProfileImNick"), "Alice");

  const auto pending = bob->call("sns", "pendency_get", json::parse(R"({"PendencyType":"Pendency_Type_ComeIn"})").as_object());
  EXPECT_EQ(pending.at("PendencyItem").at(0).at("To_Account"), "alice") << json::serialize(pending);
  const auto answered = bob->call("sns", "friend_response", json::parse(R"({"ResponseFriendItem":[
      {"To_Account":"alice","ResponseAction":"Response_Action_AgreeAndAdd"}]})").as_object());
  EXPECT_EQ(answered.at("ResultItem").at(0).at("ResultCode").to_number<int>(), 0) << json::serialize(answered);
  const auto friends = rest(server, app, "sns/friend_check",
                            json::parse(R"({"From_Account":"alice","To_Account":["bob"],"CheckType":"CheckResult_Type_Both"})"));
  EXPECT_EQ(friends.at("InfoItem").at(0).at("Relation"), "CheckResult_Type_BothWay");

  const auto blocked = bob->call("sns", "black_list_add", json::parse(R"({"To_Account":["alice"]})").as_object());
  EXPECT_EQ(blocked.at("ErrorCode").to_number<int>(), 0) << json::serialize(blocked);
  const auto refused = alice->send_text("bob", "are you there?");
  EXPECT_EQ(refused.reply.at("ErrorCode").to_number<int>(), 20007) << json::serialize(refused.reply);
  const auto black = bob->call("sns", "black_list_get", json::parse(R"({"StartIndex":0,"MaxLimited":30,"LastSequence":0})").as_object());
  EXPECT_EQ(black.at("BlackListItem").at(0).at("To_Account"), "alice") << json::serialize(black);
}

TEST_F(WebimSns, AFriendsNickChangeArrivesOnceAsEvent8) {
  ASSERT_EQ(rest(server, app, "sns/friend_add",
                 json::parse(R"({"From_Account":"alice","ForceAddFlags":1,"AddFriendItem":[
      {"To_Account":"bob","AddSource":"AddSource_Type_Web"}]})")).at("ErrorCode").to_number<int>(), 0);
  auto alice = connected("alice");
  auto poll = alice->start_poll();
  wait_parked("alice", 1);
  ASSERT_EQ(rest(server, app, "profile/portrait_set",
                 json::parse(R"({"From_Account":"bob","ProfileItem":[{"Tag":"Tag_Profile_IM_Nick","Value":"Bobby"}]})"))
                .at("ErrorCode").to_number<int>(), 0);
  const auto notice = event_of(poll.get(), 8);
  EXPECT_EQ(notice.at("ProfileDataMod").at(0),
            json::parse(R"({"PushType":1,"Profile_Account":"bob","ProfileList":[{"Tag":"Tag_Profile_IM_Nick","Value":"Bobby"}]})"))
      << "webim_wx.js's PROFILE_NOTICE_TYPE.PROFILE_MODIFY, with Profile_Account and ProfileList";
  // Delivered once: the next poll has nothing and is held until it times out.
  EXPECT_EQ(alice->poll().code(), 60008);
}

}  // namespace
}  // namespace timock::testing::webim
