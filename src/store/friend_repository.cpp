#include "store/friend_repository.hpp"

#include "store/query.hpp"

namespace timock::store {

namespace {


core::Friendship read_friend(const Row& row) {
  return {row.text("owner"),      row.text("friend"),      row.text("remark"),   row.text("groups"),
          row.text("add_source"), row.text("add_wording"), row.int64("add_time"), row.text("custom")};
}

core::Friendship read_pendency(const Row& row) {
  return {row.text("from_account"), row.text("to_account"),  row.text("remark"),   row.text("groups"),
          row.text("add_source"),   row.text("add_wording"), row.int64("add_time"), "[]"};
}

const char* sequence_select(SnsList list) {
  switch (list) {
    case SnsList::groups: return "SELECT group_sequence AS n FROM accounts WHERE sdkappid = ? AND user_id = ?";
    case SnsList::blacklist: return "SELECT black_sequence AS n FROM accounts WHERE sdkappid = ? AND user_id = ?";
    case SnsList::pendency: return "SELECT pendency_sequence AS n FROM accounts WHERE sdkappid = ? AND user_id = ?";
    case SnsList::friends: break;
  }
  return "SELECT sns_sequence AS n FROM accounts WHERE sdkappid = ? AND user_id = ?";
}

const char* sequence_bump(SnsList list) {
  switch (list) {
    case SnsList::groups:
      return "UPDATE accounts SET group_sequence = group_sequence + 1 WHERE sdkappid = ? AND user_id = ?";
    case SnsList::blacklist:
      return "UPDATE accounts SET black_sequence = black_sequence + 1 WHERE sdkappid = ? AND user_id = ?";
    case SnsList::pendency:
      return "UPDATE accounts SET pendency_sequence = pendency_sequence + 1 WHERE sdkappid = ? AND user_id = ?";
    case SnsList::friends: break;
  }
  return "UPDATE accounts SET sns_sequence = sns_sequence + 1 WHERE sdkappid = ? AND user_id = ?";
}

}  // namespace

bool FriendRepository::has_friend(std::string_view owner, std::string_view friend_id) {
  Query query(db_, "SELECT 1 FROM friends WHERE sdkappid = ? AND owner = ? AND friend = ?");
  query.bind_all(sdkappid_, owner, friend_id);
  return query.next().has_value();
}

std::optional<core::Friendship> FriendRepository::find(std::string_view owner, std::string_view friend_id) {
  Query query(db_,
              "SELECT owner, friend, remark, groups, add_source, add_wording, add_time, custom FROM friends "
              "WHERE sdkappid = ? AND owner = ? AND friend = ?");
  query.bind_all(sdkappid_, owner, friend_id);
  const auto row = query.next();
  if (!row) return std::nullopt;
  return read_friend(*row);
}

bool FriendRepository::add(const core::Friendship& f) {
  Query insert(db_,
               "INSERT INTO friends (sdkappid, owner, friend, remark, groups, add_source, add_wording, add_time, "
               "custom) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
  insert
      .bind_all(sdkappid_, f.owner, f.friend_id, f.remark, f.groups_json, f.add_source, f.add_wording,
                f.add_time, f.custom_json)
      .run();
  return insert.changes() > 0;
}

void FriendRepository::update(const core::Friendship& f) {
  Query(db_,
        "UPDATE friends SET remark = ?, groups = ?, custom = ? WHERE sdkappid = ? AND owner = ? AND friend = ?")
      .bind_all(f.remark, f.groups_json, f.custom_json, sdkappid_, f.owner, f.friend_id)
      .run();
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
              "SELECT owner, friend, remark, groups, add_source, add_wording, add_time, custom FROM friends "
              "WHERE sdkappid = ? AND owner = ? ORDER BY add_time, friend LIMIT ? OFFSET ?");
  query.bind_all(sdkappid_, owner, limit, start);
  std::vector<core::Friendship> friends;
  while (const auto row = query.next()) friends.push_back(read_friend(*row));
  return friends;
}

std::vector<std::string> FriendRepository::listed_by(std::string_view user) {
  Query query(db_, "SELECT owner FROM friends WHERE sdkappid = ? AND friend = ? ORDER BY owner");
  query.bind_all(sdkappid_, user);
  std::vector<std::string> owners;
  while (const auto row = query.next()) owners.push_back(row->text("owner"));
  return owners;
}

std::int64_t FriendRepository::sequence(std::string_view owner, SnsList list) {
  Query query(db_, sequence_select(list));
  query.bind_all(sdkappid_, owner);
  const auto row = query.next();
  return row ? row->int64("n") : 0;
}

void FriendRepository::bump_sequence(std::string_view owner, SnsList list) {
  Query(db_, sequence_bump(list)).bind_all(sdkappid_, owner).run();
}

void FriendRepository::bump_sequences_listing(std::string_view friend_id) {
  Query(db_,
        "UPDATE accounts SET sns_sequence = sns_sequence + 1 WHERE sdkappid = ?1 AND user_id IN "
        "(SELECT owner FROM friends WHERE sdkappid = ?1 AND friend = ?2)")
      .bind_all(sdkappid_, friend_id)
      .run();
}

std::int64_t FriendRepository::pendency_read_time(std::string_view owner) {
  Query query(db_, "SELECT pendency_read_time AS t FROM accounts WHERE sdkappid = ? AND user_id = ?");
  query.bind_all(sdkappid_, owner);
  const auto row = query.next();
  return row ? row->int64("t") : 0;
}

void FriendRepository::set_pendency_read_time(std::string_view owner, std::int64_t time) {
  Query(db_, "UPDATE accounts SET pendency_read_time = ? WHERE sdkappid = ? AND user_id = ?")
      .bind_all(time, sdkappid_, owner)
      .run();
}

std::vector<std::string> FriendRepository::groups(std::string_view owner) {
  Query query(db_, "SELECT name FROM friend_groups WHERE sdkappid = ? AND owner = ? ORDER BY id");
  query.bind_all(sdkappid_, owner);
  std::vector<std::string> names;
  while (const auto row = query.next()) names.push_back(row->text("name"));
  return names;
}

std::int64_t FriendRepository::group_count(std::string_view owner) {
  Query query(db_, "SELECT count(*) AS n FROM friend_groups WHERE sdkappid = ? AND owner = ?");
  query.bind_all(sdkappid_, owner);
  return query.one().int64("n");
}

bool FriendRepository::has_group(std::string_view owner, std::string_view name) {
  Query query(db_, "SELECT 1 FROM friend_groups WHERE sdkappid = ? AND owner = ? AND name = ?");
  query.bind_all(sdkappid_, owner, name);
  return query.next().has_value();
}

bool FriendRepository::add_group(std::string_view owner, std::string_view name) {
  Query insert(db_, "INSERT INTO friend_groups (sdkappid, owner, name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
  insert.bind_all(sdkappid_, owner, name).run();
  return insert.changes() > 0;
}

bool FriendRepository::remove_group(std::string_view owner, std::string_view name) {
  Query remove(db_, "DELETE FROM friend_groups WHERE sdkappid = ? AND owner = ? AND name = ?");
  remove.bind_all(sdkappid_, owner, name).run();
  if (remove.changes() == 0) return false;
  Query(db_,
        "UPDATE friends SET groups = (SELECT json_group_array(g.value) FROM json_each(friends.groups) AS g "
        "WHERE g.value <> ?3) WHERE sdkappid = ?1 AND owner = ?2 AND EXISTS "
        "(SELECT 1 FROM json_each(friends.groups) AS g WHERE g.value = ?3)")
      .bind_all(sdkappid_, owner, name)
      .run();
  return true;
}

std::vector<std::string> FriendRepository::members(std::string_view owner, std::string_view name) {
  Query query(db_,
              "SELECT f.friend AS friend FROM friends AS f WHERE f.sdkappid = ? AND f.owner = ? AND EXISTS "
              "(SELECT 1 FROM json_each(f.groups) AS g WHERE g.value = ?) ORDER BY f.add_time, f.friend");
  query.bind_all(sdkappid_, owner, name);
  std::vector<std::string> ids;
  while (const auto row = query.next()) ids.push_back(row->text("friend"));
  return ids;
}

void FriendRepository::add_pendency(const core::Friendship& r) {
  Query(db_,
        "INSERT OR REPLACE INTO friend_pendency (sdkappid, from_account, to_account, add_source, add_wording, "
        "remark, add_time, groups) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .bind_all(sdkappid_, r.owner, r.friend_id, r.add_source, r.add_wording, r.remark, r.add_time, r.groups_json)
      .run();
}

std::optional<core::Friendship> FriendRepository::find_pendency(std::string_view from, std::string_view to) {
  Query query(db_,
              "SELECT from_account, to_account, remark, groups, add_source, add_wording, add_time "
              "FROM friend_pendency WHERE sdkappid = ? AND from_account = ? AND to_account = ?");
  query.bind_all(sdkappid_, from, to);
  const auto row = query.next();
  if (!row) return std::nullopt;
  return read_pendency(*row);
}

bool FriendRepository::remove_pendency(std::string_view from, std::string_view to) {
  Query remove(db_, "DELETE FROM friend_pendency WHERE sdkappid = ? AND from_account = ? AND to_account = ?");
  remove.bind_all(sdkappid_, from, to).run();
  return remove.changes() > 0;
}

std::vector<core::Friendship> FriendRepository::pendencies(std::string_view user, bool incoming,
                                                           std::int64_t since) {
  Query incoming_query(db_,
                       "SELECT from_account, to_account, remark, groups, add_source, add_wording, add_time "
                       "FROM friend_pendency WHERE sdkappid = ? AND to_account = ? AND add_time >= ? "
                       "ORDER BY add_time DESC, from_account");
  Query outgoing_query(db_,
                       "SELECT from_account, to_account, remark, groups, add_source, add_wording, add_time "
                       "FROM friend_pendency WHERE sdkappid = ? AND from_account = ? AND add_time >= ? "
                       "ORDER BY add_time DESC, to_account");
  auto& query = incoming ? incoming_query : outgoing_query;
  query.bind_all(sdkappid_, user, since);
  std::vector<core::Friendship> out;
  while (const auto row = query.next()) out.push_back(read_pendency(*row));
  return out;
}

std::int64_t FriendRepository::pendency_count(std::string_view to) {
  Query query(db_, "SELECT count(*) AS n FROM friend_pendency WHERE sdkappid = ? AND to_account = ?");
  query.bind_all(sdkappid_, to);
  return query.one().int64("n");
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

bool FriendRepository::unblock(std::string_view owner, std::string_view blocked) {
  Query remove(db_, "DELETE FROM blacklist WHERE sdkappid = ? AND owner = ? AND blocked = ?");
  remove.bind_all(sdkappid_, owner, blocked).run();
  return remove.changes() > 0;
}

std::int64_t FriendRepository::blacklist_count(std::string_view owner) {
  Query query(db_, "SELECT count(*) AS n FROM blacklist WHERE sdkappid = ? AND owner = ?");
  query.bind_all(sdkappid_, owner);
  return query.one().int64("n");
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
