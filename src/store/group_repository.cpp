#include "store/group_repository.hpp"

#include <limits>

#include "store/member_list_cache.hpp"
#include "store/query.hpp"

namespace timock::store {

namespace {

constexpr const char* kGroupColumns =
    "group_id, type, name, introduction, notification, face_url, owner, create_time, last_info_time, "
    "last_msg_time, next_msg_seq, max_member_num, apply_join_option, mute_all_member, app_defined_data, "
    "attributes, counters";

core::Group read_group(const Row& row) {
  core::Group g;
  g.group_id = row.text("group_id");
  g.type = core::parse_group_type(row.text("type")).value_or(core::GroupType::public_group);
  g.name = row.text("name");
  g.introduction = row.text("introduction");
  g.notification = row.text("notification");
  g.face_url = row.text("face_url");
  g.owner = row.text("owner");
  g.create_time = row.int64("create_time");
  g.last_info_time = row.int64("last_info_time");
  g.last_msg_time = row.int64("last_msg_time");
  g.next_msg_seq = row.int64("next_msg_seq");
  g.max_member_num = row.int64("max_member_num");
  g.apply_join_option = row.text("apply_join_option");
  g.mute_all_member = row.int64("mute_all_member") != 0;
  g.app_defined_data_json = row.text("app_defined_data");
  g.attributes_json = row.text("attributes");
  g.counters_json = row.text("counters");
  return g;
}

// Member columns (m.*) and the member's mute (u.mute_until), as member queries select them.
constexpr const char* kMemberColumns =
    "m.user_id AS user_id, m.role AS role, m.join_time AS join_time, m.join_seq AS join_seq, "
    "m.read_seq AS read_seq, m.msg_flag AS msg_flag, m.last_send_time AS last_send_time, "
    "m.name_card AS name_card, m.app_member_defined_data AS app_member_defined_data, "
    "coalesce(u.mute_until, 0) AS mute_until";
constexpr const char* kMemberJoin =
    " FROM group_members AS m LEFT JOIN group_mutes AS u ON u.sdkappid = m.sdkappid AND u.group_id = m.group_id "
    "AND u.user_id = m.user_id ";

core::GroupMember read_member(const Row& row) {
  core::GroupMember m;
  m.user_id = row.text("user_id");
  m.role = core::parse_group_role(row.text("role")).value_or(core::GroupRole::member);
  m.join_time = row.int64("join_time");
  m.join_seq = row.int64("join_seq");
  m.read_seq = row.int64("read_seq");
  m.msg_flag = row.text("msg_flag");
  m.last_send_time = row.int64("last_send_time");
  m.name_card = row.text("name_card");
  m.app_member_defined_data_json = row.text("app_member_defined_data");
  m.mute_until = row.int64("mute_until");
  return m;
}

// A Community topic is a group row of its own (schema/009) but not a group of the app: the app's group list,
// its count and snapshots leave topics out (`?1` is the app).
constexpr const char* kNotATopic =
    "AND NOT EXISTS (SELECT 1 FROM community_topics AS t "
    "WHERE t.sdkappid = ?1 AND t.topic_id = groups.group_id)";

// Owner first, then admins, then members; each by join time (get_group_member_info's order).
constexpr const char* kMemberOrder =
    " ORDER BY CASE m.role WHEN 'Owner' THEN 0 WHEN 'Admin' THEN 1 ELSE 2 END, m.join_time, m.user_id";

}  // namespace

std::optional<core::Group> GroupRepository::find(std::string_view group_id) {
  static const std::string sql =
      std::string("SELECT ") + kGroupColumns + " FROM groups WHERE sdkappid = ? AND group_id = ?";
  Query query(db_, sql.c_str());
  query.bind_all(sdkappid_, group_id);
  const auto row = query.next();
  if (!row) return std::nullopt;
  return read_group(*row);
}

bool GroupRepository::exists(std::string_view group_id) {
  Query query(db_, "SELECT 1 FROM groups WHERE sdkappid = ? AND group_id = ?");
  query.bind_all(sdkappid_, group_id);
  return query.next().has_value();
}

void GroupRepository::insert(const core::Group& g) {
  Query(db_,
        "INSERT INTO groups (sdkappid, group_id, type, name, introduction, notification, face_url, owner, "
        "create_time, last_info_time, last_msg_time, next_msg_seq, max_member_num, apply_join_option, "
        "mute_all_member, app_defined_data, attributes, counters) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind_all(sdkappid_, g.group_id, core::to_string(g.type), g.name, g.introduction, g.notification, g.face_url,
                g.owner, g.create_time, g.last_info_time, g.last_msg_time, g.next_msg_seq, g.max_member_num,
                g.apply_join_option, int(g.mute_all_member), g.app_defined_data_json, g.attributes_json,
                g.counters_json)
      .run();
}

void GroupRepository::update(const core::Group& g) {
  Query(db_,
        "UPDATE groups SET name = ?3, introduction = ?4, notification = ?5, face_url = ?6, owner = ?7, "
        "last_info_time = ?8, last_msg_time = ?9, max_member_num = ?10, apply_join_option = ?11, "
        "mute_all_member = ?12, app_defined_data = ?13, attributes = ?14, counters = ?15 "
        "WHERE sdkappid = ?1 AND group_id = ?2")
      .bind_all(sdkappid_, g.group_id, g.name, g.introduction, g.notification, g.face_url, g.owner,
                g.last_info_time, g.last_msg_time, g.max_member_num, g.apply_join_option, int(g.mute_all_member),
                g.app_defined_data_json, g.attributes_json, g.counters_json)
      .run();
}

void GroupRepository::remove(std::string_view group_id) {
  // The cascade deletes members, mutes, bans and history (each keyed by (sdkappid, group_id, …), so each
  // delete is a range). Members' conversation state has no foreign key: it goes here.
  Query(db_, "DELETE FROM groups WHERE sdkappid = ? AND group_id = ?").bind_all(sdkappid_, group_id).run();
  Query(db_, "DELETE FROM conversations WHERE sdkappid = ? AND conv_type = 2 AND target = ?")
      .bind_all(sdkappid_, group_id)
      .run();
}

std::int64_t GroupRepository::take_seq(std::string_view group_id, std::int64_t msg_time, bool moves_last_msg_time) {
  Query query(db_,
              "UPDATE groups SET next_msg_seq = next_msg_seq + 1, "
              "last_msg_time = CASE WHEN ?3 = 1 AND ?4 > last_msg_time THEN ?4 ELSE last_msg_time END "
              "WHERE sdkappid = ?1 AND group_id = ?2 RETURNING next_msg_seq - 1 AS seq");
  query.bind_all(sdkappid_, group_id, int(moves_last_msg_time), msg_time);
  return query.one().int64("seq");
}

std::vector<std::string> GroupRepository::ids(std::optional<core::GroupType> type, std::int64_t offset,
                                              std::int64_t limit) {
  static const std::string sql =
      std::string("SELECT group_id FROM groups WHERE sdkappid = ?1 AND (?2 = '' OR type = ?2) ") + kNotATopic +
      " ORDER BY create_time, group_id LIMIT ?3 OFFSET ?4";
  Query query(db_, sql.c_str());
  query.bind_all(sdkappid_, type ? core::to_string(*type) : std::string_view{}, limit, offset);
  std::vector<std::string> out;
  while (const auto row = query.next()) out.push_back(row->text("group_id"));
  return out;
}

std::int64_t GroupRepository::count(std::optional<core::GroupType> type) {
  static const std::string sql =
      std::string("SELECT count(*) AS n FROM groups WHERE sdkappid = ?1 AND (?2 = '' OR type = ?2) ") + kNotATopic;
  Query query(db_, sql.c_str());
  query.bind_all(sdkappid_, type ? core::to_string(*type) : std::string_view{});
  return query.one().int64("n");
}

std::optional<core::GroupMember> GroupRepository::member(std::string_view group_id, std::string_view user_id) {
  static const std::string sql = std::string("SELECT ") + kMemberColumns + kMemberJoin +
                                 "WHERE m.sdkappid = ? AND m.group_id = ? AND m.user_id = ?";
  Query query(db_, sql.c_str());
  query.bind_all(sdkappid_, group_id, user_id);
  const auto row = query.next();
  if (!row) return std::nullopt;
  return read_member(*row);
}

std::vector<core::GroupMember> GroupRepository::members(const MemberQuery& q) {
  // ?3..?5: the roles wanted (all three when no filter).
  static const std::string sql = std::string("SELECT ") + kMemberColumns + kMemberJoin +
                                 "WHERE m.sdkappid = ?1 AND m.group_id = ?2 AND m.role IN (?3, ?4, ?5)" +
                                 kMemberOrder + " LIMIT ?6 OFFSET ?7";
  std::string roles[3];
  if (q.roles.empty()) {
    roles[0] = "Owner", roles[1] = "Admin", roles[2] = "Member";
  } else {
    for (std::size_t i = 0; i < 3; ++i) roles[i] = core::to_string(q.roles[std::min(i, q.roles.size() - 1)]);
  }
  Query query(db_, sql.c_str());
  query.bind_all(sdkappid_, q.group_id, roles[0], roles[1], roles[2], q.limit, q.offset);
  std::vector<core::GroupMember> out;
  while (const auto row = query.next()) out.push_back(read_member(*row));
  return out;
}

std::int64_t GroupRepository::member_count(std::string_view group_id) {
  Query query(db_, "SELECT count(*) AS n FROM group_members WHERE sdkappid = ? AND group_id = ?");
  query.bind_all(sdkappid_, group_id);
  return query.one().int64("n");
}

std::vector<std::string> GroupRepository::member_ids(std::string_view group_id) {
  return *member_list(group_id);  // never null: an unknown group has an empty list
}

std::shared_ptr<const std::vector<std::string>> GroupRepository::member_list(std::string_view group_id) {
  // The version and the rows are read in one transaction (the caller's, or this connection's read view).
  auto* cache = db_.member_lists();
  std::optional<std::int64_t> version;
  if (cache) {
    Query row(db_, "SELECT member_version FROM groups WHERE sdkappid = ? AND group_id = ?");
    if (const auto found = row.bind_all(sdkappid_, group_id).next()) version = found->int64("member_version");
    if (version)
      if (auto kept = cache->find(sdkappid_, group_id, *version)) return kept;
  }
  Query query(db_, "SELECT user_id FROM group_members WHERE sdkappid = ? AND group_id = ?");
  query.bind_all(sdkappid_, group_id);
  auto out = std::make_shared<std::vector<std::string>>();
  while (const auto row = query.next()) out->push_back(row->text("user_id"));
  if (cache && version) cache->keep(sdkappid_, group_id, *version, out);
  return out;
}

bool GroupRepository::add_member(std::string_view group_id, const core::GroupMember& m) {
  Query insert(db_,
               "INSERT INTO group_members (sdkappid, group_id, user_id, role, join_time, join_seq, read_seq, "
               "msg_flag, last_send_time, name_card, app_member_defined_data) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
  insert
      .bind_all(sdkappid_, group_id, m.user_id, core::to_string(m.role), m.join_time, m.join_seq, m.read_seq,
                m.msg_flag, m.last_send_time, m.name_card, m.app_member_defined_data_json)
      .run();
  return insert.changes() > 0;
}

bool GroupRepository::remove_member(std::string_view group_id, std::string_view user_id) {
  Query remove(db_, "DELETE FROM group_members WHERE sdkappid = ? AND group_id = ? AND user_id = ?");
  remove.bind_all(sdkappid_, group_id, user_id).run();
  const bool removed = remove.changes() > 0;
  // A member's own conversation state (hidden, pinned) and a live-room member's marks go with the membership.
  if (removed) {
    Query(db_, "DELETE FROM conversations WHERE sdkappid = ? AND owner = ? AND conv_type = 2 AND target = ?")
        .bind_all(sdkappid_, user_id, group_id)
        .run();
    Query(db_, "DELETE FROM group_member_marks WHERE sdkappid = ? AND group_id = ? AND user_id = ?")
        .bind_all(sdkappid_, group_id, user_id)
        .run();
  }
  return removed;
}

void GroupRepository::update_member(std::string_view group_id, const core::GroupMember& m) {
  Query(db_,
        "UPDATE group_members SET role = ?4, read_seq = ?5, msg_flag = ?6, last_send_time = ?7, name_card = ?8, "
        "app_member_defined_data = ?9 WHERE sdkappid = ?1 AND group_id = ?2 AND user_id = ?3")
      .bind_all(sdkappid_, group_id, m.user_id, core::to_string(m.role), m.read_seq, m.msg_flag, m.last_send_time,
                m.name_card, m.app_member_defined_data_json)
      .run();
}

std::vector<Membership> GroupRepository::memberships(std::string_view user_id) {
  static const std::string sql = [] {
    std::string columns;
    std::string list = kGroupColumns;
    // The group's columns prefixed with g., then the member's.
    std::size_t start = 0;
    while (start < list.size()) {
      auto end = list.find(", ", start);
      if (end == std::string::npos) end = list.size();
      const auto name = list.substr(start, end - start);
      columns += "g." + name + " AS " + name + ", ";
      start = end + 2;
    }
    return "SELECT " + columns + kMemberColumns + kMemberJoin +
           "JOIN groups AS g ON g.sdkappid = m.sdkappid AND g.group_id = m.group_id "
           "WHERE m.sdkappid = ? AND m.user_id = ? ORDER BY m.join_time, m.group_id";
  }();
  Query query(db_, sql.c_str());
  query.bind_all(sdkappid_, user_id);
  std::vector<Membership> out;
  while (const auto row = query.next()) out.push_back({read_group(*row), read_member(*row)});
  return out;
}

void GroupRepository::set_mute(std::string_view group_id, std::string_view user_id, std::int64_t mute_until) {
  if (mute_until == 0) {
    Query(db_, "DELETE FROM group_mutes WHERE sdkappid = ? AND group_id = ? AND user_id = ?")
        .bind_all(sdkappid_, group_id, user_id)
        .run();
    return;
  }
  Query(db_,
        "INSERT INTO group_mutes (sdkappid, group_id, user_id, mute_until) VALUES (?, ?, ?, ?) "
        "ON CONFLICT DO UPDATE SET mute_until = excluded.mute_until")
      .bind_all(sdkappid_, group_id, user_id, mute_until)
      .run();
}

std::int64_t GroupRepository::mute_until(std::string_view group_id, std::string_view user_id) {
  Query query(db_, "SELECT mute_until FROM group_mutes WHERE sdkappid = ? AND group_id = ? AND user_id = ?");
  query.bind_all(sdkappid_, group_id, user_id);
  const auto row = query.next();
  return row ? row->int64("mute_until") : 0;
}

std::vector<std::pair<std::string, std::int64_t>> GroupRepository::muted(std::string_view group_id,
                                                                         std::int64_t now) {
  Query query(db_,
              "SELECT u.user_id AS user_id, u.mute_until AS mute_until FROM group_mutes AS u JOIN group_members AS m "
              "ON m.sdkappid = u.sdkappid AND m.group_id = u.group_id AND m.user_id = u.user_id "
              "WHERE u.sdkappid = ? AND u.group_id = ? AND u.mute_until > ? ORDER BY u.user_id");
  query.bind_all(sdkappid_, group_id, now);
  std::vector<std::pair<std::string, std::int64_t>> out;
  while (const auto row = query.next()) out.emplace_back(row->text("user_id"), row->int64("mute_until"));
  return out;
}

void GroupRepository::ban(std::string_view group_id, std::string_view user_id, std::int64_t until,
                          std::string_view description) {
  Query(db_,
        "INSERT INTO group_bans (sdkappid, group_id, user_id, banned_until, description) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT DO UPDATE SET banned_until = excluded.banned_until, description = excluded.description")
      .bind_all(sdkappid_, group_id, user_id, until, description)
      .run();
}

void GroupRepository::unban(std::string_view group_id, std::string_view user_id) {
  Query(db_, "DELETE FROM group_bans WHERE sdkappid = ? AND group_id = ? AND user_id = ?")
      .bind_all(sdkappid_, group_id, user_id)
      .run();
}

std::vector<core::GroupBan> GroupRepository::bans(std::string_view group_id, std::int64_t now,
                                                  std::int64_t offset, std::int64_t limit) {
  Query query(db_,
              "SELECT user_id, banned_until, description FROM group_bans "
              "WHERE sdkappid = ? AND group_id = ? AND banned_until > ? ORDER BY user_id LIMIT ? OFFSET ?");
  query.bind_all(sdkappid_, group_id, now, limit, offset);
  std::vector<core::GroupBan> out;
  while (const auto row = query.next())
    out.push_back({row->text("user_id"), row->int64("banned_until"), row->text("description")});
  return out;
}

std::int64_t GroupRepository::banned_until(std::string_view group_id, std::string_view user_id) {
  Query query(db_, "SELECT banned_until FROM group_bans WHERE sdkappid = ? AND group_id = ? AND user_id = ?");
  query.bind_all(sdkappid_, group_id, user_id);
  const auto row = query.next();
  return row ? row->int64("banned_until") : 0;
}

void GroupRepository::forget_user(std::string_view user_id) {
  Query(db_, "UPDATE groups SET owner = '' WHERE sdkappid = ? AND owner = ?").bind_all(sdkappid_, user_id).run();
  Query(db_, "DELETE FROM group_members WHERE sdkappid = ? AND user_id = ?").bind_all(sdkappid_, user_id).run();
  Query(db_, "DELETE FROM group_mutes WHERE sdkappid = ? AND user_id = ?").bind_all(sdkappid_, user_id).run();
  Query(db_, "DELETE FROM group_bans WHERE sdkappid = ? AND user_id = ?").bind_all(sdkappid_, user_id).run();
  for (const char* sql : {"DELETE FROM group_member_marks WHERE sdkappid = ? AND user_id = ?",
                          "DELETE FROM group_live_admins WHERE sdkappid = ? AND user_id = ?",
                          "DELETE FROM group_receipts WHERE sdkappid = ? AND user_id = ?"})
    Query(db_, sql).bind_all(sdkappid_, user_id).run();
  Query(db_, "DELETE FROM conversations WHERE sdkappid = ? AND owner = ? AND conv_type = 2")
      .bind_all(sdkappid_, user_id)
      .run();
}

std::vector<core::Group> GroupRepository::all() {
  static const std::string sql =
      std::string("SELECT ") + kGroupColumns + " FROM groups WHERE sdkappid = ?1 " + kNotATopic +
      " ORDER BY create_time, group_id";
  Query query(db_, sql.c_str());
  query.bind_all(sdkappid_);
  std::vector<core::Group> out;
  while (const auto row = query.next()) out.push_back(read_group(*row));
  return out;
}

std::vector<std::pair<std::string, std::int64_t>> GroupRepository::mutes_of_non_members(std::string_view group_id) {
  Query query(db_,
              "SELECT u.user_id AS user_id, u.mute_until AS mute_until FROM group_mutes AS u "
              "WHERE u.sdkappid = ?1 AND u.group_id = ?2 AND NOT EXISTS (SELECT 1 FROM group_members AS m "
              "WHERE m.sdkappid = ?1 AND m.group_id = ?2 AND m.user_id = u.user_id) ORDER BY u.user_id");
  query.bind_all(sdkappid_, group_id);
  std::vector<std::pair<std::string, std::int64_t>> out;
  while (const auto row = query.next()) out.emplace_back(row->text("user_id"), row->int64("mute_until"));
  return out;
}

std::vector<core::GroupBan> GroupRepository::all_bans(std::string_view group_id) {
  // No ban ends before the smallest time; LIMIT -1 is SQLite's "no limit".
  return bans(group_id, std::numeric_limits<std::int64_t>::min(), 0, -1);
}

}  // namespace timock::store
