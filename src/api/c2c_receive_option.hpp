// What a receiver's C2C receive option (the Chat SDK's setMessageRemindType for a peer;
// client/receive_options.hpp) does to a new message from that peer. On the cloud, MSG_REMIND_DISCARD
// (Mute_Notifications 1) means the receiver gets the peer's messages neither online nor offline, while its
// history (getMessageList) keeps them; AcceptNotNotify (2) only silences offline push, which timock does not
// send, so only Discard is enforced: the message is stored (both sides' history, the conversation list) but
// counts no unread, is pushed to none of the receiver's clients (WebIM or Chat SDK) and is left out of the
// receiver's sync (getmsg), so no client shows it as received. The sender's own devices see it as usual. The
// option in force when the message is sent decides, as on the cloud, where it is applied on delivery.
#pragma once

#include <string_view>

#include "core/domain.hpp"

namespace timock::store {
class Database;
}

namespace timock::api {

// Mute_Notifications 1: the receiver discards the peer's messages.
inline constexpr std::int64_t kReceiveOptionDiscard = 1;
// The key of a discarded message's extra JSON (store::InboxRepository leaves such messages out of a sync).
inline constexpr std::string_view kReceiverDiscardedKey = "ReceiverDiscarded";

// Applies the receiver's option for the sender to a message about to be stored (one-to-one, not to oneself).
void apply_receive_option(store::Database& db, core::SdkAppId app, core::C2cMessage& message);
// Whether `message` was discarded by its receiver when it was sent.
bool discarded_by_receiver(const core::C2cMessage& message);

}  // namespace timock::api
