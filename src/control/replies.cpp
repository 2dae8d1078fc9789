#include "control/replies.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <charconv>

#include "core/json_limits.hpp"
#include "router/query.hpp"

namespace timock::control {

namespace json = boost::json;

router::HttpResponse problem(unsigned status, std::string_view message, std::string_view field) {
  json::object body{{"error", message}};
  if (!field.empty()) body["field"] = field;
  return router::json_response(status, json::serialize(body));
}

router::HttpResponse ok_json(const json::value& value, unsigned status) {
  return router::json_response(status, json::serialize(value));
}

namespace {

std::optional<std::int64_t> non_negative(std::string_view text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

}  // namespace

std::optional<router::HttpResponse> read_page_query(const router::ParsedTarget& target, PageQuery& query) {
  for (const auto& [name, value] : target.params) {
    if (name == "q") {
      query.search = value;
    } else if (name == "offset") {
      const auto given = non_negative(value);
      if (!given) return problem(400, "offset must be a non-negative integer", "offset");
      query.offset = *given;
    } else if (name == "limit") {
      const auto given = non_negative(value);
      if (!given || *given == 0 || *given > PageQuery::kMaxLimit)
        return problem(400, "limit must be 1..500", "limit");
      query.limit = *given;
    } else {
      return problem(400, "unknown parameter (q, offset, limit)", name);
    }
  }
  return std::nullopt;
}

std::optional<json::object> parse_object(std::string_view body) {
  if (body.empty()) return json::object{};
  return core::parse_object(body);
}

}  // namespace timock::control
