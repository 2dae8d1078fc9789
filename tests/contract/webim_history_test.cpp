// What the seed's pages read back (reference/webim-protocol.md §4.11–4.13, §8): history pages with
// getroammsg, the conversation list with recentcontact/get, and read marks with msgreaded.
#include <gtest/gtest.h>

#include <set>

#include "webim_fixture.hpp"

namespace timock::testing::webim {
namespace {

std::int64_t number(const json::value& value) {
  return value.to_number<std::int64_t>();
}

class WebImHistory : public WebImTest {
 protected:
  // A conversation of `count` messages alternating alice → bob and bob → alice, one second apart (so their
  // order is the order sent), starting at the server's present. Returns the sends, oldest first.
  std::vector<SentMessage> converse(WebImClient& alice, WebImClient& bob, int count) {
    std::vector<SentMessage> sent;
    const auto start = server_now();
    for (int i = 0; i < count; ++i) {
      freeze_clock(start + i);
      auto message = i % 2 == 0 ? alice.send_text("bob", "line " + std::to_string(i))
                                : bob.send_text("alice", "line " + std::to_string(i));
      EXPECT_TRUE(message.ok()) << json::serialize(message.reply);
      sent.push_back(std::move(message));
    }
    return sent;
  }

  static void expect_page(const json::object& page, const std::vector<SentMessage>& sent, std::size_t first,
                          std::size_t count, int complete) {
    ASSERT_TRUE(WebImClient::succeeded(page)) << json::serialize(page);
    const auto& list = page.at("MsgList").as_array();
    ASSERT_EQ(list.size(), count) << json::serialize(page);
    EXPECT_EQ(number(page.at("MaxCnt")), static_cast<std::int64_t>(count))
        << "MaxCnt in a reply = how many came";
    EXPECT_EQ(page.at("Complete").as_int64(), complete) << json::serialize(page);
    // Ascending: the oldest first, as the seed renders the list.
    for (std::size_t i = 0; i < count; ++i) {
      EXPECT_EQ(number(list.at(i).at("MsgSeq")), sent.at(first + i).msg_seq()) << "item " << i;
      EXPECT_EQ(number(list.at(i).at("MsgRandom")), sent.at(first + i).msg_random()) << "item " << i;
    }
    // The cursor is the oldest returned message.
    EXPECT_EQ(page.at("LastMsgTime").as_int64(), sent.at(first).reply.at("MsgTime").as_int64());
    EXPECT_EQ(page.at("MsgKey").as_string(), sent.at(first).reply.at("MsgKey").as_string());
  }
};

TEST_F(WebImHistory, GetroammsgPagesAscendingWithTheOldestAsCursorThenComplete) {
  auto alice = connected("alice");
  auto bob = connected("bob");
  const auto sent = converse(*alice, *bob, 15);

  // The seed's chat page: MaxCnt 10, LastMsgTime 0 (§8).
  const auto first = alice->get_roam_msgs("bob", 10, 0, "");
  expect_page(first, sent, 5, 10, 0);
  const auto second = alice->get_roam_msgs("bob", 10, first.at("LastMsgTime").as_int64(),
                                           std::string(first.at("MsgKey").as_string()));
  // A short page is the last one: Complete 1, or the SDK loops asking for the rest (§4.11).
  expect_page(second, sent, 0, 5, 1);
  // The peer sees the same conversation from its side.
  const auto bobs = bob->get_roam_msgs("alice", 15, 0, "");
  expect_page(bobs, sent, 0, 15, 1);
}

TEST_F(WebImHistory, AFullLastPageIsCompleteAndAPagePastTheEndIsEmptyAndComplete) {
  auto alice = connected("alice");
  auto bob = connected("bob");
  const auto sent = converse(*alice, *bob, 20);
  const auto first = alice->get_roam_msgs("bob", 10, 0, "");
  expect_page(first, sent, 10, 10, 0);
  const auto second = alice->get_roam_msgs("bob", 10, first.at("LastMsgTime").as_int64(),
                                           std::string(first.at("MsgKey").as_string()));
  expect_page(second, sent, 0, 10, 1);
  const auto past = alice->get_roam_msgs("bob", 10, second.at("LastMsgTime").as_int64(),
                                         std::string(second.at("MsgKey").as_string()));
  ASSERT_TRUE(WebImClient::succeeded(past)) << json::serialize(past);
  EXPECT_TRUE(past.at("MsgList").as_array().empty());
  EXPECT_EQ(past.at("Complete").as_int64(), 1) << "Complete 0 with an empty page loops the SDK for ever";
  EXPECT_EQ(number(past.at("MaxCnt")), 0);
}

TEST_F(WebImHistory, LastMsgTimeZeroIgnoresAStaleMsgKey) {
  auto alice = connected("alice");
  auto bob = connected("bob");
  const auto sent = converse(*alice, *bob, 12);
  const auto first = alice->get_roam_msgs("bob", 10, 0, "");
  // §8: the seed sends LastMsgTime 0 with the previous fetch's MsgKey: that is still the newest page.
  const auto stale = alice->get_roam_msgs("bob", 10, 0, std::string(first.at("MsgKey").as_string()));
  expect_page(stale, sent, 2, 10, 0);
  const auto garbage = alice->get_roam_msgs("bob", 10, 0, "not-a-key");
  expect_page(garbage, sent, 2, 10, 0);
}

TEST_F(WebImHistory, AnEmptyConversationIsCompleteAtOnce) {
  auto alice = connected("alice");
  const auto page = alice->get_roam_msgs("bob", 10, 0, "");
  ASSERT_TRUE(WebImClient::succeeded(page)) << json::serialize(page);
  EXPECT_TRUE(page.at("MsgList").as_array().empty());
  EXPECT_EQ(page.at("Complete").as_int64(), 1);
}

TEST_F(WebImHistory, RecentContactsAreNewestFirstWithUnreadNickImageAndMsgShow) {
  auto bob = connected("bob");
  auto alice = connected("alice");
  auto carol = connected("carol");
  const auto start = server_now();
  for (int i = 0; i < 3; ++i) {
    freeze_clock(start + i);
    ASSERT_TRUE(alice->send_text("bob", "from alice " + std::to_string(i)).ok());
  }
  freeze_clock(start + 10);
  const auto last = carol->send_text("bob", "carol here");
  ASSERT_TRUE(last.ok());

  const auto reply = bob->recent_contacts();
  ASSERT_TRUE(WebImClient::succeeded(reply)) << json::serialize(reply);
  const auto& sessions = reply.at("SessionItem").as_array();
  ASSERT_EQ(sessions.size(), 2u) << json::serialize(reply);
  const auto& newest = sessions.at(0).as_object();
  EXPECT_EQ(newest.at("Type").as_int64(), 1);
  EXPECT_EQ(newest.at("To_Account").as_string(), "carol");
  EXPECT_EQ(newest.at("C2cNick").as_string(), "Carol");
  EXPECT_EQ(newest.at("C2cImage").as_string(), face_url("carol"));
  EXPECT_EQ(newest.at("MsgShow").as_string(), "carol here");
  EXPECT_EQ(number(newest.at("MsgTimeStamp")), start + 10);
  EXPECT_EQ(number(newest.at("MsgSeq")), last.msg_seq());
  EXPECT_EQ(number(newest.at("MsgRandom")), last.msg_random());
  EXPECT_EQ(number(newest.at("UnreadMsgCount")), 1);
  const auto& older = sessions.at(1).as_object();
  EXPECT_EQ(older.at("To_Account").as_string(), "alice");
  EXPECT_EQ(older.at("C2cNick").as_string(), "Alice");
  EXPECT_EQ(older.at("MsgShow").as_string(), "from alice 2");
  EXPECT_EQ(number(older.at("UnreadMsgCount")), 3);
  EXPECT_EQ(number(reply.at("CompleteFlag")), 1);

  // The sender's own list shows the conversation with nothing unread.
  const auto alices = alice->recent_contacts();
  ASSERT_EQ(alices.at("SessionItem").as_array().size(), 1u) << json::serialize(alices);
  EXPECT_EQ(alices.at("SessionItem").at(0).at("To_Account").as_string(), "bob");
  EXPECT_EQ(number(alices.at("SessionItem").at(0).at("UnreadMsgCount")), 0);
  EXPECT_EQ(alices.at("SessionItem").at(0).at("C2cNick").as_string(), "Bob");

  // Count bounds the list.
  const auto one = bob->recent_contacts(1);
  ASSERT_EQ(one.at("SessionItem").as_array().size(), 1u);
  EXPECT_EQ(one.at("SessionItem").at(0).at("To_Account").as_string(), "carol");
}

TEST_F(WebImHistory, MsgReadedDropsUnreadMsgCountToZero) {
  auto bob = connected("bob");
  auto alice = connected("alice");
  auto carol = connected("carol");
  const auto start = server_now();
  SentMessage newest;
  for (int i = 0; i < 3; ++i) {
    freeze_clock(start + i);
    newest = alice->send_text("bob", "unread " + std::to_string(i));
    ASSERT_TRUE(newest.ok());
  }
  ASSERT_TRUE(carol->send_text("bob", "also unread").ok());

  // The chat page: history, then setAutoRead → msgreaded with the session's latest message time (§4.12).
  bob->sync_msgs();
  const auto readed = bob->msg_readed("alice", newest.reply.at("MsgTime").as_int64());
  ASSERT_TRUE(WebImClient::succeeded(readed)) << json::serialize(readed);

  const auto reply = bob->recent_contacts();
  for (const auto& session : reply.at("SessionItem").as_array()) {
    const auto peer = session.at("To_Account").as_string();
    EXPECT_EQ(number(session.at("UnreadMsgCount")), peer == "alice" ? 0 : 1) << peer;
  }
  // A fresh client's first sync ("" cookie) brings only what is still unread.
  auto bob_again = connected("bob");
  const auto pages = bob_again->sync_msgs();
  ASSERT_EQ(pages.size(), 1u);
  ASSERT_EQ(pages.at(0).at("MsgCount").as_int64(), 1) << json::serialize(pages.at(0));
  EXPECT_EQ(pages.at(0).at("MsgList").at(0).at("From_Account").as_string(), "carol");
}

TEST_F(WebImHistory, GetmsgNeverBringsBackWhatWasAlreadyReadAfterAnUnreadSync) {
  // alice's 25 unread messages with carol's 5, read on another device, in between: a fresh client's first
  // sync
  // ("" cookie) pages through alice's only, and the Cookie it ends with covers carol's too (§4.9: returned
  // messages become unread badges in the seed).
  for (int i = 1; i <= 30; ++i) {
    const bool from_carol = i > 25;
    const auto reply = rest_send(from_carol ? "carol" : "alice", "bob", "m" + std::to_string(i), i);
    ASSERT_EQ(reply.at("ActionStatus").as_string(), "OK") << json::serialize(reply);
  }
  auto phone = connected("bob");
  ASSERT_TRUE(WebImClient::succeeded(phone->msg_readed("carol", server_now())));

  auto tab = connected("bob");
  const auto pages = tab->sync_msgs();
  std::vector<std::int64_t> randoms;
  for (const auto& page : pages)
    for (const auto& item : page.at("MsgList").as_array()) {
      EXPECT_EQ(item.at("From_Account").as_string(), "alice") << json::serialize(item);
      randoms.push_back(number(item.at("MsgRandom")));
    }
  EXPECT_EQ(randoms.size(), 25u);
  EXPECT_GE(pages.size(), 2u);
  const auto again = tab->sync_msgs();
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again.at(0).at("MsgCount").as_int64(), 0) << json::serialize(again.at(0));
  // What arrives afterwards is new to the client, and comes.
  ASSERT_EQ(rest_send("carol", "bob", "new", 99).at("ActionStatus").as_string(), "OK");
  const auto fresh = tab->sync_msgs();
  ASSERT_EQ(fresh.at(0).at("MsgCount").as_int64(), 1) << json::serialize(fresh.at(0));
  EXPECT_EQ(number(fresh.at(0).at("MsgList").at(0).at("MsgRandom")), 99);
}

TEST_F(WebImHistory, MessagesInOneSecondPageByMsgKey) {
  auto alice = connected("alice");
  auto bob = connected("bob");
  freeze_clock(server_now());
  std::set<std::int64_t> sent_randoms;
  for (int i = 0; i < 15; ++i) {
    const auto sent = (i % 2 == 0 ? alice : bob)->send_text(i % 2 == 0 ? "bob" : "alice", "same second");
    ASSERT_TRUE(sent.ok()) << json::serialize(sent.reply);
    sent_randoms.insert(sent.msg_random());
  }
  std::set<std::int64_t> seen;
  std::int64_t last_time = 0;
  std::string key;
  for (int page_no = 0; page_no < 2; ++page_no) {
    const auto page = alice->get_roam_msgs("bob", 10, last_time, key);
    ASSERT_TRUE(WebImClient::succeeded(page)) << json::serialize(page);
    const auto& list = page.at("MsgList").as_array();
    ASSERT_EQ(list.size(), page_no == 0 ? 10u : 5u) << json::serialize(page);
    EXPECT_EQ(page.at("Complete").as_int64(), page_no == 0 ? 0 : 1);
    for (std::size_t i = 1; i < list.size(); ++i)
      EXPECT_LT(number(list.at(i - 1).at("MsgSeq")), number(list.at(i).at("MsgSeq")))
          << "ascending by MsgKey";
    for (const auto& item : list)
      EXPECT_TRUE(seen.insert(number(item.at("MsgRandom"))).second) << "delivered twice";
    EXPECT_EQ(page.at("MsgKey").as_string(), list.at(0).at("MsgKey").as_string());
    last_time = page.at("LastMsgTime").as_int64();
    key = std::string(page.at("MsgKey").as_string());
  }
  EXPECT_EQ(seen, sent_randoms);
}

TEST_F(WebImHistory, FriendGetAllListsTheFriendsWithTheirNicks) {
  const auto added = rest(
      server, app, "sns/friend_add",
      json::object{{"From_Account", "alice"},
                   {"AddFriendItem",
                    json::array{json::object{{"To_Account", "bob"}, {"AddSource", "AddSource_Type_Web"}}}},
                   {"AddType", "Add_Type_Both"},
                   {"ForceAddFlags", 1}});
  ASSERT_EQ(added.at("ActionStatus").as_string(), "OK") << json::serialize(added);
  auto alice = connected("alice");
  const auto reply =
      alice->call("sns", "friend_get_all",
                  json::object{{"From_Account", "alice"},
                               {"TimeStamp", 0},
                               {"StartIndex", 0},
                               {"GetCount", 100},
                               {"LastStandardSequence", 0},
                               {"TagList", json::array{"Tag_Profile_IM_Nick", "Tag_SNS_IM_Remark"}}});
  ASSERT_TRUE(WebImClient::succeeded(reply)) << json::serialize(reply);
  ASSERT_EQ(reply.at("InfoItem").as_array().size(), 1u) << json::serialize(reply);
  EXPECT_EQ(reply.at("InfoItem").at(0).at("Info_Account").as_string(), "bob");
  EXPECT_EQ(reply.at("InfoItem").at(0).at("SnsProfileItem").at(0).at("Value").as_string(), "Bob");
  EXPECT_EQ(number(reply.at("FriendNum")), 1);
}

}  // namespace
}  // namespace timock::testing::webim
