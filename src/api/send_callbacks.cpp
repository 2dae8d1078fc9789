#include "api/send_callbacks.hpp"

#include "callback/callbacks.hpp"

namespace timock::api {

namespace json = boost::json;

namespace {

// §7: the codes an app may answer a refusal with, passed to the sender as they are.
constexpr int kGroupAppCodes[] = {10100, 10200};
constexpr int kC2cAppCodes[] = {120001, 130000};

}  // namespace

ForbiddenCallbacks forbidden_callbacks(const json::object& body) {
  ForbiddenCallbacks forbidden;
  const auto* control = body.if_contains("ForbidCallbackControl");
  if (!control || !control->is_array()) return forbidden;
  for (const auto& item : control->get_array()) {
    if (!item.is_string()) continue;
    if (item.get_string() == "ForbidBeforeSendMsgCallback") forbidden.before = true;
    if (item.get_string() == "ForbidAfterSendMsgCallback") forbidden.after = true;
  }
  return forbidden;
}

SendDecision read_send_verdict(const callback::Verdict& verdict, core::ErrorCode refused, bool is_group) {
  SendDecision decision;
  if (verdict.denied_by_failure) {
    decision.verdict = SendVerdict::refuse;
    decision.refusal = Reply::error(core::ErrorCode::callback_failed);
    return decision;
  }
  if (verdict.failed) return decision;
  const int code = verdict.error_code;
  const auto& range = is_group ? kGroupAppCodes : kC2cAppCodes;
  if (code == 0) {
    if (const auto* body = verdict.reply.if_contains("MsgBody"); body && body->is_array() && !body->get_array().empty())
      decision.msg_body = *body;
    if (const auto* data = verdict.reply.if_contains("CloudCustomData"); data && data->is_string())
      decision.cloud_custom_data = std::string(data->get_string());
  } else if (code == 2) {
    decision.verdict = SendVerdict::drop;
  } else if (code == 1) {
    decision.verdict = SendVerdict::refuse;
    decision.refusal = Reply::error(refused, verdict.error_info);
  } else if (code >= range[0] && code <= range[1]) {
    decision.verdict = SendVerdict::refuse;
    decision.refusal = Reply::error(static_cast<core::ErrorCode>(code), verdict.error_info);
  }
  // Any other code is not one §7 gives a meaning to: the message goes through, as when the call fails.
  return decision;
}

}  // namespace timock::api
