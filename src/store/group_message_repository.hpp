// A group's history: messages and tips under one seq counter (schema/006). Unread counts are counted here
// from a member's read seq, never stored per member and message.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"
#include "core/group.hpp"

namespace timock::store {

class Database;

class GroupMessageRepository {
 public:
  GroupMessageRepository(Database& db, core::SdkAppId sdkappid) : db_(db), sdkappid_(sdkappid) {}

  // Stores a message or tip whose seq was taken (GroupRepository::take_seq); returns its row id.
  std::int64_t insert(const core::GroupMessage& message);
  std::optional<core::GroupMessage> find(std::string_view group_id, std::int64_t msg_seq);
  // Up to `limit` entries with seq ≤ max_seq (0: the newest), newest first; tips and recalled messages too.
  std::vector<core::GroupMessage> page(std::string_view group_id, std::int64_t max_seq, std::int64_t limit);
  // send_group_msg's de-dup (§3.7): the message `from` sent with this Random and body since `since`.
  std::optional<core::GroupMessage> find_repeat(std::string_view group_id, std::string_view from,
                                                std::uint32_t msg_random, std::string_view body_json,
                                                std::int64_t since);
  // The newest `limit` messages (not tips) of a sender that are not recalled (delete_group_msg_by_sender).
  std::vector<core::GroupMessage> by_sender(std::string_view group_id, std::string_view sender, std::int64_t limit);
  void set_flag_bits(std::int64_t id, int flag_bits);
  // modify_group_msg: replaces the body and/or CloudCustomData.
  void update_content(std::int64_t id, const std::optional<std::string>& body_json,
                      const std::optional<std::string>& cloud_custom_data);
  // Messages (not tips) stored in the group at MsgTime `second`, counting at most `cap` (the per-group frequency
  // limit reads only the newest entries, never the whole second's history).
  std::int64_t sent_in_second(std::string_view group_id, std::int64_t second, std::int64_t cap);
  // The newest MsgTime in the history (0: none): import_group_msg must not go back before it.
  std::int64_t newest_time(std::string_view group_id);

  // What `user` has not read: entries after `read_seq` that count (not NoUnread, not recalled, not its own).
  std::int64_t unread(std::string_view group_id, std::string_view user, std::int64_t read_seq);
  // The read seq that leaves exactly `unread` entries unread for `user` (set_unread_msg_num), clamped to
  // what the history holds.
  std::int64_t read_seq_leaving(std::string_view group_id, std::string_view user, std::int64_t unread);
  // clear_group_msg: removes the entries with seq ≤ `msg_seq` (messages and tips); the seq counter goes on.
  void clear_upto(std::string_view group_id, std::int64_t msg_seq);
  // The seqs a group's history holds (snapshots).
  std::vector<core::GroupMessage> all(std::string_view group_id);

 private:
  Database& db_;
  core::SdkAppId sdkappid_;
};

}  // namespace timock::store
