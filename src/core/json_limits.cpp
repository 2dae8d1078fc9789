#include "core/json_limits.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <cmath>

namespace timock::core {

bool all_numbers_finite(const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::double_:
      return std::isfinite(value.get_double());
    case boost::json::kind::array:
      for (const auto& item : value.get_array())
        if (!all_numbers_finite(item)) return false;
      return true;
    case boost::json::kind::object:
      for (const auto& member : value.get_object())
        if (!all_numbers_finite(member.value())) return false;
      return true;
    default:
      return true;
  }
}

std::optional<boost::json::object> parse_object(std::string_view text) {
  boost::json::parse_options options;
  options.max_depth = kMaxJsonDepth;
  boost::system::error_code ec;
  auto value = boost::json::parse(text, ec, {}, options);
  if (ec || !value.is_object() || !all_numbers_finite(value)) return std::nullopt;
  return std::move(value.get_object());
}

}  // namespace timock::core
