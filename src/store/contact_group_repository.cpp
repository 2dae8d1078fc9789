#include "store/contact_group_repository.hpp"

#include <algorithm>

#include "store/query.hpp"

namespace timock::store {

std::vector<ContactGroup> ContactGroupRepository::groups(std::string_view owner) {
  Query query(db_,
              "SELECT group_id, name FROM contact_groups WHERE sdkappid = ? AND owner = ? ORDER BY group_id");
  query.bind_all(sdkappid_, owner);
  std::vector<ContactGroup> out;
  while (const auto row = query.next()) out.push_back({row->int64("group_id"), row->text("name")});
  return out;
}

std::optional<ContactGroup> ContactGroupRepository::find(std::string_view owner, std::string_view name) {
  Query query(db_, "SELECT group_id, name FROM contact_groups WHERE sdkappid = ? AND owner = ? AND name = ?");
  query.bind_all(sdkappid_, owner, name);
  if (const auto row = query.next()) return ContactGroup{row->int64("group_id"), row->text("name")};
  return std::nullopt;
}

std::int64_t ContactGroupRepository::create(std::string_view owner, std::string_view name) {
  Query next(
      db_,
      "SELECT COALESCE(MAX(group_id), 0) + 1 AS id FROM contact_groups WHERE sdkappid = ? AND owner = ?");
  next.bind_all(sdkappid_, owner);
  const auto id = next.one().int64("id");
  Query(db_, "INSERT INTO contact_groups (sdkappid, owner, group_id, name) VALUES (?, ?, ?, ?)")
      .bind_all(sdkappid_, owner, id, name)
      .run();
  return id;
}

void ContactGroupRepository::rename(std::string_view owner, std::int64_t id, std::string_view name) {
  Query(db_, "UPDATE contact_groups SET name = ? WHERE sdkappid = ? AND owner = ? AND group_id = ?")
      .bind_all(name, sdkappid_, owner, id)
      .run();
}

void ContactGroupRepository::remove(std::string_view owner, std::int64_t id) {
  Query(db_, "DELETE FROM contact_groups WHERE sdkappid = ? AND owner = ? AND group_id = ?")
      .bind_all(sdkappid_, owner, id)
      .run();
}

bool ContactGroupRepository::add_item(std::string_view owner, std::int64_t id, const ContactKey& key,
                                      std::int64_t time) {
  Query insert(db_,
               "INSERT INTO contact_group_items (sdkappid, owner, group_id, type, target, add_time) "
               "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
  insert.bind_all(sdkappid_, owner, id, key.type, key.target, time).run();
  return insert.changes() > 0;
}

bool ContactGroupRepository::remove_item(std::string_view owner, std::int64_t id, const ContactKey& key) {
  Query remove(
      db_,
      "DELETE FROM contact_group_items WHERE sdkappid = ? AND owner = ? AND group_id = ? AND type = ? "
      "AND target = ?");
  remove.bind_all(sdkappid_, owner, id, key.type, key.target).run();
  return remove.changes() > 0;
}

std::int64_t ContactGroupRepository::item_count(std::string_view owner, std::int64_t id) {
  Query query(
      db_, "SELECT COUNT(*) AS n FROM contact_group_items WHERE sdkappid = ? AND owner = ? AND group_id = ?");
  query.bind_all(sdkappid_, owner, id);
  return query.one().int64("n");
}

std::vector<GroupedContact> ContactGroupRepository::contacts(std::string_view owner) {
  Query query(
      db_,
      "SELECT type, target, group_id, add_time FROM contact_group_items WHERE sdkappid = ? AND owner = ? "
      "ORDER BY type, target, group_id");
  query.bind_all(sdkappid_, owner);
  std::vector<GroupedContact> out;
  while (const auto row = query.next()) {
    ContactKey key{static_cast<int>(row->int64("type")), row->text("target")};
    if (out.empty() || out.back().key != key) out.push_back({std::move(key), {}, 0});
    out.back().group_ids.push_back(row->int64("group_id"));
    out.back().time = std::max(out.back().time, row->int64("add_time"));
  }
  return out;
}

}  // namespace timock::store
