// The Chat SDK's transport (reference/modern-sdk-protocol.md §6.1, §6.6, §6.10): which socket each login is
// attached to, and how deliveries and kicks become frames on it. Who is logged in is client::Registry's:
// wslogin makes an instance there; the SDK presents its A2Key on every later request and, after a reconnect,
// logs in again with it on a new socket.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>

#include "client/registry.hpp"

namespace timock::router {
class SocketPeer;
}

namespace timock::chatsdk {

// Where a login's pushes go.
struct Attachment {
  std::uint64_t socket_id = 0;
  std::shared_ptr<router::SocketPeer> peer;
  bool binary = true;
};

class SocketSessions final : public client::Transport {
 public:
  std::uint64_t next_socket_id() { return next_socket_id_++; }
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
};

}  // namespace timock::chatsdk
