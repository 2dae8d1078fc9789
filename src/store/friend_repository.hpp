// The relationship chain of one app (reference/rest-api.md §3.5): friend lists (one row per direction), friend
// groups, friend requests waiting for an answer (pendencies) and blacklists, with the sequence of each list.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/domain.hpp"

namespace timock::store {

class Database;

// The lists whose sequence moves with every change of them: the friend list (friend_get StandardSequence), the
// friend groups (group_get CurrentSequence), the blacklist (black_list_get CurruentSequence) and the friend
// requests (pendency_get).
enum class SnsList { friends, groups, blacklist, pendency };

class FriendRepository {
 public:
  FriendRepository(Database& db, core::SdkAppId sdkappid) : db_(db), sdkappid_(sdkappid) {}

  // ---- friends ----
  bool has_friend(std::string_view owner, std::string_view friend_id);
  std::optional<core::Friendship> find(std::string_view owner, std::string_view friend_id);
  // Adds owner→friend; false when it already existed (nothing is changed then).
  bool add(const core::Friendship& friendship);
  // Writes an existing row's remark, groups and custom fields.
  void update(const core::Friendship& friendship);
  bool remove(std::string_view owner, std::string_view friend_id);
  std::int64_t count(std::string_view owner);
  // Friends of `owner` ordered by add time then id, from `start`, at most `limit`.
  std::vector<core::Friendship> list(std::string_view owner, std::int64_t start, std::int64_t limit);
  // Whose lists hold `user` (the owners a profile change of `user` is shown to).
  std::vector<std::string> listed_by(std::string_view user);

  // ---- sequences ----
  std::int64_t sequence(std::string_view owner, SnsList list = SnsList::friends);
  void bump_sequence(std::string_view owner, SnsList list = SnsList::friends);
  // Bumps the StandardSequence of every owner whose list holds `friend_id` (before that account goes).
  void bump_sequences_listing(std::string_view friend_id);
  // When owner last read its friend requests (pendency_report); newer ones are unread.
  std::int64_t pendency_read_time(std::string_view owner);
  void set_pendency_read_time(std::string_view owner, std::int64_t time);

  // ---- friend groups (Tag_SNS_IM_Group) ----
  // Owner's friend groups, oldest first.
  std::vector<std::string> groups(std::string_view owner);
  std::int64_t group_count(std::string_view owner);
  bool has_group(std::string_view owner, std::string_view name);
  // Creates the group; false when it existed.
  bool add_group(std::string_view owner, std::string_view name);
  // Deletes the group and takes it off every friend; false when there was none.
  bool remove_group(std::string_view owner, std::string_view name);
  // Owner's friends in group `name`, in friend-list order.
  std::vector<std::string> members(std::string_view owner, std::string_view name);

  // ---- friend requests (pendencies: `owner` asked `friend_id`) ----
  // Records a friend request that waits for the target (NeedConfirm); replaces an older one.
  void add_pendency(const core::Friendship& request);
  std::optional<core::Friendship> find_pendency(std::string_view from, std::string_view to);
  bool remove_pendency(std::string_view from, std::string_view to);
  // Requests `user` received (incoming) or sent, newest first, from add time `since` on.
  std::vector<core::Friendship> pendencies(std::string_view user, bool incoming, std::int64_t since = 0);
  std::int64_t pendency_count(std::string_view to);

  // ---- blacklist ----
  bool is_blocked(std::string_view owner, std::string_view blocked);
  // Adds `blocked` to owner's blacklist; false when it was there already.
  bool block(std::string_view owner, std::string_view blocked, std::int64_t add_time);
  bool unblock(std::string_view owner, std::string_view blocked);
  std::int64_t blacklist_count(std::string_view owner);
  // Owner's blacklist, oldest first: (blocked, add_time).
  std::vector<std::pair<std::string, std::int64_t>> blacklist(std::string_view owner);
  // Removes `user` from every blacklist (when the account is deleted).
  void remove_blocks_of(std::string_view user);

 private:
  Database& db_;
  core::SdkAppId sdkappid_;
};

}  // namespace timock::store
