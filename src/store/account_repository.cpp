#include "store/account_repository.hpp"

#include "store/database.hpp"

namespace timock::store {

bool AccountRepository::exists(std::string_view user_id) {
  auto& query = db_.cached("SELECT 1 FROM accounts WHERE sdkappid = ? AND user_id = ?");
  query.bind_all(sdkappid_, user_id);
  const bool found = query.step();
  query.reset();
  return found;
}

std::optional<core::Account> AccountRepository::find(std::string_view user_id) {
  auto& query =
      db_.cached("SELECT user_id, nick, face_url, created_at FROM accounts WHERE sdkappid = ? AND user_id = ?");
  query.bind_all(sdkappid_, user_id);
  if (!query.step()) return std::nullopt;
  core::Account account{query.text(0), query.text(1), query.text(2), query.int64(3)};
  query.reset();
  return account;
}

bool AccountRepository::import(const core::Account& account, bool set_nick, bool set_face_url) {
  db_.cached("INSERT INTO accounts (sdkappid, user_id, nick, face_url, created_at) VALUES (?, ?, ?, ?, ?) "
             "ON CONFLICT (sdkappid, user_id) DO NOTHING")
      .bind_all(sdkappid_, account.user_id, account.nick, account.face_url, account.created_at)
      .run();
  const bool created = db_.changes() > 0;
  if (!created) {
    if (set_nick)
      db_.cached("UPDATE accounts SET nick = ? WHERE sdkappid = ? AND user_id = ?")
          .bind_all(account.nick, sdkappid_, account.user_id)
          .run();
    if (set_face_url)
      db_.cached("UPDATE accounts SET face_url = ? WHERE sdkappid = ? AND user_id = ?")
          .bind_all(account.face_url, sdkappid_, account.user_id)
          .run();
  }
  return created;
}

bool AccountRepository::remove(std::string_view user_id) {
  db_.cached("DELETE FROM accounts WHERE sdkappid = ? AND user_id = ?").bind_all(sdkappid_, user_id).run();
  return db_.changes() > 0;
}

void AccountRepository::set_nick(std::string_view user_id, std::string_view nick) {
  db_.cached("UPDATE accounts SET nick = ? WHERE sdkappid = ? AND user_id = ?").bind_all(nick, sdkappid_, user_id).run();
}

void AccountRepository::set_face_url(std::string_view user_id, std::string_view face_url) {
  db_.cached("UPDATE accounts SET face_url = ? WHERE sdkappid = ? AND user_id = ?")
      .bind_all(face_url, sdkappid_, user_id)
      .run();
}

std::int64_t AccountRepository::count() {
  auto& query = db_.cached("SELECT count(*) FROM accounts WHERE sdkappid = ?");
  query.bind(1, sdkappid_);
  query.step();
  const auto n = query.int64(0);
  query.reset();
  return n;
}

}  // namespace timock::store
