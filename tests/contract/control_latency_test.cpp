// A fault rule's delay waits on a timer, never on a thread (DESIGN "Control plane"): 500 requests each held
// 2 s by a rule, against a server with 2 threads, all finish together in about 2 s, not 500 × 2 s / 2.
#include <gtest/gtest.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>

#include "control_helpers.hpp"

namespace timock::testing {
namespace {

using namespace control;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using Clock = std::chrono::steady_clock;

constexpr int kRequests = 500;
constexpr auto kDelay = std::chrono::milliseconds(2000);
// Serialised on 2 threads the delays would take 500 s; on timers, about 2 s plus the time to accept and
// answer 500 connections. 6 s leaves room for a loaded 2-core machine.
constexpr auto kBudget = std::chrono::seconds(6);

struct Outcome {
  bool done = false;
  unsigned status = 0;
  std::string body;
  std::string error;
  Clock::duration took{};
};

// One client: its own connection, one request, one reply.
asio::awaitable<void> one_call(std::uint16_t port, std::string target, Outcome& out) {
  const auto started = Clock::now();
  beast::tcp_stream stream(co_await asio::this_coro::executor);
  stream.expires_after(std::chrono::seconds(30));
  const auto tuple = asio::as_tuple(asio::use_awaitable);
  auto [connect_ec] = co_await stream.async_connect(
      asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), tuple);
  if (connect_ec) {
    out.error = "connect: " + connect_ec.message();
    co_return;
  }
  http::request<http::string_body> request{http::verb::post, target, 11};
  request.set(http::field::host, "127.0.0.1");
  request.body() = R"({"CheckItem":[{"UserID":"alice"}]})";
  request.prepare_payload();
  auto [write_ec, written] = co_await http::async_write(stream, request, tuple);
  if (write_ec) {
    out.error = "write: " + write_ec.message();
    co_return;
  }
  beast::flat_buffer buffer;
  http::response<http::string_body> response;
  auto [read_ec, read] = co_await http::async_read(stream, buffer, response, tuple);
  if (read_ec) {
    out.error = "read: " + read_ec.message();
    co_return;
  }
  out.took = Clock::now() - started;
  out.status = response.result_int();
  out.body = response.body();
  out.done = true;
}

TEST(ControlLatency, FiveHundredDelayedRequestsCompleteTogetherOnTwoThreads) {
  TimockProcess server({"--threads", "2"});
  const auto app = create_app(server);
  ASSERT_EQ(code_of(import_account(server, app, "alice")), 0);
  const auto rule = add_fault(server, app, R"({"match":{"command":"account_check"},"delay_ms":2000})");

  asio::io_context ioc;
  std::vector<Outcome> outcomes(kRequests);
  for (auto& outcome : outcomes)
    asio::co_spawn(ioc, one_call(server.port(), rest_target(app, "im_open_login_svc/account_check"), outcome),
                   asio::detached);
  const auto started = Clock::now();
  ioc.run();
  const auto total = Clock::now() - started;

  int done = 0;
  for (const auto& outcome : outcomes) {
    if (!outcome.done) {
      ADD_FAILURE() << outcome.error;
      continue;
    }
    ++done;
    EXPECT_EQ(outcome.status, 200u);
    EXPECT_GE(outcome.took, kDelay) << "each reply waited for the rule";
    EXPECT_NE(outcome.body.find(R"("AccountStatus":"Imported")"), std::string::npos) << outcome.body;
  }
  EXPECT_EQ(done, kRequests);
  EXPECT_LT(total, kBudget) << std::chrono::duration_cast<std::chrono::milliseconds>(total).count() << " ms";
  EXPECT_EQ(parsed(server.get(app_path(app, "/faults/" + std::string(rule.at("id").as_string()))))["hits"]
                .as_int64(),
            kRequests);
  EXPECT_EQ(journal(server, app, "command=account_check&limit=1000").size(), std::size_t(kRequests));
}

}  // namespace
}  // namespace timock::testing
