#include "api/sns_callbacks.hpp"

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include "callback/callbacks.hpp"
#include "core/clock.hpp"

namespace timock::api::sns {

namespace json = boost::json;
using core::ErrorCode;

PrevVerdict ask_prev_friend(const CallContext& ctx, std::string_view command, json::object body) {
  PrevVerdict decided;
  if (!ctx.callbacks) return decided;
  body["Requester_Account"] = ctx.identifier;
  body["EventTime"] = ctx.clock.now() * 1000;
  const auto verdict = ctx.callbacks->before(command, body);
  if (!verdict) return decided;
  if (verdict->denied_by_failure) {
    decided.refusal = Reply::error(ErrorCode::callback_failed);
    return decided;
  }
  // §7: a top-level ErrorCode other than 0 is the app failing, and lets every item through.
  if (verdict->failed || verdict->error_code != 0) return decided;
  const auto* items = verdict->reply.if_contains("ResultItem");
  if (!items || !items->is_array()) return decided;
  for (const auto& entry : items->get_array()) {
    const auto* item = entry.if_object();
    const auto* to = item ? item->if_contains("To_Account") : nullptr;
    const auto* code = item ? item->if_contains("ResultCode") : nullptr;
    if (!to || !to->is_string() || !code || !code->is_int64() || code->get_int64() == 0) continue;
    const auto* info = item->if_contains("ResultInfo");
    // §7: the app answers with a code of its own ([38000, 39000] advised); the caller sees it as given.
    decided.refused[std::string(to->get_string())] = {
        static_cast<ErrorCode>(code->get_int64()),
        info && info->is_string() ? std::string(info->get_string()) : ""};
  }
  return decided;
}

void FriendPairs::add(std::string_view from, std::string_view to, std::string_view initiator) {
  json::object pair{{"From_Account", from}, {"To_Account", to}};
  if (!initiator.empty()) pair["Initiator_Account"] = initiator;
  pairs_.push_back(std::move(pair));
}

void FriendPairs::after(const CallContext& ctx, json::object extra) {
  if (pairs_.empty() || !ctx.callbacks || !ctx.callbacks->wants(command_)) return;
  json::array list;
  for (auto& pair : pairs_) list.push_back(std::move(pair));
  pairs_.clear();
  extra["PairList"] = std::move(list);
  extra["EventTime"] = ctx.clock.now() * 1000;
  ctx.callbacks->after(command_, std::move(extra));
}

json::object friend_add_fields(const CallContext& ctx, std::string_view client_cmd, bool forced) {
  // §7: Admin_Account names the admin when the change came over REST (a client call has an instance).
  return {{"ClientCmd", client_cmd},
          {"Admin_Account", ctx.instance.empty() ? std::string(ctx.identifier) : std::string()},
          {"ForceFlag", forced ? 1 : 0}};
}

}  // namespace timock::api::sns
