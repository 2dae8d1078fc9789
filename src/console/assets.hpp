// The web console's files (src/console/assets/), compiled into the binary by cmake/embed_console.cmake.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace timock::console {

struct EmbeddedAsset {
  std::string_view name;   // the file's name in src/console/assets/, e.g. "console.js"
  std::string_view bytes;  // its content, as the build read it
};

// Every asset, by file name (generated).
const std::vector<EmbeddedAsset>& embedded_assets();

struct Asset {
  std::string_view bytes;
  std::string_view content_type;
};

// The asset named `name` ("" is index.html), or nullopt.
std::optional<Asset> find_asset(std::string_view name);

}  // namespace timock::console
