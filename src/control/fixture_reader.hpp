// What the fixture readers (fixture_format.cpp, fixture_groups.cpp) share: field reads that throw Bad with
// the JSON path of the field, caught once where a fixture is read. Internal to control/.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "api/fields.hpp"
#include "control/fixture_format.hpp"

namespace timock::control::fixture {

struct Bad {
  FixtureError error;
};

inline constexpr std::int64_t kUint32Max = 0xFFFFFFFFll;
inline constexpr std::int64_t kTimeMax = 253402300799;  // 9999-12-31: any sane unix time

class Reader {
 public:
  Reader(const boost::json::value& value, std::string path) : value_(value), path_(std::move(path)) {
    if (!value_.is_object()) throw Bad{{path_, "must be an object"}};
  }
  const boost::json::object& object() const { return value_.get_object(); }
  std::string at(std::string_view key) const { return path_ + "." + std::string(key); }
  // The path of the i-th element of the array under `key`.
  std::string at(std::string_view key, std::size_t i) const {
    return at(key) + "[" + std::to_string(i) + "]";
  }
  const boost::json::value* find(std::string_view key) const {
    const auto* v = object().if_contains(key);
    return v && !v->is_null() ? v : nullptr;
  }
  std::string string(std::string_view key, bool required, std::string fallback = {}) const {
    const auto* v = find(key);
    if (!v) {
      if (required) throw Bad{{at(key), "is required"}};
      return fallback;
    }
    if (!v->is_string()) throw Bad{{at(key), "must be a string"}};
    return std::string(v->get_string());
  }
  std::int64_t integer(std::string_view key, bool required, std::int64_t fallback, std::int64_t min,
                       std::int64_t max) const {
    const auto* v = find(key);
    if (!v) {
      if (required) throw Bad{{at(key), "is required"}};
      return fallback;
    }
    const auto n = api::as_int(*v);
    if (!n || *n < min || *n > max)
      throw Bad{{at(key), "must be an integer from " + std::to_string(min) + " to " + std::to_string(max)}};
    return *n;
  }
  bool boolean(std::string_view key, bool fallback) const {
    const auto* v = find(key);
    if (!v) return fallback;
    if (!v->is_bool()) throw Bad{{at(key), "must be true or false"}};
    return v->get_bool();
  }
  const boost::json::array& array(std::string_view key) const {
    static const boost::json::array empty;
    const auto* v = find(key);
    if (!v) return empty;
    if (!v->is_array()) throw Bad{{at(key), "must be an array"}};
    return v->get_array();
  }

 private:
  const boost::json::value& value_;
  std::string path_;
};

inline std::string user_id(const Reader& r, std::string_view key) {
  auto id = r.string(key, true);
  if (!api::valid_user_id(id)) throw Bad{{r.at(key), "must be a UserID of 1 to 32 bytes"}};
  return id;
}

// A UserID that must be one of `known`: the app's accounts and its admin.
inline std::string account_ref(const Reader& r, std::string_view key, const std::set<std::string>& known) {
  auto id = user_id(r, key);
  if (!known.count(id)) throw Bad{{r.at(key), "names an account that is not in accounts"}};
  return id;
}

}  // namespace timock::control::fixture
