// Apps (tenants) in the store.
#pragma once

#include <optional>
#include <vector>

#include "core/domain.hpp"

namespace timock::store {

class Database;

class AppRepository {
 public:
  explicit AppRepository(Database& db) : db_(db) {}
  std::vector<core::App> list();
  std::optional<core::App> find(core::SdkAppId sdkappid);
  // Inserts or replaces the keys and admin.
  void save(const core::App& app);
  // Removes the app and, by cascade, all of its data.
  bool remove(core::SdkAppId sdkappid);

 private:
  Database& db_;
};

}  // namespace timock::store
