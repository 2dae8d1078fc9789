// Callbacks from the client surfaces (reference/rest-api.md §7): a Chat SDK or WebIM send asks
// C2C.CallbackBeforeSendMsg with OptPlatform "Web" and waits for its verdict without holding the socket; logins,
// logouts and closed sockets are State.StateChange.
#include <gtest/gtest.h>

#include "callback_receiver.hpp"
#include "chatsdk_fixture.hpp"
#include "webim_client.hpp"

namespace timock::testing::chatsdk {
namespace {

using namespace std::chrono_literals;

CallbackAnswer refuse_if_contains(const ReceivedCallback& callback, const std::string& word) {
  if (callback.query.at("CallbackCommand") != "C2C.CallbackBeforeSendMsg") return CallbackAnswer{};
  const auto text = first_text(callback.body);
  if (text.find(word) != std::string::npos)
    return CallbackAnswer{200, R"({"ActionStatus":"FAIL","ErrorInfo":"no","ErrorCode":1})"};
  if (text.find("swear") != std::string::npos)
    return CallbackAnswer{200, R"({"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"***"}}]})",
                          100ms};
  return CallbackAnswer{};
}

class ClientCallbacks : public ChatSdkTest {
 protected:
  void configure(const std::string& url) const {
    const auto result = server.request("PUT", "/mock/apps/" + std::to_string(app.sdkappid) + "/callback",
                                       json::serialize(json::object{{"url", url}}));
    ASSERT_EQ(result.status, 200u) << result.body;
  }
};

TEST_F(ClientCallbacks, AChatSdkSendIsRefusedOrRewrittenByTheAppsServer) {
  CallbackReceiver receiver([](const ReceivedCallback& c) { return refuse_if_contains(c, "forbidden"); });
  auto alice = logged_in("alice");
  auto bob = logged_in("bob");
  configure(receiver.url());
  const auto now = server_now();
  const auto refused = alice->call("openim.sendmsg", sendmsg_body("alice", "bob", "forbidden", 11, 1001, now));
  EXPECT_EQ(code_of(refused), 20006) << json::serialize(refused);

  const auto rewritten = alice->call("openim.sendmsg", sendmsg_body("alice", "bob", "swear", 12, 1002, now));
  EXPECT_EQ(code_of(rewritten), 0) << json::serialize(rewritten);
  // Bob gets the rewritten text live, and only that message.
  const auto push = bob->wait_push("im_open_push.msg_push");
  ASSERT_TRUE(push);
  EXPECT_EQ(first_text(push->body.at("EventArray").at(0).at("C2cMsgArray").at(0)), "***");
  const auto history = roam("bob", "alice");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(first_text(history.at(0)), "***");
  const auto asked = receiver.wait_for("C2C.CallbackBeforeSendMsg", 2);
  ASSERT_EQ(asked.size(), 2u);
  EXPECT_EQ(asked[0].query.at("OptPlatform"), "Web");
  EXPECT_EQ(asked[0].query.at("ClientIP"), "127.0.0.1");
  // The journal shows the deferred send with its final code.
  bool journaled = false;
  for (const auto& entry : journal("surface=chatsdk&command=sendmsg"))
    if (entry.at("error_code") == 20006) journaled = true;
  EXPECT_TRUE(journaled);
}

TEST_F(ClientCallbacks, AWebImSendIsRefusedByTheAppsServer) {
  CallbackReceiver receiver([](const ReceivedCallback& c) { return refuse_if_contains(c, "forbidden"); });
  configure(receiver.url());
  WebImClient alice(server, app.sdkappid, "alice", sig("alice"));
  alice.login_and_connect();
  const auto refused = alice.send_text("bob", "forbidden words");
  EXPECT_EQ(code_of(refused.reply), 20006) << json::serialize(refused.reply);
  const auto sent = alice.send_text("bob", "fine");
  EXPECT_TRUE(sent.ok()) << json::serialize(sent.reply);
  const auto history = roam("bob", "alice");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(first_text(history.at(0)), "fine");
  const auto asked = receiver.wait_for("C2C.CallbackBeforeSendMsg", 2);
  ASSERT_EQ(asked.size(), 2u);
  EXPECT_EQ(asked[1].query.at("OptPlatform"), "Web");
}

TEST_F(ClientCallbacks, AChatSdkJoinWaitsForBeforeApplyJoinGroupAndAJoinTellsTheApp) {
  bool refuse = true;
  std::mutex mutex;
  CallbackReceiver receiver([&](const ReceivedCallback& callback) {
    std::lock_guard lock(mutex);
    if (callback.query.at("CallbackCommand") == "Group.CallbackBeforeApplyJoinGroup" && refuse)
      return CallbackAnswer{200, R"({"ActionStatus":"FAIL","ErrorInfo":"closed","ErrorCode":1})"};
    return CallbackAnswer{};
  });
  const auto created = rest_call("group_open_http_svc/create_group",
                                 json::object{{"Owner_Account", "alice"}, {"Type", "Public"}, {"Name", "open"},
                                              {"ApplyJoinOption", "FreeAccess"}});
  ASSERT_EQ(code_of(created), 0) << json::serialize(created);
  const std::string group(created.at("GroupId").as_string());
  configure(receiver.url());
  auto carol = logged_in("carol");
  const auto refused = carol->call("group_open_http_svc.apply_join_group", {{"GroupId", group}, {"ApplyMsg", "hi"}});
  EXPECT_EQ(code_of(refused), 10016) << json::serialize(refused);
  {
    std::lock_guard lock(mutex);
    refuse = false;
  }
  const auto joined = carol->call("group_open_http_svc.apply_join_group", {{"GroupId", group}, {"ApplyMsg", "hi"}});
  EXPECT_EQ(code_of(joined), 0) << json::serialize(joined);
  const auto told = receiver.wait_for("Group.CallbackAfterNewMemberJoin");
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0].body.at("JoinType"), "Apply");
  EXPECT_EQ(told[0].body.at("NewMemberList").at(0).at("Member_Account"), "carol");
  EXPECT_EQ(told[0].query.at("OptPlatform"), "Web");
}

TEST_F(ClientCallbacks, LoginLogoutAndAClosedSocketAreStateChanges) {
  CallbackReceiver receiver;
  configure(receiver.url());
  {
    auto alice = logged_in("alice");
    const auto login = receiver.wait_for("State.StateChange");
    ASSERT_EQ(login.size(), 1u);
    EXPECT_EQ(login[0].body.at("Info").at("Action"), "Login");
    EXPECT_EQ(login[0].body.at("Info").at("Reason"), "Register");
    EXPECT_EQ(login[0].body.at("Info").at("To_Account"), "alice");
    EXPECT_TRUE(login[0].body.at("EventTime").is_int64());
    EXPECT_EQ(code_of(alice->call("im_open_status.wslogout", {{"wslogout_type", 0}})), 0);
    const auto logout = receiver.wait_for("State.StateChange", 2);
    ASSERT_EQ(logout.size(), 2u);
    EXPECT_EQ(logout[1].body.at("Info").at("Action"), "Logout");
    EXPECT_EQ(logout[1].body.at("Info").at("Reason"), "Unregister");
  }
  {
    auto bob = logged_in("bob");
    receiver.wait_for("State.StateChange", 3);
  }  // the socket closes without a logout
  const auto all = receiver.wait_for("State.StateChange", 4);
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[3].body.at("Info").at("Action"), "Disconnect");
  EXPECT_EQ(all[3].body.at("Info").at("Reason"), "LinkClose");
  EXPECT_EQ(all[3].body.at("Info").at("To_Account"), "bob");
}

}  // namespace
}  // namespace timock::testing::chatsdk
