#include "callback_receiver.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <boost/url/parse.hpp>
#include <atomic>

namespace timock::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct CallbackReceiver::Impl {
  std::function<CallbackAnswer(const ReceivedCallback&)> answer;
  asio::io_context io;
  tcp::acceptor acceptor{io};
  std::thread acceptor_thread;
  std::atomic<bool> stopping{false};
  mutable std::mutex mutex;
  mutable std::condition_variable changed;
  std::vector<ReceivedCallback> received;
  std::vector<std::thread> connection_threads;
  std::vector<std::shared_ptr<tcp::socket>> sockets;
  std::size_t connections = 0;

  void serve(std::shared_ptr<tcp::socket> socket) {
    beast::flat_buffer buffer;
    for (;;) {
      http::request<http::string_body> request;
      beast::error_code ec;
      http::read(*socket, buffer, request, ec);
      if (ec) return;
      ReceivedCallback callback;
      callback.target = std::string(request.target());
      if (auto url = boost::urls::parse_origin_form(request.target()))
        for (auto param : url->params()) callback.query[param.key] = param.value;
      callback.body_text = request.body();
      boost::system::error_code parse_ec;
      auto value = boost::json::parse(callback.body_text, parse_ec);
      if (!parse_ec && value.is_object()) callback.body = value.get_object();
      callback.at = std::chrono::steady_clock::now();
      const auto reply = answer ? answer(callback) : CallbackAnswer{};
      {
        std::lock_guard lock(mutex);
        received.push_back(callback);
      }
      changed.notify_all();
      if (reply.delay.count() > 0) std::this_thread::sleep_for(reply.delay);
      http::response<http::string_body> response{static_cast<http::status>(reply.status), 11};
      response.set(http::field::content_type, "application/json");
      response.body() = reply.body;
      response.keep_alive(request.keep_alive());
      response.prepare_payload();
      http::write(*socket, response, ec);
      if (ec || !request.keep_alive()) return;
    }
  }
};

CallbackReceiver::CallbackReceiver(std::function<CallbackAnswer(const ReceivedCallback&)> answer)
    : impl_(std::make_unique<Impl>()) {
  impl_->answer = std::move(answer);
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(endpoint.protocol());
  impl_->acceptor.set_option(asio::socket_base::reuse_address(true));
  impl_->acceptor.bind(endpoint);
  impl_->acceptor.listen();
  port_ = impl_->acceptor.local_endpoint().port();
  impl_->acceptor_thread = std::thread([impl = impl_.get()] {
    for (;;) {
      auto socket = std::make_shared<tcp::socket>(impl->io);
      beast::error_code ec;
      impl->acceptor.accept(*socket, ec);
      if (impl->stopping) return;
      if (ec) continue;
      std::lock_guard lock(impl->mutex);
      ++impl->connections;
      impl->sockets.push_back(socket);
      impl->connection_threads.emplace_back([impl, socket] { impl->serve(socket); });
    }
  });
}

CallbackReceiver::~CallbackReceiver() {
  impl_->stopping = true;
  beast::error_code ignored;
  {
    // Wakes the blocked accept(), which then sees `stopping`.
    tcp::socket waker(impl_->io);
    waker.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), ignored);
    impl_->acceptor_thread.join();
  }
  impl_->acceptor.close(ignored);
  {
    std::lock_guard lock(impl_->mutex);
    for (auto& socket : impl_->sockets) {
      socket->shutdown(tcp::socket::shutdown_both, ignored);
    }
  }
  for (auto& thread : impl_->connection_threads) thread.join();
}

std::vector<ReceivedCallback> CallbackReceiver::received() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->received;
}

std::size_t CallbackReceiver::connections() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->connections;
}

std::vector<ReceivedCallback> CallbackReceiver::wait_for(const std::string& command, std::size_t count,
                                                         std::chrono::milliseconds timeout) const {
  std::unique_lock lock(impl_->mutex);
  std::vector<ReceivedCallback> matching;
  impl_->changed.wait_for(lock, timeout, [&] {
    matching.clear();
    for (const auto& callback : impl_->received)
      if (command.empty() || callback.query.count("CallbackCommand") && callback.query.at("CallbackCommand") == command)
        matching.push_back(callback);
    return matching.size() >= count;
  });
  return matching;
}

}  // namespace timock::testing
