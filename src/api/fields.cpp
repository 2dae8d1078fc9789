#include "api/fields.hpp"

namespace timock::api {

const boost::json::value* find_any(const boost::json::object& body, std::initializer_list<std::string_view> names) {
  for (auto name : names)
    if (const auto* value = body.if_contains(name)) return value;
  return nullptr;
}

std::optional<std::int64_t> as_int(const boost::json::value& value) {
  if (value.is_int64()) return value.get_int64();
  if (value.is_uint64() && value.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
    return static_cast<std::int64_t>(value.get_uint64());
  return std::nullopt;
}

bool is_number(const boost::json::value& value) { return value.is_number(); }

bool fits_uint32(std::int64_t value) { return value >= 0 && value <= 0xFFFFFFFFll; }

Field<std::string_view> string_field(const boost::json::object& body,
                                     std::initializer_list<std::string_view> names) {
  const auto* value = find_any(body, names);
  if (!value) return {};
  if (!value->is_string()) return {FieldState::wrong_type, {}};
  return {FieldState::ok, std::string_view(value->get_string())};
}

Field<std::int64_t> int_field(const boost::json::object& body, std::initializer_list<std::string_view> names) {
  const auto* value = find_any(body, names);
  if (!value) return {};
  auto number = as_int(*value);
  if (!number) return {FieldState::wrong_type, 0};
  return {FieldState::ok, *number};
}

Field<const boost::json::array*> array_field(const boost::json::object& body,
                                             std::initializer_list<std::string_view> names) {
  const auto* value = find_any(body, names);
  if (!value) return {};
  if (!value->is_array()) return {FieldState::wrong_type, nullptr};
  return {FieldState::ok, &value->get_array()};
}

Field<const boost::json::object*> object_field(const boost::json::object& body,
                                               std::initializer_list<std::string_view> names) {
  const auto* value = find_any(body, names);
  if (!value) return {};
  if (!value->is_object()) return {FieldState::wrong_type, nullptr};
  return {FieldState::ok, &value->get_object()};
}

bool valid_user_id(std::string_view user_id) { return !user_id.empty() && user_id.size() <= kMaxUserIdBytes; }

}  // namespace timock::api
