#include "store/friend_repository.hpp"

#include "store/query.hpp"

namespace timock::store {

bool FriendRepository::has_friend(std::string_view owner, std::string_view friend_id) {
  Query query(db_, "SELECT 1 FROM friends WHERE sdkappid = ? AND owner = ? AND friend = ?");
  query.bind_all(sdkappid_, owner, friend_id);
  return query.next().has_value();
}

bool FriendRepository::add(const core::Friendship& f) {
  Query insert(
      db_,
      "INSERT INTO friends (sdkappid, owner, friend, remark, groups, add_source, add_wording, add_time) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
  insert
      .bind_all(sdkappid_, f.owner, f.friend_id, f.remark, f.groups_json, f.add_source, f.add_wording,
                f.add_time)
      .run();
  return insert.changes() > 0;
}

bool FriendRepository::remove(std::string_view owner, std::string_view friend_id) {
  Query remove(db_, "DELETE FROM friends WHERE sdkappid = ? AND owner = ? AND friend = ?");
  remove.bind_all(sdkappid_, owner, friend_id).run();
  return remove.changes() > 0;
}

std::int64_t FriendRepository::count(std::string_view owner) {
  Query query(db_, "SELECT count(*) AS n FROM friends WHERE sdkappid = ? AND owner = ?");
  query.bind_all(sdkappid_, owner);
  return query.one().int64("n");
}

std::vector<core::Friendship> FriendRepository::list(std::string_view owner, std::int64_t start,
                                                     std::int64_t limit) {
  Query query(db_,
              "SELECT owner, friend, remark, groups, add_source, add_wording, add_time FROM friends "
              "WHERE sdkappid = ? AND owner = ? ORDER BY add_time, friend LIMIT ? OFFSET ?");
  query.bind_all(sdkappid_, owner, limit, start);
  std::vector<core::Friendship> friends;
  while (const auto row = query.next())
    friends.push_back({row->text("owner"), row->text("friend"), row->text("remark"), row->text("groups"),
                       row->text("add_source"), row->text("add_wording"), row->int64("add_time")});
  return friends;
}

std::int64_t FriendRepository::sequence(std::string_view owner) {
  Query query(db_, "SELECT sns_sequence FROM accounts WHERE sdkappid = ? AND user_id = ?");
  query.bind_all(sdkappid_, owner);
  const auto row = query.next();
  return row ? row->int64("sns_sequence") : 0;
}

void FriendRepository::bump_sequence(std::string_view owner) {
  Query(db_, "UPDATE accounts SET sns_sequence = sns_sequence + 1 WHERE sdkappid = ? AND user_id = ?")
      .bind_all(sdkappid_, owner)
      .run();
}

void FriendRepository::bump_sequences_listing(std::string_view friend_id) {
  Query(db_,
        "UPDATE accounts SET sns_sequence = sns_sequence + 1 WHERE sdkappid = ?1 AND user_id IN "
        "(SELECT owner FROM friends WHERE sdkappid = ?1 AND friend = ?2)")
      .bind_all(sdkappid_, friend_id)
      .run();
}

// Groups live on the friend rows as JSON arrays of names (Tag_SNS_IM_Group); a group exists while a friend
// is in it.
std::int64_t FriendRepository::group_count(std::string_view owner) {
  Query query(db_,
              "SELECT count(DISTINCT g.value) AS n FROM friends AS f, json_each(f.groups) AS g "
              "WHERE f.sdkappid = ? AND f.owner = ?");
  query.bind_all(sdkappid_, owner);
  return query.one().int64("n");
}

bool FriendRepository::has_group(std::string_view owner, std::string_view name) {
  Query query(db_,
              "SELECT 1 FROM friends AS f, json_each(f.groups) AS g "
              "WHERE f.sdkappid = ? AND f.owner = ? AND g.value = ? LIMIT 1");
  query.bind_all(sdkappid_, owner, name);
  return query.next().has_value();
}

void FriendRepository::add_pendency(const core::Friendship& r) {
  Query(
      db_,
      "INSERT OR REPLACE INTO friend_pendency (sdkappid, from_account, to_account, add_source, add_wording, "
      "remark, add_time) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind_all(sdkappid_, r.owner, r.friend_id, r.add_source, r.add_wording, r.remark, r.add_time)
      .run();
}

bool FriendRepository::is_blocked(std::string_view owner, std::string_view blocked) {
  Query query(db_, "SELECT 1 FROM blacklist WHERE sdkappid = ? AND owner = ? AND blocked = ?");
  query.bind_all(sdkappid_, owner, blocked);
  return query.next().has_value();
}

bool FriendRepository::block(std::string_view owner, std::string_view blocked, std::int64_t add_time) {
  Query insert(db_,
               "INSERT INTO blacklist (sdkappid, owner, blocked, add_time) VALUES (?, ?, ?, ?) "
               "ON CONFLICT DO NOTHING");
  insert.bind_all(sdkappid_, owner, blocked, add_time).run();
  return insert.changes() > 0;
}

std::vector<std::pair<std::string, std::int64_t>> FriendRepository::blacklist(std::string_view owner) {
  Query query(
      db_,
      "SELECT blocked, add_time FROM blacklist WHERE sdkappid = ? AND owner = ? ORDER BY add_time, blocked");
  query.bind_all(sdkappid_, owner);
  std::vector<std::pair<std::string, std::int64_t>> out;
  while (const auto row = query.next()) out.emplace_back(row->text("blocked"), row->int64("add_time"));
  return out;
}

void FriendRepository::remove_blocks_of(std::string_view user) {
  Query(db_, "DELETE FROM blacklist WHERE sdkappid = ? AND blocked = ?").bind_all(sdkappid_, user).run();
}

}  // namespace timock::store
