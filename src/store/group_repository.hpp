// Groups of one app: the group rows, their members, mutes and AVChatRoom bans (reference/rest-api.md §3.7).
// The history is GroupMessageRepository's.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"
#include "core/group.hpp"

namespace timock::store {

class Database;

// One member's groups, as get_joined_group_list lists them.
struct Membership {
  core::Group group;
  core::GroupMember self;
};

struct MemberQuery {
  explicit MemberQuery(std::string_view group) : group_id(group) {}
  std::string_view group_id;
  std::vector<core::GroupRole> roles;  // empty: every role
  std::int64_t limit = -1;             // -1: all
  std::int64_t offset = 0;
};

class GroupRepository {
 public:
  GroupRepository(Database& db, core::SdkAppId sdkappid) : db_(db), sdkappid_(sdkappid) {}

  std::optional<core::Group> find(std::string_view group_id);
  bool exists(std::string_view group_id);
  void insert(const core::Group& group);
  // Writes every field of the group but its id, type, creation time and seq counter.
  void update(const core::Group& group);
  // Destroys the group: members, mutes, bans and history go with it.
  void remove(std::string_view group_id);
  // The next seq of the group's one counter (messages and tips), moving the group's last message time.
  std::int64_t take_seq(std::string_view group_id, std::int64_t msg_time, bool moves_last_msg_time = true);

  // get_appid_group_list: the app's groups in creation order, optionally of one type.
  std::vector<std::string> ids(std::optional<core::GroupType> type, std::int64_t offset, std::int64_t limit);
  std::int64_t count(std::optional<core::GroupType> type);

  // --- members
  std::optional<core::GroupMember> member(std::string_view group_id, std::string_view user_id);
  std::vector<core::GroupMember> members(const MemberQuery& query);
  std::int64_t member_count(std::string_view group_id);
  std::vector<std::string> member_ids(std::string_view group_id);
  // The same, shared and never null: a big group's list comes from the store's MemberListCache without a copy.
  std::shared_ptr<const std::vector<std::string>> member_list(std::string_view group_id);
  // False when the user is a member already.
  bool add_member(std::string_view group_id, const core::GroupMember& member);
  bool remove_member(std::string_view group_id, std::string_view user_id);
  // Role, MsgFlag, NameCard, AppMemberDefinedData, read seq and last send time.
  void update_member(std::string_view group_id, const core::GroupMember& member);
  // The groups `user_id` is a member of, in join order.
  std::vector<Membership> memberships(std::string_view user_id);

  // --- mutes (forbid_send_msg): until a server time, kept when the member leaves
  void set_mute(std::string_view group_id, std::string_view user_id, std::int64_t mute_until);
  std::int64_t mute_until(std::string_view group_id, std::string_view user_id);
  // Members muted past `now`: (user, until).
  std::vector<std::pair<std::string, std::int64_t>> muted(std::string_view group_id, std::int64_t now);

  // --- AVChatRoom bans
  void ban(std::string_view group_id, std::string_view user_id, std::int64_t until, std::string_view description);
  void unban(std::string_view group_id, std::string_view user_id);
  std::vector<core::GroupBan> bans(std::string_view group_id, std::int64_t now, std::int64_t offset,
                                   std::int64_t limit);
  std::int64_t banned_until(std::string_view group_id, std::string_view user_id);

  // account_delete: the user leaves every group; groups it owned become ownerless.
  void forget_user(std::string_view user_id);

  // Snapshots: every group of the app in creation order; every member of one group with its mute.
  std::vector<core::Group> all();
  // The mutes of users who are not members (a mute outlives membership).
  std::vector<std::pair<std::string, std::int64_t>> mutes_of_non_members(std::string_view group_id);
  // Every ban of the group, ended or not, by user.
  std::vector<core::GroupBan> all_bans(std::string_view group_id);

 private:
  Database& db_;
  core::SdkAppId sdkappid_;
};

}  // namespace timock::store
