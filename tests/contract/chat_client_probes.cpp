// The Chat SDK test client's one-shot sockets: an upgrade attempt that reports the HTTP answer, and a flood of
// frames written without reading. Apart from chat_client.cpp so the two halves of Beast's WebSocket client
// compile in parallel (together they made a unit of nearly a minute on two cores).
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <functional>

#include "chat_client.hpp"

namespace timock::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

namespace {
// What the flood reads back at most per frame: far above any reply a test provokes, still bounded.
constexpr std::size_t kMaxInflatedReply = 64 * 1024 * 1024;
}  // namespace

UpgradeResult ChatClient::try_upgrade(const TimockProcess& server, const std::string& target) {
  asio::io_context ioc;
  websocket::stream<beast::tcp_stream> ws(ioc);
  beast::get_lowest_layer(ws).expires_after(kDefaultWait);
  UpgradeResult result;
  beast::error_code ec;
  beast::get_lowest_layer(ws).connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server.port()), ec);
  if (ec) return result;
  websocket::response_type response;
  bool done = false;
  ws.async_handshake(response, "127.0.0.1", target, [&](beast::error_code handshake_ec) {
    ec = handshake_ec;
    done = true;
  });
  ioc.run_for(kDefaultWait);
  result.upgraded = done && !ec;
  result.status = response.result_int();
  result.body = response.body();
  if (result.upgraded) {
    ws.async_close(websocket::close_code::normal, [](beast::error_code) {});
    ioc.restart();
    ioc.run_for(1s);
  }
  return result;
}

FloodResult flood_without_reading(const TimockProcess& server, const std::string& target,
                                  const std::vector<std::string>& frames, bool binary,
                                  std::chrono::milliseconds timeout) {
  FloodResult result;
  asio::io_context ioc;
  websocket::stream<beast::tcp_stream> ws(ioc);
  auto& socket = beast::get_lowest_layer(ws).socket();
  socket.open(tcp::v4());
  // A fixed, small receive buffer (no autotuning): the server's replies back up after a few megabytes.
  socket.set_option(asio::socket_base::receive_buffer_size(4096));
  beast::error_code ec;
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server.port()), ec);
  if (ec) return result;
  ws.handshake("127.0.0.1", target, ec);
  if (ec) return result;
  ws.binary(binary);
  for (const auto& frame : frames) {
    ws.write(asio::buffer(frame), ec);
    if (ec) break;
    ++result.frames_written;
  }
  ws.read_message_max(kMaxInflatedReply);
  beast::flat_buffer buffer;
  bool ended = false;
  std::function<void()> read_next = [&] {
    buffer.clear();
    ws.async_read(buffer, [&](beast::error_code read_ec, std::size_t) {
      if (read_ec) {
        ended = true;
        return;
      }
      ++result.frames_read;
      read_next();
    });
  };
  read_next();
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!ended && ioc.run_one_until(deadline) > 0) {
  }
  result.closed_by_server = ended;
  socket.close(ec);
  ioc.restart();
  ioc.run_for(1s);
  return result;
}

}  // namespace timock::testing
