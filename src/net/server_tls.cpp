// The TLS side of a connection: the handshake, the HTTP loop over TLS (with its WebSocket upgrade) and the
// TLS shutdown. A TU of its own: this instantiation of the HTTP loop is the heavier one, and apart from
// server.cpp the two compile in parallel; its HTTP writes are instantiated in server_tls_write.cpp.

// GCC 12 warns that Asio's coroutine frames are freed by an operator delete that does not match their
// operator new (a false positive, seen or not depending on what GCC inlines): here it is seen, in the TLS
// instantiation of http_loop.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

#include <boost/beast/ssl.hpp>

#include "net/server_impl.hpp"

namespace timock::net {

asio::awaitable<void> Server::Impl::serve_tls(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                              Connection& connection) {
  auto* context = tls_context();
  if (!context) {
    connection.lowest = nullptr;
    co_return;
  }
  server_detail::TlsStream tls_stream(std::move(stream), *context);
  connection.lowest = &beast::get_lowest_layer(tls_stream);
  connection.lowest->expires_after(options.io_timeout);
  auto [handshake_ec, used] =
      co_await tls_stream.async_handshake(ssl::stream_base::server, buffer.data(), use_tuple);
  if (!handshake_ec) {
    buffer.consume(used);
    co_await http_loop(tls_stream, buffer, connection);
    connection.lowest->expires_after(std::chrono::seconds(2));
    co_await tls_stream.async_shutdown(use_tuple);
  }
  connection.lowest = nullptr;
}

}  // namespace timock::net
