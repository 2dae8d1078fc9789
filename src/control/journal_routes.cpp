// /mock/apps/{id}/journal: read (filters surface, service, command, identifier, error_code, since, limit;
// order newest|oldest) or clear.
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <charconv>

#include "control/control_plane.hpp"
#include "control/replies.hpp"
#include "core/journal.hpp"
#include "router/query.hpp"

namespace timock::control {

namespace json = boost::json;

namespace {

template <typename Number>
std::optional<Number> number(std::string_view text) {
  Number value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

json::object journal_entry_json(const core::JournalEntry& e) {
  json::object out{{"seq", e.seq},
                   {"time", e.time},
                   {"surface", e.surface},
                   {"method", e.method},
                   {"path", e.path},
                   {"service", e.service},
                   {"command", e.command},
                   {"identifier", e.identifier},
                   {"error_code", e.error_code},
                   {"latency_ms", e.latency_ms},
                   {"fault_rule", e.fault_rule.empty() ? json::value(nullptr) : json::value(e.fault_rule)}};
  // A callback's answer: its HTTP status (a non-200 one is why the callback failed).
  if (e.http_status != 0) out["http_status"] = e.http_status;
  // Bodies are returned parsed when they are JSON, so a test can read fields directly.
  for (auto [key, text] : {std::pair{"request", &e.request_body}, std::pair{"reply", &e.reply_body}}) {
    boost::system::error_code ec;
    auto parsed = json::parse(*text, ec);
    out[key] = ec ? json::value(*text) : parsed;
  }
  return out;
}

router::HttpResponse handle_journal(const router::HttpRequest& request, router::Context& services,
                                    core::SdkAppId app) {
  if (request.method == "DELETE") {
    services.journal.clear(app);
    return ok_json(json::object{{"deleted", "all"}});
  }
  if (request.method != "GET") return problem(405, "use GET or DELETE");
  const auto target = router::parse_target(request.target);
  core::JournalFilter filter;
  for (const auto& [name, value] : target->params) {
    if (name == "surface") filter.surface = value;
    else if (name == "service") filter.service = value;
    else if (name == "command") filter.command = value;
    else if (name == "identifier") filter.identifier = value;
    else if (name == "error_code") {
      filter.error_code = number<int>(value);
      if (!filter.error_code) return problem(400, "error_code must be an integer", "error_code");
    } else if (name == "since") {
      filter.since = number<std::uint64_t>(value);
      if (!filter.since) return problem(400, "since must be a journal seq", "since");
    } else if (name == "order") {
      // The console's live table opens on the newest entries, then appends what the event stream brings.
      if (value != "newest" && value != "oldest")
        return problem(400, "order must be newest or oldest", "order");
      filter.newest_first = value == "newest";
    } else if (name == "limit") {
      const auto limit = number<std::size_t>(value);
      if (!limit || *limit == 0) return problem(400, "limit must be a positive integer", "limit");
      filter.limit = *limit;
    } else {
      return problem(400,
                     "unknown filter (surface, service, command, identifier, error_code, since, limit, "
                     "order)",
                     name);
    }
  }
  json::array entries;
  for (const auto& entry : services.journal.query(app, filter)) entries.push_back(journal_entry_json(entry));
  return ok_json(json::object{{"entries", std::move(entries)}});
}

}  // namespace timock::control
