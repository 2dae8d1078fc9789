// serve_websocket over TLS. The plain-TCP overload is in websocket_plain.cpp, a TU of its own so that the two
// instantiations of the WebSocket loop compile in parallel; the TLS handshake reply is instantiated in
// websocket_tls_accept.cpp, for the same reason.
#include "net/websocket_tls.hpp"

namespace timock::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

asio::awaitable<bool> serve_websocket(beast::ssl_stream<beast::tcp_stream>& stream,
                                      http::request<http::string_body>& request, SocketOpener& opener,
                                      WebSocketOptions options) {
  co_return co_await websocket_detail::serve(stream, request, opener, options);
}

}  // namespace timock::net
