#include "chat_client.hpp"

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <ctime>
#include <deque>
#include <functional>
#include <random>

#include "auth/usersig_codec.hpp"

namespace timock::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace json = boost::json;
using tcp = asio::ip::tcp;

namespace {

constexpr std::string_view kCompressedMagic = "COMP";
// What the client will inflate a COMP frame to: far above any reply a test provokes, still bounded.
constexpr std::size_t kMaxInflatedReply = 64 * 1024 * 1024;

std::mt19937& generator() {
  thread_local std::mt19937 g{std::random_device{}()};
  return g;
}

std::string chat_target(std::uint64_t sdkappid, bool binary, const std::string& prefix) {
  // §2.1: the query the SDK sends; the server may ignore all of it but the path.
  std::string target = prefix + (binary ? "/binfo?" : "/info?");
  if (sdkappid != 0) target += "sdkappid=" + std::to_string(sdkappid) + "&";
  target +=
      "instanceid=0123456789abcdef0123456789abcdef&random=0.5&platform=7&host=unknown&version=-1"
      "&sdkversion=3.6.6&compress=gzip";
  return target;
}

}  // namespace

std::int64_t ChatFrame::error_code() const {
  const auto* code = body.if_contains("ErrorCode");
  return code && code->is_int64() ? code->get_int64() : -1;
}

struct ChatClient::Impl {
  asio::io_context ioc;
  asio::executor_work_guard<asio::io_context::executor_type> work{ioc.get_executor()};
  websocket::stream<beast::tcp_stream> ws{ioc};
  beast::flat_buffer buffer;
  std::deque<ChatFrame> inbox;  // frames received and not yet taken, in arrival order
  bool open = false;
  bool closed = false;  // the read loop ended: close frame, EOF or reset
  beast::error_code close_error;

  void on_message(bool binary, std::string bytes) {
    ChatFrame frame;
    frame.binary = binary;
    frame.wire_bytes = bytes.size();
    std::string_view text = bytes;
    std::optional<std::string> inflated;
    if (text.starts_with(kCompressedMagic)) {
      frame.compressed = true;
      inflated = auth::detail::zlib_inflate_strict(text.substr(kCompressedMagic.size()), kMaxInflatedReply);
      if (!inflated) {
        ADD_FAILURE() << "the server sent a COMP frame that is not one zlib stream (" << bytes.size()
                      << " bytes)";
        return;
      }
      text = *inflated;
    }
    boost::system::error_code ec;
    auto value = json::parse(text, ec);
    if (ec || !value.is_object()) {
      ADD_FAILURE() << "the server sent a frame that is not a JSON object: " << text.substr(0, 200);
      return;
    }
    auto& object = value.get_object();
    if (auto* head = object.if_contains("head"); head && head->is_object()) frame.head = head->get_object();
    if (auto* body = object.if_contains("body"); body && body->is_object()) frame.body = body->get_object();
    if (auto* servcmd = frame.head.if_contains("servcmd"); servcmd && servcmd->is_string())
      frame.servcmd = std::string(servcmd->get_string());
    if (auto* seq = frame.head.if_contains("seq")) frame.seq = *seq;
    inbox.push_back(std::move(frame));
  }
};

template <typename Done>
bool ChatClient::run_until(Done done, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    impl_->ioc.run_one_until(deadline);
  }
  return true;
}

void ChatClient::start_read() {
  impl_->buffer.clear();
  impl_->ws.async_read(impl_->buffer, [this](beast::error_code ec, std::size_t) {
    if (ec) {
      impl_->closed = true;
      impl_->close_error = ec;
      return;
    }
    impl_->on_message(impl_->ws.got_binary(), beast::buffers_to_string(impl_->buffer.data()));
    start_read();
  });
}

ChatClient::ChatClient(const TimockProcess& server, std::uint64_t sdkappid, bool binary,
                       std::string path_prefix)
    : impl_(std::make_unique<Impl>()),
      sdkappid_(sdkappid),
      binary_(binary),
      // §3.2: seq starts at a random integer below 1e8 per socket and goes up by one.
      next_seq_(std::uniform_int_distribution<std::int64_t>(0, 99999999)(generator())) {
  beast::error_code ec;
  beast::get_lowest_layer(impl_->ws).socket().connect(
      tcp::endpoint(asio::ip::make_address("127.0.0.1"), server.port()), ec);
  if (ec) {
    ADD_FAILURE() << "connect: " << ec.message();
    impl_->closed = true;
    return;
  }
  impl_->ws.read_message_max(kMaxInflatedReply);
  impl_->ws.binary(binary);
  bool done = false;
  websocket::response_type response;
  impl_->ws.async_handshake(response, "127.0.0.1", chat_target(sdkappid, binary, path_prefix),
                            [&](beast::error_code handshake_ec) {
                              ec = handshake_ec;
                              done = true;
                            });
  if (!run_until([&] { return done; }, kDefaultWait)) {
    ADD_FAILURE() << "the WebSocket handshake did not complete";
    impl_->closed = true;
    return;
  }
  if (ec) {
    ADD_FAILURE() << "the WebSocket upgrade was refused: " << ec.message() << " (HTTP "
                  << response.result_int() << ")";
    impl_->closed = true;
    return;
  }
  impl_->open = true;
  start_read();
}

ChatClient::~ChatClient() {
  if (impl_->open && !impl_->closed) {
    // 4000 is the SDK's close code on destroy() (§2.1).
    bool done = false;
    impl_->ws.async_close(websocket::close_reason(4000), [&](beast::error_code) { done = true; });
    run_until([&] { return done && impl_->closed; }, 1000ms);
  }
  beast::error_code ignored;
  beast::get_lowest_layer(impl_->ws).socket().close(ignored);
  // Let the aborted operations finish before the stream they refer to goes away.
  impl_->work.reset();
  impl_->ioc.run_for(2s);
}

bool ChatClient::is_open() const {
  return impl_->open && !impl_->closed;
}

json::object ChatClient::make_head(const std::string& servcmd, std::int64_t seq,
                                   const json::object& head_extra) const {
  json::object head{{"ver", "v4"},
                    {"platform", 7},
                    {"websdkappid", kWebSdkAppId},
                    {"websdkversion", "1.7.3"},
                    {"contenttype", "json"},
                    {"reqtime", static_cast<std::int64_t>(std::time(nullptr))},
                    {"status_instid", inst_id_},
                    {"sdkability", 2},
                    {"cappid", 0},
                    {"cs", 0}};
  if (sdkappid_ != 0) head["sdkappid"] = sdkappid_;
  if (!a2_.empty()) {
    head["a2"] = a2_;
    head["tinyid"] = tinyid_;
  }
  head["servcmd"] = servcmd;
  head["seq"] = seq;
  // Last, so a test can replace anything, servcmd and seq included.
  for (const auto& [key, value] : head_extra) {
    if (value.is_null())
      head.erase(key);
    else
      head[key] = value;
  }
  return head;
}

void ChatClient::send_raw(const std::string& bytes) {
  send_raw(bytes, binary_);
}

void ChatClient::send_raw(const std::string& bytes, bool binary) {
  if (!is_open()) {
    ADD_FAILURE() << "send on a closed socket";
    return;
  }
  impl_->ws.binary(binary);
  bool done = false;
  beast::error_code ec;
  impl_->ws.async_write(asio::buffer(bytes), [&](beast::error_code write_ec, std::size_t) {
    ec = write_ec;
    done = true;
  });
  if (!run_until([&] { return done; }, kDefaultWait)) ADD_FAILURE() << "a write did not complete";
  // A write the server refused by closing is for the caller to check (wait_closed); nothing to fail here.
  (void)ec;
}

std::int64_t ChatClient::send(const std::string& servcmd, const json::object& head_extra,
                              const json::object& body) {
  auto head = make_head(servcmd, next_seq_++, head_extra);
  const auto* seq = head.if_contains("seq");
  const std::int64_t sent_seq = seq && seq->is_number() ? seq->to_number<std::int64_t>() : -1;
  send_raw(json::serialize(json::object{{"head", std::move(head)}, {"body", body}}));
  return sent_seq;
}

std::int64_t ChatClient::send_compressed(const std::string& servcmd, const json::object& body) {
  const auto seq = next_seq_++;
  const auto text = json::serialize(json::object{{"head", make_head(servcmd, seq, {})}, {"body", body}});
  send_raw(std::string(kCompressedMagic) + auth::detail::zlib_compress_level1(text));
  return seq;
}

std::optional<ChatFrame> ChatClient::wait_reply_frame(const std::string& servcmd, std::int64_t seq,
                                                      std::chrono::milliseconds timeout, bool quiet) {
  auto& inbox = impl_->inbox;
  const auto matches = [&](const ChatFrame& frame) {
    return frame.servcmd == servcmd && frame.seq.is_number() && frame.seq.to_number<std::int64_t>() == seq;
  };
  std::optional<ChatFrame> found;
  const auto take = [&] {
    for (auto it = inbox.begin(); it != inbox.end(); ++it) {
      if (!matches(*it)) continue;
      found = std::move(*it);
      inbox.erase(it);
      return true;
    }
    return impl_->closed;
  };
  run_until(take, timeout);
  if (!found && !quiet)
    ADD_FAILURE() << "no reply to " << servcmd << " seq " << seq
                  << (impl_->closed ? " (the socket closed: " + impl_->close_error.message() + ")" : "");
  return found;
}

json::object ChatClient::wait_reply(const std::string& servcmd, std::int64_t seq,
                                    std::chrono::milliseconds timeout) {
  auto frame = wait_reply_frame(servcmd, seq, timeout);
  return frame ? std::move(frame->body) : json::object{};
}

json::object ChatClient::call(const std::string& servcmd, const json::object& body,
                              const json::object& head_extra) {
  return wait_reply(servcmd, send(servcmd, head_extra, body));
}

std::optional<ChatFrame> ChatClient::wait_push(const std::string& servcmd,
                                               std::chrono::milliseconds timeout) {
  auto& inbox = impl_->inbox;
  std::optional<ChatFrame> found;
  run_until(
      [&] {
        for (auto it = inbox.begin(); it != inbox.end(); ++it) {
          if (it->servcmd != servcmd) continue;
          found = std::move(*it);
          inbox.erase(it);
          return true;
        }
        return impl_->closed;
      },
      timeout);
  return found;
}

std::vector<ChatFrame> ChatClient::drain(std::chrono::milliseconds settle) {
  run_until([&] { return impl_->closed; }, settle);
  std::vector<ChatFrame> out(std::make_move_iterator(impl_->inbox.begin()),
                             std::make_move_iterator(impl_->inbox.end()));
  impl_->inbox.clear();
  return out;
}

bool ChatClient::closed_with_close_frame() const {
  return impl_->closed && impl_->close_error == websocket::error::closed;
}

bool ChatClient::wait_closed(std::chrono::milliseconds timeout) {
  return run_until([&] { return impl_->closed; }, timeout);
}

json::object ChatClient::login(const std::string& identifier, const std::string& usersig) {
  // §6.1: identifier + usersig in the head, no a2 yet.
  a2_.clear();
  tinyid_.clear();
  const auto body = call("im_open_status.wslogin",
                         {{"State", "Online"}, {"is_web_uniapp", 0}, {"InstType", 0}, {"CustomInfo", ""}},
                         {{"identifier", identifier}, {"usersig", usersig}});
  if (const auto* code = body.if_contains("ErrorCode"); code && code->is_int64() && code->get_int64() == 0) {
    const auto* a2 = body.if_contains("A2Key");
    const auto* tinyid = body.if_contains("TinyId");
    if (a2 && a2->is_string()) a2_ = std::string(a2->get_string());
    if (tinyid && tinyid->is_string()) tinyid_ = std::string(tinyid->get_string());
    if (const auto* inst = body.if_contains("InstId"); inst && inst->is_number())
      inst_id_ = inst->to_number<std::uint64_t>();
  }
  return body;
}

json::object ChatClient::relogin(const std::string& a2, const std::string& tinyid) {
  set_identity(a2, tinyid);
  return call("im_open_status.wslogin", {{"State", "Online"}, {"is_web_uniapp", 0}, {"InstType", 0}});
}

void ChatClient::set_identity(std::string a2, std::string tinyid) {
  a2_ = std::move(a2);
  tinyid_ = std::move(tinyid);
}

json::object text_elem(const std::string& text) {
  return {{"MsgType", "TIMTextElem"}, {"MsgContent", json::object{{"Text", text}}}};
}

json::object sendmsg_body(const std::string& from, const std::string& to, const std::string& text,
                          std::int64_t msg_seq, std::int64_t msg_random, std::int64_t client_time) {
  // §6.5, as measured.
  return {{"From_Account", from},
          {"To_Account", to},
          {"MsgSeq", msg_seq},
          {"MsgRandom", msg_random},
          {"MsgBody", json::array{text_elem(text)}},
          {"CloudCustomData", ""},
          {"From_AccountNick", ""},
          {"From_AccountHeadurl", ""},
          {"SendMsgControl", json::array{}},
          {"MsgClientTime", client_time},
          {"IsNeedReadReceipt", 0},
          {"SupportMessageExtension", 0},
          {"IsRelayMsg", 0}};
}

std::string first_text(const json::value& item) {
  return std::string(item.at("MsgBody").at(0).at("MsgContent").at("Text").as_string());
}

}  // namespace timock::testing
