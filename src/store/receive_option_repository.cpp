#include "store/receive_option_repository.hpp"

#include "store/query.hpp"

namespace timock::store {

std::int64_t ReceiveOptionRepository::set(std::string_view owner, std::string_view peer, std::int64_t mute_flag) {
  const std::int64_t seq = update_seq(owner) + 1;
  Query(db_,
        "INSERT INTO c2c_receive_options (sdkappid, owner, peer, mute_flag, update_seq) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (sdkappid, owner, peer) DO UPDATE SET mute_flag = excluded.mute_flag, "
        "update_seq = excluded.update_seq")
      .bind_all(sdkappid_, owner, peer, mute_flag, seq)
      .run();
  return seq;
}

std::vector<ReceiveOption> ReceiveOptionRepository::all(std::string_view owner) {
  Query query(db_, "SELECT peer, mute_flag FROM c2c_receive_options WHERE sdkappid = ? AND owner = ? ORDER BY peer");
  query.bind_all(sdkappid_, owner);
  std::vector<ReceiveOption> out;
  while (auto row = query.next()) out.push_back({row->text("peer"), row->int64("mute_flag")});
  return out;
}

std::int64_t ReceiveOptionRepository::option(std::string_view owner, std::string_view peer) {
  Query query(db_, "SELECT mute_flag FROM c2c_receive_options WHERE sdkappid = ? AND owner = ? AND peer = ?");
  query.bind_all(sdkappid_, owner, peer);
  const auto row = query.next();
  return row ? row->int64("mute_flag") : 0;
}

std::int64_t ReceiveOptionRepository::update_seq(std::string_view owner) {
  Query query(db_,
              "SELECT COALESCE(MAX(update_seq), 0) AS seq FROM c2c_receive_options WHERE sdkappid = ? AND owner = ?");
  query.bind_all(sdkappid_, owner);
  const auto row = query.next();
  return row ? row->int64("seq") : 0;
}

}  // namespace timock::store
