// The outbound HTTP(S) client that carries third-party callbacks (reference/rest-api.md §7) to the app's
// server: Beast on the server's own I/O executor (never blocking a thread), keep-alive connections kept per
// receiver, the callback's timeout over connect, TLS handshake, write and read alike. net/-internal: the rest
// of timock sees callback::Transport.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <memory>
#include <string>

#include "callback/transport.hpp"
#include "net/server.hpp"

namespace timock::net {

std::unique_ptr<callback::Transport> make_callback_client(boost::asio::any_io_executor executor,
                                                          const CallbackClientOptions& options);

}  // namespace timock::net
