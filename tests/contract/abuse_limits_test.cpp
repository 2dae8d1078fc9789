// Bounded under abuse (README "Limits and guarantees"): idle and trickling connections are closed by the
// idle timeout, a huge declared body is refused unread, floods of bad sigs and of large requests do not grow
// memory, deep JSON is refused without a stack overflow, parked long polls and the journal are capped.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "abuse_helpers.hpp"
#include "auth/usersig.hpp"
#include "timock_harness.hpp"

namespace timock::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// ---- idle connections and trickled headers ------------------------------------------------------------

TEST(AbuseLimits, AThousandIdleConnectionsAreClosedByTheIdleTimeout) {
  constexpr int kConnections = 1000;
  raise_fd_limit(2 * kConnections + 200);  // the server inherits it: both ends of 1000 sockets, and some
  TimockProcess server({"--idle-timeout", "1"});
  const auto fds_before = open_fds(server.pid());
  std::vector<Socket> idle;
  for (int i = 0; i < kConnections; ++i) {
    idle.push_back(Socket::connect_to(server.port()));
    ASSERT_TRUE(idle.back().ok()) << "connection " << i;
  }
  // Some connections send half a request line, the rest nothing: both are idle to the server.
  for (int i = 0; i < kConnections; i += 2) idle[i].send_all("GET /mock/hea");
  const auto deadline = Clock::now() + 10s;
  int closed = 0;
  for (auto& socket : idle) closed += socket.wait_closed(deadline) ? 1 : 0;
  EXPECT_EQ(closed, kConnections) << "every idle connection is closed by the server";
  // And the server let go of them: its descriptors are back where they were, its gauge at the one scrape.
  const auto settle = Clock::now() + 5s;
  while (open_fds(server.pid()) > fds_before + 2 && Clock::now() < settle) std::this_thread::sleep_for(50ms);
  EXPECT_LE(open_fds(server.pid()), fds_before + 2);
  EXPECT_EQ(metric(server, "timock_open_connections"), 1);
  EXPECT_EQ(server.get("/mock/health").status, 200u);
}

TEST(AbuseLimits, HeadersTrickledByteByByteAreCutOffByTheIdleTimeout) {
  TimockProcess server({"--idle-timeout", "2"});
  auto socket = Socket::connect_to(server.port());
  ASSERT_TRUE(socket.ok());
  // One byte every 100 ms of a header that never ends: each byte is progress, yet the whole header must
  // arrive within the idle timeout.
  const std::string request = "GET /mock/health HTTP/1.1\r\nX-Slow: " + std::string(10000, 'a');
  const auto started = Clock::now();
  bool cut = false;
  std::string received;
  for (std::size_t i = 0; i < request.size() && Clock::now() - started < 8s; ++i) {
    if (!socket.send_all(request.substr(i, 1)) || socket.closed_by_peer(&received)) {
      cut = true;
      break;
    }
    std::this_thread::sleep_for(100ms);
  }
  const auto elapsed = Clock::now() - started;
  EXPECT_TRUE(cut) << "the server kept a trickling client for 8 s";
  EXPECT_GE(elapsed, 1500ms) << "cut before the idle timeout";
  EXPECT_LE(elapsed, 4s) << "not cut at the idle timeout (2 s)";
  EXPECT_EQ(received.find("HTTP/1.1 200"), std::string::npos) << "a request never finished gets no reply";
  EXPECT_EQ(server.get("/mock/health").status, 200u);
}

// ---- a huge declared body -----------------------------------------------------------------------------

TEST(AbuseLimits, AHundredMegabyteDeclaredBodyIsRefusedFastWithoutBeingRead) {
  TimockProcess server;
  const auto app = create_app(server);
  auto socket = Socket::connect_to(server.port());
  ASSERT_TRUE(socket.ok());
  const auto started = Clock::now();
  ASSERT_TRUE(socket.send_all("POST " + rest_target(app, "openim/sendmsg") +
                              " HTTP/1.1\r\nHost: x\r\nContent-Length: 104857600\r\n\r\n{\"From_Account\":"));
  std::string received;
  ASSERT_TRUE(socket.wait_closed(Clock::now() + 5s, &received)) << "the connection is closed after the reply";
  EXPECT_LT(Clock::now() - started, 2s) << "the reply does not wait for the body";
  EXPECT_NE(received.find("HTTP/1.1 200"), std::string::npos) << received;
  EXPECT_NE(received.find("\"ErrorCode\":93000"), std::string::npos) << received;
  EXPECT_NE(received.find("Connection: close"), std::string::npos) << received;
  EXPECT_EQ(server.get("/mock/health").status, 200u);
}

// ---- memory under floods ------------------------------------------------------------------------------

TEST(AbuseLimits, TenThousandDistinctBadSigsDoNotGrowMemory) {
  // A small journal: its own bound is tested below; here only the sig checks' memory is measured.
  TimockProcess server({"--journal-cap", "100"});
  const auto app = create_app(server);
  KeepAliveClient client(server.port());
  // Each sig is well-formed, names the admin, and is signed with a key the app does not have: every one is
  // inflated, parsed and HMAC'd, and refused with 70009 — and none may be remembered.
  int sent = 0;
  const auto flood = [&](int count) {
    for (int i = 0; i < count; ++i, ++sent) {
      const auto sig = auth::mint_v2({app.sdkappid, "not-the-apps-key", app.admin, 1700000000 + sent, 86400 * 365,
                                      std::nullopt});
      const auto reply = client.post("/v4/im_open_login_svc/account_check?sdkappid=" + std::to_string(app.sdkappid) +
                                         "&identifier=" + app.admin + "&usersig=" + sig,
                                     R"({"CheckItem":[{"UserID":"x"}]})");
      ASSERT_NE(reply.find("\"ErrorCode\":70009"), std::string::npos) << reply;
    }
  };
  flood(2000);  // warm-up: allocator pools, the journal filled to its cap
  const auto before = rss_kib(server.pid());
  flood(10000);
  const auto after = rss_kib(server.pid());
  RecordProperty("rss_kib_before", std::to_string(before));
  RecordProperty("rss_kib_after", std::to_string(after));
  if (sanitized_server(server.pid())) GTEST_SKIP() << "ASan/TSan keep freed memory in quarantine; LSan checks leaks instead";
  EXPECT_LT(after - before, kRssSlackKib) << "RSS grew from " << before << " KiB to " << after << " KiB";
}

TEST(AbuseLimits, TheJournalIsCappedInEntriesAndBodyBytes) {
  constexpr int kCap = 50;
  TimockProcess server({"--journal-cap", std::to_string(kCap)});
  const auto app = create_app(server);
  KeepAliveClient client(server.port());
  // 512 KiB bodies: under the 1 MiB request cap, far over the journal's 64 KiB per body.
  const std::string big = R"({"CheckItem":[{"UserID":")" + std::string(512 * 1024, 'x') + R"("}]})";
  const auto target = rest_target(app, "im_open_login_svc/account_check");
  const auto flood = [&](int count) {
    for (int i = 0; i < count; ++i) ASSERT_FALSE(client.post(target, big).empty());
  };
  flood(100);
  const auto before = rss_kib(server.pid());
  flood(300);
  const auto after = rss_kib(server.pid());
  const auto entries = server.get("/mock/apps/" + std::to_string(app.sdkappid) + "/journal").json().at("entries").as_array();
  ASSERT_EQ(entries.size(), static_cast<std::size_t>(kCap));
  EXPECT_EQ(entries.back().at("seq").as_int64(), 400) << "the newest are kept";
  for (const auto& entry : entries) {
    const auto& request = entry.at("request");
    ASSERT_TRUE(request.is_string()) << "a clipped body is kept as text";
    EXPECT_LE(request.as_string().size(), 64u * 1024 + 32);
  }
  if (sanitized_server(server.pid())) GTEST_SKIP() << "ASan/TSan keep freed memory in quarantine; LSan checks leaks instead";
  EXPECT_LT(after - before, kRssSlackKib) << "RSS grew from " << before << " KiB to " << after << " KiB";
}

// ---- deep JSON ----------------------------------------------------------------------------------------

std::string nested_arrays(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }
std::string nested_objects(int depth) {
  std::string text;
  for (int i = 0; i < depth; ++i) text += R"({"a":)";
  text += "1";
  text += std::string(depth, '}');
  return text;
}

constexpr int kHostileDepth = 100000;

TEST(AbuseLimits, JsonNestedAHundredThousandDeepIsRefusedEverywhere) {
  TimockProcess server;
  const auto app = create_app(server);
  const std::string id = std::to_string(app.sdkappid);
  for (const auto& body : {nested_arrays(kHostileDepth), nested_objects(kHostileDepth),
                           R"({"From_Account":"x","MsgBody":)" + nested_arrays(kHostileDepth) + "}"}) {
    // REST: the service's bad-JSON code, in the envelope.
    const auto rest = server.post(rest_target(app, "openim/sendmsg"), body);
    ASSERT_EQ(rest.status, 200u);
    EXPECT_EQ(rest.json().at("ErrorCode").as_int64(), 90001);
    // Control plane: 400 on each body-reading route.
    EXPECT_EQ(server.post("/mock/apps", body).status, 400u);
    EXPECT_EQ(server.request("PUT", "/mock/clock", body).status, 400u);
    EXPECT_EQ(server.post("/mock/apps/" + id + "/faults", body).status, 400u);
    EXPECT_EQ(server.post("/mock/apps/" + id + "/usersig", body).status, 400u);
    // Fixtures through the control plane.
    EXPECT_EQ(server.request("PUT", "/mock/apps/" + id + "/snapshot", body).status, 400u);
    EXPECT_EQ(server.request("PUT", "/mock/apps/" + id + "/snapshot", R"({"apps":[)" + body + "]}").status, 400u);
    // The WebIM client protocol.
    const auto client = server.post("/v4/openim/login?websdkappid=537048168&sdkappid=" + id +
                                        "&identifier=" + app.admin + "&usersig=" + app.admin_sig,
                                    body);
    ASSERT_EQ(client.status, 200u);
    EXPECT_NE(client.json().at("ErrorCode").as_int64(), 0);
  }
  EXPECT_EQ(server.get("/mock/health").status, 200u);
}

// Regression: under a 64-level bound a message body 40 levels deep was stored, and every later read of its
// conversation failed ("too deep": stored JSON is read back with Boost.JSON's default depth of 32).
TEST(AbuseLimits, AMessageBodyFortyDeepIsRefusedAtTheDoorAndHistoryStaysReadable) {
  TimockProcess server;
  const auto app = create_app(server);
  for (const char* user : {"a", "b"}) rest(server, app, "im_open_login_svc/account_import", json::object{{"UserID", user}});
  const auto deep = nested_arrays(40);
  const auto sent = server.post(rest_target(app, "openim/sendmsg"),
                                R"({"From_Account":"a","To_Account":"b","MsgRandom":1,"MsgBody":[{"MsgType":"TIMCustomElem","MsgContent":{"Data":"x","Extra":)" +
                                    deep + "}}]}");
  EXPECT_EQ(sent.json().at("ErrorCode").as_int64(), 90001) << sent.body;
  const auto fixture = server.request(
      "PUT", "/mock/apps/" + std::to_string(app.sdkappid) + "/snapshot",
      R"({"accounts":[{"user_id":"a"},{"user_id":"b"}],"messages":[{"from":"a","to":"b","time":1700000000,"body":[{"MsgType":"TIMCustomElem","MsgContent":{"Data":"x","Extra":)" +
          deep + "}}]}]}");
  EXPECT_EQ(fixture.status, 400u) << fixture.body;
  const auto history = rest(server, app, "openim/admin_getroammsg",
                            json::object{{"Operator_Account", "a"}, {"Peer_Account", "b"}, {"MaxCnt", 10}, {"MinTime", 0},
                                         {"MaxTime", 4000000000}});
  EXPECT_EQ(history.at("ErrorCode").as_int64(), 0) << json::serialize(history);
  EXPECT_EQ(server.get("/mock/apps/" + std::to_string(app.sdkappid) + "/snapshot").status, 200u);
}

TEST(AbuseLimits, AFixtureFileNestedAHundredThousandDeepStopsTheBinaryWithStatus2) {
  char pattern[] = "/tmp/timock-deep-XXXXXX";
  const std::string dir = mkdtemp(pattern);
  const std::string file = dir + "/deep.json";
  std::ofstream(file) << R"({"apps":[{"sdkappid":1400000001,"secret_key":"k","accounts":)" << nested_arrays(kHostileDepth)
                      << "}]}";
  EXPECT_EQ(run_status({timock_binary(), "serve", "--listen", "127.0.0.1:0", "--db", ":memory:", "--fixture", file}), 2);
  std::filesystem::remove_all(dir);
}

// ---- parked long polls --------------------------------------------------------------------------------

TEST(AbuseLimits, ParkedLongPollsPerUserAreCappedAtOnePerInstanceAndEightInstances) {
  TimockProcess server({"--longpoll-hold", "20"});
  const auto app = create_app(server);
  rest(server, app, "im_open_login_svc/account_import", json::object{{"UserID", "alice"}});
  const auto sig = mint_sig(server, app.sdkappid, "alice");
  constexpr int kInstances = 8;  // client::Registry::kMaxInstancesPerUser

  std::vector<WebImInstance> instances;
  std::vector<std::future<json::object>> polls;
  for (int i = 0; i < kInstances; ++i) {
    instances.push_back(webim_login(server, app.sdkappid, "alice", sig));
    polls.push_back(park_poll(server, instances.back()));
  }
  wait_for_metric(server, "timock_parked_polls", kInstances);

  // A second poll on one instance replaces its parked one, which ends idle (60008) at once.
  auto again = park_poll(server, instances[0]);
  ASSERT_EQ(polls[0].wait_for(5s), std::future_status::ready);
  EXPECT_EQ(polls[0].get().at("ErrorCode").as_int64(), 60008);
  polls[0] = std::move(again);

  // Two more logins: the two oldest instances are kicked, their parked polls answered 91101 at once.
  for (int i = 0; i < 2; ++i) {
    instances.push_back(webim_login(server, app.sdkappid, "alice", sig));
    polls.push_back(park_poll(server, instances.back()));
  }
  for (int i = 0; i < 2; ++i) {
    ASSERT_EQ(polls[i].wait_for(5s), std::future_status::ready) << "poll " << i;
    EXPECT_EQ(polls[i].get().at("ErrorCode").as_int64(), 91101) << "poll " << i;
  }
  wait_for_metric(server, "timock_parked_polls", kInstances);
  // A kicked instance cannot park again.
  const auto kicked = park_poll(server, instances[0]).get();
  EXPECT_EQ(kicked.at("ErrorCode").as_int64(), 91101);
  EXPECT_EQ(metric(server, "timock_parked_polls"), kInstances);
  // The rest end when the server stops (the parked polls answer idle on SIGTERM).
  EXPECT_EQ(server.stop(), 0);
  for (std::size_t i = 2; i < polls.size(); ++i) {
    ASSERT_EQ(polls[i].wait_for(10s), std::future_status::ready);
    EXPECT_EQ(polls[i].get().at("ErrorCode").as_int64(), 60008);
  }
}

}  // namespace
}  // namespace timock::testing
