// One upgraded WebSocket: a read loop that hands each frame to the protocol session, and a write loop that
// drains the socket's queue (replies and pushes alike), both on the connection's executor (its I/O thread's
// io_context, one thread: handlers run one at a time). Pushes arrive from any thread through
// WebSocketPeer::send, which posts to that executor.
//
// Private to net/. A template over the stream, instantiated once per stream type in its own TU
// (websocket_plain.cpp, websocket_tls.cpp): each instantiation of Beast's websocket::stream is most of a TU's
// compile time, and in two TUs the two build in parallel. The TLS handshake (accept below) has a TU of its own
// too, websocket_tls_accept.cpp.
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <deque>
#include <exception>
#include <memory>
#include <string>

#include "core/log.hpp"
#include "net/socket_opener.hpp"
#include "net/websocket_session.hpp"
#include "router/http_types.hpp"
#include "router/pending_reply.hpp"
#include "router/socket.hpp"

namespace timock::net::websocket_detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
inline constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

template <typename Stream>
class WebSocketPeer final : public router::SocketPeer,
                            public std::enable_shared_from_this<WebSocketPeer<Stream>> {
 public:
  using Socket = websocket::stream<Stream&>;

  WebSocketPeer(Socket& socket, asio::any_io_executor executor)
      : socket_(socket), executor_(std::move(executor)), wake_(executor_), writer_done_(executor_) {
    wake_.expires_at(asio::steady_timer::time_point::max());
    writer_done_.expires_at(asio::steady_timer::time_point::max());
  }

  void send(std::string frame) override {
    asio::post(executor_, [self = this->shared_from_this(), frame = std::move(frame)]() mutable {
      self->enqueue(std::move(frame));
    });
  }

  void close() override {
    asio::post(executor_, [self = this->shared_from_this()] {
      self->close_requested_ = true;
      self->wake_.cancel();
    });
  }

  // On the connection's executor only.
  void enqueue(std::string frame) {
    if (!open_) return;
    if (queue_.size() >= kMaxQueuedFrames) {
      // A client that does not read its socket: hang up instead of holding its frames for ever.
      core::log::write(core::log::Level::warn, "WebSocket client not reading; disconnected", {});
      hang_up();
      return;
    }
    queue_.push_back(std::move(frame));
    wake_.cancel();
  }

  void hang_up() {
    open_ = false;
    wake_.cancel();
    beast::error_code ignored;
    beast::get_lowest_layer(socket_).socket().close(ignored);
  }

  // `self` keeps the peer (its timers and queue) alive for as long as the loop runs.
  static asio::awaitable<void> write_loop(std::shared_ptr<WebSocketPeer> self) {
    co_await self->write_frames();
  }

  // After the session failed on a frame: a close frame (1011, internal error) once the queued frames are out,
  // then a bounded wait for the writer, so the client sees a close rather than a dropped connection.
  asio::awaitable<void> close_after_failure() {
    if (!writing_) co_return;
    close_code_ = websocket::close_code::internal_error;
    close_requested_ = true;
    wake_.cancel();
    writer_done_.expires_after(kCloseAfterFailureWait);
    co_await writer_done_.async_wait(use_tuple);
  }

  asio::awaitable<void> write_frames() {
    for (;;) {
      while (open_ && !queue_.empty()) {
        const std::string frame = std::move(queue_.front());
        queue_.pop_front();
        auto [ec, written] = co_await socket_.async_write(asio::buffer(frame), use_tuple);
        (void)written;
        if (ec) open_ = false;
      }
      if (!open_) break;
      if (close_requested_) {
        co_await socket_.async_close(close_code_, use_tuple);
        open_ = false;
        break;
      }
      wake_.expires_at(asio::steady_timer::time_point::max());
      co_await wake_.async_wait(use_tuple);
    }
    writing_ = false;
    writer_done_.cancel();
  }

  // After the read loop ended: stop the writer and wait for it, so the socket outlives every operation on it.
  asio::awaitable<void> finish() {
    if (writing_) hang_up();
    while (writing_) {
      writer_done_.expires_at(asio::steady_timer::time_point::max());
      co_await writer_done_.async_wait(use_tuple);
    }
  }

  bool writing_ = true;

 private:
  Socket& socket_;
  asio::any_io_executor executor_;
  std::deque<std::string> queue_;
  bool open_ = true;
  bool close_requested_ = false;
  websocket::close_code close_code_ = websocket::close_code::normal;
  static constexpr auto kCloseAfterFailureWait = std::chrono::seconds(2);
  asio::steady_timer wake_;         // cancelled to wake the writer
  asio::steady_timer writer_done_;  // cancelled when the writer has returned
};

// The handshake: Beast writes its HTTP 101 (or error) reply through the stream, and that HTTP write over TLS is
// about half the code of the TLS instantiation. Not inline, so websocket_tls.hpp declares it `extern template`
// and websocket_tls_accept.cpp instantiates it, the two compiling in parallel.
template <typename Stream>
asio::awaitable<beast::error_code> accept(websocket::stream<Stream&>& socket,
                                          http::request<http::string_body>& request) {
  auto [ec] = co_await socket.async_accept(request, use_tuple);
  co_return ec;
}

template <typename Stream>
asio::awaitable<bool> serve(Stream& stream, http::request<http::string_body>& request, SocketOpener& opener,
                            WebSocketOptions options) {
  if (!websocket::is_upgrade(request)) co_return false;
  using Peer = WebSocketPeer<Stream>;
  websocket::stream<Stream&> socket(stream);
  const auto executor = socket.get_executor();
  auto peer = std::make_shared<Peer>(socket, executor);
  beast::error_code peer_ec;
  const std::string client_ip = beast::get_lowest_layer(stream).socket().remote_endpoint(peer_ec).address().to_string();
  const router::HttpRequest upgrade{request.method_string(), request.target(), {}, request["X-Timock-Token"],
                                    client_ip, {}};
  auto session = opener.open_socket(upgrade, peer);
  if (!session) co_return false;

  // From here the WebSocket's own timers govern the connection, not the HTTP ones.
  beast::get_lowest_layer(stream).expires_never();
  websocket::stream_base::timeout timeouts =
      websocket::stream_base::timeout::suggested(beast::role_type::server);
  timeouts.idle_timeout = options.idle_timeout;
  socket.set_option(timeouts);
  socket.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& response) { response.set(http::field::server, "timock"); }));
  socket.read_message_max(kMaxInboundFrameBytes);
  socket.binary(session->binary_frames());
  const beast::error_code accept_ec = co_await accept<Stream>(socket, request);
  if (accept_ec) {
    session->on_close();
    co_return true;
  }
  asio::co_spawn(executor, Peer::write_loop(peer), asio::detached);

  beast::flat_buffer buffer;
  bool failed = false;
  for (;;) {
    buffer.clear();
    auto [ec, bytes] = co_await socket.async_read(buffer, use_tuple);
    (void)bytes;
    if (ec) break;
    router::SocketReply reply;
    try {
      reply = session->on_frame(beast::buffers_to_string(buffer.data()));
    } catch (const std::exception& error) {
      // The session answers every frame itself; this is the last guard, so that whatever escapes it ends the
      // socket through the normal close path (close frame, writer stopped, session told) and never unwinds
      // this coroutine past the writer that still uses the socket.
      core::log::write(core::log::Level::error, "a WebSocket frame failed; the socket is closed",
                       {{"error", error.what()}});
      failed = true;
      break;
    } catch (...) {
      core::log::write(core::log::Level::error, "a WebSocket frame failed; the socket is closed", {});
      failed = true;
      break;
    }
    if (reply.drop_connection) break;
    if (reply.pending) {
      // A parked poll: its frame goes out when news completes it, or when its hold runs out (whichever is
      // first; the timer's handler runs once either way).
      auto timer = std::make_shared<asio::steady_timer>(executor, reply.pending->hold());
      reply.pending->when_complete([timer, executor] { asio::post(executor, [timer] { timer->cancel(); }); });
      timer->async_wait([timer, peer, pending = reply.pending](beast::error_code) {
        pending->expire();  // no-op when news came first
        peer->enqueue(pending->take().body);
      });
      continue;
    }
    if (reply.frame.empty()) continue;
    // A fault rule's latency holds this reply only; the client's other requests go on meanwhile.
    auto deliver = [executor, peer, delay_ms = reply.delay_ms](std::string frame) {
      if (delay_ms <= 0) return peer->enqueue(std::move(frame));
      auto timer = std::make_shared<asio::steady_timer>(executor, std::chrono::milliseconds(delay_ms));
      timer->async_wait([timer, peer, frame = std::move(frame)](beast::error_code) mutable {
        peer->enqueue(std::move(frame));
      });
    };
    if (reply.wait_durable) {
      // Writes are answered once on disk, as over HTTP. The store calls back from its commit thread.
      reply.wait_durable([executor, deliver, frame = std::move(reply.frame),
                          failed = std::move(reply.frame_if_not_durable),
                          after_reply = std::move(reply.after_reply)](bool ok) mutable {
        asio::post(executor, [deliver, frame = std::move(ok ? frame : failed),
                              after_reply = std::move(after_reply)]() mutable {
          deliver(std::move(frame));
          if (after_reply) after_reply();
        });
      });
      continue;
    }
    deliver(std::move(reply.frame));
    // After-callbacks follow the reply (reference/rest-api.md §7).
    if (reply.after_reply) reply.after_reply();
  }
  if (failed) co_await peer->close_after_failure();
  co_await peer->finish();
  beast::error_code ignored;
  beast::get_lowest_layer(stream).socket().close(ignored);
  session->on_close();
  co_return true;
}

}  // namespace timock::net::websocket_detail
