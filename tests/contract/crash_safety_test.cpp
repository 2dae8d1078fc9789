// Crash-safe writes (README "Limits and guarantees"): timock is SIGKILLed in the middle of a write load or
// of loading a fixture, restarted on the same database file, and the file holds every write that was
// answered OK, nothing half-written, and each fixture either whole or not at all.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <thread>

#include "../temp_dir.hpp"
#include "abuse_helpers.hpp"
#include "chat_client.hpp"
#include "crash_helpers.hpp"
#include "store/database.hpp"
#include "timock_harness.hpp"

namespace timock::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

// MsgRandom → MsgKey of every message whose sender was answered OK.
using Acknowledged = std::map<std::int64_t, std::string>;

// Runs `senders` threads that each call `send_one(sender, n, random)` (the MsgKey of an OK reply, nullopt for
// an error reply; it throws once the server is gone) until `server` is SIGKILLed in the middle of the load,
// and returns what was acknowledged.
template <typename SendOne>
Acknowledged acknowledged_until_killed(TimockProcess& server, int senders, SendOne send_one) {
  Acknowledged acknowledged;
  std::atomic<int> attempted{0};
  std::mutex mutex;
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (int s = 0; s < senders; ++s) {
    threads.emplace_back([&, s] {
      for (std::int64_t n = 1; !stop; ++n) {
        const std::int64_t random = (s + 1) * 1000000 + n;
        ++attempted;
        std::optional<std::string> key;
        try {
          key = send_one(s, n, random);
        } catch (const std::exception&) {
          return;  // the server is gone
        }
        if (!key) continue;
        std::lock_guard lock(mutex);
        acknowledged[random] = *key;
      }
    });
  }
  // Let the load run, then kill the server in the middle of it.
  while (attempted < 200) std::this_thread::sleep_for(10ms);
  std::this_thread::sleep_for(400ms);
  kill_now(server);
  stop = true;
  for (auto& thread : threads) thread.join();
  return acknowledged;
}

// After the restart: every acknowledged message is stored once and whole (`check_whole` looks at each stored
// one), and at most the requests in flight at the kill were stored without their reply reaching the client.
template <typename CheckWhole>
void expect_acknowledged_stored(const TimockProcess& restarted, std::uint64_t sdkappid,
                                const Acknowledged& acknowledged, int senders, CheckWhole check_whole) {
  std::set<std::int64_t> stored;
  for (const auto& value : exported_messages(restarted, sdkappid)) {
    const auto& message = value.as_object();
    const auto random = message.at("random").as_int64();
    EXPECT_TRUE(stored.insert(random).second) << "stored twice: " << random;
    check_whole(message, random);
  }
  for (const auto& [random, key] : acknowledged)
    EXPECT_TRUE(stored.count(random)) << "message " << random << " (" << key << ") was answered OK but is lost";
  EXPECT_LE(stored.size(), acknowledged.size() + senders);
}

TEST(CrashSafety, EverySendmsgAnsweredOkSurvivesASigkillMidLoad) {
  TempDir dir{"timock-crash"};
  const std::string db = dir.path + "/state.db";
  constexpr int kSenders = 4;
  TestApp app;
  Acknowledged acknowledged;
  {
    TimockProcess server({"--threads", "2"}, db);
    app = create_app(server);
    for (int i = 0; i < kSenders; ++i) {
      rest(server, app, "im_open_login_svc/account_import", json::object{{"UserID", "from" + std::to_string(i)}});
      rest(server, app, "im_open_login_svc/account_import", json::object{{"UserID", "to" + std::to_string(i)}});
    }
    acknowledged = acknowledged_until_killed(server, kSenders, [&](int s, std::int64_t, std::int64_t random) {
      const json::object body{
          {"From_Account", "from" + std::to_string(s)},
          {"To_Account", "to" + std::to_string(s)},
          {"MsgRandom", random},
          {"MsgBody", json::array{{{"MsgType", "TIMTextElem"},
                                   {"MsgContent", {{"Text", "message " + std::to_string(random)}}}}}}};
      const auto reply = server.post(rest_target(app, "openim/sendmsg"), json::serialize(body)).json();
      return reply.at("ErrorCode").as_int64() == 0 ? std::optional(std::string(reply.at("MsgKey").as_string()))
                                                   : std::nullopt;
    });
  }
  ASSERT_GT(acknowledged.size(), 100u) << "the load barely ran before the kill";
  RecordProperty("acknowledged", std::to_string(acknowledged.size()));
  EXPECT_EQ(integrity_of(db), "ok");

  TimockProcess restarted({}, db);
  expect_acknowledged_stored(restarted, app.sdkappid, acknowledged, kSenders,
                             [](const json::object& message, std::int64_t random) {
                               // Nothing half-written: each stored message is whole, with the body it was sent with.
                               const auto sender = random / 1000000 - 1;
                               EXPECT_EQ(message.at("from").as_string(), "from" + std::to_string(sender));
                               EXPECT_EQ(message.at("to").as_string(), "to" + std::to_string(sender));
                               EXPECT_EQ(message.at("body").at(0).at("MsgContent").at("Text").as_string(),
                                         "message " + std::to_string(random));
                             });

  // And the REST view agrees: a sender's history through admin_getroammsg holds each acknowledged message.
  const auto roam = rest(restarted, {app.sdkappid, app.secret_key, app.admin, mint_sig(restarted, app.sdkappid, app.admin)},
                         "openim/admin_getroammsg",
                         json::object{{"Operator_Account", "from0"}, {"Peer_Account", "to0"}, {"MaxCnt", 100},
                                      {"MinTime", 0}, {"MaxTime", 4000000000}});
  EXPECT_EQ(roam.at("ErrorCode").as_int64(), 0) << json::serialize(roam);
}

// The same promise over the Chat SDK's WebSocket, whose replies wait for their group's fdatasync on a path of
// their own (not the HTTP one). A SIGKILL only tests "committed before answered"; that the reply also waits
// for the sync is tests/unit/chatsdk_durability_test.cpp.
TEST(CrashSafety, EveryChatSdkSendmsgAnsweredOkSurvivesASigkillMidLoad) {
  TempDir dir{"timock-crash"};
  const std::string db = dir.path + "/state.db";
  constexpr int kSockets = 3;
  TestApp app;
  Acknowledged acknowledged;
  {
    TimockProcess server({"--threads", "2"}, db);
    app = create_app(server);
    for (const char* user : {"alice", "bob"})
      rest(server, app, "im_open_login_svc/account_import", json::object{{"UserID", user}});
    std::vector<std::unique_ptr<ChatClient>> sockets;
    for (int s = 0; s < kSockets; ++s) {
      sockets.push_back(std::make_unique<ChatClient>(server, app.sdkappid));
      ASSERT_EQ(sockets.back()->login("alice", mint_sig(server, app.sdkappid, "alice")).at("ErrorCode").as_int64(), 0);
    }
    acknowledged = acknowledged_until_killed(server, kSockets, [&](int s, std::int64_t n, std::int64_t random) {
      auto& socket = *sockets[s];
      const auto seq = socket.send(
          "openim.sendmsg", {},
          sendmsg_body("alice", "bob", "socket message " + std::to_string(random), n, random, 1700000000 + n));
      const auto reply = socket.wait_reply_frame("openim.sendmsg", seq, 3s, /*quiet=*/true);
      if (!reply) throw std::runtime_error("no reply: the server is gone");
      return reply->error_code() == 0 ? std::optional(std::string(reply->body.at("MsgKey").as_string()))
                                      : std::nullopt;
    });
  }
  ASSERT_GT(acknowledged.size(), 100u) << "the load barely ran before the kill";
  EXPECT_EQ(integrity_of(db), "ok");

  TimockProcess restarted({}, db);
  expect_acknowledged_stored(restarted, app.sdkappid, acknowledged, kSockets,
                             [](const json::object& message, std::int64_t random) {
                               EXPECT_EQ(message.at("body").at(0).at("MsgContent").at("Text").as_string(),
                                         "socket message " + std::to_string(random));
                             });
}

// A fixture big enough that loading it takes a while: accounts and messages between them.
std::string big_fixture(std::uint64_t sdkappid, int accounts, int messages) {
  std::string text = R"({"apps":[{"sdkappid":)" + std::to_string(sdkappid) + R"(,"secret_key":"big-secret","accounts":[)";
  for (int i = 0; i < accounts; ++i) text += (i ? "," : "") + (R"({"user_id":"u)" + std::to_string(i) + R"("})");
  text += R"(],"messages":[)";
  for (int i = 0; i < messages; ++i)
    text += (i ? "," : "") + (R"({"from":"u)" + std::to_string(i % accounts) + R"(","to":"u)" +
                              std::to_string((i + 1) % accounts) + R"(","time":)" + std::to_string(1700000000 + i) +
                              R"(,"random":)" + std::to_string(i) +
                              R"(,"body":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"fixture message"}}]})");
  text += "]}]}";
  return text;
}

constexpr int kFixtureAccounts = 1000;
constexpr int kFixtureMessages = 100000;

std::size_t file_size_or_zero(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  return ec ? 0 : static_cast<std::size_t>(size);
}

// Waits until the load is writing (its WAL grows past `bytes`) or `within` passes.
void wait_for_wal(const std::string& db, std::size_t bytes, std::chrono::seconds within) {
  const auto deadline = std::chrono::steady_clock::now() + within;
  while (file_size_or_zero(db + "-wal") < bytes && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(1ms);
}

// A snapshot PUT must fit the 1 MiB body cap: this many messages make one of about 900 KiB.
constexpr int kSnapshotMessages = 6500;

TEST(CrashSafety, ASnapshotLoadKilledMidwayLeavesTheOldStateOrTheNewWhole) {
  TempDir dir{"timock-crash"};
  const std::string db = dir.path + "/state.db";
  constexpr std::uint64_t kApp = 1400000777;
  const auto snapshot = big_fixture(kApp, 100, kSnapshotMessages);
  ASSERT_LT(snapshot.size(), 1024u * 1024);
  const std::string target = "/mock/apps/" + std::to_string(kApp) + "/snapshot";
  const auto old_state = R"({"apps":[{"sdkappid":1400000777,"secret_key":"old-secret","accounts":[{"user_id":"a"},{"user_id":"b"}],
      "messages":[{"from":"a","to":"b","time":1700000000,"random":1,"body":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"old"}}]}]}]})";
  // How long a load takes here, so the kills below land before, inside and after its transaction.
  std::chrono::steady_clock::duration load_time{};
  {
    TimockProcess server({}, db);
    const auto started = std::chrono::steady_clock::now();
    ASSERT_EQ(server.request("PUT", "/mock/apps/1400000778/snapshot", snapshot).status, 200u);
    load_time = std::chrono::steady_clock::now() - started;
    EXPECT_EQ(server.stop(), 0);
  }
  RecordProperty("load_ms", std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(load_time).count()));
  std::string outcomes;
  for (const int percent : {20, 40, 60, 80, 100}) {
    {
      TimockProcess server({}, db);
      ASSERT_EQ(server.request("PUT", target, old_state).status, 200u);
      std::thread load([&] {
        try {
          server.request("PUT", target, snapshot);
        } catch (const std::exception&) {
          // killed mid-request: expected
        }
      });
      std::this_thread::sleep_for(load_time * percent / 100);
      kill_now(server);
      load.join();
    }
    EXPECT_EQ(integrity_of(db), "ok");
    TimockProcess restarted({}, db);
    const auto app = restarted.get("/mock/apps/" + std::to_string(kApp)).json().as_object();
    const auto messages = exported_messages(restarted, kApp);
    if (messages.size() == 1) {
      outcomes += " none";
      EXPECT_EQ(app.at("secret_key").as_string(), "old-secret");
      EXPECT_EQ(messages.at(0).at("body").at(0).at("MsgContent").at("Text").as_string(), "old");
    } else {
      outcomes += " all";
      EXPECT_EQ(messages.size(), static_cast<std::size_t>(kSnapshotMessages)) << "a partly loaded snapshot";
      EXPECT_EQ(app.at("secret_key").as_string(), "big-secret");
    }
  }
  RecordProperty("outcomes", outcomes);
}

TEST(CrashSafety, AFixtureLoadAtStartKilledMidwayLoadsAllOrNothing) {
  TempDir dir{"timock-crash"};
  const std::string db = dir.path + "/state.db";
  const std::string file = dir.path + "/big.json";
  std::ofstream(file) << big_fixture(1400000888, kFixtureAccounts, kFixtureMessages);
  {
    // The database exists (migrated, one app) before the load, so a WAL that grows is the fixture's.
    TimockProcess server({"--app", "1400000999:keep:admin"}, db);
    EXPECT_EQ(server.stop(), 0);
  }
  // Start with the fixture, and kill the process while it loads (before it listens).
  const pid_t pid = fork();
  if (pid == 0) {
    FILE* out = freopen("/dev/null", "w", stdout);
    (void)out;
    execl(timock_binary(), timock_binary(), "serve", "--listen", "127.0.0.1:0", "--db", db.c_str(), "--fixture",
          file.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  wait_for_wal(db, 256 * 1024, 60s);
  ::kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_EQ(integrity_of(db), "ok");

  TimockProcess restarted({}, db);
  EXPECT_EQ(restarted.get("/mock/apps/1400000999").status, 200u) << "what was there before is untouched";
  const auto loaded = restarted.get("/mock/apps/1400000888");
  if (loaded.status == 404) {
    RecordProperty("outcome", "none");
  } else {
    RecordProperty("outcome", "all");
    EXPECT_EQ(exported_messages(restarted, 1400000888).size(), static_cast<std::size_t>(kFixtureMessages));
  }
}

}  // namespace
}  // namespace timock::testing
