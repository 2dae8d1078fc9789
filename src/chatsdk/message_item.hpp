// A one-to-one message as the Chat SDK reads it in pushes, getmsg and getroammsg
// (reference/modern-sdk-protocol.md §6.4, §6.6).
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "core/delivery.hpp"
#include "core/domain.hpp"

namespace timock::chatsdk {

// `viewer` is who receives the item: IsPeerRead tells the sender whether the peer read it. A sync copy
// (the sender's own message, for its other devices) carries IsSyncMsg 1 with From/To swapped, which the SDK
// swaps back (§6.6).
boost::json::object message_item(core::SdkAppId app, const core::C2cMessage& message, std::string_view viewer,
                                 bool sync_copy = false);
// The same item (not a sync copy) as JSON text with the stored MsgBody spliced in unparsed, for pages of many
// (getmsg, getroammsg; bench/RESULTS.md F9).
std::string message_item_json(core::SdkAppId app, const core::C2cMessage& message, std::string_view viewer);

// The push body telling a client a message was recalled (the SDK's c2cMessageRevokedNotify): enough for it to
// find the message by (conversation, MsgSeq, MsgRandom) or rebuild its ID.
boost::json::object recall_push_body(core::SdkAppId app, const core::C2cMessage& message, std::string_view revoker);

// The msg_push body for a list of items (NeedAck: the SDK answers ws_msg_push_ack with SessionData).
boost::json::object msg_push_body(boost::json::array items, std::string session_data);

// A custom status as the SDK reads it (getUserStatus, userStatusList pushes): base64 of its UTF-8 bytes, which
// the SDK decodes (it sends its own setSelfStatus in plain text).
std::string wire_custom_status(std::string_view status);

// The msg_push body of a one-to-one notice (core::C2cNotice): read reports, receipts, edits, conversation
// changes and statuses, in the lists the SDK's push dispatcher routes by (§6.6).
boost::json::object notice_push_body(const core::Delivery& delivery);

}  // namespace timock::chatsdk
