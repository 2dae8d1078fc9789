// The Chat SDK's pushes of a user's own conversation state, changed on another device or by REST
// (api/conversation_changes.hpp): RecentContactMod items with PushType 4 (marks), 5 (a conversation group
// created), 6 (deleted), 7 (renamed, or conversations moved in or out of it), and C2cNotifyMsgArray items
// MuteNotificationsSync (a C2C receive option). Shapes read from @tencentcloud/chat 3.6.6's push dispatcher.
#pragma once

#include <boost/json/object.hpp>

namespace timock::chatsdk {

// The msg_push body for a conversation change's notice (its "Change" and fields); empty for an unknown kind.
boost::json::object conversation_change_body(const boost::json::object& notice);

}  // namespace timock::chatsdk
