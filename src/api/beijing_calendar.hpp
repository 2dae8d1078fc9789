// Dates as the service writes them (reference/rest-api.md §3.8): Beijing time, UTC+8, whatever the machine's
// zone. One place for the calendar arithmetic of getappinfo's days, get_history's hours and im_push's days.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace timock::api {

inline constexpr std::int64_t kBeijingOffset = 8 * 3600;
inline constexpr std::int64_t kDaySeconds = 86400;

// The Beijing day (days since 1970-01-01) a Unix time falls on.
inline std::int64_t beijing_day(std::int64_t unix_time) {
  const std::int64_t local = unix_time + kBeijingOffset;
  return local >= 0 ? local / kDaySeconds : (local - kDaySeconds + 1) / kDaySeconds;
}
// Days since 1970-01-01 of a calendar date; nothing when it is no real date (20230231).
std::optional<std::int64_t> day_of_date(std::int64_t year, std::int64_t month, std::int64_t day);
// "YYYYMMDD" of a day number.
std::string compact_date(std::int64_t day);
// "YYYY-MM-DD HH:MM:SS" in Beijing time.
std::string beijing_timestamp(std::int64_t unix_time);

}  // namespace timock::api
