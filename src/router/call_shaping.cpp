#include "router/call_shaping.hpp"

#include "core/clock.hpp"
#include "core/journal.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"

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

void record_call(Services& services, const HttpRequest& request, const HttpResponse& response,
                 const CallSummary& call) {
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
    services.journal.record(call.app, std::move(entry));
  }
  if (core::log::enabled(core::log::Level::debug))
    core::log::write(core::log::Level::debug, "request",
                     {{"surface", surface}, {"service", service}, {"command", command},
                      {"identifier", std::string(call.identifier)}, {"error_code", std::to_string(call.error_code)},
                      {"ms", std::to_string(call.seconds * 1000.0)}});
}

}  // namespace timock::router
