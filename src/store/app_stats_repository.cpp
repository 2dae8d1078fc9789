#include "store/app_stats_repository.hpp"

#include "store/query.hpp"

namespace timock::store {

namespace {

constexpr std::int64_t kDaySeconds = 86400;

}  // namespace

std::map<std::int64_t, DailyStats> AppStatsRepository::daily(std::int64_t first_day, std::int64_t last_day,
                                                             std::int64_t utc_offset) {
  std::map<std::int64_t, DailyStats> days;
  for (auto day = first_day; day <= last_day; ++day) days[day];
  const std::int64_t from = first_day * kDaySeconds - utc_offset;
  const std::int64_t to = (last_day + 1) * kDaySeconds - utc_offset;
  // Each query groups one table's rows in the window by day (?3 the offset, ?4/?5 the window).
  const auto each_day = [&](const char* sql, auto&& apply) {
    Query query(db_, sql);
    query.bind_all(sdkappid_, kDaySeconds, utc_offset, from, to);
    while (const auto row = query.next())
      if (auto it = days.find(row->int64("day")); it != days.end()) apply(it->second, *row);
  };
  each_day(
      "SELECT (msg_time + ?3) / ?2 AS day, COUNT(*) AS n, COUNT(DISTINCT from_account) AS senders "
      "FROM c2c_messages WHERE sdkappid = ?1 AND msg_time >= ?4 AND msg_time < ?5 GROUP BY day",
      [](DailyStats& s, const Row& row) {
        s.c2c_msgs = row.int64("n");
        s.c2c_senders = row.int64("senders");
      });
  each_day(
      "SELECT (msg_time + ?3) / ?2 AS day, COUNT(*) AS n, COUNT(DISTINCT from_account) AS senders "
      "FROM group_messages WHERE sdkappid = ?1 AND kind = 0 AND msg_time >= ?4 AND msg_time < ?5 GROUP BY "
      "day",
      [](DailyStats& s, const Row& row) {
        s.group_msgs = row.int64("n");
        s.group_senders = row.int64("senders");
      });
  each_day(
      "SELECT day, COUNT(DISTINCT sender) AS n FROM ("
      "SELECT (msg_time + ?3) / ?2 AS day, from_account AS sender FROM c2c_messages "
      "WHERE sdkappid = ?1 AND msg_time >= ?4 AND msg_time < ?5 UNION ALL "
      "SELECT (msg_time + ?3) / ?2, from_account FROM group_messages "
      "WHERE sdkappid = ?1 AND kind = 0 AND msg_time >= ?4 AND msg_time < ?5) GROUP BY day",
      [](DailyStats& s, const Row& row) { s.active_users = row.int64("n"); });
  each_day(
      "SELECT (created_at + ?3) / ?2 AS day, COUNT(*) AS n FROM accounts "
      "WHERE sdkappid = ?1 AND created_at >= ?4 AND created_at < ?5 GROUP BY day",
      [](DailyStats& s, const Row& row) { s.new_accounts = row.int64("n"); });
  each_day(
      "SELECT (create_time + ?3) / ?2 AS day, COUNT(*) AS n FROM groups "
      "WHERE sdkappid = ?1 AND create_time >= ?4 AND create_time < ?5 GROUP BY day",
      [](DailyStats& s, const Row& row) { s.new_groups = row.int64("n"); });
  each_day(
      "SELECT (add_time + ?3) / ?2 AS day, COUNT(*) AS n FROM friends "
      "WHERE sdkappid = ?1 AND add_time >= ?4 AND add_time < ?5 GROUP BY day",
      [](DailyStats& s, const Row& row) { s.new_friendships = row.int64("n"); });
  // Running totals: what existed before the window, plus each day's new ones.
  const auto before = [&](const char* sql) {
    Query query(db_, sql);
    query.bind_all(sdkappid_, from);
    return query.one().int64("n");
  };
  std::int64_t accounts =
      before("SELECT COUNT(*) AS n FROM accounts WHERE sdkappid = ?1 AND created_at < ?2");
  std::int64_t groups = before("SELECT COUNT(*) AS n FROM groups WHERE sdkappid = ?1 AND create_time < ?2");
  for (auto& [day, s] : days) {
    s.total_accounts = accounts += s.new_accounts;
    s.total_groups = groups += s.new_groups;
  }
  return days;
}

}  // namespace timock::store
