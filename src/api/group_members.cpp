// group_open_http_svc: members (reference/rest-api.md §3.7): add_group_member, import_group_member,
// delete_group_member, modify_group_member_info, get_group_member_info, get_specified_group_member_info,
// get_role_in_group, forbid_send_msg, get_group_muted_account (and the old get_group_shutted_uin),
// set_unread_msg_num and the live rooms' bans.
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <algorithm>
#include <set>

#include "api/accounts.hpp"
#include "api/fields.hpp"
#include "api/group_callbacks.hpp"
#include "api/group_change_callbacks.hpp"
#include "api/group_commands.hpp"
#include "api/group_common.hpp"
#include "callback/callbacks.hpp"
#include "core/clock.hpp"
#include "store/account_repository.hpp"
#include "store/database.hpp"
#include "store/group_message_repository.hpp"
#include "store/group_repository.hpp"
#include "store/store.hpp"

namespace timock::api::group {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// §3.7 / §8 batch sizes (10005 beyond them).
constexpr std::size_t kMaxAddMembers = 300;
constexpr std::size_t kMaxDeleteMembers = 500;
constexpr std::size_t kMaxRoleQuery = 500;
// get_specified_group_member_info asks for at most 50 members (modern-sdk-groups.md §3.9).
constexpr std::size_t kMaxSpecifiedMembers = 50;
constexpr std::size_t kMaxMuteMembers = 500;
constexpr std::size_t kMaxBanMembers = 20;
constexpr std::int64_t kMaxMemberPage = 6000;
constexpr std::int64_t kMaxBanPage = 100;
// §3.7 10018: a reply may not exceed 1 MB.
constexpr std::size_t kMaxReplyBytes = 1024 * 1024;
// add_group_member / import_group_member's Result.
constexpr int kResultFailed = 0;
constexpr int kResultAdded = 1;
constexpr int kResultAlreadyMember = 2;

// A list of UserIDs (an Array of non-empty String) of at most `max` entries.
std::optional<Reply> read_accounts(const json::object& body, std::initializer_list<std::string_view> names,
                                   std::size_t max, std::vector<std::string>& out) {
  const auto list = array_field(body, names);
  if (!list.ok() || list.value->empty()) return bad(std::string(*names.begin()) + " must be a non-empty Array of String");
  if (list.value->size() > max) return Reply::error(ErrorCode::group_too_many_accounts);
  for (const auto& item : *list.value) {
    if (!item.is_string() || item.get_string().empty())
      return bad(std::string(*names.begin()) + " must be a non-empty Array of String");
    out.emplace_back(item.get_string());
  }
  return std::nullopt;
}

// MemberList [{Member_Account, …}] of add/import_group_member.
std::optional<Reply> read_member_list(const json::object& body, std::size_t max, std::vector<const json::object*>& out) {
  const auto list = array_field(body, {"MemberList"});
  if (!list.ok() || list.value->empty()) return bad("MemberList must be a non-empty Array");
  if (list.value->size() > max) return Reply::error(ErrorCode::group_too_many_accounts);
  for (const auto& item : *list.value) {
    const auto* object = item.if_object();
    const auto account = object ? string_field(*object, {"Member_Account"}) : Field<std::string_view>{};
    if (!account.ok() || account.value.empty()) return bad("MemberList items need a Member_Account String");
    out.push_back(object);
  }
  return std::nullopt;
}

// A new member joins with nothing unread: its read seq is the group's last seq.
core::GroupMember joining(const core::Group& g, std::string user, std::int64_t now) {
  core::GroupMember m;
  m.user_id = std::move(user);
  m.join_time = now;
  m.join_seq = m.read_seq = g.next_msg_seq - 1;
  return m;
}

bool silent(const json::object& body) {
  const auto silence = int_field(body, {"Silence"});
  return silence.ok() && silence.value == 1;
}

}  // namespace

Reply add_group_member(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  std::vector<const json::object*> items;
  if (auto error = read_member_list(body, kMaxAddMembers, items)) return *error;
  const auto now = ctx.clock.now();
  Outbox outbox(ctx);
  json::array results;
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    store::GroupRepository groups(locked.db(), ctx.app.sdkappid);
    core::Group g;
    if (auto error = load_group(groups, group_id, g)) return *error;
    if (core::is_live_room(g.type)) return Reply::error(ErrorCode::group_permission_denied, "live rooms are joined, not added to");
    store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
    std::vector<std::string> invited;
    for (const auto* item : items) {
      std::string user(item->at("Member_Account").get_string());
      if (!account_known(accounts, ctx.app, user))
        return Reply::error(ErrorCode::group_account_not_found, user + " does not exist");
      if (!groups.member(group_id, user) && std::find(invited.begin(), invited.end(), user) == invited.end())
        invited.push_back(std::move(user));
    }
    // §7: the app's server sees who is invited before anyone is added; it may refuse them all (10016) or some
    // (RefusedMembers_Account), who are then not added (Result 0).
    std::vector<std::string> refused;
    if (!invited.empty() && ctx.callbacks && ctx.callbacks->wants("Group.CallbackBeforeInviteJoinGroup")) {
      callback::Verdict verdict;
      if (auto refusal = ask_group_before(ctx, "Group.CallbackBeforeInviteJoinGroup",
                                          invite_join_body(ctx, g, invited), &verdict))
        return *refusal;
      refused = refused_members(verdict);
    }
    std::vector<std::string> added;
    auto count = groups.member_count(group_id);
    for (const auto* item : items) {
      const std::string user(item->at("Member_Account").get_string());
      if (std::find(refused.begin(), refused.end(), user) != refused.end()) {
        results.push_back({{"Member_Account", user}, {"Result", kResultFailed}});
        continue;
      }
      if (groups.member(group_id, user)) {
        results.push_back({{"Member_Account", user}, {"Result", kResultAlreadyMember}});
        continue;
      }
      if (count >= g.max_member_num) {
        after_group_full(ctx, g);  // §7: also when a full group turns someone away
        return Reply::error(ErrorCode::group_full);
      }
      groups.add_member(group_id, joining(g, user, now));
      ++count;
      added.push_back(user);
      results.push_back({{"Member_Account", user}, {"Result", kResultAdded}});
    }
    if (!added.empty() && !silent(body)) {
      store::GroupMessageRepository messages(locked.db(), ctx.app.sdkappid);
      const auto tip = add_tip(groups, messages, g, core::GroupTipType::join, ctx.identifier, added, now);
      outbox.message(g, tip, groups.member_ids(group_id));
      outbox.notice(g, core::GroupNoticeType::invited, {{"Operator_Account", ctx.identifier}}, added);
    }
    after_new_member_join(ctx, g, kJoinedByInvite, ctx.identifier, added);
    if (!added.empty() && count >= g.max_member_num) after_group_full(ctx, g);
    tx.commit();
  }
  outbox.publish();
  return Reply::ok({{"MemberList", std::move(results)}});
}

Reply import_group_member(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  std::vector<const json::object*> items;
  if (auto error = read_member_list(body, kMaxAddMembers, items)) return *error;
  const auto now = ctx.clock.now();
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  store::GroupRepository groups(locked.db(), ctx.app.sdkappid);
  core::Group g;
  if (auto error = load_group(groups, group_id, g)) return *error;
  if (core::is_live_room(g.type)) return Reply::error(ErrorCode::group_permission_denied, "live rooms cannot import members");
  store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
  store::GroupMessageRepository messages(locked.db(), ctx.app.sdkappid);
  auto count = groups.member_count(group_id);
  json::array results;
  for (const auto* item : items) {
    const std::string user(item->at("Member_Account").get_string());
    const auto role = string_field(*item, {"Role"});
    const auto join_time = int_field(*item, {"JoinTime"});
    const auto unread = int_field(*item, {"UnreadMsgNum"});
    if (role.state == FieldState::wrong_type || (role.ok() && role.value != "Admin" && role.value != "Member") ||
        join_time.state == FieldState::wrong_type || unread.state == FieldState::wrong_type ||
        (unread.ok() && unread.value < 0))
      return bad("MemberList items: Role Admin, JoinTime and UnreadMsgNum Integers");
    if (!account_known(accounts, ctx.app, user) || count >= g.max_member_num) {
      results.push_back({{"Member_Account", user}, {"Result", kResultFailed}});
      continue;
    }
    if (groups.member(group_id, user)) {
      results.push_back({{"Member_Account", user}, {"Result", kResultAlreadyMember}});
      continue;
    }
    auto m = joining(g, user, join_time.ok() && join_time.value > 0 ? std::min(join_time.value, now) : now);
    if (role.ok() && role.value == "Admin") m.role = core::GroupRole::admin;
    if (unread.ok()) m.read_seq = messages.read_seq_leaving(group_id, user, unread.value);
    groups.add_member(group_id, m);
    ++count;
    results.push_back({{"Member_Account", user}, {"Result", kResultAdded}});
  }
  tx.commit();
  return Reply::ok({{"MemberList", std::move(results)}});
}

Reply delete_group_member(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  std::vector<std::string> users;
  if (auto error = read_accounts(body, {"MemberToDel_Account"}, kMaxDeleteMembers, users)) return *error;
  const auto reason = string_field(body, {"Reason"});
  const auto now = ctx.clock.now();
  Outbox outbox(ctx);
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    store::GroupRepository groups(locked.db(), ctx.app.sdkappid);
    core::Group g;
    if (auto error = load_group(groups, group_id, g)) return *error;
    if (core::is_live_room(g.type)) return bad("live rooms have no members to delete (ban them instead)");
    std::vector<std::string> removed;
    for (const auto& user : users) {
      if (user == g.owner) return bad("the owner cannot be deleted");
      // §3.7: removing a non-member still succeeds.
      if (groups.remove_member(group_id, user)) removed.push_back(user);
    }
    if (!removed.empty() && !silent(body)) {
      store::GroupMessageRepository messages(locked.db(), ctx.app.sdkappid);
      json::object fields;
      if (reason.ok() && !reason.value.empty()) {
        // The Chat SDK copies MemberExtraInfo.Reason onto each MsgMemberInfo entry and throws a TypeError
        // when the tip has the one without the other, so both go together.
        fields["MemberExtraInfo"] = {{"Reason", reason.value}};
        json::array kicked;
        for (const auto& user : removed) kicked.push_back(json::object{{"Member_Account", user}});
        fields["MsgMemberInfo"] = std::move(kicked);
      }
      const auto tip = add_tip(groups, messages, g, core::GroupTipType::kicked, ctx.identifier, removed, now, fields);
      outbox.message(g, tip, groups.member_ids(group_id));
      outbox.notice(g, core::GroupNoticeType::kicked, {{"Operator_Account", ctx.identifier}}, removed);
    }
    after_member_exit(ctx, g, kExitByKick, ctx.identifier, removed);
    tx.commit();
  }
  outbox.publish();
  return Reply::ok();
}

Reply modify_group_member_info(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  const auto user = string_field(body, {"Member_Account"});
  if (!user.ok() || user.value.empty()) return bad("Member_Account is missing or not a String");
  const auto role = string_field(body, {"Role"});
  const auto flag = string_field(body, {"MsgFlag"});
  const auto name_card = string_field(body, {"NameCard"});
  const auto mute = int_field(body, {"MuteTime", "ShutUpTime"});
  if (role.state == FieldState::wrong_type || (role.ok() && role.value != "Admin" && role.value != "Member"))
    return bad("Role must be Admin or Member");
  if (flag.state == FieldState::wrong_type || (flag.ok() && !core::valid_msg_flag(flag.value)))
    return bad("MsgFlag must be AcceptAndNotify, AcceptNotNotify or Discard");
  if (name_card.state == FieldState::wrong_type || (name_card.ok() && name_card.value.size() > kMaxNameCardBytes))
    return bad("NameCard must be a String of at most 50 bytes");
  if (mute.state == FieldState::wrong_type || (mute.ok() && (mute.value < 0 || mute.value > core::kMuteForever)))
    return bad("MuteTime must be a number of seconds");
  std::string member_data;
  if (const auto* data = body.if_contains("AppMemberDefinedData"))
    if (auto error = read_defined_data(*data, kMaxMemberDataKeys, kMaxGroupDataKeyBytes, kMaxMemberDataValueBytes,
                                       member_data))
      return *error;
  const auto now = ctx.clock.now();
  Outbox outbox(ctx);
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    store::GroupRepository groups(locked.db(), ctx.app.sdkappid);
    core::Group g;
    if (auto error = load_group(groups, group_id, g)) return *error;
    auto m = groups.member(group_id, user.value);
    if (!m) return Reply::error(ErrorCode::group_permission_denied, "Member_Account is not a group member");
    std::optional<core::GroupTipType> role_tip;
    if (role.ok()) {
      if (m->role == core::GroupRole::owner) return bad("the owner's role cannot be changed");
      const auto wanted = role.value == "Admin" ? core::GroupRole::admin : core::GroupRole::member;
      if (wanted != m->role)
        role_tip = wanted == core::GroupRole::admin ? core::GroupTipType::set_admin : core::GroupTipType::cancel_admin;
      m->role = wanted;
    }
    if (flag.ok()) m->msg_flag = std::string(flag.value);
    if (name_card.ok()) m->name_card = std::string(name_card.value);
    if (!member_data.empty()) m->app_member_defined_data_json = merge_defined_data(m->app_member_defined_data_json, member_data);
    groups.update_member(group_id, *m);
    if (mute.ok()) groups.set_mute(group_id, m->user_id, mute.value == 0 ? 0 : mute.value == core::kMuteForever ? core::kMuteForever : now + mute.value);
    if (!core::is_live_room(g.type) && (role_tip || mute.ok())) {
      store::GroupMessageRepository messages(locked.db(), ctx.app.sdkappid);
      const auto members = groups.member_ids(group_id);
      if (role_tip) {
        const auto tip = add_tip(groups, messages, g, *role_tip, ctx.identifier, {m->user_id}, now);
        outbox.message(g, tip, members);
      }
      if (mute.ok()) {
        json::object fields{{"MemberList", json::array{{{"Member_Account", m->user_id}, {"ShutupTime", mute.value}}}}};
        const auto tip = add_tip(groups, messages, g, core::GroupTipType::member_info_changed, ctx.identifier,
                                 {m->user_id}, now, std::move(fields));
        outbox.message(g, tip, members);
      }
    }
    after_member_field_changed(ctx, g, *m, body);
    tx.commit();
  }
  outbox.publish();
  return Reply::ok();
}

namespace {

// The member filters get_group_member_info and get_specified_group_member_info share: which fields, which
// AppMemberDefinedData keys, which roles.
struct MemberFilters {
  FieldFilter fields, app_data;
  std::vector<core::GroupRole> roles;  // empty: every role
  bool any = false;                    // a field or data filter was given
  // Without an AppDefinedDataFilter_GroupMember, AppMemberDefinedData is given whole only when no filter is.
  const FieldFilter* data_filter() const { return any && app_data.all ? nullptr : &app_data; }
  bool keeps(core::GroupRole role) const {
    return roles.empty() || std::find(roles.begin(), roles.end(), role) != roles.end();
  }
};

std::optional<Reply> read_member_filters(const json::object& body, MemberFilters& out) {
  if (!read_filter(body, "MemberInfoFilter", out.fields) ||
      !read_filter(body, "AppDefinedDataFilter_GroupMember", out.app_data))
    return bad("MemberInfoFilter and AppDefinedDataFilter_GroupMember must be Arrays of String");
  FieldFilter roles;
  if (!read_filter(body, "MemberRoleFilter", roles)) return bad("MemberRoleFilter must be an Array of String");
  for (const auto& name : roles.names) {
    const auto role = core::parse_group_role(name);
    if (!role) return bad("MemberRoleFilter holds Owner, Admin or Member");
    out.roles.push_back(*role);
  }
  out.any = !out.fields.all || body.contains("AppDefinedDataFilter_GroupMember");
  return std::nullopt;
}

}  // namespace

Reply get_group_member_info(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  MemberFilters filters;
  if (auto error = read_member_filters(body, filters)) return *error;
  store::MemberQuery query(group_id);
  query.roles = filters.roles;
  const auto limit = int_field(body, {"Limit"});
  const auto offset = int_field(body, {"Offset"});
  if (limit.state == FieldState::wrong_type || (limit.ok() && (limit.value < 0 || limit.value > kMaxMemberPage)))
    return bad("Limit must be an Integer of at most 6000");
  if (offset.state == FieldState::wrong_type || (offset.ok() && offset.value < 0))
    return bad("Offset must be a non-negative Integer");
  if (limit.ok() && limit.value > 0) query.limit = limit.value;
  if (offset.ok()) query.offset = offset.value;
  const auto now = ctx.clock.now();
  auto reading = ctx.store.read();
  store::GroupRepository groups(reading.db(), ctx.app.sdkappid);
  core::Group g;
  if (auto error = load_group(groups, group_id, g)) return *error;
  if (core::is_live_room(g.type)) return Reply::error(ErrorCode::group_permission_denied, "live rooms keep no member list");
  json::array list;
  std::size_t size = 0;
  for (const auto& m : groups.members(query)) {
    list.push_back(member_info(m, now, filters.fields, filters.data_filter()));
    // §3.7 10018: a reply may not pass 1 MB (all 6,000 members with every field do): page with Limit/Offset.
    size += json::serialize(list.back()).size() + 1;
    if (size > kMaxReplyBytes) return Reply::error(ErrorCode::group_reply_too_large);
  }
  return Reply::ok({{"MemberNum", groups.member_count(group_id)}, {"MemberList", std::move(list)}});
}

Reply get_specified_group_member_info(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  std::vector<std::string> users;
  if (auto error = read_accounts(body, {"Member_List_Account"}, kMaxSpecifiedMembers, users)) return *error;
  MemberFilters filters;
  if (auto error = read_member_filters(body, filters)) return *error;
  const auto now = ctx.clock.now();
  auto reading = ctx.store.read();
  store::GroupRepository groups(reading.db(), ctx.app.sdkappid);
  core::Group g;
  if (auto error = load_group(groups, group_id, g)) return *error;
  if (core::is_live_room(g.type)) return Reply::error(ErrorCode::group_permission_denied, "live rooms keep no member list");
  // The requested ids that are members, in the order asked, each once (modern-sdk-groups.md §3.9).
  json::array list;
  std::set<std::string_view> seen;
  for (const auto& user : users) {
    if (!seen.insert(user).second) continue;
    const auto m = groups.member(group_id, user);
    if (m && filters.keeps(m->role))
      list.push_back(member_info(*m, now, filters.fields, filters.data_filter()));
  }
  return Reply::ok({{"MemberList", std::move(list)}});
}

Reply get_role_in_group(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  std::vector<std::string> users;
  if (auto error = read_accounts(body, {"User_Account"}, kMaxRoleQuery, users)) return *error;
  auto reading = ctx.store.read();
  store::GroupRepository groups(reading.db(), ctx.app.sdkappid);
  core::Group g;
  if (auto error = load_group(groups, group_id, g)) return *error;
  json::array roles;
  for (const auto& user : users) {
    const auto m = groups.member(group_id, user);
    roles.push_back({{"Member_Account", user}, {"Role", m ? core::to_string(m->role) : "NotMember"}});
  }
  return Reply::ok({{"UserIdList", std::move(roles)}});
}

Reply forbid_send_msg(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  std::vector<std::string> users;
  if (auto error = read_accounts(body, {"Members_Account"}, kMaxMuteMembers, users)) return *error;
  const auto seconds = int_field(body, {"MuteTime", "ShutUpTime"});
  if (!seconds.ok() || seconds.value < 0 || seconds.value > core::kMuteForever)
    return bad("MuteTime must be a number of seconds (0 lifts the mute)");
  const auto now = ctx.clock.now();
  const auto until = seconds.value == 0 ? 0 : seconds.value == core::kMuteForever ? core::kMuteForever : now + seconds.value;
  Outbox outbox(ctx);
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    store::GroupRepository groups(locked.db(), ctx.app.sdkappid);
    core::Group g;
    if (auto error = load_group(groups, group_id, g)) return *error;
    if (auto error = enter_topic(locked.db(), ctx.app.sdkappid, body, g)) return *error;
    json::array changed;
    std::vector<std::string> muted;
    for (const auto& user : users) {
      if (!groups.member(group_id, user)) continue;  // only members are muted; a mute then outlives membership
      groups.set_mute(g.group_id, user, until);  // a topic's mute is the topic's
      changed.push_back({{"Member_Account", user}, {"ShutupTime", seconds.value}});
      muted.push_back(user);
    }
    // A topic has no members of its own to count in a tip: its mutes are told by no tip.
    if (!muted.empty() && !core::is_live_room(g.type) && g.group_id == group_id) {
      store::GroupMessageRepository messages(locked.db(), ctx.app.sdkappid);
      const auto tip = add_tip(groups, messages, g, core::GroupTipType::member_info_changed, ctx.identifier, muted, now,
                               {{"MemberList", std::move(changed)}});
      outbox.message(g, tip, groups.member_ids(group_id));
    }
    tx.commit();
  }
  outbox.publish();
  return Reply::ok();
}

namespace {

Reply muted_accounts(const CallContext& ctx, const json::object& body, bool old_names) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  auto reading = ctx.store.read();
  store::GroupRepository groups(reading.db(), ctx.app.sdkappid);
  core::Group g;
  if (auto error = load_group(groups, group_id, g)) return *error;
  if (auto error = enter_topic(reading.db(), ctx.app.sdkappid, body, g)) return *error;
  json::array list;
  const auto now = ctx.clock.now();
  // A topic has no members of its own: its mutes are whoever was muted in it (members of the community).
  const auto mutes =
      g.group_id == group_id ? groups.muted(group_id, now) : groups.mutes_of_non_members(g.group_id);
  for (const auto& [user, until] : mutes)
    if (until > now)
      list.push_back({{"Member_Account", user}, {old_names ? "ShuttedUntil" : "MutedUntil", until}});
  return Reply::ok({{"GroupId", group_id}, {old_names ? "ShuttedUinList" : "MutedAccountList", std::move(list)}});
}

}  // namespace

Reply get_group_muted_account(const CallContext& ctx, const json::object& body) { return muted_accounts(ctx, body, false); }
Reply get_group_shutted_uin(const CallContext& ctx, const json::object& body) { return muted_accounts(ctx, body, true); }

Reply set_unread_msg_num(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  const auto user = string_field(body, {"Member_Account"});
  if (!user.ok() || user.value.empty()) return bad("Member_Account is missing or not a String");
  const auto unread = int_field(body, {"UnreadMsgNum"});
  if (!unread.ok() || unread.value < 0) return bad("UnreadMsgNum must be a non-negative Integer");
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  store::GroupRepository groups(locked.db(), ctx.app.sdkappid);
  core::Group g;
  if (auto error = load_group(groups, group_id, g)) return *error;
  auto m = groups.member(group_id, user.value);
  if (!m) return Reply::error(ErrorCode::group_permission_denied, "Member_Account is not a group member");
  // §3.7: clamped to what the history holds.
  m->read_seq = unread.value == 0 ? g.next_msg_seq - 1
                                  : store::GroupMessageRepository(locked.db(), ctx.app.sdkappid)
                                        .read_seq_leaving(group_id, m->user_id, unread.value);
  groups.update_member(group_id, *m);
  tx.commit();
  return Reply::ok();
}

Reply ban_group_member(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  std::vector<std::string> users;
  if (auto error = read_accounts(body, {"Members_Account"}, kMaxBanMembers, users)) return *error;
  const auto duration = int_field(body, {"Duration"});
  if (!duration.ok() || duration.value <= 0 || duration.value > core::kMuteForever)
    return bad("Duration must be a positive number of seconds");
  const auto description = string_field(body, {"Description"});
  const auto now = ctx.clock.now();
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  store::GroupRepository groups(locked.db(), ctx.app.sdkappid);
  core::Group g;
  if (auto error = load_group(groups, group_id, g)) return *error;
  if (!core::is_live_room(g.type)) return Reply::error(ErrorCode::group_permission_denied, "only live rooms ban members");
  store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
  for (const auto& user : users) {
    if (!account_known(accounts, ctx.app, user)) return Reply::error(ErrorCode::group_account_not_found, user + " does not exist");
    if (user == g.owner) return bad("the owner cannot be banned");
  }
  for (const auto& user : users) {
    groups.ban(group_id, user, now + duration.value, description.ok() ? description.value : std::string_view{});
    groups.remove_member(group_id, user);  // a banned user leaves the room and cannot join until the ban ends
  }
  tx.commit();
  return Reply::ok();
}

Reply unban_group_member(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  std::vector<std::string> users;
  if (auto error = read_accounts(body, {"Members_Account"}, kMaxBanMembers, users)) return *error;
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  store::GroupRepository groups(locked.db(), ctx.app.sdkappid);
  core::Group g;
  if (auto error = load_group(groups, group_id, g)) return *error;
  if (!core::is_live_room(g.type)) return Reply::error(ErrorCode::group_permission_denied, "only live rooms ban members");
  for (const auto& user : users) groups.unban(group_id, user);
  tx.commit();
  return Reply::ok();
}

Reply get_group_ban_member(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  const auto limit = int_field(body, {"Limit"});
  const auto offset = int_field(body, {"Offset"});
  if (limit.state == FieldState::wrong_type || (limit.ok() && (limit.value < 1 || limit.value > kMaxBanPage)))
    return bad("Limit must be an Integer from 1 to 100");
  if (offset.state == FieldState::wrong_type || (offset.ok() && offset.value < 0))
    return bad("Offset must be a non-negative Integer");
  const auto page = limit.ok() ? limit.value : kMaxBanPage;
  const auto from = offset.ok() ? offset.value : 0;
  auto reading = ctx.store.read();
  store::GroupRepository groups(reading.db(), ctx.app.sdkappid);
  core::Group g;
  if (auto error = load_group(groups, group_id, g)) return *error;
  if (!core::is_live_room(g.type)) return Reply::error(ErrorCode::group_permission_denied, "only live rooms ban members");
  json::array list;
  const auto bans = groups.bans(group_id, ctx.clock.now(), from, page);
  for (const auto& ban : bans) list.push_back({{"Member_Account", ban.user_id}, {"BannedUntil", ban.banned_until}});
  const auto next = static_cast<std::int64_t>(bans.size()) == page ? from + page : 0;
  return Reply::ok({{"BannedAccountList", std::move(list)}, {"NextOffset", next}});
}

}  // namespace timock::api::group
