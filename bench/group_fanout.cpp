// Group fan-out to Chat SDK sockets (issue #12's figure): MEMBERS sockets on /info (text frames), each logged
// in as one member of a group (wslogin with a UserSig, reference/modern-sdk-protocol.md §6.1), then MESSAGES
// REST send_group_msg into the group, one at a time: for each, the time from the request until the LAST
// socket has its push (modern-sdk-groups.md §5.1). Also the server's VmRSS before and after the sockets.
// Prints a machine-readable line for bench/run:
//   FANOUT members=… sockets=… messages=… complete=… p50_ms=… p99_ms=… max_ms=… send_p50_ms=…
//          rss_before_kb=… rss_sockets_kb=… per_socket_kb=…
// The users u0…u{MEMBERS-1} must be members of GROUP_ID (bench/run builds it over REST). Not run by ctest.
//
//   bench_group_fanout PORT SERVER_PID SDKAPPID SECRET GROUP_ID MEMBERS MESSAGES
#include <boost/beast/websocket.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdio>
#include <ctime>
#include <memory>

#include "auth/usersig.hpp"
#include "bench_client.hpp"

namespace {

using namespace timock::bench;
namespace websocket = beast::websocket;

constexpr int kLoginWindow = 100;                      // sockets logging in at once
constexpr auto kArrivalTimeout = std::chrono::seconds(10);  // a message not everywhere by then is incomplete
constexpr std::uint64_t kWebSdkAppId = 537048168;

struct Options {
  int port = 0;
  int server_pid = 0;
  std::uint64_t sdkappid = 0;
  std::string secret, group_id;
  int members = 0, messages = 0;
};

struct Member {
  explicit Member(asio::io_context& ioc) : ws(ioc) {}
  websocket::stream<beast::tcp_stream> ws;
  beast::flat_buffer buffer;
  std::int64_t awaited_random = -1;  // the message it is waiting for
  SteadyClock::time_point arrived_at{};
};

class Bench {
 public:
  Bench(asio::io_context& ioc, Options options) : ioc_(ioc), options_(std::move(options)) {}
  asio::awaitable<void> run();

 private:
  std::string sig_for(const std::string& user) const {
    return timock::auth::mint_v2({options_.sdkappid, options_.secret, user, std::time(nullptr), 86400, std::nullopt});
  }
  asio::awaitable<bool> log_in(int i);
  asio::awaitable<void> listen(Member& m);

  asio::io_context& ioc_;
  Options options_;
  std::vector<std::unique_ptr<Member>> members_;
  std::int64_t current_random_ = -1;
  int arrived_ = 0;
  asio::steady_timer* waiting_ = nullptr;  // woken when the last socket has the current message
};

asio::awaitable<bool> Bench::log_in(int i) {
  auto& m = *members_[i];
  auto [connect_ec] = co_await beast::get_lowest_layer(m.ws).socket().async_connect(
      tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<std::uint16_t>(options_.port)), use_tuple);
  if (connect_ec) co_return false;
  const auto target = "/info?sdkappid=" + std::to_string(options_.sdkappid) + "&instanceid=" + std::to_string(i);
  auto [handshake_ec] = co_await m.ws.async_handshake("127.0.0.1", target, use_tuple);
  if (handshake_ec) co_return false;
  m.ws.text(true);
  const std::string user = "u" + std::to_string(i);
  const json::object head{{"ver", "v4"}, {"platform", 7}, {"websdkappid", kWebSdkAppId},
                          {"sdkappid", options_.sdkappid}, {"contenttype", "json"},
                          {"servcmd", "im_open_status.wslogin"}, {"seq", 1}, {"identifier", user},
                          {"usersig", sig_for(user)}};
  const auto frame = json::serialize(json::object{{"head", head}, {"body", json::object{}}});
  auto [write_ec, written] = co_await m.ws.async_write(asio::buffer(frame), use_tuple);
  if (write_ec) co_return false;
  auto [read_ec, read] = co_await m.ws.async_read(m.buffer, use_tuple);
  if (read_ec) co_return false;
  const auto reply = json::parse(beast::buffers_to_string(m.buffer.data()));
  m.buffer.consume(m.buffer.size());
  if (reply.at("body").at("ErrorCode").to_number<int>() != 0) co_return false;
  asio::co_spawn(ioc_, listen(m), asio::detached);
  co_return true;
}

// Reads pushes for ever; a group message carrying the awaited Random marks this socket's arrival.
asio::awaitable<void> Bench::listen(Member& m) {
  for (;;) {
    auto [ec, n] = co_await m.ws.async_read(m.buffer, use_tuple);
    if (ec) co_return;
    const auto now = SteadyClock::now();
    const auto text = beast::buffers_to_string(m.buffer.data());
    m.buffer.consume(m.buffer.size());
    if (current_random_ < 0 || m.awaited_random != current_random_) continue;
    if (text.find("\"GroupMsgArray\"") == std::string::npos ||
        text.find("\"MsgRandom\":" + std::to_string(current_random_) + ",") == std::string::npos)
      continue;
    m.awaited_random = -1;
    m.arrived_at = now;
    if (++arrived_ == static_cast<int>(members_.size()) && waiting_) waiting_->cancel();
  }
}

asio::awaitable<void> Bench::run() {
  const long rss_before = rss_kb(options_.server_pid);
  for (int i = 0; i < options_.members; ++i) members_.push_back(std::make_unique<Member>(ioc_));
  const int sockets = co_await run_windowed(ioc_, kLoginWindow, options_.members, [this](int i) { return log_in(i); });
  const long rss_sockets = rss_kb(options_.server_pid);
  if (sockets < options_.members) std::fprintf(stderr, "only %d of %d sockets logged in\n", sockets, options_.members);

  Connection rest(ioc_);
  if (!co_await connect(rest, options_.port)) co_return;
  const auto rest_url = "/v4/group_open_http_svc/send_group_msg?sdkappid=" + std::to_string(options_.sdkappid) +
                        "&identifier=administrator&usersig=" + sig_for("administrator") + "&random=1&contenttype=json";
  std::vector<double> fanout_ms, send_ms;
  int complete = 0;
  for (int k = 0; k < options_.messages; ++k) {
    const std::int64_t random = 1000000 + k;
    arrived_ = 0;
    for (auto& m : members_) m->awaited_random = random;
    current_random_ = random;
    const auto body = json::serialize(json::object{
        {"GroupId", options_.group_id}, {"From_Account", "u0"}, {"Random", random},
        {"MsgBody", json::array{{{"MsgType", "TIMTextElem"}, {"MsgContent", {{"Text", "fan out"}}}}}}});
    const auto sent_at = SteadyClock::now();
    const auto reply = co_await exchange(rest, http::verb::post, rest_url, body);
    send_ms.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - sent_at).count());
    if (!reply || reply->find(R"("ActionStatus":"OK")") == std::string::npos) {
      std::fprintf(stderr, "send_group_msg failed: %s\n", reply ? reply->c_str() : "(no reply)");
      co_return;
    }
    // The sender's socket (u0) is a member too: REST sends reach every member's sockets.
    if (arrived_ < sockets) {
      asio::steady_timer timer(ioc_, kArrivalTimeout);
      waiting_ = &timer;
      co_await timer.async_wait(use_tuple);
      waiting_ = nullptr;
    }
    if (arrived_ < sockets) continue;
    ++complete;
    auto last = sent_at;
    for (const auto& m : members_) last = std::max(last, m->arrived_at);
    fanout_ms.push_back(std::chrono::duration<double, std::milli>(last - sent_at).count());
  }
  std::printf("FANOUT members=%d sockets=%d messages=%d complete=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f "
              "send_p50_ms=%.2f rss_before_kb=%ld rss_sockets_kb=%ld per_socket_kb=%.1f\n",
              options_.members, sockets, options_.messages, complete, percentile(fanout_ms, 0.5),
              percentile(fanout_ms, 0.99), percentile(fanout_ms, 1.0), percentile(send_ms, 0.5), rss_before,
              rss_sockets, sockets > 0 ? double(rss_sockets - rss_before) / sockets : 0.0);
  std::fflush(stdout);
  // The listeners read for ever: closing the sockets ends them, and with them the run.
  for (auto& m : members_) beast::get_lowest_layer(m->ws).close();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 8) {
    std::fprintf(stderr, "usage: %s PORT SERVER_PID SDKAPPID SECRET GROUP_ID MEMBERS MESSAGES\n", argv[0]);
    return 2;
  }
  Options options{std::atoi(argv[1]), std::atoi(argv[2]), std::strtoull(argv[3], nullptr, 10), argv[4], argv[5],
                  std::atoi(argv[6]), std::atoi(argv[7])};
  asio::io_context ioc;
  Bench bench(ioc, options);
  asio::co_spawn(ioc, bench.run(), [](std::exception_ptr e) {
    if (e) std::rethrow_exception(e);
  });
  ioc.run();
  return 0;
}
