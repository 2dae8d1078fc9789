// The Chat SDK's transport (reference/modern-sdk-protocol.md §6.1, §6.6, §6.10): which socket each login is
// attached to, and how deliveries and kicks become frames on it. Who is logged in is client::Registry's:
// wslogin makes an instance there; the SDK presents its A2Key on every later request and, after a reconnect,
// logs in again with it on a new socket.
#pragma once

#include <algorithm>
#include <atomic>
#include <boost/json/value.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "api/command.hpp"
#include "client/registry.hpp"

namespace timock::router {
class SocketPeer;
class PendingReply;
}  // namespace timock::router

namespace timock::chatsdk {

// Where a login's pushes go.
struct Attachment {
  std::uint64_t socket_id = 0;
  std::shared_ptr<router::SocketPeer> peer;
  bool binary = true;
};

// A get_msg poll's answer: at once (`reply`), or later (`parked`, whose body is the reply frame).
struct RoomPollAnswer {
  api::Reply reply;
  std::shared_ptr<router::PendingReply> parked;
};

// The frame a parked reply answers: its servcmd and seq, and the socket's framing.
struct FrameOrigin {
  std::string servcmd;
  boost::json::value seq;  // echoed as the request sent it
  bool binary = true;
};

class SocketSessions final : public client::Transport {
 public:
  // The SDK gives every request 15 s (modern-sdk-groups.md §1, §5.4), whatever HoldTime it sends: a parked
  // get_msg answers empty after the server's long-poll hold, capped at this, so the SDK never times it out.
  static constexpr std::chrono::milliseconds kMaxRoomPollHold{10'000};
  // Live rooms one login polls at once: the SDK polls one, or several with its unlimitedAVChatRoom option;
  // past this the oldest stops.
  static constexpr std::size_t kMaxRoomsPerLogin = 16;

  explicit SocketSessions(std::chrono::milliseconds hold = kMaxRoomPollHold)
      : room_hold_(std::min(hold, kMaxRoomPollHold)) {}

  std::uint64_t next_socket_id() { return next_socket_id_++; }

  // AVChatRoom long-poll mode (modern-sdk-groups.md §5.4): the login polls `group_id` with the LongPollingKey
  // returned (the same one while it keeps the room), and the room's messages, tips and notices reach it by
  // get_msg instead of the socket. Empty for a login that is gone.
  std::string watch_room(const client::Instance& login, std::string_view group_id);
  // The login left the room: it polls it no more, and a parked poll ends empty.
  void unwatch_room(const client::Instance& login, std::string_view group_id);
  // get_msg {Key, StartSeq}: the room's items from `start_seq` on at once, or a parked reply completed by the
  // next item or, empty, after the hold; 10004 for a Key that is not one of the login's rooms.
  RoomPollAnswer room_poll(const client::Instance& login, std::string_view key, std::uint64_t start_seq,
                           FrameOrigin origin);
  // The login's pushes now go to this socket (wslogin, or a re-login after a reconnect).
  void attach(const client::Instance& login, const Attachment& socket);
  // The socket closed or took another login: the login stays valid for a re-login, but nothing is pushed to
  // this socket any more (a login re-attached elsewhere meanwhile keeps its new socket).
  void detach(const client::Instance& login, std::uint64_t socket_id);

  std::shared_ptr<client::Connection> open(const client::Instance& instance) override;
  void kicked(const client::Instance& instance, client::KickReason reason) override;
  void deliver(const client::Outgoing& outgoing, std::span<const client::Target> targets) override;
  bool connected(const client::Instance& instance) const override;

 private:
  std::atomic<std::uint64_t> next_socket_id_{1};
  // Push frames carry a seq of their own; one delivery's frame is encoded once, so its sockets share it
  // (push seqs are free, modern-sdk-protocol.md §3.2).
  std::atomic<std::uint64_t> next_push_seq_{1};
  std::chrono::milliseconds room_hold_;
  // get_msg polls parked now (shared with their PendingReplies, which may outlive the sessions by a moment).
  std::shared_ptr<std::atomic<std::int64_t>> parked_count_ = std::make_shared<std::atomic<std::int64_t>>(0);
};

}  // namespace timock::chatsdk
