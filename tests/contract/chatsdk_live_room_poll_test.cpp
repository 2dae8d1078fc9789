// An AVChatRoom's long-poll mode on the Chat SDK socket (reference/modern-sdk-groups.md §0 item 10, §3.5,
// §5.4): with the app option chatsdk_avchatroom_delivery "long_poll" a live room's join answers a
// LongPollingKey, and the member then takes the room's traffic from group_open_long_polling_http_svc.get_msg
// polls ({USP, StartSeq, HoldTime, Key}, no GroupId), parked until news comes or the hold ends, never from
// pushes.
#include <gtest/gtest.h>

#include <chrono>

#include "chatsdk_fixture.hpp"

namespace timock::testing::chatsdk {
namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kPush = "im_open_push.msg_push";
constexpr auto kGetMsg = "group_open_long_polling_http_svc.get_msg";

json::object text_body(const std::string& group_id, const std::string& text, std::int64_t random) {
  return {{"GroupId", group_id},         {"Random", random},
          {"MsgPriority", "Normal"},     {"MsgBody", json::array{text_elem(text)}},
          {"MsgClientTime", 1796160611}, {"OnlineOnlyFlag", 0}};
}

// The body the SDK polls with (§5.4).
json::object poll_body(const std::string& key, std::int64_t start_seq) {
  return {{"USP", 1}, {"StartSeq", start_seq}, {"HoldTime", 90}, {"Key", key}, {"DownsizeFlag", 0}};
}

std::size_t pushes_left(ChatClient& client) {
  std::size_t n = 0;
  for (const auto& frame : client.drain()) n += frame.servcmd == kPush ? 1 : 0;
  return n;
}

std::vector<std::string> texts(const json::object& reply) {
  std::vector<std::string> out;
  for (const auto& item : reply.at("RspMsgList").as_array()) out.push_back(first_text(item));
  return out;
}

class ChatSdkLiveRoomPoll : public ChatSdkTest {
 protected:
  // A one-second hold, so an idle poll's empty answer comes quickly.
  ChatSdkLiveRoomPoll() : ChatSdkTest({"--longpoll-hold", "1"}) {}
  json::object app_options() const override { return {{"chatsdk_avchatroom_delivery", "long_poll"}}; }

  // alice creates a live room over her socket; returns its GroupId.
  std::string create_room(ChatClient& alice) {
    const auto reply = alice.call("group_open_http_svc.create_group",
                                  {{"Type", "AVChatRoom"}, {"Name", "live"}, {"Owner_Account", "alice"}});
    EXPECT_EQ(code_of(reply), 0) << json::serialize(reply);
    return reply.contains("GroupId") ? std::string(reply.at("GroupId").as_string()) : std::string();
  }
  // `client` joins the room; returns the LongPollingKey (fails the test without one).
  std::string join(ChatClient& client, const std::string& group_id) {
    const auto reply = client.call("group_open_http_svc.apply_join_group", {{"GroupId", group_id}});
    EXPECT_EQ(code_of(reply), 0) << json::serialize(reply);
    EXPECT_EQ(reply.at("HugeGroupFlag").to_number<int>(), 1);
    const auto* key = reply.if_contains("LongPollingKey");
    EXPECT_TRUE(key && key->is_string() && !key->get_string().empty()) << json::serialize(reply);
    return key && key->is_string() ? std::string(key->get_string()) : std::string();
  }
  json::object rest_send(const std::string& group_id, const std::string& text, std::int64_t random) {
    const auto reply = rest_call("group_open_http_svc/send_group_msg",
                                 json::object{{"GroupId", group_id},
                                              {"From_Account", "alice"},
                                              {"Random", random},
                                              {"MsgBody", json::array{text_elem(text)}}});
    EXPECT_EQ(code_of(reply), 0) << json::serialize(reply);
    return reply;
  }
  // One get_msg: sent, then its reply awaited for up to `wait`.
  json::object poll(ChatClient& client, const std::string& key, std::int64_t start_seq,
                    std::chrono::milliseconds wait = std::chrono::seconds(5)) {
    const auto seq = client.send(kGetMsg, {}, poll_body(key, start_seq));
    return client.wait_reply(kGetMsg, seq, wait);
  }
};

TEST_F(ChatSdkLiveRoomPoll, AJoinInLongPollModeAnswersALongPollingKeyAndTheRoomsMessagesComeByPollNotPush) {
  auto alice = logged_in("alice");
  const auto id = create_room(*alice);
  auto bob = logged_in("bob");
  const auto key = join(*bob, id);
  // The poll parks; a REST send completes it at once.
  const auto seq = bob->send(kGetMsg, {}, poll_body(key, 1));
  EXPECT_FALSE(bob->wait_reply_frame(kGetMsg, seq, std::chrono::milliseconds(300), true).has_value());
  rest_send(id, "from rest", 77);
  const auto reply = bob->wait_reply(kGetMsg, seq);
  ASSERT_EQ(code_of(reply), 0) << json::serialize(reply);
  EXPECT_EQ(reply.at("Key").as_string(), key);
  EXPECT_EQ(reply.at("NextSeq").to_number<std::int64_t>(), 2);
  const auto& items = reply.at("RspMsgList").as_array();
  ASSERT_EQ(items.size(), 1u) << json::serialize(reply);
  const auto& item = items.at(0).as_object();
  EXPECT_EQ(item.at("Event").to_number<int>(), 3);
  EXPECT_EQ(item.at("ToGroupId").as_string(), id);
  EXPECT_EQ(item.at("GroupInfo").at("GroupId").as_string(), id);
  EXPECT_EQ(item.at("From_Account").as_string(), "alice");
  EXPECT_EQ(first_text(item), "from rest");
  // Not pushed as well: the SDK would take it twice.
  EXPECT_EQ(pushes_left(*bob), 0u);
}

TEST_F(ChatSdkLiveRoomPoll, AnotherChatSdkClientsMessageReachesThePollOfEveryMemberButTheSender) {
  auto alice = logged_in("alice");
  const auto id = create_room(*alice);
  const auto alice_key = join(*alice, id);
  auto bob = logged_in("bob");
  const auto bob_key = join(*bob, id);
  EXPECT_NE(alice_key, bob_key);
  const auto sent = alice->call("group_open_http_svc.send_group_msg", text_body(id, "hi room", 5));
  ASSERT_EQ(code_of(sent), 0) << json::serialize(sent);
  const auto reply = poll(*bob, bob_key, 1);
  ASSERT_EQ(code_of(reply), 0) << json::serialize(reply);
  ASSERT_EQ(texts(reply), std::vector<std::string>{"hi room"});
  const auto& item = reply.at("RspMsgList").at(0).as_object();
  EXPECT_EQ(item.at("MsgSeq"), sent.at("MsgSeq"));
  EXPECT_EQ(item.at("TinyId").as_string(), alice->tinyid());
  // The sending instance learns from its reply, as for pushes: its own poll stays empty.
  const auto own = poll(*alice, alice_key, 1);
  ASSERT_EQ(code_of(own), 0) << json::serialize(own);
  EXPECT_TRUE(own.at("RspMsgList").as_array().empty()) << json::serialize(own);
  EXPECT_EQ(pushes_left(*bob), 0u);
}

TEST_F(ChatSdkLiveRoomPoll, AnIdlePollAnswersEmptyOnceTheHoldRunsOut) {
  auto alice = logged_in("alice");
  const auto id = create_room(*alice);
  auto bob = logged_in("bob");
  const auto key = join(*bob, id);
  const auto started = Clock::now();
  const auto reply = poll(*bob, key, 1);
  const auto waited = Clock::now() - started;
  ASSERT_EQ(code_of(reply), 0) << json::serialize(reply);
  EXPECT_TRUE(reply.at("RspMsgList").as_array().empty());
  EXPECT_EQ(reply.at("NextSeq").to_number<std::int64_t>(), 1);
  EXPECT_EQ(reply.at("Key").as_string(), key);
  EXPECT_GE(waited, std::chrono::milliseconds(900));  // --longpoll-hold 1
  EXPECT_LT(waited, std::chrono::seconds(4));
}

TEST_F(ChatSdkLiveRoomPoll, NextSeqCarriesOnSoNothingIsLostOrRepeatedBetweenPolls) {
  auto alice = logged_in("alice");
  const auto id = create_room(*alice);
  auto bob = logged_in("bob");
  const auto key = join(*bob, id);
  // Two messages wait before the first poll: both come at once, newest first.
  rest_send(id, "one", 1);
  rest_send(id, "two", 2);
  const auto first = poll(*bob, key, 1);
  ASSERT_EQ(code_of(first), 0) << json::serialize(first);
  EXPECT_EQ(texts(first), (std::vector<std::string>{"two", "one"}));
  const auto next = first.at("NextSeq").to_number<std::int64_t>();
  EXPECT_EQ(next, 3);
  rest_send(id, "three", 3);
  const auto second = poll(*bob, key, next);
  ASSERT_EQ(code_of(second), 0) << json::serialize(second);
  EXPECT_EQ(texts(second), std::vector<std::string>{"three"});
  EXPECT_EQ(second.at("NextSeq").to_number<std::int64_t>(), 4);
  // A reply the client lost: the same StartSeq brings the same items again.
  const auto again = poll(*bob, key, next);
  EXPECT_EQ(texts(again), std::vector<std::string>{"three"});
  // Once acknowledged (StartSeq 4) nothing comes back: the next poll waits, then answers empty.
  const auto after = poll(*bob, key, 4);
  ASSERT_EQ(code_of(after), 0) << json::serialize(after);
  EXPECT_TRUE(after.at("RspMsgList").as_array().empty());
  EXPECT_EQ(after.at("NextSeq").to_number<std::int64_t>(), 4);
}

TEST_F(ChatSdkLiveRoomPoll, AnUnknownKeyIsRefusedWith10004) {
  auto bob = logged_in("bob");
  const auto reply = poll(*bob, "room-not-a-key", 1);
  EXPECT_EQ(code_of(reply), 10004) << json::serialize(reply);
  const auto no_key = bob->call(kGetMsg, {{"USP", 1}, {"StartSeq", 1}});
  EXPECT_EQ(code_of(no_key), 10004) << json::serialize(no_key);
  // Another login's key is not this one's.
  auto alice = logged_in("alice");
  const auto id = create_room(*alice);
  const auto alice_key = join(*alice, id);
  EXPECT_EQ(code_of(poll(*bob, alice_key, 1)), 10004);
}

TEST_F(ChatSdkLiveRoomPoll, AMemberWhoQuitGetsNoMoreTraffic) {
  auto alice = logged_in("alice");
  const auto id = create_room(*alice);
  auto bob = logged_in("bob");
  const auto key = join(*bob, id);
  // A parked poll ends, empty, when its member leaves.
  const auto seq = bob->send(kGetMsg, {}, poll_body(key, 1));
  const auto quit = bob->call("group_open_http_svc.quit_group", {{"GroupId", id}});
  ASSERT_EQ(code_of(quit), 0) << json::serialize(quit);
  const auto ended = bob->wait_reply(kGetMsg, seq);
  ASSERT_EQ(code_of(ended), 0) << json::serialize(ended);
  EXPECT_TRUE(ended.at("RspMsgList").as_array().empty());
  rest_send(id, "after quit", 9);
  EXPECT_EQ(code_of(poll(*bob, key, 1)), 10004);
  EXPECT_EQ(pushes_left(*bob), 0u);
}

TEST_F(ChatSdkLiveRoomPoll, OtherGroupsStillComeByPushAndPollsAreJournaled) {
  auto alice = logged_in("alice");
  const auto room = create_room(*alice);
  auto bob = logged_in("bob");
  const auto key = join(*bob, room);
  // An ordinary group's traffic is pushed as ever.
  const auto pub = alice->call("group_open_http_svc.create_group",
                               {{"Type", "Public"},
                                {"Name", "pub"},
                                {"Owner_Account", "alice"},
                                {"MemberList", json::array{json::object{{"Member_Account", "bob"}}}}});
  ASSERT_EQ(code_of(pub), 0) << json::serialize(pub);
  EXPECT_TRUE(bob->wait_push(kPush).has_value());
  // A parked poll is journaled when it is made.
  const auto reply = poll(*bob, key, 1);
  ASSERT_EQ(code_of(reply), 0) << json::serialize(reply);
  const auto entries = journal("surface=chatsdk&service=group_open_long_polling_http_svc&command=get_msg");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries.at(0).at("identifier").as_string(), "bob");
}

// Without --longpoll-hold the server's hold (25 s) is capped at 10 s, so the SDK, which gives a request 15 s,
// always gets its answer.
class ChatSdkLiveRoomPollCap : public ChatSdkTest {
 protected:
  json::object app_options() const override { return {{"chatsdk_avchatroom_delivery", "long_poll"}}; }
};

TEST_F(ChatSdkLiveRoomPollCap, AnIdlePollAnswersWellWithinTheSdksFifteenSeconds) {
  auto alice = logged_in("alice");
  const auto created = alice->call("group_open_http_svc.create_group",
                                   {{"Type", "AVChatRoom"}, {"Name", "live"}, {"Owner_Account", "alice"}});
  ASSERT_EQ(code_of(created), 0) << json::serialize(created);
  const auto joined =
      alice->call("group_open_http_svc.apply_join_group", {{"GroupId", created.at("GroupId")}});
  ASSERT_TRUE(joined.contains("LongPollingKey")) << json::serialize(joined);
  const auto started = Clock::now();
  const auto seq =
      alice->send(kGetMsg, {}, poll_body(std::string(joined.at("LongPollingKey").as_string()), 1));
  const auto reply = alice->wait_reply(kGetMsg, seq, std::chrono::seconds(14));
  const auto waited = Clock::now() - started;
  ASSERT_EQ(code_of(reply), 0) << json::serialize(reply);
  EXPECT_TRUE(reply.at("RspMsgList").as_array().empty());
  EXPECT_GE(waited, std::chrono::seconds(9));
  EXPECT_LT(waited, std::chrono::seconds(12));
}

TEST(ChatSdkLiveRoomPollOptions, TheOptionIsValidatedAndKeptInSnapshots) {
  TimockProcess server;
  const auto bad = server.post("/mock/apps", R"({"options":{"chatsdk_avchatroom_delivery":"sometimes"}})");
  EXPECT_EQ(bad.status, 400u) << bad.body;
  const auto made = server.post("/mock/apps", R"({"options":{"chatsdk_avchatroom_delivery":"long_poll"}})");
  ASSERT_EQ(made.status, 201u) << made.body;
  const auto app = json::parse(made.body).as_object();
  EXPECT_EQ(app.at("options").at("chatsdk_avchatroom_delivery").as_string(), "long_poll");
  const auto id = std::to_string(app.at("sdkappid").to_number<std::uint64_t>());
  const auto snapshot = json::parse(server.get("/mock/apps/" + id + "/snapshot").body);
  EXPECT_EQ(snapshot.at("apps").at(0).at("options").at("chatsdk_avchatroom_delivery").as_string(),
            "long_poll");
  const auto plain = json::parse(server.post("/mock/apps", "{}").body).as_object();
  EXPECT_EQ(plain.at("options").at("chatsdk_avchatroom_delivery").as_string(), "push");
}

}  // namespace
}  // namespace timock::testing::chatsdk
