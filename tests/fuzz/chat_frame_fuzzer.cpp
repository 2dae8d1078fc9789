// Chat SDK WebSocket frames (reference/modern-sdk-protocol.md §2–§3) through
// chatsdk::Gateway::open_socket(…)->on_frame, as the net layer hands them over, without a socket. alice is logged in
// on the fuzzed socket beforehand and bob on a second one, so frames reach the logged-in commands and their
// pushes as well as the refusals.
//
// Input: one flags byte, then frames separated by "\n##\n". Flags bit 0: the fuzzed socket is /info (text)
// instead of /binfo. In a frame that is not "COMP"+zlib, the tokens $A2, $TINYID, $SIG and $BOBSIG stand for
// alice's A2Key and TinyId and valid UserSigs of alice and bob.
//
// Checked: no exception escapes on_frame; every reply and every push is a frame a client can read (JSON, or
// "COMP"+zlib of JSON on a binary socket only, with head.servcmd and body.ErrorCode); a reply echoes the
// request's servcmd; and the socket still answers a heartbeat after the input.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "auth/usersig_codec.hpp"
#include "chatsdk/frame.hpp"
#include "chatsdk/sessions.hpp"
#include "chatsdk/socket_gateway.hpp"
#include "fuzz_world.hpp"
#include "router/query.hpp"
#include "router/socket.hpp"

using namespace timock;
namespace json = boost::json;

namespace {

// Frames per input: enough for login, a few commands and a logout; long inputs stay fast.
constexpr int kMaxFramesPerInput = 16;
constexpr std::string_view kSeparator = "\n##\n";
constexpr std::string_view kCompressedMagic = "COMP";
// A client inflates what the server sends without timock's 1 MiB inbound bound; this is only a sanity cap.
constexpr std::size_t kMaxInflatedOutbound = 64 * 1024 * 1024;

[[noreturn]] void fail() {
  __builtin_trap();
}

// A frame as a client reads it, or a trap. Returns the servcmd.
std::string check_outbound(std::string_view bytes, bool binary) {
  std::optional<std::string> inflated;
  if (bytes.starts_with(kCompressedMagic)) {
    if (!binary) fail();  // §2.2: COMP is binary framing only
    inflated = auth::detail::zlib_inflate_strict(bytes.substr(kCompressedMagic.size()), kMaxInflatedOutbound);
    if (!inflated) fail();
    bytes = *inflated;
  }
  json::parse_options options;
  options.max_depth = 1024;  // the SDK's JSON.parse has no small bound; stored bodies are ≤ 32 deep anyway
  boost::system::error_code ec;
  const auto value = json::parse(bytes, ec, {}, options);
  if (ec || !value.is_object()) fail();
  const auto* head = value.get_object().if_contains("head");
  const auto* body = value.get_object().if_contains("body");
  if (!head || !head->is_object() || !body || !body->is_object()) fail();
  const auto* servcmd = head->get_object().if_contains("servcmd");
  if (!servcmd || !servcmd->is_string()) fail();
  // Replies carry the envelope; pushes carry their events.
  const auto* code = body->get_object().if_contains("ErrorCode");
  if (code && !code->is_int64()) fail();
  return std::string(servcmd->get_string());
}

class CheckingPeer final : public router::SocketPeer {
 public:
  explicit CheckingPeer(bool binary) : binary_(binary) {}
  void send(std::string frame) override { (void)check_outbound(frame, binary_); }
  void close() override {}

 private:
  bool binary_;
};

std::shared_ptr<router::SocketSession> open(chatsdk::Gateway& gateway, bool binary) {
  const auto target = router::parse_target(std::string(binary ? "/binfo" : "/info") +
                                           "?sdkappid=" + std::to_string(fuzz::kSdkAppId) + "&platform=7");
  if (!target) fail();
  auto session = gateway.open_socket(*target, std::make_shared<CheckingPeer>(binary));
  if (!session) fail();
  return session;
}

// wslogin with a UserSig; returns the reply body (a trap unless ErrorCode 0).
json::object log_in(router::SocketSession& socket, const std::string& user) {
  const auto frame = json::serialize(json::object{{"head", json::object{{"servcmd", "im_open_status.wslogin"},
                                                                        {"seq", 1},
                                                                        {"sdkappid", fuzz::kSdkAppId},
                                                                        {"identifier", user},
                                                                        {"usersig", fuzz::World::sig(user)}}},
                                                  {"body", json::object{{"State", "Online"}}}});
  const auto reply = socket.on_frame(frame);
  std::string_view bytes = reply.frame;
  std::optional<std::string> inflated;
  if (bytes.starts_with(kCompressedMagic)) {
    inflated = auth::detail::zlib_inflate_strict(bytes.substr(kCompressedMagic.size()), kMaxInflatedOutbound);
    if (!inflated) fail();
    bytes = *inflated;
  }
  auto body = json::parse(bytes).at("body").as_object();
  if (body.at("ErrorCode").as_int64() != 0) fail();
  return body;
}

void replace_all(std::string& text, std::string_view token, const std::string& value) {
  for (auto at = text.find(token); at != std::string::npos; at = text.find(token, at + value.size()))
    text.replace(at, token.size(), value);
}

// The servcmd the server will echo, when the frame is one it answers.
std::optional<std::string> request_servcmd(std::string_view bytes) {
  std::string problem;
  const auto frame = chatsdk::decode_frame(bytes, problem);
  if (!frame) return std::nullopt;
  return frame->servcmd;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const bool binary = (data[0] & 1) == 0;
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);

  fuzz::World world;
  world.add_users();

  auto bob = open(world.parts.chatsdk, true);
  (void)log_in(*bob, "bob");
  auto alice = open(world.parts.chatsdk, binary);
  const auto login = log_in(*alice, "alice");
  const std::string a2(login.at("A2Key").as_string());
  const std::string tinyid(login.at("TinyId").as_string());

  for (int i = 0; i < kMaxFramesPerInput && !rest.empty(); ++i) {
    const auto end = rest.find(kSeparator);
    std::string frame(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + kSeparator.size());
    if (!std::string_view(frame).starts_with(kCompressedMagic)) {
      replace_all(frame, "$A2", a2);
      replace_all(frame, "$TINYID", tinyid);
      replace_all(frame, "$SIG", fuzz::World::sig("alice"));
      replace_all(frame, "$BOBSIG", fuzz::World::sig("bob"));
    }
    const auto asked = request_servcmd(frame);
    const auto reply = alice->on_frame(frame);  // an exception escaping here is a crash
    if (reply.frame.empty()) {
      // Only undecodable frames, the fire-and-forget push ack, and a fault rule's dropped connection go
      // unanswered (no rules are set here).
      if (asked && *asked != "openim.ws_msg_push_ack") fail();
      continue;
    }
    if (!asked) fail();  // a reply to something that was not a request
    if (check_outbound(reply.frame, binary) != *asked) fail();
  }

  // The socket still answers, as whatever login the input left it with.
  const auto alive = alice->on_frame(R"({"head":{"servcmd":"heartbeat.alive","seq":1},"body":{}})");
  if (alive.frame.empty() || check_outbound(alive.frame, binary) != "heartbeat.alive") fail();
  alice->on_close();
  bob->on_close();
  return 0;
}
