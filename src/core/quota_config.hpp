// Per-app quotas: the real per-API frequency limits of reference/rest-api.md §8, opt-in per app
// (`options.quotas`, PUT /mock/apps/{id}/quotas). Plain types here; JSON in core/quota_json.hpp, counting in
// core/quota_meter.hpp.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace timock::core {

// A configured limit that lifts the default: no limit at all.
inline constexpr std::int64_t kNoLimit = -1;

// One REST command's overrides of the §8 defaults. nullopt keeps the default; kNoLimit lifts it; N allows N.
struct CommandQuota {
  std::optional<std::int64_t> per_second;  // calls per second (60007)
  std::optional<std::int64_t>
      recipients_per_minute;  // openim/batchsendmsg only: To_Account entries per minute

  bool operator==(const CommandQuota&) const = default;
};

struct QuotaConfig {
  // Off by default: an app answers every call, as timock always did. On: §8's limits apply, with `limits`
  // overriding them per command.
  bool enabled = false;
  // SDKAppID-wide calls per second (60011). §8 gives no figure for it, so it is unset (no limit) unless
  // configured.
  std::optional<std::int64_t> app_per_second;
  std::map<std::string, CommandQuota, std::less<>> limits;  // "service/command" → overrides

  bool operator==(const QuotaConfig&) const = default;
};

// The limits a command runs under: the §8 default unless `limits` overrides it. nullopt = no limit.
struct EffectiveQuota {
  std::optional<std::int64_t> per_second;
  std::optional<std::int64_t> recipients_per_minute;
};

// reference/rest-api.md §8 (and §2's per-command notes): 200/s for almost everything.
std::int64_t default_per_second(std::string_view service, std::string_view command);
// openim/batchsendmsg: 12,000 recipients a minute (issue #5); nullopt for every other command.
std::optional<std::int64_t> default_recipients_per_minute(std::string_view service, std::string_view command);
// Whether a command's quota is counted in recipients (To_Account entries) as well as in calls.
bool counts_recipients(std::string_view service, std::string_view command);

EffectiveQuota effective_quota(const QuotaConfig& config, std::string_view service, std::string_view command);

}  // namespace timock::core
