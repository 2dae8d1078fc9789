// The "groups" of an app in the fixture/snapshot format (DESIGN "Fixture / snapshot format"; README
// "Fixtures and snapshots"): each group with its members, the mutes of former members, a live room's bans and
// the history (messages and tips under one seq counter). Internal to control/: fixture_format.cpp reads and
// writes the rest of the app.
#pragma once

#include <boost/json/array.hpp>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "control/fixture_reader.hpp"
#include "core/snapshot.hpp"

namespace timock::control::fixture {

// The app's "groups", every field checked (throws Bad with its path). Members and mutes must name one of
// `known` (the accounts and the admin); omitted fields get what create_group would give.
std::vector<core::GroupState> read_groups(const Reader& app, const std::set<std::string>& known,
                                          const std::string& admin, std::int64_t now);
boost::json::array groups_to_json(const std::vector<core::GroupState>& groups);

}  // namespace timock::control::fixture
