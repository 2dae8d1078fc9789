// A modern Chat SDK socket for contract tests: it speaks to timock as @tencentcloud/chat 3.6.6 does
// (reference/modern-sdk-protocol.md §2–§3): one WebSocket on …/binfo (binary frames) or …/info (text frames),
// frames {"head":{…,"servcmd","seq"},"body":{…}}, replies matched on servcmd + seq, pushes (any other frame)
// kept in arrival order until a test asks for them. Server frames may be "COMP" + a zlib stream.
//
// Everything runs on the test's thread: the socket's io_context is driven only while a call waits, and every
// wait has a deadline, so no test can hang on a frame that never comes. Beast stays in the .cpp.
#pragma once

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "timock_harness.hpp"

namespace timock::testing {

using namespace std::chrono_literals;

// One frame the server sent, decoded.
struct ChatFrame {
  boost::json::object head;
  boost::json::object body;
  std::string servcmd;
  boost::json::value seq;
  bool binary = false;      // a binary WebSocket message (else text)
  bool compressed = false;  // "COMP" + zlib on the wire
  std::size_t wire_bytes = 0;
  std::int64_t error_code() const;  // body.ErrorCode (-1 when missing)
};

// The outcome of an upgrade attempt that may be refused: the HTTP status and body when it was.
struct UpgradeResult {
  bool upgraded = false;
  unsigned status = 0;
  std::string body;
};

class ChatClient {
 public:
  // The SDK's fixed head values (§3.1).
  static constexpr std::uint64_t kWebSdkAppId = 537048168;
  static constexpr auto kDefaultWait = 5s;

  // Opens …/binfo (binary) or …/info (text) with the SDK's query string; `sdkappid` 0 leaves it out of both
  // the query and the head. `path_prefix` goes before /binfo (a proxy's prefix). Fails the test (and leaves
  // the client closed) when the upgrade is refused.
  ChatClient(const TimockProcess& server, std::uint64_t sdkappid, bool binary = true,
             std::string path_prefix = "");
  ~ChatClient();
  ChatClient(const ChatClient&) = delete;
  ChatClient& operator=(const ChatClient&) = delete;

  // Tries an upgrade on any target and reports what came back (for paths that must not be upgraded).
  static UpgradeResult try_upgrade(const TimockProcess& server, const std::string& target);

  // The head the SDK sends (§3.1): ver, platform, websdkappid, sdkappid, contenttype, reqtime, status_instid,
  // servcmd, seq, and a2 + tinyid once logged in. `head_extra` is merged over it (servcmd and seq too); a
  // null value removes a key. Returns the seq sent (-1 when it is not a number).
  std::int64_t send(const std::string& servcmd, const boost::json::object& head_extra = {},
                    const boost::json::object& body = {});
  // Bytes as they are, in this socket's frame type (binary on /binfo, text on /info), or explicitly.
  void send_raw(const std::string& bytes);
  void send_raw(const std::string& bytes, bool binary);
  // A frame compressed as "COMP" + zlib (as the SDK may send it).
  std::int64_t send_compressed(const std::string& servcmd, const boost::json::object& body = {});

  // The reply to servcmd + seq; pushes that arrive meanwhile are kept. nullopt (and a test failure unless
  // `quiet`) when none comes in time.
  std::optional<ChatFrame> wait_reply_frame(const std::string& servcmd, std::int64_t seq,
                                            std::chrono::milliseconds timeout = kDefaultWait,
                                            bool quiet = false);
  // Its body ({} when no reply came).
  boost::json::object wait_reply(const std::string& servcmd, std::int64_t seq,
                                 std::chrono::milliseconds timeout = kDefaultWait);
  // send + wait_reply.
  boost::json::object call(const std::string& servcmd, const boost::json::object& body = {},
                           const boost::json::object& head_extra = {});
  // The first kept or arriving frame with this servcmd that is not a reply the client is waiting for.
  std::optional<ChatFrame> wait_push(const std::string& servcmd,
                                     std::chrono::milliseconds timeout = kDefaultWait);
  // Every frame received and not yet taken, after reading for `settle` more.
  std::vector<ChatFrame> drain(std::chrono::milliseconds settle = 200ms);
  // Whether the server closed the socket (a close frame or EOF) within `timeout`.
  bool wait_closed(std::chrono::milliseconds timeout = kDefaultWait);
  bool is_open() const;
  // The server ended the socket with a WebSocket close frame (not by dropping the connection).
  bool closed_with_close_frame() const;

  // wslogin with identifier + usersig in the head (§6.1). On ErrorCode 0 the A2Key and TinyId are kept and
  // sent on every later request. Returns the reply body.
  boost::json::object login(const std::string& identifier, const std::string& usersig);
  // wslogin with a2 + tinyid and no usersig: a reconnect's re-login (§6.10).
  boost::json::object relogin(const std::string& a2, const std::string& tinyid);
  // Requests from now on carry these (a forged or stale login).
  void set_identity(std::string a2, std::string tinyid);
  const std::string& a2() const { return a2_; }
  const std::string& tinyid() const { return tinyid_; }
  std::uint64_t sdkappid() const { return sdkappid_; }
  bool binary() const { return binary_; }

 private:
  struct Impl;
  // Runs the socket until `done` holds or the deadline passes; false on timeout.
  template <typename Done>
  bool run_until(Done done, std::chrono::milliseconds timeout);
  void start_read();
  boost::json::object make_head(const std::string& servcmd, std::int64_t seq,
                                const boost::json::object& head_extra) const;

  std::unique_ptr<Impl> impl_;
  std::uint64_t sdkappid_;
  bool binary_;
  std::int64_t next_seq_;
  std::uint64_t inst_id_ = 0;
  std::string a2_;
  std::string tinyid_;
};

// A client that writes and never reads: opens `target` with a tiny receive buffer, writes `frames` (stopping
// when the server hangs up), then reads until the socket ends or `timeout` passes.
struct FloodResult {
  std::size_t frames_written = 0;
  std::size_t frames_read = 0;
  bool closed_by_server = false;
};
FloodResult flood_without_reading(const TimockProcess& server, const std::string& target,
                                  const std::vector<std::string>& frames, bool binary,
                                  std::chrono::milliseconds timeout);

// {"MsgType":"TIMTextElem","MsgContent":{"Text":text}}.
boost::json::object text_elem(const std::string& text);
// An openim.sendmsg body as the SDK builds it (§6.5).
boost::json::object sendmsg_body(const std::string& from, const std::string& to, const std::string& text,
                                 std::int64_t msg_seq, std::int64_t msg_random, std::int64_t client_time);
// The first text of a message item's MsgBody.
std::string first_text(const boost::json::value& item);

}  // namespace timock::testing
