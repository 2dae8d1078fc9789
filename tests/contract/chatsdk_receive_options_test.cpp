// C2C receive options (setMessageRemindType of a C2C conversation; reference/modern-sdk-protocol.md §11): set on one
// device, read back on another, kept by snapshots.
#include <gtest/gtest.h>

#include "chatsdk_fixture.hpp"

namespace timock::testing::chatsdk {
namespace {

class ChatSdkReceiveOptions : public ChatSdkTest {};

TEST_F(ChatSdkReceiveOptions, SetOnOneDeviceReadsBackOnAnotherAndUnknownPeersAreListed) {
  auto alice = logged_in("alice");
  const auto set = alice->call("openim.set_c2c_peer_mute_notifications",
                               {{"Peer_Account", json::array{"bob", "nobody"}}, {"Mute_Notifications", 2}});
  ASSERT_EQ(code_of(set), 0) << json::serialize(set);
  ASSERT_EQ(set.at("ErrorList").as_array().size(), 1u);
  EXPECT_EQ(set.at("ErrorList").at(0).at("Peer_Account"), "nobody");
  EXPECT_EQ(set.at("ErrorList").at(0).at("ErrorCode"), 20003);

  auto tab = logged_in("alice");
  const auto named = tab->call("openim.get_c2c_peer_mute_notifications",
                               {{"To_Account", "alice"}, {"Peer_Account", json::array{"bob", "carol"}}});
  ASSERT_EQ(code_of(named), 0) << json::serialize(named);
  EXPECT_EQ(named.at("UpdateSeq"), 1);
  EXPECT_EQ(named.at("MuteNotificationsList"),
            json::parse(R"([{"Peer_Account":"bob","MuteNotifications":2},{"Peer_Account":"carol","MuteNotifications":0}])"));
  // Without a list (2.x at login): every option set.
  const auto all = tab->call("openim.get_c2c_peer_mute_notifications", {{"To_Account", "alice"}});
  EXPECT_EQ(all.at("MuteNotificationsList"), json::parse(R"([{"Peer_Account":"bob","MuteNotifications":2}])"));
  // Bob's options are his own.
  auto bob = logged_in("bob");
  EXPECT_EQ(bob->call("openim.get_c2c_peer_mute_notifications", {}).at("MuteNotificationsList"), json::array{});
}

TEST_F(ChatSdkReceiveOptions, BadValuesAreRefusedAndSnapshotsKeepTheOptions) {
  auto alice = logged_in("alice");
  EXPECT_NE(code_of(alice->call("openim.set_c2c_peer_mute_notifications",
                                {{"Peer_Account", json::array{"bob"}}, {"Mute_Notifications", 7}})),
            0);
  EXPECT_NE(code_of(alice->call("openim.set_c2c_peer_mute_notifications", {{"Mute_Notifications", 1}})), 0);
  ASSERT_EQ(code_of(alice->call("openim.set_c2c_peer_mute_notifications",
                                {{"Peer_Account", json::array{"bob"}}, {"Mute_Notifications", 1}})),
            0);
  const auto path = "/mock/apps/" + std::to_string(app.sdkappid) + "/snapshot";
  const auto exported = server.get(path);
  ASSERT_EQ(exported.status, 200u);
  ASSERT_EQ(server.post("/mock/apps/" + std::to_string(app.sdkappid) + "/reset", "").status, 200u);
  ASSERT_EQ(server.request("PUT", path, exported.body).status, 200u);
  EXPECT_EQ(server.get(path).body, exported.body);
  auto again = logged_in("alice");
  EXPECT_EQ(again->call("openim.get_c2c_peer_mute_notifications", {}).at("MuteNotificationsList"),
            json::parse(R"([{"Peer_Account":"bob","MuteNotifications":1}])"));
}

}  // namespace
}  // namespace timock::testing::chatsdk
