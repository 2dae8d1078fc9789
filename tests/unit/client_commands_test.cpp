// What a logged-in client may do, called directly (client/messages.hpp, conversations.hpp, directory.hpp):
// getmsg sync pages and Cookies, getroammsg history pages, read marks, sends (and re-sends after a
// reconnect), recalls, the conversation list and profiles. Data is set up through the REST commands.
#include <gtest/gtest.h>

#include <array>
#include <boost/json/value.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "auth/sig_cache.hpp"
#include "client/client.hpp"
#include "client/conversations.hpp"
#include "client/directory.hpp"
#include "client/messages.hpp"
#include "rest_c2c_fixture.hpp"

namespace timock::client {
namespace {

namespace json = boost::json;
using core::ErrorCode;

class ClientCommands : public api::testing::C2cHandlers {
 public:
  auth::SigCache sig_cache;
  Deps deps{store, clock, &hub, commands, sig_cache};

  Caller as(std::string_view user, std::string_view instance = "a2-of-caller") const {
    return {*app, user, instance};
  }
  // `count` messages from `from` to `to`, one a second from `start` (the clock is left after the last).
  void send_many(const std::string& from, const std::string& to, int count, std::int64_t start = kNow,
                 int first_seq = 1) {
    for (int i = 0; i < count; ++i) {
      clock.set_now(start + i, true);
      ASSERT_EQ(C2cHandlers::send(from, to, first_seq + i, 1000 + first_seq + i).code, 0);
    }
  }
  api::Reply read(std::string_view reader, const std::string& peer, std::optional<std::int64_t> up_to) {
    json::object item{{"To_Account", peer}};
    if (up_to) item["LastedMsgTime"] = *up_to;
    return mark_read(deps, as(reader),
                     json::object{{"C2CMsgReaded", json::object{{"C2CMsgReadedItem", json::array{item}}}}});
  }
  static std::vector<std::int64_t> seqs(const std::vector<core::C2cMessage>& messages) {
    std::vector<std::int64_t> out;
    for (const auto& m : messages) out.push_back(m.msg_seq);
    return out;
  }
  static std::vector<std::int64_t> range(std::int64_t first, std::int64_t last) {
    std::vector<std::int64_t> out;
    for (auto i = first; i <= last; ++i) out.push_back(i);
    return out;
  }
  static json::object text_body(const std::string& to, std::int64_t seq, std::int64_t random) {
    return {{"To_Account", to}, {"MsgSeq", seq}, {"MsgRandom", random}, {"MsgBody", text("hello")}};
  }
};

// ---- getmsg sync ----

// Cookies count the receiver's own arrivals (schema/005): another receiver's messages in between move nothing.
TEST_F(ClientCommands, SyncCookieCountsTheReceiversOwnArrivals) {
  import({"alice", "bob", "carol"});
  send_many("bob", "alice", 2);
  const auto first = sync_page(deps, as("alice"), "", {});
  ASSERT_EQ(seqs(first.messages), range(1, 2));
  send_many("bob", "carol", 3, kNow + 10, 10);
  send_many("bob", "alice", 1, kNow + 20, 3);
  const auto next = sync_page(deps, as("alice"), first.next_cookie, {});
  EXPECT_EQ(seqs(next.messages), range(3, 3));
  EXPECT_EQ(next.next_cookie, "s:3");
}

// Cookies timock issued before schema/005 named c2c_messages row ids ("id:N", "unread:N"); a client that kept
// one across the upgrade gets exactly what it would have got.
TEST_F(ClientCommands, ACookieWrittenAsARowIdStillResumesAfterThatMessage) {
  import({"alice", "bob", "carol"});
  send_many("bob", "alice", 2);
  send_many("carol", "bob", 2, kNow + 5, 50);
  send_many("bob", "alice", 2, kNow + 10, 3);
  const auto all = sync_page(deps, as("alice"), "", {});
  ASSERT_EQ(seqs(all.messages), range(1, 4));
  const auto row_of_second = all.messages[1].id;

  const auto after_second = sync_page(deps, as("alice"), "id:" + std::to_string(row_of_second), {});
  EXPECT_EQ(seqs(after_second.messages), range(3, 4));
  EXPECT_EQ(after_second.next_cookie, "s:4");

  ASSERT_EQ(read("alice", "bob", kNow + 10).code, ErrorCode::ok);  // 1-3 read, 4 unread
  const auto unread = sync_page(deps, as("alice"), "unread:" + std::to_string(row_of_second), {});
  EXPECT_EQ(seqs(unread.messages), range(4, 4));
}

TEST_F(ClientCommands, SyncPagesTwentyAtATimeThenGivesAnEmptyPageWithTheSameCoverage) {
  import({"alice", "bob"});
  send_many("bob", "alice", 25);
  const auto first = sync_page(deps, as("alice"), "", {});
  EXPECT_EQ(seqs(first.messages), range(1, 20));
  EXPECT_EQ(static_cast<std::int64_t>(first.messages.size()), kSyncPageSize);
  EXPECT_TRUE(first.more);
  EXPECT_FALSE(first.next_cookie.empty());

  const auto second = sync_page(deps, as("alice"), first.next_cookie, {});
  EXPECT_EQ(seqs(second.messages), range(21, 25));
  EXPECT_FALSE(second.more);

  const auto third = sync_page(deps, as("alice"), second.next_cookie, {});
  EXPECT_TRUE(third.messages.empty());
  EXPECT_FALSE(third.more);
  EXPECT_EQ(third.next_cookie, second.next_cookie) << "nothing new: the Cookie covers the same messages";

  send_many("bob", "alice", 1, kNow + 100, 26);
  const auto fourth = sync_page(deps, as("alice"), third.next_cookie, {});
  EXPECT_EQ(seqs(fourth.messages), std::vector<std::int64_t>{26});
}

TEST_F(ClientCommands, SyncOfExactlyOnePageSaysNoMore) {
  import({"alice", "bob"});
  send_many("bob", "alice", static_cast<int>(kSyncPageSize));
  const auto page = sync_page(deps, as("alice"), "", {});
  EXPECT_EQ(static_cast<std::int64_t>(page.messages.size()), kSyncPageSize);
  EXPECT_FALSE(page.more);
}

TEST_F(ClientCommands, FirstSyncWithAnEmptyCookieBringsOnlyUnread) {
  import({"alice", "bob"});
  send_many("bob", "alice", 3);
  ASSERT_EQ(read("alice", "bob", std::nullopt).code, ErrorCode::ok);
  send_many("bob", "alice", 2, kNow + 10, 4);
  const auto first = sync_page(deps, as("alice"), "", {});
  EXPECT_EQ(seqs(first.messages), (std::vector<std::int64_t>{4, 5}));
  EXPECT_FALSE(first.more);
  // The last page covers the read messages the first sync skipped: they never come later.
  EXPECT_TRUE(sync_page(deps, as("alice"), first.next_cookie, {}).messages.empty());
}

TEST_F(ClientCommands, CookieTimockDidNotIssueStartsAFirstSync) {
  import({"alice", "bob"});
  send_many("bob", "alice", 2);
  ASSERT_EQ(read("alice", "bob", kNow).code, ErrorCode::ok);
  for (const std::string_view cookie : {"", "garbage", "id:", "id:-1", "unread:x", "id:1x"})
    EXPECT_EQ(seqs(sync_page(deps, as("alice"), cookie, {}).messages), std::vector<std::int64_t>{2})
        << cookie;
}

TEST_F(ClientCommands, SyncBringsOnlyMessagesToTheCaller) {
  import({"alice", "bob", "carol"});
  send_many("alice", "bob", 2);
  send_many("carol", "alice", 1, kNow + 5, 9);
  EXPECT_EQ(seqs(sync_page(deps, as("alice"), "", {}).messages), std::vector<std::int64_t>{9});
}

TEST_F(ClientCommands, SyncLastPageCarriesUnreadCountsWhenAsked) {
  import({"alice", "bob", "carol"});
  send_many("carol", "alice", 2, kNow);
  ASSERT_EQ(read("alice", "carol", std::nullopt).code, ErrorCode::ok);
  send_many("bob", "alice", 22, kNow + 10);
  const SyncOptions options{.unread_counts = true};
  const auto first = sync_page(deps, as("alice"), "", options);
  EXPECT_TRUE(first.more);
  EXPECT_TRUE(first.unread.empty()) << "only the last page carries them";
  const auto last = sync_page(deps, as("alice"), first.next_cookie, options);
  ASSERT_FALSE(last.more);
  ASSERT_EQ(last.unread.size(), 1u) << "carol's conversation is read";
  EXPECT_EQ(last.unread[0].peer, "bob");
  EXPECT_EQ(last.unread[0].unread, 22);
  EXPECT_EQ(last.unread[0].last_msg_time, kNow + 10 + 21);
  EXPECT_TRUE(sync_page(deps, as("alice"), last.next_cookie, {}).unread.empty()) << "not asked";
}

TEST_F(ClientCommands, SyncCarriesSendersWhenAsked) {
  ASSERT_EQ(call("im_open_login_svc/account_import", json::object{{"UserID", "bob"}, {"Nick", "Bob B"}}).code,
            0);
  import({"alice"});
  send_many("bob", "alice", 2);
  const auto page = sync_page(deps, as("alice"), "", {.senders = true});
  ASSERT_EQ(page.senders.size(), 1u);
  EXPECT_EQ(page.senders.at("bob").nick, "Bob B");
  EXPECT_TRUE(sync_page(deps, as("alice"), "", {}).senders.empty());
}

// ---- getroammsg history ----

TEST_F(ClientCommands, HistoryWithoutPeerIs90003) {
  const auto no_peer = history_page(deps, as("alice"), history_query_of(json::object{}), false);
  ASSERT_FALSE(no_peer.ok());
  EXPECT_EQ(no_peer.error->code, ErrorCode::openim_bad_to_account);
  EXPECT_EQ(core::to_int(ErrorCode::openim_bad_to_account), 90003);
  EXPECT_FALSE(history_query_of(json::object{{"Peer_Account", ""}}));
  EXPECT_FALSE(history_query_of(json::object{{"Peer_Account", 7}}));
}

TEST_F(ClientCommands, HistoryPagesBackwardsWithCursorsUntilComplete) {
  import({"alice", "bob"});
  for (int i = 1; i <= 25; ++i) {  // both ways, one a second
    clock.set_now(kNow + i, true);
    ASSERT_EQ(C2cHandlers::send(i % 2 ? "alice" : "bob", i % 2 ? "bob" : "alice", i, 500 + i).code, 0);
  }
  const auto query = [&](std::int64_t last_msg_time, const std::string& msg_key) {
    return history_page(
        deps, as("alice"),
        history_query_of(json::object{
            {"Peer_Account", "bob"}, {"MaxCnt", 10}, {"LastMsgTime", last_msg_time}, {"MsgKey", msg_key}}),
        false);
  };
  const auto newest = query(0, "");
  ASSERT_TRUE(newest.ok());
  EXPECT_EQ(seqs(newest.value.messages), range(16, 25)) << "the newest page, oldest first";
  EXPECT_FALSE(newest.value.complete);
  EXPECT_EQ(newest.value.last_msg_time, kNow + 16);
  EXPECT_EQ(newest.value.msg_key, newest.value.messages.front().msg_key());

  const auto older = query(newest.value.last_msg_time, newest.value.msg_key);
  EXPECT_EQ(seqs(older.value.messages), range(6, 15));
  EXPECT_FALSE(older.value.complete);

  const auto oldest = query(older.value.last_msg_time, older.value.msg_key);
  EXPECT_EQ(seqs(oldest.value.messages), range(1, 5));
  EXPECT_TRUE(oldest.value.complete);

  const auto past_the_start = query(oldest.value.last_msg_time, oldest.value.msg_key);
  EXPECT_TRUE(past_the_start.value.messages.empty());
  EXPECT_TRUE(past_the_start.value.complete);
}

TEST_F(ClientCommands, HistoryCursorSeparatesMessagesOfTheSameSecond) {
  import({"alice", "bob"});
  for (int i = 1; i <= 7; ++i)
    ASSERT_EQ(C2cHandlers::send("bob", "alice", i, 900 + i).code, 0);  // all at kNow
  std::vector<std::int64_t> seen;
  HistoryQuery query{.peer = "bob", .max_count = 3};
  std::string key;
  for (int pages = 0; pages < 5; ++pages) {
    const auto page = history_page(deps, as("alice"), query, false);
    ASSERT_TRUE(page.ok());
    const auto page_seqs = seqs(page.value.messages);
    seen.insert(seen.begin(), page_seqs.begin(), page_seqs.end());
    if (page.value.complete) break;
    key = page.value.msg_key;
    query.last_msg_time = page.value.last_msg_time;
    query.msg_key = key;
  }
  EXPECT_EQ(seen, range(1, 7));
}

TEST_F(ClientCommands, HistoryPageIsClampedToTwenty) {
  import({"alice", "bob"});
  send_many("bob", "alice", 30);
  const json::object body{{"Peer_Account", "bob"}, {"MaxCnt", 100}};  // the query borrows its strings
  const auto asked_100 = history_query_of(body);
  ASSERT_TRUE(asked_100);
  EXPECT_EQ(asked_100->max_count, kMaxHistoryPage);
  const auto page = history_page(deps, as("alice"), asked_100, false);
  EXPECT_EQ(static_cast<std::int64_t>(page.value.messages.size()), kMaxHistoryPage);
  EXPECT_FALSE(page.value.complete);
  // A query built without history_query_of is clamped too.
  const auto direct = history_page(deps, as("alice"), HistoryQuery{.peer = "bob", .max_count = 1000}, false);
  EXPECT_EQ(static_cast<std::int64_t>(direct.value.messages.size()), kMaxHistoryPage);
  // Nothing (or nonsense) asked: the default page.
  const auto unasked =
      history_page(deps, as("alice"), history_query_of(json::object{{"Peer_Account", "bob"}}), false);
  EXPECT_EQ(static_cast<std::int64_t>(unasked.value.messages.size()), kDefaultHistoryPage);
  const auto zero = history_page(
      deps, as("alice"), history_query_of(json::object{{"Peer_Account", "bob"}, {"MaxCnt", 0}}), false);
  EXPECT_EQ(static_cast<std::int64_t>(zero.value.messages.size()), kDefaultHistoryPage);
}

TEST_F(ClientCommands, ShortHistoryPageIsComplete) {
  import({"alice", "bob"});
  send_many("bob", "alice", 3);
  const auto page = history_page(deps, as("alice"), HistoryQuery{.peer = "bob", .max_count = 10}, false);
  EXPECT_EQ(seqs(page.value.messages), range(1, 3));
  EXPECT_TRUE(page.value.complete);
  const auto fields = history_reply(page.value, {"1", "2", R"({"x":3})"}).wire_fields();
  EXPECT_EQ(fields.at("MsgList"), (json::array{1, 2, json::object{{"x", 3}}}));
  EXPECT_EQ(fields.at("Complete").to_number<int>(), 1);
  EXPECT_EQ(fields.at("MaxCnt").to_number<int>(), 3);
  EXPECT_EQ(fields.at("LastMsgTime").to_number<std::int64_t>(), kNow);
  EXPECT_EQ(fields.at("MsgKey").as_string(), "1_1001_1700000000");
}

// Two messages may share one MsgKey (one each way). store::MessageRepository::roam_page resumes strictly after
// a MsgKey, so a page must not end between them, or the second one is never shown (found by this test).
TEST_F(ClientCommands, HistoryPageDoesNotSkipTheTwinOfAMessageSharingItsMsgKey) {
  import({"alice", "bob"});
  ASSERT_EQ(C2cHandlers::send("alice", "bob", 1, 1).code, 0);  // older
  clock.set_now(kNow + 1, true);
  ASSERT_EQ(C2cHandlers::send("alice", "bob", 5, 7).code, 0);  // the twins: 5_7_<kNow+1> each way
  ASSERT_EQ(C2cHandlers::send("bob", "alice", 5, 7).code, 0);
  std::vector<std::string> seen;
  HistoryQuery query{.peer = "bob", .max_count = 1};
  std::string key;
  for (int pages = 0; pages < 5; ++pages) {
    const auto page = history_page(deps, as("alice"), query, false);
    ASSERT_TRUE(page.ok());
    for (const auto& m : page.value.messages) seen.push_back(m.from_account + ":" + m.msg_key());
    if (page.value.complete) break;
    key = page.value.msg_key;
    query.last_msg_time = page.value.last_msg_time;
    query.msg_key = key;
  }
  EXPECT_EQ(
      std::multiset<std::string>(seen.begin(), seen.end()),
      (std::multiset<std::string>{"alice:1_1_1700000000", "alice:5_7_1700000001", "bob:5_7_1700000001"}));
}

// ---- read marks ----

TEST_F(ClientCommands, MarkReadStopsAtLastedMsgTime) {
  import({"alice", "bob"});
  send_many("bob", "alice", 3);  // at kNow, kNow+1, kNow+2
  ASSERT_EQ(read("alice", "bob", kNow + 1).code, ErrorCode::ok);
  EXPECT_EQ(unread("alice", "bob"), 1) << "the message after LastedMsgTime stays unread";
  EXPECT_EQ(seqs(sync_page(deps, as("alice"), "", {}).messages), std::vector<std::int64_t>{3});
  const json::array peers{"alice", 7};
  EXPECT_EQ(peer_read_times(deps, as("bob"), peers), (std::vector<std::int64_t>{kNow + 1, 0}));
}

TEST_F(ClientCommands, MarkReadWithoutTimeReadsUpToNow) {
  import({"alice", "bob"});
  send_many("bob", "alice", 3);
  ASSERT_EQ(read("alice", "bob", std::nullopt).code, ErrorCode::ok);
  EXPECT_EQ(unread("alice", "bob"), 0);
}

TEST_F(ClientCommands, MarkReadLeavesOtherPeersUnread) {
  import({"alice", "bob", "carol"});
  send_many("bob", "alice", 2);
  send_many("carol", "alice", 2, kNow + 10);
  ASSERT_EQ(read("alice", "bob", std::nullopt).code, ErrorCode::ok);
  EXPECT_EQ(unread("alice", "bob"), 0);
  EXPECT_EQ(unread("alice", "carol"), 2);
}

TEST_F(ClientCommands, MarkReadWithoutC2CMsgReadedIs90001) {
  EXPECT_EQ(mark_read(deps, as("alice"), json::object{}).code, ErrorCode::openim_json_parse_error);
}

// ---- send ----

TEST_F(ClientCommands, ResentSendGetsTheFirstAnswerAndStoresNoSecondMessage) {
  import({"alice", "bob"});
  const auto first = client::send(deps, as("alice"), text_body("bob", 77, 88), {.reuse_resent = true});
  ASSERT_EQ(first.code, ErrorCode::ok) << first.error_info;
  EXPECT_EQ(first.fields.at("MsgTime").to_number<std::int64_t>(), kNow);
  EXPECT_EQ(first.fields.at("MsgSeq").to_number<std::int64_t>(), 77);
  clock.set_now(kNow + 5, true);
  const auto again =
      client::send(deps, as("alice", "a2-after-reconnect"), text_body("bob", 77, 88), {.reuse_resent = true});
  ASSERT_EQ(again.code, ErrorCode::ok) << again.error_info;
  EXPECT_EQ(again.fields.at("MsgTime").to_number<std::int64_t>(), kNow);
  EXPECT_EQ(again.fields.at("MsgKey"), first.fields.at("MsgKey"));
  EXPECT_EQ(again.fields.at("MsgSeq").to_number<std::int64_t>(), 77);
  EXPECT_EQ(roam("bob", "alice").size(), 1u);
  EXPECT_EQ(unread("bob", "alice"), 1);
  EXPECT_EQ(listener.messages.size(), 1u) << "the re-send is not pushed again";
}

TEST_F(ClientCommands, SendWithAnotherMsgRandomIsANewMessage) {
  import({"alice", "bob"});
  ASSERT_EQ(client::send(deps, as("alice"), text_body("bob", 77, 88), {.reuse_resent = true}).code,
            ErrorCode::ok);
  ASSERT_EQ(client::send(deps, as("alice"), text_body("bob", 77, 89), {.reuse_resent = true}).code,
            ErrorCode::ok);
  EXPECT_EQ(roam("bob", "alice").size(), 2u);
}

TEST_F(ClientCommands, SendWithoutReuseResentStoresEveryRequest) {
  import({"alice", "bob"});
  ASSERT_EQ(client::send(deps, as("alice"), text_body("bob", 77, 88), {}).code, ErrorCode::ok);
  clock.set_now(kNow + 1, true);
  ASSERT_EQ(client::send(deps, as("alice"), text_body("bob", 77, 88), {}).code, ErrorCode::ok);
  EXPECT_EQ(roam("bob", "alice").size(), 2u);
}

TEST_F(ClientCommands, SendActsForTheCallerWhateverFromAccountSays) {
  import({"alice", "bob", "carol"});
  auto body = text_body("bob", 1, 2);
  body["From_Account"] = "carol";
  ASSERT_EQ(client::send(deps, as("alice"), body, {}).code, ErrorCode::ok);
  const auto list = roam("bob", "alice");
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].at("From_Account").as_string(), "alice");
  EXPECT_TRUE(roam("bob", "carol").empty());
}

// ---- recall ----

TEST_F(ClientCommands, RecallWithinTheWindowFlagsTheMessage) {
  import({"alice", "bob"});
  ASSERT_EQ(client::send(deps, as("alice"), text_body("bob", 3, 4), {}).code, ErrorCode::ok);
  clock.set_now(kNow + kRecallWindowSeconds, true);
  const RecallKey key{"bob", 3, 4, kNow};
  ASSERT_EQ(recall(deps, as("alice"), key).code, ErrorCode::ok);
  EXPECT_EQ(roam("bob", "alice").at(0).at("MsgFlagBits").as_int64(), 8);
  EXPECT_EQ(unread("bob", "alice"), 0);
  EXPECT_EQ(recall(deps, as("alice"), key).code, ErrorCode::msg_already_recalled);
}

TEST_F(ClientCommands, RecallPastTwoMinutesIs20016) {
  import({"alice", "bob"});
  ASSERT_EQ(client::send(deps, as("alice"), text_body("bob", 3, 4), {}).code, ErrorCode::ok);
  clock.set_now(kNow + kRecallWindowSeconds + 1, true);
  const auto late = recall(deps, as("alice"), {"bob", 3, 4, kNow});
  EXPECT_EQ(late.code, ErrorCode::msg_recall_too_late);
  EXPECT_EQ(core::to_int(ErrorCode::msg_recall_too_late), 20016);
  EXPECT_EQ(roam("bob", "alice").at(0).at("MsgFlagBits").as_int64(), 0) << "not recalled";
}

TEST_F(ClientCommands, RecallOfAMessageTheCallerDidNotSendFails) {
  import({"alice", "bob"});
  ASSERT_EQ(client::send(deps, as("bob"), text_body("alice", 3, 4), {}).code, ErrorCode::ok);
  EXPECT_NE(recall(deps, as("alice"), {"bob", 3, 4, kNow}).code, ErrorCode::ok);
  EXPECT_EQ(roam("alice", "bob").at(0).at("MsgFlagBits").as_int64(), 0);
}

// ---- conversations and profiles ----

TEST_F(ClientCommands, RecentConversationsNewestFirstWithUnread) {
  ASSERT_EQ(
      call("im_open_login_svc/account_import", json::object{{"UserID", "carol"}, {"Nick", "Carol C"}}).code,
      0);
  import({"alice", "bob", "dave"});
  send_many("bob", "alice", 2, kNow);
  send_many("carol", "alice", 1, kNow + 10);
  send_many("alice", "dave", 1, kNow + 20);
  const auto views = recent_conversations(deps, as("alice"), kMaxRecentContacts);
  ASSERT_EQ(views.size(), 3u);
  EXPECT_EQ(views[0].target, "dave");
  EXPECT_EQ(views[0].unread, 0);
  EXPECT_EQ(views[1].target, "carol");
  EXPECT_EQ(views[1].unread, 1);
  EXPECT_EQ(views[1].nick, "Carol C");
  EXPECT_TRUE(views[1].peer_is_account);
  EXPECT_EQ(views[2].target, "bob");
  EXPECT_EQ(views[2].unread, 2);
  for (const auto& v : views) {
    EXPECT_EQ(v.type, 1);
    ASSERT_TRUE(v.last);
  }
  EXPECT_EQ(views[0].last->to_account, "dave");
  EXPECT_EQ(views[2].last->msg_time, kNow + 1);

  EXPECT_EQ(recent_conversations(deps, as("alice"), 2).size(), 2u);
  EXPECT_EQ(recent_conversations(deps, as("alice"), 0).size(), 1u) << "at least one";
}

TEST_F(ClientCommands, ProfilesFoundInTheOrderAskedAndInvalidOnes) {
  ASSERT_EQ(call("im_open_login_svc/account_import",
                 json::object{{"UserID", "bob"}, {"Nick", "Bob B"}, {"FaceUrl", "http://x/b.png"}})
                .code,
            0);
  import({"alice"});
  const std::array<std::string_view, 3> asked{"bob", "ghost", "alice"};
  const auto result = profiles(deps, *app, asked);
  ASSERT_EQ(result.found.size(), 2u);
  EXPECT_EQ(result.found[0].user_id, "bob");
  EXPECT_EQ(result.found[0].nick, "Bob B");
  EXPECT_EQ(result.found[0].face_url, "http://x/b.png");
  EXPECT_EQ(result.found[1].user_id, "alice");
  EXPECT_EQ(result.invalid, std::vector<std::string>{"ghost"});
}

}  // namespace
}  // namespace timock::client
