#include "core/log.hpp"

#include <atomic>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace timock::core::log {

namespace {
std::atomic<Level> g_level{Level::info};
std::atomic<Format> g_format{Format::text};
std::mutex g_write;

const char* name(Level level) {
  switch (level) {
    case Level::debug: return "debug";
    case Level::info: return "info";
    case Level::warn: return "warn";
    case Level::error: return "error";
  }
  return "info";
}

std::string timestamp() {
  const auto now = std::chrono::system_clock::now();
  const auto t = std::chrono::system_clock::to_time_t(now);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[80];  // room for any int GCC sees in the fields (-Wformat-truncation); 24 used
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return text;
}
}  // namespace

void configure(Level level, Format format) {
  g_level = level;
  g_format = format;
}

bool enabled(Level level) { return level >= g_level.load(); }

void write(Level level, std::string_view message, std::initializer_list<std::pair<std::string_view, std::string>> fields) {
  if (!enabled(level)) return;
  std::string line;
  if (g_format == Format::json) {
    boost::json::object o{{"time", timestamp()}, {"level", name(level)}, {"msg", message}};
    for (const auto& [key, value] : fields) o[key] = value;
    line = boost::json::serialize(o);
  } else {
    line = timestamp() + " " + name(level) + " " + std::string(message);
    for (const auto& [key, value] : fields) line += " " + std::string(key) + "=" + value;
  }
  line += "\n";
  std::lock_guard lock(g_write);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

std::optional<Level> parse_level(std::string_view text) {
  if (text == "debug") return Level::debug;
  if (text == "info") return Level::info;
  if (text == "warn") return Level::warn;
  if (text == "error") return Level::error;
  return std::nullopt;
}

}  // namespace timock::core::log
