// What every surface (REST, WebIM) does around a call in the same way: the fault gate before the handler,
// and the journal entry, metrics and debug log after it.
#pragma once

#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "api/command.hpp"
#include "core/fault_rules.hpp"
#include "router/http_types.hpp"
#include "router/services.hpp"
#include "store/group_commit.hpp"

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

std::optional<FaultDecision> consult_faults(Services& services, core::SdkAppId app, const core::FaultSubject& subject);

struct CallSummary {
  std::string_view surface;  // "rest", "webim"
  core::SdkAppId app = 0;    // 0: no app was identified (no journal entry)
  std::string_view service;
  std::string_view command;
  std::string_view identifier;
  int error_code = 0;
  double seconds = 0;
  std::string_view fault_rule;
};

// Counts and journals the call; notes the journal entry in `response` (journal_app, journal_seq), so the
// entry can be amended if the call's writes are lost.
void record_call(Services& services, const HttpRequest& request, HttpResponse& response, const CallSummary& call);
// The call journaled as (app, seq) was answered with not_durable_reply() after all: its writes were lost.
void journal_not_durable(core::Journal& journal, std::uint64_t app, std::uint64_t seq);
// The net layer's wait for a call whose writes are not on disk yet (HTTP replies and Chat SDK frames alike):
// it wakes with true once every batch of `range` is on disk, or with false, after amending the call's journal
// entry, when one of them is lost.
std::function<void(std::function<void(bool ok)> wake)> durability_wait(Services& services, store::CommitRange range,
                                                                      std::uint64_t journal_app,
                                                                      std::uint64_t journal_seq);

// The reply to a handler that threw (a store failure: a full disk, a locked file): the service's internal
// error, or 70020 when the app was deleted while the call ran (its rows went from under the handler).
api::Reply failed_call(const Services& services, core::SdkAppId app, core::ErrorCode internal_error,
                       const std::exception& error);

}  // namespace timock::router
