// Typed reads of request fields. A field that is present with the wrong JSON type is reported as such,
// so each handler can answer with the code the reference gives for "missing or not a String/Integer".
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string_view>

namespace timock::api {

enum class FieldState { missing, wrong_type, ok };

template <typename T>
struct Field {
  FieldState state = FieldState::missing;
  T value{};
  bool ok() const { return state == FieldState::ok; }
  bool missing() const { return state == FieldState::missing; }
};

// The first of the given names that is present (old and new spellings, e.g. "UserID" / "Identifier").
const boost::json::value* find_any(const boost::json::object& body, std::initializer_list<std::string_view> names);

Field<std::string_view> string_field(const boost::json::object& body, std::initializer_list<std::string_view> names);
// Integers only (JSON int64/uint64); a double or a numeric string is wrong_type.
Field<std::int64_t> int_field(const boost::json::object& body, std::initializer_list<std::string_view> names);
Field<const boost::json::array*> array_field(const boost::json::object& body,
                                             std::initializer_list<std::string_view> names);
Field<const boost::json::object*> object_field(const boost::json::object& body,
                                               std::initializer_list<std::string_view> names);

std::optional<std::int64_t> as_int(const boost::json::value& value);
bool is_number(const boost::json::value& value);
bool fits_uint32(std::int64_t value);

// UserID rules (reference/rest-api.md §8): non-empty, at most 32 bytes.
constexpr std::size_t kMaxUserIdBytes = 32;
bool valid_user_id(std::string_view user_id);

}  // namespace timock::api
