#include "store/snapshot_repository.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <functional>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store/account_repository.hpp"
#include "store/app_repository.hpp"
#include "store/c2c_message_row.hpp"
#include "store/catalogue_tables.hpp"
#include "store/community_topic_repository.hpp"
#include "store/conversation_repository.hpp"
#include "store/database.hpp"
#include "store/friend_repository.hpp"
#include "store/group_message_repository.hpp"
#include "store/group_application_repository.hpp"
#include "store/group_receipt_repository.hpp"
#include "store/group_repository.hpp"
#include "store/live_room_repository.hpp"
#include "store/message_repository.hpp"
#include "store/profile_repository.hpp"
#include "store/query.hpp"

namespace timock::store {

namespace json = boost::json;

namespace {

// A large load into a c2c_messages that holds no other app's rows: its secondary indexes are dropped for the
// inserts and built again after, from sorted keys, instead of taking every message at a random place in
// each B-tree (index inserts were half of loading 100k messages). All of it is inside the load's transaction,
// so a failed load rolls the indexes back too; a load that does not rebuild() rolls back anyway.
class BulkIndexes {
 public:
  // Below this many messages the inserts are cheap enough; and with other apps' rows in the table a rebuild
  // would sort theirs too.
  static constexpr std::size_t kMinMessages = 10000;

  BulkIndexes(Database& db, std::size_t messages) : db_(db) {
    if (messages < kMinMessages) return;
    if (Query(db_, "SELECT EXISTS (SELECT 1 FROM c2c_messages) AS occupied").one().int64("occupied") != 0)
      return;
    std::vector<std::string> names;
    {
      Query list(db_,
                 "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'c2c_messages' "
                 "AND sql IS NOT NULL");
      while (const auto row = list.next()) {
        names.push_back(row->text("name"));
        definitions_.push_back(row->text("sql"));
      }
    }  // the listing is reset before the DROPs rewrite sqlite_master
    for (const auto& name : names) db_.exec("DROP INDEX \"" + name + "\"");
  }

  void rebuild() {
    for (const auto& sql : definitions_) db_.exec(sql);
    definitions_.clear();
  }

 private:
  Database& db_;
  std::vector<std::string> definitions_;
};

// The app's groups in creation order, each whole. A group's members come owner, admins, members (as
// get_group_member_info lists them), so the order is the same however they were written.
// A group's (or topic's) state besides its row (schema/006–008).
core::GroupState read_group_state(Database& db, core::SdkAppId sdkappid, core::Group group) {
  GroupRepository groups(db, sdkappid);
  core::GroupState state;
  state.members = groups.members(MemberQuery(group.group_id));
  for (auto& [user, until] : groups.mutes_of_non_members(group.group_id))
    state.mutes.push_back({std::move(user), until});
  state.bans = groups.all_bans(group.group_id);
  state.messages = GroupMessageRepository(db, sdkappid).all(group.group_id);
  Query receipts(db,
                 "SELECT msg_seq, user_id, read_time FROM group_receipts WHERE sdkappid = ? AND group_id = ? "
                 "ORDER BY msg_seq, user_id");
  receipts.bind_all(sdkappid, group.group_id);
  while (const auto row = receipts.next())
    state.receipts.push_back({row->int64("msg_seq"), row->text("user_id"), row->int64("read_time")});
  state.live_admins = LiveRoomRepository(db, sdkappid).admins(group.group_id);
  for (auto& a : GroupApplicationRepository(db, sdkappid).of_group(group.group_id))
    state.join_requests.push_back(
        {std::move(a.applicant), std::move(a.apply_msg), std::move(a.user_defined), a.add_time, a.msg_key,
         std::move(a.authentication)});
  state.group = std::move(group);
  return state;
}

// The app's groups in creation order, each whole, a Community's topics right after it (in id order).
std::vector<core::GroupState> read_groups(Database& db, core::SdkAppId sdkappid) {
  GroupRepository groups(db, sdkappid);
  CommunityTopicRepository topics(db, sdkappid);
  std::vector<core::GroupState> out;
  for (auto& group : groups.all()) {
    const auto id = group.group_id;
    auto state = read_group_state(db, sdkappid, std::move(group));
    state.support_topic = topics.supports_topics(id);
    out.push_back(std::move(state));
    if (!out.back().support_topic) continue;
    for (const auto& topic_id : topics.topics(id)) {
      auto topic = groups.find(topic_id);
      if (!topic) continue;
      auto topic_state = read_group_state(db, sdkappid, std::move(*topic));
      topic_state.topic_of = id;
      topic_state.topic_custom_string = topics.custom_string(topic_id);
      out.push_back(std::move(topic_state));
    }
  }
  return out;
}

// Members and non-members' mutes, bans and the history as they were: the group row already holds its seq
// counter, so nothing here takes a seq.
void write_groups(Database& db, core::SdkAppId sdkappid, const std::vector<core::GroupState>& states) {
  GroupRepository groups(db, sdkappid);
  GroupMessageRepository history(db, sdkappid);
  GroupReceiptRepository receipts(db, sdkappid);
  LiveRoomRepository rooms(db, sdkappid);
  CommunityTopicRepository topics(db, sdkappid);
  GroupApplicationRepository applications(db, sdkappid);
  for (const auto& state : states) {
    const auto& id = state.group.group_id;
    groups.insert(state.group);
    for (const auto& member : state.members) {
      groups.add_member(id, member);
      if (member.mute_until != 0) groups.set_mute(id, member.user_id, member.mute_until);
    }
    for (const auto& mute : state.mutes) groups.set_mute(id, mute.user_id, mute.mute_until);
    for (const auto& ban : state.bans) groups.ban(id, ban.user_id, ban.banned_until, ban.description);
    for (const auto& message : state.messages) history.insert(message);  // each names its group
    for (const auto& r : state.receipts) receipts.add(id, r.msg_seq, r.user_id, r.read_time);
    for (const auto& admin : state.live_admins) rooms.add_admin(id, admin);
    for (const auto& r : state.join_requests)
      applications.put({id, r.user_id, r.apply_msg, r.user_defined, r.add_time, r.msg_key, r.authentication});
    if (state.support_topic) topics.enable(id);
    // A topic comes after its community (read_groups's order; a fixture is checked for it).
    if (!state.topic_of.empty()) topics.add(id, state.topic_of, state.topic_custom_string);
  }
}

}  // namespace

core::AppSnapshot SnapshotRepository::read(const core::App& app) {
  core::AppSnapshot snapshot;
  snapshot.app = app;
  const auto id = app.sdkappid;
  {
    Query q(db_,
            "SELECT user_id, nick, face_url, created_at, pendency_read_time FROM accounts WHERE sdkappid = ? "
            "ORDER BY user_id");
    q.bind(1, id);
    while (const auto row = q.next())
      snapshot.accounts.push_back({{row->text("user_id"), row->text("nick"), row->text("face_url"),
                                    row->int64("created_at")},
                                   {},
                                   row->int64("pendency_read_time")});
  }
  {
    Query q(db_, "SELECT user_id, tag, value FROM profile_tags WHERE sdkappid = ? ORDER BY user_id, tag");
    q.bind(1, id);
    std::size_t at = 0;
    while (const auto row = q.next()) {
      const auto user = row->text("user_id");
      while (at < snapshot.accounts.size() && snapshot.accounts[at].account.user_id < user) ++at;
      if (at < snapshot.accounts.size() && snapshot.accounts[at].account.user_id == user)
        snapshot.accounts[at].profile.emplace_back(row->text("tag"), row->text("value"));
    }
  }
  {
    Query q(db_,
            "SELECT owner, friend, remark, groups, add_source, add_wording, add_time, custom FROM friends "
            "WHERE sdkappid = ? ORDER BY owner, friend");
    q.bind(1, id);
    while (const auto row = q.next())
      snapshot.friends.push_back({row->text("owner"), row->text("friend"), row->text("remark"),
                                  row->text("groups"), row->text("add_source"), row->text("add_wording"),
                                  row->int64("add_time"), row->text("custom")});
  }
  {
    Query q(db_,
            "SELECT from_account, to_account, remark, groups, add_source, add_wording, add_time FROM friend_pendency "
            "WHERE sdkappid = ? ORDER BY from_account, to_account");
    q.bind(1, id);
    while (const auto row = q.next())
      snapshot.friend_requests.push_back({row->text("from_account"), row->text("to_account"),
                                          row->text("remark"), row->text("groups"), row->text("add_source"),
                                          row->text("add_wording"), row->int64("add_time"), "[]"});
  }
  {
    Query q(db_, "SELECT owner, blocked, add_time FROM blacklist WHERE sdkappid = ? ORDER BY owner, blocked");
    q.bind(1, id);
    while (const auto row = q.next())
      snapshot.blacklist.push_back({row->text("owner"), row->text("blocked"), row->int64("add_time")});
  }
  {
    Query q(db_, "SELECT owner, name FROM friend_groups WHERE sdkappid = ? ORDER BY owner, id");
    q.bind(1, id);
    while (const auto row = q.next()) snapshot.friend_groups.emplace_back(row->text("owner"), row->text("name"));
  }
  snapshot.groups = read_groups(db_, id);
  {
    static const std::string sql =
        std::string("SELECT ") + kC2cMessageColumns + " FROM c2c_messages WHERE sdkappid = ? ORDER BY id";
    Query q(db_, sql.c_str());
    q.bind(1, id);
    while (const auto row = q.next()) snapshot.messages.push_back(read_c2c_message(*row));
  }
  snapshot.conversations = ConversationRepository(db_, id).states();
  snapshot.catalogue = read_catalogue(db_, id);
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
  for (const auto& state : s.accounts)
    if (state.pendency_read_time != 0) friends.set_pendency_read_time(state.account.user_id, state.pendency_read_time);
  for (const auto& [owner, name] : s.friend_groups) friends.add_group(owner, name);
  // A fixture may leave out the groups its friends are in: they exist all the same (after the listed ones).
  for (const auto& f : s.friends) {
    const auto groups = json::parse(f.groups_json);
    for (const auto& name : groups.as_array()) friends.add_group(f.owner, name.as_string());
  }
  for (const auto& f : s.friends) friends.add(f);
  for (const auto& r : s.friend_requests) friends.add_pendency(r);
  for (const auto& b : s.blacklist) friends.block(b.owner, b.blocked, b.add_time);
  // Members name accounts only by id (no foreign key), but they come after them all the same.
  write_groups(db_, id, s.groups);
  // Each side's conversation ends up pointing at its newest message by MsgTime, the later one of a tie, as
  // MessageRepository::insert leaves it message by message; here it is worked out in memory and written once
  // per conversation, in key order (sequential B-tree inserts), instead of two upserts per message (a third
  // of a 100k-message load).
  struct Head {
    std::int64_t id;
    std::int64_t msg_time;
  };
  // (owner, peer), viewing the snapshot's strings
  using Pair = std::pair<std::string_view, std::string_view>;
  const auto hash = [](const Pair& key) {
    const std::hash<std::string_view> h;
    return h(key.first) * 1000003u ^ h(key.second);
  };
  std::unordered_map<Pair, Head, decltype(hash)> heads(s.messages.size(), hash);
  const auto note = [&](std::string_view owner, std::string_view peer, std::int64_t row, std::int64_t time) {
    auto [it, fresh] = heads.try_emplace({owner, peer}, Head{row, time});
    if (!fresh && time >= it->second.msg_time) it->second = {row, time};
  };
  MessageRepository messages(db_, id);
  {
    BulkIndexes bulk(db_, s.messages.size());
    // The app was emptied above: each receiver's arrivals are numbered from 1, in the snapshot's order (a
    // lookup per row would scan while the bulk load has the indexes dropped).
    std::unordered_map<std::string_view, std::int64_t> arrivals;
    for (const auto& m : s.messages) {
      const auto row = messages.insert_row(m, ++arrivals[m.to_account]);
      if (m.sender_sees) note(m.from_account, m.to_account, row, m.msg_time);
      if (m.receiver_sees) note(m.to_account, m.from_account, row, m.msg_time);
    }
    bulk.rebuild();
  }
  std::vector<std::pair<Pair, Head>> ordered(heads.begin(), heads.end());
  std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  ConversationRepository conversations(db_, id);
  for (const auto& [key, head] : ordered)
    conversations.on_message(key.first, key.second, head.id, head.msg_time);
  for (const auto& c : s.conversations) conversations.restore(c);
  write_catalogue(db_, id, s.catalogue);
}

}  // namespace timock::store
