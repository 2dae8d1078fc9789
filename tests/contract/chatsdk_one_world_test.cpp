// One world (reference/modern-sdk-protocol.md §7.5): the Chat SDK socket, the REST API and the WebIM 1.7
// client share one store and one push fan-out. What one surface sends, the others receive, list and count.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "chatsdk_fixture.hpp"
#include "webim_client.hpp"

namespace timock::testing::chatsdk {
namespace {

constexpr auto kPush = "im_open_push.msg_push";
// A short long-poll hold: a parked WebIM poll outlives a few calls, an idle one does not slow the test.
constexpr auto kHoldSeconds = "2";

json::object pushed_item(const ChatFrame& push) {
  return push.body.at("EventArray").at(0).at("C2cMsgArray").at(0).as_object();
}

class ChatSdkOneWorld : public ChatSdkTest {
 protected:
  ChatSdkOneWorld() : ChatSdkTest({"--longpoll-hold", kHoldSeconds}) {}

  std::unique_ptr<WebImClient> webim(const std::string& user) {
    auto client = std::make_unique<WebImClient>(server, app.sdkappid, user, sig(user));
    client->login_and_connect();
    const auto first = client->poll();  // a new LongPollingId's first poll answers at once
    EXPECT_EQ(first.code(), 60008) << json::serialize(first.reply);
    return client;
  }
  // Until `user` has `count` long polls parked (the gateway journals a poll when it parks).
  void wait_parked(const std::string& user, std::size_t count) const {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < deadline) {
      std::size_t parked = 0;
      for (const auto& entry : journal("command=longpolling&identifier=" + user))
        if (entry.at("reply").is_string() && entry.at("reply").as_string() == "(parked long poll)") ++parked;
      if (parked >= count) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    FAIL() << user << " has no parked poll";
  }
  std::int64_t rest_unread(const std::string& user) const {
    const auto reply = rest_call("openim/get_c2c_unread_msg_num", json::object{{"To_Account", user}});
    EXPECT_EQ(code_of(reply), 0) << json::serialize(reply);
    return reply.at("AllC2CUnreadMsgNum").as_int64();
  }
};

TEST_F(ChatSdkOneWorld, RestSendMsgReachesTheReceiversSocketAsAPush) {
  auto alice = logged_in("alice");
  auto bob = logged_in("bob");
  const auto sent = rest_send("alice", "bob", "from REST", 11, 4242);
  ASSERT_EQ(code_of(sent), 0) << json::serialize(sent);
  const auto push = bob->wait_push(kPush, 2s);
  ASSERT_TRUE(push) << "a REST send must push to the receiver's sockets";
  const auto item = pushed_item(*push);
  EXPECT_EQ(item.at("From_Account").as_string(), "alice");
  EXPECT_EQ(first_text(item), "from REST");
  EXPECT_EQ(item.at("MsgRandom").to_number<std::int64_t>(), 4242);
  EXPECT_EQ(item.at("TinyId").as_string(), alice->tinyid());
  EXPECT_EQ(item.at("MsgTimeStamp").to_number<std::int64_t>(), sent.at("MsgTime").to_number<std::int64_t>());
  // A REST send has no client time: its MsgTime stands in, so the SDK's message ID is well formed.
  EXPECT_EQ(item.at("MsgClientTime").to_number<std::int64_t>(), sent.at("MsgTime").to_number<std::int64_t>());
  // The REST sender's own sockets get a copy only with SyncOtherMachine 1 (rest-api.md §3.3).
  EXPECT_FALSE(alice->wait_push(kPush, 200ms));
}

TEST_F(ChatSdkOneWorld, RestSendWithSyncOtherMachineCopiesToTheSendersSockets) {
  auto alice = logged_in("alice");
  const auto sent = rest_call("openim/sendmsg", json::object{{"SyncOtherMachine", 1},
                                                             {"From_Account", "alice"},
                                                             {"To_Account", "bob"},
                                                             {"MsgRandom", 5},
                                                             {"MsgBody", json::array{text_elem("synced")}}});
  ASSERT_EQ(code_of(sent), 0) << json::serialize(sent);
  const auto copy = alice->wait_push(kPush, 2s);
  ASSERT_TRUE(copy);
  EXPECT_EQ(pushed_item(*copy).at("IsSyncMsg").as_int64(), 1);
  EXPECT_EQ(first_text(pushed_item(*copy)), "synced");
}

TEST_F(ChatSdkOneWorld, WebImClientSendReachesTheSdkSocket) {
  auto bob = logged_in("bob");
  auto alice = webim("alice");
  const auto sent = alice->send_text("bob", "from WebIM");
  ASSERT_TRUE(sent.ok()) << json::serialize(sent.reply);
  const auto push = bob->wait_push(kPush, 2s);
  ASSERT_TRUE(push);
  const auto item = pushed_item(*push);
  EXPECT_EQ(item.at("From_Account").as_string(), "alice");
  EXPECT_EQ(first_text(item), "from WebIM");
  EXPECT_EQ(item.at("MsgSeq").to_number<std::int64_t>(), sent.msg_seq());
  EXPECT_EQ(item.at("MsgRandom").to_number<std::int64_t>(), sent.msg_random());
}

TEST_F(ChatSdkOneWorld, SdkSendReachesAParkedWebImLongPoll) {
  auto bob = webim("bob");
  auto poll = bob->start_poll();
  wait_parked("bob", 1);  // the first poll answered at once; this one parks
  auto alice = logged_in("alice");
  const auto sent =
      alice->call("openim.sendmsg", sendmsg_body("alice", "bob", "from the SDK", 31, 32, 1700000000));
  ASSERT_EQ(code_of(sent), 0) << json::serialize(sent);
  ASSERT_EQ(poll.wait_for(std::chrono::seconds(1)), std::future_status::ready)
      << "the parked poll was not woken";
  const auto result = poll.get();
  const auto items = result.inline_messages();
  ASSERT_EQ(items.size(), 1u) << json::serialize(result.reply);
  EXPECT_EQ(items.at(0).at("From_Account").as_string(), "alice");
  EXPECT_EQ(text_of(items.at(0)), "from the SDK");
  EXPECT_EQ(items.at(0).at("MsgSeq").to_number<std::int64_t>(), 31);
}

TEST_F(ChatSdkOneWorld, SdkSendReachesTheSendersWebImInstanceToo) {
  auto webim_alice = webim("alice");
  auto poll = webim_alice->start_poll();
  wait_parked("alice", 1);
  auto alice = logged_in("alice");
  ASSERT_EQ(code_of(alice->call("openim.sendmsg", sendmsg_body("alice", "bob", "multi-device", 1, 1, 0))), 0);
  ASSERT_EQ(poll.wait_for(std::chrono::seconds(1)), std::future_status::ready)
      << "a client's own send syncs to its other instances";
  const auto items = poll.get().inline_messages();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(text_of(items.at(0)), "multi-device");
}

TEST_F(ChatSdkOneWorld, UnreadCountsOfGetMsgAndRestAgreeBeforeAndAfterMsgReaded) {
  const auto now = server_now();
  freeze_clock(now);
  for (int i = 1; i <= 3; ++i) ASSERT_EQ(code_of(rest_send("bob", "alice", "u" + std::to_string(i), i)), 0);
  auto alice = logged_in("alice");
  const auto sync = alice->call("openim.getmsg", {{"Cookie", ""}, {"SyncFlag", 0}});
  ASSERT_EQ(code_of(sync), 0);
  const auto& pairs = sync.at("C2CPairUnreadCount").as_array();
  ASSERT_EQ(pairs.size(), 1u) << json::serialize(sync);
  EXPECT_EQ(pairs.at(0).at("UnreadCount").as_int64(), 3);
  EXPECT_EQ(rest_unread("alice"), 3);

  const auto readed = alice->call(
      "openim.msgreaded",
      {{"C2CMsgReaded", json::object{{"Cookie", sync.at("Cookie")},
                                     {"C2CMsgReadedItem", json::array{json::object{{"To_Account", "bob"},
                                                                                   {"LastedMsgTime", now},
                                                                                   {"Receipt", 1}}}}}}});
  ASSERT_EQ(code_of(readed), 0) << json::serialize(readed);
  EXPECT_EQ(rest_unread("alice"), 0);
  auto again = logged_in("alice");
  const auto after = again->call("openim.getmsg", {{"Cookie", ""}, {"SyncFlag", 0}});
  EXPECT_TRUE(after.at("C2CPairUnreadCount").as_array().empty()) << json::serialize(after);
  EXPECT_TRUE(after.at("MsgList").as_array().empty());
}

TEST_F(ChatSdkOneWorld, MsgReadedWithoutItsObjectIsAnError) {
  auto alice = logged_in("alice");
  EXPECT_NE(code_of(alice->call("openim.msgreaded", {{"Cookie", ""}})), 0);
}

TEST_F(ChatSdkOneWorld, RestQueryOnlineStatusSeesAnSdkSocketUntilItCloses) {
  const auto status = [&] {
    const auto reply =
        rest_call("openim/query_online_status", json::object{{"To_Account", json::array{"alice"}}});
    return std::string(reply.at("QueryResult").at(0).at("Status").as_string());
  };
  EXPECT_EQ(status(), "Offline");
  {
    auto alice = logged_in("alice");
    EXPECT_EQ(status(), "Online");
  }
  // The close reaches the server a moment after the client's destructor returns.
  for (int i = 0; i < 100 && status() != "Offline"; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_EQ(status(), "Offline");
}

TEST_F(ChatSdkOneWorld, AGroupBetweenTheSdkAndWebImMembersCarriesBothWaysAndIntoHistoryAndUnread) {
  auto alice = logged_in("alice");
  auto alice_web = webim("alice");
  auto bob = webim("bob");
  const auto created = alice->call("group_open_http_svc.create_group",
                                   {{"Type", "Public"},
                                    {"Name", "Mixed"},
                                    {"MemberList", json::array{json::object{{"Member_Account", "bob"}}}}});
  ASSERT_EQ(code_of(created), 0) << json::serialize(created);
  const std::string id(created.at("GroupId").as_string());
  EXPECT_EQ(bob->poll().group_items(5).size(), 1u);        // invited (webim-groups.md §4.4)
  EXPECT_EQ(alice_web->poll().group_items(5).size(), 1u);  // created, on the creator's other instance
  // The SDK's message reaches the WebIM member and the sender's WebIM instance, with the SDK's Random.
  const auto sent = alice->call("group_open_http_svc.send_group_msg",
                                {{"GroupId", id}, {"Random", 9090}, {"MsgBody", json::array{text_elem("from the SDK")}}});
  ASSERT_EQ(code_of(sent), 0) << json::serialize(sent);
  for (auto* web : {bob.get(), alice_web.get()}) {
    const auto items = web->poll().group_items(3);
    ASSERT_EQ(items.size(), 1u) << web->identifier();
    EXPECT_EQ(items.at(0).at("ToGroupId").as_string(), id);
    EXPECT_EQ(items.at(0).at("MsgRandom").to_number<std::int64_t>(), 9090);
    EXPECT_EQ(text_of(items.at(0)), "from the SDK");
  }
  // The WebIM member's message reaches the SDK socket.
  alice->drain();
  const auto reply = bob->send_group_text(id, "from WebIM");
  ASSERT_TRUE(reply.ok()) << json::serialize(reply.reply);
  const auto push = alice->wait_push(kPush, 2s);
  ASSERT_TRUE(push);
  const auto& pushed = push->body.at("EventArray").at(0).at("GroupMsgArray").at(0);
  EXPECT_EQ(pushed.at("From_Account").as_string(), "bob");
  EXPECT_EQ(pushed.at("MsgSeq").to_number<int>(), 2);
  // Both are in the WebIM member's history, and the SDK's message counts as unread in its list.
  const auto history = bob->group("group_msg_get", {{"GroupId", id}, {"ReqMsgSeq", 2}, {"ReqMsgNumber", 10}});
  ASSERT_EQ(history.at("RspMsgList").as_array().size(), 2u) << json::serialize(history);
  EXPECT_EQ(text_of(history.at("RspMsgList").at(1)), "from the SDK");
  const auto list = bob->recent_contacts(10);
  ASSERT_EQ(list.at("SessionItem").as_array().size(), 1u) << json::serialize(list);
  EXPECT_EQ(list.at("SessionItem").at(0).at("ToAccount").as_string(), id);
  EXPECT_EQ(list.at("SessionItem").at(0).at("UnreadMsgCount").to_number<int>(), 1);
}

}  // namespace
}  // namespace timock::testing::chatsdk
