// What is delivered to online clients, whatever protocol they speak: what happened and to whom. A handler
// builds a Delivery once its write is committed and publishes it on the EventHub; the client registry finds
// the recipients' instances; each protocol encodes it once for all its connections (STYLE §13).
// A new kind of delivery (a group message, a group tip, a system notice, a friend or profile change) is a new
// DeliveryKind and payload here, a builder that names its recipients, and an encoder per protocol.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"
#include "core/group.hpp"

namespace timock::core {

enum class DeliveryKind {
  c2c_message,    // a stored one-to-one message
  c2c_recall,     // a one-to-one message was recalled
  group_message,  // a group message (group_message)
  group_recall,   // a group message was recalled (group_message names it)
  group_tip,      // a member or profile tip, stored under the group's seq (group_message holds it)
  group_notice,   // a system notice to some users (group_notice_type, notice_json): not in the history
  // Relationship chain (rest-api.md §3.5): one FriendListMod item in notice_json (friends added or deleted,
  // friend requests added, deleted or read, blacklist entries added or deleted, friends' fields updated).
  relation_change,
  // A profile change (portrait_set): one ProfileDataMod item in notice_json, to the user and its friends.
  profile_change,
  // A one-to-one notice (c2c_notice says which; its fields in notice_json, an edited message in `message`):
  // shown live by the Chat SDK (modern-sdk-protocol.md §6.6); the legacy protocol has no event for these.
  c2c_notice,
};

enum class C2cNotice {
  read_report,  // the reader (Report_Account) has read the sender's messages up to LastReadTime
  read_sync,    // the reader's other devices: it read Peer_Account's messages up to LastReadTime
  receipt,      // per-message read receipts (Report_Account, Messages [{TinyId, MsgClientTime, MsgRandom}])
  modified,     // `message` was edited (its new body, CloudCustomData and MsgVersion)
  conversation_deleted,  // Conversations [{Type, To_Account | GroupId}] of the user's other devices
  conversation_pinned,
  conversation_unpinned,
  user_status,  // To_Account's Status ("Online"/"Offline") and CustomStatus
  // A change of the user's own conversation state for its other devices (api/conversation_changes.hpp: its
  // kind under "Change": marks, conversation groups, receive options).
  conversation_changed,
  // A message's extensions changed: Message, OperateType, Extensions, LatestSeq, ClearSeq (api/msg_ext_common.hpp).
  extensions_changed,
  // A message's reactions changed: Message, Reactions [{Reaction, Count, Users}] (api/msg_ext_common.hpp).
  reactions_changed,
};

// What every group push must name (modern-sdk-groups.md §0 item 4: GroupInfo on every item).
struct GroupSummary {
  std::string group_id;
  GroupType type = GroupType::public_group;
  std::string name;
  std::string face_url;
};

// Who receives a delivery. A sync copy is the sender's own message for its other devices (the protocols mark
// it and swap From/To, modern-sdk-protocol.md §6.6).
struct Recipient {
  std::string user;
  bool sync_copy = false;
};

struct Delivery {
  SdkAppId app = 0;
  DeliveryKind kind = DeliveryKind::c2c_message;
  C2cMessage message;
  std::vector<Recipient> to;  // resolved once, by the builders below
  // The client instance that caused it (a WebIM A2Key, a Chat SDK login's A2Key; empty for REST): it learns
  // from its reply and is never pushed its own message first (webim-protocol.md §4.8, the -17 case).
  std::string origin_instance;
  // Group kinds only.
  GroupSummary group;
  GroupMessage group_message;
  GroupNoticeType group_notice_type = GroupNoticeType::custom;
  std::string notice_json = "{}";  // the notice's fields (Operator_Account, Content, …) as a JSON object
  C2cNotice c2c_notice = C2cNotice::read_report;  // c2c_notice only
};

// A stored message: to the receiver when it sees it, and as a sync copy to the sender's other instances when
// they see it and the send asks for it (syncs_sender).
Delivery c2c_message_delivery(SdkAppId app, C2cMessage message, std::string_view origin_instance);
// A recall: both sides show it (the revoker is the sender; a REST admin recall acts for the sender too).
Delivery c2c_recall_delivery(SdkAppId app, C2cMessage message, std::string_view origin_instance);

// A group message or tip: to every member in `members` (the sender's other instances too: one history, every
// device), or, for a message with targeted receivers (To_Account), to those and the sender only.
Delivery group_message_delivery(SdkAppId app, GroupSummary group, GroupMessage message,
                                const std::vector<std::string>& members, std::string_view origin_instance);
// A recall of `message` (its seq): every member shows it.
Delivery group_recall_delivery(SdkAppId app, GroupSummary group, GroupMessage message,
                               const std::vector<std::string>& members, std::string_view origin_instance);
// A system notice (created, invited, kicked, destroyed, a custom notification …) to `users`.
Delivery group_notice_delivery(SdkAppId app, GroupSummary group, GroupNoticeType type, std::string notice_json,
                               const std::vector<std::string>& users, std::string_view origin_instance);

// A relationship-chain or profile change (relation_change, profile_change) to `users`: `item_json` is the one
// item each protocol wraps in its own event (modern-sdk-protocol.md §6.6, webim-protocol.md §4.8 Events 7, 8).
Delivery sns_delivery(SdkAppId app, DeliveryKind kind, std::string item_json, const std::vector<std::string>& users,
                      std::string_view origin_instance);

// A one-to-one notice to `to` (c2c_notice); a sync copy marks the acting user's own other devices.
Delivery c2c_notice_delivery(SdkAppId app, C2cNotice notice, std::string notice_json,
                             std::vector<Recipient> to, std::string_view origin_instance);

// Whether the sender's other online clients get a copy: a client's own send always (multi-device), a REST
// send only with SyncOtherMachine 1 (rest-api.md §3.3). `origin_instance` is empty for REST.
bool syncs_sender(const C2cMessage& message, std::string_view origin_instance);

}  // namespace timock::core
