#include "core/quota_config.hpp"

#include <array>
#include <utility>

namespace timock::core {

namespace {

// reference/rest-api.md §8 "Per-API frequency": 200/s unless listed here. The 2018 names timock still
// answers (querystate, friend_get_all) keep the 100/s their 2018 pages give (§2, §3.2, §3.5).
struct Exception {
  std::string_view service;
  std::string_view command;
  std::int64_t per_second;
};
constexpr std::array kExceptions{
    Exception{"im_open_login_svc", "multiaccount_import", 100},
    Exception{"im_open_login_svc", "account_delete", 100},
    Exception{"im_open_login_svc", "account_check", 100},
    Exception{"openim", "querystate", 100},
    Exception{"sns", "friend_get_all", 100},
    Exception{"all_member_push", "im_set_attr_name", 100},
    Exception{"all_member_push", "im_get_attr_name", 100},
    Exception{"all_member_push", "im_get_attr", 100},
    Exception{"all_member_push", "im_set_attr", 100},
    Exception{"all_member_push", "im_remove_attr", 100},
    Exception{"all_member_push", "im_get_tag", 100},
    Exception{"all_member_push", "im_add_tag", 100},
    Exception{"all_member_push", "im_remove_tag", 100},
    Exception{"all_member_push", "im_remove_all_tags", 100},
    Exception{"open_msg_svc", "get_history", 10},
    Exception{"openim_dirty_words", "get", 100},  // §2: 2018 only, 100/s
    Exception{"openim_dirty_words", "add", 100},
    Exception{"openim_dirty_words", "delete", 100},
    Exception{"group_open_http_svc", "get_appid_group_list", 1},
    Exception{"group_open_http_svc", "send_broadcast_msg", 1},
};
constexpr std::int64_t kDefaultPerSecond = 200;

// Issue #5: batchsendmsg is also metered by the recipients it fans out to, 12,000 a minute. The reference
// gives only the 200 calls/s (§3.3); this figure comes from the issue, so it can be overridden like any
// other.
constexpr std::int64_t kBatchRecipientsPerMinute = 12000;

std::optional<std::int64_t> resolved(std::optional<std::int64_t> configured,
                                     std::optional<std::int64_t> fallback) {
  if (!configured) return fallback;
  if (*configured == kNoLimit) return std::nullopt;
  return configured;
}

}  // namespace

std::int64_t default_per_second(std::string_view service, std::string_view command) {
  for (const auto& exception : kExceptions)
    if (exception.service == service && exception.command == command) return exception.per_second;
  return kDefaultPerSecond;
}

bool counts_recipients(std::string_view service, std::string_view command) {
  return service == "openim" && command == "batchsendmsg";
}

std::optional<std::int64_t> default_recipients_per_minute(std::string_view service,
                                                          std::string_view command) {
  if (counts_recipients(service, command)) return kBatchRecipientsPerMinute;
  return std::nullopt;
}

EffectiveQuota effective_quota(const QuotaConfig& config, std::string_view service,
                               std::string_view command) {
  EffectiveQuota quota{default_per_second(service, command), default_recipients_per_minute(service, command)};
  std::string key;
  key.reserve(service.size() + 1 + command.size());
  key.append(service).append("/").append(command);
  if (auto it = config.limits.find(key); it != config.limits.end()) {
    quota.per_second = resolved(it->second.per_second, quota.per_second);
    quota.recipients_per_minute = resolved(it->second.recipients_per_minute, quota.recipients_per_minute);
  }
  return quota;
}

}  // namespace timock::core
