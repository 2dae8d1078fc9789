// A small structured logger: one line per event on stderr, as text or JSON (--log-format), filtered by
// --log-level. Set once by main() before serving; safe to call from any thread.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace timock::core::log {

enum class Level { debug = 0, info = 1, warn = 2, error = 3 };
enum class Format { text, json };

void configure(Level level, Format format);
bool enabled(Level level);
// `fields` are extra key/value pairs: text "key=value", JSON members.
void write(Level level, std::string_view message,
           std::initializer_list<std::pair<std::string_view, std::string>> fields = {});

std::optional<Level> parse_level(std::string_view text);

}  // namespace timock::core::log
