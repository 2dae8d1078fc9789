// An app's daily figures, counted from what the store holds (openconfigsvr/getappinfo, reference/rest-api.md
// §3.8): messages, senders, registrations, groups and friendships by day.
#pragma once

#include <cstdint>
#include <map>

#include "core/domain.hpp"

namespace timock::store {

class Database;

struct DailyStats {
  std::int64_t c2c_msgs = 0;
  std::int64_t c2c_senders = 0;
  std::int64_t group_msgs = 0;
  std::int64_t group_senders = 0;
  std::int64_t active_users = 0;  // sent a C2C or a group message that day
  std::int64_t new_accounts = 0;
  std::int64_t total_accounts = 0;  // at the end of the day
  std::int64_t new_groups = 0;
  std::int64_t total_groups = 0;     // at the end of the day (groups that still exist)
  std::int64_t new_friendships = 0;  // friend list entries added that day
};

class AppStatsRepository {
 public:
  AppStatsRepository(Database& db, core::SdkAppId sdkappid) : db_(db), sdkappid_(sdkappid) {}

  // Days numbered (t + utc_offset) / 86400, from `first_day` to `last_day` inclusive; days with nothing are
  // zeros.
  std::map<std::int64_t, DailyStats> daily(std::int64_t first_day, std::int64_t last_day,
                                           std::int64_t utc_offset);

 private:
  Database& db_;
  core::SdkAppId sdkappid_;
};

}  // namespace timock::store
