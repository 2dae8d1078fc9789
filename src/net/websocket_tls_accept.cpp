// The TLS WebSocket handshake (websocket_detail::accept over TLS), instantiated here rather than in
// websocket_tls.cpp: Beast's HTTP write of the handshake reply through the TLS stream is about half of the
// TLS instantiation's code, and in a TU of its own it compiles in parallel with the rest.
#include "net/websocket_tls.hpp"

namespace timock::net::websocket_detail {

template asio::awaitable<beast::error_code> accept<TlsStream>(websocket::stream<TlsStream&>& socket,
                                                              http::request<http::string_body>& request);

}  // namespace timock::net::websocket_detail
