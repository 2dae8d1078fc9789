#include "store/account_directory.hpp"

#include "store/query.hpp"

namespace timock::store {

AccountPage page_accounts(Database& db, core::SdkAppId sdkappid, std::string_view search, std::int64_t offset,
                          std::int64_t limit) {
  // instr() rather than LIKE: a search for "50%" or "a_b" means those characters, with nothing to escape.
#define TIMOCK_ACCOUNT_MATCH \
  "sdkappid = ?1 AND (?2 = '' OR instr(lower(user_id), lower(?2)) > 0 OR instr(lower(nick), lower(?2)) > 0)"
  AccountPage page;
  {
    Query count(db, "SELECT count(*) AS n FROM accounts WHERE " TIMOCK_ACCOUNT_MATCH);
    count.bind_all(sdkappid, search);
    page.total = count.one().int64("n");
  }
  Query rows(db, "SELECT user_id, nick, face_url, created_at FROM accounts WHERE " TIMOCK_ACCOUNT_MATCH
                 " ORDER BY user_id LIMIT ?3 OFFSET ?4");
#undef TIMOCK_ACCOUNT_MATCH
  rows.bind_all(sdkappid, search, limit, offset);
  while (const auto row = rows.next())
    page.accounts.push_back(core::Account{row->text("user_id"), row->text("nick"), row->text("face_url"),
                                          row->int64("created_at")});
  return page;
}

}  // namespace timock::store
