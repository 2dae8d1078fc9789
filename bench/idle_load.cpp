// Memory under idle load, and push latency under it: opens IDLE keep-alive connections (one GET /mock/health
// each, then silent) and POLLS WebIM clients with a parked long poll each (login → getlongpollingid → the first
// poll, answered at once → a second poll, which parks; reference/webim-protocol.md §3, §4.7–4.8), reading the
// server's VmRSS before and after. Then REST openim/sendmsg to SAMPLES distinct parked users from SENDERS
// connections, each waiting for its reply before the next, and times each send → the woken poll's reply.
// Woken polls park again with their new cursor, as the SDK does. Prints machine-readable lines for bench/run:
//   CONNECTIONS idle=… polls=… parked=… rss_before_kb=… rss_idle_kb=… rss_loaded_kb=… setup_s=…
//   PUSH samples=… arrived=… p50_us=… p99_us=… max_us=… send_p50_us=… send_p99_us=… beyond_reply_p50_us=… …
// The users u0…u{POLLS-1} should exist (bench/run loads them from a fixture) so login does not write.
// Not run by ctest.
//
//   bench_idle_load PORT SERVER_PID SDKAPPID SECRET IDLE POLLS SAMPLES SENDERS [SETUP_BUDGET_S]
// With SETUP_BUDGET_S, no client starts logging in once that many seconds have passed since the start.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/usersig.hpp"
#include "bench_client.hpp"

namespace {

using namespace timock::bench;

constexpr int kSetupWindow = 200;            // connections being set up at once (the listen backlog is larger)
constexpr std::uint64_t kWebSdkAppId = 537048168;
constexpr int kAccountType = 36862;
constexpr std::int64_t kPollTimedOut = 60008;  // a poll's hold ran out with no news (§4.8)
constexpr auto kArrivalGrace = std::chrono::seconds(3);  // how long to wait for the last pushes
constexpr auto kParkedWait = std::chrono::seconds(20);   // how long to wait for every poll to be parked

struct Options {
  int port = 0;
  int server_pid = 0;
  std::uint64_t sdkappid = 0;
  std::string secret;
  int idle = 0, polls = 0, samples = 0, senders = 1;
  int setup_budget_s = 0;  // past this many seconds no more clients log in; 0 = no limit
};

struct Poller {
  explicit Poller(asio::io_context& ioc) : connection(ioc) {}
  Connection connection;
  std::string tinyid, a2, long_polling_id;
  std::int64_t notice_seq = 0;
  SteadyClock::time_point pushed_at{}, replied_at{}, arrived_at{};
  bool awaited = false, arrived = false;
};

class Bench {
 public:
  Bench(asio::io_context& ioc, Options options) : ioc_(ioc), options_(std::move(options)) {}

  asio::awaitable<void> run();

 private:
  std::string client_url(const std::string& service, const std::string& command, const std::string& who) const {
    return "/v4/" + service + "/" + command + "?websdkappid=" + std::to_string(kWebSdkAppId) +
           "&v=1.7.2&platform=10&" + who + "&contenttype=json&sdkappid=" + std::to_string(options_.sdkappid) +
           "&accounttype=" + std::to_string(kAccountType) + "&apn=1&reqtime=" + std::to_string(std::time(nullptr));
  }
  std::string session_url(const std::string& command, const Poller& p) const {
    return client_url("openim", command, "tinyid=" + p.tinyid + "&a2=" + p.a2);
  }
  std::string rest_url(const std::string& path) const {
    return "/v4/" + path + "?sdkappid=" + std::to_string(options_.sdkappid) + "&identifier=administrator&usersig=" +
           admin_sig_ + "&random=1&contenttype=json";
  }
  std::string sig_for(const std::string& user) const {
    return timock::auth::mint_v2({options_.sdkappid, options_.secret, user, std::time(nullptr), 86400, std::nullopt});
  }
  std::string poll_body(const Poller& p) const {
    return json::serialize(json::object{
        {"Timeout", 60},
        {"Cookie", {{"NotifySeq", 0}, {"NoticeSeq", p.notice_seq}, {"LongPollingId", p.long_polling_id}}}});
  }

  asio::awaitable<bool> open_idle(int i);
  asio::awaitable<bool> log_in(int i);
  asio::awaitable<void> keep_polling(Poller& p);
  asio::awaitable<bool> send_samples(int sender);
  asio::awaitable<long> parked_now();

  asio::io_context& ioc_;
  Options options_;
  std::string admin_sig_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::vector<std::unique_ptr<Poller>> pollers_;
  std::vector<int> ready_;  // pollers logged in with a poll on its way
  std::vector<double> send_micros_;
  int next_sample_ = 0;
  int poll_failures_ = 0;
};

asio::awaitable<bool> Bench::open_idle(int i) {
  auto& c = *idle_[i];
  if (!co_await connect(c, options_.port)) co_return false;
  co_return (co_await exchange(c, http::verb::get, "/mock/health")).has_value();
}

asio::awaitable<bool> Bench::log_in(int i) {
  auto& p = *pollers_[i];
  auto& c = p.connection;
  if (!co_await connect(c, options_.port)) co_return false;
  const std::string user = "u" + std::to_string(i);
  const auto login = co_await exchange(
      c, http::verb::post, client_url("openim", "login", "identifier=" + user + "&usersig=" + sig_for(user)),
      R"({"State":"Online"})");
  if (!login) co_return false;
  const auto session = json::parse(*login).as_object();
  if (!session.contains("A2Key")) co_return false;
  p.tinyid = session.at("TinyId").is_string() ? std::string(session.at("TinyId").as_string())
                                               : json::serialize(session.at("TinyId"));
  p.a2 = std::string(session.at("A2Key").as_string());
  const auto id = co_await exchange(c, http::verb::post, session_url("getlongpollingid", p), "{}");
  if (!id) co_return false;
  p.long_polling_id = std::string(json::parse(*id).at("LongPollingId").as_string());
  // The first poll is answered at once (§3 step 8); the ones after it park.
  if (!co_await exchange(c, http::verb::post, session_url("longpolling", p), poll_body(p))) co_return false;
  asio::co_spawn(ioc_, keep_polling(p), asio::detached);
  ready_.push_back(i);
  co_return true;
}

asio::awaitable<void> Bench::keep_polling(Poller& p) {
  for (;;) {
    const auto reply = co_await exchange(p.connection, http::verb::post, session_url("longpolling", p), poll_body(p));
    const auto now = SteadyClock::now();
    if (!reply) {
      ++poll_failures_;
      co_return;
    }
    boost::system::error_code ec;
    const auto parsed = json::parse(*reply, ec);
    const auto* body = parsed.if_object();
    const auto* code = body ? body->if_contains("ErrorCode") : nullptr;
    if (!code || !code->is_int64() || (code->as_int64() != 0 && code->as_int64() != kPollTimedOut)) {
      ++poll_failures_;
      co_return;
    }
    const auto* events = body->if_contains("EventArray");
    if (!events || !events->is_array()) continue;  // the hold ran out: park again
    for (const auto& event : events->as_array()) {
      const auto* items = event.as_object().if_contains("C2cMsgArray");
      if (!items || items->as_array().empty()) continue;
      p.notice_seq = items->as_array().at(0).at("NoticeSeq").to_number<std::int64_t>();
      if (p.awaited && !p.arrived) {
        p.arrived = true;
        p.arrived_at = now;
      }
    }
  }
}

asio::awaitable<bool> Bench::send_samples(int) {
  Connection c(ioc_);
  if (!co_await connect(c, options_.port)) co_return false;
  // Distinct users, spread over the whole set.
  const int clients = static_cast<int>(ready_.size());
  const int samples = std::min(options_.samples, clients);
  const int stride = std::max(1, clients / std::max(1, samples));
  while (next_sample_ < samples) {
    const int i = ready_[(next_sample_++ * stride) % clients];
    auto& p = *pollers_[i];
    const auto body = json::serialize(json::object{
        {"From_Account", "bench_sender"},
        {"To_Account", "u" + std::to_string(i)},
        {"MsgRandom", i},
        {"MsgBody", json::array{{{"MsgType", "TIMTextElem"}, {"MsgContent", {{"Text", "wake up"}}}}}}});
    p.awaited = true;
    p.pushed_at = SteadyClock::now();
    const auto reply = co_await exchange(c, http::verb::post, rest_url("openim/sendmsg"), body);
    p.replied_at = SteadyClock::now();
    send_micros_.push_back(std::chrono::duration<double, std::micro>(p.replied_at - p.pushed_at).count());
    if (!reply || reply->find(R"("ActionStatus":"OK")") == std::string::npos) co_return false;
  }
  co_return true;
}

asio::awaitable<long> Bench::parked_now() {
  Connection c(ioc_);
  if (!co_await connect(c, options_.port)) co_return -1;
  const auto metrics = co_await exchange(c, http::verb::get, "/mock/metrics");
  if (!metrics) co_return -1;
  const auto at = metrics->find("\ntimock_parked_polls ");
  if (at == std::string::npos) co_return -1;
  co_return std::atol(metrics->c_str() + at + 21);
}

asio::awaitable<void> Bench::run() {
  admin_sig_ = sig_for("administrator");
  const long rss_before = rss_kb(options_.server_pid);
  const auto setup_started = SteadyClock::now();
  for (int i = 0; i < options_.idle; ++i) idle_.push_back(std::make_unique<Connection>(ioc_));
  const int idle_open = co_await run_windowed(ioc_, kSetupWindow, options_.idle, [this](int i) { return open_idle(i); });
  const long rss_idle = rss_kb(options_.server_pid);

  {
    Connection rest(ioc_);
    if (!co_await connect(rest, options_.port) ||
        !co_await exchange(rest, http::verb::post, rest_url("im_open_login_svc/account_import"),
                           R"({"UserID":"bench_sender"})")) {
      std::fprintf(stderr, "cannot import bench_sender\n");
      co_return;
    }
  }
  for (int i = 0; i < options_.polls; ++i) pollers_.push_back(std::make_unique<Poller>(ioc_));
  // Each WebIM call costs the server time in proportion to the clients already logged in (RESULTS.md), so a
  // budget keeps a slow machine's run bounded; the figures then say how many clients came up.
  const auto login_deadline = options_.setup_budget_s > 0
                                  ? setup_started + std::chrono::seconds(options_.setup_budget_s)
                                  : SteadyClock::time_point::max();
  const int logged_in =
      co_await run_windowed(ioc_, kSetupWindow, options_.polls, [this](int i) { return log_in(i); }, login_deadline);
  // Every second poll is on its way; wait until the server holds them all.
  long parked = -1;
  asio::steady_timer pause(ioc_);
  for (const auto deadline = SteadyClock::now() + kParkedWait; SteadyClock::now() < deadline;) {
    parked = co_await parked_now();
    if (parked >= logged_in) break;
    pause.expires_after(std::chrono::milliseconds(200));
    co_await pause.async_wait(use_tuple);
  }
  const double setup_s = std::chrono::duration<double>(SteadyClock::now() - setup_started).count();
  const long rss_loaded = rss_kb(options_.server_pid);
  std::printf("CONNECTIONS idle=%d polls=%d parked=%ld rss_before_kb=%ld rss_idle_kb=%ld rss_loaded_kb=%ld setup_s=%.1f\n",
              idle_open, logged_in, parked, rss_before, rss_idle, rss_loaded, setup_s);
  std::fflush(stdout);

  const int senders_ok = co_await run_windowed(ioc_, kSetupWindow, options_.senders, [this](int s) { return send_samples(s); });
  const auto grace_end = SteadyClock::now() + kArrivalGrace;
  std::vector<double> push_micros, beyond_reply_micros;
  for (;;) {
    int awaited = 0, arrived = 0;
    for (const auto& p : pollers_) {
      awaited += p->awaited;
      arrived += p->arrived;
    }
    if (arrived == awaited || SteadyClock::now() >= grace_end) break;
    pause.expires_after(std::chrono::milliseconds(50));
    co_await pause.async_wait(use_tuple);
  }
  int arrived = 0;
  for (const auto& p : pollers_) {
    if (!p->arrived) continue;
    ++arrived;
    push_micros.push_back(std::chrono::duration<double, std::micro>(p->arrived_at - p->pushed_at).count());
    // What the wake-up adds past the sendmsg reply (the durable write); negative when the poll answers first.
    beyond_reply_micros.push_back(std::chrono::duration<double, std::micro>(p->arrived_at - p->replied_at).count());
  }
  std::printf("PUSH samples=%zu arrived=%d senders_ok=%d p50_us=%.0f p99_us=%.0f max_us=%.0f send_p50_us=%.0f "
              "send_p99_us=%.0f beyond_reply_p50_us=%.0f beyond_reply_p99_us=%.0f poll_failures=%d rss_after_kb=%ld\n",
              send_micros_.size(), arrived, senders_ok, percentile(push_micros, 0.5), percentile(push_micros, 0.99),
              percentile(push_micros, 1.0), percentile(send_micros_, 0.5), percentile(send_micros_, 0.99),
              percentile(beyond_reply_micros, 0.5), percentile(beyond_reply_micros, 0.99), poll_failures_,
              rss_kb(options_.server_pid));
  std::fflush(stdout);
  ioc_.stop();  // the parked polls and idle connections close with the process
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 9 && argc != 10) {
    std::fprintf(stderr, "usage: %s PORT SERVER_PID SDKAPPID SECRET IDLE POLLS SAMPLES SENDERS [SETUP_BUDGET_S]\n",
                 argv[0]);
    return 2;
  }
  Options options;
  options.port = std::atoi(argv[1]);
  options.server_pid = std::atoi(argv[2]);
  options.sdkappid = std::strtoull(argv[3], nullptr, 10);
  options.secret = argv[4];
  options.idle = std::atoi(argv[5]);
  options.polls = std::atoi(argv[6]);
  options.samples = std::min(std::atoi(argv[7]), options.polls);
  options.senders = std::max(1, std::atoi(argv[8]));
  options.setup_budget_s = argc == 10 ? std::atoi(argv[9]) : 0;
  asio::io_context ioc;
  Bench bench(ioc, options);
  bool finished = false;
  asio::co_spawn(ioc, bench.run(), [&](std::exception_ptr e) {
    finished = true;
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& error) {
      std::fprintf(stderr, "bench_idle_load: %s\n", error.what());
    }
    ioc.stop();
  });
  ioc.run();
  return finished ? 0 : 1;
}
