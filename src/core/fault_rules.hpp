// Fault rules: "fail the next 2 openim/sendmsg for alice with 20003", "add 300 ms to every call".
// Per app, in memory; the control plane edits them, the router's fault gate consults them
// (DESIGN "Control plane": the fault-rule format).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"

namespace timock::core {

struct FaultMatch {
  std::string service;     // empty = any
  std::string command;     // empty = any
  std::string identifier;  // the caller's user (client calls) or From_Account/Operator_Account (REST)
  std::string peer;        // To_Account / Peer_Account
  // "rest", "webim", "chatsdk" or "callback"; empty = any surface but "callback", so a rule written for
  // requests never stands in for the app's callback server (reference/rest-api.md §7).
  std::string surface;
};

struct FaultRule {
  std::string id;
  FaultMatch match;
  int error_code = 0;      // 0 = no error (a latency-only rule)
  std::string error_info;  // empty = the catalogue's ErrorInfo
  std::optional<std::int64_t> times;  // counts down; the rule ends at 0; nullopt = for ever
  double probability = 1.0;
  std::optional<std::uint64_t> seed;  // makes `probability` reproducible
  std::int64_t delay_ms = 0;
  unsigned http_status = 200;
  bool drop_connection = false;
  std::int64_t hits = 0;
};

// What a request looks like to the gate.
struct FaultSubject {
  std::string_view service;
  std::string_view command;
  std::string_view identifier;
  std::string_view peer;
  std::string_view surface;  // "rest", "webim", "chatsdk", "callback"
};

struct FaultOutcome {
  std::string rule_id;
  int error_code = 0;
  std::string error_info;
  std::int64_t delay_ms = 0;
  unsigned http_status = 200;
  bool drop_connection = false;
};

class FaultRules {
 public:
  // Adds a rule, giving it an id ("r1", "r2", ...) when it has none; returns the stored rule.
  FaultRule add(SdkAppId app, FaultRule rule);
  std::vector<FaultRule> list(SdkAppId app) const;
  std::optional<FaultRule> find(SdkAppId app, std::string_view id) const;
  bool remove(SdkAppId app, std::string_view id);
  void clear(SdkAppId app);
  // The first rule (in the order added) that matches and fires; counts its hit down.
  std::optional<FaultOutcome> consult(SdkAppId app, const FaultSubject& subject);

 private:
  struct AppRules {
    std::vector<FaultRule> rules;
    std::map<std::string, std::mt19937_64> generators;  // per rule, seeded when the rule has a seed
    std::uint64_t next_id = 1;
  };
  mutable std::mutex mutex_;
  std::map<SdkAppId, AppRules> apps_;
};

}  // namespace timock::core
