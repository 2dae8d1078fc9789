#include "store/account_repository.hpp"

#include "store/query.hpp"

namespace timock::store {

bool AccountRepository::exists(std::string_view user_id) {
  Query query(db_, "SELECT 1 FROM accounts WHERE sdkappid = ? AND user_id = ?");
  query.bind_all(sdkappid_, user_id);
  return query.next().has_value();
}

std::optional<core::Account> AccountRepository::find(std::string_view user_id) {
  Query query(db_,
              "SELECT user_id, nick, face_url, created_at FROM accounts WHERE sdkappid = ? AND user_id = ?");
  query.bind_all(sdkappid_, user_id);
  const auto row = query.next();
  if (!row) return std::nullopt;
  return core::Account{row->text("user_id"), row->text("nick"), row->text("face_url"),
                       row->int64("created_at")};
}

bool AccountRepository::import(const core::Account& account, bool set_nick, bool set_face_url) {
  Query insert(db_,
               "INSERT INTO accounts (sdkappid, user_id, nick, face_url, created_at) VALUES (?, ?, ?, ?, ?) "
               "ON CONFLICT (sdkappid, user_id) DO NOTHING");
  insert.bind_all(sdkappid_, account.user_id, account.nick, account.face_url, account.created_at).run();
  const bool created = insert.changes() > 0;
  if (!created) {
    if (set_nick)
      Query(db_, "UPDATE accounts SET nick = ? WHERE sdkappid = ? AND user_id = ?")
          .bind_all(account.nick, sdkappid_, account.user_id)
          .run();
    if (set_face_url)
      Query(db_, "UPDATE accounts SET face_url = ? WHERE sdkappid = ? AND user_id = ?")
          .bind_all(account.face_url, sdkappid_, account.user_id)
          .run();
  }
  return created;
}

bool AccountRepository::remove(std::string_view user_id) {
  Query remove(db_, "DELETE FROM accounts WHERE sdkappid = ? AND user_id = ?");
  remove.bind_all(sdkappid_, user_id).run();
  return remove.changes() > 0;
}

void AccountRepository::set_nick(std::string_view user_id, std::string_view nick) {
  Query(db_, "UPDATE accounts SET nick = ? WHERE sdkappid = ? AND user_id = ?")
      .bind_all(nick, sdkappid_, user_id)
      .run();
}

void AccountRepository::set_face_url(std::string_view user_id, std::string_view face_url) {
  Query(db_, "UPDATE accounts SET face_url = ? WHERE sdkappid = ? AND user_id = ?")
      .bind_all(face_url, sdkappid_, user_id)
      .run();
}

std::int64_t AccountRepository::count() {
  Query query(db_, "SELECT count(*) AS n FROM accounts WHERE sdkappid = ?");
  query.bind(1, sdkappid_);
  return query.one().int64("n");
}

}  // namespace timock::store
