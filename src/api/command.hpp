// What a REST command handler is: a function of (app, caller, JSON body) → reply or error code.
// It does no I/O except through the store (reference: ../DESIGN "Code layout", STYLE §1).
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/domain.hpp"
#include "core/error_code.hpp"

namespace timock::core {
class Clock;
class EventHub;
}  // namespace timock::core
namespace timock::store {
class Store;
}
namespace timock::callback {
class Callbacks;
}

namespace timock::api {

struct CallContext {
  const core::App& app;
  std::string_view identifier;  // the authenticated caller (the app admin for REST)
  store::Store& store;
  const core::Clock& clock;
  // Where stored messages are announced to online clients (null in handler unit tests).
  const core::EventHub* hub = nullptr;
  // The client instance making the call (a WebIM A2Key, a WebSocket session); empty for REST.
  std::string_view instance = {};
  // The call's third-party callbacks (reference/rest-api.md §7): a before-callback's verdict, the
  // after-callbacks to send once the reply is out. Null where no callback is sent (imports, unit tests).
  callback::Callbacks* callbacks = nullptr;
  // How the caller reached timock ("http://127.0.0.1:9000"), for URLs in a reply; empty outside a request.
  std::string_view origin = {};
};

// A handler's answer. The envelope (ActionStatus/ErrorCode/ErrorInfo) is added by the router, in one place.
struct Reply {
  core::ErrorCode code = core::ErrorCode::ok;
  std::string error_info;           // empty → the catalogue's default for `code`
  boost::json::object fields;       // command fields, merged into the envelope (also on errors)
  std::string action_status;        // empty → "OK" / "FAIL" from `code`; batchsendmsg's "SomeError"
  // Command fields whose JSON text is made already, serialised after `fields` in this order: a page of stored
  // messages splices each stored body's text in rather than parsing it into a DOM to serialise it again
  // (bench/RESULTS.md F5). Only for text timock wrote itself (valid JSON by construction).
  std::vector<std::pair<std::string, std::string>> raw_fields;

  // `fields` and `raw_fields` as one object, the raw ones parsed (for tests that read a reply as a DOM).
  boost::json::object wire_fields() const;

  static Reply ok(boost::json::object fields = {}) { return Reply{core::ErrorCode::ok, {}, std::move(fields), {}, {}}; }
  static Reply error(core::ErrorCode code, std::string info = {}) { return Reply{code, std::move(info), {}, {}, {}}; }
};

using Handler = std::function<Reply(const CallContext&, const boost::json::object& body)>;

// The per-service codes of reference/rest-api.md §1.4.
struct ServiceInfo {
  core::ErrorCode admin_required;
  core::ErrorCode bad_json;
  core::ErrorCode internal_error;
  core::ErrorCode unknown_command = core::ErrorCode::unknown_resource;
  bool error_display = false;  // sns, profile, recentcontact replies carry "ErrorDisplay":""
  bool action_status = true;   // openconfigsvr's replies carry no ActionStatus (reference/rest-api.md §3.8)
};

class CommandTable {
 public:
  void add_service(std::string service, ServiceInfo info);
  void add(std::string service, std::string command, Handler handler);
  const ServiceInfo* service(std::string_view name) const;
  const Handler* find(std::string_view service, std::string_view command) const;
  // Every registered "service/command", sorted (the fuzzers walk them all).
  std::vector<std::string> names() const;

 private:
  std::map<std::string, ServiceInfo, std::less<>> services_;
  std::map<std::string, Handler, std::less<>> handlers_;  // "service/command"
};

// Registers every REST service timock emulates (one file per service registers its commands).
CommandTable make_rest_commands();

}  // namespace timock::api
