#include "core/quota_meter.hpp"

namespace timock::core {

namespace {

std::int64_t minute_of(std::int64_t unix_seconds) {
  return unix_seconds >= 0 ? unix_seconds / 60 : (unix_seconds - 59) / 60;
}

bool over(const std::optional<std::int64_t>& limit, std::int64_t used, std::int64_t asked) {
  return limit && used + asked > *limit;
}

}  // namespace

void QuotaMeter::Window::add(std::int64_t window, std::int64_t n) {
  if (key != window) {
    key = window;
    used = 0;
  }
  used += n;
}

ErrorCode QuotaMeter::admit(SdkAppId app, const QuotaConfig& config, const QuotaCall& call,
                            std::int64_t now) {
  if (!config.enabled) return ErrorCode::ok;
  const auto quota = effective_quota(config, call.service, call.command);
  std::string key;
  key.reserve(call.service.size() + 1 + call.command.size());
  key.append(call.service).append("/").append(call.command);
  const std::int64_t minute = minute_of(now);

  std::lock_guard lock(mutex_);
  auto& counters = apps_[app];
  auto& command = counters.commands[key];
  ErrorCode verdict = ErrorCode::ok;
  if (over(config.app_per_second, counters.calls.used_in(now), 1))
    verdict = ErrorCode::app_rate_limited;
  else if (over(quota.per_second, command.calls.used_in(now), 1) ||
           over(quota.recipients_per_minute, command.recipients.used_in(minute), call.recipients))
    verdict = ErrorCode::api_rate_limited;
  if (verdict != ErrorCode::ok) {
    ++counters.rejected;
    ++command.rejected;
    return verdict;
  }
  counters.calls.add(now, 1);
  command.calls.add(now, 1);
  if (call.recipients > 0) command.recipients.add(minute, call.recipients);
  return ErrorCode::ok;
}

QuotaUsage QuotaMeter::usage(SdkAppId app, const QuotaConfig& config, std::int64_t now) const {
  QuotaUsage usage;
  usage.now = now;
  std::lock_guard lock(mutex_);
  auto it = apps_.find(app);
  if (it == apps_.end()) return usage;
  usage.calls_this_second = it->second.calls.used_in(now);
  usage.rejected = it->second.rejected;
  for (const auto& [key, counters] : it->second.commands) {
    const auto slash = key.find('/');
    const std::string_view name(key);
    CommandUsage one{key, effective_quota(config, name.substr(0, slash), name.substr(slash + 1)),
                     counters.calls.used_in(now), counters.recipients.used_in(minute_of(now)),
                     counters.rejected};
    usage.commands.push_back(std::move(one));
  }
  return usage;
}

void QuotaMeter::clear(SdkAppId app) {
  std::lock_guard lock(mutex_);
  apps_.erase(app);
}

}  // namespace timock::core
