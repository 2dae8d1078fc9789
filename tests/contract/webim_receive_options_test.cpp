// A C2C receive option set from the Chat SDK holds on the legacy protocol too (one client layer): a peer the
// user discards (Mute_Notifications 1) reaches none of the user's WebIM tabs, while its history keeps the
// messages (api/c2c_receive_option.hpp).
#include <gtest/gtest.h>

#include "chat_client.hpp"
#include "webim_fixture.hpp"

namespace timock::testing::webim {
namespace {

class WebImReceiveOptions : public WebImTest {};

int error_code(const json::object& body) {
  const auto* code = body.if_contains("ErrorCode");
  return code ? code->to_number<int>() : 0;
}

TEST_F(WebImReceiveOptions, ADiscardedPeersMessagesReachNoWebImTabButStayInHistory) {
  auto alice = connected("alice");
  ChatClient sdk(server, app.sdkappid);
  ASSERT_EQ(error_code(sdk.login("alice", mint_sig(server, app.sdkappid, "alice"))), 0);
  const auto set = sdk.call("openim.set_c2c_peer_mute_notifications",
                            {{"Peer_Account", json::array{"bob"}}, {"Mute_Notifications", 1}});
  ASSERT_EQ(error_code(set), 0) << json::serialize(set);

  ASSERT_EQ(rest_send("bob", "alice", "discarded", 11).at("ActionStatus").as_string(), "OK");
  ASSERT_EQ(rest_send("carol", "alice", "kept", 12).at("ActionStatus").as_string(), "OK");
  // Both were sent while no poll was parked: the next poll brings what alice receives, carol's only.
  const auto result = alice->poll();
  const auto items = result.inline_messages();
  ASSERT_EQ(items.size(), 1u) << json::serialize(result.reply);
  EXPECT_EQ(items.at(0).at("From_Account").as_string(), "carol");

  const auto roam = rest(server, app, "openim/admin_getroammsg",
                         json::object{{"Operator_Account", "alice"},
                                      {"Peer_Account", "bob"},
                                      {"MaxCnt", 10},
                                      {"MinTime", 0},
                                      {"MaxTime", 4000000000LL}});
  EXPECT_EQ(roam.at("MsgList").as_array().size(), 1u) << json::serialize(roam);
}

}  // namespace
}  // namespace timock::testing::webim
