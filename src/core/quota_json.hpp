// Quota configuration as JSON, the one shape used by PUT /mock/apps/{id}/quotas, app `options.quotas` and
// fixtures/snapshots:
//   {"enabled": true, "app_per_second": 50 | null,
//    "limits": {"openim/sendmsg": {"per_second": 5}, "openim/batchsendmsg": {"recipients_per_minute": 1000}}}
// In `limits`, an absent field keeps the §8 default, null lifts the limit, N allows N (0 refuses every call).
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <variant>

#include "core/quota_config.hpp"

namespace timock::core {

struct QuotaConfigError {
  std::string field;    // the bad field's path inside the quota object ("limits.openim/sendmsg.per_second")
  std::string message;  // what it must be
};

boost::json::object quota_config_to_json(const QuotaConfig& config);
// null = quotas off. An object turns them on unless it says "enabled": false.
std::variant<QuotaConfig, QuotaConfigError> quota_config_from_json(const boost::json::value& value);

}  // namespace timock::core
