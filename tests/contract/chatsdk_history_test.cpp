// Conversations and history as the SDK reads them (reference/modern-sdk-protocol.md §6.3, §6.4): page_get's
// C2C items, getroammsg's ascending pages and their LastMsgTime + MsgKey cursor, get_peer_read_time's one
// entry per peer asked.
#include <gtest/gtest.h>

#include <map>

#include <set>

#include "chatsdk_fixture.hpp"

namespace timock::testing::chatsdk {
namespace {

constexpr int kMaxPages = 20;

json::object page_get_body(std::int64_t time_stamp = 0, std::int64_t start_index = 0) {
  return {{"From_Account", "alice"}, {"TimeStamp", time_stamp}, {"StartIndex", start_index},
          {"TopTimeStamp", 0},       {"TopStartIndex", 0},      {"OrderType", 1},
          {"MsgAssistFlags", 15},    {"AssistFlags", 31}};
}

json::object readed_body(const std::string& peer, std::int64_t lasted_msg_time) {
  // §6.7 (sic: "Lasted").
  return {{"C2CMsgReaded",
           json::object{{"Cookie", ""},
                        {"C2CMsgReadedItem",
                         json::array{json::object{
                             {"To_Account", peer}, {"LastedMsgTime", lasted_msg_time}, {"Receipt", 1}}}}}}};
}

using ChatSdkHistory = ChatSdkTest;

TEST_F(ChatSdkHistory, PageGetGivesEachC2cConversationItsLastMessageSenderTimeAndPeerReadTime) {
  const auto now = server_now();
  freeze_clock(now);
  ASSERT_EQ(code_of(rest_send("bob", "alice", "one", 1)), 0);
  freeze_clock(now + 5);
  const auto two = rest_send("alice", "bob", "two", 2);
  ASSERT_EQ(code_of(two), 0);
  freeze_clock(now + 9);
  ASSERT_EQ(code_of(rest_send("carol", "alice", "three", 3)), 0);

  auto alice = logged_in("alice");
  auto before = alice->call("recentcontact.page_get", page_get_body());
  ASSERT_EQ(code_of(before), 0) << json::serialize(before);
  EXPECT_EQ(before.at("CompleteFlag").as_int64(), 1);
  std::map<std::string, json::object> items;
  for (const auto& item : before.at("SessionItem").as_array())
    items[std::string(item.at("To_Account").as_string())] = item.as_object();
  ASSERT_EQ(items.size(), 2u) << json::serialize(before);
  const auto& bob = items.at("bob");
  EXPECT_EQ(bob.at("Type").as_int64(), 1);
  EXPECT_EQ(first_text(bob.at("LastMsg")), "two") << json::serialize(bob);
  EXPECT_EQ(bob.at("LastC2CMsgFromAccount").as_string(), "alice");
  EXPECT_EQ(bob.at("MsgTime").to_number<std::int64_t>(), now + 5);
  EXPECT_EQ(bob.at("MsgSeq").to_number<std::int64_t>(), 2);
  EXPECT_EQ(bob.at("C2cPeerReadTime").to_number<std::int64_t>(), 0) << "bob has not read it yet";
  EXPECT_TRUE(bob.contains("TopFlags"));
  const auto& carol = items.at("carol");
  EXPECT_EQ(first_text(carol.at("LastMsg")), "three");
  EXPECT_EQ(carol.at("LastC2CMsgFromAccount").as_string(), "carol");
  // Newest conversation first.
  EXPECT_EQ(before.at("SessionItem").at(0).at("To_Account").as_string(), "carol");

  // bob reads: alice's list shows how far.
  freeze_clock(now + 20);
  auto bob_socket = logged_in("bob");
  ASSERT_EQ(code_of(bob_socket->call("openim.msgreaded", readed_body("alice", now + 20))), 0);
  const auto after = alice->call("recentcontact.page_get", page_get_body());
  for (const auto& item : after.at("SessionItem").as_array())
    if (item.at("To_Account").as_string() == "bob")
      EXPECT_EQ(item.at("C2cPeerReadTime").to_number<std::int64_t>(), now + 5) << json::serialize(item);
}

TEST_F(ChatSdkHistory, PageGetListsAGroupMadeOverRestBesideTheC2cConversations) {
  ASSERT_EQ(code_of(rest_send("bob", "alice", "one", 1)), 0);
  const auto group = rest_call("group_open_http_svc/create_group",
                               json::object{{"Owner_Account", "bob"},
                                            {"Type", "Public"},
                                            {"Name", "g"},
                                            {"MemberList", json::array{json::object{{"Member_Account", "alice"}}}}});
  ASSERT_EQ(code_of(group), 0) << json::serialize(group);
  ASSERT_EQ(code_of(rest_call("group_open_http_svc/send_group_msg",
                              json::object{{"GroupId", group.at("GroupId")},
                                           {"From_Account", "bob"},
                                           {"Random", 1},
                                           {"MsgBody", json::array{json::object{{"MsgType", "TIMTextElem"},
                                                                                {"MsgContent", json::object{{"Text", "g"}}}}}}})),
            0);
  auto alice = logged_in("alice");
  const auto page = alice->call("recentcontact.page_get", page_get_body());
  ASSERT_EQ(code_of(page), 0) << json::serialize(page);
  ASSERT_EQ(page.at("SessionItem").as_array().size(), 2u) << json::serialize(page);
  // The group as a group item (modern-sdk-groups.md §4), the peer as a C2C one.
  std::map<int, json::object> by_type;
  for (const auto& item : page.at("SessionItem").as_array())
    by_type[item.at("Type").to_number<int>()] = item.as_object();
  ASSERT_TRUE(by_type.contains(1) && by_type.contains(2)) << json::serialize(page);
  const auto& g = by_type.at(2);
  EXPECT_EQ(g.at("ToAccount"), group.at("GroupId"));
  EXPECT_EQ(g.at("UnreadMsgCount").to_number<int>(), 1);
  EXPECT_EQ(g.at("LastMsg").at("MsgBody").at(0).at("MsgContent").at("Text").as_string(), "g");
  EXPECT_EQ(by_type.at(1).at("To_Account").as_string(), "bob");
}

TEST_F(ChatSdkHistory, PageGetPagesPastAHundredConversationsToCompleteFlag1WithoutRepeats) {
  for (int batch = 0; batch < 2; ++batch) {  // multiaccount_import takes at most 100
    json::array accounts;
    for (int i = batch * 60; i < std::min(105, batch * 60 + 60); ++i)
      accounts.push_back(json::value("p" + std::to_string(i)));
    ASSERT_EQ(
        code_of(rest_call("im_open_login_svc/multiaccount_import", json::object{{"Accounts", accounts}})), 0);
  }
  for (int i = 0; i < 105; ++i)
    ASSERT_EQ(code_of(rest_send("p" + std::to_string(i), "alice", "hello", i + 1)), 0);
  auto alice = logged_in("alice");
  json::object body = page_get_body();
  std::set<std::string> seen;
  int pages = 0;
  for (;; ++pages) {
    ASSERT_LT(pages, kMaxPages) << "page_get never answered CompleteFlag 1";
    const auto page = alice->call("recentcontact.page_get", body);
    ASSERT_EQ(code_of(page), 0) << json::serialize(page).substr(0, 300);
    for (const auto& item : page.at("SessionItem").as_array())
      EXPECT_TRUE(seen.insert(std::string(item.at("To_Account").as_string())).second)
          << item.at("To_Account");
    if (page.at("CompleteFlag").as_int64() == 1) break;
    for (const char* cursor : {"TimeStamp", "StartIndex", "TopTimeStamp", "TopStartIndex"})
      body[cursor] = page.at(cursor);
  }
  EXPECT_EQ(seen.size(), 105u);
  EXPECT_GE(pages, 1) << "more than one page";
}

class ChatSdkRoam : public ChatSdkTest {
 protected:
  // Pages of getroammsg as getMessageList asks them, until Complete 1; oldest page last.
  std::vector<json::object> roam_pages(ChatClient& client, const std::string& peer,
                                       std::int64_t max_cnt = 15) {
    std::vector<json::object> pages;
    json::object body{{"Peer_Account", peer}, {"MaxCnt", max_cnt},    {"LastMsgTime", 0},
                      {"MsgKey", ""},         {"WithRecalledMsg", 1}, {"GetDirection", 0}};
    for (int i = 0; i < kMaxPages; ++i) {
      auto page = client.call("openim.getroammsg", body);
      EXPECT_EQ(code_of(page), 0) << json::serialize(page);
      if (code_of(page) != 0) return pages;
      const bool complete = page.at("Complete").as_int64() == 1;
      body["LastMsgTime"] = page.at("LastMsgTime");
      body["MsgKey"] = page.at("MsgKey");
      pages.push_back(std::move(page));
      if (complete) return pages;
    }
    ADD_FAILURE() << "getroammsg never answered Complete 1";
    return pages;
  }

  // Sends `count` messages alternating bob→alice and alice→bob, `per_second` of them in each second.
  void converse(int count, int per_second) {
    const auto start = server_now();
    for (int i = 0; i < count; ++i) {
      freeze_clock(start + i / per_second);
      const bool from_bob = i % 2 == 0;
      ASSERT_EQ(code_of(rest_send(from_bob ? "bob" : "alice", from_bob ? "alice" : "bob",
                                  "t" + std::to_string(i), i + 1)),
                0);
    }
  }

  void expect_whole_history_in_order(const std::vector<json::object>& pages, int count) {
    // Pages come newest first; each page is oldest → newest (the SDK keeps the page order).
    std::vector<std::string> texts;
    std::set<std::string> keys;
    for (auto page = pages.rbegin(); page != pages.rend(); ++page) {
      std::int64_t previous_time = 0;
      for (const auto& item : page->at("MsgList").as_array()) {
        const auto time = item.at("MsgTimeStamp").to_number<std::int64_t>();
        EXPECT_GE(time, previous_time) << "a page must be ascending";
        previous_time = time;
        EXPECT_TRUE(keys.insert(std::string(item.at("MsgKey").as_string())).second)
            << "repeated: " << json::serialize(item);
        texts.push_back(first_text(item));
      }
    }
    ASSERT_EQ(texts.size(), static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) EXPECT_EQ(texts[i], "t" + std::to_string(i));
  }
};

TEST_F(ChatSdkRoam, PagesAreAscendingFollowTheCursorAndEndWithComplete1) {
  converse(35, 1);
  auto alice = logged_in("alice");
  const auto pages = roam_pages(*alice, "bob");
  ASSERT_EQ(pages.size(), 3u) << "15 + 15 + 5";
  EXPECT_EQ(pages[0].at("Complete").as_int64(), 0);
  EXPECT_EQ(pages[1].at("Complete").as_int64(), 0);
  EXPECT_EQ(pages[2].at("Complete").as_int64(), 1);
  EXPECT_EQ(pages[2].at("MsgList").as_array().size(), 5u);
  expect_whole_history_in_order(pages, 35);
}

TEST_F(ChatSdkRoam, MessagesOfTheSameSecondAreNeitherRepeatedNorLostAcrossPages) {
  converse(40, 40);  // all in one second: the MsgKey part of the cursor decides
  auto alice = logged_in("alice");
  const auto pages = roam_pages(*alice, "bob", 15);
  EXPECT_EQ(pages.back().at("Complete").as_int64(), 1);
  expect_whole_history_in_order(pages, 40);
}

TEST_F(ChatSdkRoam, ItemsCarrySenderTinyIdAndBothSidesSeeTheSameHistory) {
  converse(4, 1);
  auto alice = logged_in("alice");
  auto bob = logged_in("bob");
  const auto from_alice = roam_pages(*alice, "bob");
  const auto from_bob = roam_pages(*bob, "alice");
  ASSERT_EQ(from_alice.size(), 1u);
  ASSERT_EQ(from_bob.size(), 1u);
  const auto& list = from_alice[0].at("MsgList").as_array();
  ASSERT_EQ(list.size(), 4u);
  for (const auto& item : list) {
    const bool from_bob_side = item.at("From_Account").as_string() == "bob";
    EXPECT_EQ(item.at("TinyId").as_string(), from_bob_side ? bob->tinyid() : alice->tinyid())
        << json::serialize(item);
  }
  EXPECT_EQ(json::serialize(from_alice[0].at("MsgList")), json::serialize(from_bob[0].at("MsgList")))
      << "the same messages, in the same order, for both";
}

TEST_F(ChatSdkRoam, EmptyConversationIsCompleteAtOnce) {
  auto alice = logged_in("alice");
  const auto pages = roam_pages(*alice, "carol");
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(pages[0].at("Complete").as_int64(), 1);
  EXPECT_TRUE(pages[0].at("MsgList").as_array().empty());
}

TEST_F(ChatSdkRoam, MissingPeerIsAnError) {
  auto alice = logged_in("alice");
  const auto reply = alice->call("openim.getroammsg", {{"MaxCnt", 15}});
  EXPECT_NE(code_of(reply), 0) << json::serialize(reply);
}

TEST_F(ChatSdkHistory, GetPeerReadTimeGivesOneEntryPerPeerAskedInOrder) {
  const auto now = server_now();
  freeze_clock(now);
  ASSERT_EQ(code_of(rest_send("alice", "bob", "to bob", 1)), 0);
  ASSERT_EQ(code_of(rest_send("alice", "carol", "to carol", 2)), 0);
  freeze_clock(now + 30);
  auto bob = logged_in("bob");
  ASSERT_EQ(code_of(bob->call("openim.msgreaded", readed_body("alice", now + 30))), 0);
  auto alice = logged_in("alice");
  const auto reply = alice->call("openim.get_peer_read_time",
                                 {{"To_Account", json::array{"carol", "bob", "nobody", "bob"}}});
  ASSERT_EQ(code_of(reply), 0) << json::serialize(reply);
  const auto& times = reply.at("ReadTime").as_array();
  ASSERT_EQ(times.size(), 4u) << json::serialize(reply);
  EXPECT_EQ(times.at(0).to_number<std::int64_t>(), 0) << "carol has not read";
  EXPECT_EQ(times.at(1).to_number<std::int64_t>(), now) << "bob read alice's message of `now`";
  EXPECT_EQ(times.at(2).to_number<std::int64_t>(), 0);
  EXPECT_EQ(times.at(3).to_number<std::int64_t>(), now);
  EXPECT_NE(code_of(alice->call("openim.get_peer_read_time", {{"To_Account", "bob"}})), 0)
      << "To_Account must be an array";
}

}  // namespace
}  // namespace timock::testing::chatsdk
