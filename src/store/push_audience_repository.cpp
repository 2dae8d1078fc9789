#include "store/push_audience_repository.hpp"

#include <algorithm>

#include "store/query.hpp"

namespace timock::store {

std::map<std::int64_t, std::string> PushAudienceRepository::attr_names() {
  Query query(db_, "SELECT slot, name FROM push_attr_names WHERE sdkappid = ? ORDER BY slot");
  query.bind(1, sdkappid_);
  std::map<std::int64_t, std::string> out;
  while (const auto row = query.next()) out.emplace(row->int64("slot"), row->text("name"));
  return out;
}

void PushAudienceRepository::set_attr_name(std::int64_t slot, std::string_view name) {
  if (name.empty()) {
    Query(db_, "DELETE FROM push_attr_names WHERE sdkappid = ? AND slot = ?").bind_all(sdkappid_, slot).run();
    return;
  }
  Query(db_,
        "INSERT INTO push_attr_names (sdkappid, slot, name) VALUES (?, ?, ?) "
        "ON CONFLICT (sdkappid, slot) DO UPDATE SET name = excluded.name")
      .bind_all(sdkappid_, slot, name)
      .run();
}

std::map<std::string, std::string> PushAudienceRepository::attrs(std::string_view user) {
  Query query(db_,
              "SELECT name, value FROM push_user_attrs WHERE sdkappid = ? AND user_id = ? ORDER BY name");
  query.bind_all(sdkappid_, user);
  std::map<std::string, std::string> out;
  while (const auto row = query.next()) out.emplace(row->text("name"), row->text("value"));
  return out;
}

void PushAudienceRepository::set_attr(std::string_view user, std::string_view name, std::string_view value) {
  Query(db_,
        "INSERT INTO push_user_attrs (sdkappid, user_id, name, value) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (sdkappid, user_id, name) DO UPDATE SET value = excluded.value")
      .bind_all(sdkappid_, user, name, value)
      .run();
}

void PushAudienceRepository::remove_attr(std::string_view user, std::string_view name) {
  Query(db_, "DELETE FROM push_user_attrs WHERE sdkappid = ? AND user_id = ? AND name = ?")
      .bind_all(sdkappid_, user, name)
      .run();
}

std::vector<std::string> PushAudienceRepository::tags(std::string_view user) {
  Query query(db_, "SELECT tag FROM push_user_tags WHERE sdkappid = ? AND user_id = ? ORDER BY tag");
  query.bind_all(sdkappid_, user);
  std::vector<std::string> out;
  while (const auto row = query.next()) out.push_back(row->text("tag"));
  return out;
}

void PushAudienceRepository::add_tag(std::string_view user, std::string_view tag) {
  Query(db_, "INSERT INTO push_user_tags (sdkappid, user_id, tag) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
      .bind_all(sdkappid_, user, tag)
      .run();
}

void PushAudienceRepository::remove_tag(std::string_view user, std::string_view tag) {
  Query(db_, "DELETE FROM push_user_tags WHERE sdkappid = ? AND user_id = ? AND tag = ?")
      .bind_all(sdkappid_, user, tag)
      .run();
}

void PushAudienceRepository::remove_all_tags(std::string_view user) {
  Query(db_, "DELETE FROM push_user_tags WHERE sdkappid = ? AND user_id = ?").bind_all(sdkappid_, user).run();
}

std::vector<std::string> PushAudienceRepository::audience(const PushCondition& condition,
                                                          std::string_view sender) {
  std::vector<std::string> users;
  {
    Query query(db_, "SELECT user_id FROM accounts WHERE sdkappid = ? ORDER BY user_id");
    query.bind(1, sdkappid_);
    while (const auto row = query.next()) users.push_back(row->text("user_id"));
  }
  std::erase(users, std::string(sender));
  if (condition.empty()) return users;
  std::map<std::string, std::set<std::string>> tags;
  {
    Query query(db_, "SELECT user_id, tag FROM push_user_tags WHERE sdkappid = ?");
    query.bind(1, sdkappid_);
    while (const auto row = query.next()) tags[row->text("user_id")].insert(row->text("tag"));
  }
  std::map<std::string, std::map<std::string, std::string>> attrs;
  {
    Query query(db_, "SELECT user_id, name, value FROM push_user_attrs WHERE sdkappid = ?");
    query.bind(1, sdkappid_);
    while (const auto row = query.next()) attrs[row->text("user_id")][row->text("name")] = row->text("value");
  }
  // reference §3.8: every condition given must hold (And: all of its items, Or: one of them).
  std::erase_if(users, [&](const std::string& user) {
    const auto& own_tags = tags[user];
    const auto& own_attrs = attrs[user];
    const auto has_attr = [&](const auto& pair) {
      const auto it = own_attrs.find(pair.first);
      return it != own_attrs.end() && it->second == pair.second;
    };
    const auto has_tag = [&](const std::string& tag) { return own_tags.contains(tag); };
    if (!std::all_of(condition.tags_and.begin(), condition.tags_and.end(), has_tag)) return true;
    if (!condition.tags_or.empty() &&
        std::none_of(condition.tags_or.begin(), condition.tags_or.end(), has_tag))
      return true;
    if (!std::all_of(condition.attrs_and.begin(), condition.attrs_and.end(), has_attr)) return true;
    if (!condition.attrs_or.empty() &&
        std::none_of(condition.attrs_or.begin(), condition.attrs_or.end(), has_attr))
      return true;
    return false;
  });
  return users;
}

PushCounters PushAudienceRepository::counters() {
  Query query(db_, "SELECT last_push, day, pushes FROM push_counters WHERE sdkappid = ?");
  query.bind(1, sdkappid_);
  if (const auto row = query.next())
    return {row->int64("last_push"), row->int64("day"), row->int64("pushes")};
  return {};
}

void PushAudienceRepository::save_counters(const PushCounters& c) {
  Query(db_,
        "INSERT INTO push_counters (sdkappid, last_push, day, pushes) VALUES (?, ?, ?, ?) ON CONFLICT "
        "(sdkappid) "
        "DO UPDATE SET last_push = excluded.last_push, day = excluded.day, pushes = excluded.pushes")
      .bind_all(sdkappid_, c.last_push, c.day, c.pushes)
      .run();
}

}  // namespace timock::store
