// The fixture's "catalogue" object (DESIGN "Fixture / snapshot format"): the REST catalogue's own state
// (schema/011) as {"table": [{column: value}]}, each table's columns as store::catalogue_tables() names them.
#pragma once

#include <boost/json/object.hpp>
#include <set>
#include <string>
#include <vector>

#include "control/fixture_reader.hpp"
#include "core/snapshot.hpp"

namespace timock::control::fixture {

std::vector<core::CatalogueTable> read_catalogue(const Reader& app, const std::set<std::string>& known);
boost::json::object catalogue_to_json(const std::vector<core::CatalogueTable>& tables);

}  // namespace timock::control::fixture
