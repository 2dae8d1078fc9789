// serve_websocket over plain TCP. The TLS overload is in websocket_tls.cpp, a TU of its own so that the two
// instantiations of the WebSocket loop compile in parallel.
#include "net/websocket_serve.hpp"
#include "net/websocket_session.hpp"

namespace timock::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

asio::awaitable<bool> serve_websocket(beast::tcp_stream& stream, http::request<http::string_body>& request,
                                      SocketOpener& opener, WebSocketOptions options) {
  co_return co_await websocket_detail::serve(stream, request, opener, options);
}

}  // namespace timock::net
