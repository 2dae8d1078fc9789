// group_open_http_svc: creating, reading, changing and destroying groups (reference/rest-api.md §3.7):
// create_group, import_group, get_group_info, get_joined_group_list, get_appid_group_list,
// modify_group_base_info, change_group_owner, destroy_group, get_online_member_num.
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <random>
#include <utility>

#include "api/accounts.hpp"
#include "api/fields.hpp"
#include "api/group_callbacks.hpp"
#include "api/group_commands.hpp"
#include "api/group_common.hpp"
#include "callback/callbacks.hpp"
#include "core/clock.hpp"
#include "core/event_hub.hpp"
#include "store/account_repository.hpp"
#include "store/community_topic_repository.hpp"
#include "store/database.hpp"
#include "store/group_message_repository.hpp"
#include "store/group_repository.hpp"
#include "store/store.hpp"

namespace timock::api::group {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// §8: create_group's MemberList, get_group_info's GroupIdList, get_joined_group_list's and
// get_appid_group_list's Limit.
constexpr std::size_t kMaxCreateMembers = 100;
constexpr std::size_t kMaxGroupInfoIds = 50;
constexpr std::int64_t kMaxJoinedLimit = 5000;
constexpr std::int64_t kMaxAppGroupLimit = 10000;
// §3.7 10018: a reply may not exceed 1 MB.
constexpr std::size_t kMaxReplyBytes = 1024 * 1024;

// "@TGS#" + the type's character + 8 characters, as ids the server assigns look (§3.7).
std::string new_group_id(core::GroupType type) {
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  thread_local std::mt19937 random{std::random_device{}()};
  std::string id = "@TGS#";
  id += core::group_id_prefix(type);
  for (int i = 0; i < 8; ++i) id += kAlphabet[random() % kAlphabet.size()];
  return id;
}

bool within(std::string_view text, std::size_t max_bytes) { return text.size() <= max_bytes; }

// Name, Introduction, Notification, FaceUrl, MaxMemberNum, ApplyJoinOption, MuteAllMember and AppDefinedData as
// create_group, import_group and modify_group_base_info give them. `creating`: MaxMemberCount, Name required.
std::optional<Reply> read_profile(const json::object& body, bool creating, core::Group& g, json::object& changed) {
  const auto name = string_field(body, {"Name"});
  if (creating && !name.ok()) return bad("Name is missing or not a String");
  if (name.state == FieldState::wrong_type) return bad("Name must be a String");
  if (name.ok()) {
    if (name.value.empty() || !within(name.value, kMaxNameBytes)) return bad("Name must be 1 to 30 bytes");
    g.name = std::string(name.value);
    changed["GroupName"] = g.name;
  }
  struct Text {
    const char* field;
    std::size_t max;
    std::string* into;
    const char* tip_name;
  };
  for (const auto& [field, max, into, tip_name] :
       {Text{"Introduction", kMaxIntroductionBytes, &g.introduction, "GroupIntroduction"},
        Text{"Notification", kMaxNotificationBytes, &g.notification, "GroupNotification"},
        Text{"FaceUrl", kMaxFaceUrlBytes, &g.face_url, "GroupFaceUrl"}}) {
    const auto value = string_field(body, {field});
    if (value.state == FieldState::wrong_type) return bad(std::string(field) + " must be a String");
    if (!value.ok()) continue;
    if (!within(value.value, max)) return bad(std::string(field) + " is too long");
    *into = std::string(value.value);
    changed[tip_name] = *into;
  }
  const auto max_members = int_field(body, {creating ? "MaxMemberCount" : "MaxMemberNum", "MaxMemberNum"});
  if (max_members.state == FieldState::wrong_type) return bad("MaxMemberNum must be an Integer");
  if (max_members.ok()) {
    if (max_members.value < 1 || max_members.value > core::max_member_num_ceiling(g.type))
      return bad("MaxMemberNum is out of range");
    g.max_member_num = max_members.value;
  }
  const auto join = string_field(body, {"ApplyJoinOption"});
  if (join.state == FieldState::wrong_type || (join.ok() && !core::valid_apply_join_option(join.value)))
    return bad("ApplyJoinOption must be FreeAccess, NeedPermission or DisableApply");
  if (join.ok()) {
    g.apply_join_option = std::string(join.value);
    changed["GroupApplyJoinOption"] = g.apply_join_option;
  }
  const auto mute_all = string_field(body, {"MuteAllMember", "ShutUpAllMember"});
  if (mute_all.state == FieldState::wrong_type || (mute_all.ok() && mute_all.value != "On" && mute_all.value != "Off"))
    return bad("MuteAllMember must be \"On\" or \"Off\"");
  if (mute_all.ok()) {
    g.mute_all_member = mute_all.value == "On";
    changed["ShutupAll"] = g.mute_all_member ? 1 : 0;
  }
  if (const auto* data = body.if_contains("AppDefinedData")) {
    std::string update;
    if (auto error = read_defined_data(*data, kMaxGroupDataKeys, kMaxGroupDataKeyBytes, kMaxGroupDataValueBytes,
                                       update))
      return error;
    g.app_defined_data_json = creating ? update : merge_defined_data(g.app_defined_data_json, update);
    changed["MsgAppDefinedData"] = *data;
  }
  return std::nullopt;
}

// The custom GroupId of create_group/import_group, or a new server id (§3.7: printable ASCII up to 48 bytes; a
// Community's begins "@TGS#_", any other must not begin "@TGS#"); 10021/10025 when taken.
std::optional<Reply> choose_group_id(const json::object& body, store::GroupRepository& groups, core::Group& g) {
  const auto custom = string_field(body, {"GroupId"});
  if (custom.state == FieldState::wrong_type) return bad("GroupId must be a String");
  if (!custom.ok()) {
    do g.group_id = new_group_id(g.type);
    while (groups.exists(g.group_id));
    return std::nullopt;
  }
  if (auto error = read_group_id(body, g.group_id)) return bad("GroupId must be 1 to 48 printable ASCII bytes");
  const bool community_form = g.group_id.starts_with("@TGS#_");
  if (g.type == core::GroupType::community ? !community_form : g.group_id.starts_with("@TGS#"))
    return bad("a custom GroupId may not begin with @TGS# (a Community's must begin with @TGS#_)");
  if (const auto taken = groups.find(g.group_id))
    return Reply::error(!g.owner.empty() && taken->owner == g.owner ? ErrorCode::group_id_taken_by_self
                                                                    : ErrorCode::group_id_taken);
  return std::nullopt;
}

// What create_group and import_group share: the type, the owner, the profile and the id.
std::optional<Reply> read_new_group(const CallContext& ctx, const json::object& body, store::Database& db,
                                    core::Group& g) {
  const auto type = string_field(body, {"Type"});
  if (!type.ok()) return bad("Type is missing or not a String");
  const auto parsed = core::parse_group_type(type.value);
  if (!parsed) return bad("Type must be Private, Public, ChatRoom, AVChatRoom or Community");
  g.type = *parsed;
  g.max_member_num = core::default_max_member_num(g.type);
  g.apply_join_option = core::default_apply_join_option(g.type);
  const auto owner = string_field(body, {"Owner_Account"});
  if (owner.state == FieldState::wrong_type) return bad("Owner_Account must be a String");
  if (owner.ok() && !owner.value.empty()) {
    store::AccountRepository accounts(db, ctx.app.sdkappid);
    if (!account_known(accounts, ctx.app, owner.value)) return Reply::error(ErrorCode::group_account_not_found);
    g.owner = std::string(owner.value);
  }
  json::object unused;
  if (auto error = read_profile(body, true, g, unused)) return error;
  store::GroupRepository groups(db, ctx.app.sdkappid);
  return choose_group_id(body, groups, g);
}

// SupportTopic 1: a Community whose topics million_group_open_http_svc manages (other types: ignored).
std::optional<Reply> read_support_topic(const json::object& body, const core::Group& g, bool& topics) {
  const auto support = int_field(body, {"SupportTopic"});
  if (support.state == FieldState::wrong_type || (support.ok() && support.value != 0 && support.value != 1))
    return bad("SupportTopic must be 0 or 1");
  topics = support.ok() && support.value == 1 && g.type == core::GroupType::community;
  return std::nullopt;
}

// §7 CreateGroupNum: how many groups the owner already has.
std::int64_t owned_groups(store::GroupRepository& groups, std::string_view owner) {
  if (owner.empty()) return 0;
  std::int64_t owned = 0;
  for (const auto& membership : groups.memberships(owner)) owned += membership.group.owner == owner ? 1 : 0;
  return owned;
}

Reply created(const core::Group& g) {
  json::object fields{{"GroupId", g.group_id}};
  if (g.type == core::GroupType::community) {
    fields["Type"] = "Community";
    fields["HugeGroupFlag"] = 0;
  }
  return Reply::ok(std::move(fields));
}

}  // namespace

namespace {

// create_group under the writer lock; what it announces is published once the lock is released.
Reply create_locked(const CallContext& ctx, const json::object& body, Outbox& outbox) {
  const auto list = array_field(body, {"MemberList"});
  if (list.state == FieldState::wrong_type) return bad("MemberList must be an Array");
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  core::Group g;
  if (auto error = read_new_group(ctx, body, locked.db(), g)) return *error;
  g.create_time = g.last_info_time = ctx.clock.now();

  // The initial members: the owner, then MemberList (§3.7: at most 100, none for a live room).
  std::vector<core::GroupMember> members;
  if (!g.owner.empty()) members.push_back(core::GroupMember::joined(g.owner, core::GroupRole::owner, g.create_time));
  if (list.ok() && !list.value->empty()) {
    if (core::is_live_room(g.type)) return Reply::error(ErrorCode::group_permission_denied, "a live room has no MemberList");
    if (list.value->size() > kMaxCreateMembers) return Reply::error(ErrorCode::group_too_many_accounts);
    store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
    for (const auto& item : *list.value) {
      const auto* object = item.if_object();
      const auto account = object ? string_field(*object, {"Member_Account"}) : Field<std::string_view>{};
      if (!account.ok() || account.value.empty()) return bad("MemberList items need a Member_Account String");
      if (!account_known(accounts, ctx.app, account.value))
        return Reply::error(ErrorCode::group_account_not_found, std::string(account.value) + " does not exist");
      auto m = core::GroupMember::joined(std::string(account.value), core::GroupRole::member, g.create_time);
      const auto role = string_field(*object, {"Role"});
      if (role.state == FieldState::wrong_type || (role.ok() && role.value != "Admin" && role.value != "Member"))
        return bad("a MemberList Role may only be Admin");
      if (role.ok() && role.value == "Admin") m.role = core::GroupRole::admin;
      if (const auto* data = object->if_contains("AppMemberDefinedData"))
        if (auto error = read_defined_data(*data, kMaxMemberDataKeys, kMaxGroupDataKeyBytes, kMaxMemberDataValueBytes,
                                           m.app_member_defined_data_json))
          return *error;
      if (std::none_of(members.begin(), members.end(), [&](const auto& x) { return x.user_id == m.user_id; }))
        members.push_back(std::move(m));
    }
  }
  if (static_cast<std::int64_t>(members.size()) > g.max_member_num) return Reply::error(ErrorCode::group_full);

  store::GroupRepository groups(locked.db(), ctx.app.sdkappid);
  bool topics = false;
  if (auto error = read_support_topic(body, g, topics)) return *error;
  // §7: the app's server may refuse the group before anything is written (10016).
  if (ctx.callbacks && ctx.callbacks->wants("Group.CallbackBeforeCreateGroup")) {
    auto asked = create_group_body(ctx, g, members);
    asked["CreateGroupNum"] = owned_groups(groups, g.owner);
    if (auto refusal = ask_group_before(ctx, "Group.CallbackBeforeCreateGroup", std::move(asked))) return *refusal;
  }
  groups.insert(g);
  for (const auto& m : members) groups.add_member(g.group_id, m);
  if (topics) store::CommunityTopicRepository(locked.db(), ctx.app.sdkappid).enable(g.group_id);
  // The initial members hear they were added (ReportType 7: the SDK adds the group and shows its name at once,
  // modern-sdk-groups.md §7), the owner's other devices that it was created (6).
  std::vector<std::string> invited;
  for (const auto& m : members)
    if (m.user_id != g.owner) invited.push_back(m.user_id);
  outbox.notice(g, core::GroupNoticeType::invited, {{"Operator_Account", ctx.identifier}}, invited);
  if (!g.owner.empty()) outbox.notice(g, core::GroupNoticeType::created, {{"Operator_Account", ctx.identifier}}, {g.owner});
  after_create_group(ctx, g, members);
  tx.commit();
  return created(g);
}

}  // namespace

Reply create_group(const CallContext& ctx, const json::object& body) {
  Outbox outbox(ctx);
  auto reply = create_locked(ctx, body, outbox);
  if (reply.code == ErrorCode::ok) outbox.publish();
  return reply;
}

Reply import_group(const CallContext& ctx, const json::object& body) {
  const auto create_time = int_field(body, {"CreateTime"});
  if (create_time.state == FieldState::wrong_type || (create_time.ok() && create_time.value < 0))
    return bad("CreateTime must be a non-negative Integer");
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  core::Group g;
  if (auto error = read_new_group(ctx, body, locked.db(), g)) return *error;
  if (core::is_live_room(g.type)) return Reply::error(ErrorCode::group_permission_denied, "live rooms cannot be imported");
  const auto now = ctx.clock.now();
  g.create_time = create_time.ok() && create_time.value > 0 ? std::min(create_time.value, now) : now;
  g.last_info_time = g.create_time;
  store::GroupRepository groups(locked.db(), ctx.app.sdkappid);
  bool topics = false;
  if (auto error = read_support_topic(body, g, topics)) return *error;
  groups.insert(g);
  if (!g.owner.empty())
    groups.add_member(g.group_id, core::GroupMember::joined(g.owner, core::GroupRole::owner, g.create_time));
  if (topics) store::CommunityTopicRepository(locked.db(), ctx.app.sdkappid).enable(g.group_id);
  tx.commit();
  return created(g);
}

Reply get_group_info(const CallContext& ctx, const json::object& body) {
  const auto ids = array_field(body, {"GroupIdList"});
  if (!ids.ok() || ids.value->empty()) return bad("GroupIdList must be a non-empty Array of String");
  if (ids.value->size() > kMaxGroupInfoIds) return bad("GroupIdList holds at most 50 groups");
  for (const auto& id : *ids.value)
    if (!id.is_string()) return bad("GroupIdList must be a non-empty Array of String");
  json::object filter_body;
  if (const auto* filter = body.if_contains("ResponseFilter")) {
    if (!filter->is_object()) return bad("ResponseFilter must be an Object");
    filter_body = filter->get_object();
  }
  FieldFilter base_fields, member_fields, group_data, member_data;
  if (!read_filter(filter_body, "GroupBaseInfoFilter", base_fields) ||
      !read_filter(filter_body, "MemberInfoFilter", member_fields) ||
      !read_filter(filter_body, "AppDefinedDataFilter_Group", group_data) ||
      !read_filter(filter_body, "AppDefinedDataFilter_GroupMember", member_data))
    return bad("ResponseFilter's filters must be Arrays of String");
  const bool filtered = !filter_body.empty();
  // With a filter, base fields and members are those it names (§3.7: fields not listed are omitted).
  if (filtered && !filter_body.contains("GroupBaseInfoFilter")) base_fields = FieldFilter{false, {}};
  const bool with_members = !filtered || filter_body.contains("MemberInfoFilter");

  const auto now = ctx.clock.now();
  auto reading = ctx.store.read();
  store::GroupRepository groups(reading.db(), ctx.app.sdkappid);
  json::array infos;
  std::size_t size = 0;
  for (const auto& id : *ids.value) {
    const std::string_view group_id = id.get_string();
    const auto g = groups.find(group_id);
    if (!g) {
      // The reference's inferred shape for an unknown group: its id and code, no data.
      infos.push_back({{"GroupId", group_id},
                       {"ErrorCode", core::to_int(ErrorCode::group_id_invalid)},
                       {"ErrorInfo", core::default_error_info(ErrorCode::group_id_invalid)}});
      continue;
    }
    auto info = base_info(ctx.app, *g, groups.member_count(group_id), base_fields, group_data);
    if (with_members && !core::is_live_room(g->type)) {
      json::array list;
      for (const auto& m : groups.members(store::MemberQuery(group_id)))
        list.push_back(member_info(m, now, member_fields, filtered && member_data.all ? nullptr : &member_data));
      info["MemberList"] = std::move(list);
    }
    json::object item{{"GroupId", group_id}, {"ErrorCode", 0}, {"ErrorInfo", ""}};
    for (auto& [key, value] : info) item[key] = std::move(value);
    size += json::serialize(item).size();
    if (size > kMaxReplyBytes) return Reply::error(ErrorCode::group_reply_too_large);
    infos.push_back(std::move(item));
  }
  return Reply::ok({{"GroupInfo", std::move(infos)}});
}

Reply get_joined_group_list(const CallContext& ctx, const json::object& body) {
  const auto user = string_field(body, {"Member_Account"});
  if (!user.ok() || user.value.empty()) return bad("Member_Account is missing or not a String");
  const auto limit = int_field(body, {"Limit"});
  const auto offset = int_field(body, {"Offset"});
  if (limit.state == FieldState::wrong_type || (limit.ok() && (limit.value < 0 || limit.value > kMaxJoinedLimit)))
    return bad("Limit must be an Integer of at most 5000");
  if (offset.state == FieldState::wrong_type || (offset.ok() && offset.value < 0))
    return bad("Offset must be a non-negative Integer");
  const auto type_name = string_field(body, {"GroupType"});
  std::optional<core::GroupType> type;
  if (type_name.state == FieldState::wrong_type) return bad("GroupType must be a String");
  if (type_name.ok() && !type_name.value.empty()) {
    type = core::parse_group_type(type_name.value);
    if (!type) return bad("GroupType is not a group type");
  }
  const auto huge = int_field(body, {"WithHugeGroups"});
  const auto inactive = int_field(body, {"WithNoActiveGroups"});
  json::object filter_body;
  if (const auto* filter = body.if_contains("ResponseFilter")) {
    if (!filter->is_object()) return bad("ResponseFilter must be an Object");
    filter_body = filter->get_object();
  }
  FieldFilter base_fields, self_fields;
  if (!read_filter(filter_body, "GroupBaseInfoFilter", base_fields) ||
      !read_filter(filter_body, "SelfInfoFilter", self_fields))
    return bad("ResponseFilter's filters must be Arrays of String");

  const auto now = ctx.clock.now();
  auto reading = ctx.store.read();
  store::AccountRepository accounts(reading.db(), ctx.app.sdkappid);
  if (!account_known(accounts, ctx.app, user.value)) return Reply::error(ErrorCode::group_account_not_found);
  store::GroupRepository groups(reading.db(), ctx.app.sdkappid);
  store::GroupMessageRepository messages(reading.db(), ctx.app.sdkappid);
  std::vector<store::Membership> listed;
  for (auto& membership : groups.memberships(user.value)) {
    const auto& g = membership.group;
    if (type && g.type != *type) continue;
    // §3.7: live rooms only with WithHugeGroups, Work groups nobody has spoken in only with WithNoActiveGroups.
    if (core::is_live_room(g.type) && !(huge.ok() && huge.value == 1) && !(type && core::is_live_room(*type))) continue;
    if (g.type == core::GroupType::private_group && g.next_msg_seq == 1 && !(inactive.ok() && inactive.value == 1))
      continue;
    listed.push_back(std::move(membership));
  }
  const auto total = static_cast<std::int64_t>(listed.size());
  const auto first = std::min<std::int64_t>(offset.ok() ? offset.value : 0, total);
  const auto last = limit.ok() && limit.value > 0 ? std::min(total, first + limit.value) : total;
  json::array items;
  for (auto i = first; i < last; ++i) {
    const auto& [g, self] = listed[static_cast<std::size_t>(i)];
    json::object item{{"GroupId", g.group_id}};
    if (filter_body.contains("GroupBaseInfoFilter"))
      for (auto& [key, value] : base_info(ctx.app, g, groups.member_count(g.group_id), base_fields, FieldFilter{false, {}}))
        item[key] = std::move(value);
    if (filter_body.contains("SelfInfoFilter")) {
      auto info = member_info(self, now, self_fields, nullptr);
      info.erase("Member_Account");
      if (self_fields.wants("UnreadMsgNum")) info["UnreadMsgNum"] = messages.unread(g.group_id, self.user_id, self.read_seq);
      item["SelfInfo"] = std::move(info);
    }
    items.push_back(std::move(item));
  }
  return Reply::ok({{"TotalCount", total}, {"GroupIdList", std::move(items)}});
}

Reply get_appid_group_list(const CallContext& ctx, const json::object& body) {
  const auto limit = int_field(body, {"Limit"});
  const auto next = int_field(body, {"Next"});
  if (limit.state == FieldState::wrong_type || (limit.ok() && (limit.value < 1 || limit.value > kMaxAppGroupLimit)))
    return bad("Limit must be an Integer from 1 to 10000");
  if (next.state == FieldState::wrong_type || (next.ok() && next.value < 0)) return bad("Next must be an Integer");
  const auto type_name = string_field(body, {"GroupType"});
  std::optional<core::GroupType> type;
  if (type_name.state == FieldState::wrong_type) return bad("GroupType must be a String");
  if (type_name.ok() && !type_name.value.empty()) {
    type = core::parse_group_type(type_name.value);
    if (!type) return bad("GroupType is not a group type");
  }
  const auto page = limit.ok() ? limit.value : kMaxAppGroupLimit;
  const auto from = next.ok() ? next.value : 0;
  auto reading = ctx.store.read();
  store::GroupRepository groups(reading.db(), ctx.app.sdkappid);
  const auto total = groups.count(type);
  json::array ids;
  for (auto& id : groups.ids(type, from, page)) ids.push_back(json::object{{"GroupId", std::move(id)}});
  // Next is where the following page starts; 0 once the list is through (§3.7).
  const auto resume = from + static_cast<std::int64_t>(ids.size());
  return Reply::ok({{"TotalCount", total}, {"GroupIdList", std::move(ids)}, {"Next", resume < total ? resume : 0}});
}

Reply modify_group_base_info(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  Outbox outbox(ctx);
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    store::GroupRepository groups(locked.db(), ctx.app.sdkappid);
    core::Group g;
    if (auto error = load_group(groups, group_id, g)) return *error;
    json::object changed;
    if (auto error = read_profile(body, false, g, changed)) return *error;
    if (g.max_member_num < groups.member_count(group_id)) return bad("MaxMemberNum is below the member count");
    g.last_info_time = ctx.clock.now();
    groups.update(g);
    after_group_info_changed(ctx, g, body);
    if (!changed.empty() && !core::is_live_room(g.type)) {
      store::GroupMessageRepository messages(locked.db(), ctx.app.sdkappid);
      const auto tip = add_tip(groups, messages, g, core::GroupTipType::profile_changed, ctx.identifier, {},
                               g.last_info_time, {{"MsgGroupNewInfo", std::move(changed)}});
      outbox.message(g, tip, groups.member_ids(group_id));
    }
    tx.commit();
  }
  outbox.publish();
  return Reply::ok();
}

Reply change_group_owner(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  const auto new_owner = string_field(body, {"NewOwner_Account"});
  if (!new_owner.ok() || new_owner.value.empty()) return bad("NewOwner_Account is missing or not a String");
  Outbox outbox(ctx);
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    store::GroupRepository groups(locked.db(), ctx.app.sdkappid);
    core::Group g;
    if (auto error = load_group(groups, group_id, g)) return *error;
    auto member = groups.member(group_id, new_owner.value);
    if (!member) return Reply::error(ErrorCode::group_permission_denied, "the new owner must be a group member");
    if (g.owner == member->user_id) return Reply::ok();
    if (!g.owner.empty())
      if (auto old = groups.member(group_id, g.owner)) {
        old->role = core::GroupRole::member;
        groups.update_member(group_id, *old);
      }
    member->role = core::GroupRole::owner;
    groups.update_member(group_id, *member);
    const auto old_owner = std::exchange(g.owner, member->user_id);
    after_change_group_owner(ctx, g, old_owner);
    g.last_info_time = ctx.clock.now();
    groups.update(g);
    if (!core::is_live_room(g.type)) {
      store::GroupMessageRepository messages(locked.db(), ctx.app.sdkappid);
      const auto tip = add_tip(groups, messages, g, core::GroupTipType::profile_changed, ctx.identifier, {},
                               g.last_info_time, {{"MsgGroupNewInfo", {{"Owner_Account", g.owner}}}});
      outbox.message(g, tip, groups.member_ids(group_id));
    }
    tx.commit();
  }
  outbox.publish();
  return Reply::ok();
}

Reply destroy_group(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  Outbox outbox(ctx);
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    store::GroupRepository groups(locked.db(), ctx.app.sdkappid);
    core::Group g;
    if (auto error = load_group(groups, group_id, g)) return *error;
    // Every member hears that the group is gone (ReportType 5, webim-groups.md §4.4).
    const auto members = groups.member_ids(group_id);
    outbox.notice(g, core::GroupNoticeType::destroyed, {{"Operator_Account", ctx.identifier}}, members);
    after_group_destroyed(ctx, g, members);
    // A community's topics (group rows of their own) go with it.
    for (const auto& topic : store::CommunityTopicRepository(locked.db(), ctx.app.sdkappid).topics(group_id))
      groups.remove(topic);
    groups.remove(group_id);
    tx.commit();
  }
  outbox.publish();
  return Reply::ok();
}

Reply get_online_member_num(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  std::vector<std::string> members;
  {
    auto reading = ctx.store.read();
    store::GroupRepository groups(reading.db(), ctx.app.sdkappid);
    core::Group g;
    if (auto error = load_group(groups, group_id, g)) return *error;
    if (!core::is_live_room(g.type)) return Reply::error(ErrorCode::group_permission_denied, "only live rooms count online members");
    members = groups.member_ids(group_id);
  }
  std::int64_t online = 0;
  if (ctx.hub)
    for (const auto& user : members) online += ctx.hub->any_online(ctx.app.sdkappid, user) ? 1 : 0;
  return Reply::ok({{"OnlineMemberNum", online}});
}

}  // namespace timock::api::group
