// What a member sees of its groups: its own member row with the group's profile, a group's public profile,
// the history page and read reports (modern-sdk-groups.md §3.2, §3.15, §3.16, §3.18; webim-groups.md §5, §6).
#include <boost/json/value.hpp>
#include <algorithm>
#include <map>

#include "api/fields.hpp"
#include "api/group_common.hpp"
#include "client/group_client_commands.hpp"
#include "client/groups.hpp"
#include "core/clock.hpp"
#include "store/account_repository.hpp"
#include "store/database.hpp"
#include "store/group_message_repository.hpp"
#include "store/group_repository.hpp"
#include "store/store.hpp"

namespace timock::client::group {

namespace json = boost::json;
using api::Reply;
using api::group::FieldFilter;
using core::ErrorCode;

namespace {

// get_group_info's batch (§3.2: the SDK batches up to 50 ids).
constexpr std::size_t kMaxGroupIds = 50;

Reply bad(std::string info) { return Reply::error(ErrorCode::group_invalid_params, std::move(info)); }

// GroupIdList: a non-empty Array of String of at most 50.
std::optional<Reply> read_group_ids(const json::object& body, std::vector<std::string>& ids) {
  const auto list = api::array_field(body, {"GroupIdList"});
  if (!list.ok() || list.value->empty() || list.value->size() > kMaxGroupIds)
    return bad("GroupIdList must be an Array of 1 to 50 String");
  for (const auto& id : *list.value) {
    if (!id.is_string()) return bad("GroupIdList must be an Array of String");
    ids.emplace_back(id.get_string());
  }
  return std::nullopt;
}

// The filters of ResponseFilter (absent filter: every field).
std::optional<Reply> read_filters(const json::object& body, std::initializer_list<std::pair<std::string_view, FieldFilter*>> wanted) {
  json::object filters;
  if (const auto* value = body.if_contains("ResponseFilter")) {
    if (!value->is_object()) return bad("ResponseFilter must be an Object");
    filters = value->get_object();
  }
  for (const auto& [name, filter] : wanted)
    if (!api::group::read_filter(filters, name, *filter)) return bad("ResponseFilter's filters must be Arrays of String");
  return std::nullopt;
}

json::object failed(std::string_view group_id, ErrorCode code) {
  return {{"GroupId", group_id}, {"ErrorCode", core::to_int(code)}, {"ErrorInfo", core::default_error_info(code)}};
}

// A group's profile fields for a client, with the SDKs' old name for MuteAllMember (§3.1).
json::object profile(const core::App& app, store::GroupRepository& groups, const core::Group& g,
                     const FieldFilter& fields, const FieldFilter& app_data) {
  json::object item{{"GroupId", g.group_id}, {"ErrorCode", 0}, {"ErrorInfo", ""}};
  for (auto& [key, value] : api::group::base_info(app, g, groups.member_count(g.group_id), fields, app_data))
    item[key] = std::move(value);
  if (fields.wants("ShutUpAllMember")) item["ShutUpAllMember"] = g.mute_all_member ? "On" : "Off";
  return item;
}

}  // namespace

Reply get_group_self_member_info(const Deps& deps, const Caller& caller, const json::object& body) {
  std::vector<std::string> ids;
  if (auto error = read_group_ids(body, ids)) return *error;
  FieldFilter base, member, app_data{false, {}};
  if (auto error = read_filters(body, {{"GroupBaseInfoFilter", &base}, {"MemberInfoFilter", &member}}))
    return *error;
  if (const auto* filter = body.if_contains("ResponseFilter"); filter && filter->is_object())
    if (!api::group::read_filter(filter->get_object(), "AppDefinedDataFilter_Group", app_data))
      return bad("AppDefinedDataFilter_Group must be an Array of String");
  const auto now = deps.clock.now();
  auto reading = deps.store.read();
  store::GroupRepository groups(reading.db(), caller.app.sdkappid);
  json::array infos;
  for (const auto& id : ids) {
    const auto g = groups.find(id);
    if (!g) {
      infos.push_back(failed(id, ErrorCode::group_not_found));
      continue;
    }
    auto item = profile(caller.app, groups, *g, base, app_data);
    // The caller's own row only (§3.2: it fills the SDK's selfInfo); none for a non-member.
    json::array rows;
    if (const auto self = groups.member(id, caller.user)) rows.push_back(api::group::member_info(*self, now, member, nullptr));
    item["MemberList"] = std::move(rows);
    infos.push_back(std::move(item));
  }
  return Reply::ok({{"GroupInfo", std::move(infos)}});
}

Reply get_group_public_info(const Deps& deps, const Caller& caller, const json::object& body) {
  std::vector<std::string> ids;
  if (auto error = read_group_ids(body, ids)) return *error;
  FieldFilter base;
  if (auto error = read_filters(body, {{"GroupBasePublicInfoFilter", &base}})) return *error;
  auto reading = deps.store.read();
  store::GroupRepository groups(reading.db(), caller.app.sdkappid);
  json::array infos;
  for (const auto& id : ids) {
    const auto g = groups.find(id);
    // §3.18: the SDK needs an explicit ErrorCode 0 on a found group, and rejects with any other.
    infos.push_back(g ? profile(caller.app, groups, *g, base, FieldFilter{false, {}}) : failed(id, ErrorCode::group_not_found));
  }
  return Reply::ok({{"GroupInfo", std::move(infos)}});
}

Reply group_msg_get(const Deps& deps, const Caller& caller, const json::object& body) {
  std::string group_id;
  if (auto error = api::group::read_group_id(body, group_id)) return *error;
  const auto from_seq = api::int_field(body, {"ReqMsgSeq"});
  const auto number = api::int_field(body, {"ReqMsgNumber"});
  if (from_seq.state == api::FieldState::wrong_type || number.state == api::FieldState::wrong_type)
    return bad("ReqMsgSeq and ReqMsgNumber must be Integers");
  const auto limit = std::clamp<std::int64_t>(number.ok() ? number.value : kDefaultHistoryPage, 1, kMaxHistoryPage);
  auto reading = deps.store.read();
  store::GroupRepository groups(reading.db(), caller.app.sdkappid);
  core::Group g;
  if (auto error = api::group::load_group(groups, group_id, g)) return *error;
  if (!groups.member(group_id, caller.user))
    return Reply::error(ErrorCode::group_permission_denied, "the caller is not a group member");
  // Newest first, seq ≤ ReqMsgSeq (0 or absent: the newest); a live room keeps none (§5.4).
  std::vector<core::GroupMessage> page;
  if (!core::is_live_room(g.type)) {
    store::GroupMessageRepository messages(reading.db(), caller.app.sdkappid);
    page = messages.page(group_id, from_seq.ok() && from_seq.value > 0 ? from_seq.value : 0, limit);
  }
  store::AccountRepository accounts(reading.db(), caller.app.sdkappid);
  std::map<std::string, std::string, std::less<>> nicks;
  const auto summary = api::group::summary_of(g);
  json::array items;
  for (const auto& m : page) {
    auto item = group_item(caller.app.sdkappid, summary, m);
    if (m.kind == core::GroupMessageKind::message) {
      auto nick = nicks.find(m.from_account);
      if (nick == nicks.end()) {
        const auto account = accounts.find(m.from_account);
        nick = nicks.emplace(m.from_account, account ? account->nick : std::string()).first;
      }
      item["GroupInfo"].get_object()["From_AccountNick"] = nick->second;
    }
    items.push_back(std::move(item));
  }
  // §3.15: NextReqMsgSeq is the seq below the oldest returned (0 at the start), which ends the SDK's paging.
  const auto next = page.empty() ? 0 : page.back().msg_seq - 1;
  return Reply::ok({{"GroupId", group_id},
                    {"IsFinished", next <= 0 ? 1 : 0},
                    {"NextReqMsgSeq", std::max<std::int64_t>(next, 0)},
                    {"RspMsgList", std::move(items)}});
}

Reply msg_read_report(const Deps& deps, const Caller& caller, const json::object& body) {
  std::string group_id;
  if (auto error = api::group::read_group_id(body, group_id)) return *error;
  const auto seq = api::int_field(body, {"MsgReadedSeq"});
  if (!seq.ok() || seq.value < 0) return bad("MsgReadedSeq must be a non-negative Integer");
  auto locked = deps.store.lock();
  store::Transaction tx(locked.db());
  store::GroupRepository groups(locked.db(), caller.app.sdkappid);
  core::Group g;
  if (auto error = api::group::load_group(groups, group_id, g)) return *error;
  auto self = groups.member(group_id, caller.user);
  if (!self) return Reply::error(ErrorCode::group_permission_denied, "the caller is not a group member");
  // A read mark only moves forward, and never past the last seq (webim-groups.md §6: 0 is a no-op).
  const auto read = std::min(seq.value, g.next_msg_seq - 1);
  if (read > self->read_seq) {
    self->read_seq = read;
    groups.update_member(group_id, *self);
  }
  tx.commit();
  return Reply::ok();
}

}  // namespace timock::client::group
