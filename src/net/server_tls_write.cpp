// The HTTP write of a reply in the TLS HTTP loop (server_detail::write_reply over TLS), instantiated here
// rather than in server_tls.cpp: Beast's HTTP serializer through the TLS stream is most of that loop's code,
// and in a TU of its own it compiles in parallel with the rest (the 100 Continue write: server_tls_continue.cpp).
#include <boost/beast/ssl.hpp>

#include "net/server_impl.hpp"

namespace timock::net::server_detail {

template asio::awaitable<beast::error_code> write_reply(TlsStream&, http::response<http::string_body>&);

}  // namespace timock::net::server_detail
