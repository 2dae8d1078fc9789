// Friend lists (one row per direction) and blacklists of one app.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/domain.hpp"

namespace timock::store {

class Database;

class FriendRepository {
 public:
  FriendRepository(Database& db, core::SdkAppId sdkappid) : db_(db), sdkappid_(sdkappid) {}
  bool has_friend(std::string_view owner, std::string_view friend_id);
  // Adds owner→friend; false when it already existed (nothing is changed then).
  bool add(const core::Friendship& friendship);
  bool remove(std::string_view owner, std::string_view friend_id);
  std::int64_t count(std::string_view owner);
  // Friends of `owner` ordered by add time then id, from `start`, at most `limit`.
  std::vector<core::Friendship> list(std::string_view owner, std::int64_t start, std::int64_t limit);

  // StandardSequence of owner's friend list; bump_sequence after each change to it.
  std::int64_t sequence(std::string_view owner);
  void bump_sequence(std::string_view owner);
  // Bumps the StandardSequence of every owner whose list holds `friend_id` (before that account goes).
  void bump_sequences_listing(std::string_view friend_id);
  // How many distinct friend groups (Tag_SNS_IM_Group names) owner's list uses, and whether it uses `name`.
  std::int64_t group_count(std::string_view owner);
  bool has_group(std::string_view owner, std::string_view name);
  // Records a friend request that waits for the target (NeedConfirm); replaces an older one.
  void add_pendency(const core::Friendship& request);

  bool is_blocked(std::string_view owner, std::string_view blocked);
  // Adds `blocked` to owner's blacklist; false when it was there already.
  bool block(std::string_view owner, std::string_view blocked, std::int64_t add_time);
  // Owner's blacklist, oldest first: (blocked, add_time).
  std::vector<std::pair<std::string, std::int64_t>> blacklist(std::string_view owner);
  // Removes `user` from every blacklist (when the account is deleted).
  void remove_blocks_of(std::string_view user);

 private:
  Database& db_;
  core::SdkAppId sdkappid_;
};

}  // namespace timock::store
