// Raw bytes through what a plain-HTTP session does, without a socket: Beast's request parser with the
// server's limits, then net::respond (router → control plane / REST gateway / client gateway, request
// checks, handlers over the in-memory store), then the reply serialized as it would be written.
// Several requests may follow each other in one input, as on a keep-alive connection.
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_world.hpp"
#include "net/server.hpp"

using namespace timock;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {
// A keep-alive connection in the fuzzer answers at most this many requests per input, so a long input of
// tiny requests does not turn into a slow one.
constexpr int kMaxRequestsPerInput = 8;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::World world;
  world.add_users();
  net::ServerOptions options;
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  for (int i = 0; i < kMaxRequestsPerInput && !rest.empty(); ++i) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(net::kHeaderLimit);
    parser.body_limit(options.body_limit);
    parser.eager(true);
    beast::error_code ec;
    std::size_t used = 0;
    // The whole input is what the peer sent before closing: put it all, then end of stream.
    while (!ec && !parser.is_done() && used < rest.size()) {
      const auto n = parser.put(boost::asio::buffer(rest.data() + used, rest.size() - used), ec);
      if (ec == http::error::need_more) {
        ec = {};
        if (n == 0) break;
      }
      used += n;
    }
    if (!ec && !parser.is_done()) parser.put_eof(ec);
    if (ec || !parser.is_done()) return 0;  // the server answers 400 (or hangs up) without routing
    rest.remove_prefix(used);
    auto& request = parser.get();
    auto response = fuzz::World::settle(
        net::respond(*world.router, {request.method_string(), request.target(), request.body(),
                                     request["X-Timock-Token"]}));
    http::response<http::string_body> reply{static_cast<http::status>(response.status), request.version()};
    reply.set(http::field::content_type, response.content_type);
    for (auto& [name, value] : response.headers) reply.set(name, value);
    reply.body() = std::move(response.body);
    reply.keep_alive(request.keep_alive());
    reply.prepare_payload();
    http::response_serializer<http::string_body> serializer(reply);
    beast::flat_buffer sink;
    while (!serializer.is_done()) {
      serializer.next(ec, [&](beast::error_code&, const auto& buffers) {
        const auto n = boost::asio::buffer_size(buffers);
        auto into = sink.prepare(n);
        boost::asio::buffer_copy(into, buffers);
        sink.commit(n);
        serializer.consume(n);
      });
      if (ec) __builtin_trap();  // a reply timock built must always serialize
    }
    if (!request.keep_alive()) break;
  }
  return 0;
}
