#include "net/server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <mutex>
#include <set>
#include <thread>

#include "core/log.hpp"
#include "core/metrics.hpp"
#include "net/socket_opener.hpp"
#include "net/tls_identity.hpp"
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
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

namespace {

// A connection as the server tracks it, so stop() can close the idle ones. Touched only on its io_context's
// thread.
struct Connection {
  asio::any_io_executor executor;
  beast::tcp_stream* lowest = nullptr;  // the TCP layer, under TLS when TLS was detected
  bool busy = false;                    // between a request's header and the end of its reply
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

}  // namespace

// One io_context per I/O thread, each run by its thread alone, and accepted connections dealt out to them in
// turn: a connection's work never hops threads, so no thread wakes another (with one shared io_context the
// futex wake-ups between the threads were half a syscall per request on account_check). The cost is no work
// stealing: a long request (a large snapshot) delays the connections of its own thread only.
struct Server::Impl {
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
  template <typename Stream>
  asio::awaitable<void> http_loop(Stream& stream, beast::flat_buffer& buffer, Connection& connection);
  void forget(const std::shared_ptr<Connection>& connection);
  asio::awaitable<router::HttpResponse> park(std::shared_ptr<router::PendingReply> pending, Connection& connection);
  asio::awaitable<bool> until_durable(std::function<void(std::function<void(bool)>)> wait, Connection& connection);
  void begin_stop();
};

ssl::context* Server::Impl::tls_context() {
  std::call_once(tls_once, [this] {
    try {
      auto context = std::make_unique<ssl::context>(ssl::context::tls_server);
      context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                           ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
      if (!options.tls_cert_file.empty()) {
        context->use_certificate_chain_file(options.tls_cert_file);
        context->use_private_key_file(options.tls_key_file, ssl::context::pem);
      } else {
        const auto identity = make_self_signed_identity();
        context->use_certificate_chain(asio::buffer(identity.certificate_pem));
        context->use_private_key(asio::buffer(identity.private_key_pem), ssl::context::pem);
      }
      tls = std::move(context);
    } catch (const std::exception& error) {
      tls_error = error.what();
      core::log::write(core::log::Level::error, "TLS unavailable", {{"error", tls_error}});
    }
  });
  return tls.get();
}

asio::awaitable<void> Server::Impl::accept_loop() {
  asio::steady_timer backoff(ioc);
  for (;;) {
    const std::size_t turn = next_context++ % (others.size() + 1);
    auto& context = turn == 0 ? ioc : *others[turn - 1];
    // No strand: the connection's io_context has one thread, which already runs its handlers one at a time.
    auto [ec, socket] = co_await acceptor.async_accept(context.get_executor(), use_tuple);
    if (stopping) co_return;
    if (ec) {
      if (ec == asio::error::operation_aborted) co_return;
      // Out of file descriptors and the like: wait a little instead of spinning.
      backoff.expires_after(std::chrono::milliseconds(50));
      co_await backoff.async_wait(use_tuple);
      continue;
    }
    auto connection = std::make_shared<Connection>();
    connection->executor = socket.get_executor();
    {
      std::lock_guard lock(connections_mutex);
      connections.insert(connection);
    }
    asio::co_spawn(connection->executor, serve(std::move(socket), connection), [this, connection](std::exception_ptr e) {
      if (e) {
        try {
          std::rethrow_exception(e);
        } catch (const std::exception& error) {
          core::log::write(core::log::Level::warn, "connection ended by an error", {{"error", error.what()}});
        } catch (...) {
          core::log::write(core::log::Level::warn, "connection ended by an error", {});
        }
      }
      forget(connection);
    });
  }
}

// A parked long poll: wait on a timer until the hub completes the reply or the hold runs out. The wake-up
// comes from whichever thread published the news, so it is posted to this connection's io_context.
asio::awaitable<router::HttpResponse> Server::Impl::park(std::shared_ptr<router::PendingReply> pending,
                                                         Connection& connection) {
  auto timer = std::make_shared<asio::steady_timer>(connection.executor);
  timer->expires_after(pending->hold());
  connection.parked = timer;
  pending->when_complete([timer, executor = connection.executor] {
    asio::post(executor, [timer] { timer->cancel(); });
  });
  if (!stopping) co_await timer->async_wait(use_tuple);
  connection.parked.reset();
  pending->expire();  // no-op when news arrived first
  co_return pending->take();
}

// A reply that reports writes waits until the store has them on disk (group commit: one fsync for many
// requests). The store calls back from its commit thread, so the wake-up is posted to this connection's
// io_context; no thread waits meanwhile.
asio::awaitable<bool> Server::Impl::until_durable(std::function<void(std::function<void(bool)>)> wait,
                                                  Connection& connection) {
  auto timer = std::make_shared<asio::steady_timer>(connection.executor, asio::steady_timer::time_point::max());
  auto committed = std::make_shared<bool>(true);
  wait([timer, committed, executor = connection.executor](bool ok) {
    asio::post(executor, [timer, committed, ok] {
      *committed = ok;
      timer->cancel();
    });
  });
  co_await timer->async_wait(use_tuple);
  co_return *committed;
}

void Server::Impl::forget(const std::shared_ptr<Connection>& connection) {
  bool last = false;
  {
    std::lock_guard lock(connections_mutex);
    connections.erase(connection);
    last = connections.empty();
  }
  if (last && stopping) asio::post(control, [this] { drain_timer.cancel(); });
}

asio::awaitable<void> Server::Impl::serve(tcp::socket socket, std::shared_ptr<Connection> connection) {
  auto& metrics = router.context().metrics;
  metrics.connection_opened();
  struct Closed {
    core::Metrics& metrics;
    ~Closed() { metrics.connection_closed(); }
  } closed{metrics};
  beast::tcp_stream stream(std::move(socket));
  connection->lowest = &stream;
  beast::flat_buffer buffer;
  stream.expires_after(options.idle_timeout);
  // TLS and plain HTTP share the port: a TLS ClientHello is recognised by its first bytes.
  auto [ec, is_tls] = co_await beast::async_detect_ssl(stream, buffer, use_tuple);
  if (ec || stopping) {
    connection->lowest = nullptr;
    co_return;
  }
  if (!is_tls) {
    co_await http_loop(stream, buffer, *connection);
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    connection->lowest = nullptr;
    co_return;
  }
  auto* context = tls_context();
  if (!context) {
    connection->lowest = nullptr;
    co_return;
  }
  beast::ssl_stream<beast::tcp_stream> tls_stream(std::move(stream), *context);
  connection->lowest = &beast::get_lowest_layer(tls_stream);
  connection->lowest->expires_after(options.io_timeout);
  auto [handshake_ec, used] =
      co_await tls_stream.async_handshake(ssl::stream_base::server, buffer.data(), use_tuple);
  if (!handshake_ec) {
    buffer.consume(used);
    co_await http_loop(tls_stream, buffer, *connection);
    connection->lowest->expires_after(std::chrono::seconds(2));
    co_await tls_stream.async_shutdown(use_tuple);
  }
  connection->lowest = nullptr;
}

namespace {

http::response<http::string_body> to_beast(router::HttpResponse&& response, unsigned version, bool keep_alive) {
  http::response<http::string_body> out{static_cast<http::status>(response.status), version};
  out.set(http::field::server, "timock");
  out.set(http::field::content_type, response.content_type);
  // The real service answers browsers too (reference/rest-api.md §1.1 sample headers).
  out.set(http::field::access_control_allow_origin, "*");
  for (auto& [name, value] : response.headers) out.set(name, value);
  out.body() = std::move(response.body);
  out.keep_alive(keep_alive);
  out.prepare_payload();
  return out;
}

router::HttpResponse preflight() {
  router::HttpResponse response;
  response.status = 204;
  response.headers = {{"Access-Control-Allow-Methods", "POST, GET, PUT, DELETE, OPTIONS"},
                      {"Access-Control-Allow-Headers", "*"},
                      {"Access-Control-Max-Age", "86400"}};
  return response;
}

}  // namespace

router::HttpResponse respond(router::Router& router, const router::HttpRequest& request) {
  if (request.method == "OPTIONS") return preflight();
  try {
    return router.handle(request);
  } catch (const std::exception& error) {
    return router::json_response(500, router::error_envelope(core::ErrorCode::account_internal_error, error.what()));
  }
}

template <typename Stream>
asio::awaitable<void> Server::Impl::http_loop(Stream& stream, beast::flat_buffer& buffer, Connection& connection) {
  auto& lowest = beast::get_lowest_layer(stream);
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
        auto [write_ec, written] = co_await http::async_write(stream, go_on, use_tuple);
        if (write_ec) co_return;
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
      response = router::json_response(400, router::error_envelope(core::ErrorCode::http_parse_error,
                                                                   "malformed HTTP request: " + ec.message()));
    } else {
      auto& request = parser.get();
      if (request.count(http::field::upgrade) != 0) {
        // A WebSocket (the modern Chat SDK): the socket's own loops take the connection over until it closes.
        connection.busy = false;  // a stop closes it like an idle keep-alive connection
        RouterSocketOpener opener(router);
        if (co_await serve_websocket(stream, request, opener, {})) co_return;
        connection.busy = true;
      }
      version = request.version();
      keep_alive = request.keep_alive() && !stopping;
      response = respond(router, {request.method_string(), request.target(), request.body(),
                                  request["X-Timock-Token"]});
      if (response.delay_ms > 0) {
        // A fault rule's latency: the reply waits on a timer, the thread serves others meanwhile.
        asio::steady_timer hold(lowest.get_executor());
        hold.expires_after(std::chrono::milliseconds(response.delay_ms));
        co_await hold.async_wait(use_tuple);
      }
      if (response.wait_durable && !co_await until_durable(std::move(response.wait_durable), connection))
        response = router::json_response(router::kNotDurableStatus, router::not_durable_envelope());
      if (response.pending) response = co_await park(response.pending, connection);
      if (response.drop_connection) co_return;
    }
    auto reply = to_beast(std::move(response), version, keep_alive);
    lowest.expires_after(options.io_timeout);
    auto [write_ec, written] = co_await http::async_write(stream, reply, use_tuple);
    if (write_ec || !keep_alive) co_return;
  }
}

void Server::Impl::begin_stop() {
  if (stopping.exchange(true)) return;
  asio::post(control, [this] {
    beast::error_code ignored;
    keep_running.clear();  // each I/O thread returns once its connections are gone
    acceptor.close(ignored);
    signals.cancel(ignored);
    std::vector<std::shared_ptr<Connection>> open;
    {
      std::lock_guard lock(connections_mutex);
      open.assign(connections.begin(), connections.end());
    }
    for (auto& connection : open) {
      asio::dispatch(connection->executor, [connection] {
        // Idle keep-alive connections close now; busy ones finish their request (Connection: close).
        if (!connection->busy && connection->lowest) connection->lowest->cancel();
        // A parked long poll answers now (idle), then its connection closes.
        if (connection->parked) connection->parked->cancel();
      });
    }
    if (open.empty()) return;
    drain_timer.expires_after(options.drain_timeout);
    drain_timer.async_wait([this](beast::error_code ec) {
      if (!ec) {  // in-flight requests took too long: stop anyway
        ioc.stop();
        for (auto& context : others) context->stop();
      }
    });
  });
}

Server::Server(ServerOptions options, router::Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}

Server::~Server() = default;

std::uint16_t Server::listen() {
  auto& impl = *impl_;
  beast::error_code ec;
  const auto address = asio::ip::make_address(impl.options.host, ec);
  if (ec) throw std::runtime_error("invalid listen address " + impl.options.host);
  const tcp::endpoint endpoint(address, impl.options.port);
  impl.acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl.acceptor.bind(endpoint, ec);
  if (!ec) impl.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    throw std::runtime_error("cannot listen on " + impl.options.host + ":" + std::to_string(impl.options.port) +
                             ": " + ec.message());
  return impl.acceptor.local_endpoint().port();
}

void Server::on_signal(std::function<void(int)> callback) { impl_->signal_callback = std::move(callback); }

void Server::run() {
  auto& impl = *impl_;
  impl.signals.async_wait([&impl](beast::error_code ec, int signal) {
    if (ec) return;
    if (impl.signal_callback) impl.signal_callback(signal);
    impl.begin_stop();
  });
  asio::co_spawn(impl.ioc, impl.accept_loop(), asio::detached);
  std::vector<std::thread> threads;
  for (auto& context : impl.others) threads.emplace_back([&context] { context->run(); });
  impl.ioc.run();
  for (auto& thread : threads) thread.join();
}

void Server::stop() { impl_->begin_stop(); }

}  // namespace timock::net
