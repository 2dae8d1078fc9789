#include "store/global_mute_repository.hpp"

#include "store/query.hpp"

namespace timock::store {

GlobalMute GlobalMuteRepository::get(std::string_view user) {
  Query query(db_, "SELECT c2c_until, group_until FROM global_mutes WHERE sdkappid = ? AND user_id = ?");
  query.bind_all(sdkappid_, user);
  GlobalMute mute;
  if (const auto row = query.next()) {
    mute.c2c_until = row->int64("c2c_until");
    mute.group_until = row->int64("group_until");
  }
  return mute;
}

void GlobalMuteRepository::set(std::string_view user, const GlobalMute& mute) {
  if (mute.c2c_until == 0 && mute.group_until == 0) {
    Query(db_, "DELETE FROM global_mutes WHERE sdkappid = ? AND user_id = ?").bind_all(sdkappid_, user).run();
    return;
  }
  Query(db_,
        "INSERT INTO global_mutes (sdkappid, user_id, c2c_until, group_until) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (sdkappid, user_id) DO UPDATE SET c2c_until = excluded.c2c_until, "
        "group_until = excluded.group_until")
      .bind_all(sdkappid_, user, mute.c2c_until, mute.group_until)
      .run();
}

}  // namespace timock::store
