#include "store/message_repository.hpp"

#include <utility>

#include "store/c2c_message_row.hpp"
#include "store/conversation_repository.hpp"
#include "store/query.hpp"

namespace timock::store {

namespace {
std::pair<std::string_view, std::string_view> sorted(std::string_view a, std::string_view b) {
  return a < b ? std::pair{a, b} : std::pair{b, a};
}
}  // namespace

std::int64_t MessageRepository::insert(const core::C2cMessage& m) {
  const auto id = insert_row(m);
  ConversationRepository conversations(db_, sdkappid_);
  if (m.sender_sees) conversations.on_message(m.from_account, m.to_account, id, m.msg_time);
  if (m.receiver_sees) conversations.on_message(m.to_account, m.from_account, id, m.msg_time);
  return id;
}

std::int64_t MessageRepository::insert_row(const core::C2cMessage& m, std::int64_t recv_seq) {
  const auto [low, high] = sorted(m.from_account, m.to_account);
  // The next arrival of the receiver: one seek in c2c_messages_by_receiver_seq, race-free under the single
  // writer (schema/005).
  Query insert(db_,
               "INSERT INTO c2c_messages (sdkappid, peer_low, peer_high, from_account, to_account, "
               "msg_seq, msg_random, msg_time, body, cloud_custom_data, flag_bits, sender_sees, "
               "receiver_sees, counts_unread, is_read, extra, recv_seq) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
               "CASE WHEN ?17 > 0 THEN ?17 ELSE (SELECT coalesce(max(recv_seq), 0) + 1 FROM c2c_messages "
               "WHERE sdkappid = ?1 AND to_account = ?5) END)");
  insert
      .bind_all(sdkappid_, low, high, m.from_account, m.to_account, m.msg_seq, m.msg_random, m.msg_time,
                m.body_json, m.cloud_custom_data, m.flag_bits, int(m.sender_sees), int(m.receiver_sees),
                int(m.counts_unread), int(m.is_read), m.extra_json, recv_seq)
      .run();
  return insert.last_insert_rowid();
}

std::optional<core::C2cMessage> MessageRepository::find_by_key(std::string_view from, std::string_view to,
                                                               std::uint32_t msg_seq,
                                                               std::uint32_t msg_random,
                                                               std::int64_t msg_time) {
  static const std::string sql = std::string("SELECT ") + kC2cMessageColumns +
                                 " FROM c2c_messages WHERE sdkappid = ? AND peer_low = ? AND peer_high = ? "
                                 "AND msg_seq = ? AND msg_random = ? AND msg_time = ? "
                                 "AND from_account = ? AND to_account = ? ORDER BY id LIMIT 1";
  const auto [low, high] = sorted(from, to);
  Query query(db_, sql.c_str());
  query.bind_all(sdkappid_, low, high, msg_seq, msg_random, msg_time, from, to);
  return read_first_c2c_message(query);
}

std::optional<core::C2cMessage> MessageRepository::find_resent(std::string_view from, std::string_view to,
                                                               std::uint32_t msg_seq,
                                                               std::uint32_t msg_random) {
  // c2c_messages_by_key covers (conversation, MsgSeq, MsgRandom).
  static const std::string sql = std::string("SELECT ") + kC2cMessageColumns +
                                 " FROM c2c_messages WHERE sdkappid = ? AND peer_low = ? AND peer_high = ? "
                                 "AND msg_seq = ? AND msg_random = ? AND from_account = ? AND to_account = ? "
                                 "ORDER BY id LIMIT 1";
  const auto [low, high] = sorted(from, to);
  Query query(db_, sql.c_str());
  query.bind_all(sdkappid_, low, high, msg_seq, msg_random, from, to);
  return read_first_c2c_message(query);
}

std::int64_t MessageRepository::read_up_to(std::string_view writer, std::string_view reader) {
  Query query(db_,
              "SELECT coalesce(max(msg_time), 0) AS read_up_to FROM c2c_messages "
              "WHERE sdkappid = ? AND from_account = ? AND to_account = ? AND is_read = 1");
  query.bind_all(sdkappid_, writer, reader);
  return query.one().int64("read_up_to");
}

std::vector<core::C2cMessage> MessageRepository::roam_page(const RoamQuery& q) {
  // The cursor is a MsgKey, not a row: resuming after (MsgTime, MsgSeq, MsgRandom) skips every message with
  // that key, so the caller must not end a page between two of them.
  static const std::string sql =
      std::string("SELECT ") + kC2cMessageColumns +
      " FROM c2c_messages WHERE sdkappid = ?1 AND peer_low = ?2 AND peer_high = ?3 "
      "AND msg_time >= ?4 AND msg_time <= ?5 "
      "AND ((from_account = ?6 AND sender_sees = 1) OR (to_account = ?6 AND receiver_sees = 1)) "
      "AND (?7 IS NULL OR (msg_time, msg_seq, msg_random) < (?7, ?8, ?9)) "
      "ORDER BY msg_time DESC, msg_seq DESC, msg_random DESC, id DESC LIMIT ?10";
  const auto [low, high] = sorted(q.operator_account, q.peer_account);
  Query query(db_, sql.c_str());
  query.bind_all(sdkappid_, low, high, q.min_time, q.max_time, q.operator_account);
  if (q.after) {
    query.bind(7, q.after->msg_time);
    query.bind(8, q.after->msg_seq);
    query.bind(9, q.after->msg_random);
  } else {
    query.bind_null(7);
    query.bind_null(8);
    query.bind_null(9);
  }
  query.bind(10, q.limit);
  std::vector<core::C2cMessage> page;
  while (const auto row = query.next()) page.push_back(read_c2c_message(*row));
  return page;
}

std::optional<core::C2cMessage> MessageRepository::find_in_conversation(std::string_view a,
                                                                        std::string_view b,
                                                                        std::uint32_t msg_seq,
                                                                        std::uint32_t msg_random,
                                                                        std::int64_t msg_time) {
  static const std::string sql = std::string("SELECT ") + kC2cMessageColumns +
                                 " FROM c2c_messages WHERE sdkappid = ? AND peer_low = ? AND peer_high = ? "
                                 "AND msg_seq = ? AND msg_random = ? AND msg_time = ? ORDER BY id LIMIT 1";
  const auto [low, high] = sorted(a, b);
  Query query(db_, sql.c_str());
  query.bind_all(sdkappid_, low, high, msg_seq, msg_random, msg_time);
  return read_first_c2c_message(query);
}

void MessageRepository::set_flag_bits(std::int64_t id, int flag_bits) {
  Query(db_, "UPDATE c2c_messages SET flag_bits = ? WHERE id = ? AND sdkappid = ?")
      .bind_all(flag_bits, id, sdkappid_)
      .run();
}

void MessageRepository::update_content(std::int64_t id, const std::optional<std::string>& body_json,
                                       const std::optional<std::string>& cloud_custom_data) {
  Query(db_,
        "UPDATE c2c_messages SET body = coalesce(?1, body), "
        "cloud_custom_data = coalesce(?2, cloud_custom_data) WHERE id = ?3 AND sdkappid = ?4")
      .bind_all(body_json, cloud_custom_data, id, sdkappid_)
      .run();
}

void MessageRepository::set_extra(std::int64_t id, const std::string& extra_json) {
  Query(db_, "UPDATE c2c_messages SET extra = ? WHERE id = ? AND sdkappid = ?")
      .bind_all(extra_json, id, sdkappid_)
      .run();
}

void MessageRepository::hide_message(std::int64_t id, bool from_sender_view) {
  Query(db_, from_sender_view ? "UPDATE c2c_messages SET sender_sees = 0 WHERE id = ? AND sdkappid = ?"
                              : "UPDATE c2c_messages SET receiver_sees = 0 WHERE id = ? AND sdkappid = ?")
      .bind_all(id, sdkappid_)
      .run();
}

void MessageRepository::hide_history(std::string_view owner, std::string_view peer) {
  const auto [low, high] = sorted(owner, peer);
  Query(db_,
        "UPDATE c2c_messages SET sender_sees = 0 WHERE sdkappid = ? AND peer_low = ? AND peer_high = ? "
        "AND from_account = ? AND sender_sees = 1")
      .bind_all(sdkappid_, low, high, owner)
      .run();
  Query(db_,
        "UPDATE c2c_messages SET receiver_sees = 0 WHERE sdkappid = ? AND peer_low = ? AND peer_high = ? "
        "AND to_account = ? AND receiver_sees = 1")
      .bind_all(sdkappid_, low, high, owner)
      .run();
}

// Both counts repeat the WHERE clause of the partial index c2c_messages_unread (schema/003), so they read
// only unread rows.
std::int64_t MessageRepository::unread_count(std::string_view owner, std::string_view peer) {
  Query query(
      db_,
      "SELECT count(*) AS n FROM c2c_messages WHERE sdkappid = ? AND to_account = ? AND from_account = ? "
      "AND is_read = 0 AND counts_unread = 1 AND receiver_sees = 1 AND flag_bits = 0");
  query.bind_all(sdkappid_, owner, peer);
  return query.one().int64("n");
}

std::int64_t MessageRepository::unread_total(std::string_view owner) {
  Query query(db_,
              "SELECT count(*) AS n FROM c2c_messages WHERE sdkappid = ? AND to_account = ? "
              "AND is_read = 0 AND counts_unread = 1 AND receiver_sees = 1 AND flag_bits = 0");
  query.bind_all(sdkappid_, owner);
  return query.one().int64("n");
}

}  // namespace timock::store
