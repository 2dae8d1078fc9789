// The fixture/snapshot JSON format (DESIGN "Fixture / snapshot format") to and from AppSnapshot.
// Parsing validates everything first and names the JSON path of the first bad field.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/snapshot.hpp"

namespace timock::control {

struct FixtureError {
  std::string path;     // e.g. "$.apps[0].accounts[3].user_id"
  std::string message;
};

boost::json::object snapshot_to_json(const core::AppSnapshot& snapshot);
// One app object (the element of "apps"); `path` prefixes error paths.
std::variant<core::AppSnapshot, FixtureError> snapshot_from_json(const boost::json::value& app,
                                                                 const std::string& path, std::int64_t now);
// A whole fixture: {"apps": [...]} text.
std::variant<std::vector<core::AppSnapshot>, FixtureError> fixture_from_text(std::string_view text,
                                                                             std::int64_t now);

}  // namespace timock::control
