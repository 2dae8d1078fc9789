// Conversation actions from the Chat SDK (issue #15, reference/modern-sdk-protocol.md §11): pinConversation
// (recentcontact.top), deleteConversation (batch_delete), clearHistoryMessage (clear_msg) and setAllMessageRead
// (openim.read_all_unread_msg), each reading and writing the state REST's recentcontact and openim commands see.
#include <gtest/gtest.h>

#include "chatsdk_fixture.hpp"

namespace timock::testing::chatsdk {
namespace {

class ChatSdkConversations : public ChatSdkTest {
 protected:
  // alice's conversation list, by target.
  std::map<std::string, json::object> list(ChatClient& client) {
    const auto page = client.call("recentcontact.page_get",
                                  {{"From_Account", "alice"}, {"TimeStamp", 0}, {"StartIndex", 0}, {"TopTimeStamp", 0},
                                   {"TopStartIndex", 0}, {"AssistFlags", 31}});
    EXPECT_EQ(code_of(page), 0) << json::serialize(page);
    std::map<std::string, json::object> out;
    for (const auto& item : page.at("SessionItem").as_array()) {
      const auto& o = item.as_object();
      out[std::string((o.contains("To_Account") ? o.at("To_Account") : o.at("ToAccount")).as_string())] = o;
    }
    return out;
  }
  std::int64_t unread_of(const std::string& user) const {
    const auto reply = rest_call("openim/get_c2c_unread_msg_num", json::object{{"To_Account", user}});
    return reply.at("AllC2CUnreadMsgNum").to_number<std::int64_t>();
  }
};

TEST_F(ChatSdkConversations, PinningPutsAConversationFirstAndUnpinningTakesItBack) {
  ASSERT_EQ(code_of(rest_send("bob", "alice", "old", 1)), 0);
  ASSERT_EQ(code_of(rest_send("carol", "alice", "new", 2)), 0);
  auto alice = logged_in("alice");
  const json::object pin{{"From_Account", "alice"}, {"OperationType", 1},
                         {"RecentContactItem", json::array{{{"Type", 1}, {"To_Account", "bob"}}}}};
  ASSERT_EQ(code_of(alice->call("recentcontact.top", pin)), 0);
  EXPECT_EQ(list(*alice).at("bob").at("TopFlags").to_number<int>(), 1);
  // REST's list sees the same pin.
  const auto rest_list = rest_call("recentcontact/get_list", json::object{{"From_Account", "alice"}, {"TimeStamp", 0},
                                                                         {"StartIndex", 0}, {"TopTimeStamp", 0},
                                                                         {"TopStartIndex", 0}, {"AssistFlags", 1}});
  EXPECT_EQ(rest_list.at("SessionItem").at(0).at("To_Account").as_string(), "bob") << json::serialize(rest_list);
  EXPECT_EQ(rest_list.at("SessionItem").at(0).at("TopFlag").to_number<int>(), 1);
  auto unpin = pin;
  unpin["OperationType"] = 2;
  ASSERT_EQ(code_of(alice->call("recentcontact.top", unpin)), 0);
  EXPECT_EQ(list(*alice).at("bob").at("TopFlags").to_number<int>(), 0);
  // Bad input: 50002; a group the user is not in: 51007.
  EXPECT_EQ(code_of(alice->call("recentcontact.top", {{"OperationType", 3}, {"RecentContactItem", json::array{}}})), 50002);
  EXPECT_EQ(code_of(alice->call("recentcontact.top",
                                {{"OperationType", 1}, {"RecentContactItem", json::array{{{"Type", 2}, {"GroupId", "@TGS#2NOPE"}}}}})),
            51007);
}

TEST_F(ChatSdkConversations, AtMostFiftyConversationsArePinned) {
  json::array accounts, items;
  for (int i = 0; i < 51; ++i) {
    accounts.push_back(json::value("p" + std::to_string(i)));
    items.push_back({{"Type", 1}, {"To_Account", "p" + std::to_string(i)}});
  }
  ASSERT_EQ(code_of(rest_call("im_open_login_svc/multiaccount_import", json::object{{"Accounts", accounts}})), 0);
  auto alice = logged_in("alice");
  EXPECT_EQ(code_of(alice->call("recentcontact.top", {{"OperationType", 1}, {"RecentContactItem", items}})), 51012);
  items.pop_back();
  EXPECT_EQ(code_of(alice->call("recentcontact.top", {{"OperationType", 1}, {"RecentContactItem", items}})), 0);
}

TEST_F(ChatSdkConversations, BatchDeleteAnswersPerConversationAndClearRambleEmptiesTheHistory) {
  ASSERT_EQ(code_of(rest_send("bob", "alice", "hi", 1)), 0);
  ASSERT_EQ(code_of(rest_send("carol", "alice", "yo", 2)), 0);
  auto alice = logged_in("alice");
  const auto reply = alice->call("recentcontact.batch_delete",
                                 {{"From_Account", "alice"}, {"ClearRamble", 1},
                                  {"ContactItem", json::array{{{"Type", 1}, {"To_Account", "bob"}}}}});
  ASSERT_EQ(code_of(reply), 0) << json::serialize(reply);
  const auto& result = reply.at("ResultItem").at(0);
  EXPECT_EQ(result.at("ResultCode").to_number<int>(), 0);
  EXPECT_EQ(result.at("To_Account").as_string(), "bob");
  EXPECT_EQ(result.at("Type").to_number<int>(), 1);
  const auto after = list(*alice);
  EXPECT_FALSE(after.contains("bob"));
  EXPECT_TRUE(after.contains("carol"));
  EXPECT_TRUE(roam("alice", "bob").empty());
  EXPECT_EQ(roam("bob", "alice").size(), 1u);  // bob keeps his side
}

TEST_F(ChatSdkConversations, ClearMsgEmptiesTheUsersSideButKeepsTheConversation) {
  ASSERT_EQ(code_of(rest_send("bob", "alice", "hi", 1)), 0);
  auto alice = logged_in("alice");
  ASSERT_EQ(code_of(alice->call("recentcontact.clear_msg", {{"From_Account", "alice"}, {"To_Account", "bob"}, {"Type", 1}})), 0);
  EXPECT_TRUE(roam("alice", "bob").empty());
  EXPECT_EQ(roam("bob", "alice").size(), 1u);
  const auto after = list(*alice);
  ASSERT_TRUE(after.contains("bob"));
  EXPECT_FALSE(after.at("bob").contains("LastMsg")) << json::serialize(after.at("bob"));
  EXPECT_EQ(code_of(alice->call("recentcontact.clear_msg", {{"Type", 1}})), 50002);
}

TEST_F(ChatSdkConversations, ReadAllUnreadReadsEveryC2cMessageAndTheListedGroups) {
  ASSERT_EQ(code_of(rest_send("bob", "alice", "one", 1)), 0);
  ASSERT_EQ(code_of(rest_send("carol", "alice", "two", 2)), 0);
  const auto group = rest_call("group_open_http_svc/create_group",
                               json::object{{"Owner_Account", "bob"}, {"Type", "Public"}, {"Name", "g"},
                                            {"MemberList", json::array{{{"Member_Account", "alice"}}}}});
  const auto id = std::string(group.at("GroupId").as_string());
  ASSERT_EQ(code_of(rest_call("group_open_http_svc/send_group_msg",
                              json::object{{"GroupId", id}, {"From_Account", "bob"}, {"Random", 1},
                                           {"MsgBody", json::array{text_elem("g1")}}})),
            0);
  ASSERT_EQ(unread_of("alice"), 2);
  auto alice = logged_in("alice");
  const auto reply = alice->call("openim.read_all_unread_msg",
                                 {{"C2CReadAllMsg", 1}, {"GroupReadInfo", json::array{{{"GroupId", id}, {"MsgSeq", 1}}}}});
  ASSERT_EQ(code_of(reply), 0) << json::serialize(reply);
  EXPECT_EQ(unread_of("alice"), 0);
  EXPECT_EQ(list(*alice).at(id).at("UnreadMsgCount").to_number<int>(), 0);
  EXPECT_EQ(reply.at("GroupReadInfoArray").at(0).at("GroupId").as_string(), id);
}

}  // namespace
}  // namespace timock::testing::chatsdk
