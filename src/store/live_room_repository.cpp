#include "store/live_room_repository.hpp"

#include "store/query.hpp"

namespace timock::store {

void LiveRoomRepository::add_mark(std::string_view group_id, std::string_view user, std::int64_t mark) {
  Query(db_,
        "INSERT INTO group_member_marks (sdkappid, group_id, user_id, mark) VALUES (?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING")
      .bind_all(sdkappid_, group_id, user, mark)
      .run();
}

void LiveRoomRepository::remove_mark(std::string_view group_id, std::string_view user, std::int64_t mark) {
  Query(db_,
        "DELETE FROM group_member_marks WHERE sdkappid = ? AND group_id = ? AND user_id = ? AND mark = ?")
      .bind_all(sdkappid_, group_id, user, mark)
      .run();
}

std::vector<std::int64_t> LiveRoomRepository::marks(std::string_view group_id, std::string_view user) {
  Query query(db_,
              "SELECT mark FROM group_member_marks WHERE sdkappid = ? AND group_id = ? AND user_id = ? ORDER "
              "BY mark");
  query.bind_all(sdkappid_, group_id, user);
  std::vector<std::int64_t> out;
  while (const auto row = query.next()) out.push_back(row->int64("mark"));
  return out;
}

std::vector<std::int64_t> LiveRoomRepository::marks_in_use(std::string_view group_id) {
  Query query(
      db_, "SELECT DISTINCT mark FROM group_member_marks WHERE sdkappid = ? AND group_id = ? ORDER BY mark");
  query.bind_all(sdkappid_, group_id);
  std::vector<std::int64_t> out;
  while (const auto row = query.next()) out.push_back(row->int64("mark"));
  return out;
}

std::int64_t LiveRoomRepository::members_with_mark(std::string_view group_id, std::int64_t mark) {
  Query query(
      db_, "SELECT count(*) AS n FROM group_member_marks WHERE sdkappid = ? AND group_id = ? AND mark = ?");
  query.bind_all(sdkappid_, group_id, mark);
  return query.one().int64("n");
}

bool LiveRoomRepository::add_admin(std::string_view group_id, std::string_view user) {
  Query insert(
      db_,
      "INSERT INTO group_live_admins (sdkappid, group_id, user_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
  insert.bind_all(sdkappid_, group_id, user).run();
  return insert.changes() > 0;
}

bool LiveRoomRepository::remove_admin(std::string_view group_id, std::string_view user) {
  Query remove(db_, "DELETE FROM group_live_admins WHERE sdkappid = ? AND group_id = ? AND user_id = ?");
  remove.bind_all(sdkappid_, group_id, user).run();
  return remove.changes() > 0;
}

std::vector<std::string> LiveRoomRepository::admins(std::string_view group_id) {
  Query query(db_,
              "SELECT user_id FROM group_live_admins WHERE sdkappid = ? AND group_id = ? ORDER BY user_id");
  query.bind_all(sdkappid_, group_id);
  std::vector<std::string> out;
  while (const auto row = query.next()) out.push_back(row->text("user_id"));
  return out;
}

std::int64_t LiveRoomRepository::take_broadcast_seq() {
  Query query(db_,
              "INSERT INTO group_broadcasts (sdkappid, next_seq) VALUES (?, 2) "
              "ON CONFLICT DO UPDATE SET next_seq = next_seq + 1 RETURNING next_seq - 1 AS seq");
  query.bind_all(sdkappid_);
  return query.one().int64("seq");
}

}  // namespace timock::store
