// The callback client's exchange over TLS, instantiated here rather than in callback_client.cpp: Beast's HTTP
// client through the TLS stream is the larger half of that unit's code, and in a TU of its own it compiles in
// parallel with the plain one.
#include "net/callback_exchange.hpp"

namespace timock::net::callback_detail {

template asio::awaitable<callback::OutboundResult> exchange<TlsStream>(State&, const Receiver&,
                                                                      http::request<http::string_body>&,
                                                                      Clock::time_point);

}  // namespace timock::net::callback_detail
