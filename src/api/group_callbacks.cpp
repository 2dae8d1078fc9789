#include "api/group_callbacks.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "callback/callbacks.hpp"
#include "core/clock.hpp"

namespace timock::api::group {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// §7: the codes an app may answer a group refusal with, passed to the caller as they are.
constexpr int kAppCodeFirst = 10100;
constexpr int kAppCodeLast = 10200;

}  // namespace

std::string event_time(const CallContext& ctx) { return std::to_string(ctx.clock.now() * 1000); }

json::array member_list(const std::vector<std::string>& accounts) {
  json::array list;
  for (const auto& account : accounts) list.push_back(json::object{{"Member_Account", account}});
  return list;
}

json::object group_body(const CallContext& ctx, const core::Group& g) {
  return {{"GroupId", g.group_id},
          {"Type", core::to_string(g.type)},
          {"Operator_Account", std::string(ctx.identifier)}};
}

bool wants(const CallContext& ctx, std::string_view command) {
  return ctx.callbacks && ctx.callbacks->wants(command);
}

std::optional<Reply> ask_group_before(const CallContext& ctx, std::string_view command, json::object body,
                                      callback::Verdict* verdict) {
  if (!ctx.callbacks) return std::nullopt;
  body["EventTime"] = event_time(ctx);
  const auto answer = ctx.callbacks->before(command, body);
  if (!answer) return std::nullopt;
  if (verdict) *verdict = *answer;
  if (answer->denied_by_failure) return Reply::error(ErrorCode::callback_failed);
  // A failed call the app's policy lets through, and ErrorCode 0, go on.
  if (answer->failed || answer->error_code == 0) return std::nullopt;
  const int code = answer->error_code;
  if (code >= kAppCodeFirst && code <= kAppCodeLast)
    return Reply::error(static_cast<ErrorCode>(code), answer->error_info);
  return Reply::error(ErrorCode::group_callback_refused, answer->error_info);
}

json::object create_group_body(const CallContext& ctx, const core::Group& g,
                               const std::vector<core::GroupMember>& members) {
  std::vector<std::string> accounts;
  for (const auto& m : members) accounts.push_back(m.user_id);
  return {{"Operator_Account", std::string(ctx.identifier)},
          {"Owner_Account", g.owner},
          {"Type", core::to_string(g.type)},
          {"Name", g.name},
          {"MemberList", member_list(accounts)}};
}

json::object apply_join_body(const CallContext& ctx, const core::Group& g, std::string_view applicant,
                             std::string_view apply_msg) {
  auto body = group_body(ctx, g);
  body.erase("Operator_Account");
  body["Requestor_Account"] = applicant;
  body["ApplyMsg"] = apply_msg;
  return body;
}

json::object invite_join_body(const CallContext& ctx, const core::Group& g,
                              const std::vector<std::string>& invited) {
  auto body = group_body(ctx, g);
  body["DestinationMembers"] = member_list(invited);
  return body;
}

std::vector<std::string> refused_members(const callback::Verdict& verdict) {
  std::vector<std::string> refused;
  if (const auto* list = verdict.reply.if_contains("RefusedMembers_Account"); list && list->is_array())
    for (const auto& item : list->get_array())
      if (item.is_string()) refused.emplace_back(item.get_string());
  return refused;
}

void after_create_group(const CallContext& ctx, const core::Group& g,
                        const std::vector<core::GroupMember>& members) {
  constexpr std::string_view kCommand = "Group.CallbackAfterCreateGroup";
  if (!wants(ctx, kCommand)) return;
  auto body = create_group_body(ctx, g, members);
  body["GroupId"] = g.group_id;
  boost::system::error_code ec;
  auto data = json::parse(g.app_defined_data_json, ec);
  body["UserDefinedDataList"] = !ec && data.is_array() ? std::move(data) : json::value(json::array{});
  body["EventTime"] = event_time(ctx);
  ctx.callbacks->after(kCommand, std::move(body));
}

void after_new_member_join(const CallContext& ctx, const core::Group& g, std::string_view join_type,
                           std::string_view operator_account, const std::vector<std::string>& joined) {
  constexpr std::string_view kCommand = "Group.CallbackAfterNewMemberJoin";
  if (joined.empty() || !wants(ctx, kCommand)) return;
  auto body = group_body(ctx, g);
  body["JoinType"] = join_type;
  body["Operator_Account"] = operator_account;
  body["NewMemberList"] = member_list(joined);
  body["EventTime"] = event_time(ctx);
  ctx.callbacks->after(kCommand, std::move(body));
}

void after_member_exit(const CallContext& ctx, const core::Group& g, std::string_view exit_type,
                       std::string_view operator_account, const std::vector<std::string>& left) {
  constexpr std::string_view kCommand = "Group.CallbackAfterMemberExit";
  if (left.empty() || !wants(ctx, kCommand)) return;
  auto body = group_body(ctx, g);
  body["ExitType"] = exit_type;
  body["Operator_Account"] = operator_account;
  body["ExitMemberList"] = member_list(left);
  body["EventTime"] = event_time(ctx);
  ctx.callbacks->after(kCommand, std::move(body));
}

void after_group_destroyed(const CallContext& ctx, const core::Group& g,
                           const std::vector<std::string>& members) {
  constexpr std::string_view kCommand = "Group.CallbackAfterGroupDestroyed";
  if (!wants(ctx, kCommand)) return;
  auto body = group_body(ctx, g);
  body["Name"] = g.name;
  body["Owner_Account"] = g.owner;
  body["MemberList"] = member_list(members);
  body["EventTime"] = event_time(ctx);
  ctx.callbacks->after(kCommand, std::move(body));
}

void after_group_info_changed(const CallContext& ctx, const core::Group& g, const json::object& request) {
  constexpr std::string_view kCommand = "Group.CallbackAfterGroupInfoChanged";
  if (!wants(ctx, kCommand)) return;
  auto body = group_body(ctx, g);
  // The profile fields the call named, with their new values.
  for (const auto& [field, value] : {std::pair<std::string_view, const std::string*>{"Name", &g.name},
                                     {"Introduction", &g.introduction},
                                     {"Notification", &g.notification},
                                     {"FaceUrl", &g.face_url}})
    if (request.contains(field)) body[field] = *value;
  body["EventTime"] = event_time(ctx);
  ctx.callbacks->after(kCommand, std::move(body));
}

void after_recall_msg(const CallContext& ctx, const core::Group& g,
                      const std::vector<std::int64_t>& recalled) {
  constexpr std::string_view kCommand = "Group.CallbackAfterRecallMsg";
  if (recalled.empty() || !wants(ctx, kCommand)) return;
  auto body = group_body(ctx, g);
  json::array seqs;
  for (const auto seq : recalled) seqs.push_back(json::object{{"MsgSeq", seq}});
  body["MsgSeqList"] = std::move(seqs);
  body["EventTime"] = event_time(ctx);
  ctx.callbacks->after(kCommand, std::move(body));
}

void after_change_group_owner(const CallContext& ctx, const core::Group& g, std::string_view old_owner) {
  constexpr std::string_view kCommand = "Group.CallbackAfterChangeGroupOwner";
  if (!wants(ctx, kCommand)) return;
  auto body = group_body(ctx, g);
  body["NewOwner_Account"] = g.owner;
  body["OldOwner_Account"] = old_owner;
  body["EventTime"] = event_time(ctx);
  ctx.callbacks->after(kCommand, std::move(body));
}

}  // namespace timock::api::group
