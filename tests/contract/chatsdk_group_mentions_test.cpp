// @-mentions and kick reasons on the Chat SDK socket: a group message whose GroupAtInfo names a member (or
// everyone) is followed, for that member, by an Event 12 @-tip, which is what fills the conversation's
// groupAtInfoList in @tencentcloud/chat; a kick with a reason carries MsgMemberInfo next to MemberExtraInfo
// (the SDK copies the reason onto each entry and throws a TypeError when the list is missing).
#include <gtest/gtest.h>

#include "chatsdk_fixture.hpp"

namespace timock::testing::chatsdk {
namespace {

constexpr auto kPush = "im_open_push.msg_push";

// The Event and the single GroupTips/GroupMsgArray item of a push.
std::pair<std::int64_t, json::object> event_item(const ChatFrame& push) {
  const auto& event = push.body.at("EventArray").as_array().at(0).as_object();
  for (const char* key : {"GroupMsgArray", "GroupTips"})
    if (const auto* items = event.if_contains(key))
      return {event.at("Event").to_number<std::int64_t>(), items->as_array().at(0).as_object()};
  return {event.at("Event").to_number<std::int64_t>(), {}};
}

// The pushes `client` has now (after giving the server a moment to send them).
std::vector<std::pair<std::int64_t, json::object>> pushes(ChatClient& client) {
  std::vector<std::pair<std::int64_t, json::object>> out;
  if (const auto first = client.wait_push(kPush)) out.push_back(event_item(*first));
  for (const auto& frame : client.drain())
    if (frame.servcmd == kPush) out.push_back(event_item(frame));
  return out;
}

// What `client` has been pushed by now, without waiting for a first push (for a client that expects none).
std::vector<std::pair<std::int64_t, json::object>> pushes_so_far(ChatClient& client) {
  std::vector<std::pair<std::int64_t, json::object>> out;
  for (const auto& frame : client.drain())
    if (frame.servcmd == kPush) out.push_back(event_item(frame));
  return out;
}

std::vector<json::object> at_tips(const std::vector<std::pair<std::int64_t, json::object>>& list) {
  std::vector<json::object> out;
  for (const auto& [event, item] : list)
    if (event == 12) out.push_back(item);
  return out;
}

class ChatSdkGroupMentions : public ChatSdkTest {
 protected:
  std::string create_group(const std::string& owner, std::vector<std::string> members) {
    json::array list;
    for (const auto& m : members) list.push_back(json::object{{"Member_Account", m}});
    const auto reply = rest_call("group_open_http_svc/create_group",
                                 json::object{{"Owner_Account", owner}, {"Type", "Public"}, {"Name", "g"},
                                              {"MemberList", std::move(list)}});
    EXPECT_EQ(code_of(reply), 0) << json::serialize(reply);
    return std::string(reply.at("GroupId").as_string());
  }
  json::object send(ChatClient& client, const std::string& group_id, json::array at, std::int64_t random) {
    return client.call("group_open_http_svc.send_group_msg",
                       json::object{{"GroupId", group_id},
                                     {"Random", random},
                                     {"MsgPriority", "Normal"},
                                     {"MsgBody", json::array{text_elem("hi")}},
                                     {"GroupAtInfo", std::move(at)}});
  }
};

TEST_F(ChatSdkGroupMentions, TheMentionedMemberGetsAnAtTipPointingAtTheMessageAndOthersDoNot) {
  const auto id = create_group("alice", {"bob", "carol"});
  auto alice = logged_in("alice");
  auto bob = logged_in("bob");
  auto carol = logged_in("carol");
  const auto reply = send(*alice, id, json::array{{{"GroupAtAllFlag", 0}, {"GroupAt_Account", "bob"}}}, 4242);
  ASSERT_EQ(code_of(reply), 0) << json::serialize(reply);
  const auto seq = reply.at("MsgSeq").to_number<std::int64_t>();

  const auto bob_tips = at_tips(pushes(*bob));
  ASSERT_EQ(bob_tips.size(), 1u);
  const auto& tip = bob_tips[0];
  EXPECT_EQ(tip.at("GroupId").as_string(), id);
  EXPECT_EQ(tip.at("From_Account").as_string(), "alice");
  EXPECT_EQ(tip.at("AtFlagList"), (json::array{1})) << json::serialize(tip);
  EXPECT_EQ(tip.at("MsgSeq").to_number<std::int64_t>(), seq);
  EXPECT_EQ(tip.at("MsgRandom").to_number<std::int64_t>(), 4242);

  const auto carol_pushes = pushes(*carol);
  EXPECT_EQ(carol_pushes.size(), 1u);  // the message only
  EXPECT_TRUE(at_tips(carol_pushes).empty());
  EXPECT_TRUE(at_tips(pushes_so_far(*alice)).empty());  // the sender is never tipped
}

TEST_F(ChatSdkGroupMentions, AnAtAllTipsEveryMemberButTheSenderAndAnAtOfBothSaysBoth) {
  const auto id = create_group("alice", {"bob", "carol"});
  auto alice = logged_in("alice");
  auto bob = logged_in("bob");
  auto carol = logged_in("carol");
  ASSERT_EQ(code_of(send(*alice, id,
                         json::array{{{"GroupAtAllFlag", 1}}, {{"GroupAtAllFlag", 0}, {"GroupAt_Account", "carol"}}},
                         1)),
            0);
  const auto bob_tips = at_tips(pushes(*bob));
  ASSERT_EQ(bob_tips.size(), 1u);
  EXPECT_EQ(bob_tips[0].at("AtFlagList"), (json::array{2}));
  const auto carol_tips = at_tips(pushes(*carol));
  ASSERT_EQ(carol_tips.size(), 1u);
  EXPECT_EQ(carol_tips[0].at("AtFlagList"), (json::array{1, 2}));
  EXPECT_TRUE(at_tips(pushes_so_far(*alice)).empty());
}

TEST_F(ChatSdkGroupMentions, ARestSendWithGroupAtInfoTipsChatSdkMembersToo) {
  const auto id = create_group("alice", {"bob"});
  auto bob = logged_in("bob");
  const auto reply = rest_call("group_open_http_svc/send_group_msg",
                               json::object{{"GroupId", id},
                                            {"From_Account", "alice"},
                                            {"Random", 9},
                                            {"MsgBody", json::array{text_elem("@bob")}},
                                            {"GroupAtInfo", json::array{{{"GroupAtAllFlag", 0}, {"GroupAt_Account", "bob"}}}}});
  ASSERT_EQ(code_of(reply), 0) << json::serialize(reply);
  const auto tips = at_tips(pushes(*bob));
  ASSERT_EQ(tips.size(), 1u);
  EXPECT_EQ(tips[0].at("AtFlagList"), (json::array{1}));
}

TEST_F(ChatSdkGroupMentions, AKickWithAReasonListsTheKickedInMsgMemberInfo) {
  const auto id = create_group("alice", {"bob", "carol"});
  auto carol = logged_in("carol");
  const auto reply = rest_call("group_open_http_svc/delete_group_member",
                               json::object{{"GroupId", id}, {"MemberToDel_Account", json::array{"bob"}}, {"Reason", "spam"}});
  ASSERT_EQ(code_of(reply), 0) << json::serialize(reply);
  bool seen = false;
  for (const auto& [event, item] : pushes(*carol)) {
    if (event != 4) continue;
    const auto& body = item.at("MsgBody").as_object();
    EXPECT_EQ(body.at("MemberExtraInfo").at("Reason").as_string(), "spam") << json::serialize(item);
    EXPECT_EQ(body.at("MsgMemberInfo").at(0).at("Member_Account").as_string(), "bob") << json::serialize(item);
    seen = true;
  }
  EXPECT_TRUE(seen);
}

}  // namespace
}  // namespace timock::testing::chatsdk
