// The query string of a request, with names looked up case-insensitively (reference/rest-api.md §1.1:
// documented as case-sensitive, but the docs' own examples use "sdkAppid").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace timock::router {

struct ParsedTarget {
  std::string path;  // percent-decoded
  std::vector<std::pair<std::string, std::string>> params;  // names lower-cased, values decoded ('+' kept)

  // The first value of `name` (lower-case), if present.
  std::optional<std::string_view> param(std::string_view name) const;
  // Path split on '/', empty segments dropped.
  std::vector<std::string_view> segments() const;
};

// nullopt when the target is not a valid origin-form URL.
std::optional<ParsedTarget> parse_target(std::string_view target);

}  // namespace timock::router
