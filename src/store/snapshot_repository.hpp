// Reads and writes an app's whole state (fixtures, snapshots, reset).
#pragma once

#include "core/snapshot.hpp"

namespace timock::store {

class Database;

class SnapshotRepository {
 public:
  explicit SnapshotRepository(Database& db) : db_(db) {}
  // Everything the app holds, in a stable order (so export → import → export is identical).
  core::AppSnapshot read(const core::App& app);
  // Replaces the app and all of its data. The caller owns the transaction.
  void replace(const core::AppSnapshot& snapshot);
  // Removes the app's data, keeping the app row and its admin account.
  void clear_data(const core::App& app);

 private:
  Database& db_;
};

}  // namespace timock::store
