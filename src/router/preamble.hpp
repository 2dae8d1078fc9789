// What every surface (REST, WebIM, Chat SDK) does around a call in the same way, in one place: find the app
// (60012/70020), admit it past the quotas, the fault gate, a throwing command turned into the service's internal
// error, the reply envelope (router/envelope.hpp), and the journal entry, metrics and debug log after it. Each
// surface calls the stages in its documented order (rest_gateway.cpp, webim/client_gateway.cpp,
// chatsdk/socket_gateway.cpp).
#pragma once

#include <boost/json/fwd.hpp>
#include <chrono>
#include <exception>
#include <memory>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "api/command.hpp"
#include "core/fault_rules.hpp"
#include "router/http_types.hpp"
#include "router/context.hpp"
#include "store/group_commit.hpp"

namespace timock::store {
class CommitWatch;
}

namespace timock::router {

// What a matching fault rule asks for.
struct FaultDecision {
  std::string rule_id;
  std::int64_t delay_ms = 0;
  unsigned http_status = 200;
  bool drop_connection = false;
  std::optional<api::Reply> error;  // set when the rule replaces the reply (error_code or drop_connection)

  // A rule without an error code still shapes the delivery: its delay, and its HTTP status on the real reply
  // (a proxy that answers 502 after the service did the work).
  void shape(HttpResponse& response) const {
    response.delay_ms = delay_ms;
    response.status = http_status;
    response.drop_connection = drop_connection;
  }
};

enum class Surface { rest, webim, chatsdk };

// One call on any surface, from its arrival to its journal entry.
class Preamble {
 public:
  Preamble(Context& services, Surface surface, std::string_view service, std::string_view command);

  // The app the `sdkappid` text names: 60012 when it is missing or empty, 70020 when it is no app of timock's.
  std::optional<api::Reply> find_app(std::optional<std::string_view> sdkappid_text);
  // The same for an SDKAppID already read (a Chat SDK head): 60012 when there is none.
  std::optional<api::Reply> find_app(std::optional<core::SdkAppId> sdkappid);
  // The app's quotas, when it has them on (60011, 60007; rest-api.md §8). `recipients`: what the call asks of a
  // quota counted in recipients (batchsendmsg's To_Account entries).
  std::optional<api::Reply> admit_quota(std::int64_t recipients);
  // The fault gate: the reply a matching rule puts in place of the command's, if it replaces it. A rule that only
  // delays or sets a status shapes the response later (shape()). `body` gives the peer rules may match.
  std::optional<api::Reply> fault_gate(const boost::json::object* body);
  // Runs the command: a throw (a store failure: a full disk, a locked file) becomes the service's internal
  // error, or 70020 when the app was deleted while the call ran (its rows went from under the command).
  api::Reply run(const std::function<api::Reply()>& command, core::ErrorCode internal_error);
  // The reply as the wire's JSON envelope; notes its code for the journal.
  std::string envelope(const api::Reply& reply, bool error_display = false, bool action_status = true);
  // What a matching fault rule asks of the delivery (delay, HTTP status, dropped connection).
  void shape(HttpResponse& response) const;
  // Counts and journals the call (`journaled_as`: the request as the journal shows it); notes the journal entry
  // in `response` (journal_app, journal_seq), so the entry can be amended if the call's writes are lost.
  void record(const HttpRequest& journaled_as, HttpResponse& response);

  const core::App* app() const { return app_.get(); }
  std::shared_ptr<const core::App> shared_app() const { return app_; }
  const std::optional<FaultDecision>& fault() const { return fault_; }
  // Who the call acts for, as fault rules and the journal name it.
  void set_identifier(std::string_view identifier) { identifier_ = std::string(identifier); }
  void set_service(std::string_view service, std::string_view command);
  void set_code(core::ErrorCode code) { code_ = code; }

 private:
  Context& services_;
  Surface surface_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::string service_;
  std::string command_;
  std::string identifier_;
  std::shared_ptr<const core::App> app_;
  std::optional<FaultDecision> fault_;
  core::ErrorCode code_ = core::ErrorCode::ok;
};
// Watches the writes a call makes while it lives (group commit), so its reply is released once they are on
// disk, or replaced by an error when one of their batches is lost (a full disk): the one durability path of
// HTTP replies (Router::handle) and Chat SDK frames.
class WriteWatch {
 public:
  explicit WriteWatch(Context& context);
  ~WriteWatch();
  WriteWatch(const WriteWatch&) = delete;
  WriteWatch& operator=(const WriteWatch&) = delete;
  // What became of the writes made since the watch began (on_disk when there were none).
  store::Durability durability();
  // For a pending reply: the net layer's wait (durability_wait below) for those writes.
  std::function<void(std::function<void(bool ok)> wake)> wait(std::uint64_t journal_app, std::uint64_t journal_seq);

 private:
  Context& context_;
  std::unique_ptr<store::CommitWatch> watch_;
};

// The reply to a call whose writes `watch` saw: unchanged when they are on disk, made to wait for them when they
// are not yet (response.wait_durable), replaced by an error when they were lost.
void settle_writes(WriteWatch& watch, Context& services, HttpResponse& response);

// The call journaled as (app, seq) was answered with not_durable_reply() after all: its writes were lost.
void journal_not_durable(core::Journal& journal, std::uint64_t app, std::uint64_t seq);
// The net layer's wait for a call whose writes are not on disk yet (HTTP replies and Chat SDK frames alike):
// it wakes with true once every batch of `range` is on disk, or with false, after amending the call's journal
// entry, when one of them is lost.
std::function<void(std::function<void(bool ok)> wake)> durability_wait(Context& services, store::CommitRange range,
                                                                      std::uint64_t journal_app,
                                                                      std::uint64_t journal_seq);

}  // namespace timock::router
