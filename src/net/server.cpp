// The listener, connections and stop; plain HTTP. The TLS side (handshake, the HTTP loop over TLS) is in
// server_tls.cpp, so that the two instantiations of the HTTP loop compile in parallel.
#include "net/server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <thread>

#include "core/log.hpp"
#include "core/metrics.hpp"
#include "net/callback_client.hpp"
#include "net/server_impl.hpp"
#include "net/tls_identity.hpp"

namespace timock::net {

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
  co_await serve_tls(stream, buffer, *connection);
}

namespace {

router::HttpResponse preflight() {
  router::HttpResponse response;
  response.status = 204;
  response.headers = {{"Access-Control-Allow-Methods", "POST, GET, PUT, DELETE, OPTIONS"},
                      {"Access-Control-Allow-Headers", "*"},
                      {"Access-Control-Max-Age", "86400"}};
  return response;
}

}  // namespace

namespace server_detail {

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

}  // namespace server_detail

router::HttpResponse respond(router::Router& router, const router::HttpRequest& request) {
  if (request.method == "OPTIONS") return preflight();
  try {
    return router.handle(request);
  } catch (const std::exception& error) {
    return router::json_response(500, router::error_envelope(core::ErrorCode::account_internal_error, error.what()));
  }
}

void Server::Impl::begin_stop() {
  if (stopping.exchange(true)) return;
  asio::post(control, [this] {
    beast::error_code ignored;
    keep_running.clear();  // each I/O thread returns once its connections are gone
    ticker.cancel();
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

void Server::Impl::schedule_tick() {
  ticker.expires_after(tick_period);
  ticker.async_wait([this](beast::error_code ec) {
    if (ec || stopping) return;
    try {
      tick();
    } catch (const std::exception& error) {
      core::log::write(core::log::Level::error, "housekeeping failed", {{"error", error.what()}});
    }
    schedule_tick();
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

std::unique_ptr<callback::Transport> Server::callback_client(const CallbackClientOptions& options) {
  return make_callback_client(impl_->ioc.get_executor(), options);
}

void Server::on_signal(std::function<void(int)> callback) { impl_->signal_callback = std::move(callback); }

void Server::every(std::chrono::milliseconds period, std::function<void()> task) {
  impl_->tick_period = period;
  impl_->tick = std::move(task);
}

void Server::run() {
  auto& impl = *impl_;
  impl.signals.async_wait([&impl](beast::error_code ec, int signal) {
    if (ec) return;
    if (impl.signal_callback) impl.signal_callback(signal);
    impl.begin_stop();
  });
  asio::co_spawn(impl.ioc, impl.accept_loop(), asio::detached);
  if (impl.tick) asio::post(impl.control, [&impl] { impl.schedule_tick(); });
  std::vector<std::thread> threads;
  for (auto& context : impl.others) threads.emplace_back([&context] { context->run(); });
  impl.ioc.run();
  for (auto& thread : threads) thread.join();
}

void Server::stop() { impl_->begin_stop(); }

}  // namespace timock::net
