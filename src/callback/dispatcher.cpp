#include "callback/dispatcher.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <chrono>

#include "callback/sign.hpp"
#include "callback/transport.hpp"
#include "core/clock.hpp"
#include "core/error_code.hpp"
#include "core/fault_rules.hpp"
#include "core/journal.hpp"
#include "core/metrics.hpp"

namespace timock::callback {

namespace json = boost::json;

namespace {

// §7: the query string every callback carries, then Sign and RequestTime when the app set a token.
std::string callback_url(const core::CallbackConfig& config, const core::App& app, const Callbacks& origin,
                         std::string_view command, std::int64_t now) {
  auto parsed = boost::urls::parse_absolute_uri(config.url);
  boost::urls::url url = parsed ? boost::urls::url(*parsed) : boost::urls::url();
  auto params = url.params();
  params.append({"SdkAppid", std::to_string(app.sdkappid)});
  params.append({"CallbackCommand", command});
  params.append({"contenttype", "json"});
  params.append({"ClientIP", origin.client_ip()});
  params.append({"OptPlatform", origin.platform()});
  if (!config.token.empty()) {
    params.append({"Sign", sign(config.token, now)});
    params.append({"RequestTime", std::to_string(now)});
  }
  return std::string(url.buffer());
}

// §7: HTTP 200 and a JSON object, else the call failed; ErrorCode 0 lets the event through.
Verdict read_verdict(const OutboundResult& result, bool deny_on_failure) {
  Verdict verdict;
  bool ok = result.answered && result.status == 200;
  if (ok) {
    boost::system::error_code ec;
    auto value = json::parse(result.body, ec);
    ok = !ec && value.is_object();
    if (ok) {
      verdict.reply = std::move(value.get_object());
      if (const auto* code = verdict.reply.if_contains("ErrorCode"); code && code->is_int64())
        verdict.error_code = static_cast<int>(code->get_int64());
      if (const auto* info = verdict.reply.if_contains("ErrorInfo"); info && info->is_string())
        verdict.error_info = std::string(info->get_string());
    }
  }
  if (!ok) (deny_on_failure ? verdict.denied_by_failure : verdict.failed) = true;
  return verdict;
}

std::string journaled_reply(const OutboundResult& result) {
  if (result.answered) return result.body;
  return "(" + (result.error.empty() ? std::string("no answer") : result.error) + ")";
}

}  // namespace

void Dispatcher::ask(const core::App& app, const Callbacks& origin, std::string command, json::object body,
                     std::function<void(Verdict)> done) {
  send(app, origin, std::move(command), std::move(body), std::move(done));
}

void Dispatcher::tell(const core::App& app, const Callbacks& origin, std::string command, json::object body) {
  send(app, origin, std::move(command), std::move(body), nullptr);
}

void Dispatcher::tell_all(const core::App& app, Callbacks& origin) {
  for (auto& notice : origin.take_notices()) tell(app, origin, std::move(notice.command), std::move(notice.body));
}

void Dispatcher::send(const core::App& app, const Callbacks& origin, std::string command, json::object body,
                      std::function<void(Verdict)> done) {
  const auto& config = origin.config();
  const std::int64_t now = clock_.now();
  // §7: the body always names its CallbackCommand; it comes first, as in the documented bodies.
  json::object sent;
  sent["CallbackCommand"] = command;
  for (auto& [key, value] : body)
    if (key != "CallbackCommand") sent[key] = std::move(value);

  OutboundRequest request;
  request.url = callback_url(config, app, origin, command, now);
  request.body = json::serialize(sent);
  request.timeout = std::chrono::milliseconds(config.timeout_ms);
  std::string rule_id;
  if (auto fault = faults_.consult(app.sdkappid, {"callback", command, "", "", "callback"})) {
    rule_id = fault->rule_id;
    request.hold = std::chrono::milliseconds(fault->delay_ms);
    // A rule with an error code or a dropped connection stands for a receiver that never answers.
    if (fault->error_code != 0 || fault->drop_connection) request.hold = request.timeout;
    if (request.hold >= request.timeout) {
      request.hold = request.timeout;
      request.fail_with = "timeout (fault rule " + rule_id + ")";
    }
  }

  auto finish = [this, sdkappid = app.sdkappid, command, url = request.url, sent_text = request.body,
                 deny = config.deny_on_failure, started = std::chrono::steady_clock::now(), rule_id,
                 sent = std::move(sent), done = std::move(done)](OutboundResult result) mutable {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    Verdict verdict = read_verdict(result, deny);
    const bool failed = verdict.failed || verdict.denied_by_failure;
    const int code = failed ? core::to_int(core::ErrorCode::callback_failed) : verdict.error_code;
    metrics_.count_request("callback", "callback", command, code, seconds);
    core::JournalEntry entry;
    entry.time = clock_.now();
    entry.method = "POST";
    entry.path = url;
    entry.service = "callback";
    entry.command = command;
    entry.surface = "callback";
    entry.request_body = sent_text;
    entry.reply_body = journaled_reply(result);
    entry.error_code = code;
    entry.latency_ms = seconds * 1000.0;
    entry.fault_rule = rule_id;
    if (result.answered) entry.http_status = result.status;
    journal_.record(sdkappid, std::move(entry));
    if (done) {
      verdict.asked = std::move(sent);
      done(std::move(verdict));
    }
  };

  Transport* transport = transport_.load();
  if (!transport) return finish(OutboundResult{false, 0, {}, "no outbound client"});
  transport->post(std::move(request), std::move(finish));
}

}  // namespace timock::callback
