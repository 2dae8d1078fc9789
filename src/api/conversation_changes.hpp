// Changes to a user's own conversation state that its other devices hear of at once: conversation marks
// (mark_contact), conversation groups (create/update/del_contact_group) and C2C receive options
// (set_c2c_peer_mute_notifications). REST and client calls alike announce them, so a Chat SDK instance sees a
// change made on another instance or by the app's server (one world). Each protocol shows them in its own
// words; the Chat SDK as RecentContactMod PushType 4–7 and MuteNotificationsSync
// (chatsdk/conversation_push.cpp), WebIM 1.7 has no event for them.
//
// The change travels as a core::C2cNotice::conversation_changed (to the owner's devices, a sync copy, never
// the instance that acted) whose notice_json holds {"Change": <kind>, …}; the kinds and their fields are below.
#pragma once

#include <boost/json/object.hpp>
#include <string_view>

#include "core/domain.hpp"

namespace timock::core {
class EventHub;
}
namespace timock::store {
class Store;
}

namespace timock::api {

// The kinds, in notice_json's "Change":
//   "mark"                {Marks: [{Type, To_Account | GroupId, OptType 1 standard, 2 custom, 3 both,
//                                   StandardMark (bits, the conversation's whole set), CustomMark}]}
//   "group_created"       {GroupId, GroupName, Conversations: [{Type, To_Account | GroupId}]}
//   "group_deleted"       {GroupId, GroupName}
//   "group_renamed"       {GroupId, GroupName, OldGroupName}
//   "group_conversations" {GroupId, GroupName, Added: [conversation], Removed: [conversation]}
//   "receive_option"      {Peers: [UserID], MuteFlag 0 | 1 | 2}
inline constexpr std::string_view kConversationChangeKey = "Change";

// Announces `change` to `owner`'s devices once the caller's write is committed; `origin_instance` (empty for
// REST) is not told. Does nothing without a hub (handler unit tests).
void announce_conversation_change(const core::EventHub* hub, store::Store& store, core::SdkAppId app,
                                  std::string_view owner, std::string_view origin_instance,
                                  boost::json::object change);

}  // namespace timock::api
