#include "api/beijing_calendar.hpp"

#include <chrono>
#include <cstdio>

namespace timock::api {

namespace {

std::chrono::year_month_day date_of_day(std::int64_t day) {
  return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{day}}};
}

}  // namespace

std::optional<std::int64_t> day_of_date(std::int64_t year, std::int64_t month, std::int64_t day) {
  if (year < -32767 || year > 32767 || month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{static_cast<int>(year)},
                                         std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) return std::nullopt;
  return std::chrono::sys_days{date}.time_since_epoch().count();
}

std::string compact_date(std::int64_t day) {
  const auto date = date_of_day(day);
  char out[16];
  std::snprintf(out, sizeof out, "%04d%02u%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()));
  return out;
}

std::string beijing_timestamp(std::int64_t unix_time) {
  const std::int64_t day = beijing_day(unix_time);
  const std::int64_t seconds = unix_time + kBeijingOffset - day * kDaySeconds;
  const auto date = date_of_day(day);
  char out[64];  // room for any int the compiler cannot rule out
  std::snprintf(out, sizeof out, "%04d-%02u-%02u %02lld:%02lld:%02lld", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<long long>(seconds / 3600), static_cast<long long>(seconds / 60 % 60),
                static_cast<long long>(seconds % 60));
  return out;
}

}  // namespace timock::api
