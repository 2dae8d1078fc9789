#include "net/callback_client.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/url/parse.hpp>
#include <functional>

#include "net/callback_exchange.hpp"

namespace timock::net {

namespace {

using namespace callback_detail;

std::optional<Receiver> receiver_of(std::string_view url_text) {
  const auto url = boost::urls::parse_absolute_uri(url_text);
  if (!url || url->encoded_host().empty()) return std::nullopt;
  Receiver receiver;
  receiver.tls = url->scheme() == "https";
  if (!receiver.tls && url->scheme() != "http") return std::nullopt;
  receiver.host = url->host_address();
  receiver.port = url->has_port() ? std::string(url->port()) : (receiver.tls ? "443" : "80");
  receiver.host_header = std::string(url->encoded_host_and_port());
  receiver.target = std::string(url->encoded_target());
  if (receiver.target.empty() || receiver.target.front() != '/') receiver.target.insert(0, "/");
  return receiver;
}

asio::awaitable<void> send(std::shared_ptr<State> state, callback::OutboundRequest outbound,
                           std::function<void(callback::OutboundResult)> done) {
  const auto deadline = Clock::now() + outbound.timeout;
  callback::OutboundResult result;
  if (outbound.hold.count() > 0) {
    asio::steady_timer hold(state->strand, outbound.hold);
    co_await hold.async_wait(use_tuple);
  }
  const auto receiver = receiver_of(outbound.url);
  if (!outbound.fail_with.empty()) {
    result.error = outbound.fail_with;
  } else if (!receiver) {
    result.error = "not an http(s) URL";
  } else {
    http::request<http::string_body> request{http::verb::post, receiver->target, 11};
    request.set(http::field::host, receiver->host_header);
    request.set(http::field::user_agent, "timock");
    request.set(http::field::content_type, "application/json; charset=utf-8");
    request.keep_alive(true);
    request.body() = std::move(outbound.body);
    request.prepare_payload();
    // Not a conditional expression: GCC 12 evaluates both co_awaits of `c ? co_await a : co_await b`.
    if (receiver->tls) result = co_await exchange<TlsStream>(*state, *receiver, request, deadline);
    else result = co_await exchange<PlainStream>(*state, *receiver, request, deadline);
  }
  done(std::move(result));
}

class CallbackClient final : public callback::Transport {
 public:
  CallbackClient(asio::any_io_executor executor, const CallbackClientOptions& options)
      : state_(std::make_shared<State>(std::move(executor))) {
    state_->insecure = options.insecure;
    state_->tls.set_default_verify_paths();
    if (!options.ca_file.empty()) state_->tls.load_verify_file(options.ca_file);
  }

  void post(callback::OutboundRequest request, std::function<void(callback::OutboundResult)> done) override {
    auto state = state_;
    asio::co_spawn(state->strand, send(state, std::move(request), done),
                   [done](std::exception_ptr failure) {
                     if (!failure) return;
                     callback::OutboundResult result;
                     result.error = "outbound client failed";
                     done(std::move(result));
                   });
  }

 private:
  std::shared_ptr<State> state_;
};

}  // namespace

std::unique_ptr<callback::Transport> make_callback_client(asio::any_io_executor executor,
                                                          const CallbackClientOptions& options) {
  return std::make_unique<CallbackClient>(std::move(executor), options);
}

}  // namespace timock::net
