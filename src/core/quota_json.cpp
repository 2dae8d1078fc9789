#include "core/quota_json.hpp"

#include <boost/json/value.hpp>

namespace timock::core {

namespace json = boost::json;

namespace {

// Far above any real limit (§8 tops out at 200/s and 12,000/min) and far from overflowing the counters.
constexpr std::int64_t kMaxLimit = 1'000'000'000;
// §2's catalogue has about 150 commands; a config naming more is a mistake, and this bounds its size.
constexpr std::size_t kMaxOverrides = 256;
// The longest "service/command" of §2 is under 64 bytes.
constexpr std::size_t kMaxCommandKeyBytes = 128;

json::value limit_json(std::int64_t limit) {
  return limit == kNoLimit ? json::value(nullptr) : json::value(limit);
}

// A limit as written: an integer 0..kMaxLimit, or null for none.
std::optional<std::int64_t> read_limit(const json::value& value) {
  if (value.is_null()) return kNoLimit;
  std::int64_t n = -1;
  if (value.is_int64())
    n = value.get_int64();
  else if (value.is_uint64() && value.get_uint64() <= static_cast<std::uint64_t>(kMaxLimit))
    n = static_cast<std::int64_t>(value.get_uint64());
  if (n < 0 || n > kMaxLimit) return std::nullopt;
  return n;
}

bool valid_command_key(std::string_view key) {
  const auto slash = key.find('/');
  if (key.size() > kMaxCommandKeyBytes || slash == std::string_view::npos || slash == 0 ||
      slash + 1 == key.size())
    return false;
  for (std::size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!word && i != slash) return false;
  }
  return true;
}

const std::string kLimitRule = "must be an integer from 0 to 1000000000, or null for no limit";

std::variant<CommandQuota, QuotaConfigError> read_override(std::string_view key, const json::value& value) {
  const std::string path = "limits." + std::string(key);
  if (!value.is_object())
    return QuotaConfigError{path, "must be an object {per_second?, recipients_per_minute?}"};
  const auto slash = key.find('/');
  const auto service = key.substr(0, slash), command = key.substr(slash + 1);
  CommandQuota quota;
  for (const auto& [field, limit] : value.get_object()) {
    const std::string field_path = path + "." + std::string(field);
    const auto n = read_limit(limit);
    if (field == "per_second") {
      if (!n) return QuotaConfigError{field_path, kLimitRule};
      quota.per_second = n;
    } else if (field == "recipients_per_minute") {
      if (!counts_recipients(service, command))
        return QuotaConfigError{field_path,
                                "applies to openim/batchsendmsg only, the one command metered in recipients"};
      if (!n) return QuotaConfigError{field_path, kLimitRule};
      quota.recipients_per_minute = n;
    } else {
      return QuotaConfigError{field_path, "is not a field (per_second, recipients_per_minute)"};
    }
  }
  return quota;
}

}  // namespace

json::object quota_config_to_json(const QuotaConfig& config) {
  json::object limits;
  for (const auto& [key, quota] : config.limits) {
    json::object one;
    if (quota.per_second) one["per_second"] = limit_json(*quota.per_second);
    if (quota.recipients_per_minute) one["recipients_per_minute"] = limit_json(*quota.recipients_per_minute);
    limits[key] = std::move(one);
  }
  return {
      {"enabled", config.enabled},
      {"app_per_second", config.app_per_second ? json::value(*config.app_per_second) : json::value(nullptr)},
      {"limits", std::move(limits)}};
}

std::variant<QuotaConfig, QuotaConfigError> quota_config_from_json(const json::value& value) {
  QuotaConfig config;
  if (value.is_null()) return config;
  if (!value.is_object())
    return QuotaConfigError{"", "must be an object {enabled?, app_per_second?, limits?}"};
  config.enabled = true;
  for (const auto& [key, field] : value.get_object()) {
    if (key == "enabled") {
      if (!field.is_bool()) return QuotaConfigError{"enabled", "must be true or false"};
      config.enabled = field.get_bool();
    } else if (key == "app_per_second") {
      const auto n = read_limit(field);
      if (!n) return QuotaConfigError{"app_per_second", kLimitRule};
      if (*n != kNoLimit) config.app_per_second = n;
    } else if (key == "limits") {
      if (!field.is_object())
        return QuotaConfigError{"limits", "must be an object of \"service/command\": {...}"};
      if (field.get_object().size() > kMaxOverrides)
        return QuotaConfigError{"limits", "names more than " + std::to_string(kMaxOverrides) + " commands"};
      for (const auto& [command_key, override_json] : field.get_object()) {
        if (!valid_command_key(command_key))
          return QuotaConfigError{"limits." + std::string(command_key), "must be named \"service/command\""};
        auto parsed = read_override(command_key, override_json);
        if (auto* error = std::get_if<QuotaConfigError>(&parsed)) return std::move(*error);
        config.limits[std::string(command_key)] = std::get<CommandQuota>(parsed);
      }
    } else {
      return QuotaConfigError{std::string(key), "is not a field (enabled, app_per_second, limits)"};
    }
  }
  return config;
}

}  // namespace timock::core
