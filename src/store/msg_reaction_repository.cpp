#include "store/msg_reaction_repository.hpp"

#include <algorithm>

#include "store/query.hpp"

namespace timock::store {

bool MsgReactionRepository::has(std::string_view msg_ref, std::string_view reaction, std::string_view user) {
  Query query(db_,
              "SELECT 1 AS found FROM msg_reactions WHERE sdkappid = ? AND msg_ref = ? AND reaction = ? AND "
              "user_id = ?");
  query.bind_all(sdkappid_, msg_ref, reaction, user);
  return query.next().has_value();
}

std::int64_t MsgReactionRepository::reactions(std::string_view msg_ref) {
  Query query(db_,
              "SELECT COUNT(DISTINCT reaction) AS n FROM msg_reactions WHERE sdkappid = ? AND msg_ref = ?");
  query.bind_all(sdkappid_, msg_ref);
  return query.one().int64("n");
}

std::int64_t MsgReactionRepository::users(std::string_view msg_ref, std::string_view reaction) {
  Query query(db_,
              "SELECT COUNT(*) AS n FROM msg_reactions WHERE sdkappid = ? AND msg_ref = ? AND reaction = ?");
  query.bind_all(sdkappid_, msg_ref, reaction);
  return query.one().int64("n");
}

void MsgReactionRepository::add(std::string_view msg_ref, std::string_view reaction, std::string_view user) {
  // The message's next seq: users of every reaction share one order, so a reaction's first user tells the
  // reaction's place too.
  Query(db_,
        "INSERT INTO msg_reactions (sdkappid, msg_ref, reaction, user_id, seq) SELECT ?, ?, ?, ?, "
        "COALESCE(MAX(seq), 0) + 1 FROM msg_reactions WHERE sdkappid = ? AND msg_ref = ?")
      .bind_all(sdkappid_, msg_ref, reaction, user, sdkappid_, msg_ref)
      .run();
}

bool MsgReactionRepository::remove(std::string_view msg_ref, std::string_view reaction,
                                   std::string_view user) {
  if (!has(msg_ref, reaction, user)) return false;
  Query(db_, "DELETE FROM msg_reactions WHERE sdkappid = ? AND msg_ref = ? AND reaction = ? AND user_id = ?")
      .bind_all(sdkappid_, msg_ref, reaction, user)
      .run();
  return true;
}

std::vector<ReactionSummary> MsgReactionRepository::summaries(std::string_view msg_ref, std::size_t max_users,
                                                              std::string_view reaction) {
  Query query(db_,
              "SELECT reaction, user_id FROM msg_reactions WHERE sdkappid = ? AND msg_ref = ? AND "
              "(? = '' OR reaction = ?) ORDER BY seq");
  query.bind_all(sdkappid_, msg_ref, reaction, reaction);
  std::vector<ReactionSummary> out;
  while (const auto row = query.next()) {
    const auto name = row->text("reaction");
    auto it =
        std::find_if(out.begin(), out.end(), [&](const ReactionSummary& s) { return s.reaction == name; });
    if (it == out.end()) it = out.insert(out.end(), ReactionSummary{name, 0, {}});
    ++it->count;
    if (it->first_users.size() < max_users) it->first_users.push_back(row->text("user_id"));
  }
  return out;
}

std::vector<ReactionUser> MsgReactionRepository::page(std::string_view msg_ref, std::string_view reaction,
                                                      std::int64_t from_seq, std::size_t limit) {
  Query query(
      db_,
      "SELECT user_id, seq FROM msg_reactions WHERE sdkappid = ? AND msg_ref = ? AND reaction = ? AND "
      "seq >= ? ORDER BY seq LIMIT ?");
  query.bind_all(sdkappid_, msg_ref, reaction, from_seq, static_cast<std::int64_t>(limit));
  std::vector<ReactionUser> out;
  while (const auto row = query.next()) out.push_back({row->text("user_id"), row->int64("seq")});
  return out;
}

}  // namespace timock::store
