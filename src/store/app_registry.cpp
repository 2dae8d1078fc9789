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
  std::lock_guard change(changes_);
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
  std::lock_guard change(changes_);
  // Unpublished first: a request that finds the app after this gets 70020, and one that found it before and
  // then fails on its missing rows can tell why (router::failed_call).
  {
    std::unique_lock lock(mutex_);
    apps_.erase(sdkappid);
  }
  auto locked = store_.lock();
  return AppRepository(locked.db()).remove(sdkappid);
}

bool AppRegistry::reset(core::SdkAppId sdkappid) {
  std::lock_guard change(changes_);
  auto app = find(sdkappid);
  if (!app) return false;
  auto locked = store_.lock();
  Transaction tx(locked.db());
  SnapshotRepository(locked.db()).clear_data(*app);
  tx.commit();
  return true;
}

std::vector<std::shared_ptr<const core::App>> AppRegistry::replace(const std::vector<core::AppSnapshot>& snapshots) {
  std::lock_guard change(changes_);
  {
    auto locked = store_.lock();
    Transaction tx(locked.db());
    SnapshotRepository repository(locked.db());
    for (const auto& snapshot : snapshots) repository.replace(snapshot);
    tx.commit();
  }
  std::vector<std::shared_ptr<const core::App>> published;
  std::unique_lock lock(mutex_);
  for (const auto& snapshot : snapshots)
    published.push_back(apps_[snapshot.app.sdkappid] = std::make_shared<const core::App>(snapshot.app));
  return published;
}

core::AppSnapshot AppRegistry::snapshot(const core::App& app) {
  auto reading = store_.read();
  return SnapshotRepository(reading.db()).read(app);
}

}  // namespace timock::store
