#include "store/app_repository.hpp"

#include <boost/json.hpp>

#include "core/app_options.hpp"
#include "store/database.hpp"

namespace timock::store {

namespace {
core::App read_app(Statement& row) {
  std::string ignored;
  core::App app;
  app.sdkappid = static_cast<core::SdkAppId>(row.int64(0));
  app.secret_key = row.text(1);
  app.admin = row.text(2);
  app.public_key_pem = row.text(3);
  app.created_at = row.int64(4);
  if (auto options = core::options_from_json(boost::json::parse(row.text(5)), ignored)) app.options = *options;
  return app;
}
}  // namespace

std::vector<core::App> AppRepository::list() {
  auto& query = db_.cached("SELECT sdkappid, secret_key, admin, public_key_pem, created_at, options FROM apps ORDER BY sdkappid");
  std::vector<core::App> apps;
  while (query.step()) apps.push_back(read_app(query));
  return apps;
}

std::optional<core::App> AppRepository::find(core::SdkAppId sdkappid) {
  auto& query =
      db_.cached("SELECT sdkappid, secret_key, admin, public_key_pem, created_at, options FROM apps WHERE sdkappid = ?");
  query.bind(1, sdkappid);
  if (!query.step()) return std::nullopt;
  auto app = read_app(query);
  query.reset();
  return app;
}

void AppRepository::save(const core::App& app) {
  db_.cached(
         "INSERT INTO apps (sdkappid, secret_key, admin, public_key_pem, created_at, options) "
         "VALUES (?, ?, ?, ?, ?, ?) "
         "ON CONFLICT (sdkappid) DO UPDATE SET secret_key = excluded.secret_key, admin = excluded.admin, "
         "public_key_pem = excluded.public_key_pem, options = excluded.options")
      .bind_all(app.sdkappid, app.secret_key, app.admin, app.public_key_pem, app.created_at,
                boost::json::serialize(core::options_to_json(app.options)))
      .run();
}

bool AppRepository::remove(core::SdkAppId sdkappid) {
  db_.cached("DELETE FROM apps WHERE sdkappid = ?").bind(1, sdkappid).run();
  return db_.changes() > 0;
}

}  // namespace timock::store
