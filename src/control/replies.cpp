#include "control/replies.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "core/json_limits.hpp"

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

std::optional<json::object> parse_object(std::string_view body) {
  if (body.empty()) return json::object{};
  return core::parse_object(body);
}

}  // namespace timock::control
