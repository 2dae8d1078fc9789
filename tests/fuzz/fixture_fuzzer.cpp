// The fixture loader (control::fixture_from_text) on arbitrary text: it answers with apps or with the JSON
// path of the first bad field, never a crash. A fixture it accepts must load into a store, export again,
// and the export must be accepted too (DESIGN: "Export then import gives back the same state").
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <variant>

#include "control/fixture_format.hpp"
#include "fuzz_world.hpp"

using namespace timock;
namespace json = boost::json;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = control::fixture_from_text(text, fuzz::kNow);
  if (auto* error = std::get_if<control::FixtureError>(&parsed)) {
    if (error->path.empty() || error->path[0] != '$') __builtin_trap();  // every refusal names a JSON path
    return 0;
  }
  const auto& snapshots = std::get<std::vector<core::AppSnapshot>>(parsed);
  fuzz::World world;
  world.apps.replace(snapshots);
  json::array exported;
  for (const auto& snapshot : snapshots) {
    const auto app = world.apps.find(snapshot.app.sdkappid);
    if (!app) __builtin_trap();
    exported.push_back(control::snapshot_to_json(world.apps.snapshot(*app)));
  }
  const auto again = control::fixture_from_text(json::serialize(json::object{{"apps", exported}}), fuzz::kNow);
  if (std::holds_alternative<control::FixtureError>(again)) __builtin_trap();
  return 0;
}
