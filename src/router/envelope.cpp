#include "router/envelope.hpp"

#include <array>
#include <boost/json/serializer.hpp>
#include <boost/json/value.hpp>

#include "router/http_types.hpp"

namespace timock::router {

namespace json = boost::json;

namespace {

// The envelope's own members, the one place their rules live: ActionStatus from the code unless the reply
// names it (batchsendmsg's "SomeError"), ErrorInfo the catalogue's default unless the reply gives one.
struct Header {
  std::string_view action_status;
  int error_code;
  std::string_view error_info;
};

Header header_of(const api::Reply& reply) {
  const bool ok = reply.code == core::ErrorCode::ok;
  return {!reply.action_status.empty() ? std::string_view(reply.action_status)
          : ok                         ? std::string_view("OK")
                                       : std::string_view("FAIL"),
          core::to_int(reply.code),
          !reply.error_info.empty() ? std::string_view(reply.error_info) : core::default_error_info(reply.code)};
}

constexpr std::array<std::string_view, 4> kEnvelopeKeys = {"ActionStatus", "ErrorCode", "ErrorInfo",
                                                           "ErrorDisplay"};

// Appends the JSON text of `value` (a value or a string view) to `out`, without an intermediate string.
template <typename T>
void append_json(std::string& out, const T& value) {
  json::serializer serializer;
  serializer.reset(&value);
  char buffer[4096];
  while (!serializer.done()) out.append(serializer.read(buffer, sizeof buffer));
}

void append_json(std::string& out, json::string_view text) {
  json::serializer serializer;
  serializer.reset(text);
  char buffer[512];
  while (!serializer.done()) out.append(serializer.read(buffer, sizeof buffer));
}

}  // namespace

// Serialised member by member rather than built as one json::object first: that copied every reply field (a
// whole MsgList) before serialising it (bench/RESULTS.md F5). A reply field named like an envelope member
// replaces its value in place, as assigning it into the object did.
std::string envelope(const api::Reply& reply, bool error_display, bool action_status) {
  std::string out;
  std::size_t raw_bytes = 0;
  for (const auto& field : reply.raw_fields) raw_bytes += field.first.size() + field.second.size() + 4;
  out.reserve(256 + raw_bytes);
  out += '{';
  bool first = true;
  const auto key = [&](std::string_view name) {
    if (!first) out += ',';
    first = false;
    append_json(out, json::string_view(name));
    out += ':';
  };
  const auto header = [&](std::string_view name, const auto& own_value) {
    key(name);
    if (const auto* field = reply.fields.if_contains(name))
      append_json(out, *field);
    else
      own_value();
  };
  const auto own = header_of(reply);
  if (action_status) header("ActionStatus", [&] { append_json(out, json::string_view(own.action_status)); });
  header("ErrorCode", [&] { out += std::to_string(own.error_code); });
  header("ErrorInfo", [&] { append_json(out, json::string_view(own.error_info)); });
  if (error_display) header("ErrorDisplay", [&] { out += "\"\""; });
  for (const auto& [name, value] : reply.fields) {
    bool is_header = false;
    for (auto header_key : kEnvelopeKeys)
      if (name == header_key && (header_key != "ErrorDisplay" || error_display) &&
          (header_key != "ActionStatus" || action_status))
        is_header = true;
    if (is_header) continue;
    key(name);
    append_json(out, value);
  }
  for (const auto& [name, text] : reply.raw_fields) {
    key(name);
    out += text;
  }
  out += '}';
  return out;
}

std::string error_envelope(core::ErrorCode code, std::string_view info) {
  return envelope(api::Reply::error(code, std::string(info)), false);
}

api::Reply not_durable_reply() {
  return api::Reply::error(core::ErrorCode::account_internal_error,
                           "the write could not be committed to the database (see the server log)");
}

std::string not_durable_envelope() { return envelope(not_durable_reply(), false); }

HttpResponse json_response(unsigned status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

}  // namespace timock::router
