// The rules a client is held to in groups, before the handler every surface shares (see client/groups.hpp).
// Where the reference is silent the rules are Tencent's documented group permissions: a Work (Private) group's
// members invite and edit its profile, elsewhere the owner and admins do; only the owner kicks in a Work group,
// changes roles, transfers and dismisses (a Work group only over REST); an admin acts on plain members only.
#include "client/groups.hpp"

#include <boost/json/value.hpp>
#include <map>
#include <set>
#include <vector>

#include "api/fields.hpp"
#include "api/group_common.hpp"
#include "client/group_client_commands.hpp"
#include "core/clock.hpp"
#include "store/group_message_repository.hpp"
#include "store/group_repository.hpp"
#include "store/store.hpp"

namespace timock::client {

namespace json = boost::json;
using api::Reply;
using core::ErrorCode;
using core::GroupRole;

namespace {

constexpr std::string_view kService = "group_open_http_svc";

// The SDK's group attribute and counter commands (initGroupAttributes … getGroupCounters).
const std::set<std::string_view, std::less<>> kClientAttributeCommands{
    "set_group_attr", "modify_group_attr", "delete_group_attr", "clear_group_attr",
    "get_group_attr", "update_group_counter", "get_group_counter", "delete_group_counter"};

Reply denied(std::string info) { return Reply::error(ErrorCode::group_permission_denied, std::move(info)); }

int rank(GroupRole role) { return role == GroupRole::owner ? 2 : role == GroupRole::admin ? 1 : 0; }

// The group a command names and where the caller stands in it.
struct Standing {
  core::Group group;
  std::optional<core::GroupMember> self;
  bool member() const { return self.has_value(); }
  bool manager() const { return self && self->role != GroupRole::member; }
  bool owner() const { return self && self->role == GroupRole::owner; }
  bool work() const { return group.type == core::GroupType::private_group; }
};

std::optional<Reply> read_standing(const Deps& deps, const Caller& caller, const json::object& body, Standing& s,
                                   std::vector<core::GroupMember>* targets = nullptr,
                                   const std::vector<std::string>& target_ids = {}) {
  std::string group_id;
  if (auto error = api::group::read_group_id(body, group_id)) return error;
  auto reading = deps.store.read();
  store::GroupRepository groups(reading.db(), caller.app.sdkappid);
  if (auto error = api::group::load_group(groups, group_id, s.group)) return error;
  s.self = groups.member(group_id, caller.user);
  if (targets)
    for (const auto& id : target_ids)
      if (auto m = groups.member(group_id, id)) targets->push_back(std::move(*m));
  return std::nullopt;
}

std::vector<std::string> strings_of(const json::object& body, std::initializer_list<std::string_view> names) {
  std::vector<std::string> out;
  if (const auto list = api::array_field(body, names); list.ok())
    for (const auto& item : *list.value)
      if (item.is_string()) out.emplace_back(item.get_string());
  return out;
}

// The caller may act on every listed member it outranks; an admin never on the owner or another admin.
std::optional<Reply> outranks_all(const Standing& s, const std::vector<core::GroupMember>& targets) {
  for (const auto& t : targets)
    if (t.user_id != s.self->user_id && rank(t.role) >= rank(s.self->role))
      return denied(t.user_id + " is not below the caller's role");
  return std::nullopt;
}

using Rule = std::optional<Reply> (*)(const Deps&, const Caller&, json::object&);

std::optional<Reply> must_be_member(const Deps& deps, const Caller& caller, json::object& body) {
  Standing s;
  if (auto error = read_standing(deps, caller, body, s)) return error;
  if (!s.member()) return denied("the caller is not a group member");
  return std::nullopt;
}

std::optional<Reply> must_be_manager(const Deps& deps, const Caller& caller, json::object& body) {
  Standing s;
  if (auto error = read_standing(deps, caller, body, s)) return error;
  if (!s.manager()) return denied("only the owner and admins may do this");
  return std::nullopt;
}

std::optional<Reply> must_be_owner(const Deps& deps, const Caller& caller, json::object& body) {
  Standing s;
  if (auto error = read_standing(deps, caller, body, s)) return error;
  if (!s.owner()) return denied("only the owner may do this");
  return std::nullopt;
}

std::optional<Reply> create_rule(const Deps&, const Caller& caller, json::object& body) {
  body["Owner_Account"] = caller.user;  // a client creates its own groups
  return std::nullopt;
}

std::optional<Reply> joined_list_rule(const Deps&, const Caller& caller, json::object& body) {
  body["Member_Account"] = caller.user;
  // A client lists every group it is in, spoken in or not (REST hides silent Work groups by default).
  if (!body.contains("WithNoActiveGroups")) body["WithNoActiveGroups"] = 1;
  return std::nullopt;
}

std::optional<Reply> profile_rule(const Deps& deps, const Caller& caller, json::object& body) {
  Standing s;
  if (auto error = read_standing(deps, caller, body, s)) return error;
  if (!s.member()) return denied("the caller is not a group member");
  if (!s.work() && !s.manager()) return denied("only the owner and admins edit this group's profile");
  return std::nullopt;
}

std::optional<Reply> invite_rule(const Deps& deps, const Caller& caller, json::object& body) {
  Standing s;
  if (auto error = read_standing(deps, caller, body, s)) return error;
  if (!s.member()) return denied("the caller is not a group member");
  if (!s.work() && !s.manager()) return denied("only the owner and admins invite to this group");
  return std::nullopt;
}

std::optional<Reply> kick_rule(const Deps& deps, const Caller& caller, json::object& body) {
  Standing s;
  std::vector<core::GroupMember> targets;
  if (auto error = read_standing(deps, caller, body, s, &targets, strings_of(body, {"MemberToDel_Account"})))
    return error;
  if (!s.manager() || (s.work() && !s.owner())) return denied("the caller may not remove members of this group");
  for (const auto& t : targets)
    if (t.user_id == caller.user) return denied("a member leaves with quit_group");
  return outranks_all(s, targets);
}

std::optional<Reply> mute_rule(const Deps& deps, const Caller& caller, json::object& body) {
  Standing s;
  std::vector<core::GroupMember> targets;
  if (auto error = read_standing(deps, caller, body, s, &targets, strings_of(body, {"Members_Account"})))
    return error;
  if (!s.manager()) return denied("only the owner and admins mute members");
  for (const auto& t : targets)
    if (t.user_id == caller.user) return denied("a member cannot mute itself");
  return outranks_all(s, targets);
}

std::optional<Reply> member_info_rule(const Deps& deps, const Caller& caller, json::object& body) {
  const auto user = api::string_field(body, {"Member_Account"});
  const std::string target_id = user.ok() ? std::string(user.value) : std::string();
  Standing s;
  std::vector<core::GroupMember> targets;
  if (auto error = read_standing(deps, caller, body, s, &targets, {target_id})) return error;
  if (!s.member()) return denied("the caller is not a group member");
  if (targets.empty()) return std::nullopt;  // the handler answers for a non-member
  const bool self = target_id == caller.user;
  if (body.contains("Role")) {
    if (!s.owner()) return denied("only the owner changes roles");
    if (s.work() || core::is_live_room(s.group.type)) return denied("this group type has no admins to set");
  }
  if ((body.contains("MuteTime") || body.contains("ShutUpTime")) && (self || !s.manager()))
    return denied("only the owner and admins mute other members");
  if (body.contains("MsgFlag") && !self) return denied("a member sets only its own MsgFlag");
  if ((body.contains("NameCard") || body.contains("AppMemberDefinedData")) && !self && !s.manager())
    return denied("a member edits only its own name card");
  if (!self) return outranks_all(s, targets);
  return std::nullopt;
}

std::optional<Reply> dismiss_rule(const Deps& deps, const Caller& caller, json::object& body) {
  Standing s;
  if (auto error = read_standing(deps, caller, body, s)) return error;
  if (!s.owner()) return denied("only the owner dismisses a group");
  if (s.work()) return denied("a Work group is dismissed over REST only");
  return std::nullopt;
}

std::optional<Reply> receipt_rule(const Deps&, const Caller& caller, json::object& body) {
  body["Member_Account"] = caller.user;  // a client sends its own read receipts
  return std::nullopt;
}

std::optional<Reply> no_rule(const Deps&, const Caller&, json::object&) { return std::nullopt; }

// The REST commands a client may send, and the rule each runs first.
const std::map<std::string_view, Rule, std::less<>>& rest_rules() {
  static const std::map<std::string_view, Rule, std::less<>> rules = {
      {"create_group", create_rule},
      {"get_joined_group_list", joined_list_rule},
      {"get_group_info", no_rule},
      {"get_role_in_group", no_rule},
      {"get_online_member_num", no_rule},
      {"send_group_msg", no_rule},  // the handler checks membership and mutes for every surface
      {"modify_group_base_info", profile_rule},
      {"add_group_member", invite_rule},
      {"delete_group_member", kick_rule},
      {"forbid_send_msg", mute_rule},
      {"modify_group_member_info", member_info_rule},
      {"change_group_owner", must_be_owner},
      {"destroy_group", dismiss_rule},
      {"get_group_member_info", must_be_member},
      {"get_specified_group_member_info", must_be_member},
      {"get_group_muted_account", must_be_member},
      {"get_group_shutted_uin", must_be_member},
      {"get_group_msg_receipt", must_be_member},
      {"group_msg_receipt", receipt_rule},
      {"send_group_system_notification", must_be_manager},
      {"ban_group_member", must_be_manager},
      {"unban_group_member", must_be_manager},
      {"get_group_ban_member", must_be_manager},
  };
  return rules;
}

// The commands only clients send.
const std::map<std::string_view, group::Command*, std::less<>>& client_commands() {
  static const std::map<std::string_view, group::Command*, std::less<>> commands = {
      {"apply_join_group", group::apply_join_group},
      {"quit_group", group::quit_group},
      {"handle_apply_join_group", group::handle_apply_join_group},
      {"get_pendency", group::get_pendency},
      {"report_pendency", group::report_pendency},
      {"get_group_self_member_info", group::get_group_self_member_info},
      {"get_group_public_info", group::get_group_public_info},
      {"group_msg_get", group::group_msg_get},
      {"msg_read_report", group::msg_read_report},
  };
  return commands;
}

// group_msg_recall from a client: its own messages within the recall window, or anyone's for the owner and
// admins; the rest get their RetCode without reaching the handler.
Reply recall(const Deps& deps, const Caller& caller, json::object body) {
  Standing s;
  if (auto error = read_standing(deps, caller, body, s)) return std::move(*error);
  if (!s.member()) return denied("the caller is not a group member");
  const auto list = api::array_field(body, {"MsgSeqList"});
  if (!list.ok()) return as_user(deps, caller, kService, "group_msg_recall", std::move(body));
  json::array allowed;
  std::map<std::int64_t, ErrorCode> refused;
  {
    auto reading = deps.store.read();
    store::GroupMessageRepository messages(reading.db(), caller.app.sdkappid);
    const auto now = deps.clock.now();
    for (const auto& item : *list.value) {
      const auto* object = item.if_object();
      const auto seq = object ? api::int_field(*object, {"MsgSeq"}) : api::Field<std::int64_t>{};
      const auto m = seq.ok() ? messages.find(s.group.group_id, seq.value) : std::nullopt;
      if (m && m->from_account != caller.user && !s.manager())
        refused[seq.value] = ErrorCode::group_recall_not_allowed;
      else if (m && m->from_account == caller.user && now - m->msg_time > kRecallWindowSeconds)
        refused[seq.value] = ErrorCode::group_recall_too_old;
      else
        allowed.push_back(item);
    }
  }
  json::array results;
  if (!allowed.empty()) {
    body["MsgSeqList"] = std::move(allowed);
    auto reply = as_user(deps, caller, kService, "group_msg_recall", std::move(body));
    if (reply.code != ErrorCode::ok) return reply;
    if (auto* done = reply.fields.if_contains("RecallRetList"); done && done->is_array()) results = done->get_array();
  }
  for (const auto& [seq, code] : refused) results.push_back({{"MsgSeq", seq}, {"RetCode", core::to_int(code)}});
  return Reply::ok({{"RecallRetList", std::move(results)}});
}

// get_group_msg_receipt_detail as the Chat SDK sends it (Flag, Num and a numeric Cursor 0 for the first page)
// and reads it (IsFinish): REST's Filter, Count and string Cursor, IsFinished.
Reply receipt_detail(const Deps& deps, const Caller& caller, json::object body) {
  Standing s;
  if (auto error = read_standing(deps, caller, body, s)) return std::move(*error);
  if (!s.member()) return denied("the caller is not a group member");
  for (const auto& [sdk, rest] : {std::pair<std::string_view, std::string_view>{"Flag", "Filter"}, {"Num", "Count"}})
    if (const auto* value = body.if_contains(sdk); value && !body.contains(rest)) body[rest] = *value;
  if (const auto* cursor = body.if_contains("Cursor"); cursor && cursor->is_number()) body.erase("Cursor");
  if (const auto* count = body.if_contains("Count"); count && count->is_number() && count->to_number<double>() == 0)
    body.erase("Count");  // the template's 0: REST's default page
  auto reply = as_user(deps, caller, kService, "get_group_msg_receipt_detail", std::move(body));
  if (const auto* finished = reply.fields.if_contains("IsFinished")) reply.fields["IsFinish"] = *finished;
  return reply;
}

}  // namespace

std::vector<std::string_view> group_command_names() {
  std::vector<std::string_view> names{"group_msg_recall", "get_group_msg_receipt_detail"};
  for (const auto& [name, rule] : rest_rules()) names.push_back(name);
  for (const auto& [name, command] : client_commands()) names.push_back(name);
  return names;
}

Reply group_command(const Deps& deps, const Caller& caller, std::string_view command, json::object body) {
  if (command == "group_msg_recall") return recall(deps, caller, std::move(body));
  if (command == "get_group_msg_receipt_detail") return receipt_detail(deps, caller, std::move(body));
  if (const auto own = client_commands().find(command); own != client_commands().end())
    return own->second(deps, caller, body);
  // Group attributes and counters are the client's on the cloud too, but timock keeps no main sequence for the
  // SDK's RaceConflict check nor sends the pushes that update its cache: not emulated from a client yet (REST
  // has them), rather than the App admin's 10007 below.
  if (kClientAttributeCommands.contains(command))
    return Reply::error(ErrorCode::feature_not_emulated,
                        "timock does not emulate " + std::string(command) + " from a client yet (REST has it)");
  const auto rule = rest_rules().find(command);
  if (rule == rest_rules().end()) {
    // import_*, set_unread_msg_num, get_appid_group_list … are the App admin's (the service's admin code).
    if (deps.rest.find(kService, command)) return denied("this API needs the App admin");
    return Reply::error(ErrorCode::group_bad_command);
  }
  if (auto refused = rule->second(deps, caller, body)) return std::move(*refused);
  return as_user(deps, caller, kService, command, std::move(body));
}

}  // namespace timock::client
