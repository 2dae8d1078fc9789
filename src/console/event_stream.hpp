// The console's live events: a WebSocket at /console/events?app=SDKAPPID[&token=TOKEN] (text frames, one JSON
// object each) that tells an open console page what happened in one app as it happens, so its views move
// without polling. It listens where the client protocols do (core::EventHub: every delivery — C2C and group
// messages, recalls, tips, notices, relation and profile changes —, kicks, resets) and to the journal (every
// call the app received, any surface). A browser cannot put a header on a WebSocket, so the control token
// comes as the `token` query parameter.
//
// Frames: {"type":"hello","app"} once; {"type":"delivery","kind","to":[users],"message"|"group"…};
// {"type":"journal","entry"} (the journal route's shape); {"type":"kick","user"}; {"type":"app_reset"};
// {"type":"presence","user","status"} when a user's client logins or connections change (status "online",
// "offline": logged in with no connection, or "not_logged_in");
// {"type":"error","error"} before closing. The page may send "ping" (answered {"type":"pong"}) to keep the
// socket inside the server's idle timeout.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/event_hub.hpp"
#include "core/journal.hpp"
#include "router/query.hpp"
#include "router/socket.hpp"

namespace timock::console {

// Whether an upgrade's path is the console's event stream.
bool is_event_stream_path(std::string_view path);

class EventStream final : public core::EventListener {
 public:
  // Open console pages at once: a few per developer; the bound keeps a runaway script from holding sockets.
  static constexpr std::size_t kMaxSubscribers = 64;

  explicit EventStream(std::string control_token) : control_token_(std::move(control_token)) {}

  // The session for an upgrade on the stream's path (it may only say why it closes: a wrong token, an
  // unknown app id, too many pages open).
  std::shared_ptr<router::SocketSession> open_socket(const router::ParsedTarget& target,
                                                     std::shared_ptr<router::SocketPeer> peer);

  void on_delivery(const core::Delivery& delivery) override;
  void on_kick(core::SdkAppId app, std::string_view user) override;
  void on_app_reset(core::SdkAppId app) override;
  // The client registry's presence observer (client::Registry::set_presence_observer).
  void on_presence(core::SdkAppId app, std::string_view user, std::string_view status);
  // The journal's observer (core::Journal::set_observer).
  void on_journal(core::SdkAppId app, const core::JournalEntry& entry);

  void unsubscribe(std::uint64_t id);

 private:
  struct Subscriber {
    core::SdkAppId app = 0;
    std::shared_ptr<router::SocketPeer> peer;
  };
  bool watched(core::SdkAppId app) const;
  void publish(core::SdkAppId app, const std::string& frame) const;

  const std::string control_token_;
  mutable std::mutex mutex_;
  std::map<std::uint64_t, Subscriber> subscribers_;
  std::uint64_t next_id_ = 1;
};

}  // namespace timock::console
