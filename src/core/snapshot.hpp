// An app's whole state, as fixtures and snapshots carry it (DESIGN "Fixture / snapshot format").
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/domain.hpp"
#include "core/group.hpp"

namespace timock::core {

struct AccountState {
  Account account;
  std::vector<std::pair<std::string, std::string>> profile;  // tag → value as JSON text
  std::int64_t pendency_read_time = 0;  // friend requests up to this time are read (pendency_report)
};

struct Block {
  std::string owner;
  std::string blocked;
  std::int64_t add_time = 0;
};

// A conversation's own state (recentcontact delete/pin/mark); its last message follows from the messages
// (C2C) or is the group's last entry (group).
struct ConversationState {
  std::string owner;
  int type = 1;      // recentcontact's Type: 1 C2C, 2 group
  std::string peer;  // the peer's UserID (C2C) or the GroupId (group)
  bool hidden = false;
  std::int64_t hidden_at_seq = 0;  // a group's: hidden until its history passes this seq
  bool pinned = false;
  std::uint64_t standard_mark = 0;
  std::string custom_mark;
};

// A user muted in a group who is no longer a member: the mute outlives membership (forbid_send_msg).
struct GroupMute {
  std::string user_id;
  std::int64_t mute_until = 0;
};

// A member's read receipt for a message sent with NeedReadReceipt (group_msg_receipt).
struct GroupReceipt {
  std::int64_t msg_seq = 0;
  std::string user_id;
  std::int64_t read_time = 0;
};

// A pending request to join a group that needs approval (apply_join_group; schema/008).
struct GroupJoinRequest {
  std::string user_id;
  std::string apply_msg;
  std::string user_defined;
  std::int64_t add_time = 0;
  std::int64_t msg_key = 0;
  std::string authentication;
};

// A group and everything it holds. Its members carry their own mutes.
struct GroupState {
  Group group;
  std::vector<GroupMember> members;
  std::vector<GroupMute> mutes;        // of users who are not members
  std::vector<GroupBan> bans;          // live rooms only
  std::vector<GroupMessage> messages;  // the history in seq order: messages and tips
  std::vector<GroupReceipt> receipts;  // by seq, then reader
  std::vector<GroupJoinRequest> join_requests;  // pending, oldest first
  std::vector<std::string> live_admins;  // a live room's admins (modify_admin), by user id
  bool support_topic = false;            // a Community created with SupportTopic 1
  std::string topic_of;                  // a Community topic: its community's GroupId ("" for a group)
  std::string topic_custom_string;       // a topic's CustomString
};

// The rows of one table of the REST catalogue's own state (schema/011: global mutes, dirty words, follows,
// conversation groups, the push audience, message extensions), each row its columns but sdkappid, in the
// order store::catalogue_tables() names them. The fixture carries them as {"table": [{column: value}]}.
struct CatalogueTable {
  std::string table;
  std::vector<std::vector<std::variant<std::int64_t, std::string>>> rows;
};

struct AppSnapshot {
  App app;
  std::vector<AccountState> accounts;
  std::vector<Friendship> friends;
  std::vector<Friendship> friend_requests;  // pending (NeedConfirm) requests: owner = from, friend_id = to
  std::vector<Block> blacklist;
  // Friend groups (group_add), each owner's oldest first: (owner, name). A name a friend is in is one of them.
  std::vector<std::pair<std::string, std::string>> friend_groups;
  std::vector<GroupState> groups;
  std::vector<C2cMessage> messages;
  std::vector<ConversationState> conversations;  // only those whose state is not the default
  std::vector<CatalogueTable> catalogue;         // only tables with rows
};

}  // namespace timock::core
