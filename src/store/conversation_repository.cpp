#include "store/conversation_repository.hpp"

#include "store/query.hpp"

namespace timock::store {

namespace {

constexpr const char* kColumns = "conv_type, target, last_msg_id, msg_time, pinned, standard_mark, custom_mark";

Conversation read_conversation(const Row& row) {
  return {row.text("target"),
          static_cast<int>(row.int64("conv_type")),
          row.int64("last_msg_id"),
          row.int64("msg_time"),
          row.int64("pinned") != 0,
          static_cast<std::uint64_t>(row.int64("standard_mark")),
          row.text("custom_mark")};
}

// An owner's list: its C2C rows, and a row per group it is a member of (live rooms have no conversation). A
// group row is not written per message: its last message and time are the group's (last seq, LastMsgTime), and
// a `conversations` row of type 2 only keeps the owner's own state — pinned, marks, and hidden until a seq
// newer than the one it was hidden at (kept in last_msg_id). So a message costs no write per member (schema/006).
constexpr const char* kListSource =
    "(SELECT conv_type, target, last_msg_id, msg_time, hidden, pinned, standard_mark, custom_mark "
    "FROM conversations WHERE sdkappid = ?1 AND owner = ?2 AND conv_type = 1 "
    "UNION ALL "
    "SELECT 2 AS conv_type, m.group_id AS target, g.next_msg_seq - 1 AS last_msg_id, g.last_msg_time AS msg_time, "
    "CASE WHEN c.hidden = 1 AND g.next_msg_seq - 1 <= c.last_msg_id THEN 1 ELSE 0 END AS hidden, "
    "coalesce(c.pinned, 0) AS pinned, coalesce(c.standard_mark, 0) AS standard_mark, "
    "coalesce(c.custom_mark, '') AS custom_mark "
    "FROM group_members AS m JOIN groups AS g ON g.sdkappid = m.sdkappid AND g.group_id = m.group_id "
    "LEFT JOIN conversations AS c ON c.sdkappid = m.sdkappid AND c.owner = m.user_id AND c.conv_type = 2 "
    "AND c.target = m.group_id "
    "WHERE m.sdkappid = ?1 AND m.user_id = ?2 AND g.type NOT IN ('AVChatRoom', 'BChatRoom'))";

// The rows of one part of the list: ?1 app, ?2 owner, ?3 include empty, ?4 time cursor (0: none).
std::string part_filter(ConversationQuery::Part part) {
  std::string sql = std::string(" FROM ") + kListSource +
                    " WHERE hidden = 0 AND (?3 = 1 OR last_msg_id <> 0) AND (?4 = 0 OR msg_time <= ?4)";
  if (part == ConversationQuery::Part::unpinned) sql += " AND pinned = 0";
  if (part == ConversationQuery::Part::pinned) sql += " AND pinned = 1";
  return sql;
}

const std::string& page_sql(ConversationQuery::Part part) {
  static const std::string sql[] = {
      std::string("SELECT ") + kColumns + part_filter(ConversationQuery::Part::unpinned) +
          " ORDER BY msg_time DESC, conv_type, target LIMIT ?5 OFFSET ?6",
      std::string("SELECT ") + kColumns + part_filter(ConversationQuery::Part::pinned) +
          " ORDER BY msg_time DESC, conv_type, target LIMIT ?5 OFFSET ?6",
      std::string("SELECT ") + kColumns + part_filter(ConversationQuery::Part::all) +
          " ORDER BY msg_time DESC, conv_type, target LIMIT ?5 OFFSET ?6",
  };
  return sql[static_cast<int>(part)];
}

const std::string& rank_sql(ConversationQuery::Part part) {
  static const std::string sql[] = {
      "SELECT count(*) AS n" + part_filter(ConversationQuery::Part::unpinned) +
          " AND msg_time = ?5 AND (conv_type, target) <= (?6, ?7)",
      "SELECT count(*) AS n" + part_filter(ConversationQuery::Part::pinned) +
          " AND msg_time = ?5 AND (conv_type, target) <= (?6, ?7)",
      "SELECT count(*) AS n" + part_filter(ConversationQuery::Part::all) +
          " AND msg_time = ?5 AND (conv_type, target) <= (?6, ?7)",
  };
  return sql[static_cast<int>(part)];
}

}  // namespace

void ConversationRepository::on_message(std::string_view owner, std::string_view peer, std::int64_t msg_id,
                                        std::int64_t msg_time) {
  // SET expressions read the row as it was, so both columns test the same old MsgTime.
  Query(db_,
        "INSERT INTO conversations (sdkappid, owner, conv_type, target, last_msg_id, msg_time) "
        "VALUES (?1, ?2, 1, ?3, ?4, ?5) "
        "ON CONFLICT (sdkappid, owner, conv_type, target) DO UPDATE SET "
        "last_msg_id = CASE WHEN last_msg_id = 0 OR excluded.msg_time >= msg_time "
        "THEN excluded.last_msg_id ELSE last_msg_id END, "
        "msg_time = CASE WHEN last_msg_id = 0 OR excluded.msg_time >= msg_time "
        "THEN excluded.msg_time ELSE msg_time END, "
        "hidden = 0")
      .bind_all(sdkappid_, owner, peer, msg_id, msg_time)
      .run();
}

std::vector<Conversation> ConversationRepository::page(const ConversationQuery& q) {
  Query query(db_, page_sql(q.part).c_str());
  query.bind_all(sdkappid_, q.owner, q.include_empty ? 1 : 0, q.time_cursor, q.limit, q.start_index);
  std::vector<Conversation> out;
  while (const auto row = query.next()) out.push_back(read_conversation(*row));
  return out;
}

std::int64_t ConversationRepository::rank_among_ties(const ConversationQuery& q, const Conversation& last) {
  Query query(db_, rank_sql(q.part).c_str());
  query.bind_all(sdkappid_, q.owner, q.include_empty ? 1 : 0, q.time_cursor, last.msg_time, last.type, last.peer);
  return query.one().int64("n");
}

std::vector<Conversation> ConversationRepository::recent(std::string_view owner, std::int64_t limit) {
  static const std::string sql = std::string("SELECT ") + kColumns +
                                 " FROM conversations WHERE sdkappid = ? AND owner = ? AND conv_type = 1 "
                                 "AND hidden = 0 AND last_msg_id <> 0 ORDER BY msg_time DESC, last_msg_id DESC LIMIT ?";
  Query query(db_, sql.c_str());
  query.bind_all(sdkappid_, owner, limit);
  std::vector<Conversation> out;
  while (const auto row = query.next()) out.push_back(read_conversation(*row));
  return out;
}

std::optional<Conversation> ConversationRepository::find(std::string_view owner, std::string_view peer) {
  static const std::string sql =
      std::string("SELECT ") + kColumns +
      " FROM conversations WHERE sdkappid = ? AND owner = ? AND conv_type = 1 AND target = ? AND hidden = 0";
  Query query(db_, sql.c_str());
  query.bind_all(sdkappid_, owner, peer);
  const auto row = query.next();
  if (!row) return std::nullopt;
  return read_conversation(*row);
}

std::optional<Conversation> ConversationRepository::state(std::string_view owner, std::string_view target,
                                                          int type) {
  static const std::string sql =
      std::string("SELECT ") + kColumns +
      " FROM conversations WHERE sdkappid = ? AND owner = ? AND conv_type = ? AND target = ?";
  Query query(db_, sql.c_str());
  query.bind_all(sdkappid_, owner, type, target);
  const auto row = query.next();
  if (!row) return std::nullopt;
  return read_conversation(*row);
}

void ConversationRepository::hide(std::string_view owner, std::string_view peer) {
  Query(db_,
        "UPDATE conversations SET hidden = 1, pinned = 0 "
        "WHERE sdkappid = ? AND owner = ? AND conv_type = 1 AND target = ?")
      .bind_all(sdkappid_, owner, peer)
      .run();
}

void ConversationRepository::hide_group(std::string_view owner, std::string_view group_id) {
  // Hidden until the group's history moves past its current last seq.
  Query(db_,
        "INSERT INTO conversations (sdkappid, owner, conv_type, target, last_msg_id, hidden) "
        "SELECT ?1, ?2, 2, ?3, g.next_msg_seq - 1, 1 FROM groups AS g WHERE g.sdkappid = ?1 AND g.group_id = ?3 "
        "AND EXISTS (SELECT 1 FROM group_members AS m WHERE m.sdkappid = ?1 AND m.group_id = ?3 AND m.user_id = ?2) "
        "ON CONFLICT (sdkappid, owner, conv_type, target) DO UPDATE SET last_msg_id = excluded.last_msg_id, "
        "hidden = 1, pinned = 0")
      .bind_all(sdkappid_, owner, group_id)
      .run();
}

void ConversationRepository::hide_and_forget(std::string_view owner, std::string_view peer) {
  Query(db_,
        "UPDATE conversations SET hidden = 1, pinned = 0, last_msg_id = 0, msg_time = 0 "
        "WHERE sdkappid = ? AND owner = ? AND conv_type = 1 AND target = ?")
      .bind_all(sdkappid_, owner, peer)
      .run();
}

void ConversationRepository::forget_last(std::string_view owner, std::string_view peer) {
  Query(db_, "UPDATE conversations SET last_msg_id = 0 WHERE sdkappid = ? AND owner = ? AND conv_type = 1 AND target = ?")
      .bind_all(sdkappid_, owner, peer)
      .run();
}

void ConversationRepository::ensure(std::string_view owner, std::string_view peer, int type) {
  Query(db_,
        "INSERT INTO conversations (sdkappid, owner, conv_type, target) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (sdkappid, owner, conv_type, target) DO NOTHING")
      .bind_all(sdkappid_, owner, type, peer)
      .run();
}

void ConversationRepository::set_pinned(std::string_view owner, std::string_view peer, bool pinned, int type) {
  ensure(owner, peer, type);
  // Pinning shows a deleted conversation again; unpinning leaves it where it is.
  Query(db_,
        "UPDATE conversations SET pinned = ?1, hidden = CASE WHEN ?1 = 1 THEN 0 ELSE hidden END "
        "WHERE sdkappid = ?2 AND owner = ?3 AND conv_type = ?5 AND target = ?4")
      .bind_all(pinned ? 1 : 0, sdkappid_, owner, peer, type)
      .run();
}

std::int64_t ConversationRepository::pinned_count(std::string_view owner) {
  Query query(db_, "SELECT count(*) AS n FROM conversations WHERE sdkappid = ? AND owner = ? AND pinned = 1");
  query.bind_all(sdkappid_, owner);
  return query.one().int64("n");
}

void ConversationRepository::mark(std::string_view owner, std::string_view peer, std::uint64_t set_bits,
                                  std::uint64_t clear_bits, const std::optional<std::string>& custom_mark, int type) {
  ensure(owner, peer, type);
  // The 64 bits travel through SQLite's signed INTEGER unchanged.
  Query(db_,
        "UPDATE conversations SET standard_mark = (standard_mark | ?1) & ~?2, "
        "custom_mark = coalesce(?3, custom_mark) WHERE sdkappid = ?4 AND owner = ?5 AND conv_type = ?7 AND target = ?6")
      .bind_all(static_cast<std::int64_t>(set_bits), static_cast<std::int64_t>(clear_bits), custom_mark,
                static_cast<std::int64_t>(sdkappid_), owner, peer, type)
      .run();
}

std::vector<core::ConversationState> ConversationRepository::states() {
  // A group row's last_msg_id is the seq it was hidden at (hide_group); a C2C row's follows from the
  // messages. The rows of a deleted account are left out: account_delete keeps them, and a fixture may only
  // give conversations to its accounts.
  Query query(db_,
              "SELECT owner, conv_type, target, hidden, last_msg_id, pinned, standard_mark, custom_mark "
              "FROM conversations AS c WHERE sdkappid = ?1 "
              "AND (hidden = 1 OR pinned = 1 OR standard_mark != 0 OR custom_mark != '') "
              "AND EXISTS (SELECT 1 FROM accounts AS a WHERE a.sdkappid = ?1 AND a.user_id = c.owner) "
              "ORDER BY owner, conv_type, target");
  query.bind(1, sdkappid_);
  std::vector<core::ConversationState> out;
  while (const auto row = query.next()) {
    core::ConversationState state;
    state.owner = row->text("owner");
    state.type = static_cast<int>(row->int64("conv_type"));
    state.peer = row->text("target");
    state.hidden = row->int64("hidden") != 0;
    if (state.type == kGroupConversation) state.hidden_at_seq = row->int64("last_msg_id");
    state.pinned = row->int64("pinned") != 0;
    state.standard_mark = static_cast<std::uint64_t>(row->int64("standard_mark"));
    state.custom_mark = row->text("custom_mark");
    out.push_back(std::move(state));
  }
  return out;
}

void ConversationRepository::restore(const core::ConversationState& state) {
  ensure(state.owner, state.peer, state.type);
  Query(db_,
        "UPDATE conversations SET hidden = ?1, pinned = ?2, standard_mark = ?3, custom_mark = ?4, "
        "last_msg_id = CASE WHEN ?8 = 2 THEN ?5 ELSE last_msg_id END "
        "WHERE sdkappid = ?6 AND owner = ?7 AND conv_type = ?8 AND target = ?9")
      .bind_all(int(state.hidden), int(state.pinned), static_cast<std::int64_t>(state.standard_mark),
                state.custom_mark, state.hidden_at_seq, sdkappid_, state.owner, state.type, state.peer)
      .run();
}

}  // namespace timock::store
