// The console's live event stream (/console/events): a text WebSocket that tells an open console page, as it
// happens, of every delivery, journaled call and login change of one app, and refuses a wrong control token
// or app id.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <optional>

#include "chat_client.hpp"
#include "control_helpers.hpp"
#include "timock_harness.hpp"
#include "webim_client.hpp"

namespace timock::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using namespace control;
using namespace std::chrono_literals;

// A console page's socket: every read has a deadline, so a frame that never comes fails the test, not hangs
// it.
class EventStreamClient {
 public:
  EventStreamClient(const TimockProcess& server, const std::string& target) {
    beast::get_lowest_layer(ws_).connect(
        asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), server.port()));
    ws_.handshake("127.0.0.1", target);
  }

  // The next frame within `wait`, or nullopt (timeout or closed).
  std::optional<json::object> next(std::chrono::milliseconds wait = 3000ms) {
    beast::flat_buffer buffer;
    bool done = false;
    beast::error_code ec;
    ws_.async_read(buffer, [&](beast::error_code error, std::size_t) {
      ec = error;
      done = true;
    });
    ioc_.restart();
    ioc_.run_for(wait);
    if (!done) {
      beast::get_lowest_layer(ws_).cancel();
      ioc_.restart();
      ioc_.run();
      return std::nullopt;
    }
    if (ec) return std::nullopt;
    return json::parse(beast::buffers_to_string(buffer.data())).as_object();
  }

  // The next frame of `type`, skipping others.
  std::optional<json::object> next_of(std::string_view type) {
    for (int i = 0; i < 50; ++i) {
      auto frame = next();
      if (!frame) return std::nullopt;
      if (frame->at("type").as_string() == type) return frame;
    }
    return std::nullopt;
  }

  void send(const std::string& text) { ws_.write(asio::buffer(text)); }

 private:
  asio::io_context ioc_;
  websocket::stream<beast::tcp_stream> ws_{ioc_};
};

std::string events_target(std::uint64_t app, const std::string& extra = "") {
  return "/console/events?app=" + std::to_string(app) + extra;
}

TEST(ConsoleEvents, SaysHelloThenTellsOfAC2cMessageAsItIsStored) {
  TimockProcess server;
  const auto app = create_app(server);
  import_account(server, app, "alice");
  import_account(server, app, "bob");
  EventStreamClient events(server, events_target(app.sdkappid));
  const auto hello = events.next();
  ASSERT_TRUE(hello);
  EXPECT_EQ(hello->at("type"), "hello");
  EXPECT_EQ(hello->at("app"), app.sdkappid);
  const auto sent = send_text(server, app, "alice", "bob", "live", 42);
  const auto delivery = events.next_of("delivery");
  ASSERT_TRUE(delivery);
  EXPECT_EQ(delivery->at("kind"), "c2c_message");
  EXPECT_EQ(delivery->at("to").as_array().at(0), "bob");
  const auto& message = delivery->at("message").as_object();
  EXPECT_EQ(message.at("From_Account"), "alice");
  EXPECT_EQ(message.at("MsgKey"), sent.at("MsgKey"));
  EXPECT_EQ(message.at("MsgBody").as_array().at(0).as_object().at("MsgContent").as_object().at("Text"),
            "live");
}

TEST(ConsoleEvents, TellsOfAReadReportAsAC2cNoticeWithItsFields) {
  TimockProcess server;
  const auto app = create_app(server);
  import_account(server, app, "alice");
  import_account(server, app, "bob");
  send_text(server, app, "alice", "bob", "read me", 7);
  EventStreamClient events(server, events_target(app.sdkappid));
  ASSERT_TRUE(events.next_of("hello"));
  const auto read = rest(server, app, "openim/admin_set_msg_read",
                         json::object{{"Report_Account", "bob"}, {"Peer_Account", "alice"}});
  ASSERT_EQ(code_of(read), 0) << json::serialize(read);
  // The writer's clients hear that bob read it; bob's other devices, that he did.
  const auto report = events.next_of("delivery");
  ASSERT_TRUE(report);
  EXPECT_EQ(report->at("kind"), "c2c_notice");
  EXPECT_EQ(report->at("notice_type"), "read_report");
  EXPECT_EQ(report->at("to").as_array().at(0), "alice");
  EXPECT_EQ(report->at("notice").at("Report_Account"), "bob");
  const auto sync = events.next_of("delivery");
  ASSERT_TRUE(sync);
  EXPECT_EQ(sync->at("notice_type"), "read_sync");
  EXPECT_EQ(sync->at("to").as_array().at(0), "bob");
  EXPECT_EQ(sync->at("notice").at("Peer_Account"), "alice");
}

TEST(ConsoleEvents, TellsOfEveryJournaledCallWithItsErrorCode) {
  TimockProcess server;
  const auto app = create_app(server);
  EventStreamClient events(server, events_target(app.sdkappid));
  ASSERT_TRUE(events.next_of("hello"));
  ASSERT_EQ(server
                .post(app_path(app, "/faults"),
                      R"({"match":{"service":"openim","command":"sendmsg"},"error_code":20003,"times":1})")
                .status,
            201u);
  send_text(server, app, "alice", "bob", "fails");
  const auto journal = events.next_of("journal");
  ASSERT_TRUE(journal);
  const auto& entry = journal->at("entry").as_object();
  EXPECT_EQ(entry.at("command"), "sendmsg");
  EXPECT_EQ(entry.at("error_code"), 20003);
  EXPECT_EQ(entry.at("fault_rule"), "r1");
}

// The Online view moves as clients log in and out: a presence frame names the user and its status after it.
TEST(ConsoleEvents, TellsOfLoginsLogoutsAndClosedSocketsAsPresence) {
  TimockProcess server;
  const auto app = create_app(server);
  import_account(server, app, "alice");
  import_account(server, app, "bob");
  EventStreamClient events(server, events_target(app.sdkappid));
  ASSERT_TRUE(events.next_of("hello"));

  WebImClient alice(server, app.sdkappid, "alice", mint_sig(server, app.sdkappid, "alice"));
  ASSERT_TRUE(alice.login().ok);
  auto presence = events.next_of("presence");
  ASSERT_TRUE(presence);
  EXPECT_EQ(presence->at("user"), "alice");
  EXPECT_EQ(presence->at("status"), "online");
  EXPECT_TRUE(WebImClient::succeeded(alice.logout_all()));
  presence = events.next_of("presence");
  ASSERT_TRUE(presence);
  EXPECT_EQ(presence->at("user"), "alice");
  EXPECT_EQ(presence->at("status"), "not_logged_in");

  {
    ChatClient bob(server, app.sdkappid);
    ASSERT_EQ(bob.login("bob", mint_sig(server, app.sdkappid, "bob")).at("ErrorCode"), 0);
    presence = events.next_of("presence");
    ASSERT_TRUE(presence);
    EXPECT_EQ(presence->at("user"), "bob");
  }
  // The socket closed without a logout: still logged in, no longer connected.
  for (presence = events.next_of("presence"); presence && presence->at("status") != "offline";)
    presence = events.next_of("presence");
  ASSERT_TRUE(presence);
  EXPECT_EQ(presence->at("user"), "bob");
}

TEST(ConsoleEvents, OnlyTheWatchedAppsEventsArrive) {
  TimockProcess server;
  const auto watched = create_app(server);
  const auto other = create_app(server);
  EventStreamClient events(server, events_target(watched.sdkappid));
  ASSERT_TRUE(events.next_of("hello"));
  import_account(server, other, "x");
  import_account(server, watched, "y");
  const auto journal = events.next_of("journal");
  ASSERT_TRUE(journal);
  EXPECT_EQ(journal->at("entry").as_object().at("request").as_object().at("UserID"), "y");
}

TEST(ConsoleEvents, AnswersPingSoThePageStaysInsideTheIdleTimeout) {
  TimockProcess server;
  const auto app = create_app(server);
  EventStreamClient events(server, events_target(app.sdkappid));
  ASSERT_TRUE(events.next_of("hello"));
  events.send("ping");
  EXPECT_TRUE(events.next_of("pong"));
}

TEST(ConsoleEvents, AWrongControlTokenIsToldAndClosed) {
  TimockProcess server({"--control-token", "s3cret"});
  EventStreamClient refused(server, events_target(1400000000, "&token=nope"));
  const auto frame = refused.next();
  ASSERT_TRUE(frame);
  EXPECT_EQ(frame->at("type"), "error");
  EXPECT_FALSE(refused.next(1000ms));
  EventStreamClient admitted(server, events_target(1400000000, "&token=s3cret"));
  EXPECT_TRUE(admitted.next_of("hello"));
}

TEST(ConsoleEvents, AMalformedAppIdIsToldAndClosed) {
  TimockProcess server;
  EventStreamClient refused(server, "/console/events?app=abc");
  const auto frame = refused.next();
  ASSERT_TRUE(frame);
  EXPECT_EQ(frame->at("type"), "error");
}

}  // namespace
}  // namespace timock::testing
