#include "store/group_message_repository.hpp"

#include "store/query.hpp"

namespace timock::store {

namespace {

constexpr const char* kColumns =
    "id, group_id, msg_seq, kind, from_account, msg_random, msg_time, priority, body, cloud_custom_data, "
    "flag_bits, counts_unread, extra";

core::GroupMessage read_message(const Row& row) {
  core::GroupMessage m;
  m.id = row.int64("id");
  m.group_id = row.text("group_id");
  m.msg_seq = row.int64("msg_seq");
  m.kind = row.int64("kind") == 1 ? core::GroupMessageKind::tip : core::GroupMessageKind::message;
  m.from_account = row.text("from_account");
  m.msg_random = static_cast<std::uint32_t>(row.int64("msg_random"));
  m.msg_time = row.int64("msg_time");
  m.priority = static_cast<int>(row.int64("priority"));
  m.body_json = row.text("body");
  m.cloud_custom_data = row.text("cloud_custom_data");
  m.flag_bits = static_cast<int>(row.int64("flag_bits"));
  m.counts_unread = row.int64("counts_unread") != 0;
  m.extra_json = row.text("extra");
  return m;
}

std::vector<core::GroupMessage> read_all(Query& query) {
  std::vector<core::GroupMessage> out;
  while (const auto row = query.next()) out.push_back(read_message(*row));
  return out;
}

// An entry `user` counts as unread once it is past the read seq (?4): `?1 app, ?2 group, ?3 user`.
constexpr const char* kUnreadFilter =
    " FROM group_messages WHERE sdkappid = ?1 AND group_id = ?2 AND msg_seq > ?4 AND counts_unread = 1 "
    "AND flag_bits = 0 AND from_account <> ?3";

}  // namespace

std::int64_t GroupMessageRepository::insert(const core::GroupMessage& m) {
  Query insert(db_,
               "INSERT INTO group_messages (sdkappid, group_id, msg_seq, kind, from_account, msg_random, msg_time, "
               "priority, body, cloud_custom_data, flag_bits, counts_unread, extra) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert
      .bind_all(sdkappid_, m.group_id, m.msg_seq, static_cast<int>(m.kind), m.from_account, m.msg_random, m.msg_time,
                m.priority, m.body_json, m.cloud_custom_data, m.flag_bits, int(m.counts_unread), m.extra_json)
      .run();
  return insert.last_insert_rowid();
}

std::optional<core::GroupMessage> GroupMessageRepository::find(std::string_view group_id, std::int64_t msg_seq) {
  static const std::string sql =
      std::string("SELECT ") + kColumns + " FROM group_messages WHERE sdkappid = ? AND group_id = ? AND msg_seq = ?";
  Query query(db_, sql.c_str());
  query.bind_all(sdkappid_, group_id, msg_seq);
  const auto row = query.next();
  if (!row) return std::nullopt;
  return read_message(*row);
}

std::vector<core::GroupMessage> GroupMessageRepository::page(std::string_view group_id, std::int64_t max_seq,
                                                             std::int64_t limit) {
  static const std::string sql = std::string("SELECT ") + kColumns +
                                 " FROM group_messages WHERE sdkappid = ?1 AND group_id = ?2 "
                                 "AND (?3 = 0 OR msg_seq <= ?3) ORDER BY msg_seq DESC LIMIT ?4";
  Query query(db_, sql.c_str());
  query.bind_all(sdkappid_, group_id, max_seq, limit);
  return read_all(query);
}

std::optional<core::GroupMessage> GroupMessageRepository::find_repeat(std::string_view group_id,
                                                                      std::string_view from,
                                                                      std::uint32_t msg_random,
                                                                      std::string_view body_json,
                                                                      std::int64_t since) {
  // A seek in group_messages_by_random (schema/006): the entries of the group with this Random, a handful at
  // most. Walking the history by seq instead read the whole group per message (bench/RESULTS.md G1).
  static const std::string sql = std::string("SELECT ") + kColumns +
                                 " FROM group_messages INDEXED BY group_messages_by_random "
                                 "WHERE sdkappid = ? AND group_id = ? AND msg_random = ? AND kind = 0 "
                                 "AND msg_time >= ? AND from_account = ? AND body = ? ORDER BY msg_seq DESC LIMIT 1";
  Query query(db_, sql.c_str());
  query.bind_all(sdkappid_, group_id, msg_random, since, from, body_json);
  const auto row = query.next();
  if (!row) return std::nullopt;
  return read_message(*row);
}

std::vector<core::GroupMessage> GroupMessageRepository::by_sender(std::string_view group_id, std::string_view sender,
                                                                  std::int64_t limit) {
  // Among the group's newest `limit` entries (§3.7: "among the latest 1000").
  static const std::string sql = std::string("SELECT ") + kColumns +
                                 " FROM (SELECT * FROM group_messages WHERE sdkappid = ?1 AND group_id = ?2 "
                                 "ORDER BY msg_seq DESC LIMIT ?4) WHERE kind = 0 AND from_account = ?3 "
                                 "AND flag_bits & 8 = 0 ORDER BY msg_seq";
  Query query(db_, sql.c_str());
  query.bind_all(sdkappid_, group_id, sender, limit);
  return read_all(query);
}

void GroupMessageRepository::set_flag_bits(std::int64_t id, int flag_bits) {
  Query(db_, "UPDATE group_messages SET flag_bits = ? WHERE id = ?").bind_all(flag_bits, id).run();
}

void GroupMessageRepository::update_content(std::int64_t id, const std::optional<std::string>& body_json,
                                            const std::optional<std::string>& cloud_custom_data) {
  Query(db_,
        "UPDATE group_messages SET body = coalesce(?2, body), cloud_custom_data = coalesce(?3, cloud_custom_data) "
        "WHERE id = ?1")
      .bind(1, id)
      .bind(2, body_json)
      .bind(3, cloud_custom_data)
      .run();
}

std::int64_t GroupMessageRepository::sent_in_second(std::string_view group_id, std::int64_t second, std::int64_t cap) {
  Query query(db_,
              "SELECT count(*) AS n FROM (SELECT kind, msg_time FROM group_messages WHERE sdkappid = ? AND group_id = ? "
              "ORDER BY msg_seq DESC LIMIT ?) WHERE kind = 0 AND msg_time = ?");
  query.bind_all(sdkappid_, group_id, cap, second);
  return query.one().int64("n");
}

std::int64_t GroupMessageRepository::newest_time(std::string_view group_id) {
  Query query(db_,
              "SELECT coalesce(max(msg_time), 0) AS t FROM group_messages WHERE sdkappid = ? AND group_id = ?");
  query.bind_all(sdkappid_, group_id);
  return query.one().int64("t");
}

std::int64_t GroupMessageRepository::unread(std::string_view group_id, std::string_view user, std::int64_t read_seq) {
  static const std::string sql = std::string("SELECT count(*) AS n") + kUnreadFilter;
  Query query(db_, sql.c_str());
  query.bind_all(sdkappid_, group_id, user, read_seq);
  return query.one().int64("n");
}

std::int64_t GroupMessageRepository::read_seq_leaving(std::string_view group_id, std::string_view user,
                                                      std::int64_t unread) {
  if (unread <= 0) {
    Query query(db_,
                "SELECT coalesce(max(msg_seq), 0) AS s FROM group_messages WHERE sdkappid = ? AND group_id = ?");
    query.bind_all(sdkappid_, group_id);
    return query.one().int64("s");
  }
  // The unread-th newest counting entry: reading up to just before it leaves exactly `unread` after it.
  static const std::string sql =
      std::string("SELECT msg_seq") + kUnreadFilter + " ORDER BY msg_seq DESC LIMIT 1 OFFSET ?5";
  Query query(db_, sql.c_str());
  query.bind_all(sdkappid_, group_id, user, std::int64_t{0}, unread - 1);
  const auto row = query.next();
  return row ? row->int64("msg_seq") - 1 : 0;  // fewer counting entries than asked: all of them unread
}

void GroupMessageRepository::clear_upto(std::string_view group_id, std::int64_t msg_seq) {
  Query(db_, "DELETE FROM group_messages WHERE sdkappid = ? AND group_id = ? AND msg_seq <= ?")
      .bind_all(sdkappid_, group_id, msg_seq)
      .run();
}

std::vector<core::GroupMessage> GroupMessageRepository::all(std::string_view group_id) {
  static const std::string sql = std::string("SELECT ") + kColumns +
                                 " FROM group_messages WHERE sdkappid = ? AND group_id = ? ORDER BY msg_seq";
  Query query(db_, sql.c_str());
  query.bind_all(sdkappid_, group_id);
  return read_all(query);
}

}  // namespace timock::store
