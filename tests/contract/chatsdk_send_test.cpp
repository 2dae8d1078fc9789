// Sending and receiving on the Chat SDK socket (reference/modern-sdk-protocol.md §3.2, §6.5–6.8): sendmsg
// stores once however often the SDK re-sends it, the receiver's sockets get im_open_push.msg_push, the
// sender's other sockets get a sync copy, the sending socket gets nothing, and the push ack is
// fire-and-forget.
#include <gtest/gtest.h>

#include "chatsdk_fixture.hpp"

namespace timock::testing::chatsdk {
namespace {

constexpr auto kPush = "im_open_push.msg_push";

// The single C2C message item of a msg_push.
json::object pushed_item(const ChatFrame& push) {
  const auto& events = push.body.at("EventArray").as_array();
  EXPECT_EQ(events.size(), 1u) << json::serialize(push.body);
  const auto& items = events.at(0).at("C2cMsgArray").as_array();
  EXPECT_EQ(items.size(), 1u) << json::serialize(push.body);
  return items.at(0).as_object();
}

std::vector<ChatFrame> pushes_in(std::vector<ChatFrame> frames) {
  std::erase_if(frames, [](const ChatFrame& f) { return f.servcmd != kPush; });
  return frames;
}

using ChatSdkSend = ChatSdkTest;

TEST_F(ChatSdkSend, SendMsgStoresTheMessageAndAnswersItsMsgTime) {
  const auto now = server_now();
  freeze_clock(now);
  auto alice = logged_in("alice");
  const auto reply =
      alice->call("openim.sendmsg", sendmsg_body("alice", "bob", "hi bob", 1001, 2270256370LL, now - 2));
  ASSERT_EQ(code_of(reply), 0) << json::serialize(reply);
  EXPECT_EQ(reply.at("MsgTime").to_number<std::int64_t>(), now);
  EXPECT_EQ(reply.at("MsgSeq").to_number<std::int64_t>(), 1001);
  const auto history = roam("bob", "alice");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(first_text(history.at(0)), "hi bob");
  EXPECT_EQ(history.at(0).at("From_Account").as_string(), "alice");
  EXPECT_EQ(history.at(0).at("MsgRandom").to_number<std::int64_t>(), 2270256370LL);
}

TEST_F(ChatSdkSend, ResentSendMsgDoesNotStoreASecondMessageAndAnswersTheFirstMsgTime) {
  const auto now = server_now();
  freeze_clock(now);
  auto alice = logged_in("alice");
  const auto body = sendmsg_body("alice", "bob", "once", 77, 123456789, now);
  const auto seq = alice->send("openim.sendmsg", {}, body);
  const auto first = alice->wait_reply("openim.sendmsg", seq);
  ASSERT_EQ(code_of(first), 0) << json::serialize(first);
  freeze_clock(now + 7);
  // The same frame again (same seq), on the same socket.
  const auto again = alice->wait_reply("openim.sendmsg", alice->send("openim.sendmsg", {{"seq", seq}}, body));
  ASSERT_EQ(code_of(again), 0) << json::serialize(again);
  EXPECT_EQ(again.at("MsgTime").to_number<std::int64_t>(), now);
  // And after a reconnect: a new socket, re-login with the A2Key, the pending request re-sent (§3.2, run J).
  const auto a2 = alice->a2();
  const auto tinyid = alice->tinyid();
  alice.reset();
  auto reconnected = socket();
  ASSERT_EQ(code_of(reconnected->relogin(a2, tinyid)), 0);
  const auto resent =
      reconnected->wait_reply("openim.sendmsg", reconnected->send("openim.sendmsg", {{"seq", seq}}, body));
  ASSERT_EQ(code_of(resent), 0) << json::serialize(resent);
  EXPECT_EQ(resent.at("MsgTime").to_number<std::int64_t>(), now);
  EXPECT_EQ(resent.at("MsgSeq").to_number<std::int64_t>(), 77);
  EXPECT_EQ(roam("alice", "bob").size(), 1u) << "one message, however often it was sent";
}

TEST_F(ChatSdkSend, SameSeqWithAnotherRandomIsANewMessage) {
  auto alice = logged_in("alice");
  ASSERT_EQ(code_of(alice->call("openim.sendmsg", sendmsg_body("alice", "bob", "a", 5, 1, 0))), 0);
  ASSERT_EQ(code_of(alice->call("openim.sendmsg", sendmsg_body("alice", "bob", "b", 5, 2, 0))), 0);
  EXPECT_EQ(roam("alice", "bob").size(), 2u);
}

TEST_F(ChatSdkSend, ReceiverGetsAMsgPushWithNeedAckSessionDataAndTheMessage) {
  auto alice = logged_in("alice");
  auto bob = logged_in("bob");
  const auto reply =
      alice->call("openim.sendmsg", sendmsg_body("alice", "bob", "hi bob", 1003, 2270256370LL, 1700000123));
  ASSERT_EQ(code_of(reply), 0) << json::serialize(reply);
  const auto push = bob->wait_push(kPush);
  ASSERT_TRUE(push) << "bob's socket got no msg_push";
  EXPECT_TRUE(push->binary);
  EXPECT_EQ(push->body.at("NeedAck").as_int64(), 1);
  ASSERT_TRUE(push->body.at("SessionData").is_string());
  EXPECT_FALSE(push->body.at("SessionData").as_string().empty());
  const auto item = pushed_item(*push);
  EXPECT_EQ(item.at("From_Account").as_string(), "alice");
  EXPECT_EQ(item.at("To_Account").as_string(), "bob");
  EXPECT_EQ(item.at("MsgSeq").to_number<std::int64_t>(), 1003);
  EXPECT_EQ(item.at("MsgRandom").to_number<std::int64_t>(), 2270256370LL);
  // §6.4: the receiver builds the message ID from these three; they must match the sender's.
  EXPECT_EQ(item.at("MsgClientTime").to_number<std::int64_t>(), 1700000123);
  EXPECT_EQ(item.at("TinyId").as_string(), alice->tinyid());
  EXPECT_EQ(item.at("MsgTimeStamp").to_number<std::int64_t>(), reply.at("MsgTime").to_number<std::int64_t>());
  EXPECT_EQ(first_text(item), "hi bob");
  EXPECT_FALSE(item.contains("IsSyncMsg"));
}

TEST_F(ChatSdkSend, PushAckGetsNoReplyAndTheSocketGoesOn) {
  auto alice = logged_in("alice");
  auto bob = logged_in("bob");
  ASSERT_EQ(code_of(alice->call("openim.sendmsg", sendmsg_body("alice", "bob", "ack me", 1, 1, 0))), 0);
  const auto push = bob->wait_push(kPush);
  ASSERT_TRUE(push);
  const auto seq = bob->send("openim.ws_msg_push_ack", {}, {{"SessionData", push->body.at("SessionData")}});
  // §3.2: the only fire-and-forget command.
  EXPECT_FALSE(bob->wait_reply_frame("openim.ws_msg_push_ack", seq, 300ms, true));
  EXPECT_EQ(code_of(bob->call("heartbeat.alive")), 0);
}

TEST_F(ChatSdkSend, SendersOtherSocketGetsASyncCopyAndTheSendingSocketNothing) {
  auto phone = logged_in("alice");
  auto laptop = logged_in("alice");
  auto bob = logged_in("bob");
  const auto reply =
      phone->call("openim.sendmsg", sendmsg_body("alice", "bob", "from my phone", 9, 99, 1700000999));
  ASSERT_EQ(code_of(reply), 0) << json::serialize(reply);
  ASSERT_TRUE(bob->wait_push(kPush));
  const auto copy = laptop->wait_push(kPush);
  ASSERT_TRUE(copy) << "the sender's other socket got no sync copy";
  const auto item = pushed_item(*copy);
  // §6.6: IsSyncMsg 1, and From/To as the client expects to swap them back.
  EXPECT_EQ(item.at("IsSyncMsg").as_int64(), 1);
  EXPECT_EQ(item.at("From_Account").as_string(), "bob");
  EXPECT_EQ(item.at("To_Account").as_string(), "alice");
  EXPECT_EQ(item.at("TinyId").as_string(), phone->tinyid()) << "still the sender's TinyId";
  EXPECT_EQ(item.at("MsgClientTime").to_number<std::int64_t>(), 1700000999);
  EXPECT_EQ(first_text(item), "from my phone");
  EXPECT_TRUE(pushes_in(phone->drain(300ms)).empty())
      << "the sending socket learns of its message from the reply";
}

TEST_F(ChatSdkSend, EverySocketOfTheReceiverGetsThePushAndTextSocketsGetTextFrames) {
  auto alice = logged_in("alice");
  auto bob_binary = logged_in("bob", true);
  auto bob_text = logged_in("bob", false);
  ASSERT_EQ(code_of(alice->call("openim.sendmsg", sendmsg_body("alice", "bob", "to both", 3, 3, 0))), 0);
  const auto on_binary = bob_binary->wait_push(kPush);
  const auto on_text = bob_text->wait_push(kPush);
  ASSERT_TRUE(on_binary);
  ASSERT_TRUE(on_text);
  EXPECT_TRUE(on_binary->binary);
  EXPECT_FALSE(on_text->binary);
  EXPECT_EQ(first_text(pushed_item(*on_text)), "to both");
}

TEST_F(ChatSdkSend, MessageSentWhileAwayComesByGetMsgAndLaterOnesArePushedToTheNewSocket) {
  auto alice = logged_in("alice");
  std::string a2, tinyid;
  {
    auto bob = logged_in("bob");
    a2 = bob->a2();
    tinyid = bob->tinyid();
  }  // bob's socket closes
  ASSERT_EQ(code_of(alice->call("openim.sendmsg", sendmsg_body("alice", "bob", "while away", 1, 1, 0))), 0);
  auto bob = socket();
  ASSERT_EQ(code_of(bob->relogin(a2, tinyid)), 0);
  const auto sync = bob->call("openim.getmsg", {{"Cookie", ""}, {"SyncFlag", 0}});
  ASSERT_EQ(code_of(sync), 0) << json::serialize(sync);
  ASSERT_EQ(sync.at("MsgList").as_array().size(), 1u) << json::serialize(sync);
  EXPECT_EQ(first_text(sync.at("MsgList").at(0)), "while away");
  ASSERT_EQ(code_of(alice->call("openim.sendmsg", sendmsg_body("alice", "bob", "now live", 2, 2, 0))), 0);
  const auto push = bob->wait_push(kPush);
  ASSERT_TRUE(push);
  EXPECT_EQ(first_text(pushed_item(*push)), "now live");
}

TEST_F(ChatSdkSend, ReloginOnANewSocketMovesThePushesThere) {
  auto old_socket = logged_in("bob");
  auto new_socket = socket();
  ASSERT_EQ(code_of(new_socket->relogin(old_socket->a2(), old_socket->tinyid())), 0);
  ASSERT_EQ(code_of(rest_send("alice", "bob", "where are you", 1)), 0);
  ASSERT_TRUE(new_socket->wait_push(kPush, 2s));
  EXPECT_TRUE(pushes_in(old_socket->drain(200ms)).empty()) << "a login is attached to one socket at a time";
}

TEST_F(ChatSdkSend, LoggedOutSocketGetsNoPushes) {
  auto bob = logged_in("bob");
  ASSERT_EQ(code_of(bob->call("im_open_status.wslogout", {{"wslogout_type", 0}})), 0);
  ASSERT_EQ(code_of(rest_send("alice", "bob", "gone", 1)), 0);
  EXPECT_TRUE(pushes_in(bob->drain(200ms)).empty());
}

TEST_F(ChatSdkSend, SendToAnUnknownAccountFailsAndPushesNothing) {
  auto alice = logged_in("alice");
  const auto reply = alice->call("openim.sendmsg", sendmsg_body("alice", "nobody", "lost", 1, 1, 0));
  EXPECT_NE(code_of(reply), 0) << json::serialize(reply);
  EXPECT_EQ(reply.at("ActionStatus").as_string(), "FAIL");
}

TEST_F(ChatSdkSend, SendMsgAlwaysSendsAsTheLoggedInUser) {
  auto alice = logged_in("alice");
  // A From_Account naming someone else does not make the message theirs.
  ASSERT_EQ(code_of(alice->call("openim.sendmsg", sendmsg_body("carol", "bob", "who am I", 1, 1, 0))), 0);
  const auto history = roam("bob", "alice");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history.at(0).at("From_Account").as_string(), "alice");
  EXPECT_TRUE(roam("bob", "carol").empty());
}

TEST_F(ChatSdkSend, MarkContactAnswersOneResultPerItem) {
  auto alice = logged_in("alice");
  ASSERT_EQ(code_of(alice->call("openim.sendmsg", sendmsg_body("alice", "bob", "hi", 1, 1, 0))), 0);
  // §6.8: STAR is mark bit 0.
  const auto reply = alice->call(
      "recentcontact.mark_contact",
      {{"From_Account", "alice"},
       {"MarkItem",
        json::array{json::object{{"OptType", 1},
                                 {"ContactItem", json::object{{"Type", 1}, {"To_Account", "bob"}}},
                                 {"SetMark", json::array{0}}}}}});
  ASSERT_EQ(code_of(reply), 0) << json::serialize(reply);
  const auto& results = reply.at("ResultItem").as_array();
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results.at(0).at("ContactItem").at("To_Account").as_string(), "bob");
  EXPECT_EQ(results.at(0).at("ResultCode").as_int64(), 0);
}

}  // namespace
}  // namespace timock::testing::chatsdk
