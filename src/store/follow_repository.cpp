#include "store/follow_repository.hpp"

#include "store/query.hpp"

namespace timock::store {

bool FollowRepository::add(std::string_view follower, std::string_view followed, std::int64_t time) {
  Query insert(db_,
               "INSERT INTO follows (sdkappid, follower, followed, follow_time) VALUES (?, ?, ?, ?) "
               "ON CONFLICT DO NOTHING");
  insert.bind_all(sdkappid_, follower, followed, time).run();
  return insert.changes() > 0;
}

bool FollowRepository::remove(std::string_view follower, std::string_view followed) {
  Query remove(db_, "DELETE FROM follows WHERE sdkappid = ? AND follower = ? AND followed = ?");
  remove.bind_all(sdkappid_, follower, followed).run();
  return remove.changes() > 0;
}

bool FollowRepository::follows(std::string_view follower, std::string_view followed) {
  Query query(db_, "SELECT 1 AS yes FROM follows WHERE sdkappid = ? AND follower = ? AND followed = ?");
  query.bind_all(sdkappid_, follower, followed);
  return query.next().has_value();
}

std::vector<Follow> FollowRepository::list(std::string_view user, FollowList which, std::string_view after,
                                           std::int64_t limit) {
  // Mutual: the people `user` follows who follow it back; its follow time is when `user` followed them.
  const char* sql =
      which == FollowList::fans
          ? "SELECT follower AS user, follow_time FROM follows WHERE sdkappid = ?1 AND followed = ?2 "
            "AND follower > ?3 ORDER BY follower LIMIT ?4"
      : which == FollowList::following
          ? "SELECT followed AS user, follow_time FROM follows WHERE sdkappid = ?1 AND follower = ?2 "
            "AND followed > ?3 ORDER BY followed LIMIT ?4"
          : "SELECT f.followed AS user, f.follow_time AS follow_time FROM follows AS f JOIN follows AS b "
            "ON b.sdkappid = f.sdkappid AND b.follower = f.followed AND b.followed = f.follower "
            "WHERE f.sdkappid = ?1 AND f.follower = ?2 AND f.followed > ?3 ORDER BY f.followed LIMIT ?4";
  Query query(db_, sql);
  query.bind_all(sdkappid_, user, after, limit);
  std::vector<Follow> out;
  while (const auto row = query.next()) out.push_back({row->text("user"), row->int64("follow_time")});
  return out;
}

FollowCounts FollowRepository::counts(std::string_view user) {
  Query query(db_,
              "SELECT (SELECT COUNT(*) FROM follows WHERE sdkappid = ?1 AND followed = ?2) AS fans, "
              "(SELECT COUNT(*) FROM follows WHERE sdkappid = ?1 AND follower = ?2) AS following, "
              "(SELECT COUNT(*) FROM follows AS f JOIN follows AS b ON b.sdkappid = f.sdkappid "
              "AND b.follower = f.followed AND b.followed = f.follower "
              "WHERE f.sdkappid = ?1 AND f.follower = ?2) AS mutual");
  query.bind_all(sdkappid_, user);
  const auto row = query.one();
  return {row.int64("fans"), row.int64("following"), row.int64("mutual")};
}

}  // namespace timock::store
