// What one call (a REST command, a client's command) asks of its app's callback server (reference/rest-api.md
// §7). A handler asks a before-callback for its verdict and queues after-callbacks; the surface's gateway sends
// them: the before-callback before the command runs to its end, the after-callbacks once the reply is out.
//
// Handlers stay synchronous: the first time a handler asks a before-callback whose verdict is not in yet,
// before() throws AskFirst. The handler has written nothing by then (a before-callback decides whether the
// write happens), so the gateway sends the callback and, with its verdict, runs the command again from the
// start; that time before() returns the verdict.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/callback_config.hpp"

namespace timock::callback {

// How the app answered a before-callback.
struct Verdict {
  // The call failed (timeout, refused connection, non-200, not JSON) and the app's policy is "deny".
  bool denied_by_failure = false;
  // The call failed and the app's policy let the event through.
  bool failed = false;
  int error_code = 0;  // the reply's ErrorCode (0 allow; for messages 1 refuse, 2 drop silently)
  std::string error_info;
  boost::json::object reply;  // the whole reply: MsgBody/CloudCustomData rewrites, ResultItem, RefusedMembers_Account
  boost::json::object asked;  // the body timock sent (so a second run reuses the MsgSeq it announced)

  bool allows() const { return !denied_by_failure && (failed || error_code == 0); }
};

// Thrown by Callbacks::before: send this callback, then run the command again.
struct AskFirst {
  std::string command;
  boost::json::object body;
};

// An after-callback waiting for the reply to go out.
struct Notice {
  std::string command;
  boost::json::object body;
};

// §7 OptPlatform: who made the call.
inline constexpr std::string_view kRestPlatform = "RESTAPI";
inline constexpr std::string_view kWebPlatform = "Web";

class Callbacks {
 public:
  Callbacks(core::CallbackConfig config, std::string platform, std::string client_ip)
      : config_(std::move(config)), platform_(std::move(platform)), client_ip_(std::move(client_ip)) {}

  // Whether the app wants `command` called at all (build a body only then).
  bool wants(std::string_view command) const { return config_.wants(command); }
  // A before-callback: nullopt when the app does not want it (go ahead), the verdict once it is in; throws
  // AskFirst otherwise.
  std::optional<Verdict> before(std::string_view command, const boost::json::object& body) const;
  // Queues an after-callback (dropped when the app does not want it).
  void after(std::string_view command, boost::json::object body);

  // The gateway's side.
  void set_verdict(const std::string& command, Verdict verdict) { verdicts_[command] = std::move(verdict); }
  std::vector<Notice> take_notices() { return std::exchange(notices_, {}); }
  const core::CallbackConfig& config() const { return config_; }
  const std::string& platform() const { return platform_; }
  const std::string& client_ip() const { return client_ip_; }

 private:
  core::CallbackConfig config_;
  std::string platform_;
  std::string client_ip_;
  std::map<std::string, Verdict, std::less<>> verdicts_;
  std::vector<Notice> notices_;
};

}  // namespace timock::callback
