// Counts an app's REST calls against its quotas (core/quota_config.hpp) in fixed windows of the server's
// clock: one-second windows for calls, one-minute windows for batchsendmsg's recipients
// (reference/rest-api.md §8). Windows are keyed by core::Clock's seconds, so a frozen clock holds a window
// open and moving it a second (PUT /mock/clock) opens the next one: tests fill a window and step past it
// without sleeping. Per app, in memory, cleared with the app; the router's quota check consults it.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"
#include "core/error_code.hpp"
#include "core/quota_config.hpp"

namespace timock::core {

// What a REST call asks of the quotas.
struct QuotaCall {
  std::string_view service;
  std::string_view command;
  std::int64_t recipients = 0;  // To_Account entries, for commands metered in recipients (batchsendmsg)
};

// One command's counters, as GET /mock/apps/{id}/quotas shows them.
struct CommandUsage {
  std::string command;  // "service/command"
  EffectiveQuota limits;
  std::int64_t calls_this_second = 0;
  std::int64_t recipients_this_minute = 0;
  std::int64_t rejected = 0;  // 60007 and 60011 replies to this command since the counters were cleared
};

struct QuotaUsage {
  std::int64_t now = 0;
  std::int64_t calls_this_second = 0;  // the app's admitted calls, every command together
  std::int64_t rejected = 0;
  std::vector<CommandUsage> commands;  // the commands metered since the counters were cleared, by name
};

class QuotaMeter {
 public:
  // Counts the call and answers ok, or refuses it without counting it: app_rate_limited (60011) when the
  // app's calls this second are used up, else api_rate_limited (60007) when the command's calls this second
  // or its recipients this minute are. The SDKAppID-wide limit is checked first: it is the door in front of
  // every API. A disabled config admits everything and counts nothing. Callers meter only registered
  // commands, which bounds the counters per app.
  ErrorCode admit(SdkAppId app, const QuotaConfig& config, const QuotaCall& call, std::int64_t now);
  QuotaUsage usage(SdkAppId app, const QuotaConfig& config, std::int64_t now) const;
  void clear(SdkAppId app);

 private:
  // A fixed window: `used` counts within the window `key` (a second or a minute of the clock).
  struct Window {
    std::int64_t key = INT64_MIN;
    std::int64_t used = 0;
    std::int64_t used_in(std::int64_t window) const { return key == window ? used : 0; }
    void add(std::int64_t window, std::int64_t n);
  };
  struct CommandCounters {
    Window calls;       // per second
    Window recipients;  // per minute
    std::int64_t rejected = 0;
  };
  struct AppCounters {
    Window calls;  // per second, every command
    std::int64_t rejected = 0;
    std::map<std::string, CommandCounters, std::less<>> commands;  // "service/command"
  };
  mutable std::mutex mutex_;
  std::map<SdkAppId, AppCounters> apps_;
};

}  // namespace timock::core
