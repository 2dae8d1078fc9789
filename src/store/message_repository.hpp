// One-to-one (C2C) messages of one app.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"

namespace timock::store {

class Database;

// Where a roaming page resumes: strictly after the messages with this MsgKey (the previous LastMsgKey).
struct RoamCursor {
  std::int64_t msg_time = 0;
  std::uint32_t msg_seq = 0;
  std::uint32_t msg_random = 0;
};

// A page of one participant's view of a conversation, newest first (admin_getroammsg).
struct RoamQuery {
  std::string_view operator_account;
  std::string_view peer_account;
  std::int64_t min_time = 0;
  std::int64_t max_time = 0;
  std::int64_t limit = 0;
  std::optional<RoamCursor> after;
};

class MessageRepository {
 public:
  MessageRepository(Database& db, core::SdkAppId sdkappid) : db_(db), sdkappid_(sdkappid) {}
  // Stores the message and moves the conversation of each side that sees it; returns its row id.
  std::int64_t insert(const core::C2cMessage& message);
  // Stores the message only: for a bulk load that writes the conversations once at the end (SnapshotRepository).
  // `recv_seq`: the message's place in its receiver's arrival order (0: the next one, looked up); a bulk load
  // into an emptied app numbers them itself.
  std::int64_t insert_row(const core::C2cMessage& message, std::int64_t recv_seq = 0);
  // The message with this MsgKey that `from` sent to `to`.
  std::optional<core::C2cMessage> find_by_key(std::string_view from, std::string_view to,
                                              std::uint32_t msg_seq, std::uint32_t msg_random,
                                              std::int64_t msg_time);
  // Up to query.limit messages the operator sees, newest first in reference/rest-api.md §6.2's order
  // (MsgTime, then MsgSeq; MsgRandom and arrival break ties), so messages sharing a MsgKey are adjacent.
  std::vector<core::C2cMessage> roam_page(const RoamQuery& query);

  // The message of the conversation between `a` and `b` with this (MsgSeq, MsgRandom, MsgTime), whichever
  // of them sent it (importmsg's de-dup key, reference/rest-api.md §3.3).
  std::optional<core::C2cMessage> find_in_conversation(std::string_view a, std::string_view b,
                                                       std::uint32_t msg_seq, std::uint32_t msg_random,
                                                       std::int64_t msg_time);
  void set_flag_bits(std::int64_t id, int flag_bits);
  // modify_c2c_msg: replaces the body and/or CloudCustomData of a stored message.
  void update_content(std::int64_t id, const std::optional<std::string>& body_json,
                      const std::optional<std::string>& cloud_custom_data);
  // The message's kept fields (IsNeedReadReceipt, MsgClientTime, MsgVersion, a sent read receipt …).
  void set_extra(std::int64_t id, const std::string& extra_json);
  // The Chat SDK's deleteMessage: the message leaves the view of one side only (the sender's or the
  // receiver's).
  void hide_message(std::int64_t id, bool from_sender_view);
  // recentcontact/delete with ClearRamble: the conversation's messages leave `owner`'s view (only).
  void hide_history(std::string_view owner, std::string_view peer);

  // Unread messages `owner` has from `peer`: sent to it, not read, counting (not NoUnread, not an importmsg 2
  // history), visible to it and not recalled. The WebIM list, get_c2c_unread_msg_num and get_list agree on it.
  std::int64_t unread_count(std::string_view owner, std::string_view peer);
  std::int64_t unread_total(std::string_view owner);
  // A message `from` sent `to` with this (MsgSeq, MsgRandom), whatever its time: the Chat SDK re-sends a
  // request unanswered before a reconnect byte for byte (modern-sdk-protocol.md §3.2).
  std::optional<core::C2cMessage> find_resent(std::string_view from, std::string_view to, std::uint32_t msg_seq,
                                              std::uint32_t msg_random);
  // The MsgTime of the newest message `reader` has read of those `writer` sent it (0: none).
  std::int64_t read_up_to(std::string_view writer, std::string_view reader);

 private:
  Database& db_;
  core::SdkAppId sdkappid_;
};

}  // namespace timock::store
