// A WebSocket as the layers above net/ see it: the net layer owns the socket and its write queue; a
// protocol session (chatsdk/) gets each inbound frame and may push frames at any time, from any thread.
// No Beast types here (STYLE §8).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace timock::router {

class PendingReply;

// The sending half of an open WebSocket. Thread-safe; calls after the socket closed are ignored.
class SocketPeer {
 public:
  virtual ~SocketPeer() = default;
  // Queues one frame (binary or text, as the session chose at open). A peer that lets its queue grow past
  // the net layer's bound is disconnected rather than buffered for ever.
  virtual void send(std::string frame) = 0;
  // Closes the socket (after the frames already queued).
  virtual void close() = 0;
};

// What to do with one inbound frame.
struct SocketReply {
  std::string frame;              // empty: no reply (a fire-and-forget frame, or one we could not parse)
  std::int64_t delay_ms = 0;      // a fault rule's latency: the reply waits on a timer, later frames do not
  bool drop_connection = false;   // a fault rule's drop_connection: close without replying
  // Set when the frame reports writes that are not on disk yet (group commit): the net layer sends `frame`
  // once this calls back with true, or `frame_if_not_durable` (an error reply) with false. Other frames,
  // and this socket's pushes, go on meanwhile.
  std::function<void(std::function<void(bool ok)> wake)> wait_durable;
  std::string frame_if_not_durable;
  // Runs once the reply frame is queued: the call's after-callbacks (reference/rest-api.md §7).
  std::function<void()> after_reply;
  // Set for a parked long poll over the socket (an AVChatRoom's get_msg): the reply frame is the body of what
  // it completes with, or of its timeout reply once its hold runs out; the net layer waits on a timer and the
  // client's other frames go on meanwhile. `frame` is then unused.
  std::shared_ptr<PendingReply> pending;
};

// The receiving half: one per open WebSocket, called on that socket's strand only.
class SocketSession {
 public:
  virtual ~SocketSession() = default;
  // Binary frames (/binfo) or text frames (/info), fixed for the socket's life.
  virtual bool binary_frames() const = 0;
  virtual SocketReply on_frame(std::string_view bytes) = 0;
  // The socket closed (either side). No call follows.
  virtual void on_close() = 0;
};

}  // namespace timock::router
