// User status on the Chat SDK socket (issue #19, reference/modern-sdk-protocol.md §11): setSelfStatus
// (ws_set_custom_status), getUserStatus (ws_get_user_status: 1 online, 2 logged in without a socket, 3 not
// logged in), subscribeUserStatus / unsubscribeUserStatus and the userStatusList pushes on login, logout and
// a closed socket; REST query_online_status sees the same presence.
#include <gtest/gtest.h>

#include "chatsdk_fixture.hpp"
#include "webim_client.hpp"

namespace timock::testing::chatsdk {
namespace {

constexpr auto kPush = "im_open_push.msg_push";

// The next status item pushed to `client` (nullopt when none comes in time).
std::optional<json::object> status_push(ChatClient& client, std::chrono::milliseconds wait = 2s) {
  for (int i = 0; i < 8; ++i) {
    const auto push = client.wait_push(kPush, wait);
    if (!push) return std::nullopt;
    for (const auto& event : push->body.at("EventArray").as_array())
      if (const auto* list = event.as_object().if_contains("UserStatusList")) return list->at(0).as_object();
  }
  return std::nullopt;
}

class ChatSdkUserStatus : public ChatSdkTest {
 protected:
  json::object status_of(ChatClient& asker, const std::string& user) {
    const auto reply =
        asker.call("im_open_status.ws_get_user_status", {{"UserIDList", json::array{json::value(user)}}});
    EXPECT_EQ(code_of(reply), 0) << json::serialize(reply);
    return reply.at("UserStatusList").at(0).as_object();
  }
  std::string rest_state(const std::string& user) const {
    const auto reply =
        rest_call("openim/query_online_status", json::object{{"To_Account", json::array{json::value(user)}}});
    return std::string(reply.at("QueryResult").at(0).at("Status").as_string());
  }
};

TEST_F(ChatSdkUserStatus, GetUserStatusAgreesWithRestQueryOnlineStatus) {
  auto alice = logged_in("alice");
  EXPECT_EQ(status_of(*alice, "bob").at("Status").to_number<int>(), 3);
  EXPECT_EQ(rest_state("bob"), "Offline");
  auto bob = logged_in("bob");
  EXPECT_EQ(status_of(*alice, "bob").at("Status").to_number<int>(), 1);
  EXPECT_EQ(rest_state("bob"), "Online");
}

TEST_F(ChatSdkUserStatus, SubscribersHearOfLoginsCustomStatusClosedSocketsAndLogouts) {
  auto alice = logged_in("alice");
  ASSERT_EQ(code_of(alice->call("im_open_status.ws_status_subscribe", {{"UserIDList", json::array{"bob"}}})),
            0);
  auto bob = logged_in("bob");
  auto online = status_push(*alice);
  ASSERT_TRUE(online) << "no push on login";
  EXPECT_EQ(online->at("To_Account").as_string(), "bob");
  EXPECT_EQ(online->at("Status").to_number<int>(), 1);

  ASSERT_EQ(code_of(bob->call("im_open_status.ws_set_custom_status", {{"CustomStatus", "busy"}})), 0);
  auto custom = status_push(*alice);
  ASSERT_TRUE(custom) << "no push on setSelfStatus";
  // The SDK reads a custom status as base64 of its UTF-8 ("busy" → "YnVzeQ==").
  EXPECT_EQ(custom->at("CustomStatus").as_string(), "YnVzeQ==");
  EXPECT_EQ(status_of(*alice, "bob").at("CustomStatus").as_string(), "YnVzeQ==");

  ASSERT_EQ(code_of(bob->call("im_open_status.wslogout", {{"wslogout_type", 0}})), 0);
  auto logged_out = status_push(*alice);
  ASSERT_TRUE(logged_out) << "no push on logout";
  EXPECT_EQ(logged_out->at("Status").to_number<int>(), 3);

  // A closed socket: logged in, not connected.
  auto bob_again = logged_in("bob");
  ASSERT_TRUE(status_push(*alice));
  bob_again.reset();
  auto closed = status_push(*alice);
  ASSERT_TRUE(closed) << "no push on a closed socket";
  EXPECT_EQ(closed->at("Status").to_number<int>(), 2);
  EXPECT_EQ(status_of(*alice, "bob").at("Status").to_number<int>(), 2);
  EXPECT_EQ(rest_state("bob"), "Offline");
}

TEST_F(ChatSdkUserStatus, UnsubscribedUsersAreNoLongerPushed) {
  auto alice = logged_in("alice");
  ASSERT_EQ(code_of(alice->call("im_open_status.ws_status_subscribe",
                                {{"UserIDList", json::array{"bob", "carol"}}})),
            0);
  ASSERT_EQ(
      code_of(alice->call("im_open_status.ws_status_unsubscribe", {{"UserIDList", json::array{"bob"}}})), 0);
  auto bob = logged_in("bob");
  EXPECT_FALSE(status_push(*alice, 300ms));
  auto carol = logged_in("carol");
  EXPECT_TRUE(status_push(*alice));
  ASSERT_EQ(code_of(alice->call("im_open_status.ws_status_unsubscribe", {{"UnsubscribeAll", 1}})), 0);
  carol.reset();
  EXPECT_FALSE(status_push(*alice, 300ms));
  EXPECT_EQ(
      code_of(alice->call("im_open_status.ws_set_custom_status", {{"CustomStatus", std::string(101, 'x')}})),
      90001);
}

TEST_F(ChatSdkUserStatus, SubscribersHearOfAWebImLoginToo) {
  auto alice = logged_in("alice");
  ASSERT_EQ(code_of(alice->call("im_open_status.ws_status_subscribe", {{"UserIDList", json::array{"bob"}}})),
            0);
  WebImClient bob(server, app.sdkappid, "bob", sig("bob"));
  ASSERT_TRUE(bob.login().ok);
  auto online = status_push(*alice);
  ASSERT_TRUE(online) << "no push on a WebIM login";
  EXPECT_EQ(online->at("To_Account").as_string(), "bob");
  EXPECT_EQ(online->at("Status").to_number<int>(), 1);
  EXPECT_EQ(rest_state("bob"), "Online");
}

}  // namespace
}  // namespace timock::testing::chatsdk
