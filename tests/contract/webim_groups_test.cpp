// Groups on the legacy WebIM 1.7 protocol (reference/webim-groups.md): the group_open_http_svc calls as
// webim_wx.js sends them, and the long-poll events with what the SDK needs to keep polling (ToGroupId and
// GroupInfo on every item, an object MsgBody on Event 5, NoticeSeq on all of them from the one cursor).
#include <gtest/gtest.h>

#include <algorithm>
#include <future>
#include <thread>

#include "webim_fixture.hpp"

namespace timock::testing::webim {
namespace {

std::int64_t int_of(const json::value& value) {
  return value.to_number<std::int64_t>();
}

class WebImGroups : public WebImTest {
 protected:
  // createGroup as the SDK builds it (§2): MemberList of {Member_Account} objects; returns the GroupId.
  std::string create(WebImClient& owner, const std::vector<std::string>& members,
                     const std::string& type = "Public", const std::string& name = "G1",
                     const json::object& extra = {}) {
    json::array list;
    for (const auto& m : members) list.push_back(json::object{{"Member_Account", m}});
    json::object body{{"Type", type}, {"Name", name}, {"MemberList", std::move(list)}};
    for (const auto& [key, value] : extra) body[key] = value;
    const auto reply = owner.group("create_group", body);
    EXPECT_TRUE(WebImClient::succeeded(reply)) << json::serialize(reply);
    return reply.contains("GroupId") ? std::string(reply.at("GroupId").as_string()) : std::string();
  }

  // The next poll that brings events (an idle 60008 is polled again, as the SDK does).
  static PollResult next_events(WebImClient& client) {
    for (int i = 0; i < 3; ++i) {
      auto result = client.poll();
      if (result.code() != 60008) return result;
    }
    ADD_FAILURE() << client.identifier() << ": no events";
    return {};
  }

  // The single item of event `event` in the next poll with events.
  static json::object next_item(WebImClient& client, std::int64_t event) {
    const auto result = next_events(client);
    const auto items = result.group_items(event);
    EXPECT_EQ(items.size(), 1u) << client.identifier() << ": " << json::serialize(result.reply);
    return items.empty() ? json::object{} : items.front();
  }

  static json::object joined_list_at_login(WebImClient& client) {
    // webim-protocol.md §4.4: login's exact body.
    return client.group("get_joined_group_list",
                        {{"Member_Account", client.identifier()},
                         {"Limit", 1000},
                         {"Offset", 0},
                         {"ResponseFilter", {{"GroupBaseInfoFilter", json::array{"NextMsgSeq"}}}}});
  }

  static json::object group_msg_get(WebImClient& client, const std::string& id, std::int64_t seq,
                                    std::int64_t n) {
    return client.group("group_msg_get", {{"GroupId", id}, {"ReqMsgSeq", seq}, {"ReqMsgNumber", n}});
  }

  json::object group_row(WebImClient& client, const std::string& id) {
    const auto list = client.recent_contacts(10);
    EXPECT_TRUE(WebImClient::succeeded(list)) << json::serialize(list);
    for (const auto& item : list.at("SessionItem").as_array())
      if (int_of(item.at("Type")) == 2 && item.at("ToAccount").as_string() == id) return item.as_object();
    ADD_FAILURE() << "no Type 2 row for " << id << ": " << json::serialize(list);
    return {};
  }
};

TEST_F(WebImGroups, LoginsJoinedGroupListHasNextMsgSeqAndSelfInfo) {
  auto alice = connected("alice");
  const auto id = create(*alice, {"bob"});
  ASSERT_TRUE(WebImClient::succeeded(alice->send_group_text(id, "one").reply));
  auto bob = client("bob");
  ASSERT_TRUE(bob->login().ok);
  const auto list = joined_list_at_login(*bob);
  ASSERT_TRUE(WebImClient::succeeded(list)) << json::serialize(list);
  EXPECT_EQ(int_of(list.at("TotalCount")), 1);
  const auto& item = list.at("GroupIdList").at(0).as_object();
  EXPECT_EQ(item.at("GroupId").as_string(), id);
  EXPECT_EQ(int_of(item.at("NextMsgSeq")), 2);  // the SDK seeds its max seq with NextMsgSeq − 1 (§4.6)
  // §2: the 1.7 demo reads SelfInfo (it crashes without it) and the old ShutUpAllMember.
  EXPECT_EQ(item.at("SelfInfo").at("Role").as_string(), "Member");
  EXPECT_EQ(item.at("SelfInfo").at("MsgFlag").as_string(), "AcceptAndNotify");
  EXPECT_TRUE(item.at("SelfInfo").as_object().contains("JoinTime"));
  const auto demo = bob->group("get_joined_group_list",
                               {{"Member_Account", "bob"},
                                {"ResponseFilter",
                                 {{"GroupBaseInfoFilter", json::array{"Name", "Type", "MuteAllMember"}},
                                  {"SelfInfoFilter", json::array{"Role"}}}}});
  EXPECT_EQ(demo.at("GroupIdList").at(0).at("ShutUpAllMember").as_string(), "Off") << json::serialize(demo);
  EXPECT_EQ(demo.at("GroupIdList").at(0).at("Name").as_string(), "G1");
  // Other 1.7 builds put login's filter beside ResponseFilter.
  const auto flat = bob->group("get_joined_group_list", {{"Member_Account", "bob"},
                                                         {"Limit", 1000},
                                                         {"Offset", 0},
                                                         {"GroupBaseInfoFilter", json::array{"NextMsgSeq"}}});
  EXPECT_EQ(int_of(flat.at("GroupIdList").at(0).at("NextMsgSeq")), 2) << json::serialize(flat);
  // Bad input gets REST's code, not a crash.
  const auto bad = bob->group("get_joined_group_list", {{"Member_Account", "bob"}, {"ResponseFilter", "x"}});
  EXPECT_EQ(int_of(bad.at("ErrorCode")), 10004) << json::serialize(bad);
  // A user in no group still logs in with an empty list.
  auto carol = client("carol");
  ASSERT_TRUE(carol->login().ok);
  EXPECT_TRUE(joined_list_at_login(*carol).at("GroupIdList").as_array().empty());
}

TEST_F(WebImGroups, AGroupMessageReachesEveryMemberAndEchoesToEveryInstanceOfTheSender) {
  auto alice = connected("alice");
  auto alice_phone = connected("alice");
  auto bob = connected("bob");
  auto carol = connected("carol");
  const auto id = create(*alice, {"bob", "carol"});
  // Creation: the creator hears ReportType 6 (on every instance), the invited ReportType 7 (§4.4).
  for (auto* creator : {alice.get(), alice_phone.get()}) {
    const auto notice = next_item(*creator, 5);
    EXPECT_EQ(int_of(notice.at("MsgBody").at("ReportType")), 6);
    EXPECT_EQ(notice.at("GroupInfo").at("To_Account").as_string(), "alice");
  }
  for (auto* member : {bob.get(), carol.get()}) {
    const auto notice = next_item(*member, 5);
    EXPECT_EQ(notice.at("ToGroupId").as_string(), id);
    EXPECT_EQ(int_of(notice.at("MsgBody").at("ReportType")), 7);
    EXPECT_EQ(notice.at("MsgBody").at("Operator_Account").as_string(), "alice");
    EXPECT_EQ(notice.at("GroupInfo").at("GroupName").as_string(), "G1");
    EXPECT_EQ(notice.at("GroupInfo").at("To_Account").as_string(), member->identifier());
    EXPECT_EQ(member->notice_seq(), int_of(notice.at("NoticeSeq")));
  }

  const auto sent = alice->send_group_text(id, "hello group");
  ASSERT_TRUE(sent.ok()) << json::serialize(sent.reply);
  EXPECT_EQ(int_of(sent.reply.at("MsgSeq")), 1);
  EXPECT_TRUE(sent.reply.contains("MsgTime"));
  // §3: the sender stores nothing, so its sending instance gets the message back too.
  for (auto* member : {bob.get(), carol.get(), alice.get(), alice_phone.get()}) {
    const auto before = member->notice_seq();
    const auto item = next_item(*member, 3);
    EXPECT_EQ(item.at("ToGroupId").as_string(), id) << member->identifier();
    EXPECT_EQ(item.at("From_Account").as_string(), "alice");
    EXPECT_EQ(int_of(item.at("MsgSeq")), 1);
    EXPECT_EQ(int_of(item.at("MsgRandom")), int_of(sent.request.at("Random")));
    EXPECT_EQ(text_of(item), "hello group");
    EXPECT_EQ(item.at("GroupInfo").at("GroupName").as_string(), "G1");
    EXPECT_EQ(item.at("GroupInfo").at("From_AccountNick").as_string(), "Alice");
    EXPECT_EQ(item.at("GroupInfo").at("From_AccountHeadurl").as_string(), face_url("alice"));
    EXPECT_EQ(int_of(item.at("MsgPriority")), 2);  // COMMON: an ordinary message (§4.2)
    EXPECT_GT(int_of(item.at("NoticeSeq")), before);
    EXPECT_EQ(member->notice_seq(), int_of(item.at("NoticeSeq")));
  }
}

TEST_F(WebImGroups, TheClientsPriorityWordsAreAcceptedAndPushedAsTheSdksNumbers) {
  auto alice = connected("alice");
  auto bob = connected("bob");
  const auto id = create(*alice, {"bob"});
  next_events(*bob);
  // §4.2: REDPACKET → 1 (a red packet), LOVEMSG → 3 (a like).
  ASSERT_TRUE(alice->send_group_text(id, "red", "REDPACKET").ok());
  ASSERT_TRUE(alice->send_group_text(id, "like", "LOVEMSG").ok());
  const auto result = next_events(*bob);
  const auto items = result.group_items(3);
  ASSERT_EQ(items.size(), 2u) << json::serialize(result.reply);
  EXPECT_EQ(int_of(items.at(0).at("MsgPriority")), 1);
  EXPECT_EQ(int_of(items.at(1).at("MsgPriority")), 3);
  // An unknown word is REST's 10004, and REST keeps its own names only.
  const auto bogus = alice->send_group_text(id, "x", "BOGUS");
  EXPECT_EQ(int_of(bogus.reply.at("ErrorCode")), 10004) << json::serialize(bogus.reply);
  const auto rest_common = rest(server, app, "group_open_http_svc/send_group_msg",
                                {{"GroupId", id},
                                 {"From_Account", "alice"},
                                 {"Random", 5},
                                 {"MsgPriority", "COMMON"},
                                 {"MsgBody", json::array{text_body("r")}}});
  EXPECT_EQ(int_of(rest_common.at("ErrorCode")), 10004) << json::serialize(rest_common);
  // Not a member: 10007; no such group: 10010.
  auto carol = connected("carol");
  EXPECT_EQ(int_of(carol->send_group_text(id, "x").reply.at("ErrorCode")), 10007);
  EXPECT_EQ(int_of(carol->send_group_text("@TGS#2NOSUCH", "x").reply.at("ErrorCode")), 10010);
}

TEST_F(WebImGroups, TipsAndNoticesComeInSeqOrderWithOneNoticeSeqCursor) {
  auto alice = connected("alice");
  auto bob = connected("bob");
  auto carol = connected("carol");
  const auto id = create(*alice, {"bob"});
  next_events(*alice);
  next_events(*bob);
  // add_group_member: a join tip (seq 1) to every member, the new one included, and ReportType 7 to carol.
  ASSERT_TRUE(WebImClient::succeeded(alice->group(
      "add_group_member", {{"GroupId", id}, {"MemberList", json::array{{{"Member_Account", "carol"}}}}})));
  ASSERT_TRUE(alice->send_group_text(id, "after the join").ok());  // seq 2
  // One reply, the tip's event before the message's, seqs without a hole (§4.6).
  const auto bob_events = next_events(*bob);
  EXPECT_EQ(bob_events.event_numbers(), (std::vector<std::int64_t>{4, 3}))
      << json::serialize(bob_events.reply);
  const auto tip = bob_events.group_items(4).at(0);
  EXPECT_EQ(int_of(tip.at("MsgSeq")), 1);
  EXPECT_EQ(tip.at("From_Account").as_string(), "@TIM#SYSTEM");  // a tip needs a sender (§4.3)
  EXPECT_EQ(int_of(tip.at("MsgBody").at("OpType")), 1);
  EXPECT_EQ(tip.at("MsgBody").at("List_Account").at(0).as_string(), "carol");
  EXPECT_EQ(int_of(tip.at("MsgBody").at("MemberNum")), 3);
  const auto message = bob_events.group_items(3).at(0);
  EXPECT_EQ(int_of(message.at("MsgSeq")), 2);
  EXPECT_LT(int_of(tip.at("NoticeSeq")), int_of(message.at("NoticeSeq")));
  EXPECT_EQ(bob->notice_seq(), int_of(message.at("NoticeSeq")));
  const auto carol_events = next_events(*carol);
  EXPECT_EQ(carol_events.event_numbers(), (std::vector<std::int64_t>{4, 5, 3}))
      << json::serialize(carol_events.reply);

  // A member-info tip (a mute) lists its members as the SDK reads them (§4.3 MsgMemberInfo).
  ASSERT_TRUE(WebImClient::succeeded(alice->group(
      "forbid_send_msg", {{"GroupId", id}, {"Members_Account", json::array{"bob"}}, {"ShutUpTime", 60}})));
  const auto mute = next_item(*bob, 4);
  EXPECT_EQ(int_of(mute.at("MsgBody").at("OpType")), 7);
  EXPECT_EQ(mute.at("MsgBody").at("MsgMemberInfo").at(0).at("User_Account").as_string(), "bob");
  EXPECT_EQ(int_of(mute.at("MsgBody").at("MsgMemberInfo").at(0).at("ShutupTime")), 60);
  // The old name ShutUpAllMember changes the group: OpType 6 with MsgGroupNewInfo (required, §4.3).
  ASSERT_TRUE(WebImClient::succeeded(
      alice->group("modify_group_base_info", {{"GroupId", id}, {"Name", "G2"}, {"ShutUpAllMember", "On"}})));
  const auto changed = next_item(*bob, 4);
  EXPECT_EQ(int_of(changed.at("MsgBody").at("OpType")), 6);
  EXPECT_EQ(changed.at("MsgBody").at("MsgGroupNewInfo").at("GroupName").as_string(), "G2");
  const auto info = bob->group("get_group_info", {{"GroupIdList", json::array{id}}});
  EXPECT_EQ(info.at("GroupInfo").at(0).at("ShutUpAllMember").as_string(), "On") << json::serialize(info);
  EXPECT_EQ(int_of(info.at("GroupInfo").at(0).at("NextMsgSeq")), 5);

  // An admin set and cancelled (OpType 4, 5); a custom notice (sendCustomGroupNotify, ReportType 255).
  EXPECT_EQ(next_events(*carol).group_items(4).size(), 2u);  // the mute and the profile tips
  ASSERT_TRUE(WebImClient::succeeded(alice->group(
      "modify_group_member_info", {{"GroupId", id}, {"Member_Account", "carol"}, {"Role", "Admin"}})));
  EXPECT_EQ(int_of(next_item(*bob, 4).at("MsgBody").at("OpType")), 4);
  ASSERT_TRUE(WebImClient::succeeded(alice->group(
      "modify_group_member_info", {{"GroupId", id}, {"Member_Account", "carol"}, {"Role", "Member"}})));
  EXPECT_EQ(int_of(next_item(*bob, 4).at("MsgBody").at("OpType")), 5);
  ASSERT_TRUE(WebImClient::succeeded(
      alice->group("send_group_system_notification", {{"GroupId", id}, {"Content", "hear ye"}})));
  const auto custom = next_item(*bob, 5);
  EXPECT_EQ(int_of(custom.at("MsgBody").at("ReportType")), 255);
  EXPECT_EQ(custom.at("MsgBody").at("UserDefinedField").as_string(), "hear ye");
  // Consecutive tips ride in one event, the notice after them.
  const auto carols = next_events(*carol);
  EXPECT_EQ(carols.event_numbers(), (std::vector<std::int64_t>{4, 5})) << json::serialize(carols.reply);
  EXPECT_EQ(carols.group_items(4).size(), 2u);

  // carol quits: OpType 2 to those left, ReportType 8 to carol; the owner may not quit (10009).
  ASSERT_TRUE(WebImClient::succeeded(carol->group("quit_group", {{"GroupId", id}})));
  EXPECT_EQ(int_of(next_item(*carol, 5).at("MsgBody").at("ReportType")), 8);
  EXPECT_EQ(int_of(next_item(*bob, 4).at("MsgBody").at("OpType")), 2);
  EXPECT_EQ(int_of(alice->group("quit_group", {{"GroupId", id}}).at("ErrorCode")), 10009);
  // Dismissed: ReportType 5 to every member.
  ASSERT_TRUE(WebImClient::succeeded(alice->group("destroy_group", {{"GroupId", id}})));
  const auto destroyed = next_item(*bob, 5);
  EXPECT_EQ(int_of(destroyed.at("MsgBody").at("ReportType")), 5);
  EXPECT_EQ(destroyed.at("GroupInfo").at("To_Account").as_string(), "bob");
}

TEST_F(WebImGroups, HistoryItemsAreLikePushedOnesNewestFirstWithIsFinished) {
  auto alice = connected("alice");
  const auto id = create(*alice, {"bob"});
  for (int i = 1; i <= 3; ++i) ASSERT_TRUE(alice->send_group_text(id, "m" + std::to_string(i)).ok());
  ASSERT_TRUE(WebImClient::succeeded(rest(server, app, "group_open_http_svc/delete_group_member",
                                          {{"GroupId", id}, {"MemberToDel_Account", json::array{"bob"}}})));
  auto bob = connected("bob");
  ASSERT_TRUE(WebImClient::succeeded(
      rest(server, app, "group_open_http_svc/add_group_member",
           {{"GroupId", id}, {"MemberList", json::array{{{"Member_Account", "bob"}}}}})));
  // Demo paging (§5): get_group_info's NextMsgSeq − 1, then below the oldest returned.
  const auto info = bob->group("get_group_info",
                               {{"GroupIdList", json::array{id}},
                                {"ResponseFilter", {{"GroupBaseInfoFilter", json::array{"NextMsgSeq"}}}}});
  const auto newest = int_of(info.at("GroupInfo").at(0).at("NextMsgSeq")) - 1;
  ASSERT_EQ(newest, 5);
  const auto page = group_msg_get(*bob, id, newest, 3);
  ASSERT_TRUE(WebImClient::succeeded(page)) << json::serialize(page);
  EXPECT_EQ(int_of(page.at("IsFinished")), 0);
  const auto& list = page.at("RspMsgList").as_array();
  ASSERT_EQ(list.size(), 3u);
  // Newest first; tips as Event 4 with an object MsgBody; every item with ToGroupId and GroupInfo.
  EXPECT_EQ(int_of(list.at(0).at("MsgSeq")), 5);
  EXPECT_EQ(int_of(list.at(0).at("Event")), 4);
  EXPECT_EQ(int_of(list.at(0).at("MsgBody").at("OpType")), 1);
  EXPECT_EQ(int_of(list.at(1).at("MsgBody").at("OpType")), 3);
  EXPECT_EQ(int_of(list.at(2).at("MsgSeq")), 3);
  EXPECT_EQ(int_of(list.at(2).at("Event")), 3);
  EXPECT_EQ(list.at(2).at("From_Account").as_string(), "alice");
  EXPECT_EQ(text_of(list.at(2)), "m3");
  for (const auto& item : list) {
    EXPECT_EQ(item.at("ToGroupId").as_string(), id);
    EXPECT_EQ(item.at("GroupInfo").at("GroupName").as_string(), "G1");
  }
  EXPECT_EQ(list.at(2).at("GroupInfo").at("From_AccountNick").as_string(), "Alice");
  const auto rest_of_it = group_msg_get(*bob, id, 2, 20);
  EXPECT_EQ(rest_of_it.at("RspMsgList").as_array().size(), 2u);
  EXPECT_EQ(int_of(rest_of_it.at("IsFinished")), 1);
  // Another's group, an unknown one, a bad seq: the real codes.
  auto carol = connected("carol");
  EXPECT_EQ(int_of(group_msg_get(*carol, id, 5, 5).at("ErrorCode")), 10007);
  EXPECT_EQ(int_of(group_msg_get(*carol, "@TGS#2NOSUCH", 5, 5).at("ErrorCode")), 10010);
  EXPECT_EQ(int_of(carol->group("group_msg_get", {{"GroupId", id}, {"ReqMsgSeq", "x"}}).at("ErrorCode")),
            10004);
}

TEST_F(WebImGroups, AReaddedMembersGapPullReturnsWhatItMissed) {
  auto alice = connected("alice");
  auto bob = connected("bob");
  const auto id = create(*alice, {"bob"});
  next_events(*bob);
  ASSERT_TRUE(alice->send_group_text(id, "before").ok());     // seq 1
  const auto seen = int_of(next_item(*bob, 3).at("MsgSeq"));  // the SDK's max seq M for the group
  ASSERT_TRUE(WebImClient::succeeded(
      alice->group("delete_group_member", {{"GroupId", id}, {"MemberToDel_Account", json::array{"bob"}}})));
  EXPECT_EQ(int_of(next_item(*bob, 5).at("MsgBody").at("ReportType")),
            4);  // kicked; the kick tip is not bob's
  ASSERT_TRUE(alice->send_group_text(id, "while away 1").ok());
  ASSERT_TRUE(alice->send_group_text(id, "while away 2").ok());
  ASSERT_TRUE(WebImClient::succeeded(alice->group(
      "add_group_member", {{"GroupId", id}, {"MemberList", json::array{{{"Member_Account", "bob"}}}}})));
  const auto back = next_events(*bob);
  const auto tips = back.group_items(4);
  ASSERT_EQ(tips.size(), 1u) << json::serialize(back.reply);
  const auto max = int_of(tips.at(0).at("MsgSeq"));
  ASSERT_EQ(max, 5);  // kick tip 2, messages 3 and 4, join tip 5: a jump from M = 1
  // §4.6: the SDK drops the batch and pulls {ReqMsgSeq: max, ReqMsgNumber: max − M}.
  const auto pulled = group_msg_get(*bob, id, max, max - seen);
  ASSERT_TRUE(WebImClient::succeeded(pulled)) << json::serialize(pulled);
  std::vector<std::int64_t> seqs;
  for (const auto& item : pulled.at("RspMsgList").as_array()) seqs.push_back(int_of(item.at("MsgSeq")));
  EXPECT_EQ(seqs, (std::vector<std::int64_t>{5, 4, 3, 2}));
  EXPECT_EQ(text_of(pulled.at("RspMsgList").at(2)), "while away 1");
}

TEST_F(WebImGroups, RecentContactsListGroupsWithUnreadUntilAReadReport) {
  auto alice = connected("alice");
  const auto id = create(*alice, {"bob"}, "Public", "Team");
  ASSERT_TRUE(WebImClient::succeeded(rest_send("carol", "bob", "c2c first", 11)));
  freeze_clock(server_now() + 10);  // the group's messages are newer than the C2C one
  ASSERT_TRUE(alice->send_group_text(id, "g1").ok());
  ASSERT_TRUE(alice->send_group_text(id, "g2").ok());
  auto bob = connected("bob");
  const auto list = bob->recent_contacts(10);
  const auto& items = list.at("SessionItem").as_array();
  ASSERT_EQ(items.size(), 2u) << json::serialize(list);
  EXPECT_EQ(int_of(items.at(0).at("Type")), 2);  // newest first, both kinds
  EXPECT_EQ(items.at(1).at("To_Account").as_string(), "carol");
  auto row = group_row(*bob, id);
  EXPECT_EQ(row.at("GroupNick").as_string(), "Team");
  EXPECT_EQ(row.at("MsgGroupFrom_Account").as_string(), "alice");
  EXPECT_EQ(row.at("MsgGroupFromNickName").as_string(), "Alice");
  EXPECT_EQ(row.at("MsgShow").as_string(), "g2");
  EXPECT_EQ(int_of(row.at("MsgSeq")), 2);
  EXPECT_EQ(int_of(row.at("UnreadMsgCount")), 2);
  EXPECT_EQ(int_of(row.at("MsgGroupReadedSeq")), 0);
  // §6: setAutoRead reports the session's highest seq; 0 is a no-op.
  ASSERT_TRUE(WebImClient::succeeded(bob->group("msg_read_report", {{"GroupId", id}, {"MsgReadedSeq", 0}})));
  EXPECT_EQ(int_of(group_row(*bob, id).at("UnreadMsgCount")), 2);
  ASSERT_TRUE(WebImClient::succeeded(bob->group("msg_read_report", {{"GroupId", id}, {"MsgReadedSeq", 1}})));
  EXPECT_EQ(int_of(group_row(*bob, id).at("UnreadMsgCount")), 1);
  ASSERT_TRUE(WebImClient::succeeded(bob->group("msg_read_report", {{"GroupId", id}, {"MsgReadedSeq", 2}})));
  row = group_row(*bob, id);
  EXPECT_EQ(int_of(row.at("UnreadMsgCount")), 0);
  EXPECT_EQ(int_of(row.at("MsgGroupReadedSeq")), 2);
  EXPECT_EQ(int_of(bob->group("msg_read_report", {{"GroupId", id}}).at("ErrorCode")), 10004);
  // deleteChat of the group (§2: Type 2, ToGroupid) hides its row until the group's next entry.
  const auto deleted = bob->call("recentcontact", "delete",
                                 json::object{{"From_Account", "bob"}, {"Type", 2}, {"ToGroupid", id}});
  ASSERT_TRUE(WebImClient::succeeded(deleted)) << json::serialize(deleted);
  EXPECT_EQ(bob->recent_contacts(10).at("SessionItem").as_array().size(), 1u);
  ASSERT_TRUE(alice->send_group_text(id, "g3").ok());
  EXPECT_EQ(int_of(group_row(*bob, id).at("UnreadMsgCount")), 1);
  EXPECT_EQ(int_of(bob->call("recentcontact", "delete", json::object{{"From_Account", "bob"}, {"Type", 3}})
                       .at("ErrorCode")),
            50002);
  // Count bounds the list; a user in no group gets C2C rows only.
  EXPECT_EQ(bob->recent_contacts(1).at("SessionItem").as_array().size(), 1u);
  auto carol = connected("carol");
  const auto carols = carol->recent_contacts(10);
  ASSERT_FALSE(carols.at("SessionItem").as_array().empty());
  for (const auto& item : carols.at("SessionItem").as_array()) EXPECT_EQ(int_of(item.at("Type")), 1);
}

TEST_F(WebImGroups, AC2cMessageAndAGroupMessageInOneReplyShareTheCursor) {
  auto alice = connected("alice");
  auto bob = connected("bob");
  const auto id = create(*alice, {"bob"});
  next_events(*bob);
  ASSERT_TRUE(alice->send_text("bob", "c2c").ok());
  ASSERT_TRUE(alice->send_group_text(id, "group").ok());
  ASSERT_TRUE(WebImClient::succeeded(rest_send("carol", "bob", "c2c again", 12)));
  const auto result = next_events(*bob);
  EXPECT_EQ(result.event_numbers(), (std::vector<std::int64_t>{9, 3, 9})) << json::serialize(result.reply);
  // Event 9 sets the cursor to its element 0's NoticeSeq: every Event 9 carries the reply's highest.
  const auto messages = result.inline_messages();
  ASSERT_EQ(messages.size(), 2u);
  const auto group_seq = int_of(result.group_items(3).at(0).at("NoticeSeq"));
  EXPECT_GT(int_of(messages.at(0).at("NoticeSeq")), group_seq);
  EXPECT_EQ(bob->notice_seq(), int_of(messages.at(1).at("NoticeSeq")));
  // Nothing comes twice.
  EXPECT_EQ(bob->poll().code(), 60008);
}

TEST_F(WebImGroups, JoinRequestsAndRecallsReachTheirPolls) {
  auto alice = connected("alice");
  auto bob = connected("bob");
  auto carol = connected("carol");
  const auto id = create(*alice, {}, "Public", "Ask", {{"ApplyJoinOption", "NeedPermission"}});
  next_events(*alice);
  // NeedPermission: the applicant waits, the owner hears ReportType 1 with what the answer must echo (§4.4).
  const auto applied = carol->group("apply_join_group", {{"GroupId", id}, {"ApplyMsg", "let me in"}});
  EXPECT_EQ(applied.at("JoinedStatus").as_string(), "WaitAdminApproval") << json::serialize(applied);
  const auto request = next_item(*alice, 5);
  EXPECT_EQ(int_of(request.at("MsgBody").at("ReportType")), 1);
  EXPECT_EQ(request.at("MsgBody").at("Operator_Account").as_string(), "carol");
  EXPECT_EQ(request.at("MsgBody").at("RemarkInfo").as_string(), "let me in");
  const auto answer = json::object{{"GroupId", id},
                                   {"Applicant_Account", "carol"},
                                   {"HandleMsg", "Agree"},
                                   {"Authentication", request.at("MsgBody").at("Authentication")},
                                   {"MsgKey", request.at("MsgBody").at("MsgKey")}};
  ASSERT_TRUE(WebImClient::succeeded(alice->group("handle_apply_join_group", answer)));
  const auto accepted = next_events(*carol);
  ASSERT_EQ(accepted.group_items(5).size(), 1u) << json::serialize(accepted.reply);
  EXPECT_EQ(int_of(accepted.group_items(5).at(0).at("MsgBody").at("ReportType")), 2);
  EXPECT_EQ(int_of(accepted.group_items(4).at(0).at("MsgBody").at("OpType")), 1);  // and the join tip
  // Answered twice: 10024, which the SDK turns into OK (§2).
  EXPECT_EQ(int_of(alice->group("handle_apply_join_group", answer).at("ErrorCode")), 10024);
  // FreeAccess: joined at once; already a member: 10013.
  const auto open = create(*alice, {}, "Public", "Open", {{"ApplyJoinOption", "FreeAccess"}});
  EXPECT_EQ(bob->group("apply_join_group", {{"GroupId", open}}).at("JoinedStatus").as_string(),
            "JoinedSuccess");
  EXPECT_EQ(int_of(bob->group("apply_join_group", {{"GroupId", open}}).at("ErrorCode")), 10013);

  // A recall reaches the members as an Event 5 item naming the seq and random (GroupInfo and NoticeSeq too).
  next_events(*alice);
  next_events(*bob);
  const auto sent = alice->send_group_text(open, "oops");
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(text_of(next_item(*bob, 3)), "oops");
  const auto seq = int_of(sent.reply.at("MsgSeq"));
  const auto recalled =
      alice->group("group_msg_recall", {{"GroupId", open}, {"MsgSeqList", json::array{{{"MsgSeq", seq}}}}});
  ASSERT_TRUE(WebImClient::succeeded(recalled)) << json::serialize(recalled);
  const auto notice = next_item(*bob, 5);
  const auto& withdrawn = notice.at("MsgBody").at("GroupWithdrawInfoArray").at(0);
  EXPECT_EQ(int_of(withdrawn.at("MsgSeq")), seq);
  EXPECT_EQ(int_of(withdrawn.at("MsgRand")), int_of(sent.request.at("Random")));
  EXPECT_EQ(bob->notice_seq(), int_of(notice.at("NoticeSeq")));
}

// §8: the AVChatRoom poll the SDK runs after applyJoinBigGroup.
json::object room_poll(WebImClient& client, const json::value& key, std::int64_t start_seq) {
  return client.call("group_open_long_polling_http_noauth_svc", "get_msg",
                     json::object{{"USP", 1}, {"StartSeq", start_seq}, {"HoldTime", 90}, {"Key", key}});
}

TEST_F(WebImGroups, ABigGroupsMessagesComeByItsOwnPollWithNextSeqHoldTimeAndKey) {
  auto alice = connected("alice");
  auto bob = connected("bob");
  const auto id = create(*alice, {}, "AVChatRoom", "Live");
  // applyJoinBigGroup needs a LongPollingKey with JoinedSuccess (else the SDK fails the join with -12).
  const auto joined = bob->group("apply_join_group", {{"GroupId", id}});
  ASSERT_EQ(joined.at("JoinedStatus").as_string(), "JoinedSuccess") << json::serialize(joined);
  const auto key = joined.at("LongPollingKey");
  ASSERT_FALSE(key.as_string().empty());
  ASSERT_TRUE(WebImClient::succeeded(alice->group("apply_join_group", {{"GroupId", id}})));
  auto parked = std::async(std::launch::async, [&] { return room_poll(*bob, key, 0); });
  // Parked by now, most likely; if not, the room keeps the item for the poll.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  ASSERT_TRUE(alice->send_group_text(id, "live 1").ok());
  const auto first = parked.get();
  ASSERT_TRUE(WebImClient::succeeded(first)) << json::serialize(first);
  const auto& list = first.at("RspMsgList").as_array();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(int_of(list.at(0).at("Event")), 3);
  EXPECT_EQ(list.at(0).at("ToGroupId").as_string(), id);
  EXPECT_EQ(list.at(0).at("GroupInfo").at("GroupName").as_string(), "Live");
  EXPECT_EQ(text_of(list.at(0)), "live 1");
  // The SDK's own timeout for the next poll is HoldTime: longer than the server's hold, or it would give up
  // first.
  EXPECT_GT(int_of(first.at("HoldTime")), static_cast<std::int64_t>(kHoldSeconds) + 1);
  EXPECT_EQ(first.at("Key"), key);
  // The next poll starts at NextSeq: what came since, newest first (the SDK walks the list from its end).
  ASSERT_TRUE(alice->send_group_text(id, "live 2").ok());
  ASSERT_TRUE(alice->send_group_text(id, "live 3").ok());
  const auto next = room_poll(*bob, key, int_of(first.at("NextSeq")));
  ASSERT_EQ(next.at("RspMsgList").as_array().size(), 2u) << json::serialize(next);
  EXPECT_EQ(text_of(next.at("RspMsgList").at(0)), "live 3");
  // None of it comes by the ordinary poll; an unknown key waits out the hold (the SDK re-polls at once after
  // any answer); a body without a Key is 10004.
  EXPECT_EQ(bob->poll().code(), 60008);
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(int_of(room_poll(*bob, "room-unknown", 0).at("ErrorCode")), 60008);
  EXPECT_GE(millis_between(started, std::chrono::steady_clock::now()), kHoldSeconds * 1000 * 0.9);
  EXPECT_EQ(int_of(room_poll(*bob, json::value(nullptr), 0).at("ErrorCode")), 10004);
  // A group that is not a live room gives no key.
  const auto plain = create(*alice, {}, "Public", "Plain", {{"ApplyJoinOption", "FreeAccess"}});
  EXPECT_FALSE(bob->group("apply_join_group", {{"GroupId", plain}}).contains("LongPollingKey"));
}

class WebImGroupsNotify : public WebImGroups {
 protected:
  json::object app_options() const override { return {{"webim_delivery", "notify"}}; }
};

TEST_F(WebImGroupsNotify, GroupItemsRideOnNoticeSeqBesideEvent1) {
  auto alice = connected("alice");
  auto bob = connected("bob");
  const auto id = create(*alice, {"bob"});
  next_events(*bob);
  ASSERT_TRUE(alice->send_text("bob", "c2c").ok());
  ASSERT_TRUE(alice->send_group_text(id, "group").ok());
  const auto result = next_events(*bob);
  EXPECT_EQ(result.event_numbers(), (std::vector<std::int64_t>{1, 3})) << json::serialize(result.reply);
  EXPECT_EQ(result.group_items(3).at(0).at("GroupInfo").at("From_AccountNick").as_string(), "Alice");
  EXPECT_GT(bob->notify_seq(), 0);
  EXPECT_GT(bob->notice_seq(), 0);
  EXPECT_EQ(bob->poll().code(), 60008);
}

TEST_F(WebImGroups, RestAndBadBodiesGetTheRealCodes) {
  auto alice = connected("alice");
  auto bob = connected("bob");
  const auto id = create(*alice, {"bob"});
  next_events(*alice);
  next_events(*bob);
  // A REST send as alice reaches bob and alice's instance alike.
  ASSERT_TRUE(WebImClient::succeeded(rest(server, app, "group_open_http_svc/send_group_msg",
                                          {{"GroupId", id},
                                           {"From_Account", "alice"},
                                           {"Random", 77},
                                           {"MsgBody", json::array{text_body("from rest")}}})));
  EXPECT_EQ(text_of(next_item(*bob, 3)), "from rest");
  EXPECT_EQ(text_of(next_item(*alice, 3)), "from rest");
  EXPECT_EQ(int_of(alice->group("create_group", {{"Type", "Public"}, {"Name", "x"}, {"MemberList", "bob"}})
                       .at("ErrorCode")),
            10004);
  EXPECT_EQ(int_of(alice->group("no_such_command", {}).at("ErrorCode")), 60020);
  const auto raw = alice->call_raw("group_open_http_svc", "send_group_msg", "{not json");
  EXPECT_FALSE(WebImClient::succeeded(json::parse(raw.body).as_object())) << raw.body;
  EXPECT_TRUE(WebImClient::succeeded(
      alice->call("openim", "deletemsg", json::object{{"DelMsgList", json::array{}}})));
}

}  // namespace
}  // namespace timock::testing::webim
