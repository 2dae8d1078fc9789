// recentcontact conversation groups (reference/rest-api.md §2, §3.8; §4.5 51008–51011):
// create_contact_group, update_contact_group, del_contact_group, get_contact_group and search_contact_group.
// A group holds conversations (Type 1 To_Account, Type 2 ToGroupId), kept apart from the recent-contact list
// itself, as the docs describe ("conversation group data is independent of recent contacts"). The marks of a
// conversation stay with mark_contact (recentcontact.cpp).
#include <boost/json/value.hpp>
#include <map>
#include <string>
#include <vector>

#include "api/command.hpp"
#include "api/conversation_changes.hpp"
#include "api/fields.hpp"
#include "core/clock.hpp"
#include "store/account_repository.hpp"
#include "store/contact_group_repository.hpp"
#include "store/database.hpp"
#include "store/group_repository.hpp"
#include "store/store.hpp"

namespace timock::api {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// §8 and the docs: 20 groups a user, names ≤ 32 bytes, ≤ 1000 conversations a group, ≤ 100 a call.
constexpr std::size_t kMaxGroups = 20;
constexpr std::size_t kMaxNameBytes = 32;
constexpr std::int64_t kMaxItemsPerGroup = 1000;
constexpr std::size_t kMaxItemsPerCall = 100;
constexpr std::size_t kPage = 100;

Reply bad(std::string info) {
  return Reply::error(ErrorCode::contact_invalid_params, std::move(info));
}

std::optional<store::ContactKey> read_contact(const json::value& value) {
  const auto* item = value.if_object();
  if (!item) return std::nullopt;
  const auto type = int_field(*item, {"Type"});
  if (!type.ok() || (type.value != 1 && type.value != 2)) return std::nullopt;
  const auto target = string_field(
      *item, type.value == 1 ? std::initializer_list<std::string_view>{"To_Account"}
                             : std::initializer_list<std::string_view>{"ToGroupId", "ToGroupid"});
  if (!target.ok() || target.value.empty()) return std::nullopt;
  return store::ContactKey{static_cast<int>(type.value), std::string(target.value)};
}

json::object contact_item(const store::ContactKey& key) {
  if (key.type == 1) return {{"Type", 1}, {"To_Account", key.target}};
  return {{"Type", 2}, {"ToGroupId", key.target}};
}

// A conversation as the owner's other devices are told of it (api/conversation_changes.hpp).
json::object conversation(const store::ContactKey& key) {
  return {{"Type", key.type}, {key.type == 1 ? "To_Account" : "GroupId", key.target}};
}

bool applied(const json::object& result) { return result.at("ResultCode").to_number<int>() == 0; }

json::object group_item(const store::ContactGroup& g) {
  return {{"GroupName", g.name}, {"GroupId", g.id}};
}

// The owner (From_Account, an imported account) or the reply that refuses it.
std::optional<Reply> read_owner(const json::object& body, store::Database& db, const CallContext& ctx,
                                std::string_view& owner) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok() || from.value.empty()) return bad("From_Account is missing or not a String");
  if (!store::AccountRepository(db, ctx.app.sdkappid).exists(from.value))
    return Reply::error(ErrorCode::contact_account_not_exist);
  owner = from.value;
  return std::nullopt;
}

// One conversation added to or removed from group `id`, as its ResultItem: 50001 for an unknown peer, 51007
// for a group the owner is not in, 51008 past 1000 conversations.
json::object apply(const CallContext& ctx, store::Database& db, std::string_view owner, std::int64_t id,
                   const store::ContactKey& key, bool add) {
  auto code = ErrorCode::ok;
  if (key.type == 1 && !store::AccountRepository(db, ctx.app.sdkappid).exists(key.target))
    code = ErrorCode::contact_account_not_exist;
  else if (key.type == 2 && !store::GroupRepository(db, ctx.app.sdkappid).member(key.target, owner))
    code = ErrorCode::contact_group_id_invalid;
  store::ContactGroupRepository groups(db, ctx.app.sdkappid);
  if (code == ErrorCode::ok && add) {
    if (groups.item_count(owner, id) >= kMaxItemsPerGroup)
      code = ErrorCode::contact_group_too_many_items;
    else
      groups.add_item(owner, id, key, ctx.clock.now());
  } else if (code == ErrorCode::ok) {
    groups.remove_item(owner, id, key);
  }
  return {{"ContactItem", contact_item(key)},
          {"ResultCode", core::to_int(code)},
          {"ResultInfo", code == ErrorCode::ok ? std::string_view() : core::default_error_info(code)}};
}

std::optional<Reply> read_contacts(const json::object& item, std::string_view key,
                                   std::vector<store::ContactKey>& out) {
  const auto list = array_field(item, {key});
  if (list.state == FieldState::wrong_type) return bad(std::string(key) + " must be an Array");
  if (!list.ok()) return std::nullopt;
  if (list.value->size() > kMaxItemsPerCall) return bad("at most 100 conversations a call");
  for (const auto& entry : *list.value) {
    auto contact = read_contact(entry.is_object() && entry.get_object().contains("ContactItem")
                                    ? entry.get_object().at("ContactItem")
                                    : entry);
    if (!contact) return bad("a ContactItem needs Type 1 with To_Account or Type 2 with ToGroupId");
    out.push_back(std::move(*contact));
  }
  return std::nullopt;
}

std::optional<Reply> check_name(std::string_view name) {
  if (name.empty()) return bad("GroupName must be a non-empty String");
  if (name.size() > kMaxNameBytes) return Reply::error(ErrorCode::contact_group_name_too_long);
  return std::nullopt;
}

Reply create_contact_group(const CallContext& ctx, const json::object& body) {
  const auto items = array_field(body, {"GroupContactItem"});
  // The docs: one group a call.
  if (!items.ok() || items.value->size() != 1 || !items.value->at(0).is_object())
    return bad("GroupContactItem must hold exactly one group");
  const auto& item = items.value->at(0).get_object();
  const auto name = string_field(item, {"GroupName"});
  if (!name.ok()) return bad("GroupName must be a String");
  if (auto error = check_name(name.value)) return *error;
  std::vector<store::ContactKey> contacts;
  if (auto error = read_contacts(item, "ContactItem", contacts)) return *error;
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  std::string_view owner;
  if (auto error = read_owner(body, locked.db(), ctx, owner)) return *error;
  store::ContactGroupRepository groups(locked.db(), ctx.app.sdkappid);
  if (groups.find(owner, name.value)) return bad("a conversation group of that name exists");
  if (groups.groups(owner).size() >= kMaxGroups) return Reply::error(ErrorCode::contact_too_many_groups);
  const store::ContactGroup group{groups.create(owner, name.value), std::string(name.value)};
  json::array results, added;
  for (const auto& contact : contacts) {
    results.push_back(apply(ctx, locked.db(), owner, group.id, contact, true));
    if (applied(results.back().get_object())) added.push_back(conversation(contact));
  }
  tx.commit();
  announce_conversation_change(ctx.hub, ctx.store, ctx.app.sdkappid, owner, ctx.instance,
                               {{kConversationChangeKey, "group_created"},
                                {"GroupId", group.id},
                                {"GroupName", group.name},
                                {"Conversations", std::move(added)}});
  return Reply::ok({{"GroupResultItem", json::array{json::object{{"GroupItem", group_item(group)},
                                                                 {"ResultItem", std::move(results)}}}}});
}

// UpdateType 1 with UpdateGroup {UpdateGroupType 1: OldGroupName → NewGroupName; 2: ContactUpdateItem
// [{ContactOpType 1 add / 2 remove, ContactItem}] in OldGroupName}; the Chat SDK spells it ContactOptType (README says the shape is timock's
// reading).
Reply update_contact_group(const CallContext& ctx, const json::object& body) {
  const auto update = object_field(body, {"UpdateGroup"});
  if (!update.ok()) return bad("UpdateGroup must be an object");
  const auto kind = int_field(*update.value, {"UpdateGroupType"});
  if (!kind.ok() || (kind.value != 1 && kind.value != 2)) return bad("UpdateGroupType must be 1 or 2");
  const auto old_name = string_field(*update.value, {"OldGroupName"});
  if (!old_name.ok()) return bad("OldGroupName must be a String");
  const auto new_name = string_field(*update.value, {"NewGroupName"});
  if (kind.value == 1) {
    if (!new_name.ok()) return bad("NewGroupName must be a String");
    if (auto error = check_name(new_name.value)) return *error;
  }
  std::vector<std::pair<store::ContactKey, bool>> changes;
  if (kind.value == 2) {
    const auto list = array_field(*update.value, {"ContactUpdateItem"});
    if (!list.ok() || list.value->empty() || list.value->size() > kMaxItemsPerCall)
      return bad("ContactUpdateItem must hold 1 to 100 items");
    for (const auto& entry : *list.value) {
      const auto* item = entry.if_object();
      const auto op = item ? int_field(*item, {"ContactOpType", "ContactOptType"}) : Field<std::int64_t>{};
      const auto* contact_value = item ? item->if_contains("ContactItem") : nullptr;
      auto contact = contact_value ? read_contact(*contact_value) : std::nullopt;
      if (!op.ok() || (op.value != 1 && op.value != 2) || !contact)
        return bad("a ContactUpdateItem needs ContactOpType 1 or 2 and a ContactItem");
      changes.emplace_back(std::move(*contact), op.value == 1);
    }
  }
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  std::string_view owner;
  if (auto error = read_owner(body, locked.db(), ctx, owner)) return *error;
  store::ContactGroupRepository groups(locked.db(), ctx.app.sdkappid);
  auto group = groups.find(owner, old_name.value);
  if (!group) return Reply::error(ErrorCode::contact_group_not_found);
  json::array results;
  json::object change{{"GroupId", group->id}, {"GroupName", group->name}};
  if (kind.value == 1) {
    if (new_name.value != group->name && groups.find(owner, new_name.value))
      return bad("a conversation group of that name exists");
    groups.rename(owner, group->id, new_name.value);
    change[kConversationChangeKey] = "group_renamed";
    change["OldGroupName"] = group->name;
    change["GroupName"] = new_name.value;
    group->name = std::string(new_name.value);
  } else {
    json::array added, removed;
    for (const auto& [contact, add] : changes) {
      results.push_back(apply(ctx, locked.db(), owner, group->id, contact, add));
      if (applied(results.back().get_object())) (add ? added : removed).push_back(conversation(contact));
    }
    change[kConversationChangeKey] = "group_conversations";
    change["Added"] = std::move(added);
    change["Removed"] = std::move(removed);
  }
  tx.commit();
  announce_conversation_change(ctx.hub, ctx.store, ctx.app.sdkappid, owner, ctx.instance, std::move(change));
  // The reply the Chat SDK reads (its renameConversationGroup and add/deleteConversationsFromGroup take
  // UpdateGroupResult's GroupId and ContactResultItem), so the real service's shape too.
  json::object result{{"UpdateGroupType", kind.value}, {"GroupName", group->name}, {"GroupId", group->id}};
  if (kind.value == 2) result["ContactResultItem"] = std::move(results);
  return Reply::ok({{"UpdateType", 1}, {"UpdateGroupResult", std::move(result)}});
}

Reply del_contact_group(const CallContext& ctx, const json::object& body) {
  const auto names = array_field(body, {"GroupName"});
  // The docs: one name a call.
  if (!names.ok() || names.value->size() != 1 || !names.value->at(0).is_string())
    return bad("GroupName must hold exactly one name");
  const std::string_view name = names.value->at(0).get_string();
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  std::string_view owner;
  if (auto error = read_owner(body, locked.db(), ctx, owner)) return *error;
  store::ContactGroupRepository groups(locked.db(), ctx.app.sdkappid);
  const auto group = groups.find(owner, name);
  if (!group) return Reply::error(ErrorCode::contact_group_not_found);
  groups.remove(owner, group->id);
  tx.commit();
  announce_conversation_change(
      ctx.hub, ctx.store, ctx.app.sdkappid, owner, ctx.instance,
      {{kConversationChangeKey, "group_deleted"}, {"GroupId", group->id}, {"GroupName", group->name}});
  return Reply::ok({{"GroupName", json::array{group->name}}});
}

Reply get_contact_group(const CallContext& ctx, const json::object& body) {
  const auto start = int_field(body, {"StartIndex"});
  if (start.state == FieldState::wrong_type || (start.ok() && start.value < 0))
    return bad("StartIndex must be a non-negative Integer");
  auto reading = ctx.store.read();
  std::string_view owner;
  if (auto error = read_owner(body, reading.db(), ctx, owner)) return *error;
  store::ContactGroupRepository groups(reading.db(), ctx.app.sdkappid);
  const auto contacts = groups.contacts(owner);
  const std::size_t first = start.ok() ? static_cast<std::size_t>(start.value) : 0;
  json::array items;
  for (std::size_t i = first; i < contacts.size() && i < first + kPage; ++i) {
    auto item = contact_item(contacts[i].key);
    json::array ids;
    for (const auto id : contacts[i].group_ids) ids.push_back(id);
    item["ContactGroupId"] = std::move(ids);
    item["Timestamp"] = contacts[i].time;
    items.push_back(std::move(item));
  }
  json::array group_items;
  for (const auto& g : groups.groups(owner)) group_items.push_back(group_item(g));
  const bool complete = first + kPage >= contacts.size();
  return Reply::ok({{"ContactItem", std::move(items)},
                    {"GroupItem", std::move(group_items)},
                    {"CompleteFlag", complete ? 1 : 0},
                    {"NextStartIndex", complete ? 0 : static_cast<std::int64_t>(first + kPage)}});
}

// search_contact_group {From_Account, ContactItem:[…]}: the groups each conversation is in
// (modern-sdk-groups.md §3.20: the Chat SDK asks it of a new group conversation).
Reply search_contact_group(const CallContext& ctx, const json::object& body) {
  std::vector<store::ContactKey> wanted;
  if (auto error = read_contacts(body, "ContactItem", wanted)) return *error;
  auto reading = ctx.store.read();
  std::string_view owner;
  if (auto error = read_owner(body, reading.db(), ctx, owner)) return *error;
  store::ContactGroupRepository groups(reading.db(), ctx.app.sdkappid);
  std::map<store::ContactKey, std::vector<std::int64_t>> found;
  for (auto& contact : groups.contacts(owner)) found.emplace(contact.key, contact.group_ids);
  std::map<std::int64_t, std::string> names;
  for (const auto& g : groups.groups(owner)) names.emplace(g.id, g.name);
  json::array items;
  json::array group_items;
  std::map<std::int64_t, bool> listed;
  for (const auto& key : wanted) {
    const auto it = found.find(key);
    json::array ids;
    if (it != found.end())
      for (const auto id : it->second) {
        ids.push_back(id);
        if (!listed[id]) group_items.push_back({{"GroupName", names[id]}, {"GroupId", id}});
        listed[id] = true;
      }
    items.push_back({{"ContactItem", contact_item(key)},
                     {"ContactGroupId", std::move(ids)},
                     {"ResultCode", 0},
                     {"ResultInfo", ""}});
  }
  return Reply::ok({{"ContactResultItem", std::move(items)}, {"GroupItem", std::move(group_items)}});
}

}  // namespace

void register_contact_group_commands(CommandTable& table) {
  table.add("recentcontact", "create_contact_group", create_contact_group);
  table.add("recentcontact", "update_contact_group", update_contact_group);
  table.add("recentcontact", "del_contact_group", del_contact_group);
  table.add("recentcontact", "get_contact_group", get_contact_group);
  table.add("recentcontact", "search_contact_group", search_contact_group);
}

}  // namespace timock::api
