// sns friend lists (reference/rest-api.md §3.5, §5): friend_update, friend_delete, friend_delete_all,
// friend_check, friend_get and friend_get_list.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "api/fields.hpp"
#include "api/profile_tags.hpp"
#include "api/sns_callbacks.hpp"
#include "api/sns_commands.hpp"
#include "api/sns_common.hpp"
#include "store/account_repository.hpp"
#include "store/database.hpp"
#include "store/friend_repository.hpp"
#include "store/store.hpp"

namespace timock::api {

namespace json = boost::json;
using core::ErrorCode;
using namespace sns;

namespace {

// friend_get's page size is not documented; the 2018 friend_get_all used 100.
constexpr std::int64_t kFriendPageSize = 100;


// Applies one UpdateItem's SnsItem to `f`; the 30001/30011 result when a tag or value is wrong.
std::optional<std::pair<ErrorCode, std::string_view>> apply_sns_items(const json::array& sns_items,
                                                                      store::FriendRepository& friends,
                                                                      core::Friendship& f, bool& groups_changed) {
  const auto bad = std::pair<ErrorCode, std::string_view>{ErrorCode::sns_invalid_params, "Err_SNS_FriendUpdate_Invalid_Tag_Value"};
  json::array custom = json::parse(f.custom_json).as_array();
  for (const auto& entry : sns_items) {
    const auto* o = entry.if_object();
    const auto* tag = o ? o->if_contains("Tag") : nullptr;
    const auto* value = o ? o->if_contains("Value") : nullptr;
    if (!tag || !tag->is_string() || !value) return bad;
    const std::string_view name = tag->get_string();
    if (name == kRemarkTag) {
      if (!value->is_string() || value->get_string().size() > kMaxRemarkBytes) return bad;
      f.remark = std::string(value->get_string());
    } else if (name == kGroupTag) {
      const auto groups = group_names(*value);
      if (!groups) return bad;
      std::int64_t added = 0;
      for (const auto& g : *groups) added += friends.has_group(f.owner, g) ? 0 : 1;
      if (friends.group_count(f.owner) + added > kMaxFriendGroups)
        return std::pair{ErrorCode::sns_group_limit, std::string_view("Err_SNS_FriendUpdate_Group_Num_Exceed_Threshold")};
      json::array names;
      for (const auto& g : *groups) {
        groups_changed |= friends.add_group(f.owner, g);
        names.emplace_back(g);
      }
      f.groups_json = json::serialize(names);
    } else if (valid_type_name(name, kCustomPrefix)) {
      if (!(value->is_string() || value->is_int64() || value->is_uint64())) return bad;
      if (value->is_string() && value->get_string().size() > kMaxRemarkBytes) return bad;
      bool replaced = false;
      for (auto& item : custom)
        if (item.at("Tag").is_string() && item.at("Tag").get_string() == name) {
          item.as_object()["Value"] = *value;
          replaced = true;
        }
      if (!replaced) custom.push_back({{"Tag", name}, {"Value", *value}});
    } else {
      return bad;  // §3.5: only the remark, the groups and custom fields can be updated
    }
  }
  f.custom_json = json::serialize(custom);
  return std::nullopt;
}

Reply friend_update(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok()) return missing_from();
  const auto items = array_field(body, {"UpdateItem"});
  if (!items.ok() || items.value->empty() || items.value->size() > kMaxToAccounts)
    return Reply::error(ErrorCode::sns_invalid_params, "UpdateItem must be an Array of 1 to 1000 entries");
  Notices notices;
  Results results;
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
    store::FriendRepository friends(locked.db(), ctx.app.sdkappid);
    if (!accounts.exists(from.value)) return Reply::error(ErrorCode::sns_account_not_exist);
    bool groups_changed = false;
    for (const auto& entry : *items.value) {
      const auto* item = entry.if_object();
      const auto to = item ? string_field(*item, {"To_Account"}) : Field<std::string_view>{};
      const auto sns_items = item ? array_field(*item, {"SnsItem"}) : Field<const json::array*>{};
      if (!to.ok() || !sns_items.ok() || sns_items.value->empty()) {
        results.add(to.value, ErrorCode::sns_invalid_params, "To_Account and SnsItem are required");
        continue;
      }
      auto f = friends.find(from.value, to.value);
      if (!f) {
        results.add(to.value, accounts.exists(to.value) ? ErrorCode::sns_invalid_params : ErrorCode::sns_account_not_exist,
                    accounts.exists(to.value) ? "Err_SNS_FriendUpdate_Friend_Not_Exist" : "");
        continue;
      }
      if (const auto error = apply_sns_items(*sns_items.value, friends, *f, groups_changed)) {
        results.add(to.value, error->first, error->second);
        continue;
      }
      friends.update(*f);
      friends.bump_sequence(from.value);
      notices.friend_updated(*f);
      results.add(to.value, ErrorCode::ok);
    }
    if (groups_changed) friends.bump_sequence(from.value, store::SnsList::groups);
    tx.commit();
  }
  notices.publish(ctx);
  return Reply::ok(results.take());
}

// DeleteType: Delete_Type_Single (the default) or Delete_Type_Both; nothing when it is neither.
std::optional<bool> delete_both(const json::object& body) {
  const auto type = string_field(body, {"DeleteType"});
  if (type.missing()) return false;
  if (!type.ok() || (type.value != "Delete_Type_Single" && type.value != "Delete_Type_Both")) return std::nullopt;
  return type.value == "Delete_Type_Both";
}

// Removes owner→peer (and peer→owner when `both`); whether anything went.
bool unfriend(store::FriendRepository& friends, Notices& notices, FriendPairs& deleted, std::string_view owner,
              std::string_view peer, bool both) {
  bool removed = false;
  if (friends.remove(owner, peer)) {
    friends.bump_sequence(owner);
    notices.friend_deleted(owner, peer);
    deleted.add(owner, peer);
    removed = true;
  }
  if (both && friends.remove(peer, owner)) {
    friends.bump_sequence(peer);
    notices.friend_deleted(peer, owner);
    deleted.add(peer, owner);
    removed = true;
  }
  return removed;
}

Reply friend_delete(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok()) return missing_from();
  std::vector<std::string_view> to;
  if (auto error = read_accounts(body, "To_Account", kMaxToAccounts, to)) return *error;
  const auto both = delete_both(body);
  if (!both) return Reply::error(ErrorCode::sns_invalid_params, "DeleteType must be Delete_Type_Single or Delete_Type_Both");
  Notices notices;
  Results results;
  FriendPairs deleted("Sns.CallbackFriendDelete");
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
    store::FriendRepository friends(locked.db(), ctx.app.sdkappid);
    if (!accounts.exists(from.value)) return Reply::error(ErrorCode::sns_account_not_exist);
    for (const auto peer : to) {
      if (!accounts.exists(peer)) results.add(peer, ErrorCode::sns_account_not_exist);
      // §4.4 31704: no friendship to delete (Single: none in my list; Both: none either way).
      else if (!unfriend(friends, notices, deleted, from.value, peer, *both)) results.add(peer, ErrorCode::sns_not_friend);
      else results.add(peer, ErrorCode::ok);
    }
    deleted.after(ctx);
    tx.commit();
  }
  notices.publish(ctx);
  return Reply::ok(results.take());
}

Reply friend_delete_all(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok()) return missing_from();
  const auto both = delete_both(body);
  if (!both) return Reply::error(ErrorCode::sns_invalid_params, "DeleteType must be Delete_Type_Single or Delete_Type_Both");
  Notices notices;
  FriendPairs deleted("Sns.CallbackFriendDelete");
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
    store::FriendRepository friends(locked.db(), ctx.app.sdkappid);
    if (!accounts.exists(from.value)) return Reply::error(ErrorCode::sns_account_not_exist);
    for (const auto& f : friends.list(from.value, 0, kMaxFriends))
      unfriend(friends, notices, deleted, from.value, f.friend_id, *both);
    // Both ways also reaches those who had the user without being in its list.
    if (*both)
      for (const auto& owner : friends.listed_by(from.value)) unfriend(friends, notices, deleted, owner, from.value, false);
    deleted.after(ctx);
    tx.commit();
  }
  notices.publish(ctx);
  return Reply::ok();
}

Reply friend_check(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok()) return missing_from();
  const auto to = array_field(body, {"To_Account"});
  if (!to.ok() || to.value->empty() || to.value->size() > kMaxToAccounts)
    return Reply::error(ErrorCode::sns_invalid_params, "To_Account must be an Array of 1 to 1000 accounts");
  bool both = false;
  if (auto error = read_check_type(body, "CheckResult_Type_", both)) return *error;

  auto reading = ctx.store.read();
  store::AccountRepository accounts(reading.db(), ctx.app.sdkappid);
  store::FriendRepository friends(reading.db(), ctx.app.sdkappid);
  if (!accounts.exists(from.value)) return Reply::error(ErrorCode::sns_account_not_exist);
  json::array items;
  json::array failed;
  for (const auto& entry : *to.value) {
    if (!entry.is_string()) return Reply::error(ErrorCode::sns_invalid_params, "To_Account entries must be strings");
    const std::string_view peer = entry.get_string();
    // A never-imported account fails its item as in friend_add (§3.5); §5 gives friend_check a Fail_Account,
    // which nothing else could fill.
    if (!accounts.exists(peer)) {
      items.push_back({{"To_Account", peer},
                       {"Relation", "CheckResult_Type_NoRelation"},
                       {"ResultCode", core::to_int(ErrorCode::sns_account_not_exist)},
                       {"ResultInfo", core::default_error_info(ErrorCode::sns_account_not_exist)}});
      failed.emplace_back(peer);
      continue;
    }
    const bool a_with_b = friends.has_friend(from.value, peer);
    const bool b_with_a = both && friends.has_friend(peer, from.value);
    std::string_view relation = "CheckResult_Type_NoRelation";
    if (!both) {
      if (a_with_b) relation = "CheckResult_Type_AWithB";
    } else if (a_with_b && b_with_a) {
      relation = "CheckResult_Type_BothWay";
    } else if (a_with_b) {
      relation = "CheckResult_Type_AWithB";
    } else if (b_with_a) {
      relation = "CheckResult_Type_BWithA";
    }
    items.push_back({{"To_Account", peer}, {"Relation", relation}, {"ResultCode", 0}, {"ResultInfo", ""}});
  }
  json::object reply{{"InfoItem", std::move(items)}};
  if (!failed.empty()) reply["Fail_Account"] = std::move(failed);
  return Reply::ok(std::move(reply));
}

Reply friend_get(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok()) return missing_from();
  const auto start = int_field(body, {"StartIndex"});
  if (!start.ok() || start.value < 0)
    return Reply::error(ErrorCode::sns_invalid_params, "StartIndex is missing or not an Integer");
  const auto standard = int_field(body, {"StandardSequence"});

  auto reading = ctx.store.read();
  store::AccountRepository accounts(reading.db(), ctx.app.sdkappid);
  store::FriendRepository friends(reading.db(), ctx.app.sdkappid);
  if (!accounts.exists(from.value)) return Reply::error(ErrorCode::sns_account_not_exist);
  const auto total = friends.count(from.value);
  const auto sequence = friends.sequence(from.value);
  auto page = friends.list(from.value, start.value, kFriendPageSize);
  const bool complete = start.value + static_cast<std::int64_t>(page.size()) >= total;
  json::array items;
  // The standard tags are left out when the caller already holds this sequence (§3.5).
  const bool omit_standard = standard.ok() && standard.value != 0 && standard.value == sequence;
  for (const auto& f : page) {
    json::object item{{"To_Account", f.friend_id}};
    item["ValueItem"] = omit_standard ? json::array{} : friend_values(f);
    items.push_back(std::move(item));
  }
  // Custom friend fields change with the list itself, so both sequences are the list's.
  return Reply::ok({{"UserDataItem", std::move(items)},
                    {"StandardSequence", sequence},
                    {"CustomSequence", sequence},
                    {"FriendNum", total},
                    {"CompleteFlag", complete ? 1 : 0},
                    {"NextStartIndex", complete ? 0 : start.value + static_cast<std::int64_t>(page.size())}});
}

Reply friend_get_list(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok()) return missing_from();
  std::vector<std::string_view> to;
  if (auto error = read_accounts(body, "To_Account", kMaxGetListAccounts, to)) return *error;
  std::vector<std::string_view> tags;
  if (auto error = read_accounts(body, "TagList", kMaxToAccounts, tags)) return *error;
  for (const auto tag : tags)
    if (!tag.starts_with("Tag_SNS_IM_") && !tag.starts_with(kCustomPrefix) && !profile::known_tag(tag))
      return Reply::error(ErrorCode::sns_invalid_params, "TagList names an unknown tag: " + std::string(tag));

  auto reading = ctx.store.read();
  auto& db = reading.db();
  store::AccountRepository accounts(db, ctx.app.sdkappid);
  store::FriendRepository friends(db, ctx.app.sdkappid);
  if (!accounts.exists(from.value)) return Reply::error(ErrorCode::sns_account_not_exist);
  json::array items;
  json::array failed;
  for (const auto peer : to) {
    const auto f = friends.find(from.value, peer);
    if (!f) {
      const bool known = accounts.exists(peer);
      items.push_back(result_item(peer, known ? ErrorCode::sns_invalid_params : ErrorCode::sns_account_not_exist,
                                  known ? "Err_SNS_FriendGetList_Friend_Not_Exist" : ""));
      failed.emplace_back(peer);
      continue;
    }
    json::array values;
    for (const auto tag : tags) {
      auto value = tag.starts_with("Tag_Profile_") ? profile::read_tag(db, ctx.app.sdkappid, peer, tag) : friend_tag(*f, tag);
      if (value) values.push_back({{"Tag", tag}, {"Value", std::move(*value)}});
    }
    items.push_back({{"To_Account", peer}, {"SnsProfileItem", std::move(values)}, {"ResultCode", 0}, {"ResultInfo", ""}});
  }
  json::object reply{{"InfoItem", std::move(items)}};
  if (!failed.empty()) reply["Fail_Account"] = std::move(failed);
  return Reply::ok(std::move(reply));
}

}  // namespace

void register_sns_friend_commands(CommandTable& table) {
  table.add("sns", "friend_update", friend_update);
  table.add("sns", "friend_delete", friend_delete);
  table.add("sns", "friend_delete_all", friend_delete_all);
  table.add("sns", "friend_check", friend_check);
  table.add("sns", "friend_get", friend_get);
  table.add("sns", "friend_get_list", friend_get_list);
}

}  // namespace timock::api
