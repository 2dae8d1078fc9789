// The app registry: every app's keys and admin, cached in memory for the request path and persisted in
// the store. The only mutable state shared by all requests besides the store itself.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <vector>

#include "core/domain.hpp"
#include "core/snapshot.hpp"

namespace timock::store {

class Store;

class AppRegistry {
 public:
  // Loads every app from the store.
  explicit AppRegistry(Store& store);

  std::shared_ptr<const core::App> find(core::SdkAppId sdkappid) const;
  std::vector<std::shared_ptr<const core::App>> list() const;
  bool empty() const;
  // Persists (with the admin's account), then publishes. Replaces an existing app's keys and admin,
  // keeping its data.
  std::shared_ptr<const core::App> save(core::App app);
  // Removes the app with all of its data.
  bool remove(core::SdkAppId sdkappid);
  // Empties the app's data, keeping its keys and admin. False when there is no such app.
  bool reset(core::SdkAppId sdkappid);
  // Replaces each app's whole state (fixtures, snapshots), all in one transaction: all or nothing. Returns
  // the apps as published.
  std::vector<std::shared_ptr<const core::App>> replace(const std::vector<core::AppSnapshot>& snapshots);
  core::AppSnapshot snapshot(const core::App& app);

 private:
  Store& store_;
  // Changes (save, remove, reset, replace) one at a time, each from its rows to its entry in apps_, so the
  // store and the map never disagree on which apps exist (a save racing a DELETE of the same app). Lookups
  // never take it. Order: changes_ → the store's lock → mutex_.
  std::mutex changes_;
  mutable std::shared_mutex mutex_;
  std::map<core::SdkAppId, std::shared_ptr<const core::App>> apps_;
};

}  // namespace timock::store
