// all_member_push's attribute and tag commands (reference/rest-api.md §3.8; 100/s each, §8):
// im_set_attr_name, im_get_attr_name, im_get_attr, im_set_attr, im_remove_attr, im_get_tag, im_add_tag,
// im_remove_tag and im_remove_all_tags. What they set decides who an im_push with a Condition reaches
// (all_member_push.cpp).
#include <boost/json/value.hpp>
#include <set>
#include <string>
#include <vector>

#include "api/accounts.hpp"
#include "api/fields.hpp"
#include "api/push_rules.hpp"
#include "store/database.hpp"
#include "store/push_audience_repository.hpp"
#include "store/store.hpp"

namespace timock::api {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// §3.8: attribute slots "0".."9"; the To_Account lists are batch sizes like the other openim ones (500).
constexpr std::int64_t kAttrSlots = 10;
constexpr std::size_t kMaxAccounts = 500;

Reply bad(std::string info) {
  return Reply::error(ErrorCode::openim_json_parse_error, std::move(info));
}

std::optional<Reply> read_accounts(const json::object& body, std::vector<std::string_view>& out) {
  const auto list = array_field(body, {"To_Account"});
  if (!list.ok() || list.value->empty()) return bad("To_Account must be a non-empty Array of String");
  if (list.value->size() > kMaxAccounts) return Reply::error(ErrorCode::openim_too_many_targets);
  for (const auto& id : *list.value) {
    if (!id.is_string()) return bad("To_Account must be a non-empty Array of String");
    out.push_back(id.get_string());
  }
  return std::nullopt;
}

// UserAttrs / UserTags items: [{To_Account, <key>}].
std::optional<Reply> read_items(const json::object& body, std::string_view list_key,
                                std::string_view value_key,
                                std::vector<std::pair<std::string_view, const json::value*>>& out) {
  const auto list = array_field(body, {list_key});
  if (!list.ok() || list.value->empty()) return bad(std::string(list_key) + " must be a non-empty Array");
  if (list.value->size() > kMaxAccounts) return Reply::error(ErrorCode::openim_too_many_targets);
  for (const auto& entry : *list.value) {
    const auto* item = entry.if_object();
    const auto* to = item ? item->if_contains("To_Account") : nullptr;
    const auto* value = item ? item->if_contains(value_key) : nullptr;
    if (!to || !to->is_string() || !value)
      return bad("each item needs To_Account and " + std::string(value_key));
    out.emplace_back(to->get_string(), value);
  }
  return std::nullopt;
}

// 90048 for the first account that was never imported.
std::optional<Reply> check_accounts(const CallContext& ctx, store::Database& db,
                                    const std::vector<std::string_view>& users) {
  store::AccountRepository accounts(db, ctx.app.sdkappid);
  for (const auto user : users)
    if (!account_known(accounts, ctx.app, user))
      return Reply::error(ErrorCode::openim_account_not_exist,
                          "To_Account " + std::string(user) + " does not exist");
  return std::nullopt;
}

Reply im_set_attr_name(const CallContext& ctx, const json::object& body) {
  const auto names = object_field(body, {"AttrNames"});
  if (!names.ok()) return bad("AttrNames must be an object");
  std::vector<std::pair<std::int64_t, std::string_view>> slots;
  for (const auto& [key, value] : *names.value) {
    const std::string slot_text(key);
    if (slot_text.size() != 1 || slot_text[0] < '0' || slot_text[0] >= '0' + kAttrSlots)
      return Reply::error(ErrorCode::push_attr_invalid, "attribute slots are \"0\" to \"9\"");
    if (!value.is_string()) return bad("attribute names must be Strings");
    if (auto error = check_attr_text(value.get_string(), true)) return *error;
    slots.emplace_back(slot_text[0] - '0', value.get_string());
  }
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  store::PushAudienceRepository audience(locked.db(), ctx.app.sdkappid);
  for (const auto& [slot, name] : slots) audience.set_attr_name(slot, name);
  tx.commit();
  return Reply::ok();
}

Reply im_get_attr_name(const CallContext& ctx, const json::object&) {
  auto reading = ctx.store.read();
  json::object names;
  for (const auto& [slot, name] : store::PushAudienceRepository(reading.db(), ctx.app.sdkappid).attr_names())
    names[std::to_string(slot)] = name;
  return Reply::ok({{"AttrNames", std::move(names)}});
}

Reply im_get_attr(const CallContext& ctx, const json::object& body) {
  std::vector<std::string_view> users;
  if (auto error = read_accounts(body, users)) return *error;
  auto reading = ctx.store.read();
  if (auto error = check_accounts(ctx, reading.db(), users)) return *error;
  store::PushAudienceRepository audience(reading.db(), ctx.app.sdkappid);
  json::array items;
  for (const auto user : users) {
    json::object attrs;
    for (const auto& [name, value] : audience.attrs(user)) attrs[name] = value;
    items.push_back({{"To_Account", user}, {"Attrs", std::move(attrs)}});
  }
  return Reply::ok({{"UserAttrs", std::move(items)}});
}

template <bool Set>
Reply change_attrs(const CallContext& ctx, const json::object& body) {
  std::vector<std::pair<std::string_view, const json::value*>> items;
  if (auto error = read_items(body, "UserAttrs", "Attrs", items)) return *error;
  std::vector<std::string_view> users;
  for (const auto& [user, value] : items) {
    users.push_back(user);
    if (Set ? !value->is_object() : !value->is_array())
      return bad(Set ? "Attrs must be an object" : "Attrs must be an Array");
  }
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  if (auto error = check_accounts(ctx, locked.db(), users)) return *error;
  store::PushAudienceRepository audience(locked.db(), ctx.app.sdkappid);
  std::set<std::string, std::less<>> defined;
  for (const auto& [slot, name] : audience.attr_names()) defined.insert(name);
  for (const auto& [user, value] : items) {
    if constexpr (Set) {
      for (const auto& [name, attr] : value->get_object()) {
        if (!defined.contains(std::string_view(name)))
          return Reply::error(ErrorCode::push_attr_invalid, "no attribute named " + std::string(name));
        if (!attr.is_string()) return bad("attribute values must be Strings");
        if (auto error = check_attr_text(attr.get_string(), false)) return *error;
        audience.set_attr(user, name, attr.get_string());
      }
    } else {
      for (const auto& name : value->get_array()) {
        if (!name.is_string()) return bad("Attrs must be an Array of String");
        audience.remove_attr(user, name.get_string());
      }
    }
  }
  tx.commit();
  return Reply::ok();
}

Reply im_get_tag(const CallContext& ctx, const json::object& body) {
  std::vector<std::string_view> users;
  if (auto error = read_accounts(body, users)) return *error;
  auto reading = ctx.store.read();
  if (auto error = check_accounts(ctx, reading.db(), users)) return *error;
  store::PushAudienceRepository audience(reading.db(), ctx.app.sdkappid);
  json::array items;
  for (const auto user : users) {
    json::array tags;
    for (auto& tag : audience.tags(user)) tags.emplace_back(tag);
    items.push_back({{"To_Account", user}, {"Tags", std::move(tags)}});
  }
  return Reply::ok({{"UserTags", std::move(items)}});
}

template <bool Add>
Reply change_tags(const CallContext& ctx, const json::object& body) {
  std::vector<std::pair<std::string_view, const json::value*>> items;
  if (auto error = read_items(body, "UserTags", "Tags", items)) return *error;
  std::vector<std::string_view> users;
  for (const auto& [user, value] : items) {
    users.push_back(user);
    if (!value->is_array()) return bad("Tags must be an Array of String");
    if (auto error = check_tags(value->get_array())) return *error;
  }
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  if (auto error = check_accounts(ctx, locked.db(), users)) return *error;
  store::PushAudienceRepository audience(locked.db(), ctx.app.sdkappid);
  for (const auto& [user, value] : items) {
    for (const auto& tag : value->get_array()) {
      if constexpr (Add)
        audience.add_tag(user, tag.get_string());
      else
        audience.remove_tag(user, tag.get_string());
    }
    // §4.6 90032: a user holds at most 10 tags.
    if (Add && static_cast<std::int64_t>(audience.tags(user).size()) > kMaxPushTags)
      return Reply::error(ErrorCode::push_too_many_tags);
  }
  tx.commit();
  return Reply::ok();
}

Reply im_remove_all_tags(const CallContext& ctx, const json::object& body) {
  std::vector<std::string_view> users;
  if (auto error = read_accounts(body, users)) return *error;
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  if (auto error = check_accounts(ctx, locked.db(), users)) return *error;
  store::PushAudienceRepository audience(locked.db(), ctx.app.sdkappid);
  for (const auto user : users) audience.remove_all_tags(user);
  tx.commit();
  return Reply::ok();
}

}  // namespace

void register_push_audience_commands(CommandTable& table) {
  table.add("all_member_push", "im_set_attr_name", im_set_attr_name);
  table.add("all_member_push", "im_get_attr_name", im_get_attr_name);
  table.add("all_member_push", "im_get_attr", im_get_attr);
  table.add("all_member_push", "im_set_attr", change_attrs<true>);
  table.add("all_member_push", "im_remove_attr", change_attrs<false>);
  table.add("all_member_push", "im_get_tag", im_get_tag);
  table.add("all_member_push", "im_add_tag", change_tags<true>);
  table.add("all_member_push", "im_remove_tag", change_tags<false>);
  table.add("all_member_push", "im_remove_all_tags", im_remove_all_tags);
}

}  // namespace timock::api
