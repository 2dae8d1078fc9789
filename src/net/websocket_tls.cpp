// serve_websocket over TLS. The plain-TCP overload is in websocket_plain.cpp, a TU of its own so that the two
// instantiations of the WebSocket loop compile in parallel.
#include <boost/beast/websocket/ssl.hpp>  // the WebSocket close over TLS: a TLS shutdown (close_notify)

#include "net/websocket_serve.hpp"
#include "net/websocket_session.hpp"

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
