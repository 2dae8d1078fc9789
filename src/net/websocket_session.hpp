// A WebSocket on a connection the HTTP session upgraded (reference/modern-sdk-protocol.md §2). Private to
// net/: Beast types are fine here.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <memory>

namespace timock::net {

class SocketOpener;

// Frames a client may send: the SDK's largest (a 12 KB message plus its head) is far smaller.
constexpr std::size_t kMaxInboundFrameBytes = 1024 * 1024;
// Frames queued for a client that does not read: past this the client is disconnected, not buffered.
constexpr std::size_t kMaxQueuedFrames = 1024;

struct WebSocketOptions {
  // No frame at all for this long closes the socket: the SDK sends heartbeat.alive after 10 s of silence.
  std::chrono::seconds idle_timeout{120};
};

// Whether the opener has a WebSocket route for this upgrade request, and then runs it until it closes.
// Returns false (nothing consumed) when the request is not a WebSocket upgrade the opener accepts.
boost::asio::awaitable<bool> serve_websocket(
    boost::beast::tcp_stream& stream, boost::beast::http::request<boost::beast::http::string_body>& request,
    SocketOpener& opener, WebSocketOptions options);
boost::asio::awaitable<bool> serve_websocket(
    boost::beast::ssl_stream<boost::beast::tcp_stream>& stream,
    boost::beast::http::request<boost::beast::http::string_body>& request, SocketOpener& opener,
    WebSocketOptions options);

}  // namespace timock::net
