// A WebIM login whose long polls stop times out (`--webim-idle-timeout`, 400 s by default as the cloud's
// heartbeat timeout): it is logged out as the cloud would, its status turns offline for REST and for Chat SDK
// subscribers, and the app's server hears State.StateChange Disconnect/TimeOut (reference/rest-api.md §7).
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "callback_receiver.hpp"
#include "chatsdk_fixture.hpp"
#include "webim_client.hpp"

namespace timock::testing::chatsdk {
namespace {

using namespace std::chrono_literals;

// A one-second idle limit and short polls, so a test sees a timeout in a few seconds.
class WebImTimeout : public ChatSdkTest {
 protected:
  WebImTimeout() : ChatSdkTest({"--webim-idle-timeout", "1", "--longpoll-hold", "0.3"}) {}

  void configure(const std::string& url) const {
    const auto result = server.request("PUT", "/mock/apps/" + std::to_string(app.sdkappid) + "/callback",
                                       json::serialize(json::object{{"url", url}}));
    ASSERT_EQ(result.status, 200u) << result.body;
  }
  std::string rest_state(const std::string& user) const {
    const auto reply =
        rest_call("openim/query_online_status", json::object{{"To_Account", json::array{json::value(user)}}});
    return std::string(reply.at("QueryResult").at(0).at("Status").as_string());
  }
  // The State.StateChange callbacks received for `user`.
  std::vector<ReceivedCallback> state_changes(const CallbackReceiver& receiver, const std::string& user) const {
    std::vector<ReceivedCallback> out;
    for (auto& callback : receiver.received())
      if (callback.query.at("CallbackCommand") == "State.StateChange" &&
          callback.body.at("Info").at("To_Account") == json::value(user))
        out.push_back(callback);
    return out;
  }
};

// The next status item pushed to `client` (nullopt when none comes in time).
std::optional<json::object> status_push(ChatClient& client, std::chrono::milliseconds wait) {
  for (int i = 0; i < 8; ++i) {
    const auto push = client.wait_push("im_open_push.msg_push", wait);
    if (!push) return std::nullopt;
    for (const auto& event : push->body.at("EventArray").as_array())
      if (const auto* list = event.as_object().if_contains("UserStatusList")) return list->at(0).as_object();
  }
  return std::nullopt;
}

TEST_F(WebImTimeout, ASilentWebImLoginTimesOutAndTheAppHearsDisconnectTimeOut) {
  CallbackReceiver receiver;
  configure(receiver.url());
  auto carol = logged_in("carol");
  ASSERT_EQ(code_of(carol->call("im_open_status.ws_status_subscribe", {{"UserIDList", json::array{"bob"}}})), 0);

  WebImClient bob(server, app.sdkappid, "bob", sig("bob"));
  ASSERT_TRUE(bob.login().ok);
  EXPECT_EQ(rest_state("bob"), "Online");

  // bob never polls: within its limit and the sweep's second it is gone.
  const auto changes = receiver.wait_for("State.StateChange", 3, 5s);  // carol's login, bob's, bob's timeout
  const auto bobs = state_changes(receiver, "bob");
  ASSERT_EQ(bobs.size(), 2u) << changes.size();
  EXPECT_EQ(bobs[0].body.at("Info").at("Action"), "Login");
  EXPECT_EQ(bobs[1].body.at("Info").at("Action"), "Disconnect");
  EXPECT_EQ(bobs[1].body.at("Info").at("Reason"), "TimeOut");
  EXPECT_EQ(bobs[1].query.at("OptPlatform"), "Web");
  EXPECT_EQ(rest_state("bob"), "Offline");
  // carol, subscribed to bob, heard him come online, and hears he is gone as she would of a logout.
  const auto online = status_push(*carol, 2s);
  ASSERT_TRUE(online);
  EXPECT_EQ(online->at("Status").to_number<int>(), 1);
  const auto offline = status_push(*carol, 2s);
  ASSERT_TRUE(offline);
  EXPECT_EQ(offline->at("To_Account").as_string(), "bob");
  EXPECT_EQ(offline->at("Status").to_number<int>(), 3);  // not logged in any more
  // Its login is over: a poll is told so (91101), as after a logout.
  EXPECT_EQ(bob.call("openim", "longpolling", json::object{}).at("ErrorCode"), 91101);
}

TEST_F(WebImTimeout, ALoginThatKeepsPollingStaysOnline) {
  CallbackReceiver receiver;
  configure(receiver.url());
  WebImClient alice(server, app.sdkappid, "alice", sig("alice"));
  alice.login_and_connect();
  const auto until = std::chrono::steady_clock::now() + 2500ms;
  while (std::chrono::steady_clock::now() < until) alice.poll();  // each poll is held 0.3 s
  EXPECT_EQ(rest_state("alice"), "Online");
  std::this_thread::sleep_for(200ms);
  const auto changes = state_changes(receiver, "alice");
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].body.at("Info").at("Action"), "Login");
}

}  // namespace
}  // namespace timock::testing::chatsdk
