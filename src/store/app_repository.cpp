#include "store/app_repository.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "core/app_options.hpp"
#include "store/query.hpp"

namespace timock::store {

namespace {
core::App read_app(const Row& row) {
  std::string ignored;
  core::App app;
  app.sdkappid = static_cast<core::SdkAppId>(row.int64("sdkappid"));
  app.secret_key = row.text("secret_key");
  app.admin = row.text("admin");
  app.public_key_pem = row.text("public_key_pem");
  app.created_at = row.int64("created_at");
  if (auto options = core::options_from_json(boost::json::parse(row.text("options")), ignored))
    app.options = *options;
  return app;
}
}  // namespace

std::vector<core::App> AppRepository::list() {
  Query query(
      db_,
      "SELECT sdkappid, secret_key, admin, public_key_pem, created_at, options FROM apps ORDER BY sdkappid");
  std::vector<core::App> apps;
  while (const auto row = query.next()) apps.push_back(read_app(*row));
  return apps;
}

std::optional<core::App> AppRepository::find(core::SdkAppId sdkappid) {
  Query query(
      db_,
      "SELECT sdkappid, secret_key, admin, public_key_pem, created_at, options FROM apps WHERE sdkappid = ?");
  query.bind(1, sdkappid);
  const auto row = query.next();
  if (!row) return std::nullopt;
  return read_app(*row);
}

void AppRepository::save(const core::App& app) {
  Query(db_,
        "INSERT INTO apps (sdkappid, secret_key, admin, public_key_pem, created_at, options) "
        "VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (sdkappid) DO UPDATE SET secret_key = excluded.secret_key, admin = excluded.admin, "
        "public_key_pem = excluded.public_key_pem, options = excluded.options")
      .bind_all(app.sdkappid, app.secret_key, app.admin, app.public_key_pem, app.created_at,
                boost::json::serialize(core::options_to_json(app.options)))
      .run();
}

bool AppRepository::remove(core::SdkAppId sdkappid) {
  Query remove(db_, "DELETE FROM apps WHERE sdkappid = ?");
  remove.bind(1, sdkappid).run();
  return remove.changes() > 0;
}

}  // namespace timock::store
