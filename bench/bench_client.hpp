// What the bench tools that drive timock over HTTP share: a keep-alive connection and one request on it, the
// server's resident memory, percentiles, and a window of concurrent jobs. Header-only: each bench is one .cpp.
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/value.hpp>
#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace timock::bench {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;
inline constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

inline long rss_kb(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

inline double percentile(std::vector<double> values, double q) {
  if (values.empty()) return -1;
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(q * (values.size() - 1))];
}

struct Connection {
  explicit Connection(asio::io_context& ioc) : stream(ioc) {}
  beast::tcp_stream stream;
  beast::flat_buffer buffer;
};

// One request on a keep-alive connection; the reply's body, or nullopt when the exchange failed.
inline asio::awaitable<std::optional<std::string>> exchange(Connection& c, http::verb verb, const std::string& target,
                                                     std::string body = {}) {
  http::request<http::string_body> request{verb, target, 11};
  request.set(http::field::host, "127.0.0.1");
  if (verb == http::verb::post) request.set(http::field::content_type, "application/json");
  request.body() = std::move(body);
  request.prepare_payload();
  auto [write_ec, written] = co_await http::async_write(c.stream, request, use_tuple);
  if (write_ec) co_return std::nullopt;
  http::response<http::string_body> response;
  auto [read_ec, read] = co_await http::async_read(c.stream, c.buffer, response, use_tuple);
  if (read_ec || response.result_int() != 200) co_return std::nullopt;
  co_return std::move(response.body());
}

inline asio::awaitable<bool> connect(Connection& c, int port) {
  auto [ec] = co_await c.stream.socket().async_connect(
      tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<std::uint16_t>(port)), use_tuple);
  co_return !ec;
}

// Runs `count` jobs, at most `window` at once, starting none after `deadline`; returns how many succeeded.
inline asio::awaitable<int> run_windowed(asio::io_context& ioc, int window, int count,
                                         std::function<asio::awaitable<bool>(int)> job,
                                         SteadyClock::time_point deadline = SteadyClock::time_point::max()) {
  int next = 0, running = 0, succeeded = 0;
  asio::steady_timer all_done(ioc, SteadyClock::time_point::max());
  const int workers = std::min(count, window);
  for (int w = 0; w < workers; ++w) {
    ++running;
    asio::co_spawn(
        ioc,
        [&]() -> asio::awaitable<void> {
          while (next < count && SteadyClock::now() < deadline) {
            const int i = next++;
            bool ok = false;
            try {
              ok = co_await job(i);
            } catch (const std::exception&) {  // a reply that is not the JSON expected: a failed job
            }
            if (ok) ++succeeded;
          }
          if (--running == 0) all_done.cancel();
        },
        asio::detached);
  }
  if (running > 0) co_await all_done.async_wait(use_tuple);
  co_return succeeded;
}

}  // namespace timock::bench
