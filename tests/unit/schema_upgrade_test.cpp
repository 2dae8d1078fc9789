// The safety net of schema changes: tests/data/schema-v4.db was written through the REST API by timock at
// schema version 4 (schema/001..004), and tests/data/schema-v4.expect.json holds what timock then answered
// about it (both from scripts/make_schema_v4_db.sh). Today's code opens a copy, migrates it, and must give
// the same answers: every message of every pair's roaming view, every unread count, every conversation list.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "../temp_dir.hpp"
#include "api/command.hpp"
#include "core/clock.hpp"
#include "store/app_registry.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/store.hpp"

namespace timock::api {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;
using timock::testing::TempDir;

const std::string kDatabase = std::string(TIMOCK_TEST_DATA) + "/schema-v4.db";
const std::string kExpectations = std::string(TIMOCK_TEST_DATA) + "/schema-v4.expect.json";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot read " << path;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::int64_t user_version(store::Database& db) {
  auto& query = db.cached("PRAGMA user_version");
  query.step();
  const auto version = query.int64(0);
  query.reset();
  return version;
}

// Where `actual` does not hold `expected`: every field `expected` has, with the same value (arrays element by
// element, in order and of the same length). Fields a later timock adds to a reply are let through.
void compare(const json::value& expected, const json::value& actual, const std::string& where,
             std::vector<std::string>& differences) {
  if (expected.is_object() && actual.is_object()) {
    for (const auto& [key, value] : expected.as_object()) {
      const std::string field = where + "." + std::string(key);
      if (const auto* found = actual.as_object().if_contains(key))
        compare(value, *found, field, differences);
      else
        differences.push_back(field + " is missing; expected " + json::serialize(value));
    }
    return;
  }
  if (expected.is_array() && actual.is_array()) {
    const auto& want = expected.as_array();
    const auto& got = actual.as_array();
    if (want.size() != got.size())
      differences.push_back(where + " has " + std::to_string(got.size()) + " entries, expected " +
                            std::to_string(want.size()) + ":\n      expected " + json::serialize(want) +
                            "\n      got      " + json::serialize(got));
    for (std::size_t i = 0; i < std::min(want.size(), got.size()); ++i)
      compare(want[i], got[i], where + "[" + std::to_string(i) + "]", differences);
    return;
  }
  if (expected != actual)
    differences.push_back(where + " is " + json::serialize(actual) + ", expected " +
                          json::serialize(expected));
}

TEST(SchemaUpgrade, SchemaV4DatabaseOpensWithEveryMessageUnreadCountAndConversation) {
  const auto expect = json::parse(read_file(kExpectations)).as_object();
  const auto committed = read_file(kDatabase);
  ASSERT_FALSE(committed.empty());

  // A copy: the committed file is never opened, so neither migrated nor given -wal/-shm companions.
  TempDir dir{"timock-schema-upgrade"};
  const std::string path = dir.path + "/schema-v4.db";
  fs::copy_file(kDatabase, path);
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::add);
  {
    store::Database before(path);
    ASSERT_EQ(user_version(before), expect.at("schema_version").as_int64())
        << kDatabase << " is not the database the expectations were written for";
  }

  store::Store store(path);  // migrates
  int newest = 0;
  for (const auto& migration : store::embedded_migrations()) newest = std::max(newest, migration.version);
  {
    auto reading = store.read();
    EXPECT_EQ(user_version(reading.db()), newest) << "the database was not migrated to the newest schema";
    // Every message row is still there, the ones no roaming view shows any more included.
    auto& query = reading.db().cached("SELECT count(*) FROM c2c_messages");
    query.step();
    EXPECT_EQ(query.int64(0), expect.at("rows").at("c2c_messages").as_int64());
    query.reset();
    // Every conversation is now a row of `conversations`, of type 1 (C2C) (schema/005).
    auto& conversations = reading.db().cached("SELECT count(*) FROM conversations WHERE conv_type = 1");
    conversations.step();
    EXPECT_EQ(conversations.int64(0), expect.at("rows").at("c2c_conversations").as_int64());
    conversations.reset();
    // Each receiver's messages are numbered 1, 2, 3 … in the order they arrived (the getmsg cursor).
    auto& misnumbered = reading.db().cached(
        "SELECT count(*) FROM (SELECT recv_seq, row_number() OVER (PARTITION BY sdkappid, to_account ORDER BY id) "
        "AS expected FROM c2c_messages) WHERE recv_seq <> expected");
    misnumbered.step();
    EXPECT_EQ(misnumbered.int64(0), 0);
    misnumbered.reset();
  }

  store::AppRegistry apps(store);
  const auto app = apps.find(static_cast<core::SdkAppId>(expect.at("sdkappid").as_int64()));
  ASSERT_TRUE(app) << "the app of " << kDatabase << " is gone";
  core::Clock clock;
  clock.set_now(expect.at("now").as_int64(), true);  // get_list answers the time
  const CommandTable commands = make_rest_commands();
  const CallContext context{*app, app->admin, store, clock, nullptr};

  std::map<std::string, int> asked;
  for (const auto& entry : expect.at("calls").as_array()) {
    const auto& call = entry.as_object();
    const std::string name(call.at("path").as_string());
    const auto& body = call.at("body").as_object();
    const auto slash = name.find('/');
    const Handler* handler =
        commands.find(std::string_view(name).substr(0, slash), std::string_view(name).substr(slash + 1));
    ASSERT_NE(handler, nullptr) << "no handler for " << name;
    const Reply reply = (*handler)(context, body);
    const std::string question = name + " " + json::serialize(body);
    EXPECT_EQ(core::to_int(reply.code), 0) << question << ": " << reply.error_info;
    std::vector<std::string> differences;
    compare(call.at("reply"), json::parse(json::serialize(reply.wire_fields())), "reply", differences);
    std::string report;
    for (const auto& difference : differences) report += "\n    " + difference;
    EXPECT_TRUE(differences.empty()) << question << " answers differently after the upgrade:" << report;
    ++asked[name];
  }
  // The expectations are not empty: the pairs with messages and two questions of each kind per user.
  EXPECT_GE(asked["openim/admin_getroammsg"], 10);
  EXPECT_GE(asked["openim/get_c2c_unread_msg_num"], 12);
  EXPECT_GE(asked["recentcontact/get_list"], 12);

  EXPECT_TRUE(read_file(kDatabase) == committed) << kDatabase << " changed: the test must work on a copy";
  EXPECT_FALSE(fs::exists(kDatabase + "-wal"));
}

}  // namespace
}  // namespace timock::api
