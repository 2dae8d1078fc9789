// The C2C store at scale: fills a store with 1,000,000 one-to-one messages across many conversations (through
// MessageRepository::insert, in batched transactions, so the conversation list is kept as in production),
// then prints p50/p99 latencies of the REST reads that walk it: admin_getroammsg pages (first and continued),
// the conversation list (recentcontact/get_list), the WebIM client's recentcontact/get (with unread counts)
// and get_c2c_unread_msg_num. Each read goes through the real handler, JSON included. Not run by ctest.
//
//   bench_c2c_store [MESSAGES] [DB_PATH]     defaults: 1000000, a temporary file (removed at the end); a DB_PATH
//                                            that already holds MESSAGES messages of this app is read, not refilled
#include <unistd.h>

#include <algorithm>
#include <boost/json/value.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "api/command.hpp"
#include "core/clock.hpp"
#include "store/account_repository.hpp"
#include "store/app_registry.hpp"
#include "store/database.hpp"
#include "store/inbox_repository.hpp"
#include "store/message_repository.hpp"
#include "store/store.hpp"

namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;

constexpr std::int64_t kDefaultMessages = 1'000'000;
constexpr int kUsers = 20'000;
constexpr int kConversations = 100'000;
// A tenth of the conversations carry most of the traffic (hot chats run to thousands of messages).
constexpr int kHotConversations = kConversations / 10;
constexpr double kHotShare = 0.7;
constexpr std::int64_t kBatch = 10'000;  // messages per transaction
constexpr int kSamples = 5'000;          // reads per figure
constexpr std::int64_t kT0 = 1'700'000'000;
constexpr std::int64_t kMessagesPerSecond = 20;  // MsgTime advances one second every 20 messages

std::string user(int i) {
  return "user" + std::to_string(i);
}

struct Pair {
  int a, b;
};

void report(const char* label, std::vector<double>& micros) {
  std::sort(micros.begin(), micros.end());
  const auto at = [&](double q) { return micros[static_cast<std::size_t>(q * (micros.size() - 1))]; };
  std::printf("%-44s p50 %8.1f us   p99 %8.1f us   max %8.1f us\n", label, at(0.50), at(0.99), micros.back());
}

}  // namespace

int main(int argc, char** argv) {
  const std::int64_t total = argc > 1 ? std::stoll(argv[1]) : kDefaultMessages;
  std::string path = argc > 2 ? argv[2] : "";
  const bool temporary = path.empty();
  if (temporary)
    path = (std::filesystem::temp_directory_path() / ("timock-bench-" + std::to_string(getpid()) + ".db"))
               .string();

  timock::store::Store store(path);
  timock::store::AppRegistry apps(store);
  timock::core::Clock clock;
  timock::core::App app_config;
  app_config.sdkappid = 1400000099;
  app_config.secret_key = "bench";
  app_config.created_at = kT0;
  const auto app = apps.save(app_config);
  const auto commands = timock::api::make_rest_commands();

  std::mt19937_64 random(42);
  std::vector<Pair> conversations;
  {
    std::uniform_int_distribution<int> any_user(0, kUsers - 1);
    while (static_cast<int>(conversations.size()) < kConversations) {
      const int a = any_user(random), b = any_user(random);
      if (a != b) conversations.push_back({a, b});
    }
  }

  // ---- fill (skipped when DB_PATH already holds this app's messages: bench/run keeps the file between runs) ----
  auto started = Clock::now();
  std::int64_t already = 0;
  {
    auto locked = store.lock();
    auto& count = locked.db().cached("SELECT COUNT(*) FROM c2c_messages WHERE sdkappid = ?");
    count.bind_all(app->sdkappid);
    if (count.step()) already = count.int64(0);
    count.reset();
  }
  const bool reuse = !temporary && already == total;
  if (!reuse) {
    auto locked = store.lock();
    timock::store::Transaction tx(locked.db());
    timock::store::AccountRepository accounts(locked.db(), app->sdkappid);
    for (int i = 0; i < kUsers; ++i)
      accounts.import({user(i), "Nick " + std::to_string(i), "", kT0}, false, false);
    tx.commit();
  }
  std::uniform_real_distribution<double> unit(0, 1);
  std::uniform_int_distribution<int> hot(0, kHotConversations - 1),
      cold(kHotConversations, kConversations - 1);
  const std::string body =
      R"([{"MsgType":"TIMTextElem","MsgContent":{"Text":"a message of ordinary length, 40 bytes"}}])";
  for (std::int64_t done = reuse ? total : 0; done < total;) {
    auto locked = store.lock();
    timock::store::Transaction tx(locked.db());
    timock::store::MessageRepository messages(locked.db(), app->sdkappid);
    for (std::int64_t i = 0; i < kBatch && done < total; ++i, ++done) {
      const auto& pair = conversations[unit(random) < kHotShare ? hot(random) : cold(random)];
      const bool forward = random() & 1;
      timock::core::C2cMessage m;
      m.from_account = user(forward ? pair.a : pair.b);
      m.to_account = user(forward ? pair.b : pair.a);
      m.msg_seq = static_cast<std::uint32_t>(done);
      m.msg_random = static_cast<std::uint32_t>(random());
      m.msg_time = kT0 + done / kMessagesPerSecond;
      m.body_json = body;
      m.is_read = unit(random) < 0.8;
      messages.insert(m);
    }
    tx.commit();
  }
  const double fill_s = std::chrono::duration<double>(Clock::now() - started).count();
  {
    // Reads then run against the main database file, as a server's do once SQLite's auto-checkpoint caught
    // up.
    // The writer keeps its group's transaction open, so the checkpoint runs on a connection of its own once
    // everything is committed.
    store.flush();
    timock::store::Database(path).exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  if (reuse)
    std::printf("reused %lld messages, %d conversations, %d users in %s\n", static_cast<long long>(total),
                kConversations, kUsers, path.c_str());
  else
    std::printf("filled %lld messages, %d conversations, %d users in %.1f s (%.0f inserts/s) into %s\n",
                static_cast<long long>(total), kConversations, kUsers, fill_s, total / fill_s, path.c_str());
  const std::int64_t t_max = kT0 + total / kMessagesPerSecond;
  clock.set_now(t_max + 1, true);

  // ---- reads, each through its REST handler ----
  const timock::api::CallContext ctx{*app, app->admin, store, clock};
  const auto run = [&](const char* label, const std::function<void(int)>& one) {
    std::vector<double> micros;
    micros.reserve(kSamples);
    for (int i = 0; i < kSamples; ++i) {
      const auto t = Clock::now();
      one(i);
      micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t).count());
    }
    report(label, micros);
  };
  const auto handler = [&](const char* service, const char* command) {
    return *commands.find(service, command);
  };
  const auto roam = handler("openim", "admin_getroammsg");
  const auto get_list = handler("recentcontact", "get_list");
  const auto unread = handler("openim", "get_c2c_unread_msg_num");
  bool ok = true;
  const auto expect_ok = [&](const timock::api::Reply& reply) {
    if (reply.code != timock::core::ErrorCode::ok) ok = false;
    return reply;
  };
  const auto pick = [&](bool hot_only) -> const Pair& {
    return conversations[hot_only ? hot(random) : (unit(random) < kHotShare ? hot(random) : cold(random))];
  };
  const auto roam_body = [&](const Pair& p, std::string last_key, std::int64_t max_time) {
    json::object body{{"Operator_Account", user(p.a)},
                      {"Peer_Account", user(p.b)},
                      {"MaxCnt", 20},
                      {"MinTime", kT0},
                      {"MaxTime", max_time}};
    if (!last_key.empty()) body["LastMsgKey"] = std::move(last_key);
    return body;
  };

  run("admin_getroammsg, first page of 20",
      [&](int) { expect_ok(roam(ctx, roam_body(pick(false), "", t_max))); });
  // Continuations: the cursor of each hot chat's first page, taken before timing.
  std::vector<std::pair<Pair, json::object>> next_pages;
  for (int i = 0; i < kSamples; ++i) {
    const auto& p = pick(true);
    const auto first = expect_ok(roam(ctx, roam_body(p, "", t_max)));
    next_pages.emplace_back(p, roam_body(p, std::string(first.fields.at("LastMsgKey").as_string()),
                                         first.fields.at("LastMsgTime").as_int64()));
  }
  run("admin_getroammsg, next page (LastMsgKey, hot chat)",
      [&](int i) { expect_ok(roam(ctx, next_pages[i].second)); });
  run("recentcontact/get_list, first page", [&](int) {
    expect_ok(get_list(ctx, json::object{{"From_Account", user(random() % kUsers)},
                                         {"TimeStamp", 0},
                                         {"StartIndex", 0},
                                         {"TopTimeStamp", 0},
                                         {"TopStartIndex", 0},
                                         {"AssistFlags", 7}}));
  });
  run("get_c2c_unread_msg_num, all peers", [&](int) {
    expect_ok(unread(ctx, json::object{{"To_Account", user(random() % kUsers)}}));
  });
  run("WebIM recentcontact/get (list + unread each)", [&](int) {
    auto locked = store.lock();
    timock::store::InboxRepository(locked.db(), app->sdkappid, user(random() % kUsers)).conversations(100);
  });
  if (temporary) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
  if (!ok) {
    std::fprintf(stderr, "a read failed\n");
    return 1;
  }
  return 0;
}
