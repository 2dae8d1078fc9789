#include "core/json_limits.hpp"

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

}  // namespace timock::core
