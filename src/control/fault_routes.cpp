// /mock/apps/{id}/faults[/{rule}]: list, add, read, delete fault rules (DESIGN's fault-rule format).
#include <boost/json/value.hpp>
#include <variant>

#include "api/fields.hpp"
#include "control/control_plane.hpp"
#include "control/replies.hpp"
#include "core/fault_rules.hpp"

namespace timock::control {

namespace json = boost::json;

namespace {

// A minute: longer than any SDK waits for a reply, short enough that a typo cannot park a test run.
constexpr std::int64_t kMaxDelayMs = 60000;

json::object rule_json(const core::FaultRule& rule) {
  json::object match;
  if (!rule.match.service.empty()) match["service"] = rule.match.service;
  if (!rule.match.command.empty()) match["command"] = rule.match.command;
  if (!rule.match.identifier.empty()) match["identifier"] = rule.match.identifier;
  if (!rule.match.peer.empty()) match["peer"] = rule.match.peer;
  if (!rule.match.surface.empty()) match["surface"] = rule.match.surface;
  json::object out{{"id", rule.id},           {"match", std::move(match)},     {"error_code", rule.error_code},
                   {"error_info", rule.error_info}, {"probability", rule.probability}, {"delay_ms", rule.delay_ms},
                   {"http_status", rule.http_status}, {"drop_connection", rule.drop_connection}, {"hits", rule.hits}};
  out["times"] = rule.times ? json::value(*rule.times) : json::value(nullptr);
  out["seed"] = rule.seed ? json::value(*rule.seed) : json::value(nullptr);
  return out;
}

// Parses a rule; on error returns the problem reply.
std::variant<core::FaultRule, router::HttpResponse> parse_rule(const json::object& body) {
  core::FaultRule rule;
  if (const auto* id = body.if_contains("id"); id && !id->is_null()) {
    if (!id->is_string() || id->get_string().empty()) return problem(400, "id must be a non-empty string", "id");
    rule.id = std::string(id->get_string());
  }
  if (const auto* match = body.if_contains("match"); match && !match->is_null()) {
    if (!match->is_object()) return problem(400, "match must be an object", "match");
    for (const auto& [key, value] : match->get_object()) {
      if (!value.is_string()) return problem(400, "match fields must be strings", "match." + std::string(key));
      std::string text(value.get_string());
      if (key == "service") rule.match.service = text;
      else if (key == "command") rule.match.command = text;
      else if (key == "identifier") rule.match.identifier = text;
      else if (key == "peer") rule.match.peer = text;
      else if (key == "surface") {
        if (text != "rest" && text != "webim" && text != "chatsdk" && text != "callback")
          return problem(400, "match.surface must be rest, webim, chatsdk or callback", "match.surface");
        rule.match.surface = text;
      } else return problem(400, "unknown match field (service, command, identifier, peer, surface)", "match." + std::string(key));
    }
  }
  const auto code = api::int_field(body, {"error_code"});
  if (code.state == api::FieldState::wrong_type || (code.ok() && (code.value < 0 || code.value > 0x7FFFFFFF)))
    return problem(400, "error_code must be a non-negative integer", "error_code");
  rule.error_code = code.ok() ? static_cast<int>(code.value) : 0;
  if (const auto info = api::string_field(body, {"error_info"}); info.ok()) rule.error_info = std::string(info.value);
  else if (info.state == api::FieldState::wrong_type) return problem(400, "error_info must be a string", "error_info");
  if (const auto* times = body.if_contains("times"); times && !times->is_null()) {
    const auto n = api::as_int(*times);
    if (!n || *n < 1) return problem(400, "times must be a positive integer (or null for ever)", "times");
    rule.times = *n;
  }
  if (const auto* p = body.if_contains("probability"); p && !p->is_null()) {
    if (!p->is_number() || p->to_number<double>() < 0 || p->to_number<double>() > 1)
      return problem(400, "probability must be a number in [0, 1]", "probability");
    rule.probability = p->to_number<double>();
  }
  if (const auto* seed = body.if_contains("seed"); seed && !seed->is_null()) {
    const auto n = api::as_int(*seed);
    if (!n || *n < 0) return problem(400, "seed must be a non-negative integer", "seed");
    rule.seed = static_cast<std::uint64_t>(*n);
  }
  const auto delay = api::int_field(body, {"delay_ms"});
  if (delay.state == api::FieldState::wrong_type || (delay.ok() && (delay.value < 0 || delay.value > kMaxDelayMs)))
    return problem(400, "delay_ms must be an integer from 0 to 60000", "delay_ms");
  rule.delay_ms = delay.ok() ? delay.value : 0;
  const auto status = api::int_field(body, {"http_status"});
  if (status.state == api::FieldState::wrong_type || (status.ok() && (status.value < 200 || status.value > 599)))
    return problem(400, "http_status must be an integer from 200 to 599", "http_status");
  rule.http_status = status.ok() ? static_cast<unsigned>(status.value) : 200;
  if (const auto* drop = body.if_contains("drop_connection"); drop && !drop->is_null()) {
    if (!drop->is_bool()) return problem(400, "drop_connection must be true or false", "drop_connection");
    rule.drop_connection = drop->get_bool();
  }
  if (rule.error_code == 0 && rule.delay_ms == 0 && !rule.drop_connection && rule.http_status == 200)
    return problem(400, "a rule needs error_code, delay_ms, http_status or drop_connection");
  return rule;
}

}  // namespace

router::HttpResponse handle_faults(const router::HttpRequest& request, router::Context& services,
                                   core::SdkAppId app, std::optional<std::string_view> rule_id) {
  const std::string_view method = request.method;
  if (!rule_id) {
    if (method == "GET") {
      json::array rules;
      for (const auto& rule : services.faults.list(app)) rules.push_back(rule_json(rule));
      return ok_json(json::object{{"rules", std::move(rules)}});
    }
    if (method == "POST") {
      auto body = parse_object(request.body);
      if (!body) return problem(400, "body must be a JSON object");
      auto parsed = parse_rule(*body);
      if (auto* error = std::get_if<router::HttpResponse>(&parsed)) return std::move(*error);
      return ok_json(rule_json(services.faults.add(app, std::get<core::FaultRule>(std::move(parsed)))), 201);
    }
    if (method == "DELETE") {
      services.faults.clear(app);
      return ok_json(json::object{{"deleted", "all"}});
    }
    return problem(405, "use GET, POST or DELETE");
  }
  if (method == "GET") {
    auto rule = services.faults.find(app, *rule_id);
    return rule ? ok_json(rule_json(*rule)) : problem(404, "no such fault rule");
  }
  if (method == "DELETE")
    return services.faults.remove(app, *rule_id) ? ok_json(json::object{{"deleted", *rule_id}})
                                                 : problem(404, "no such fault rule");
  return problem(405, "use GET or DELETE");
}

}  // namespace timock::control
