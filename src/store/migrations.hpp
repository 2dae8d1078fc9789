// schema/NNN_name.sql files, embedded at build time (cmake/embed_migrations.cmake) and applied in order.
#pragma once

#include <string_view>
#include <vector>

namespace timock::store {

class Database;

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

const std::vector<Migration>& embedded_migrations();

// Applies every migration newer than the database's PRAGMA user_version, each in its own transaction.
// Throws StoreError when the database is newer than this binary.
void migrate(Database& db);

}  // namespace timock::store
