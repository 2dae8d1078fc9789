// What the callback client's TUs share (callback_client.cpp, callback_client_tls.cpp): the receiver, the
// connection pools and the exchange of one request over a plain or a TLS stream. Private to net/. The TLS
// exchange is instantiated in callback_client_tls.cpp only, so the two instantiations of Beast's HTTP client
// compile in parallel (each about half of what was one 57 s unit, bench/RESULTS.md "Build time").
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "callback/transport.hpp"

namespace timock::net::callback_detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
inline constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// Idle keep-alive connections kept per receiver: a test's receiver sees a handful of parallel callbacks.
inline constexpr std::size_t kIdlePerReceiver = 8;
// A receiver's reply body is read up to 1 MiB (the replies of §7 are a few hundred bytes).
inline constexpr std::uint64_t kReplyLimit = 1024 * 1024;

struct Receiver {
  bool tls = false;
  std::string host;
  std::string port;
  std::string host_header;
  std::string target;  // path and query
  std::string key() const { return (tls ? "https://" : "http://") + host + ":" + port; }
};

inline std::string describe(const beast::error_code& ec) {
  if (ec == beast::error::timeout) return "timeout";
  if (ec == asio::error::connection_refused) return "connection refused";
  return ec.message();
}

// Everything the client's coroutines share; they all run on one strand, so the pools need no lock.
struct State {
  explicit State(asio::any_io_executor executor) : strand(asio::make_strand(std::move(executor))) {}
  asio::strand<asio::any_io_executor> strand;
  ssl::context tls{ssl::context::tls_client};
  bool insecure = false;
  std::map<std::string, std::vector<std::unique_ptr<PlainStream>>> plain_idle;
  std::map<std::string, std::vector<std::unique_ptr<TlsStream>>> tls_idle;

  template <class Stream>
  auto& idle() {
    if constexpr (std::is_same_v<Stream, TlsStream>) return tls_idle;
    else return plain_idle;
  }
};

template <class Stream>
beast::tcp_stream& lowest(Stream& stream) {
  return beast::get_lowest_layer(stream);
}

template <class Stream>
asio::awaitable<std::unique_ptr<Stream>> connect(State& state, const Receiver& receiver, Clock::time_point deadline,
                                                 std::string& error) {
  tcp::resolver resolver(state.strand);
  auto [rec, endpoints] = co_await resolver.async_resolve(receiver.host, receiver.port, use_tuple);
  if (rec) {
    error = "cannot resolve " + receiver.host + ": " + rec.message();
    co_return nullptr;
  }
  std::unique_ptr<Stream> stream;
  if constexpr (std::is_same_v<Stream, TlsStream>) stream = std::make_unique<Stream>(state.strand, state.tls);
  else stream = std::make_unique<Stream>(state.strand);
  lowest(*stream).expires_at(deadline);
  auto [cec, endpoint] = co_await lowest(*stream).async_connect(endpoints, use_tuple);
  (void)endpoint;
  if (cec) {
    error = describe(cec);
    co_return nullptr;
  }
  if constexpr (std::is_same_v<Stream, TlsStream>) {
    // SNI, and the certificate must name the host (unless the app's receiver is trusted blindly).
    SSL_set_tlsext_host_name(stream->native_handle(), receiver.host.c_str());
    if (state.insecure) {
      stream->set_verify_mode(ssl::verify_none);
    } else {
      stream->set_verify_mode(ssl::verify_peer);
      stream->set_verify_callback(ssl::host_name_verification(receiver.host));
    }
    auto [hec] = co_await stream->async_handshake(ssl::stream_base::client, use_tuple);
    if (hec) {
      error = "TLS handshake: " + describe(hec);
      co_return nullptr;
    }
  }
  co_return stream;
}

template <class Stream>
asio::awaitable<callback::OutboundResult> exchange(State& state, const Receiver& receiver,
                                                   http::request<http::string_body>& request,
                                                   Clock::time_point deadline) {
  callback::OutboundResult result;
  auto& pool = state.idle<Stream>()[receiver.key()];
  // A kept connection the receiver has closed meanwhile fails at once: then once more on a new one.
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::unique_ptr<Stream> stream;
    if (!pool.empty()) {
      stream = std::move(pool.back());
      pool.pop_back();
    }
    const bool reused = stream != nullptr;
    if (!stream) {
      stream = co_await connect<Stream>(state, receiver, deadline, result.error);
      if (!stream) co_return result;
    }
    lowest(*stream).expires_at(deadline);
    auto [wec, written] = co_await http::async_write(*stream, request, use_tuple);
    (void)written;
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(kReplyLimit);
    beast::error_code rec = wec;
    if (!wec) std::tie(rec, std::ignore) = co_await http::async_read(*stream, buffer, parser, use_tuple);
    if (rec) {
      if (reused && rec != beast::error::timeout) continue;
      result.error = describe(rec);
      co_return result;
    }
    auto& response = parser.get();
    result.answered = true;
    result.status = response.result_int();
    result.body = std::move(response.body());
    if (response.keep_alive() && pool.size() < kIdlePerReceiver) {
      lowest(*stream).expires_never();
      pool.push_back(std::move(stream));
    }
    co_return result;
  }
  co_return result;
}

extern template asio::awaitable<callback::OutboundResult> exchange<TlsStream>(State&, const Receiver&,
                                                                             http::request<http::string_body>&,
                                                                             Clock::time_point);

}  // namespace timock::net::callback_detail
