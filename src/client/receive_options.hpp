// A user's C2C receive options (the Chat SDK's setMessageRemindType on a C2C conversation; reference/
// modern-sdk-protocol.md §11 set/get_c2c_peer_mute_notifications): kept per peer and read back on every device.
#pragma once

#include <boost/json/object.hpp>

#include "client/client.hpp"

namespace timock::client {

// {Peer_Account: [ids] (≤ 30), Mute_Notifications: 0 receive and notify | 1 do not receive | 2 receive without a
// notification} → {ErrorList: [{Peer_Account, ErrorCode}]} for peers that are no account.
api::Reply set_c2c_receive_options(const Deps& deps, const Caller& caller, const boost::json::object& body);
// {Peer_Account?: [ids]} → {UpdateSeq, MuteNotificationsList: [{Peer_Account, MuteNotifications}]}: the options of
// the peers named (0 for one never set), or every option set when none is named.
api::Reply get_c2c_receive_options(const Deps& deps, const Caller& caller, const boost::json::object& body);

}  // namespace timock::client
