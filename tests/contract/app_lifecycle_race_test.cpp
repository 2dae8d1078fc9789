// Chat SDK logins and sends, REST sends, and the control plane resetting, reloading, deleting and re-creating
// the same app, all at once for a few seconds (issue: a login's account import after the app's rows were gone
// threw through the socket's read loop, freed the socket under its writer, and left a shutdown that never
// ended). Every socket must end with a close frame or stay open, every reply must come, and SIGTERM must stop
// the server cleanly within 5 s. scripts/test-sanitized runs this against an ASan + UBSan timock, where a
// use-after-free fails the run.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "../temp_dir.hpp"
#include "chat_client.hpp"
#include "timock_harness.hpp"

namespace timock::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

constexpr std::uint64_t kSdkAppId = 1400777001;
constexpr auto kSecret = "race-test-secret-key";
constexpr int kUsers = 8;
constexpr int kSocketThreads = 6;
constexpr int kRestThreads = 2;
constexpr auto kRunFor = 4s;

std::string app_body() {
  return json::serialize(json::object{{"sdkappid", kSdkAppId}, {"secret_key", kSecret}});
}

std::string user(int i) { return "u" + std::to_string(i); }

TEST(AppLifecycleRace, LoginsAndSendsRacingResetDeleteAndSnapshotNeverDropASocketAndStopCleanly) {
  TempDir dir{"timock-race"};
  TimockProcess server({"--threads", "2"}, dir.path + "/state.db");
  const TestApp app = create_app(server, app_body());
  ASSERT_EQ(app.sdkappid, kSdkAppId);
  std::vector<std::string> sigs;
  for (int i = 0; i < kUsers; ++i) {
    rest(server, app, "im_open_login_svc/account_import", json::object{{"UserID", user(i)}});
    sigs.push_back(mint_sig(server, kSdkAppId, user(i)));  // the same secret after every re-create: still valid
  }
  const std::string app_path = "/mock/apps/" + std::to_string(kSdkAppId);
  const auto snapshot = server.get(app_path + "/snapshot");
  ASSERT_EQ(snapshot.status, 200u);

  std::atomic<bool> stop{false};
  std::atomic<int> logins_ok{0}, logins_app_gone{0}, sends_ok{0}, socket_rounds{0}, dropped{0}, control_calls{0},
      rest_calls{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kSocketThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; !stop; ++round) {
        ChatClient socket(server, kSdkAppId);
        if (!socket.is_open()) break;  // the connection was refused: reported by ChatClient
        const int me = (t + round) % kUsers;
        const auto login = socket.login(user(me), sigs[me]);
        const auto* login_code = login.if_contains("ErrorCode");
        EXPECT_TRUE(login_code) << "a login got no reply";
        if (login_code && login_code->as_int64() == 70020) ++logins_app_gone;  // deleted before or during it
        if (login_code && login_code->as_int64() == 0) {
          ++logins_ok;
          const auto reply = socket.call("openim.sendmsg",
                                         sendmsg_body(user(me), user((me + 1) % kUsers), "hello " + std::to_string(round),
                                                      round + 1, t * 100000 + round, 0));
          const auto* send_code = reply.if_contains("ErrorCode");
          EXPECT_TRUE(send_code) << "a sendmsg got no reply";
          if (send_code && send_code->as_int64() == 0) ++sends_ok;
        }
        socket.drain(20ms);
        if (!socket.is_open() && !socket.closed_with_close_frame()) ++dropped;
        ++socket_rounds;
      }
    });
  }
  for (int t = 0; t < kRestThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int n = 0; !stop; ++n) {
        const json::object body{{"From_Account", user(t)},
                                {"To_Account", user(t + 2)},
                                {"MsgRandom", n},
                                {"MsgBody", json::array{{{"MsgType", "TIMTextElem"}, {"MsgContent", {{"Text", "rest"}}}}}}};
        const auto reply = server.post(rest_target(app, "openim/sendmsg"), json::serialize(body));
        EXPECT_EQ(reply.status, 200u) << reply.body;
        ++rest_calls;
      }
    });
  }
  threads.emplace_back([&] {
    for (int n = 0; !stop; ++n) {
      switch (n % 4) {
        case 0:
          server.request("POST", app_path + "/reset");
          break;
        case 1:
          server.request("PUT", app_path + "/snapshot", snapshot.body);
          break;
        case 2:
          server.request("DELETE", app_path);
          break;
        case 3:
          server.post("/mock/apps", app_body());
          break;
      }
      ++control_calls;
      std::this_thread::sleep_for(25ms);
    }
  });
  std::this_thread::sleep_for(kRunFor);
  stop = true;
  for (auto& thread : threads) thread.join();

  EXPECT_EQ(dropped, 0) << "sockets the server dropped without a close frame";
  EXPECT_GT(logins_ok, 0);
  EXPECT_GT(control_calls, 20);
  RecordProperty("socket_rounds", std::to_string(socket_rounds.load()));
  RecordProperty("logins_ok", std::to_string(logins_ok.load()));
  RecordProperty("logins_app_gone", std::to_string(logins_app_gone.load()));
  RecordProperty("sends_ok", std::to_string(sends_ok.load()));
  RecordProperty("rest_calls", std::to_string(rest_calls.load()));

  // Still serving, then a clean stop well within the 5 s the README promises.
  EXPECT_EQ(server.get("/mock/health").status, 200u);
  const auto stopping = std::chrono::steady_clock::now();
  EXPECT_EQ(server.stop(), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - stopping, 5s);
}

}  // namespace
}  // namespace timock::testing
