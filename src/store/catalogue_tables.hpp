// The REST catalogue's own tables (schema/011) as snapshots and fixtures carry them: each table's columns, in
// an order that respects their foreign keys, read and written generically (core::CatalogueTable).
#pragma once

#include <string_view>
#include <vector>

#include "core/snapshot.hpp"

namespace timock::store {

class Database;

struct CatalogueColumn {
  std::string_view name;
  bool integer = false;
  bool account = false;  // names an account of the app (its foreign key)
};

struct CatalogueTableSpec {
  std::string_view table;
  std::vector<CatalogueColumn> columns;
};

const std::vector<CatalogueTableSpec>& catalogue_tables();

// The app's rows of every catalogue table that has some.
std::vector<core::CatalogueTable> read_catalogue(Database& db, core::SdkAppId sdkappid);
// Inserts the rows (the app was emptied before); a row repeating another's key replaces it.
void write_catalogue(Database& db, core::SdkAppId sdkappid, const std::vector<core::CatalogueTable>& tables);

}  // namespace timock::store
