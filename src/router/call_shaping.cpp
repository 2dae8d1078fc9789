#include "router/call_shaping.hpp"

#include "core/clock.hpp"
#include "core/journal.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"
#include "router/envelope.hpp"
#include "store/app_registry.hpp"
#include "store/store.hpp"

namespace timock::router {

std::optional<FaultDecision> consult_faults(Services& services, core::SdkAppId app,
                                            const core::FaultSubject& subject) {
  auto fault = services.faults.consult(app, subject);
  if (!fault) return std::nullopt;
  FaultDecision decision{fault->rule_id, fault->delay_ms, fault->http_status, fault->drop_connection, std::nullopt};
  if (fault->drop_connection || fault->error_code != 0)
    decision.error = api::Reply::error(static_cast<core::ErrorCode>(fault->error_code), fault->error_info);
  return decision;
}

void journal_not_durable(core::Journal& journal, std::uint64_t app, std::uint64_t seq) {
  if (app != 0) journal.amend(app, seq, core::to_int(not_durable_reply().code), not_durable_envelope());
}

std::function<void(std::function<void(bool)>)> durability_wait(Services& services, store::CommitRange range,
                                                              std::uint64_t journal_app, std::uint64_t journal_seq) {
  return [&store = services.store, &journal = services.journal, range, journal_app,
          journal_seq](std::function<void(bool)> wake) {
    store.when_durable(range, [wake = std::move(wake), &journal, journal_app, journal_seq](bool ok) {
      if (!ok) journal_not_durable(journal, journal_app, journal_seq);
      wake(ok);
    });
  };
}

api::Reply failed_call(const Services& services, core::SdkAppId app, core::ErrorCode internal_error,
                       const std::exception& error) {
  if (app != 0 && !services.apps.find(app))
    return api::Reply::error(core::ErrorCode::sdkappid_not_found, "the app was deleted while the request ran");
  return api::Reply::error(internal_error, error.what());
}

void record_call(Services& services, const HttpRequest& request, HttpResponse& response, const CallSummary& call) {
  const std::string surface(call.surface), service(call.service), command(call.command);
  services.metrics.count_request(surface, service, command, call.error_code, call.seconds);
  if (call.app != 0) {
    core::JournalEntry entry;
    entry.time = services.clock.now();
    entry.method = std::string(request.method);
    entry.path = std::string(request.target.substr(0, request.target.find('?')));
    entry.service = service;
    entry.command = command;
    entry.surface = surface;
    entry.identifier = std::string(call.identifier);
    entry.request_body = std::string(request.body);
    entry.reply_body = response.pending           ? std::string("(parked long poll)")
                       : response.drop_connection ? std::string()
                                                  : response.body;
    entry.error_code = call.error_code;
    entry.latency_ms = call.seconds * 1000.0;
    entry.fault_rule = std::string(call.fault_rule);
    response.journal_app = call.app;
    response.journal_seq = services.journal.record(call.app, std::move(entry));
  }
  if (core::log::enabled(core::log::Level::debug))
    core::log::write(core::log::Level::debug, "request",
                     {{"surface", surface}, {"service", service}, {"command", command},
                      {"identifier", std::string(call.identifier)}, {"error_code", std::to_string(call.error_code)},
                      {"ms", std::to_string(call.seconds * 1000.0)}});
}

}  // namespace timock::router
