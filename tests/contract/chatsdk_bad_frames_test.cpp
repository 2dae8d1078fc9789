// Frames the SDK never sends (reference/modern-sdk-protocol.md §2.2, §3; STYLE §4 "everything bounded"): a
// frame that is not a request is dropped without a reply and the socket goes on; a COMP frame is inflated up
// to the same 1 MiB as a plain one; a frame over 1 MiB closes the socket; hostile JSON never crashes the
// server.
#include <gtest/gtest.h>

#include "auth/usersig_codec.hpp"
#include "chatsdk_fixture.hpp"

namespace timock::testing::chatsdk {
namespace {

constexpr std::size_t kMiB = 1024 * 1024;

// After something that must have no reply: a heartbeat is answered, and it is the only frame that came.
void expect_dropped_and_socket_usable(ChatClient& client, const std::string& what) {
  const auto seq = client.send("heartbeat.alive");
  const auto reply = client.wait_reply_frame("heartbeat.alive", seq);
  ASSERT_TRUE(reply) << what << ": the socket stopped answering";
  EXPECT_EQ(reply->error_code(), 0);
  const auto others = client.drain(50ms);
  EXPECT_TRUE(others.empty()) << what << ": got a reply with servcmd '" << others.front().servcmd << "' "
                              << json::serialize(others.front().body);
}

std::string frame_text(const std::string& servcmd, std::int64_t seq, const json::object& body) {
  return json::serialize(
      json::object{{"head", json::object{{"servcmd", servcmd}, {"seq", seq}}}, {"body", body}});
}

std::string compressed(const std::string& text) {
  return "COMP" + auth::detail::zlib_compress_level1(text);
}

using ChatSdkBadFrames = ChatSdkTest;

TEST_F(ChatSdkBadFrames, FramesThatAreNotRequestsAreDroppedWithoutReplyAndTheSocketGoesOn) {
  auto client = logged_in("alice");
  for (const std::string bytes : {
           std::string("not json"),
           std::string(""),
           std::string("{"),
           std::string("[1,2,3]"),
           std::string("\"heartbeat.alive\""),
           std::string("{}"),
           std::string(R"({"head":{"seq":1},"body":{}})"),
           std::string(R"({"head":{"servcmd":"","seq":2},"body":{}})"),
           std::string(R"({"head":{"servcmd":5,"seq":3},"body":{}})"),
           std::string(R"({"head":"heartbeat.alive","body":{}})"),
           std::string(R"({"servcmd":"heartbeat.alive","seq":4})"),
           std::string("{\"head\":{\"servcmd\":\"heartbeat.alive\",\"seq\":5}}\xff"),
           std::string("COMP"),
           std::string("COMPnot zlib at all"),
       }) {
    client->send_raw(bytes);
    expect_dropped_and_socket_usable(*client, "'" + bytes + "'");
    ASSERT_TRUE(client->is_open()) << bytes;
  }
}

TEST_F(ChatSdkBadFrames, FrameWithoutBodyOrSeqIsStillAnswered) {
  auto client = socket();
  client->send_raw(R"({"head":{"servcmd":"heartbeat.alive","seq":7}})");
  const auto reply = client->wait_reply_frame("heartbeat.alive", 7);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->error_code(), 0);
}

TEST_F(ChatSdkBadFrames, TextFrameOnBinfoIsReadAndAnsweredInBinary) {
  auto client = socket(true);
  client->send_raw(frame_text("heartbeat.alive", 11, {}), false);
  const auto reply = client->wait_reply_frame("heartbeat.alive", 11);
  ASSERT_TRUE(reply);
  EXPECT_TRUE(reply->binary) << "the socket's path fixes the reply framing";
}

TEST_F(ChatSdkBadFrames, CompressedFrameThatInflatesPast1MiBIsDropped) {
  auto client = logged_in("alice");
  const auto bomb = compressed(frame_text("heartbeat.alive", 21, {{"pad", std::string(2 * kMiB, 'x')}}));
  ASSERT_LT(bomb.size(), 16u * 1024u) << "small on the wire";
  client->send_raw(bomb);
  expect_dropped_and_socket_usable(*client, "a COMP bomb");
  // Just under the limit once inflated is fine.
  client->send_raw(compressed(frame_text("heartbeat.alive", 22, {{"pad", std::string(kMiB - 200, 'y')}})));
  const auto reply = client->wait_reply_frame("heartbeat.alive", 22);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->error_code(), 0);
}

TEST_F(ChatSdkBadFrames, CompressedFrameWithTrailingBytesIsDropped) {
  auto client = logged_in("alice");
  client->send_raw(compressed(frame_text("heartbeat.alive", 31, {})) + "trailing");
  expect_dropped_and_socket_usable(*client, "COMP + zlib + trailing bytes");
}

TEST_F(ChatSdkBadFrames, FrameJustUnder1MiBIsAnswered) {
  auto client = logged_in("alice");
  client->send_raw(frame_text("heartbeat.alive", 41, {{"pad", std::string(kMiB - 200, 'p')}}));
  const auto reply = client->wait_reply_frame("heartbeat.alive", 41);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->error_code(), 0);
}

TEST_F(ChatSdkBadFrames, FrameOver1MiBClosesTheSocketAndTheServerGoesOn) {
  auto client = logged_in("alice");
  client->send_raw(frame_text("heartbeat.alive", 51, {{"pad", std::string(kMiB + 10, 'p')}}));
  EXPECT_TRUE(client->wait_closed(3s)) << "a frame over read_message_max must end the socket";
  EXPECT_FALSE(client->wait_reply_frame("heartbeat.alive", 51, 0ms, true));
  EXPECT_EQ(server.get("/mock/health").status, 200u);
  // The login survives the socket (§6.10).
  auto again = socket();
  EXPECT_EQ(code_of(again->relogin(client->a2(), client->tinyid())), 0);
}

TEST_F(ChatSdkBadFrames, DeeplyNestedJsonIsRefusedWithoutCrashingTheServer) {
  auto client = logged_in("alice");
  constexpr std::size_t kDepth = 100000;
  const std::string arrays = std::string(kDepth, '[') + std::string(kDepth, ']');
  const std::string objects = [] {
    std::string text;
    for (std::size_t i = 0; i < kDepth; ++i) text += "{\"a\":";
    text += "1";
    text += std::string(kDepth, '}');
    return text;
  }();
  const std::string in_body =
      R"({"head":{"servcmd":"openim.sendmsg","seq":61},"body":{"MsgBody":)" + arrays + "}}";
  for (const auto& [what, bytes] : std::vector<std::pair<std::string, std::string>>{
           {"nested arrays", arrays},
           {"nested objects", objects},
           {"nesting inside a request's body", in_body},
           {"nesting inside a COMP frame", compressed(in_body)},
       }) {
    client->send_raw(bytes);
    expect_dropped_and_socket_usable(*client, what);
  }
  EXPECT_EQ(server.get("/mock/health").status, 200u);
  EXPECT_TRUE(roam("alice", "bob").empty());
}

TEST_F(ChatSdkBadFrames, FiveHundredPipelinedRequestsAreAllAnswered) {
  auto client = logged_in("alice");
  std::vector<std::int64_t> seqs;
  for (int i = 0; i < 500; ++i) seqs.push_back(client->send("heartbeat.alive"));
  for (const auto seq : seqs) ASSERT_TRUE(client->wait_reply_frame("heartbeat.alive", seq)) << seq;
}

TEST_F(ChatSdkBadFrames, ClientThatNeverReadsIsDisconnectedOnceItsQueueFills) {
  // Replies of ~100 KB (ten 10,000-character messages, uncompressed on /info): a few megabytes fill the
  // socket buffers, then the server's queue grows to its bound (kMaxQueuedFrames, 1024) and it hangs up
  // instead of buffering for ever.
  for (int i = 1; i <= 10; ++i) ASSERT_EQ(code_of(rest_send("bob", "alice", std::string(10000, 'q'), i)), 0);
  std::vector<std::string> frames;
  frames.push_back(json::serialize(json::object{{"head", json::object{{"servcmd", "im_open_status.wslogin"},
                                                                      {"seq", 1},
                                                                      {"identifier", "alice"},
                                                                      {"usersig", sig("alice")},
                                                                      {"sdkappid", app.sdkappid}}},
                                                {"body", json::object{{"State", "Online"}}}}));
  constexpr int kRequests = 1400;
  for (int i = 0; i < kRequests; ++i)
    frames.push_back(frame_text("openim.getroammsg", 100 + i, {{"Peer_Account", "bob"}, {"MaxCnt", 15}}));
  const auto result =
      flood_without_reading(server, "/info?sdkappid=" + std::to_string(app.sdkappid), frames, false, 30s);
  EXPECT_TRUE(result.closed_by_server)
      << result.frames_written << " written, " << result.frames_read << " read";
  EXPECT_LT(result.frames_read, static_cast<std::size_t>(kRequests)) << "not every reply was buffered";
  EXPECT_EQ(server.get("/mock/health").status, 200u);
  auto alice = logged_in("alice");
  EXPECT_EQ(code_of(alice->call("heartbeat.alive")), 0);
}

}  // namespace
}  // namespace timock::testing::chatsdk
