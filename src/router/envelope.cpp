#include "router/envelope.hpp"

#include <boost/json.hpp>

#include "router/http_types.hpp"

namespace timock::router {

namespace json = boost::json;

json::object envelope_object(const api::Reply& reply, bool error_display) {
  json::object out;
  out.reserve(reply.fields.size() + 4);
  const bool ok = reply.code == core::ErrorCode::ok;
  out["ActionStatus"] = !reply.action_status.empty() ? reply.action_status : ok ? "OK" : "FAIL";
  out["ErrorCode"] = core::to_int(reply.code);
  out["ErrorInfo"] = !reply.error_info.empty() ? std::string_view(reply.error_info)
                                                : core::default_error_info(reply.code);
  if (error_display) out["ErrorDisplay"] = "";
  for (const auto& [key, value] : reply.fields) out[key] = value;
  return out;
}

std::string envelope(const api::Reply& reply, bool error_display) {
  return json::serialize(envelope_object(reply, error_display));
}

std::string error_envelope(core::ErrorCode code, std::string_view info) {
  return envelope(api::Reply::error(code, std::string(info)), false);
}

HttpResponse json_response(unsigned status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

}  // namespace timock::router
