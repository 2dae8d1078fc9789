// What a client does to one-to-one messages once they are stored, the same for every client protocol: read
// reports and per-message read receipts (told to the sender), edits (told to both sides), deletes from one's
// own history, and the notices of a user's conversation changes to its other devices
// (modern-sdk-protocol.md §6.6–6.7, §11). The notices are core::C2cNotice deliveries; each protocol shows
// what it can of them.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "client/client.hpp"
#include "client/conversations.hpp"
#include "core/delivery.hpp"

namespace timock::client {

// The user read what each peer sent up to a time (msgreaded, setMessageRead): the peers hear of it
// (MESSAGE_READ_BY_PEER) and the user's other devices clear their unread counts. `reads` holds (peer, time).
void announce_reads(const Deps& deps, const Caller& caller,
                    const std::vector<std::pair<std::string, std::int64_t>>& reads);

// openim c2c_msg_read_receipt (sendMessageReadReceipt): Peer_Account and C2CMsgInfo [{From_Account,
// To_Account, MsgSeq, MsgRandom, MsgTime}] of messages the peer sent the user with IsNeedReadReceipt 1; each
// is marked as read by the peer (the sender's history shows IsPeerRead 1), and the sender is told
// (MESSAGE_READ_RECEIPT_RECEIVED). Messages that are not the peer's or ask for no receipt are skipped.
api::Reply send_read_receipts(const Deps& deps, const Caller& caller, const boost::json::object& body);

// openim modify_c2c_msg from a client (modifyMessage): either side of the conversation edits a message;
// MsgVersion grows by one, and the other side and the editor's other devices are told (MESSAGE_MODIFIED).
// The reply carries the stored MsgVersion, MsgBody and CloudCustomData.
api::Reply modify_message(const Deps& deps, const Caller& caller, const boost::json::object& body);
// What a message's kept extras say about its receipt, edits and client time, read from one parse of its
// extra JSON (a history page or a push encodes many messages: each is parsed once, not once a field).
struct C2cExtras {
  bool needs_read_receipt = false;  // sent with IsNeedReadReceipt 1
  bool receipt_sent = false;        // its receiver sent the receipt
  std::int64_t msg_version = 0;     // edits so far
  std::int64_t client_time = 0;     // MsgClientTime, else MsgTime (see msg_client_time)
  bool supports_extension = false;  // sent with SupportMessageExtension 1 (message extensions)
};
C2cExtras c2c_extras(const core::C2cMessage& message);
// The MsgVersion a message has been edited to (0: never).
std::int64_t msg_version(const core::C2cMessage& message);
// Whether the message was sent with IsNeedReadReceipt 1, and whether its receiver has sent the receipt.
bool needs_read_receipt(const core::C2cMessage& message);
bool receipt_sent(const core::C2cMessage& message);
// The sender's MsgClientTime as it sent it (REST sends have none: their MsgTime stands in), so the message IDs
// the Chat SDK builds from it (senderTinyID-clientTime-random, modern-sdk-protocol.md §6.4) are the same in
// pushes, history, receipts and the send reply.
std::int64_t msg_client_time(const core::C2cMessage& message);

// openim delete_c2c_msg_ramble (deleteMessage): To_Account and MsgKeyList; each message leaves the caller's
// history only (the peer keeps it).
api::Reply delete_messages(const Deps& deps, const Caller& caller, const boost::json::object& body);

// The user's other devices hear that conversations were deleted, pinned or unpinned.
void announce_conversations(const Deps& deps, const Caller& caller, core::C2cNotice change,
                            const std::vector<ConversationKey>& keys);

}  // namespace timock::client
