#include "store/migrations.hpp"

#include <string>

#include "store/database.hpp"
#include "store/query.hpp"

namespace timock::store {

void migrate(Database& db) {
  const auto current = Query(db, "PRAGMA user_version").one().int64("user_version");
  int newest = 0;
  for (const auto& migration : embedded_migrations()) {
    newest = std::max(newest, migration.version);
    if (migration.version <= current) continue;
    Transaction tx(db);
    db.exec(migration.sql);
    db.exec("PRAGMA user_version = " + std::to_string(migration.version));
    tx.commit();
  }
  if (current > newest)
    throw StoreError("database schema version " + std::to_string(current) + " is newer than this timock (" +
                     std::to_string(newest) + ")");
}

}  // namespace timock::store
