// Groups on the Chat SDK socket (reference/modern-sdk-groups.md): the group_open_http_svc commands as the SDK
// sends them, the client's permission rules, and the pushes with the fields the SDK requires (GroupInfo and
// ToGroupId on every item, the sender's TinyId and client time, Event 3/4/5).
#include <gtest/gtest.h>

#include "chatsdk_fixture.hpp"

namespace timock::testing::chatsdk {
namespace {

constexpr auto kPush = "im_open_push.msg_push";
constexpr auto kGroup = "group_open_http_svc.";

// The single item of a group push and its Event (GroupMsgArray or GroupTips).
struct GroupPush {
  std::int64_t event = -1;
  std::string key;
  json::object item;
};

GroupPush group_push(const ChatFrame& push) {
  const auto& events = push.body.at("EventArray").as_array();
  EXPECT_EQ(events.size(), 1u) << json::serialize(push.body);
  const auto& event = events.at(0).as_object();
  GroupPush out;
  out.event = event.at("Event").to_number<std::int64_t>();
  for (const char* key : {"GroupMsgArray", "GroupTips", "C2cMsgArray"})
    if (const auto* items = event.if_contains(key)) {
      out.key = key;
      EXPECT_EQ(items->as_array().size(), 1u) << json::serialize(push.body);
      out.item = items->as_array().at(0).as_object();
    }
  return out;
}

// The next group push on `client` (fails the test when none comes).
GroupPush next_group_push(ChatClient& client) {
  const auto push = client.wait_push(kPush);
  EXPECT_TRUE(push.has_value());
  return push ? group_push(*push) : GroupPush{};
}

std::size_t pushes_left(ChatClient& client) {
  std::size_t n = 0;
  for (const auto& frame : client.drain()) n += frame.servcmd == kPush ? 1 : 0;
  return n;
}

json::object text_body(const std::string& group_id, const std::string& text, std::int64_t random,
                       std::int64_t client_time) {
  return {{"GroupId", group_id},
          {"Random", random},
          {"MsgPriority", "Normal"},
          {"MsgBody", json::array{text_elem(text)}},
          {"MsgClientTime", client_time},
          {"OnlineOnlyFlag", 0}};
}

class ChatSdkGroups : public ChatSdkTest {
 protected:
  json::object group(ChatClient& client, const std::string& command, const json::object& body) {
    return client.call(std::string(kGroup) + command, body);
  }
  // `owner` creates a group of `type` with `members` over the socket; returns its GroupId.
  std::string create(ChatClient& owner, const std::string& user, const std::string& type,
                     std::vector<std::string> members, json::object extra = {}) {
    json::array list;
    for (const auto& m : members) list.push_back(json::object{{"Member_Account", m}});
    json::object body{{"Type", type}, {"Name", type + "-group"}, {"Owner_Account", user},
                      {"MemberList", std::move(list)}, {"WebPushFlag", 1}, {"FaceUrl", ""}};
    for (auto& [key, value] : extra) body[key] = value;
    const auto reply = group(owner, "create_group", body);
    EXPECT_EQ(code_of(reply), 0) << json::serialize(reply);
    return reply.contains("GroupId") ? std::string(reply.at("GroupId").as_string()) : std::string();
  }
};

TEST_F(ChatSdkGroups, CreateGroupTellsTheInitialMembersWithAnInvitedNoticeThatNamesTheGroup) {
  auto alice = logged_in("alice");
  auto bob = logged_in("bob");
  const auto id = create(*alice, "alice", "Private", {"bob", "carol"});
  ASSERT_TRUE(id.starts_with("@TGS#1")) << id;
  const auto push = next_group_push(*bob);
  EXPECT_EQ(push.event, 5);
  EXPECT_EQ(push.key, "GroupTips");
  EXPECT_EQ(push.item.at("ToGroupId").as_string(), id);
  EXPECT_EQ(push.item.at("GroupInfo").at("GroupId").as_string(), id);
  EXPECT_EQ(push.item.at("GroupInfo").at("GroupName").as_string(), "Private-group");
  EXPECT_EQ(push.item.at("GroupInfo").at("To_Account").as_string(), "bob");
  EXPECT_EQ(push.item.at("MsgBody").at("ReportType").to_number<int>(), 7);
  EXPECT_EQ(push.item.at("MsgBody").at("Operator_Account").as_string(), "alice");
  // The creating socket learns from its reply alone.
  EXPECT_EQ(pushes_left(*alice), 0u);
}

TEST_F(ChatSdkGroups, JoinedGroupListAndSelfMemberInfoAnswerWhatTheSdkReads) {
  auto alice = logged_in("alice");
  const auto id = create(*alice, "alice", "Private", {"bob"});
  auto bob = logged_in("bob");
  const auto list = group(*bob, "get_joined_group_list",
                          {{"Member_Account", "bob"}, {"Limit", 200}, {"Offset", 0},
                           {"ResponseFilter", {{"GroupBaseInfoFilter", json::array{"Type", "Name", "NextMsgSeq", "ShutUpAllMember"}},
                                               {"SelfInfoFilter", json::array{"Role", "JoinTime", "MsgFlag", "MsgSeq"}}}}});
  ASSERT_EQ(code_of(list), 0) << json::serialize(list);
  EXPECT_EQ(list.at("TotalCount").to_number<int>(), 1);  // a silent Work group is listed to its members
  const auto& item = list.at("GroupIdList").at(0).as_object();
  EXPECT_EQ(item.at("GroupId").as_string(), id);
  EXPECT_EQ(item.at("Type").as_string(), "Private");
  EXPECT_EQ(item.at("NextMsgSeq").to_number<int>(), 1);
  EXPECT_EQ(item.at("SelfInfo").at("Role").as_string(), "Member");
  // The Community twin answers an empty list (modern-sdk-groups.md §7).
  const auto twin = bob->call("million_group_open_http_svc.get_joined_group_list", {{"Member_Account", "bob"}});
  EXPECT_EQ(code_of(twin), 0);
  EXPECT_TRUE(twin.at("GroupIdList").as_array().empty());

  const auto self = group(*bob, "get_group_self_member_info",
                          {{"GroupIdList", json::array{id, "@TGS#1NOSUCH00"}},
                           {"ResponseFilter", {{"GroupBaseInfoFilter", json::array{"Type", "Name", "Owner_Account"}},
                                               {"MemberInfoFilter", json::array{"Role", "JoinTime", "MsgSeq"}}}}});
  ASSERT_EQ(code_of(self), 0) << json::serialize(self);
  const auto& infos = self.at("GroupInfo").as_array();
  ASSERT_EQ(infos.size(), 2u);
  EXPECT_EQ(infos.at(0).at("ErrorCode").to_number<int>(), 0);
  EXPECT_EQ(infos.at(0).at("Owner_Account").as_string(), "alice");
  ASSERT_EQ(infos.at(0).at("MemberList").as_array().size(), 1u);  // the caller's own row only
  EXPECT_EQ(infos.at(0).at("MemberList").at(0).at("Member_Account").as_string(), "bob");
  EXPECT_EQ(infos.at(1).at("ErrorCode").to_number<int>(), 10010);
}

TEST_F(ChatSdkGroups, AGroupMessageReachesEveryOtherMemberWithTheSendersIdParts) {
  auto alice = logged_in("alice");
  const auto id = create(*alice, "alice", "Public", {"bob", "carol"});
  auto bob = logged_in("bob");
  auto carol = logged_in("carol");
  auto alice_phone = logged_in("alice");
  const auto sent = group(*alice, "send_group_msg", text_body(id, "hello group", 43587491, 1796160611));
  ASSERT_EQ(code_of(sent), 0) << json::serialize(sent);
  EXPECT_EQ(sent.at("MsgSeq").to_number<int>(), 1);
  for (auto* member : {bob.get(), carol.get(), alice_phone.get()}) {
    const auto push = next_group_push(*member);
    EXPECT_EQ(push.key, "GroupMsgArray");
    EXPECT_EQ(push.item.at("ToGroupId").as_string(), id);
    EXPECT_EQ(push.item.at("GroupInfo").at("GroupId").as_string(), id);
    EXPECT_EQ(push.item.at("GroupInfo").at("GroupType").as_string(), "Public");
    EXPECT_EQ(push.item.at("From_Account").as_string(), "alice");
    EXPECT_EQ(push.item.at("MsgSeq").to_number<int>(), 1);
    EXPECT_EQ(push.item.at("MsgRandom").to_number<std::int64_t>(), 43587491);
    EXPECT_EQ(push.item.at("MsgClientTime").to_number<std::int64_t>(), 1796160611);
    EXPECT_EQ(push.item.at("TinyId").as_string(), alice->tinyid());
    EXPECT_EQ(push.item.at("MsgBody").at(0).at("MsgContent").at("Text").as_string(), "hello group");
  }
  EXPECT_EQ(pushes_left(*alice), 0u);  // the sending socket is never pushed its own message
}

TEST_F(ChatSdkGroups, GroupMsgGetPagesNewestFirstWithNextReqMsgSeqAndTipsAsEvent4) {
  auto alice = logged_in("alice");
  const auto id = create(*alice, "alice", "Public", {"bob"});
  for (int i = 1; i <= 3; ++i)
    ASSERT_EQ(code_of(group(*alice, "send_group_msg", text_body(id, "m" + std::to_string(i), 100 + i, 1))), 0);
  auto bob = logged_in("bob");
  ASSERT_EQ(code_of(group(*bob, "quit_group", {{"GroupId", id}})), 0);  // a tip at seq 4
  const auto page = group(*alice, "group_msg_get", {{"GroupId", id}, {"ReqMsgSeq", 4}, {"ReqMsgNumber", 2}});
  ASSERT_EQ(code_of(page), 0) << json::serialize(page);
  const auto& list = page.at("RspMsgList").as_array();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list.at(0).at("MsgSeq").to_number<int>(), 4);
  EXPECT_EQ(list.at(0).at("Event").to_number<int>(), 4);
  EXPECT_EQ(list.at(0).at("From_Account").as_string(), "@TIM#SYSTEM");
  EXPECT_EQ(list.at(0).at("MsgBody").at("OpType").to_number<int>(), 2);
  EXPECT_EQ(list.at(1).at("MsgSeq").to_number<int>(), 3);
  EXPECT_EQ(list.at(1).at("ToGroupId").as_string(), id);
  EXPECT_EQ(page.at("NextReqMsgSeq").to_number<int>(), 2);
  EXPECT_EQ(page.at("IsFinished").to_number<int>(), 0);
  const auto last = group(*alice, "group_msg_get", {{"GroupId", id}, {"ReqMsgSeq", 2}, {"ReqMsgNumber", 20}});
  EXPECT_EQ(last.at("RspMsgList").as_array().size(), 2u);
  EXPECT_EQ(last.at("NextReqMsgSeq").to_number<int>(), 0);
  EXPECT_EQ(last.at("IsFinished").to_number<int>(), 1);
  // Not a member any more: no history.
  EXPECT_EQ(code_of(group(*bob, "group_msg_get", {{"GroupId", id}, {"ReqMsgSeq", 4}})), 10007);
}

TEST_F(ChatSdkGroups, PageGetListsTheGroupWithItsUnreadCountUntilAReadReport) {
  auto alice = logged_in("alice");
  const auto id = create(*alice, "alice", "Public", {"bob"});
  for (int i = 1; i <= 3; ++i)
    ASSERT_EQ(code_of(group(*alice, "send_group_msg", text_body(id, "m" + std::to_string(i), 200 + i, 1))), 0);
  auto bob = logged_in("bob");
  const auto page_body = json::object{{"From_Account", "bob"}, {"TimeStamp", 0}, {"StartIndex", 0},
                                      {"TopTimeStamp", 0}, {"TopStartIndex", 0}, {"AssistFlags", 31}};
  const auto find_group = [&](const json::object& page) -> json::object {
    for (const auto& item : page.at("SessionItem").as_array())
      if (item.as_object().contains("ToAccount") && item.at("ToAccount").as_string() == id) return item.as_object();
    return {};
  };
  const auto before = find_group(bob->call("recentcontact.page_get", page_body));
  ASSERT_FALSE(before.empty());
  EXPECT_EQ(before.at("Type").to_number<int>(), 2);
  EXPECT_EQ(before.at("GroupNick").as_string(), "Public-group");
  EXPECT_EQ(before.at("GroupType").as_string(), "Public");
  EXPECT_EQ(before.at("UnreadMsgCount").to_number<int>(), 3);
  EXPECT_EQ(before.at("MsgSeq").to_number<int>(), 3);
  EXPECT_EQ(before.at("GroupNextMsgSeq").to_number<int>(), 4);
  EXPECT_EQ(before.at("MsgGroupFromAccount").as_string(), "alice");
  EXPECT_EQ(before.at("LastMsg").at("MsgBody").at(0).at("MsgContent").at("Text").as_string(), "m3");
  ASSERT_EQ(code_of(group(*bob, "msg_read_report", {{"GroupId", id}, {"MsgReadedSeq", 2}})), 0);
  EXPECT_EQ(find_group(bob->call("recentcontact.page_get", page_body)).at("UnreadMsgCount").to_number<int>(), 1);
  ASSERT_EQ(code_of(group(*bob, "msg_read_report", {{"GroupId", id}, {"MsgReadedSeq", 3}})), 0);
  const auto after = find_group(bob->call("recentcontact.page_get", page_body));
  EXPECT_EQ(after.at("UnreadMsgCount").to_number<int>(), 0);
  EXPECT_EQ(after.at("MsgGroupReadedSeq").to_number<int>(), 3);
}

TEST_F(ChatSdkGroups, QuittingTipsTheRemainingMembersAndTheOwnerMayNotQuit) {
  auto alice = logged_in("alice");
  const auto id = create(*alice, "alice", "Private", {"bob", "carol"});
  auto bob = logged_in("bob");
  auto carol = logged_in("carol");
  EXPECT_EQ(code_of(group(*alice, "quit_group", {{"GroupId", id}})), 10009);
  ASSERT_EQ(code_of(group(*bob, "quit_group", {{"GroupId", id}})), 0);
  for (auto* member : {alice.get(), carol.get()}) {
    const auto push = next_group_push(*member);
    EXPECT_EQ(push.event, 4);
    EXPECT_EQ(push.key, "GroupTips");
    EXPECT_EQ(push.item.at("ToGroupId").as_string(), id);
    EXPECT_EQ(push.item.at("GroupInfo").at("GroupId").as_string(), id);
    EXPECT_EQ(push.item.at("MsgBody").at("OpType").to_number<int>(), 2);
    EXPECT_EQ(push.item.at("MsgBody").at("Operator_Account").as_string(), "bob");
    EXPECT_EQ(push.item.at("MsgBody").at("MemberNum").to_number<int>(), 2);
  }
  EXPECT_EQ(code_of(group(*bob, "quit_group", {{"GroupId", id}})), 10007);  // not a member any more
}

TEST_F(ChatSdkGroups, TheOwnerDismissesAPublicGroupAndMembersGetTheNoticeButAWorkGroupOnlyOverRest) {
  auto alice = logged_in("alice");
  const auto work = create(*alice, "alice", "Private", {"bob"});
  const auto pub = create(*alice, "alice", "Public", {"bob"});
  auto bob = logged_in("bob");
  EXPECT_EQ(code_of(group(*bob, "destroy_group", {{"GroupId", pub}})), 10007);   // not the owner
  EXPECT_EQ(code_of(group(*alice, "destroy_group", {{"GroupId", work}})), 10007);  // a Work group
  ASSERT_EQ(code_of(group(*alice, "destroy_group", {{"GroupId", pub}})), 0);
  const auto push = next_group_push(*bob);
  EXPECT_EQ(push.event, 5);
  EXPECT_EQ(push.item.at("MsgBody").at("ReportType").to_number<int>(), 5);
  EXPECT_EQ(push.item.at("GroupInfo").at("GroupId").as_string(), pub);
  EXPECT_EQ(code_of(rest_call("group_open_http_svc/destroy_group", json::object{{"GroupId", work}})), 0);
}

TEST_F(ChatSdkGroups, JoinRequestsWaitForAnAdminWhoseAnswerReachesTheApplicantOnce) {
  auto alice = logged_in("alice");
  const auto free_id = create(*alice, "alice", "Public", {}, {{"ApplyJoinOption", "FreeAccess"}});
  const auto asked_id = create(*alice, "alice", "Public", {}, {{"ApplyJoinOption", "NeedPermission"}});
  const auto closed_id = create(*alice, "alice", "Public", {}, {{"ApplyJoinOption", "DisableApply"}});
  auto carol = logged_in("carol");
  const auto joined = group(*carol, "apply_join_group", {{"GroupId", free_id}, {"ApplyMsg", "hi"}});
  EXPECT_EQ(joined.at("JoinedStatus").as_string(), "JoinedSuccess") << json::serialize(joined);
  EXPECT_EQ(next_group_push(*alice).item.at("MsgBody").at("OpType").to_number<int>(), 1);  // the join tip
  EXPECT_EQ(code_of(group(*carol, "apply_join_group", {{"GroupId", free_id}})), 10013);
  EXPECT_EQ(code_of(group(*carol, "apply_join_group", {{"GroupId", closed_id}})), 10007);

  const auto waiting = group(*carol, "apply_join_group", {{"GroupId", asked_id}, {"ApplyMsg", "let me in"}});
  EXPECT_EQ(waiting.at("JoinedStatus").as_string(), "WaitAdminApproval") << json::serialize(waiting);
  const auto request = next_group_push(*alice);
  EXPECT_EQ(request.event, 5);
  const auto& notice = request.item.at("MsgBody").as_object();
  EXPECT_EQ(notice.at("ReportType").to_number<int>(), 1);
  EXPECT_EQ(notice.at("Operator_Account").as_string(), "carol");
  EXPECT_EQ(notice.at("RemarkInfo").as_string(), "let me in");
  const auto pending = group(*alice, "get_pendency", {{"StartTime", 0}, {"Limit", 20}, {"Handle_Account", "alice"}});
  ASSERT_EQ(pending.at("PendencyList").as_array().size(), 1u) << json::serialize(pending);
  EXPECT_EQ(pending.at("PendencyList").at(0).at("From_Account").as_string(), "carol");
  EXPECT_EQ(pending.at("NextStartTime").to_number<int>(), 0);
  // A plain member cannot answer it.
  auto bob = logged_in("bob");
  const json::object answer{{"GroupId", asked_id}, {"Applicant_Account", "carol"}, {"HandleMsg", "Agree"},
                            {"ApprovalMsg", "ok"}, {"Authentication", notice.at("Authentication")},
                            {"MsgKey", notice.at("MsgKey")}};
  EXPECT_EQ(code_of(group(*bob, "handle_apply_join_group", answer)), 10007);
  ASSERT_EQ(code_of(group(*alice, "handle_apply_join_group", answer)), 0);
  bool accepted = false;
  for (int i = 0; i < 2 && !accepted; ++i) {  // the join tip and the answer, in either order
    const auto push = next_group_push(*carol);
    accepted = push.event == 5 && push.item.at("MsgBody").at("ReportType").to_number<int>() == 2;
  }
  EXPECT_TRUE(accepted);
  EXPECT_EQ(code_of(group(*alice, "handle_apply_join_group", answer)), 10024);  // answered already
  EXPECT_TRUE(group(*alice, "get_pendency", {{"StartTime", 0}}).at("PendencyList").as_array().empty());
}

TEST_F(ChatSdkGroups, MembersMayNotKickMuteOrPromoteAndAnAdminActsOnPlainMembersOnly) {
  auto alice = logged_in("alice");
  const auto id = create(*alice, "alice", "Public", {"bob", "carol"});
  auto bob = logged_in("bob");
  EXPECT_EQ(code_of(group(*bob, "delete_group_member", {{"GroupId", id}, {"MemberToDel_Account", json::array{"carol"}}})), 10007);
  EXPECT_EQ(code_of(group(*bob, "modify_group_member_info", {{"GroupId", id}, {"Member_Account", "carol"}, {"ShutUpTime", 60}})), 10007);
  EXPECT_EQ(code_of(group(*bob, "modify_group_member_info", {{"GroupId", id}, {"Member_Account", "bob"}, {"Role", "Admin"}})), 10007);
  EXPECT_EQ(code_of(group(*bob, "modify_group_base_info", {{"GroupId", id}, {"Name", "mine"}})), 10007);
  // bob names himself, which any member may.
  EXPECT_EQ(code_of(group(*bob, "modify_group_member_info", {{"GroupId", id}, {"Member_Account", "bob"}, {"NameCard", "Bobby"}})), 0);
  ASSERT_EQ(code_of(group(*alice, "modify_group_member_info", {{"GroupId", id}, {"Member_Account", "bob"}, {"Role", "Admin"}})), 0);
  EXPECT_EQ(code_of(group(*bob, "modify_group_member_info", {{"GroupId", id}, {"Member_Account", "alice"}, {"ShutUpTime", 60}})), 10007);
  EXPECT_EQ(code_of(group(*bob, "modify_group_member_info", {{"GroupId", id}, {"Member_Account", "carol"}, {"ShutUpTime", 60}})), 0);
  // getGroupMemberList reads the mute under the name it asked for (§3.8).
  const auto members = group(*bob, "get_group_member_info",
                             {{"GroupId", id}, {"Limit", 30}, {"Offset", 0},
                              {"MemberInfoFilter", json::array{"Role", "JoinTime", "NameCard", "ShutUpUntil"}}});
  ASSERT_EQ(code_of(members), 0) << json::serialize(members);
  for (const auto& m : members.at("MemberList").as_array())
    if (m.at("Member_Account").as_string() == "carol") EXPECT_GT(m.at("ShutUpUntil").to_number<std::int64_t>(), 0);
  EXPECT_EQ(code_of(group(*bob, "delete_group_member", {{"GroupId", id}, {"MemberToDel_Account", json::array{"carol"}}})), 0);
  // An unknown group command is 10003, as over REST; the REST-only commands need the App admin.
  EXPECT_EQ(code_of(group(*alice, "no_such_command", {{"GroupId", id}})), 10003);
  EXPECT_EQ(code_of(group(*alice, "import_group_member", {{"GroupId", id}, {"MemberList", json::array{{{"Member_Account", "carol"}}}}})), 10007);
}

TEST_F(ChatSdkGroups, AMemberRecallsItsOwnMessageAndTheOthersSeeItByPush) {
  auto alice = logged_in("alice");
  const auto id = create(*alice, "alice", "Public", {"bob"});
  auto bob = logged_in("bob");
  ASSERT_EQ(code_of(group(*alice, "send_group_msg", text_body(id, "oops", 31, 1700000000))), 0);
  next_group_push(*bob);
  const auto by_bob = group(*bob, "group_msg_recall", {{"GroupId", id}, {"MsgSeqList", json::array{{{"MsgSeq", 1}}}}});
  ASSERT_EQ(code_of(by_bob), 0) << json::serialize(by_bob);
  EXPECT_EQ(by_bob.at("RecallRetList").at(0).at("RetCode").to_number<int>(), 10032);  // not bob's
  const auto by_alice = group(*alice, "group_msg_recall", {{"GroupId", id}, {"MsgSeqList", json::array{{{"MsgSeq", 1}}}}});
  EXPECT_EQ(by_alice.at("RecallRetList").at(0).at("RetCode").to_number<int>(), 0) << json::serialize(by_alice);
  const auto push = next_group_push(*bob);
  EXPECT_EQ(push.event, 5);
  const auto& withdrawn = push.item.at("MsgBody").at("GroupWithdrawInfoArray").at(0);
  EXPECT_EQ(withdrawn.at("MsgSeq").to_number<int>(), 1);
  EXPECT_EQ(withdrawn.at("MsgRand").to_number<int>(), 31);
  EXPECT_EQ(push.item.at("RevokerInfo").at("Revoker_Account").as_string(), "alice");
  const auto history = group(*bob, "group_msg_get", {{"GroupId", id}, {"ReqMsgSeq", 1}});
  EXPECT_EQ(history.at("RspMsgList").at(0).at("IsPlaceMsg").to_number<int>(), 2);
}

TEST_F(ChatSdkGroups, ARecallPastTwoMinutesIsTooOldForTheSenderButNotForTheOwner) {
  const auto now = server_now();
  freeze_clock(now);
  auto alice = logged_in("alice");
  const auto id = create(*alice, "alice", "Public", {"bob"});
  auto bob = logged_in("bob");
  ASSERT_EQ(code_of(group(*bob, "send_group_msg", text_body(id, "first", 1, now))), 0);
  ASSERT_EQ(code_of(group(*bob, "send_group_msg", text_body(id, "second", 2, now))), 0);
  freeze_clock(now + 121);
  const auto late = group(*bob, "group_msg_recall", {{"GroupId", id}, {"MsgSeqList", json::array{{{"MsgSeq", 1}}}}});
  EXPECT_EQ(late.at("RecallRetList").at(0).at("RetCode").to_number<int>(), 10031) << json::serialize(late);
  const auto by_owner = group(*alice, "group_msg_recall", {{"GroupId", id}, {"MsgSeqList", json::array{{{"MsgSeq", 2}}}}});
  EXPECT_EQ(by_owner.at("RecallRetList").at(0).at("RetCode").to_number<int>(), 0) << json::serialize(by_owner);
}

TEST_F(ChatSdkGroups, InAWorkGroupAnyMemberInvitesButOnlyTheOwnerRemoves) {
  auto alice = logged_in("alice");
  const auto id = create(*alice, "alice", "Private", {"bob"});
  auto bob = logged_in("bob");
  const auto invited = group(*bob, "add_group_member", {{"GroupId", id}, {"MemberList", json::array{{{"Member_Account", "carol"}}}}});
  ASSERT_EQ(code_of(invited), 0) << json::serialize(invited);
  EXPECT_EQ(invited.at("MemberList").at(0).at("Result").to_number<int>(), 1);
  EXPECT_EQ(code_of(group(*bob, "modify_group_base_info", {{"GroupId", id}, {"Introduction", "ours"}})), 0);
  EXPECT_EQ(code_of(group(*bob, "delete_group_member", {{"GroupId", id}, {"MemberToDel_Account", json::array{"carol"}}})), 10007);
  EXPECT_EQ(code_of(group(*alice, "delete_group_member", {{"GroupId", id}, {"MemberToDel_Account", json::array{"carol"}}})), 0);
  // Not a member: no invitations.
  auto carol = logged_in("carol");
  EXPECT_EQ(code_of(group(*carol, "add_group_member", {{"GroupId", id}, {"MemberList", json::array{{{"Member_Account", "carol"}}}}})), 10007);
}

TEST_F(ChatSdkGroups, ARejectedRequestTellsTheApplicantAndAdmitsNobody) {
  auto alice = logged_in("alice");
  const auto id = create(*alice, "alice", "Public", {}, {{"ApplyJoinOption", "NeedPermission"}});
  auto carol = logged_in("carol");
  ASSERT_EQ(group(*carol, "apply_join_group", {{"GroupId", id}}).at("JoinedStatus").as_string(), "WaitAdminApproval");
  ASSERT_EQ(code_of(group(*alice, "handle_apply_join_group",
                          {{"GroupId", id}, {"Applicant_Account", "carol"}, {"HandleMsg", "Reject"}, {"ApprovalMsg", "no"}})),
            0);
  const auto push = next_group_push(*carol);
  EXPECT_EQ(push.item.at("MsgBody").at("ReportType").to_number<int>(), 3);
  EXPECT_EQ(push.item.at("MsgBody").at("RemarkInfo").as_string(), "no");
  EXPECT_EQ(code_of(group(*carol, "group_msg_get", {{"GroupId", id}})), 10007);  // still not a member
  EXPECT_EQ(code_of(group(*alice, "handle_apply_join_group",
                          {{"GroupId", id}, {"Applicant_Account", "carol"}, {"HandleMsg", "Maybe"}})),
            10004);
}

TEST_F(ChatSdkGroups, AnAtMentionTravelsWithThePushedMessage) {
  auto alice = logged_in("alice");
  const auto id = create(*alice, "alice", "Public", {"bob"});
  auto bob = logged_in("bob");
  auto body = text_body(id, "@bob look", 77, 1);
  body["GroupAtInfo"] = json::array{{{"GroupAtAllFlag", 0}, {"GroupAt_Account", "bob"}}};
  ASSERT_EQ(code_of(group(*alice, "send_group_msg", body)), 0);
  const auto push = next_group_push(*bob);
  EXPECT_EQ(push.item.at("GroupAtInfo").at(0).at("GroupAt_Account").as_string(), "bob") << json::serialize(push.item);
}

TEST_F(ChatSdkGroups, ReadReceiptsAreSentAsTheReaderAndListedAsTheSdkAsksForThem) {
  auto alice = logged_in("alice");
  const auto id = create(*alice, "alice", "Public", {"bob", "carol"});
  auto body = text_body(id, "please read", 88, 1);
  body["NeedReadReceipt"] = 1;
  ASSERT_EQ(code_of(group(*alice, "send_group_msg", body)), 0);
  auto bob = logged_in("bob");
  // The SDK's bodies (modern-sdk-groups.md: sequenceList → MsgSeqList; the reader is the caller).
  const auto sent = group(*bob, "group_msg_receipt", {{"GroupId", id}, {"MsgSeqList", json::array{{{"MsgSeq", 1}}}}});
  ASSERT_EQ(code_of(sent), 0) << json::serialize(sent);
  const auto counts = group(*alice, "get_group_msg_receipt", {{"GroupId", id}, {"MsgSeqList", json::array{{{"MsgSeq", 1}}}}});
  ASSERT_EQ(code_of(counts), 0) << json::serialize(counts);
  EXPECT_EQ(counts.at("GroupMsgReceiptList").at(0).at("ReadNum").to_number<int>(), 1);
  EXPECT_EQ(counts.at("GroupMsgReceiptList").at(0).at("UnreadNum").to_number<int>(), 1);
  const auto detail = group(*alice, "get_group_msg_receipt_detail",
                            {{"GroupId", id}, {"MsgSeq", 1}, {"Flag", 0}, {"Cursor", 0}, {"Num", 0}});
  ASSERT_EQ(code_of(detail), 0) << json::serialize(detail);
  EXPECT_EQ(detail.at("ReadList").at(0).at("Read_Account").as_string(), "bob");
  EXPECT_EQ(detail.at("IsFinish").to_number<int>(), 1);
  auto carol = logged_in("carol");
  EXPECT_EQ(code_of(group(*carol, "get_group_msg_receipt_detail", {{"GroupId", "@TGS#2NOSUCH"}, {"MsgSeq", 1}})), 10010);
}

TEST_F(ChatSdkGroups, ARestSendReachesChatSdkMembersLiveAndCountsAsUnread) {
  auto alice = logged_in("alice");
  const auto id = create(*alice, "alice", "Public", {"bob"});
  auto bob = logged_in("bob");
  const auto sent = rest_call("group_open_http_svc/send_group_msg",
                              json::object{{"GroupId", id}, {"From_Account", "alice"}, {"Random", 9},
                                           {"MsgBody", json::array{text_elem("from rest")}}});
  ASSERT_EQ(code_of(sent), 0) << json::serialize(sent);
  for (auto* member : {alice.get(), bob.get()}) {
    const auto push = next_group_push(*member);
    EXPECT_EQ(push.key, "GroupMsgArray");
    EXPECT_EQ(push.item.at("MsgBody").at(0).at("MsgContent").at("Text").as_string(), "from rest");
  }
}

TEST_F(ChatSdkGroups, AnAvChatRoomJoinSaysHugeGroupAndItsMessagesComeAsEvent3) {
  auto alice = logged_in("alice");
  const auto id = create(*alice, "alice", "AVChatRoom", {});
  auto bob = logged_in("bob");
  const auto joined = group(*bob, "apply_join_group", {{"GroupId", id}});
  ASSERT_EQ(code_of(joined), 0) << json::serialize(joined);
  EXPECT_EQ(joined.at("JoinedStatus").as_string(), "JoinedSuccess");
  EXPECT_EQ(joined.at("HugeGroupFlag").to_number<int>(), 1);
  // Push mode, the default (app option chatsdk_avchatroom_delivery): no LongPollingKey, so the SDK polls
  // nothing.
  EXPECT_FALSE(joined.contains("LongPollingKey")) << json::serialize(joined);
  // The creator joins too, as the SDK must before it may send (its membership stands).
  const auto owner_join = group(*alice, "apply_join_group", {{"GroupId", id}});
  ASSERT_EQ(code_of(owner_join), 0) << json::serialize(owner_join);
  EXPECT_EQ(owner_join.at("HugeGroupFlag").to_number<int>(), 1);
  ASSERT_EQ(code_of(group(*alice, "send_group_msg", text_body(id, "live", 5, 1))), 0);
  const auto push = next_group_push(*bob);
  EXPECT_EQ(push.event, 3);
  EXPECT_EQ(push.key, "GroupMsgArray");
  // A live room keeps no history.
  EXPECT_TRUE(group(*bob, "group_msg_get", {{"GroupId", id}, {"ReqMsgSeq", 1}}).at("RspMsgList").as_array().empty());
}

TEST_F(ChatSdkGroups, GroupAttributeAndCounterCommandsAnswerNotEmulatedRatherThanAdminOnly) {
  auto alice = logged_in("alice");
  const auto id = create(*alice, "alice", "Public", {"bob"});
  for (const char* command : {"set_group_attr", "modify_group_attr", "update_group_counter", "get_group_counter"}) {
    const auto reply = group(*alice, command, {{"GroupId", id}});
    EXPECT_EQ(code_of(reply), 60020) << command << ": " << json::serialize(reply);
  }
  // A command that is the App admin's alone still says so.
  EXPECT_EQ(code_of(group(*alice, "import_group_msg", {{"GroupId", id}})), 10007);
}

}  // namespace
}  // namespace timock::testing::chatsdk
