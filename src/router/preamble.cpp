#include "router/preamble.hpp"

#include <boost/json/object.hpp>

#include "core/clock.hpp"
#include "core/journal.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"
#include "core/quota_meter.hpp"
#include "core/sdkappid.hpp"
#include "router/envelope.hpp"
#include "store/app_registry.hpp"
#include "store/store.hpp"

namespace timock::router {

namespace {

std::string_view surface_name(Surface surface) {
  switch (surface) {
    case Surface::rest:
      return "rest";
    case Surface::webim:
      return "webim";
    case Surface::chatsdk:
      return "chatsdk";
  }
  return "rest";
}

}  // namespace

Preamble::Preamble(Context& services, Surface surface, std::string_view service, std::string_view command)
    : services_(services), surface_(surface), service_(service), command_(command) {}

void Preamble::set_service(std::string_view service, std::string_view command) {
  service_ = std::string(service);
  command_ = std::string(command);
}

std::optional<api::Reply> Preamble::find_app(std::optional<std::string_view> sdkappid_text) {
  if (!sdkappid_text || sdkappid_text->empty()) return api::Reply::error(core::ErrorCode::sdkappid_missing);
  return find_app(core::parse_sdkappid(*sdkappid_text).value_or(0));
}

std::optional<api::Reply> Preamble::find_app(std::optional<core::SdkAppId> sdkappid) {
  if (!sdkappid) return api::Reply::error(core::ErrorCode::sdkappid_missing);
  // 0 is never an app: text that is present but no SDKAppID gets 70020 like an unknown one.
  app_ = *sdkappid != 0 ? services_.apps.find(*sdkappid) : nullptr;
  if (!app_) return api::Reply::error(core::ErrorCode::sdkappid_not_found);
  return std::nullopt;
}

std::optional<api::Reply> Preamble::admit_quota(std::int64_t recipients) {
  if (!app_ || !app_->options.quotas.enabled) return std::nullopt;
  const auto verdict = services_.quotas.admit(app_->sdkappid, app_->options.quotas, {service_, command_, recipients},
                                              services_.clock.now());
  if (verdict != core::ErrorCode::ok) return api::Reply::error(verdict);
  return std::nullopt;
}

std::optional<api::Reply> Preamble::fault_gate(const boost::json::object* body) {
  if (!app_) return std::nullopt;
  std::string_view peer;
  if (body)
    for (std::string_view key : {"To_Account", "Peer_Account"})
      if (const auto* v = body->if_contains(key); v && v->is_string()) peer = v->get_string();
  const auto fault = services_.faults.consult(app_->sdkappid, {service_, command_, identifier_, peer, surface_name(surface_)});
  if (!fault) return std::nullopt;
  fault_ = FaultDecision{fault->rule_id, fault->delay_ms, fault->http_status, fault->drop_connection, std::nullopt};
  if (fault->drop_connection || fault->error_code != 0)
    fault_->error = api::Reply::error(static_cast<core::ErrorCode>(fault->error_code), fault->error_info);
  return fault_->error;
}

api::Reply Preamble::run(const std::function<api::Reply()>& command, core::ErrorCode internal_error) {
  try {
    return command();
  } catch (const std::exception& error) {
    if (app_ && !services_.apps.find(app_->sdkappid))
      return api::Reply::error(core::ErrorCode::sdkappid_not_found, "the app was deleted while the request ran");
    return api::Reply::error(internal_error, error.what());
  }
}

std::string Preamble::envelope(const api::Reply& reply, bool error_display, bool action_status) {
  code_ = reply.code;
  return router::envelope(reply, error_display, action_status);
}

void Preamble::shape(HttpResponse& response) const {
  if (fault_) fault_->shape(response);
}

WriteWatch::WriteWatch(Context& context)
    : context_(context), watch_(std::make_unique<store::CommitWatch>(context.store)) {}

WriteWatch::~WriteWatch() = default;

store::Durability WriteWatch::durability() { return context_.store.durability(watch_->range()); }

std::function<void(std::function<void(bool)>)> WriteWatch::wait(std::uint64_t journal_app, std::uint64_t journal_seq) {
  return durability_wait(context_, watch_->range(), journal_app, journal_seq);
}

void journal_not_durable(core::Journal& journal, std::uint64_t app, std::uint64_t seq) {
  if (app != 0) journal.amend(app, seq, core::to_int(not_durable_reply().code), not_durable_envelope());
}

std::function<void(std::function<void(bool)>)> durability_wait(Context& services, store::CommitRange range,
                                                              std::uint64_t journal_app, std::uint64_t journal_seq) {
  return [&store = services.store, &journal = services.journal, range, journal_app,
          journal_seq](std::function<void(bool)> wake) {
    store.when_durable(range, [wake = std::move(wake), &journal, journal_app, journal_seq](bool ok) {
      if (!ok) journal_not_durable(journal, journal_app, journal_seq);
      wake(ok);
    });
  };
}

void Preamble::record(const HttpRequest& request, HttpResponse& response) {
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  const std::string surface(surface_name(surface_));
  const int error_code = core::to_int(code_);
  services_.metrics.count_request(surface, service_, command_, error_code, seconds);
  if (app_) {
    core::JournalEntry entry;
    entry.time = services_.clock.now();
    entry.method = std::string(request.method);
    entry.path = std::string(request.target.substr(0, request.target.find('?')));
    entry.service = service_;
    entry.command = command_;
    entry.surface = surface;
    entry.identifier = identifier_;
    entry.request_body = std::string(request.body);
    entry.reply_body = response.pending           ? std::string("(parked long poll)")
                       : response.drop_connection ? std::string()
                                                  : response.body;
    entry.error_code = error_code;
    entry.latency_ms = seconds * 1000.0;
    entry.fault_rule = fault_ ? fault_->rule_id : std::string();
    response.journal_app = app_->sdkappid;
    response.journal_seq = services_.journal.record(app_->sdkappid, std::move(entry));
  }
  if (core::log::enabled(core::log::Level::debug))
    core::log::write(core::log::Level::debug, "request",
                     {{"surface", surface}, {"service", service_}, {"command", command_}, {"identifier", identifier_},
                      {"error_code", std::to_string(error_code)}, {"ms", std::to_string(seconds * 1000.0)}});
}

}  // namespace timock::router
