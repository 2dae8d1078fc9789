// all_member_push/im_push (reference/rest-api.md §3.8): a message from From_Account (the App admin when
// absent) to every account of the app, or to those a Condition of tags and attributes picks. Each receiver
// gets it as a C2C message, stored and delivered like a sendmsg (online clients of both protocols at once,
// the others when they sync), so offline users find it later. One push a second (90024), 100 a day (90047).
#include <boost/json/value.hpp>
#include <set>
#include <string>
#include <vector>

#include "api/beijing_calendar.hpp"
#include "api/c2c_receive_option.hpp"
#include "api/accounts.hpp"
#include "api/fields.hpp"
#include "api/openim_common.hpp"
#include "api/push_rules.hpp"
#include "core/clock.hpp"
#include "store/database.hpp"
#include "store/message_repository.hpp"
#include "store/push_audience_repository.hpp"
#include "store/store.hpp"

namespace timock::api {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// §3.8: attribute names/values and tags are 1–50 bytes; pushes ≥ 1 s apart and 100 a day (Beijing days).
constexpr std::size_t kMaxAttrBytes = 50;
constexpr std::size_t kMaxTagBytes = 50;
constexpr std::int64_t kPushesPerDay = 100;

Reply bad(std::string info) {
  return Reply::error(ErrorCode::openim_json_parse_error, std::move(info));
}

std::optional<Reply> read_tags(const json::object& condition, std::string_view key,
                               std::vector<std::string>& out) {
  const auto list = array_field(condition, {key});
  if (list.state == FieldState::wrong_type) return bad(std::string(key) + " must be an Array of String");
  if (!list.ok()) return std::nullopt;
  if (auto error = check_tags(*list.value)) return *error;
  for (const auto& tag : *list.value) out.emplace_back(tag.get_string());
  return std::nullopt;
}

std::optional<Reply> read_attrs(const json::object& condition, std::string_view key,
                                const std::set<std::string, std::less<>>& defined,
                                std::map<std::string, std::string>& out) {
  const auto attrs = object_field(condition, {key});
  if (attrs.state == FieldState::wrong_type) return bad(std::string(key) + " must be an object");
  if (!attrs.ok()) return std::nullopt;
  for (const auto& [name, value] : *attrs.value) {
    if (!defined.contains(std::string_view(name)))
      return Reply::error(ErrorCode::push_attr_invalid, "no attribute named " + std::string(name));
    if (!value.is_string()) return bad("attribute values must be Strings");
    if (auto error = check_attr_text(value.get_string(), false)) return *error;
    out.emplace(std::string(name), std::string(value.get_string()));
  }
  return std::nullopt;
}

Reply im_push(const CallContext& ctx, const json::object& body) {
  core::C2cMessage message;
  const auto from = string_field(body, {"From_Account"});
  if (from.state == FieldState::wrong_type || (from.ok() && from.value.empty()))
    return Reply::error(ErrorCode::openim_bad_from_account, "Invalid format of From_Account");
  message.from_account = from.ok() ? std::string(from.value) : ctx.app.admin;
  if (auto error = openim::read_message_fields(body, openim::Options::send, message)) return *error;
  if (const auto* info = body.if_contains("OfflinePushInfo"); info && !info->is_object())
    return Reply::error(ErrorCode::push_bad_offline_push_info);
  const auto condition_field = object_field(body, {"Condition"});
  if (condition_field.state == FieldState::wrong_type) return bad("Condition must be an object");
  const auto now = ctx.clock.now();
  message.msg_time = now;

  std::vector<core::C2cMessage> stored;
  std::string task_id;
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
    if (!account_known(accounts, ctx.app, message.from_account))
      return Reply::error(ErrorCode::openim_account_not_exist, "From_Account does not exist");
    store::PushAudienceRepository audience(locked.db(), ctx.app.sdkappid);
    store::PushCondition condition;
    if (condition_field.ok()) {
      std::set<std::string, std::less<>> defined;
      for (const auto& [slot, name] : audience.attr_names()) defined.insert(name);
      const auto& c = *condition_field.value;
      if (auto error = read_tags(c, "TagsAnd", condition.tags_and)) return *error;
      if (auto error = read_tags(c, "TagsOr", condition.tags_or)) return *error;
      if (auto error = read_attrs(c, "AttrsAnd", defined, condition.attrs_and)) return *error;
      if (auto error = read_attrs(c, "AttrsOr", defined, condition.attrs_or)) return *error;
    }
    auto counters = audience.counters();
    if (counters.pushes > 0 && now - counters.last_push < 1)
      return Reply::error(ErrorCode::push_too_frequent);
    const auto today = beijing_day(now);
    if (counters.day != today) counters = {counters.last_push, today, 0};
    if (counters.pushes >= kPushesPerDay) return Reply::error(ErrorCode::push_daily_limit);
    counters.last_push = now;
    ++counters.pushes;
    audience.save_counters(counters);
    store::MessageRepository messages(locked.db(), ctx.app.sdkappid);
    for (auto& user : audience.audience(condition, message.from_account)) {
      if (user == ctx.app.admin) continue;
      auto copy = message;
      copy.to_account = std::move(user);
      apply_receive_option(locked.db(), ctx.app.sdkappid, copy);
      copy.id = messages.insert(copy);
      stored.push_back(std::move(copy));
    }
    tx.commit();
    // §3.8's TaskId: "<SDKAppID>_<…>_<…>_<…>"; timock's parts are the day's push count, the time and
    // MsgRandom.
    task_id = std::to_string(ctx.app.sdkappid) + "_" + std::to_string(counters.pushes) + "_" +
              std::to_string(now) + "_" + std::to_string(message.msg_random);
  }
  openim::publish(ctx, stored);
  return Reply::ok({{"TaskId", task_id}});
}

}  // namespace

std::optional<Reply> check_attr_text(std::string_view text, bool is_name) {
  if (text.empty() || text.size() > kMaxAttrBytes)
    return Reply::error(
        ErrorCode::openim_bad_sync_from_old_system,  // 90030, all_member_push's "attribute length"
        is_name ? "an attribute name is 1 to 50 bytes" : "an attribute value is 1 to 50 bytes");
  return std::nullopt;
}

std::optional<Reply> check_tags(const json::array& tags) {
  if (static_cast<std::int64_t>(tags.size()) > kMaxPushTags)
    return Reply::error(ErrorCode::push_too_many_tags);
  std::set<std::string_view> seen;
  for (const auto& tag : tags) {
    if (!tag.is_string()) return bad("tags must be Strings");
    if (tag.get_string().empty()) return Reply::error(ErrorCode::push_tag_empty);
    if (tag.get_string().size() > kMaxTagBytes) return Reply::error(ErrorCode::push_tag_too_long);
    if (!seen.insert(tag.get_string()).second) return Reply::error(ErrorCode::push_duplicate_tags);
  }
  return std::nullopt;
}

void register_push_audience_commands(CommandTable& table);

void register_all_member_push_service(CommandTable& table) {
  // The service answers with openim's codes (§4.6: 90001 bad JSON, 90009 admin, 91000 internal).
  table.add_service("all_member_push", {ErrorCode::openim_admin_required, ErrorCode::openim_json_parse_error,
                                        ErrorCode::openim_internal_error});
  table.add("all_member_push", "im_push", im_push);
  register_push_audience_commands(table);
}

}  // namespace timock::api
