#include "core/group.hpp"

#include <array>
#include <limits>
#include <utility>

namespace timock::core {

namespace {

struct TypeName {
  GroupType type;
  std::string_view name;
  std::string_view prefix;
};

// rest-api.md §3.7: the observed id prefixes. BChatRoom's is not documented; "b" follows AVChatRoom's "a".
constexpr std::array<TypeName, 6> kTypes{{
    {GroupType::private_group, "Private", "1"},
    {GroupType::public_group, "Public", "2"},
    {GroupType::chat_room, "ChatRoom", "3"},
    {GroupType::av_chat_room, "AVChatRoom", "a"},
    {GroupType::b_chat_room, "BChatRoom", "b"},
    {GroupType::community, "Community", "_@TGS#c"},
}};

}  // namespace

std::optional<GroupType> parse_group_type(std::string_view text) {
  if (text == "Work") return GroupType::private_group;
  if (text == "Meeting") return GroupType::chat_room;
  for (const auto& t : kTypes)
    if (t.name == text) return t.type;
  return std::nullopt;
}

std::string_view to_string(GroupType type) {
  for (const auto& t : kTypes)
    if (t.type == type) return t.name;
  return "Public";
}

std::string_view group_id_prefix(GroupType type) {
  for (const auto& t : kTypes)
    if (t.type == type) return t.prefix;
  return "2";
}

bool is_live_room(GroupType type) { return type == GroupType::av_chat_room || type == GroupType::b_chat_room; }

std::optional<GroupRole> parse_group_role(std::string_view text) {
  if (text == "Owner") return GroupRole::owner;
  if (text == "Admin") return GroupRole::admin;
  if (text == "Member") return GroupRole::member;
  return std::nullopt;
}

std::string_view to_string(GroupRole role) {
  switch (role) {
    case GroupRole::owner: return "Owner";
    case GroupRole::admin: return "Admin";
    case GroupRole::member: return "Member";
  }
  return "Member";
}

std::optional<int> parse_msg_priority(std::string_view text) {
  if (text == "High") return 1;
  if (text == "Normal") return 2;
  if (text == "Low") return 3;
  if (text == "Lowest") return 4;
  return std::nullopt;
}

std::string_view msg_priority_name(int priority) {
  switch (priority) {
    case 1: return "High";
    case 3: return "Low";
    case 4: return "Lowest";
    default: return "Normal";
  }
}

bool valid_apply_join_option(std::string_view text) {
  return text == "FreeAccess" || text == "NeedPermission" || text == "DisableApply";
}

bool valid_msg_flag(std::string_view text) {
  return text == "AcceptAndNotify" || text == "AcceptNotNotify" || text == "Discard";
}

bool valid_group_id(std::string_view group_id) {
  if (group_id.empty() || group_id.size() > kMaxGroupIdBytes) return false;
  for (const char c : group_id)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

// Who may join a group of each type when its creator does not say (README "Groups"): a Work group by
// invitation, a Public group on approval, meetings, live rooms and Communities freely (Tencent's group
// management guide: "Community: free to join", like Meeting and AVChatRoom).
std::string_view default_apply_join_option(GroupType type) {
  switch (type) {
    case GroupType::private_group: return "DisableApply";
    case GroupType::public_group: return "NeedPermission";
    default: return "FreeAccess";
  }
}

std::int64_t default_max_member_num(GroupType type) {
  return is_live_room(type) ? kLiveRoomMaxMembers : kDefaultMaxMembers;
}

std::int64_t max_member_num_ceiling(GroupType type) {
  if (is_live_room(type)) return std::numeric_limits<std::int64_t>::max();
  return type == GroupType::community ? kCommunityMaxMembers : kMaxMembersCeiling;
}

}  // namespace timock::core
