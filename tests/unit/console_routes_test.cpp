// The web console's pieces without a socket: its embedded files and their types, the /console routes, the
// journal's newest-first reads and observer the live table uses, and the account and group pages (console/,
// core/journal, store/account_directory, store/group_directory).
#include "console/console_routes.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "console/assets.hpp"
#include "core/journal.hpp"
#include "store/account_directory.hpp"
#include "store/account_repository.hpp"
#include "store/group_directory.hpp"
#include "store/store.hpp"

namespace timock {
namespace {

router::HttpResponse get(std::string_view target, std::string_view token = {},
                         std::string_view configured = {}) {
  return console::serve_console(router::HttpRequest{"GET", target, {}, token}, configured);
}

TEST(ConsoleAssets, TheIndexAndItsScriptsAreEmbeddedWithTheirTypes) {
  const auto index = console::find_asset("");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(index->bytes, console::find_asset("index.html")->bytes);
  for (const auto* name : {"app.js", "api.js", "stream.js", "ui.js", "view_chat.js", "view_online.js"}) {
    const auto script = console::find_asset(name);
    ASSERT_TRUE(script) << name;
    EXPECT_EQ(script->content_type, "text/javascript; charset=utf-8");
    EXPECT_FALSE(script->bytes.empty());
  }
  EXPECT_FALSE(console::find_asset("missing.js"));
}

TEST(ConsoleRoutes, TheFolderRedirectsAndFilesAreServedUncached) {
  const auto bare = get("/console?x=1");
  EXPECT_EQ(bare.status, 308u);
  const auto page = get("/console/");
  EXPECT_EQ(page.status, 200u);
  EXPECT_NE(page.body.find("<main"), std::string::npos);
  bool no_cache = false;
  for (const auto& [name, value] : page.headers) no_cache |= name == "Cache-Control" && value == "no-cache";
  EXPECT_TRUE(no_cache);
  EXPECT_EQ(get("/console/nothing").status, 404u);
  EXPECT_EQ(console::serve_console(router::HttpRequest{"DELETE", "/console/", {}, {}}, "").status, 405u);
}

TEST(ConsoleRoutes, SessionTellsWhetherTheTokenIsNeededAndRight) {
  EXPECT_EQ(get("/console/session").body, R"({"token_required":false,"token_ok":true})");
  EXPECT_EQ(get("/console/session", "", "t").body, R"({"token_required":true,"token_ok":false})");
  EXPECT_EQ(get("/console/session", "x", "t").body, R"({"token_required":true,"token_ok":false})");
  EXPECT_EQ(get("/console/session", "t", "t").body, R"({"token_required":true,"token_ok":true})");
}

core::JournalEntry entry(std::string command, int error_code = 0) {
  core::JournalEntry e;
  e.command = std::move(command);
  e.error_code = error_code;
  return e;
}

TEST(ConsoleJournal, NewestFirstGivesTheNewestMatchesUpToTheLimit) {
  core::Journal journal;
  for (const auto* command : {"a", "b", "a", "c", "a"}) journal.record(1, entry(command));
  core::JournalFilter filter;
  filter.command = "a";
  filter.limit = 2;
  filter.newest_first = true;
  const auto newest = journal.query(1, filter);
  ASSERT_EQ(newest.size(), 2u);
  EXPECT_EQ(newest[0].seq, 5u);
  EXPECT_EQ(newest[1].seq, 3u);
  filter.newest_first = false;
  EXPECT_EQ(journal.query(1, filter).front().seq, 1u);
}

TEST(ConsoleJournal, TheObserverSeesEveryEntryInSeqOrderWithItsApp) {
  core::Journal journal;
  std::vector<std::pair<core::SdkAppId, std::uint64_t>> seen;
  journal.set_observer(
      [&seen](core::SdkAppId app, const core::JournalEntry& e) { seen.emplace_back(app, e.seq); });
  journal.record(1, entry("a"));
  journal.record(2, entry("b", 20003));
  journal.record(1, entry("c"));
  const std::vector<std::pair<core::SdkAppId, std::uint64_t>> expected{{1, 1}, {2, 1}, {1, 2}};
  EXPECT_EQ(seen, expected);
}

TEST(ConsoleAccounts, PagesAreOrderedByUserIdAndSearchIsLiteral) {
  store::Store store(":memory:");
  auto locked = store.lock();
  locked.db().exec("INSERT INTO apps (sdkappid, admin, created_at) VALUES (7, 'administrator', 0)");
  store::AccountRepository accounts(locked.db(), 7);
  for (const auto* id : {"carol", "alice", "bob_1", "dave"})
    accounts.import({id, std::string("Nick ") + id, "", 0}, true, true);
  const auto all = store::page_accounts(locked.db(), 7, "", 1, 2);
  EXPECT_EQ(all.total, 4);
  ASSERT_EQ(all.accounts.size(), 2u);
  EXPECT_EQ(all.accounts[0].user_id, "bob_1");
  EXPECT_EQ(all.accounts[1].user_id, "carol");
  EXPECT_EQ(store::page_accounts(locked.db(), 7, "_", 0, 10).total, 1);  // no LIKE wildcard
  EXPECT_EQ(store::page_accounts(locked.db(), 7, "NICK A", 0, 10).accounts.at(0).user_id, "alice");
  EXPECT_EQ(store::page_accounts(locked.db(), 8, "", 0, 10).total, 0);
}

TEST(ConsoleGroups, PagesAreInCreationOrderSearchIsLiteralAndTopicsAreLeftOut) {
  store::Store store(":memory:");
  auto locked = store.lock();
  auto& db = locked.db();
  db.exec("INSERT INTO apps (sdkappid, admin, created_at) VALUES (7, 'administrator', 0)");
  const auto group = [&](const char* id, const char* name, int created) {
    db.exec(std::string("INSERT INTO groups (sdkappid, group_id, type, name, create_time, last_info_time, "
                        "max_member_num, apply_join_option) VALUES (7, '") +
            id + "', 'Community', '" + name + "', " + std::to_string(created) + ", 0, 2000, 'FreeAccess')");
  };
  group("g3", "Gamma_crew", 30);
  group("g1", "Alpha Team", 10);
  group("g2", "beta team", 20);
  group("g1@TOPIC#_t", "A topic", 40);
  db.exec("INSERT INTO community_topics (sdkappid, topic_id, community_id) VALUES (7, 'g1@TOPIC#_t', 'g1')");
  db.exec("INSERT INTO group_members (sdkappid, group_id, user_id, role, join_time) VALUES "
          "(7, 'g2', 'alice', 'Owner', 0), (7, 'g2', 'bob', 'Member', 0)");
  const auto all = store::page_groups(db, 7, "", 1, 5);
  EXPECT_EQ(all.total, 3);
  ASSERT_EQ(all.groups.size(), 2u);
  EXPECT_EQ(all.groups[0].group_id, "g2");
  EXPECT_EQ(all.groups[0].member_num, 2);
  EXPECT_EQ(all.groups[0].name, "beta team");
  EXPECT_EQ(all.groups[1].group_id, "g3");
  EXPECT_EQ(store::page_groups(db, 7, "TEAM", 0, 10).total, 2);
  EXPECT_EQ(store::page_groups(db, 7, "_", 0, 10).groups.at(0).group_id, "g3");  // no LIKE wildcard
  EXPECT_EQ(store::page_groups(db, 7, "topic", 0, 10).total, 0);
  EXPECT_EQ(store::page_groups(db, 8, "", 0, 10).total, 0);
}

}  // namespace
}  // namespace timock
