// Groups in Tencent's words (reference/rest-api.md §3.7): the group, its members and its history.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace timock::core {

// The group types of §3.7. Work and Meeting are the SDK's names for Private and ChatRoom.
enum class GroupType { private_group, public_group, chat_room, av_chat_room, b_chat_room, community };

std::optional<GroupType> parse_group_type(std::string_view text);  // "Private" …, also "Work", "Meeting"
std::string_view to_string(GroupType type);
// The character after "@TGS#" in ids the server assigns ("1" Private, "2" Public, "3" ChatRoom, "a" AVChatRoom).
std::string_view group_id_prefix(GroupType type);
// AVChatRoom and BChatRoom keep no member list operations, no history and no conversation.
bool is_live_room(GroupType type);

enum class GroupRole { owner, admin, member };
std::optional<GroupRole> parse_group_role(std::string_view text);
std::string_view to_string(GroupRole role);

// §3.7 (and the SDK's numbers for MsgPriority in history: 1 High, 2 Normal, 3 Low, 4 Lowest).
std::optional<int> parse_msg_priority(std::string_view text);
std::string_view msg_priority_name(int priority);

bool valid_apply_join_option(std::string_view text);  // FreeAccess, NeedPermission, DisableApply
bool valid_msg_flag(std::string_view text);           // AcceptAndNotify, AcceptNotNotify, Discard

// §3.7: a GroupId is printable ASCII of at most 48 bytes.
inline constexpr std::size_t kMaxGroupIdBytes = 48;
bool valid_group_id(std::string_view group_id);

// Members per group: flagship's 2,000 by default, up to the 6,000 a flagship app can be raised to; a Community
// up to 100,000 and live rooms without a cap (§3.7, §8; Tencent's "Group System" guide, product/1047/33529).
inline constexpr std::int64_t kDefaultMaxMembers = 2000;
inline constexpr std::int64_t kMaxMembersCeiling = 6000;
inline constexpr std::int64_t kCommunityMaxMembers = 100000;
inline constexpr std::int64_t kLiveRoomMaxMembers = 1000000000;

// What a group gets when its creator does not say, in create_group and in fixtures alike.
std::string_view default_apply_join_option(GroupType type);
std::int64_t default_max_member_num(GroupType type);
// The most MaxMemberCount may be for a group of this type.
std::int64_t max_member_num_ceiling(GroupType type);

// "mute forever" (§8).
inline constexpr std::int64_t kMuteForever = 4294967295;

struct Group {
  std::string group_id;
  GroupType type = GroupType::public_group;
  std::string name;
  std::string introduction;
  std::string notification;
  std::string face_url;
  std::string owner;  // empty: ownerless
  std::int64_t create_time = 0;
  std::int64_t last_info_time = 0;
  std::int64_t last_msg_time = 0;
  std::int64_t next_msg_seq = 1;
  std::int64_t max_member_num = 0;
  std::string apply_join_option = "NeedPermission";
  bool mute_all_member = false;
  std::string app_defined_data_json = "[]";  // [{Key, Value}]
  std::string attributes_json = "{}";        // {key: value}
  std::string counters_json = "{}";          // {key: integer}
};

struct GroupMember {
  std::string user_id;
  GroupRole role = GroupRole::member;
  std::int64_t join_time = 0;
  std::int64_t join_seq = 0;  // the group's last seq at join
  std::int64_t read_seq = 0;  // the last seq read (MsgSeq of the member fields)
  std::string msg_flag = "AcceptAndNotify";
  std::int64_t last_send_time = 0;
  std::string name_card;
  std::string app_member_defined_data_json = "[]";  // [{Key, Value}]
  std::int64_t mute_until = 0;                      // from group_mutes; 0 = not muted

  static GroupMember joined(std::string user, GroupRole role, std::int64_t join_time) {
    GroupMember m;
    m.user_id = std::move(user);
    m.role = role;
    m.join_time = join_time;
    return m;
  }
};

// An AVChatRoom ban (ban_group_member): the user cannot join until it ends.
struct GroupBan {
  std::string user_id;
  std::int64_t banned_until = 0;
  std::string description;
};

// What a group's history holds at a seq: a message, or a member/profile tip (one counter for both).
enum class GroupMessageKind { message = 0, tip = 1 };

// The sender of tips, as the SDKs expect it (modern-sdk-groups.md §5.2).
inline constexpr std::string_view kSystemSender = "@TIM#SYSTEM";

struct GroupMessage {
  std::int64_t id = 0;
  std::string group_id;
  std::int64_t msg_seq = 0;
  GroupMessageKind kind = GroupMessageKind::message;
  std::string from_account;
  std::uint32_t msg_random = 0;
  std::int64_t msg_time = 0;
  int priority = 2;               // 1 High, 2 Normal, 3 Low, 4 Lowest
  std::string body_json = "[]";  // MsgBody (message) or the tip's body object
  std::string cloud_custom_data;
  int flag_bits = 0;  // 8 = recalled
  bool counts_unread = true;
  std::string extra_json = "{}";  // GroupAtInfo, To_Account (targeted receivers), OfflinePushInfo …
  bool recalled() const { return (flag_bits & 8) != 0; }
};

// The group tips' OpType (modern-sdk-groups.md §5.2; the same numbers on WebIM, webim-groups.md §4.3).
enum class GroupTipType {
  join = 1,
  quit = 2,
  kicked = 3,
  set_admin = 4,
  cancel_admin = 5,
  profile_changed = 6,
  member_info_changed = 7,
};

// The system notices' ReportType (webim-groups.md §4.4; modern-sdk-groups.md §5.3).
enum class GroupNoticeType {
  join_request = 1,
  join_accepted = 2,
  join_rejected = 3,
  kicked = 4,
  destroyed = 5,
  created = 6,
  invited = 7,
  quit = 8,
  custom = 255,
};

}  // namespace timock::core
