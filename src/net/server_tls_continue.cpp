// The TLS HTTP loop's interim "100 Continue" write (server_detail::write_reply of an empty body over TLS), in a
// TU of its own for the reason server_tls_write.cpp gives: the two instantiations of Beast's serializer through
// the TLS stream, together, made one unit of nearly a minute on two cores.
#include <boost/beast/ssl.hpp>

#include "net/server_impl.hpp"

namespace timock::net::server_detail {

template asio::awaitable<beast::error_code> write_reply(TlsStream&, http::response<http::empty_body>&);

}  // namespace timock::net::server_detail
