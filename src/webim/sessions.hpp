// WebIM 1.7 client sessions: who is logged in (TinyId + A2Key per instance), their long-poll ids, the
// messages waiting for each instance, and the poll parked for it (reference/webim-protocol.md §3, §4.7–4.9).
// Login state lives in memory: after a restart clients get a clean error code (20002, or 91101 on a poll).
#pragma once

#include <boost/json/array.hpp>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/event_hub.hpp"
#include "router/http_types.hpp"

namespace timock::store {
class Store;
class AppRegistry;
}  // namespace timock::store
namespace timock::router {
class PendingReply;
}
namespace timock::core {
class Clock;
}

namespace timock::webim {

// One logged-in client (a browser tab, a mini program): the SDK's A2Key names it.
struct Instance {
  core::SdkAppId app = 0;
  std::string user;
  std::string tinyid;
  std::string a2;
  std::string long_polling_id;
  bool first_poll_answered = false;
  bool kicked = false;
  std::uint64_t next_notice_seq = 1;
  // Message items (webim-protocol.md §6) not yet acknowledged by a poll cursor, oldest first.
  std::deque<std::pair<std::uint64_t, boost::json::object>> inbox;
  std::shared_ptr<router::PendingReply> parked;
  std::uint64_t parked_cursor = 0;
};

enum class Lookup { ok, unknown, kicked };

class Sessions final : public core::EventListener {
 public:
  // A client may hold several instances per user (phones, tabs); past this the oldest is kicked (91101),
  // as the real service does when its web instance limit is exceeded (rest-api.md §4.6).
  static constexpr std::size_t kMaxInstancesPerUser = 8;
  // Messages kept per instance until a poll acknowledges them; a client gone quiet loses the oldest.
  static constexpr std::size_t kMaxInboxItems = 1000;

  Sessions(store::Store& store, store::AppRegistry& apps, const core::Clock& clock, std::chrono::milliseconds hold)
      : store_(store), apps_(apps), clock_(clock), hold_(hold) {}

  // A new instance for `user`. Returns its TinyId and A2Key.
  std::pair<std::string, std::string> login(core::SdkAppId app, const std::string& user);
  // The user of a (tinyid, a2) pair, or why there is none.
  Lookup find(core::SdkAppId app, std::string_view tinyid, std::string_view a2, std::string& user);
  std::string new_long_polling_id(core::SdkAppId app, std::string_view a2);
  // A long poll: events at once, an immediate idle reply, or a parked PendingReply.
  router::HttpResponse long_poll(core::SdkAppId app, std::string_view a2, std::string_view long_polling_id,
                                 std::uint64_t notice_cursor, bool notify_mode);
  void logout_instance(core::SdkAppId app, std::string_view a2);
  void logout_user(core::SdkAppId app, std::string_view user);
  std::chrono::milliseconds hold() const { return hold_; }
  std::size_t parked_polls() const;

  void on_c2c_message(core::SdkAppId app, const core::C2cMessage& message, std::string_view origin) override;
  void on_kick(core::SdkAppId app, std::string_view user) override;
  void on_app_reset(core::SdkAppId app) override;
  bool is_online(core::SdkAppId app, std::string_view user) const override;

 private:
  using Key = std::pair<core::SdkAppId, std::string>;  // (app, a2)
  void kick(Instance& instance);

  store::Store& store_;
  store::AppRegistry& apps_;
  const core::Clock& clock_;
  std::chrono::milliseconds hold_;
  mutable std::mutex mutex_;
  std::map<Key, Instance> instances_;
  std::map<Key, std::deque<std::string>> by_user_;  // (app, user) → a2 of its instances, oldest first
  std::uint64_t next_long_polling_id_ = 1;
  // Polls parked now (shared with their PendingReplies, which may outlive the sessions by a moment).
  std::shared_ptr<std::atomic<std::int64_t>> parked_count_ = std::make_shared<std::atomic<std::int64_t>>(0);
};

// The reply bodies of a long poll, as envelopes.
std::string idle_poll_body();
std::string kicked_poll_body();

}  // namespace timock::webim
