// The message-send callbacks every surface's send shares (reference/rest-api.md §7): C2C and group
// Before/AfterSendMsg, ForbidCallbackControl, and what a before-callback's verdict does to the send.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>

#include "api/command.hpp"

namespace timock::callback {
struct Verdict;
}

namespace timock::api {

// §3.3 ForbidCallbackControl: ["ForbidBeforeSendMsgCallback", "ForbidAfterSendMsgCallback"].
struct ForbiddenCallbacks {
  bool before = false;
  bool after = false;
};
ForbiddenCallbacks forbidden_callbacks(const boost::json::object& body);

// What a send does after its before-callback.
enum class SendVerdict { go, refuse, drop };

struct SendDecision {
  SendVerdict verdict = SendVerdict::go;
  std::optional<Reply> refusal;               // with SendVerdict::refuse
  std::optional<boost::json::value> msg_body;  // a rewritten MsgBody (an array)
  std::optional<std::string> cloud_custom_data;
};

// §7: 0 lets the message through (with the MsgBody/CloudCustomData the app gave back), 1 refuses it
// (`refused`: 20006 for C2C, 10016 for groups), 2 drops it silently; a group's codes 10100–10200 and C2C's
// 120001–130000 reach the sender as they are. A failed call follows the app's policy: through, or 80003.
SendDecision read_send_verdict(const callback::Verdict& verdict, core::ErrorCode refused, bool is_group);

}  // namespace timock::api
