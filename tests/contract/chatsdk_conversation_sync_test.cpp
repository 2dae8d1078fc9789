// A user's own conversation state, changed on one Chat SDK socket or by REST, reaches the user's other
// sockets at once (issue #19; api/conversation_changes.hpp): C2C receive options (C2cNotifyMsgArray
// MuteNotificationsSync), conversation marks (RecentContactMod PushType 4) and conversation groups (PushType
// 5 created, 6 deleted, 7 renamed or conversations moved). And what a receive option does: Discard (1) keeps
// the peer's messages from the user's clients and unread counts, not from history
// (api/c2c_receive_option.hpp).
#include <gtest/gtest.h>

#include "chatsdk_fixture.hpp"
#include "chatsdk_pushes.hpp"

namespace timock::testing::chatsdk {
namespace {

using namespace std::chrono_literals;

// The RecentContactMod item of the next such push.
std::optional<json::object> recent_contact_mod(ChatClient& client) {
  const auto event = event_with(client, "RecentContactMod");
  if (!event) return std::nullopt;
  return event->at("RecentContactMod").at(0).as_object();
}

class ChatSdkConversationSync : public ChatSdkTest {
 protected:
  json::object set_option(ChatClient& client, const json::array& peers, int flag) {
    const auto reply = client.call("openim.set_c2c_peer_mute_notifications",
                                   {{"Peer_Account", peers}, {"Mute_Notifications", flag}});
    EXPECT_EQ(code_of(reply), 0) << json::serialize(reply);
    return reply;
  }
  std::int64_t unread(const std::string& user) const {
    const auto reply = rest_call("openim/get_c2c_unread_msg_num", json::object{{"To_Account", user}});
    return reply.at("AllC2CUnreadMsgNum").to_number<std::int64_t>();
  }
  // getmsg from an empty Cookie: the messages a fresh login syncs, and the unread pairs.
  json::object first_sync(ChatClient& client) { return client.call("openim.getmsg", {{"Cookie", ""}}); }
  json::object create_group(ChatClient& client, const std::string& name, json::array contacts) {
    const auto reply = client.call(
        "recentcontact.create_contact_group",
        {{"GroupContactItem", json::array{{{"GroupName", name}, {"ContactItem", std::move(contacts)}}}}});
    EXPECT_EQ(code_of(reply), 0) << json::serialize(reply);
    return reply;
  }
};

TEST_F(ChatSdkConversationSync, AReceiveOptionSetOnOneSocketReachesTheUsersOtherSockets) {
  auto alice = logged_in("alice");
  auto alice_tab = logged_in("alice");
  set_option(*alice, json::array{"bob", "nobody", "carol"}, 2);
  const auto event = event_with(*alice_tab, "C2cNotifyMsgArray");
  ASSERT_TRUE(event);
  const auto& items = event->at("C2cNotifyMsgArray").as_array();
  // One item per peer set (the unknown one is in the reply's ErrorList only).
  ASSERT_EQ(items.size(), 2u) << json::serialize(*event);
  EXPECT_EQ(items.at(0).at("MuteNotificationsSync"),
            json::parse(R"({"To_Account":"bob","MuteNotifications":2})"));
  EXPECT_EQ(items.at(1).at("MuteNotificationsSync").at("To_Account"), "carol");
  // The socket that set it learns from its reply; bob hears nothing of alice's options.
  auto bob = logged_in("bob");
  set_option(*alice, json::array{"bob"}, 0);
  EXPECT_TRUE(event_with(*alice_tab, "C2cNotifyMsgArray"));
  EXPECT_FALSE(event_with(*alice, "C2cNotifyMsgArray", 300ms));
  EXPECT_FALSE(event_with(*bob, "C2cNotifyMsgArray", 300ms));
}

TEST_F(ChatSdkConversationSync, DiscardKeepsThePeersMessagesFromTheClientsAndUnreadButNotFromHistory) {
  auto alice = logged_in("alice");
  set_option(*alice, json::array{"bob"}, 1);
  auto bob = logged_in("bob");
  // A REST send and a client send from bob: stored, pushed to none of alice's sockets.
  ASSERT_EQ(code_of(rest_send("bob", "alice", "discarded 1", 1)), 0);
  ASSERT_EQ(
      code_of(bob->call("openim.sendmsg", sendmsg_body("bob", "alice", "discarded 2", 2, 22, 1700000002))),
      0);
  // carol's message, sent after them, is pushed: nothing of bob's came before it.
  ASSERT_EQ(code_of(rest_send("carol", "alice", "from carol", 3)), 0);
  const auto pushed = event_with(*alice, "C2cMsgArray");
  ASSERT_TRUE(pushed);
  EXPECT_EQ(pushed->at("C2cMsgArray").at(0).at("From_Account"), "carol");
  EXPECT_EQ(unread("alice"), 1);
  // A fresh login's sync brings carol's message and its unread count only.
  auto tab = logged_in("alice");
  const auto sync = first_sync(*tab);
  ASSERT_EQ(sync.at("MsgList").as_array().size(), 1u) << json::serialize(sync);
  EXPECT_EQ(sync.at("MsgList").at(0).at("From_Account"), "carol");
  ASSERT_EQ(sync.at("C2CPairUnreadCount").as_array().size(), 1u) << json::serialize(sync);
  EXPECT_EQ(sync.at("C2CPairUnreadCount").at(0).at("From_Account"), "carol");
  // History keeps both of bob's messages, for both sides; bob's own view is unchanged.
  EXPECT_EQ(roam("alice", "bob").size(), 2u);
  const auto history =
      tab->call("openim.getroammsg", {{"Peer_Account", "bob"}, {"MaxCnt", 15}, {"LastMsgTime", 0}});
  EXPECT_EQ(history.at("MsgList").as_array().size(), 2u) << json::serialize(history);
  // Back to AcceptAndNotify: the next message arrives and counts.
  set_option(*alice, json::array{"bob"}, 0);
  ASSERT_EQ(code_of(rest_send("bob", "alice", "welcome back", 4)), 0);
  const auto again = event_with(*alice, "C2cMsgArray");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->at("C2cMsgArray").at(0).at("From_Account"), "bob");
  EXPECT_EQ(unread("alice"), 2);
}

TEST_F(ChatSdkConversationSync, AcceptNotNotifyStillDeliversAndCounts) {
  auto alice = logged_in("alice");
  set_option(*alice, json::array{"bob"}, 2);
  ASSERT_EQ(code_of(rest_send("bob", "alice", "quiet", 1)), 0);
  const auto pushed = event_with(*alice, "C2cMsgArray");
  ASSERT_TRUE(pushed);
  EXPECT_EQ(pushed->at("C2cMsgArray").at(0).at("From_Account"), "bob");
  EXPECT_EQ(unread("alice"), 1);
  // A fresh login reads the option off its conversation list (page_get's MsgRecvOption).
  auto tab = logged_in("alice");
  const auto page = tab->call("recentcontact.page_get", {{"From_Account", "alice"}});
  ASSERT_EQ(code_of(page), 0) << json::serialize(page);
  const auto& items = page.at("SessionItem").as_array();
  ASSERT_EQ(items.size(), 1u) << json::serialize(page);
  EXPECT_EQ(items.at(0).at("To_Account"), "bob");
  EXPECT_EQ(items.at(0).at("MsgRecvOption").to_number<int>(), 2);
}

TEST_F(ChatSdkConversationSync, MarksReachTheUsersOtherSocketsFromTheSdkAndFromRest) {
  ASSERT_EQ(code_of(rest_send("bob", "alice", "hi", 1)), 0);
  auto alice = logged_in("alice");
  auto alice_tab = logged_in("alice");
  ASSERT_EQ(
      code_of(alice->call("recentcontact.mark_contact",
                          {{"MarkItem", json::array{{{"OptType", 1},
                                                     {"ContactItem", {{"Type", 1}, {"To_Account", "bob"}}},
                                                     {"SetMark", json::array{0, 2}}}}}})),
      0);
  const auto mark = recent_contact_mod(*alice_tab);
  ASSERT_TRUE(mark);
  EXPECT_EQ(mark->at("PushType").to_number<int>(), 4);
  const auto& item = mark->at("RecentContactMarkContact").at("RecentContactMarkContactItem").at(0);
  EXPECT_EQ(item.at("RecentContactItem"), json::parse(R"({"Type":1,"UserId":"bob"})"));
  EXPECT_EQ(item.at("OptType").to_number<int>(), 1);
  // The conversation's whole standard mark, as page_get gives it (bit 0 rightmost).
  EXPECT_EQ(item.at("StandardMark"), "101");
  EXPECT_FALSE(event_with(*alice, "RecentContactMod", 300ms));
  // The app's server marks too: every socket of alice hears it.
  const auto rest_reply =
      rest_call("recentcontact/mark_contact",
                json::object{{"From_Account", "alice"},
                             {"MarkItem", json::array{{{"OptType", 2},
                                                       {"ContactItem", {{"Type", 1}, {"To_Account", "bob"}}},
                                                       {"CustomMark", "vip"}}}}});
  ASSERT_EQ(code_of(rest_reply), 0) << json::serialize(rest_reply);
  for (auto* socket : {alice.get(), alice_tab.get()}) {
    const auto custom = recent_contact_mod(*socket);
    ASSERT_TRUE(custom);
    const auto& c = custom->at("RecentContactMarkContact").at("RecentContactMarkContactItem").at(0);
    EXPECT_EQ(c.at("OptType").to_number<int>(), 2);
    EXPECT_EQ(c.at("CustomMark"), "vip");
  }
}

TEST_F(ChatSdkConversationSync, ConversationGroupChangesReachTheUsersOtherSockets) {
  ASSERT_EQ(code_of(rest_send("bob", "alice", "hi", 1)), 0);
  auto alice = logged_in("alice");
  auto alice_tab = logged_in("alice");
  const auto created = create_group(*alice, "work", json::array{{{"Type", 1}, {"To_Account", "bob"}}});
  const auto id = created.at("GroupResultItem").at(0).at("GroupItem").at("GroupId");
  auto push = recent_contact_mod(*alice_tab);
  ASSERT_TRUE(push);
  EXPECT_EQ(push->at("PushType").to_number<int>(), 5);
  const auto& made = push->at("RecentContactCreateContactGroup").at("MsgContactGroupContactItem").at(0);
  EXPECT_EQ(made.at("MsgGroupItem").at("GroupId"), id);
  EXPECT_EQ(made.at("MsgGroupItem").at("GroupName"), "work");
  EXPECT_EQ(made.at("MsgRecentContactItem"), json::parse(R"([{"Type":1,"UserId":"bob"}])"));

  ASSERT_EQ(
      code_of(alice->call(
          "recentcontact.update_contact_group",
          {{"UpdateType", 1},
           {"UpdateGroup", {{"UpdateGroupType", 1}, {"OldGroupName", "work"}, {"NewGroupName", "job"}}}})),
      0);
  push = recent_contact_mod(*alice_tab);
  ASSERT_TRUE(push);
  EXPECT_EQ(push->at("PushType").to_number<int>(), 7);
  const auto& renamed = push->at("RecentContactUpdateContactGroup");
  EXPECT_EQ(renamed.at("UpdateType").to_number<int>(), 1);
  EXPECT_EQ(renamed.at("MsgUpdateGroup").at("UpdateGroupType").to_number<int>(), 1);
  EXPECT_EQ(renamed.at("MsgUpdateGroup").at("GroupName"), "job");
  EXPECT_EQ(renamed.at("MsgUpdateGroup").at("OldGroupName"), "work");

  ASSERT_EQ(
      code_of(alice->call(
          "recentcontact.update_contact_group",
          {{"UpdateType", 1},
           {"UpdateGroup",
            {{"UpdateGroupType", 2},
             {"OldGroupName", "job"},
             {"ContactUpdateItem",
              json::array{
                  {{"ContactOptType", 2}, {"ContactItem", {{"Type", 1}, {"To_Account", "bob"}}}},
                  {{"ContactOptType", 1}, {"ContactItem", {{"Type", 1}, {"To_Account", "carol"}}}}}}}}})),
      0);
  push = recent_contact_mod(*alice_tab);
  ASSERT_TRUE(push);
  const auto& moved = push->at("RecentContactUpdateContactGroup").at("MsgUpdateGroup");
  EXPECT_EQ(moved.at("UpdateGroupType").to_number<int>(), 2);
  EXPECT_EQ(moved.at("OldGroupName"), "job");
  EXPECT_EQ(moved.at("RecentContactUpdateGroupItem"),
            json::parse(R"([{"ContactOptType":1,"RecentContactItem":{"Type":1,"UserId":"carol"}},
                            {"ContactOptType":2,"RecentContactItem":{"Type":1,"UserId":"bob"}}])"));

  // A REST delete reaches both sockets.
  ASSERT_EQ(code_of(rest_call("recentcontact/del_contact_group",
                              json::object{{"From_Account", "alice"}, {"GroupName", json::array{"job"}}})),
            0);
  for (auto* socket : {alice.get(), alice_tab.get()}) {
    push = recent_contact_mod(*socket);
    ASSERT_TRUE(push);
    EXPECT_EQ(push->at("PushType").to_number<int>(), 6);
    const json::array dropped{json::object{{"GroupId", id}, {"GroupName", "job"}}};
    EXPECT_EQ(push->at("RecentContactDelContactGroup").at("MsgGroupItem"), dropped);
  }
  EXPECT_FALSE(event_with(*alice, "RecentContactMod", 300ms));
}

}  // namespace
}  // namespace timock::testing::chatsdk
