// Group commit on the Chat SDK's WebSocket path: a socket reply that reports a write is released only after the
// fdatasync covering that write (as an HTTP reply is), and a reply that wrote nothing waits for nothing. In
// process over a database file, so the check does not depend on when a SIGKILL lands (the crash test's
// SIGKILL cannot tell "committed" from "on disk"; a power loss could).
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <filesystem>
#include <future>
#include <memory>
#include <string>

#include "../fuzz/fuzz_world.hpp"
#include "../temp_dir.hpp"
#include "chatsdk/frame.hpp"
#include "chatsdk/sessions.hpp"
#include "chatsdk/socket_gateway.hpp"
#include "router/query.hpp"
#include "router/socket.hpp"

namespace timock {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;
using timock::testing::TempDir;

class NullPeer final : public router::SocketPeer {
 public:
  void send(std::string) override {}
  void close() override {}
};

std::string request(const std::string& servcmd, int seq, json::object head_extra, json::object body) {
  json::object head{{"servcmd", servcmd}, {"seq", seq}, {"sdkappid", fuzz::kSdkAppId}};
  for (auto& [key, value] : head_extra) head[key] = value;
  return json::serialize(json::object{{"head", std::move(head)}, {"body", std::move(body)}});
}

json::object body_of(const router::SocketReply& reply) {
  std::string problem;
  const auto frame = chatsdk::decode_frame(reply.frame, problem);
  EXPECT_TRUE(frame) << problem;
  return frame ? frame->body : json::object{};
}

// Waits for the reply's release as the net layer does; true when released as written (not as an error).
bool released_ok(router::SocketReply& reply) {
  if (!reply.wait_durable) return true;
  std::promise<bool> released;
  auto future = released.get_future();
  reply.wait_durable([&released](bool ok) { released.set_value(ok); });
  EXPECT_EQ(future.wait_for(10s), std::future_status::ready);
  return future.get();
}

TEST(ChatSdkDurability, ASendmsgReplyIsReleasedOnlyAfterTheSyncThatCoversIt) {
  TempDir dir{"timock-chatsdk-durable"};
  fuzz::World world(dir.path + "/state.db");
  world.add_users();
  const auto target = router::parse_target("/binfo?sdkappid=" + std::to_string(fuzz::kSdkAppId));
  ASSERT_TRUE(target);
  auto socket = world.parts.chatsdk.open_socket(*target, std::make_shared<NullPeer>());
  ASSERT_TRUE(socket);
  auto login = socket->on_frame(request("im_open_status.wslogin", 1,
                                        {{"identifier", "alice"}, {"usersig", fuzz::World::sig("alice")}},
                                        {{"State", "Online"}}));
  ASSERT_TRUE(released_ok(login));
  const auto login_body = body_of(login);
  ASSERT_EQ(login_body.at("ErrorCode").as_int64(), 0) << json::serialize(login_body);
  const json::object who{{"a2", login_body.at("A2Key")}, {"tinyid", login_body.at("TinyId")}};

  int waited = 0;
  for (int n = 1; n <= 20; ++n) {
    const auto syncs_before = world.store.syncs();
    auto reply = socket->on_frame(request(
        "openim.sendmsg", 100 + n, who,
        {{"From_Account", "alice"},
         {"To_Account", "bob"},
         {"MsgSeq", n},
         {"MsgRandom", 5000 + n},
         {"MsgTimeStamp", fuzz::kNow},
         {"MsgBody", json::array{{{"MsgType", "TIMTextElem"}, {"MsgContent", {{"Text", "durable " + std::to_string(n)}}}}}}}));
    ASSERT_EQ(body_of(reply).at("ErrorCode").as_int64(), 0) << json::serialize(body_of(reply));
    EXPECT_FALSE(reply.frame_if_not_durable.empty() && reply.wait_durable) << "no error frame to send instead";
    waited += reply.wait_durable ? 1 : 0;
    ASSERT_TRUE(released_ok(reply));
    // Released after a sync that began after the write: the message was on disk when the client heard OK.
    EXPECT_GT(world.store.syncs(), syncs_before) << "message " << n << " was answered before any sync";
  }
  EXPECT_GT(waited, 0) << "no reply ever waited for the disk";

  // A frame that only reads waits for nothing.
  auto roam = socket->on_frame(request("openim.getroammsg", 200, who, {{"Peer_Account", "bob"}, {"MaxCnt", 15}}));
  EXPECT_FALSE(roam.wait_durable);
}

}  // namespace
}  // namespace timock
