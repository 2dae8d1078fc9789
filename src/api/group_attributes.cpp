// Group attributes and counters (reference/rest-api.md §3.7): modify_group_attr, set_group_attr,
// clear_group_attr, group_open_attr_http_svc/get_group_attr; get/update/delete_group_counter. Both are kept on
// the group row as JSON objects (schema/006).
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "api/fields.hpp"
#include "api/group_change_callbacks.hpp"
#include "api/group_commands.hpp"
#include "api/group_common.hpp"
#include "store/database.hpp"
#include "store/group_repository.hpp"
#include "store/store.hpp"

namespace timock::api::group {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// §3.7's limits.
constexpr std::size_t kMaxAttrKeyBytes = 32;
constexpr std::size_t kMaxAttrValueBytes = 4000;
constexpr std::size_t kMaxAttrKeys = 16;
constexpr std::size_t kMaxAttrTotalBytes = 16000;
constexpr std::size_t kMaxCounterKeys = 20;

json::object parse_object(const std::string& text) {
  boost::system::error_code ec;
  auto value = json::parse(text, ec);
  return !ec && value.is_object() ? std::move(value.get_object()) : json::object{};
}

// Reads GroupAttr [{"key", "value"}] (lower case on the wire) into `out`, or the code of the first broken limit.
std::optional<Reply> read_attributes(const json::object& body, json::object& out) {
  const auto list = array_field(body, {"GroupAttr"});
  if (!list.ok() || list.value->empty()) return bad("GroupAttr must be a non-empty Array of {key, value}");
  for (const auto& item : *list.value) {
    const auto* object = item.if_object();
    const auto key = object ? string_field(*object, {"key"}) : Field<std::string_view>{};
    const auto value = object ? string_field(*object, {"value"}) : Field<std::string_view>{};
    if (!key.ok() || key.value.empty() || !value.ok()) return bad("GroupAttr items need a String key and value");
    if (key.value.size() > kMaxAttrKeyBytes) return Reply::error(ErrorCode::group_attr_key_too_long);
    if (value.value.size() > kMaxAttrValueBytes) return Reply::error(ErrorCode::group_attr_value_too_long);
    out[key.value] = value.value;
  }
  return std::nullopt;
}

std::optional<Reply> check_totals(const json::object& attributes) {
  if (attributes.size() > kMaxAttrKeys) return Reply::error(ErrorCode::group_attr_too_many_keys);
  std::size_t total = 0;
  for (const auto& [key, value] : attributes) total += value.get_string().size();
  if (total > kMaxAttrTotalBytes) return Reply::error(ErrorCode::group_attr_total_too_long);
  return std::nullopt;
}

json::array attribute_list(const json::object& attributes) {
  json::array out;
  for (const auto& [key, value] : attributes) out.push_back({{"key", key}, {"value", value}});
  return out;
}

// set (replace all) or modify (merge) the group's attributes.
Reply write_attributes(const CallContext& ctx, const json::object& body, bool replace) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  json::object given;
  if (auto error = read_attributes(body, given)) return *error;
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  store::GroupRepository groups(locked.db(), ctx.app.sdkappid);
  core::Group g;
  if (auto error = load_group(groups, group_id, g)) return *error;
  auto attributes = replace ? json::object{} : parse_object(g.attributes_json);
  for (auto& [key, value] : given) attributes[key] = value;
  if (auto error = check_totals(attributes)) return *error;
  g.attributes_json = json::serialize(attributes);
  groups.update(g);
  after_group_attr_changed(ctx, g, replace ? kAttrSet : kAttrModify, given);
  tx.commit();
  return Reply::ok();
}

std::optional<Reply> read_counter_keys(const json::object& body, std::vector<std::string>& keys, bool required) {
  const auto list = array_field(body, {"GroupCounterKeys"});
  if (list.state == FieldState::wrong_type || (required && (!list.ok() || list.value->empty())))
    return bad("GroupCounterKeys must be an Array of String");
  if (!list.ok()) return std::nullopt;
  if (list.value->size() > kMaxCounterKeys) return Reply::error(ErrorCode::group_counter_too_many_keys);
  for (const auto& key : *list.value) {
    if (!key.is_string() || key.get_string().empty()) return bad("GroupCounterKeys must be an Array of String");
    keys.emplace_back(key.get_string());
  }
  return std::nullopt;
}

json::array counter_list(const json::object& counters, const std::vector<std::string>& keys) {
  json::array out;
  for (const auto& [key, value] : counters)
    if (keys.empty() || std::find(keys.begin(), keys.end(), std::string_view(key)) != keys.end())
      out.push_back({{"Key", key}, {"Value", value}});
  return out;
}

}  // namespace

Reply modify_group_attr(const CallContext& ctx, const json::object& body) { return write_attributes(ctx, body, false); }
Reply set_group_attr(const CallContext& ctx, const json::object& body) { return write_attributes(ctx, body, true); }

Reply clear_group_attr(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  store::GroupRepository groups(locked.db(), ctx.app.sdkappid);
  core::Group g;
  if (auto error = load_group(groups, group_id, g)) return *error;
  const auto cleared = parse_object(g.attributes_json);
  g.attributes_json = "{}";
  groups.update(g);
  if (!cleared.empty()) after_group_attr_changed(ctx, g, kAttrClear, cleared);
  tx.commit();
  return Reply::ok();
}

Reply get_group_attr(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  auto reading = ctx.store.read();
  store::GroupRepository groups(reading.db(), ctx.app.sdkappid);
  core::Group g;
  if (auto error = load_group(groups, group_id, g)) return *error;
  return Reply::ok({{"GroupAttrAry", attribute_list(parse_object(g.attributes_json))}});
}

Reply get_group_counter(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  std::vector<std::string> keys;
  if (auto error = read_counter_keys(body, keys, false)) return *error;
  auto reading = ctx.store.read();
  store::GroupRepository groups(reading.db(), ctx.app.sdkappid);
  core::Group g;
  if (auto error = load_group(groups, group_id, g)) return *error;
  return Reply::ok({{"GroupCounter", counter_list(parse_object(g.counters_json), keys)}});
}

Reply update_group_counter(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  const auto mode = string_field(body, {"Mode"});
  if (mode.state == FieldState::wrong_type ||
      (mode.ok() && mode.value != "Set" && mode.value != "Increase" && mode.value != "Decrease"))
    return bad("Mode must be Set, Increase or Decrease");
  const std::string_view how = mode.ok() ? mode.value : "Set";
  const auto list = array_field(body, {"GroupCounter"});
  if (!list.ok() || list.value->empty()) return bad("GroupCounter must be a non-empty Array of {Key, Value}");
  std::vector<std::pair<std::string, std::int64_t>> changes;
  for (const auto& item : *list.value) {
    const auto* object = item.if_object();
    const auto key = object ? string_field(*object, {"Key"}) : Field<std::string_view>{};
    const auto value = object ? int_field(*object, {"Value"}) : Field<std::int64_t>{};
    if (!key.ok() || key.value.empty() || !value.ok()) return bad("GroupCounter items need a String Key and an Integer Value");
    changes.emplace_back(std::string(key.value), value.value);
  }
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  store::GroupRepository groups(locked.db(), ctx.app.sdkappid);
  core::Group g;
  if (auto error = load_group(groups, group_id, g)) return *error;
  auto counters = parse_object(g.counters_json);
  std::vector<std::string> keys;
  for (const auto& [key, value] : changes) {
    const auto* old = counters.if_contains(key);
    const std::int64_t current = old && old->is_int64() ? old->get_int64() : 0;
    std::int64_t next = value;
    if ((how == "Increase" && __builtin_add_overflow(current, value, &next)) ||
        (how == "Decrease" && __builtin_sub_overflow(current, value, &next)))
      return bad("the counter " + key + " would overflow a 64-bit integer");
    counters[key] = next;
    keys.push_back(key);
  }
  if (counters.size() > kMaxCounterKeys) return Reply::error(ErrorCode::group_counter_too_many_keys);
  g.counters_json = json::serialize(counters);
  groups.update(g);
  tx.commit();
  return Reply::ok({{"GroupCounter", counter_list(counters, keys)}});
}

Reply delete_group_counter(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  std::vector<std::string> keys;
  if (auto error = read_counter_keys(body, keys, true)) return *error;
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  store::GroupRepository groups(locked.db(), ctx.app.sdkappid);
  core::Group g;
  if (auto error = load_group(groups, group_id, g)) return *error;
  auto counters = parse_object(g.counters_json);
  for (const auto& key : keys) counters.erase(key);
  g.counters_json = json::serialize(counters);
  groups.update(g);
  tx.commit();
  return Reply::ok();
}

}  // namespace timock::api::group
