#include "store/friend_repository.hpp"

#include "store/database.hpp"

namespace timock::store {

bool FriendRepository::has_friend(std::string_view owner, std::string_view friend_id) {
  auto& query = db_.cached("SELECT 1 FROM friends WHERE sdkappid = ? AND owner = ? AND friend = ?");
  query.bind_all(sdkappid_, owner, friend_id);
  const bool found = query.step();
  query.reset();
  return found;
}

bool FriendRepository::add(const core::Friendship& f) {
  db_.cached("INSERT INTO friends (sdkappid, owner, friend, remark, groups, add_source, add_wording, add_time) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
      .bind_all(sdkappid_, f.owner, f.friend_id, f.remark, f.groups_json, f.add_source, f.add_wording, f.add_time)
      .run();
  return db_.changes() > 0;
}

bool FriendRepository::remove(std::string_view owner, std::string_view friend_id) {
  db_.cached("DELETE FROM friends WHERE sdkappid = ? AND owner = ? AND friend = ?")
      .bind_all(sdkappid_, owner, friend_id)
      .run();
  return db_.changes() > 0;
}

std::int64_t FriendRepository::count(std::string_view owner) {
  auto& query = db_.cached("SELECT count(*) FROM friends WHERE sdkappid = ? AND owner = ?");
  query.bind_all(sdkappid_, owner);
  query.step();
  const auto n = query.int64(0);
  query.reset();
  return n;
}

std::vector<core::Friendship> FriendRepository::list(std::string_view owner, std::int64_t start,
                                                     std::int64_t limit) {
  auto& query = db_.cached(
      "SELECT owner, friend, remark, groups, add_source, add_wording, add_time FROM friends "
      "WHERE sdkappid = ? AND owner = ? ORDER BY add_time, friend LIMIT ? OFFSET ?");
  query.bind_all(sdkappid_, owner, limit, start);
  std::vector<core::Friendship> friends;
  while (query.step())
    friends.push_back({query.text(0), query.text(1), query.text(2), query.text(3), query.text(4), query.text(5),
                       query.int64(6)});
  return friends;
}

std::int64_t FriendRepository::sequence(std::string_view owner) {
  auto& query = db_.cached("SELECT sns_sequence FROM accounts WHERE sdkappid = ? AND user_id = ?");
  query.bind_all(sdkappid_, owner);
  const std::int64_t value = query.step() ? query.int64(0) : 0;
  query.reset();
  return value;
}

void FriendRepository::bump_sequence(std::string_view owner) {
  db_.cached("UPDATE accounts SET sns_sequence = sns_sequence + 1 WHERE sdkappid = ? AND user_id = ?")
      .bind_all(sdkappid_, owner)
      .run();
}

void FriendRepository::bump_sequences_listing(std::string_view friend_id) {
  db_.cached(
         "UPDATE accounts SET sns_sequence = sns_sequence + 1 WHERE sdkappid = ?1 AND user_id IN "
         "(SELECT owner FROM friends WHERE sdkappid = ?1 AND friend = ?2)")
      .bind_all(sdkappid_, friend_id)
      .run();
}

// Groups live on the friend rows as JSON arrays of names (Tag_SNS_IM_Group); a group exists while a friend
// is in it.
std::int64_t FriendRepository::group_count(std::string_view owner) {
  auto& query = db_.cached(
      "SELECT count(DISTINCT g.value) FROM friends AS f, json_each(f.groups) AS g "
      "WHERE f.sdkappid = ? AND f.owner = ?");
  query.bind_all(sdkappid_, owner);
  query.step();
  const auto n = query.int64(0);
  query.reset();
  return n;
}

bool FriendRepository::has_group(std::string_view owner, std::string_view name) {
  auto& query = db_.cached(
      "SELECT 1 FROM friends AS f, json_each(f.groups) AS g "
      "WHERE f.sdkappid = ? AND f.owner = ? AND g.value = ? LIMIT 1");
  query.bind_all(sdkappid_, owner, name);
  const bool found = query.step();
  query.reset();
  return found;
}

void FriendRepository::add_pendency(const core::Friendship& r) {
  db_.cached("INSERT OR REPLACE INTO friend_pendency (sdkappid, from_account, to_account, add_source, add_wording, "
             "remark, add_time) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind_all(sdkappid_, r.owner, r.friend_id, r.add_source, r.add_wording, r.remark, r.add_time)
      .run();
}

bool FriendRepository::is_blocked(std::string_view owner, std::string_view blocked) {
  auto& query = db_.cached("SELECT 1 FROM blacklist WHERE sdkappid = ? AND owner = ? AND blocked = ?");
  query.bind_all(sdkappid_, owner, blocked);
  const bool found = query.step();
  query.reset();
  return found;
}

bool FriendRepository::block(std::string_view owner, std::string_view blocked, std::int64_t add_time) {
  db_.cached(
         "INSERT INTO blacklist (sdkappid, owner, blocked, add_time) VALUES (?, ?, ?, ?) "
         "ON CONFLICT DO NOTHING")
      .bind_all(sdkappid_, owner, blocked, add_time)
      .run();
  return db_.changes() > 0;
}

std::vector<std::pair<std::string, std::int64_t>> FriendRepository::blacklist(std::string_view owner) {
  auto& query =
      db_.cached("SELECT blocked, add_time FROM blacklist WHERE sdkappid = ? AND owner = ? ORDER BY add_time, blocked");
  query.bind_all(sdkappid_, owner);
  std::vector<std::pair<std::string, std::int64_t>> out;
  while (query.step()) out.emplace_back(query.text(0), query.int64(1));
  query.reset();
  return out;
}

void FriendRepository::remove_blocks_of(std::string_view user) {
  db_.cached("DELETE FROM blacklist WHERE sdkappid = ? AND blocked = ?").bind_all(sdkappid_, user).run();
}

}  // namespace timock::store
