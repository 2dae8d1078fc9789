// One-to-one (C2C) messages of one app.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/domain.hpp"

namespace timock::store {

class Database;

// A page of one participant's view of a conversation, newest first (admin_getroammsg).
struct RoamQuery {
  std::string_view operator_account;
  std::string_view peer_account;
  std::int64_t min_time = 0;
  std::int64_t max_time = 0;
  std::int64_t max_count = 0;
  // Continue strictly after this message (its position in newest-first order).
  std::optional<std::int64_t> after_time;
  std::optional<std::int64_t> after_id;
};

class MessageRepository {
 public:
  MessageRepository(Database& db, core::SdkAppId sdkappid) : db_(db), sdkappid_(sdkappid) {}
  // Stores the message; returns its row id.
  std::int64_t insert(const core::C2cMessage& message);
  // The message with this MsgKey in the conversation of the two accounts.
  std::optional<core::C2cMessage> find_by_key(std::string_view a, std::string_view b, std::uint32_t msg_seq,
                                              std::uint32_t msg_random, std::int64_t msg_time);
  // Up to max_count + 1 rows, so the caller can tell whether more remain.
  std::vector<core::C2cMessage> roam_page(const RoamQuery& query);

 private:
  Database& db_;
  core::SdkAppId sdkappid_;
};

}  // namespace timock::store
