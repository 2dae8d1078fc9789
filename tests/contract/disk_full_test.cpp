// A full disk (README "Limits and guarantees"): PUT /mock/disk caps the bytes timock's database files may take,
// and writes past it fail as on a full file system. Every request answered OK must still be on disk after a
// SIGKILL and a restart; every one whose writes were lost must be answered (and journaled) with an error;
// reads go on while the disk is full, and writes resume once there is space again. (Issue: 304 of 582
// acknowledged messages were missing after a tmpfs filled up.)
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "../temp_dir.hpp"
#include "chat_client.hpp"
#include "crash_helpers.hpp"
#include "timock_harness.hpp"

namespace timock::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

// A sender gives up after this many failures in a row: the disk is full for good.
constexpr int kFailuresInARow = 30;
// And after this many attempts whatever happens (a bound on the test's time).
constexpr int kMaxAttempts = 4000;

HttpResult put_disk_limit(const TimockProcess& server, const json::value& limit) {
  return server.request("PUT", "/mock/disk", json::serialize(json::object{{"limit_bytes", limit}}));
}

json::object sendmsg_request(const std::string& from, const std::string& to, std::int64_t random) {
  // About 1 KB of text per message, as in the report.
  return {{"From_Account", from},
          {"To_Account", to},
          {"MsgRandom", random},
          {"MsgBody", json::array{{{"MsgType", "TIMTextElem"},
                                   {"MsgContent", {{"Text", std::string(1000, 'x') + std::to_string(random)}}}}}}};
}

TEST(DiskFull, TheDiskRouteReportsTheFilesAndRefusesAnInMemoryStore) {
  TempDir dir{"timock-disk"};
  {
    TimockProcess server({}, dir.path + "/state.db");
    const auto disk = server.get("/mock/disk");
    ASSERT_EQ(disk.status, 200u) << disk.body;
    EXPECT_TRUE(disk.json().at("limit_bytes").is_null());
    EXPECT_GT(disk.json().at("used_bytes").as_int64(), 0);
    const auto set = put_disk_limit(server, 123456789);
    ASSERT_EQ(set.status, 200u) << set.body;
    EXPECT_EQ(set.json().at("limit_bytes").as_int64(), 123456789);
    EXPECT_EQ(put_disk_limit(server, -1).status, 400u);
    EXPECT_EQ(put_disk_limit(server, "big").status, 400u);
    EXPECT_EQ(server.request("PUT", "/mock/disk", "{}").status, 400u);
    EXPECT_TRUE(server.request("DELETE", "/mock/disk").json().at("limit_bytes").is_null());
  }
  TimockProcess in_memory({}, ":memory:");
  if (in_memory.get("/mock/disk").status == 200u) GTEST_SKIP() << "TIMOCK_TEST_FILE_DB puts this store on a file";
  EXPECT_EQ(in_memory.get("/mock/disk").status, 409u);
}

TEST(DiskFull, EveryOkReplyIsOnDiskAfterARestartAndEveryLostWriteIsAnError) {
  TempDir dir{"timock-disk-full"};
  const std::string db = dir.path + "/state.db";
  constexpr int kSenders = 4;
  TestApp app;
  std::map<std::int64_t, std::int64_t> code_of;  // MsgRandom → the ErrorCode its sender got
  std::set<std::int64_t> acknowledged;           // MsgRandom of every OK reply
  {
    TimockProcess server({"--threads", "2"}, db);
    app = create_app(server);
    for (int i = 0; i < kSenders; ++i) {
      rest(server, app, "im_open_login_svc/account_import", json::object{{"UserID", "from" + std::to_string(i)}});
      rest(server, app, "im_open_login_svc/account_import", json::object{{"UserID", "to" + std::to_string(i)}});
    }
    // Room for a few hundred messages (each group of them adds a few 4 KiB pages to the WAL), then none.
    const auto used = server.get("/mock/disk").json().at("used_bytes").as_int64();
    ASSERT_EQ(put_disk_limit(server, used + 4 * 1024 * 1024).status, 200u);

    std::mutex mutex;
    std::vector<std::thread> threads;
    for (int s = 0; s < kSenders; ++s) {
      threads.emplace_back([&, s] {
        int failures_in_a_row = 0;
        for (int n = 1; n <= kMaxAttempts && failures_in_a_row < kFailuresInARow; ++n) {
          const std::int64_t random = (s + 1) * 1000000 + n;
          const auto body = sendmsg_request("from" + std::to_string(s), "to" + std::to_string(s), random);
          const auto reply = server.post(rest_target(app, "openim/sendmsg"), json::serialize(body));
          const auto code = reply.json().at("ErrorCode").as_int64();
          failures_in_a_row = code == 0 ? 0 : failures_in_a_row + 1;
          std::lock_guard lock(mutex);
          code_of[random] = code;
          if (code == 0) acknowledged.insert(random);
        }
      });
    }
    for (auto& thread : threads) thread.join();
    const auto refused = code_of.size() - acknowledged.size();
    ASSERT_GT(acknowledged.size(), 50u) << "the disk filled before the load ran";
    ASSERT_GE(refused, static_cast<std::size_t>(kFailuresInARow)) << "the disk never filled";
    RecordProperty("acknowledged", std::to_string(acknowledged.size()));
    RecordProperty("refused", std::to_string(refused));
    const auto disk = server.get("/mock/disk").json();
    EXPECT_GT(disk.at("refused_writes").as_int64(), 0);

    // Every refused send got the internal error (70500 when its batch was lost, the service's own code
    // when the handler's statement failed), never anything else.
    for (const auto& [random, code] : code_of)
      if (code != 0) EXPECT_TRUE(code == 70500 || code == 91000) << random << " got " << code;

    // The journal says what each sender was told.
    const auto journal = server.get("/mock/apps/" + std::to_string(app.sdkappid) +
                                    "/journal?command=sendmsg&limit=100000");
    ASSERT_EQ(journal.status, 200u) << journal.body.substr(0, 300);
    std::size_t journaled = 0;
    const auto entries = journal.json();
    for (const auto& value : entries.at("entries").as_array()) {
      const auto& entry = value.as_object();
      const auto random = entry.at("request").at("MsgRandom").as_int64();
      const auto sent = code_of.find(random);
      if (sent == code_of.end()) continue;
      ++journaled;
      EXPECT_EQ(entry.at("error_code").as_int64(), sent->second) << "message " << random;
    }
    EXPECT_EQ(journaled, code_of.size());

    // Reads go on while the disk is full.
    const auto roam = rest(server, app, "openim/admin_getroammsg",
                           json::object{{"Operator_Account", "from0"}, {"Peer_Account", "to0"}, {"MaxCnt", 20},
                                        {"MinTime", 0}, {"MaxTime", 4000000000}});
    EXPECT_EQ(roam.at("ErrorCode").as_int64(), 0) << json::serialize(roam);

    // Space again: the next write succeeds.
    ASSERT_EQ(server.request("DELETE", "/mock/disk").status, 200u);
    const std::int64_t after = 9000001;
    const auto resumed = server.post(rest_target(app, "openim/sendmsg"),
                                     json::serialize(sendmsg_request("from0", "to0", after)));
    ASSERT_EQ(resumed.json().at("ErrorCode").as_int64(), 0) << resumed.body;
    acknowledged.insert(after);
    kill_now(server);
  }
  EXPECT_EQ(integrity_of(db), "ok");

  TimockProcess restarted({}, db);
  std::set<std::int64_t> stored;
  for (const auto& value : exported_messages(restarted, app.sdkappid))
    stored.insert(value.as_object().at("random").as_int64());
  std::size_t lost = 0;
  for (const auto random : acknowledged)
    if (!stored.contains(random)) {
      ++lost;
      ADD_FAILURE() << "message " << random << " was answered OK but is not on disk";
      if (lost > 20) break;
    }
  // The other way round is allowed but should be rare: a write answered with an error that is there after
  // all (a batch committed on a second try, say). Reported, not failed.
  std::size_t stored_though_refused = 0;
  for (const auto random : stored)
    if (!acknowledged.contains(random)) ++stored_though_refused;
  RecordProperty("stored_though_refused", std::to_string(stored_though_refused));
}

}  // namespace
}  // namespace timock::testing
