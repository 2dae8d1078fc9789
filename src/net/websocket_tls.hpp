// What the TLS WebSocket TUs (websocket_tls.cpp, websocket_tls_accept.cpp) share. Private to net/.
#pragma once

#include <boost/beast/websocket/ssl.hpp>  // the WebSocket close over TLS: a TLS shutdown (close_notify)

#include "net/websocket_serve.hpp"

namespace timock::net::websocket_detail {

using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// Instantiated in websocket_tls_accept.cpp only.
extern template asio::awaitable<beast::error_code> accept<TlsStream>(
    websocket::stream<TlsStream&>& socket, http::request<http::string_body>& request);

}  // namespace timock::net::websocket_detail
