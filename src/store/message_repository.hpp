// One-to-one (C2C) messages of one app.
#pragma once

#include <optional>
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
  // Stores the message; returns its row id.
  std::int64_t insert(const core::C2cMessage& message);
  // The message with this MsgKey that `from` sent to `to`.
  std::optional<core::C2cMessage> find_by_key(std::string_view from, std::string_view to,
                                              std::uint32_t msg_seq, std::uint32_t msg_random,
                                              std::int64_t msg_time);
  // Up to query.limit messages the operator sees, newest first in reference/rest-api.md §6.2's order
  // (MsgTime, then MsgSeq; MsgRandom and arrival break ties), so messages sharing a MsgKey are adjacent.
  std::vector<core::C2cMessage> roam_page(const RoamQuery& query);

 private:
  Database& db_;
  core::SdkAppId sdkappid_;
};

}  // namespace timock::store
