#include "store/inbox_repository.hpp"

#include "store/c2c_message_row.hpp"
#include "store/conversation_repository.hpp"
#include "store/message_repository.hpp"
#include "store/query.hpp"

namespace timock::store {

std::vector<InboundMessage> InboxRepository::inbound_after(std::int64_t after_seq, bool unread_only,
                                                           std::int64_t limit) {
  static const std::string sql =
      std::string("SELECT recv_seq, ") + kC2cMessageColumns +
      " FROM c2c_messages WHERE sdkappid = ?1 AND to_account = ?2 AND recv_seq > ?3 "
      "AND receiver_sees = 1 AND (?4 = 0 OR (is_read = 0 AND counts_unread = 1 AND flag_bits = 0)) "
      // api/c2c_receive_option.hpp: a message its receiver discarded (by its receive option) is no arrival.
      "AND instr(extra, '\"ReceiverDiscarded\"') = 0 "
      "ORDER BY recv_seq LIMIT ?5";
  Query query(db_, sql.c_str());
  query.bind_all(sdkappid_, user_, after_seq, unread_only ? 1 : 0, limit);
  std::vector<InboundMessage> out;
  while (const auto row = query.next()) out.push_back({row->int64("recv_seq"), read_c2c_message(*row)});
  return out;
}

std::int64_t InboxRepository::newest_inbound_seq() {
  Query query(db_,
              "SELECT coalesce(max(recv_seq), 0) AS newest FROM c2c_messages WHERE sdkappid = ? AND to_account = ?");
  query.bind_all(sdkappid_, user_);
  return query.one().int64("newest");
}

std::int64_t InboxRepository::inbound_seq_at_row(std::int64_t id) {
  Query query(db_,
              "SELECT coalesce(max(recv_seq), 0) AS covered FROM c2c_messages "
              "WHERE sdkappid = ? AND to_account = ? AND id <= ?");
  query.bind_all(sdkappid_, user_, id);
  return query.one().int64("covered");
}

int InboxRepository::mark_read(std::string_view peer, std::int64_t up_to_time) {
  Query update(
      db_,
      "UPDATE c2c_messages SET is_read = 1 WHERE sdkappid = ? AND to_account = ? AND from_account = ? "
      "AND msg_time <= ? AND is_read = 0");
  update.bind_all(sdkappid_, user_, peer, up_to_time).run();
  return update.changes();
}

int InboxRepository::mark_all_read() {
  Query update(db_, "UPDATE c2c_messages SET is_read = 1 WHERE sdkappid = ? AND to_account = ? AND is_read = 0");
  update.bind_all(sdkappid_, user_).run();
  return update.changes();
}

namespace {
const std::string& message_by_id_sql() {
  static const std::string sql =
      std::string("SELECT ") + kC2cMessageColumns + " FROM c2c_messages WHERE id = ?";
  return sql;
}
}  // namespace

std::optional<core::C2cMessage> InboxRepository::message_by_id(std::int64_t id) {
  Query query(db_, message_by_id_sql().c_str());
  query.bind(1, id);
  return read_first_c2c_message(query);
}

std::optional<core::C2cMessage> InboxRepository::last_message(std::string_view peer) {
  const auto conversation = ConversationRepository(db_, sdkappid_).find(user_, peer);
  if (!conversation || conversation->last_msg_id == 0) return std::nullopt;
  return message_by_id(conversation->last_msg_id);
}

std::vector<ConversationSummary> InboxRepository::conversations(std::int64_t limit) {
  // The conversation list REST's recentcontact/get_list reads too (kept by MessageRepository::insert), so a
  // deleted conversation and an imported history show the same on both surfaces.
  ConversationRepository list(db_, sdkappid_);
  MessageRepository messages(db_, sdkappid_);
  std::vector<ConversationSummary> out;
  for (auto& conversation : list.recent(user_, limit)) {
    auto last = message_by_id(conversation.last_msg_id);
    if (!last) continue;
    ConversationSummary summary{std::move(conversation.peer), std::move(*last), 0};
    summary.unread = messages.unread_count(user_, summary.peer);
    out.push_back(std::move(summary));
  }
  return out;
}

}  // namespace timock::store
