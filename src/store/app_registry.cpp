#include "store/app_registry.hpp"

#include <mutex>

#include "store/account_repository.hpp"
#include "store/app_repository.hpp"
#include "store/database.hpp"
#include "store/snapshot_repository.hpp"
#include "store/store.hpp"

namespace timock::store {

AppRegistry::AppRegistry(Store& store) : store_(store) {
  auto locked = store_.lock();
  for (auto& app : AppRepository(locked.db()).list())
    apps_.emplace(app.sdkappid, std::make_shared<const core::App>(std::move(app)));
}

std::shared_ptr<const core::App> AppRegistry::find(core::SdkAppId sdkappid) const {
  std::shared_lock lock(mutex_);
  auto it = apps_.find(sdkappid);
  return it == apps_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<const core::App>> AppRegistry::list() const {
  std::shared_lock lock(mutex_);
  std::vector<std::shared_ptr<const core::App>> apps;
  for (const auto& [id, app] : apps_) apps.push_back(app);
  return apps;
}

bool AppRegistry::empty() const {
  std::shared_lock lock(mutex_);
  return apps_.empty();
}

std::shared_ptr<const core::App> AppRegistry::save(core::App app) {
  auto shared = std::make_shared<const core::App>(std::move(app));
  {
    auto locked = store_.lock();
    Transaction tx(locked.db());
    AppRepository(locked.db()).save(*shared);
    // The console creates the admin account together with the app, so it can send and be messaged.
    AccountRepository(locked.db(), shared->sdkappid)
        .import({shared->admin, "", "", shared->created_at}, false, false);
    tx.commit();
  }
  std::unique_lock lock(mutex_);
  apps_[shared->sdkappid] = shared;
  return shared;
}

bool AppRegistry::remove(core::SdkAppId sdkappid) {
  bool removed = false;
  {
    auto locked = store_.lock();
    removed = AppRepository(locked.db()).remove(sdkappid);
  }
  std::unique_lock lock(mutex_);
  apps_.erase(sdkappid);
  return removed;
}

bool AppRegistry::reset(core::SdkAppId sdkappid) {
  auto app = find(sdkappid);
  if (!app) return false;
  auto locked = store_.lock();
  Transaction tx(locked.db());
  SnapshotRepository(locked.db()).clear_data(*app);
  tx.commit();
  return true;
}

void AppRegistry::replace(const std::vector<core::AppSnapshot>& snapshots) {
  {
    auto locked = store_.lock();
    Transaction tx(locked.db());
    SnapshotRepository repository(locked.db());
    for (const auto& snapshot : snapshots) repository.replace(snapshot);
    tx.commit();
  }
  std::unique_lock lock(mutex_);
  for (const auto& snapshot : snapshots)
    apps_[snapshot.app.sdkappid] = std::make_shared<const core::App>(snapshot.app);
}

core::AppSnapshot AppRegistry::snapshot(const core::App& app) {
  auto reading = store_.read();
  return SnapshotRepository(reading.db()).read(app);
}

}  // namespace timock::store
