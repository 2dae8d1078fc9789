#include "store/snapshot_repository.hpp"

#include "store/account_repository.hpp"
#include "store/c2c_message_row.hpp"
#include "store/conversation_repository.hpp"
#include "store/app_repository.hpp"
#include "store/database.hpp"
#include "store/friend_repository.hpp"
#include "store/message_repository.hpp"
#include "store/profile_repository.hpp"

namespace timock::store {

core::AppSnapshot SnapshotRepository::read(const core::App& app) {
  core::AppSnapshot snapshot;
  snapshot.app = app;
  const auto id = app.sdkappid;
  {
    auto& q = db_.cached(
        "SELECT user_id, nick, face_url, created_at FROM accounts WHERE sdkappid = ? ORDER BY user_id");
    q.bind(1, id);
    while (q.step()) snapshot.accounts.push_back({{q.text(0), q.text(1), q.text(2), q.int64(3)}, {}});
  }
  {
    auto& q = db_.cached("SELECT user_id, tag, value FROM profile_tags WHERE sdkappid = ? ORDER BY user_id, tag");
    q.bind(1, id);
    std::size_t at = 0;
    while (q.step()) {
      const auto user = q.text(0);
      while (at < snapshot.accounts.size() && snapshot.accounts[at].account.user_id < user) ++at;
      if (at < snapshot.accounts.size() && snapshot.accounts[at].account.user_id == user)
        snapshot.accounts[at].profile.emplace_back(q.text(1), q.text(2));
    }
  }
  {
    auto& q = db_.cached(
        "SELECT owner, friend, remark, groups, add_source, add_wording, add_time FROM friends "
        "WHERE sdkappid = ? ORDER BY owner, friend");
    q.bind(1, id);
    while (q.step())
      snapshot.friends.push_back({q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.int64(6)});
  }
  {
    auto& q = db_.cached(
        "SELECT from_account, to_account, remark, add_source, add_wording, add_time FROM friend_pendency "
        "WHERE sdkappid = ? ORDER BY from_account, to_account");
    q.bind(1, id);
    while (q.step())
      snapshot.friend_requests.push_back({q.text(0), q.text(1), q.text(2), "[]", q.text(3), q.text(4), q.int64(5)});
  }
  {
    auto& q = db_.cached("SELECT owner, blocked, add_time FROM blacklist WHERE sdkappid = ? ORDER BY owner, blocked");
    q.bind(1, id);
    while (q.step()) snapshot.blacklist.push_back({q.text(0), q.text(1), q.int64(2)});
  }
  {
    static const std::string sql =
        std::string("SELECT ") + kC2cMessageColumns + " FROM c2c_messages WHERE sdkappid = ? ORDER BY id";
    auto& q = db_.cached(sql.c_str());
    q.bind(1, id);
    while (q.step()) snapshot.messages.push_back(read_c2c_message(q));
  }
  snapshot.conversations = ConversationRepository(db_, id).states();
  return snapshot;
}

void SnapshotRepository::clear_data(const core::App& app) {
  AppRepository apps(db_);
  apps.remove(app.sdkappid);  // cascades to every table
  apps.save(app);
  AccountRepository(db_, app.sdkappid).import({app.admin, "", "", app.created_at}, false, false);
}

void SnapshotRepository::replace(const core::AppSnapshot& s) {
  clear_data(s.app);
  const auto id = s.app.sdkappid;
  AccountRepository accounts(db_, id);
  ProfileRepository profiles(db_, id);
  for (const auto& state : s.accounts) {
    accounts.import(state.account, true, true);
    for (const auto& [tag, value] : state.profile) profiles.set_tag(state.account.user_id, tag, value);
  }
  FriendRepository friends(db_, id);
  for (const auto& f : s.friends) friends.add(f);
  for (const auto& r : s.friend_requests) friends.add_pendency(r);
  for (const auto& b : s.blacklist) friends.block(b.owner, b.blocked, b.add_time);
  MessageRepository messages(db_, id);
  for (const auto& m : s.messages) messages.insert(m);
  ConversationRepository conversations(db_, id);
  for (const auto& c : s.conversations) conversations.restore(c);
}

}  // namespace timock::store
