// sns (relationship chain, reference/rest-api.md §3.5, result shapes §5): friend_add and friend_import here,
// and the registration of every sns command (sns_friends.cpp, sns_blacklist.cpp, sns_groups.cpp,
// sns_pendency.cpp; the 2018 friend_get_all in sns_friend_get_all.cpp).
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "api/fields.hpp"
#include "api/sns_callbacks.hpp"
#include "api/sns_commands.hpp"
#include "api/sns_common.hpp"
#include "callback/callbacks.hpp"
#include "core/clock.hpp"
#include "store/account_repository.hpp"
#include "store/database.hpp"
#include "store/friend_repository.hpp"
#include "store/profile_repository.hpp"
#include "store/store.hpp"

namespace timock::api {

namespace json = boost::json;
using core::ErrorCode;
using namespace sns;

namespace {

// The target's Tag_Profile_IM_AllowType; an account that never set it needs confirmation (the default).
std::string allow_type(store::ProfileRepository& profiles, std::string_view user) {
  if (auto value = profiles.tag(user, "Tag_Profile_IM_AllowType")) {
    auto parsed = json::parse(*value);
    if (parsed.is_string()) return std::string(parsed.get_string());
  }
  return "AllowType_Type_NeedConfirm";
}

std::string_view to_account_of(const json::value& entry) {
  if (entry.is_object())
    if (const auto* to = entry.get_object().if_contains("To_Account"); to && to->is_string()) return to->get_string();
  return {};
}

using ItemResult = std::pair<ErrorCode, std::string_view>;

// What friend_add and friend_import check alike in an AddFriendItem: To_Account, AddSource, Remark and AddWording.
std::optional<ItemResult> check_added(const json::object& item) {
  const auto to = string_field(item, {"To_Account"});
  const auto source = string_field(item, {"AddSource"});
  const auto remark = string_field(item, {"Remark"});
  const auto wording = string_field(item, {"AddWording"});
  if (!to.ok()) return ItemResult{ErrorCode::sns_invalid_params, "To_Account is missing or not a string"};
  if (!source.ok() || !valid_type_name(source.value, "AddSource_Type_"))
    return ItemResult{ErrorCode::sns_invalid_params, "AddSource must be AddSource_Type_ and up to 8 letters"};
  if (remark.state == FieldState::wrong_type || remark.value.size() > kMaxRemarkBytes)
    return ItemResult{ErrorCode::sns_invalid_params, "Remark must be a string of at most 96 bytes"};
  if (wording.state == FieldState::wrong_type || wording.value.size() > kMaxAddWordingBytes)
    return ItemResult{ErrorCode::sns_invalid_params, "AddWording must be a string of at most 256 bytes"};
  return std::nullopt;
}

Reply friend_add(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok()) return missing_from();
  const auto items = array_field(body, {"AddFriendItem"});
  if (!items.ok() || items.value->empty())
    return Reply::error(ErrorCode::sns_invalid_params, "AddFriendItem is missing or empty");
  if (items.value->size() > kMaxToAccounts)
    return Reply::error(ErrorCode::sns_invalid_params, "at most 1000 AddFriendItem entries");
  const auto add_type = string_field(body, {"AddType"});
  if (add_type.state == FieldState::wrong_type ||
      (add_type.ok() && add_type.value != "Add_Type_Both" && add_type.value != "Add_Type_Single"))
    return Reply::error(ErrorCode::sns_invalid_params, "AddType must be Add_Type_Both or Add_Type_Single");
  const bool both = !add_type.ok() || add_type.value == "Add_Type_Both";
  const auto force = int_field(body, {"ForceAddFlags"});
  if (force.state == FieldState::wrong_type)
    return Reply::error(ErrorCode::sns_invalid_params, "ForceAddFlags must be an Integer");
  const bool forced = force.ok() && force.value == 1;

  Notices notices;
  Results results;
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
    store::FriendRepository friends(locked.db(), ctx.app.sdkappid);
    store::ProfileRepository profiles(locked.db(), ctx.app.sdkappid);
    if (!accounts.exists(from.value)) return Reply::error(ErrorCode::sns_account_not_exist);
    // §7: the app's server sees the request before anything is written, and may refuse items one by one.
    PrevVerdict prev;
    if (ctx.callbacks && ctx.callbacks->wants("Sns.CallbackPrevFriendAdd")) {
      json::array asked;
      for (const auto& entry : *items.value)
        if (entry.is_object()) asked.push_back(entry);
      prev = ask_prev_friend(ctx, "Sns.CallbackPrevFriendAdd",
                             {{"From_Account", from.value},
                              {"FriendItem", std::move(asked)},
                              {"AddType", both ? "Add_Type_Both" : "Add_Type_Single"},
                              {"ForceAddFlags", forced ? 1 : 0}});
      if (prev.refusal) return *prev.refusal;
    }
    FriendPairs added("Sns.CallbackFriendAdd");

    for (const auto& entry : *items.value) {
      const auto code_for = [&]() -> ItemResult {
        if (!entry.is_object()) return {ErrorCode::sns_invalid_params, "AddFriendItem entries must be objects"};
        const auto& item = entry.get_object();
        if (auto bad = check_added(item)) return *bad;
        const auto to = string_field(item, {"To_Account"});
        if (const auto* refused = prev.refused_item(to.value)) return {refused->first, refused->second};
        const auto source = string_field(item, {"AddSource"});
        const auto remark = string_field(item, {"Remark"});
        const auto group = string_field(item, {"GroupName"});
        const auto wording = string_field(item, {"AddWording"});
        if (group.state == FieldState::wrong_type || group.value.size() > kMaxGroupNameBytes)
          return {ErrorCode::sns_invalid_params, "GroupName must be a string of at most 30 bytes"};
        if (to.value == from.value) return {ErrorCode::sns_invalid_params, "cannot add oneself as a friend"};
        if (!accounts.exists(to.value)) return {ErrorCode::sns_account_not_exist, {}};
        if (friends.is_blocked(from.value, to.value)) return {ErrorCode::sns_peer_in_my_blacklist, {}};
        if (friends.is_blocked(to.value, from.value)) return {ErrorCode::sns_in_peer_blacklist, {}};
        const bool have = friends.has_friend(from.value, to.value);
        const bool had_by = friends.has_friend(to.value, from.value);
        if (have && (!both || had_by)) return {ErrorCode::sns_invalid_params, "Err_SNS_FriendAdd_Friend_Exist"};
        if (!have && friends.count(from.value) >= kMaxFriends) return {ErrorCode::sns_friend_limit, {}};
        if (both && !had_by && friends.count(to.value) >= kMaxFriends) return {ErrorCode::sns_peer_friend_limit, {}};
        // §3.5: a list has at most 32 friend groups, and GroupName may open a new one.
        const bool grouped = group.ok() && !group.value.empty() && !have;
        if (grouped && !friends.has_group(from.value, group.value) &&
            friends.group_count(from.value) >= kMaxFriendGroups)
          return {ErrorCode::sns_group_limit, {}};

        core::Friendship mine{std::string(from.value), std::string(to.value), std::string(remark.value), "[]",
                              std::string(source.value), std::string(wording.value), ctx.clock.now(), "[]"};
        if (grouped) mine.groups_json = json::serialize(json::array{group.value});
        if (!forced) {
          const auto allow = allow_type(profiles, to.value);
          if (allow == "AllowType_Type_DenyAny") return {ErrorCode::sns_peer_denies_any, {}};
          if (allow == "AllowType_Type_NeedConfirm") {
            if (!friends.find_pendency(from.value, to.value) && friends.pendency_count(to.value) >= kMaxPendencies)
              return {ErrorCode::sns_pendency_limit, {}};
            friends.add_pendency(mine);
            friends.bump_sequence(from.value, store::SnsList::pendency);
            friends.bump_sequence(to.value, store::SnsList::pendency);
            const auto from_account = accounts.find(from.value);
            const auto to_account = accounts.find(to.value);
            notices.request_added(mine, from_account ? from_account->nick : "", to_account ? to_account->nick : "");
            return {ErrorCode::sns_pending, {}};
          }
        }
        if (grouped && friends.add_group(from.value, group.value)) friends.bump_sequence(from.value, store::SnsList::groups);
        if (!have && friends.add(mine)) {
          friends.bump_sequence(from.value);
          notices.friend_added(from.value, to.value);
          added.add(from.value, to.value, from.value);
        }
        if (both && !had_by) {
          core::Friendship theirs{std::string(to.value), std::string(from.value), "", "[]",
                                  std::string(source.value), "", ctx.clock.now(), "[]"};
          if (friends.add(theirs)) {
            friends.bump_sequence(to.value);
            notices.friend_added(to.value, from.value);
            added.add(to.value, from.value, from.value);
          }
        }
        // A request either side had made is answered by the friendship.
        for (const auto& [a, b] : {std::pair{from.value, to.value}, std::pair{to.value, from.value}})
          if (friends.remove_pendency(a, b)) {
            friends.bump_sequence(a, store::SnsList::pendency);
            friends.bump_sequence(b, store::SnsList::pendency);
            notices.request_deleted(a, b);
            notices.request_deleted(b, a);
          }
        return {ErrorCode::ok, {}};
      };
      const auto result = code_for();
      results.add(to_account_of(entry), result.first, result.second);
    }
    added.after(ctx, friend_add_fields(ctx, "friend_add", forced));
    tx.commit();
  }
  notices.publish(ctx);
  return Reply::ok(results.take());
}

// CustomItem [{Tag: Tag_SNS_Custom_…, Value: String or Integer}] as stored (custom_json), or nothing when bad.
std::optional<std::string> custom_items(const json::value* items) {
  if (!items) return "[]";
  if (!items->is_array()) return std::nullopt;
  json::array out;
  for (const auto& item : items->get_array()) {
    const auto* o = item.if_object();
    const auto* tag = o ? o->if_contains("Tag") : nullptr;
    const auto* value = o ? o->if_contains("Value") : nullptr;
    if (!tag || !tag->is_string() || !valid_type_name(tag->get_string(), kCustomPrefix) || !value ||
        !(value->is_string() || value->is_int64() || value->is_uint64()))
      return std::nullopt;
    if (value->is_string() && value->get_string().size() > kMaxRemarkBytes) return std::nullopt;
    out.push_back({{"Tag", *tag}, {"Value", *value}});
  }
  return json::serialize(out);
}

Reply friend_import(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok()) return missing_from();
  const auto items = array_field(body, {"AddFriendItem"});
  if (!items.ok() || items.value->empty() || items.value->size() > kMaxToAccounts)
    return Reply::error(ErrorCode::sns_invalid_params, "AddFriendItem must be an Array of 1 to 1000 entries");

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
      const auto code_for = [&]() -> ItemResult {
        if (!entry.is_object()) return {ErrorCode::sns_invalid_params, "AddFriendItem entries must be objects"};
        const auto& item = entry.get_object();
        if (auto bad = check_added(item)) return *bad;
        const auto to = string_field(item, {"To_Account"});
        const auto source = string_field(item, {"AddSource"});
        const auto remark = string_field(item, {"Remark"});
        const auto wording = string_field(item, {"AddWording"});
        const auto add_time = int_field(item, {"AddTime"});
        const auto remark_time = int_field(item, {"RemarkTime"});
        if (add_time.state == FieldState::wrong_type || (add_time.ok() && add_time.value < 0) ||
            remark_time.state == FieldState::wrong_type)
          return {ErrorCode::sns_invalid_params, "AddTime and RemarkTime must be Integers"};
        std::vector<std::string> groups;
        if (const auto* names = item.if_contains("GroupName")) {
          auto parsed = group_names(*names);
          if (!parsed) return {ErrorCode::sns_invalid_params, "GroupName must be an Array of distinct names of 1 to 30 bytes"};
          groups = std::move(*parsed);
        }
        const auto custom = custom_items(item.if_contains("CustomItem"));
        if (!custom) return {ErrorCode::sns_invalid_params, "CustomItem must be [{Tag: Tag_SNS_Custom_…, Value}]"};
        if (to.value == from.value) return {ErrorCode::sns_invalid_params, "cannot add oneself as a friend"};
        if (!accounts.exists(to.value)) return {ErrorCode::sns_account_not_exist, {}};
        if (friends.has_friend(from.value, to.value))
          return {ErrorCode::sns_invalid_params, "Err_SNS_FriendImport_Friend_Exist"};
        if (friends.count(from.value) >= kMaxFriends)
          return {ErrorCode::sns_friend_limit, "Err_SNS_FriendImport_My_Friend_Num_Exceed_Threshold"};
        std::int64_t new_groups = 0;
        for (const auto& name : groups) new_groups += friends.has_group(from.value, name) ? 0 : 1;
        if (friends.group_count(from.value) + new_groups > kMaxFriendGroups) return {ErrorCode::sns_group_limit, {}};
        json::array group_array;
        for (const auto& name : groups) {
          groups_changed |= friends.add_group(from.value, name);
          group_array.emplace_back(name);
        }
        // §3.5: one direction, no verification.
        core::Friendship f{std::string(from.value), std::string(to.value), std::string(remark.value),
                           json::serialize(group_array), std::string(source.value), std::string(wording.value),
                           add_time.ok() ? add_time.value : ctx.clock.now(), *custom};
        friends.add(f);
        friends.bump_sequence(from.value);
        notices.friend_added(from.value, to.value);
        return {ErrorCode::ok, {}};
      };
      const auto result = code_for();
      results.add(to_account_of(entry), result.first, result.second);
    }
    if (groups_changed) friends.bump_sequence(from.value, store::SnsList::groups);
    tx.commit();
  }
  notices.publish(ctx);
  return Reply::ok(results.take());
}

}  // namespace

void register_sns_service(CommandTable& table) {
  table.add("sns", "friend_add", friend_add);
  table.add("sns", "friend_import", friend_import);
  register_sns_friend_commands(table);
  register_sns_blacklist_commands(table);
  register_sns_group_commands(table);
  register_sns_pendency_commands(table);
}

}  // namespace timock::api
