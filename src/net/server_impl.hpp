// Server::Impl and its HTTP loop, shared by server.cpp (plain HTTP, the listener, stop) and server_tls.cpp
// (the loop over TLS): each TU instantiates http_loop for one stream type, and the TLS one, the heavier,
// compiles in parallel with the rest. Private to net/.
#pragma once

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "net/server.hpp"
#include "net/socket_opener.hpp"
#include "net/websocket_session.hpp"
#include "router/envelope.hpp"
#include "router/pending_reply.hpp"
#include "router/router.hpp"

namespace timock::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
inline constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

namespace server_detail {

// A connection as the server tracks it, so stop() can close the idle ones. Touched only on its io_context's
// thread.
struct Connection {
  asio::any_io_executor executor;
  beast::tcp_stream* lowest = nullptr;         // the TCP layer, under TLS when TLS was detected
  bool busy = false;                           // between a request's header and the end of its reply
  std::shared_ptr<asio::steady_timer> parked;  // the timer of a parked long poll, if one is parked
};

// The router's socket route, lent to the WebSocket code, which sees only SocketOpener so that its TUs do not
// include router.hpp. Built here until the router takes its routes as values (docs/plans/10-client-layer.md,
// step 11).
class RouterSocketOpener final : public SocketOpener {
 public:
  explicit RouterSocketOpener(router::Router& router) : router_(router) {}
  std::shared_ptr<router::SocketSession> open_socket(const router::HttpRequest& upgrade,
                                                     std::shared_ptr<router::SocketPeer> peer) override {
    return router_.open_socket(upgrade, std::move(peer));
  }

 private:
  router::Router& router_;
};

}  // namespace server_detail

// One io_context per I/O thread, each run by its thread alone, and accepted connections dealt out to them in
// turn: a connection's work never hops threads, so no thread wakes another (with one shared io_context the
// futex wake-ups between the threads were half a syscall per request on account_check). The cost is no work
// stealing: a long request (a large snapshot) delays the connections of its own thread only.
struct Server::Impl {
  using Connection = server_detail::Connection;

  Impl(ServerOptions o, router::Router& r) : options(std::move(o)), router(r) {
    for (int i = 1; i < std::max(1, options.threads); ++i) {
      others.push_back(std::make_unique<asio::io_context>(1));
      keep_running.push_back(asio::make_work_guard(*others.back()));
    }
  }

  ServerOptions options;
  router::Router& router;
  asio::io_context ioc{1};  // the first I/O thread's: also the acceptor, signals and shutdown
  std::vector<std::unique_ptr<asio::io_context>> others;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> keep_running;  // until stop
  std::size_t next_context = 0;  // the accept loop's turn
  tcp::acceptor acceptor{ioc};
  asio::signal_set signals{ioc, SIGINT, SIGTERM};
  asio::strand<asio::io_context::executor_type> control{asio::make_strand(ioc)};
  asio::steady_timer drain_timer{control};
  // Housekeeping (Server::every): one periodic task, cancelled by a stop.
  asio::steady_timer ticker{control};
  std::chrono::milliseconds tick_period{0};
  std::function<void()> tick;
  void schedule_tick();
  std::function<void(int)> signal_callback;
  std::atomic<bool> stopping{false};

  std::mutex connections_mutex;
  std::set<std::shared_ptr<Connection>> connections;

  std::once_flag tls_once;
  std::unique_ptr<ssl::context> tls;
  std::string tls_error;

  ssl::context* tls_context();
  asio::awaitable<void> accept_loop();
  asio::awaitable<void> serve(tcp::socket socket, std::shared_ptr<Connection> connection);
  // After a TLS ClientHello: the handshake, the HTTP loop over TLS and the TLS shutdown (server_tls.cpp).
  asio::awaitable<void> serve_tls(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                  Connection& connection);
  template <typename Stream>
  asio::awaitable<void> http_loop(Stream& stream, beast::flat_buffer& buffer, Connection& connection);
  void forget(const std::shared_ptr<Connection>& connection);
  asio::awaitable<router::HttpResponse> park(std::shared_ptr<router::PendingReply> pending,
                                             Connection& connection);
  asio::awaitable<bool> until_durable(std::function<void(std::function<void(bool)>)> wait,
                                      Connection& connection);
  void begin_stop();
};

namespace server_detail {

http::response<http::string_body> to_beast(router::HttpResponse&& response, unsigned version,
                                           bool keep_alive);

// Beast's HTTP write of a reply. Over TLS it is most of the TLS HTTP loop's code, so its two TLS
// instantiations are declared `extern template` below and made in server_tls_write.cpp (a reply) and
// server_tls_continue.cpp (the interim 100 Continue), which compile in parallel with server_tls.cpp.
template <typename Stream, typename Body>
asio::awaitable<beast::error_code> write_reply(Stream& stream, http::response<Body>& reply) {
  auto [ec, written] = co_await http::async_write(stream, reply, use_tuple);
  (void)written;
  co_return ec;
}

using TlsStream = beast::ssl_stream<beast::tcp_stream>;
extern template asio::awaitable<beast::error_code> write_reply(TlsStream&, http::response<http::empty_body>&);
extern template asio::awaitable<beast::error_code> write_reply(TlsStream&,
                                                               http::response<http::string_body>&);

// "http(s)://" and the Host header, or the address the client connected to when it sent none (HTTP/1.0).
inline std::string origin_of(std::string_view host, const tcp::socket& socket, bool tls) {
  std::string origin = tls ? "https://" : "http://";
  if (!host.empty()) return origin + std::string(host);
  beast::error_code ec;
  const auto local = socket.local_endpoint(ec);
  if (ec) return origin + "127.0.0.1";
  const auto address = local.address();
  return origin + (address.is_v6() ? "[" + address.to_string() + "]" : address.to_string()) + ":" +
         std::to_string(local.port());
}

}  // namespace server_detail

template <typename Stream>
asio::awaitable<void> Server::Impl::http_loop(Stream& stream, beast::flat_buffer& buffer,
                                              Connection& connection) {
  auto& lowest = beast::get_lowest_layer(stream);
  std::string client_ip;  // the peer's address, read at the first request
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(kHeaderLimit);
    parser.body_limit(options.body_limit);
    connection.busy = false;
    if (stopping) co_return;
    lowest.expires_after(options.idle_timeout);
    auto [ec, bytes] = co_await http::async_read_header(stream, buffer, parser, use_tuple);
    (void)bytes;
    connection.busy = true;
    if (!ec && !parser.is_done()) {
      if (parser.get()[http::field::expect] == "100-continue") {
        http::response<http::empty_body> go_on{http::status::continue_, 11};
        lowest.expires_after(options.io_timeout);
        if (co_await server_detail::write_reply(stream, go_on)) co_return;
      }
      lowest.expires_after(options.io_timeout);
      std::tie(ec, bytes) = co_await http::async_read(stream, buffer, parser, use_tuple);
    }
    router::HttpResponse response;
    bool keep_alive = false;
    unsigned version = 11;
    if (ec == http::error::body_limit) {
      // The body is not read: answer and hang up (reference: README "Limits and guarantees").
      response = router::json_response(
          200, router::error_envelope(core::ErrorCode::openim_body_too_long, "request body exceeds 1 MiB"));
    } else if (ec == http::error::end_of_stream || ec == asio::error::eof || ec == beast::error::timeout ||
               ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
               ec == asio::error::bad_descriptor || ec == ssl::error::stream_truncated) {
      co_return;
    } else if (ec) {
      // Not HTTP (or not HTTP we accept): one clear error, then close.
      response =
          router::json_response(400, router::error_envelope(core::ErrorCode::http_parse_error,
                                                            "malformed HTTP request: " + ec.message()));
    } else {
      auto& request = parser.get();
      if (request.count(http::field::upgrade) != 0) {
        // A WebSocket (the modern Chat SDK): the socket's own loops take the connection over until it closes.
        connection.busy = false;  // a stop closes it like an idle keep-alive connection
        server_detail::RouterSocketOpener opener(router);
        if (co_await serve_websocket(stream, request, opener, {})) co_return;
        connection.busy = true;
      }
      version = request.version();
      keep_alive = request.keep_alive() && !stopping;
      // Once per connection: a getpeername() for every keep-alive request was one syscall in ~29 (F8).
      if (client_ip.empty()) {
        beast::error_code peer_ec;
        client_ip = lowest.socket().remote_endpoint(peer_ec).address().to_string();
      }
      const std::string origin = server_detail::origin_of(request[http::field::host], lowest.socket(),
                                                          !std::is_same_v<Stream, beast::tcp_stream>);
      response = respond(router, {request.method_string(), request.target(), request.body(),
                                  request["X-Timock-Token"], client_ip, origin});
      // A parked reply (a long poll, a call waiting for the app's callback) comes back with its own delay and
      // writes to wait for: the same steps once more.
      for (bool parked = false;;) {
        if (response.delay_ms > 0) {
          // A fault rule's latency: the reply waits on a timer, the thread serves others meanwhile.
          asio::steady_timer hold(lowest.get_executor());
          hold.expires_after(std::chrono::milliseconds(response.delay_ms));
          co_await hold.async_wait(use_tuple);
        }
        if (response.wait_durable && !co_await until_durable(std::move(response.wait_durable), connection))
          response = router::json_response(router::kNotDurableStatus, router::not_durable_envelope());
        if (!response.pending || parked) break;
        response = co_await park(response.pending, connection);
        parked = true;
      }
      if (response.drop_connection) co_return;
    }
    auto after_reply = std::move(response.after_reply);
    auto reply = server_detail::to_beast(std::move(response), version, keep_alive);
    lowest.expires_after(options.io_timeout);
    const beast::error_code write_ec = co_await server_detail::write_reply(stream, reply);
    // After-callbacks go once the reply is out (reference/rest-api.md §7), even if the client hung up.
    if (after_reply) after_reply();
    if (write_ec || !keep_alive) co_return;
  }
}

}  // namespace timock::net
