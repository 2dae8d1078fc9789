#include "console/assets.hpp"

#include <array>
#include <utility>

namespace timock::console {

namespace {

// Only the kinds of file the console ships; anything else is served as bytes.
std::string_view content_type_of(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kTypes{{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".json", "application/json; charset=utf-8"},
  }};
  for (const auto& [suffix, type] : kTypes)
    if (name.ends_with(suffix)) return type;
  return "application/octet-stream";
}

}  // namespace

std::optional<Asset> find_asset(std::string_view name) {
  if (name.empty()) name = "index.html";
  for (const auto& asset : embedded_assets())
    if (asset.name == name) return Asset{asset.bytes, content_type_of(name)};
  return std::nullopt;
}

}  // namespace timock::console
