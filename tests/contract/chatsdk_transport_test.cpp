// The Chat SDK's socket as a transport (reference/modern-sdk-protocol.md §2, §3, §7): which paths upgrade,
// which frame type each path answers in, the servcmd + seq echo the SDK matches replies on, compression both
// ways, and the answer to a servcmd timock does not emulate.
#include <gtest/gtest.h>

#include "chatsdk_fixture.hpp"

namespace timock::testing::chatsdk {
namespace {

using ChatSdkTransport = ChatSdkTest;

TEST_F(ChatSdkTransport, BinfoSocketAnswersInBinaryFramesEchoingServcmdAndNumericSeq) {
  auto client = socket(true);
  const auto seq = client->send("heartbeat.alive");
  const auto reply = client->wait_reply_frame("heartbeat.alive", seq);
  ASSERT_TRUE(reply);
  // §2.2: a text frame on /binfo is decoded as empty by the SDK (run D).
  EXPECT_TRUE(reply->binary);
  EXPECT_FALSE(reply->compressed) << "a small reply goes out as plain JSON";
  EXPECT_EQ(reply->servcmd, "heartbeat.alive");
  ASSERT_TRUE(reply->seq.is_int64()) << json::serialize(reply->seq)
                                     << ": the SDK keys on servcmd+seq as sent";
  EXPECT_EQ(reply->seq.as_int64(), seq);
  EXPECT_EQ(reply->error_code(), 0) << json::serialize(reply->body);
  EXPECT_EQ(reply->body.at("ActionStatus").as_string(), "OK");
}

TEST_F(ChatSdkTransport, InfoSocketAnswersInTextFrames) {
  auto client = socket(false);
  const auto seq = client->send("heartbeat.alive");
  const auto reply = client->wait_reply_frame("heartbeat.alive", seq);
  ASSERT_TRUE(reply);
  EXPECT_FALSE(reply->binary) << "devMode:true sockets (/info) use text frames both ways (§2.2)";
  EXPECT_EQ(reply->seq.as_int64(), seq);
  EXPECT_EQ(reply->error_code(), 0);
}

TEST_F(ChatSdkTransport, BinfoBehindAProxyPrefixIsUpgradedToo) {
  // §7.1: any path ending in /binfo or /info.
  ChatClient client(server, app.sdkappid, true, "/im/ws");
  ASSERT_TRUE(client.is_open());
  EXPECT_EQ(code_of(client.call("heartbeat.alive")), 0);
}

TEST_F(ChatSdkTransport, PathNotEndingInBinfoOrInfoIsNotUpgradedAndGetsAnHttpReply) {
  const auto id = std::to_string(app.sdkappid);
  for (const std::string& target :
       {"/binfo/x?sdkappid=" + id, "/binfox?sdkappid=" + id, "/chat?sdkappid=" + id,
        "/v4/openim/sendmsg?sdkappid=" + id, std::string("/mock/health")}) {
    const auto result = ChatClient::try_upgrade(server, target);
    EXPECT_FALSE(result.upgraded) << target;
    EXPECT_NE(result.status, 101u) << target;
    EXPECT_GE(result.status, 200u) << target << ": an HTTP reply, not a dropped connection";
  }
  // The server is fine afterwards.
  EXPECT_EQ(server.get("/mock/health").status, 200u);
}

TEST_F(ChatSdkTransport, EveryReplyCarriesItsOwnRequestsSeqWhenRequestsArePipelined) {
  auto client = logged_in("alice");
  // The SDK pipelines (§6.2): three requests before any reply, each matched on servcmd + seq.
  const auto s1 = client->send("heartbeat.alive");
  const auto s2 = client->send("sns.black_list_get", {},
                               {{"From_Account", "alice"}, {"StartIndex", 0}, {"MaxLimited", 100}});
  const auto s3 = client->send("heartbeat.alive");
  EXPECT_EQ(code_of(client->wait_reply("heartbeat.alive", s3)), 0);
  EXPECT_EQ(code_of(client->wait_reply("sns.black_list_get", s2)), 0);
  EXPECT_EQ(code_of(client->wait_reply("heartbeat.alive", s1)), 0);
  EXPECT_TRUE(client->drain(100ms).empty());
}

TEST_F(ChatSdkTransport, SeqNearTheSdksWrapPointIsEchoedExactly) {
  auto client = socket();
  // §3.2: seq restarts from a random value at 2,415,919,103: the largest the SDK sends.
  const auto seq = client->send("heartbeat.alive", {{"seq", 2415919102LL}});
  ASSERT_EQ(seq, 2415919102LL);
  const auto reply = client->wait_reply_frame("heartbeat.alive", seq);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->seq.to_number<std::int64_t>(), 2415919102LL);
}

TEST_F(ChatSdkTransport, UnknownServcmdAnswers60020NamingItNeverAnEmptyOk) {
  auto client = logged_in("alice");
  for (const std::string servcmd :
       {"follow.follow_add", "im_cos_sign_svr.cos", "nodot"}) {
    const auto reply = client->call(servcmd, {{"GroupId", "g1"}});
    // §7.8: an empty OK can make the SDK loop (run 0); a non-zero code never does (run N).
    EXPECT_EQ(code_of(reply), 60020) << servcmd << ": " << json::serialize(reply);
    ASSERT_TRUE(reply.contains("ErrorInfo"));
    EXPECT_NE(std::string(reply.at("ErrorInfo").as_string()).find(servcmd), std::string::npos)
        << json::serialize(reply);
    EXPECT_EQ(reply.at("ActionStatus").as_string(), "FAIL");
  }
}

TEST_F(ChatSdkTransport, CompressedClientFrameIsAccepted) {
  auto client = logged_in("alice");
  rest_send("bob", "alice", "zipped", 1);
  const auto seq = client->send_compressed(
      "openim.getroammsg", {{"Peer_Account", "bob"}, {"MaxCnt", 15}, {"LastMsgTime", 0}, {"MsgKey", ""}});
  const auto reply = client->wait_reply("openim.getroammsg", seq);
  ASSERT_EQ(code_of(reply), 0) << json::serialize(reply);
  ASSERT_EQ(reply.at("MsgList").as_array().size(), 1u);
  EXPECT_EQ(first_text(reply.at("MsgList").at(0)), "zipped");
}

class ChatSdkLargeReply : public ChatSdkTest {
 protected:
  // Ten messages of 10,000 characters: one getroammsg page of them is ~100 KB, past the 64 KiB at which
  // replies are compressed.
  void SetUp() override {
    ChatSdkTest::SetUp();
    for (int i = 1; i <= 10; ++i) {
      const auto reply = rest_send("bob", "alice", std::string(10000, static_cast<char>('a' + i)), i);
      ASSERT_EQ(code_of(reply), 0) << json::serialize(reply);
    }
  }
  std::optional<ChatFrame> history(ChatClient& client) {
    const auto seq =
        client.send("openim.getroammsg", {},
                    {{"Peer_Account", "bob"}, {"MaxCnt", 15}, {"LastMsgTime", 0}, {"MsgKey", ""}});
    return client.wait_reply_frame("openim.getroammsg", seq);
  }
};

TEST_F(ChatSdkLargeReply, ReplyOver64KiBIsCompPlusZlibOnBinfo) {
  auto client = logged_in("alice", true);
  const auto reply = history(*client);
  ASSERT_TRUE(reply);
  EXPECT_TRUE(reply->binary);
  EXPECT_TRUE(reply->compressed) << "a " << reply->wire_bytes << "-byte reply";
  EXPECT_LT(reply->wire_bytes, 64u * 1024u) << "repeated text compresses well";
  ASSERT_EQ(reply->error_code(), 0) << json::serialize(reply->body).substr(0, 300);
  const auto& list = reply->body.at("MsgList").as_array();
  ASSERT_EQ(list.size(), 10u);
  EXPECT_EQ(first_text(list.at(0)), std::string(10000, 'b'));
  EXPECT_EQ(first_text(list.at(9)), std::string(10000, 'k'));
}

TEST_F(ChatSdkLargeReply, ReplyOver64KiBIsPlainTextOnInfo) {
  auto client = logged_in("alice", false);
  const auto reply = history(*client);
  ASSERT_TRUE(reply);
  EXPECT_FALSE(reply->binary);
  EXPECT_FALSE(reply->compressed) << "COMP is binary framing; a text frame cannot carry it";
  EXPECT_GT(reply->wire_bytes, 64u * 1024u);
  ASSERT_EQ(reply->error_code(), 0);
  EXPECT_EQ(reply->body.at("MsgList").as_array().size(), 10u);
}

TEST_F(ChatSdkLargeReply, PushOfANearLimitMessageArrivesWhole) {
  auto alice = logged_in("alice", true);
  // A message near the 12 KB limit makes a push below the compression threshold: plain, whole, decodable.
  const auto sent = rest_send("bob", "alice", std::string(11000, 'z'), 100);
  ASSERT_EQ(code_of(sent), 0) << json::serialize(sent);
  const auto push = alice->wait_push("im_open_push.msg_push");
  ASSERT_TRUE(push);
  EXPECT_TRUE(push->binary);
  EXPECT_FALSE(push->compressed);
  EXPECT_EQ(first_text(push->body.at("EventArray").at(0).at("C2cMsgArray").at(0)), std::string(11000, 'z'));
}

}  // namespace
}  // namespace timock::testing::chatsdk
