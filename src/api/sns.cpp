// sns (relationship chain): friend_add, friend_get (and its 2018 name friend_get_all), friend_check
// (reference/rest-api.md §3.5, result shapes §5).
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "api/command.hpp"
#include "api/fields.hpp"
#include "core/clock.hpp"
#include "store/account_repository.hpp"
#include "store/database.hpp"
#include "store/friend_repository.hpp"
#include "store/profile_repository.hpp"
#include "store/store.hpp"

namespace timock::api {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// §3.5 and §8: per-user and per-request limits.
constexpr std::int64_t kMaxFriends = 3000;
constexpr std::size_t kMaxToAccounts = 1000;
constexpr std::size_t kMaxRemarkBytes = 96;
constexpr std::size_t kMaxAddWordingBytes = 256;
constexpr std::size_t kMaxGroupNameBytes = 30;
constexpr std::int64_t kMaxFriendGroups = 32;
constexpr std::size_t kMaxAddSourceSuffix = 8;
// friend_get's page size is not documented; the 2018 friend_get_all used 100.
constexpr std::int64_t kFriendPageSize = 100;

constexpr std::string_view kAddSourcePrefix = "AddSource_Type_";

json::object result_item(std::string_view to_account, ErrorCode code, std::string_view info = {}) {
  return {{"To_Account", to_account},
          {"ResultCode", core::to_int(code)},
          {"ResultInfo", code == ErrorCode::ok ? std::string_view() : info.empty() ? core::default_error_info(code) : info}};
}

bool valid_add_source(std::string_view source) {
  if (!source.starts_with(kAddSourcePrefix)) return false;
  const auto suffix = source.substr(kAddSourcePrefix.size());
  if (suffix.empty() || suffix.size() > kMaxAddSourceSuffix) return false;
  for (char c : suffix)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  return true;
}

// The target's Tag_Profile_IM_AllowType; an account that never set it needs confirmation (the default).
std::string allow_type(store::ProfileRepository& profiles, std::string_view user) {
  if (auto value = profiles.tag(user, "Tag_Profile_IM_AllowType")) {
    auto parsed = json::parse(*value);
    if (parsed.is_string()) return std::string(parsed.get_string());
  }
  return "AllowType_Type_NeedConfirm";
}

Reply friend_add(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok()) return Reply::error(ErrorCode::sns_invalid_params, "From_Account is missing or not a string");
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

  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
  store::FriendRepository friends(locked.db(), ctx.app.sdkappid);
  store::ProfileRepository profiles(locked.db(), ctx.app.sdkappid);
  if (!accounts.exists(from.value)) return Reply::error(ErrorCode::sns_account_not_exist);

  json::array results;
  json::array failed;
  for (const auto& entry : *items.value) {
    const auto code_for = [&]() -> std::pair<ErrorCode, std::string_view> {
      if (!entry.is_object()) return {ErrorCode::sns_invalid_params, "AddFriendItem entries must be objects"};
      const auto& item = entry.get_object();
      const auto to = string_field(item, {"To_Account"});
      const auto source = string_field(item, {"AddSource"});
      const auto remark = string_field(item, {"Remark"});
      const auto group = string_field(item, {"GroupName"});
      const auto wording = string_field(item, {"AddWording"});
      if (!to.ok()) return {ErrorCode::sns_invalid_params, "To_Account is missing or not a string"};
      if (!source.ok() || !valid_add_source(source.value))
        return {ErrorCode::sns_invalid_params, "AddSource must be AddSource_Type_ and up to 8 letters"};
      if (remark.state == FieldState::wrong_type || remark.value.size() > kMaxRemarkBytes)
        return {ErrorCode::sns_invalid_params, "Remark must be a string of at most 96 bytes"};
      if (group.state == FieldState::wrong_type || group.value.size() > kMaxGroupNameBytes)
        return {ErrorCode::sns_invalid_params, "GroupName must be a string of at most 30 bytes"};
      if (wording.state == FieldState::wrong_type || wording.value.size() > kMaxAddWordingBytes)
        return {ErrorCode::sns_invalid_params, "AddWording must be a string of at most 256 bytes"};
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

      core::Friendship mine{std::string(from.value), std::string(to.value),
                            std::string(remark.value), "[]", std::string(source.value),
                            std::string(wording.value), ctx.clock.now()};
      if (grouped) mine.groups_json = json::serialize(json::array{group.value});
      if (!forced) {
        const auto allow = allow_type(profiles, to.value);
        if (allow == "AllowType_Type_DenyAny") return {ErrorCode::sns_peer_denies_any, {}};
        if (allow == "AllowType_Type_NeedConfirm") {
          friends.add_pendency(mine);
          return {ErrorCode::sns_pending, {}};
        }
      }
      if (!have && friends.add(mine)) friends.bump_sequence(from.value);
      if (both && !had_by) {
        core::Friendship theirs{std::string(to.value), std::string(from.value), "", "[]",
                                std::string(source.value), "", ctx.clock.now()};
        if (friends.add(theirs)) friends.bump_sequence(to.value);
      }
      return {ErrorCode::ok, {}};
    };
    const auto [code, info] = code_for();
    std::string_view to_account;
    if (entry.is_object())
      if (const auto* to = entry.get_object().if_contains("To_Account"); to && to->is_string())
        to_account = to->get_string();
    results.push_back(result_item(to_account, code, info));
    if (code != ErrorCode::ok) failed.emplace_back(to_account);
  }
  tx.commit();
  json::object reply{{"ResultItem", std::move(results)}};
  if (!failed.empty()) reply["Fail_Account"] = std::move(failed);
  return Reply::ok(std::move(reply));
}

json::array friend_values(const core::Friendship& f) {
  json::array values;
  values.push_back({{"Tag", "Tag_SNS_IM_AddSource"}, {"Value", f.add_source}});
  if (!f.remark.empty()) values.push_back({{"Tag", "Tag_SNS_IM_Remark"}, {"Value", f.remark}});
  if (auto groups = json::parse(f.groups_json); groups.is_array() && !groups.get_array().empty())
    values.push_back({{"Tag", "Tag_SNS_IM_Group"}, {"Value", groups}});
  if (!f.add_wording.empty()) values.push_back({{"Tag", "Tag_SNS_IM_AddWording"}, {"Value", f.add_wording}});
  values.push_back({{"Tag", "Tag_SNS_IM_AddTime"}, {"Value", f.add_time}});
  return values;
}

Reply friend_get(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok()) return Reply::error(ErrorCode::sns_invalid_params, "From_Account is missing or not a string");
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
  return Reply::ok({{"UserDataItem", std::move(items)},
                    {"StandardSequence", sequence},
                    {"CustomSequence", 0},
                    {"FriendNum", total},
                    {"CompleteFlag", complete ? 1 : 0},
                    {"NextStartIndex", complete ? 0 : start.value + static_cast<std::int64_t>(page.size())}});
}

Reply friend_check(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok()) return Reply::error(ErrorCode::sns_invalid_params, "From_Account is missing or not a string");
  const auto to = array_field(body, {"To_Account"});
  if (!to.ok() || to.value->empty() || to.value->size() > kMaxToAccounts)
    return Reply::error(ErrorCode::sns_invalid_params, "To_Account must be an Array of 1 to 1000 accounts");
  const auto check_type = string_field(body, {"CheckType"});
  if (!check_type.ok() ||
      (check_type.value != "CheckResult_Type_Single" && check_type.value != "CheckResult_Type_Both"))
    return Reply::error(ErrorCode::sns_invalid_params,
                        "CheckType must be CheckResult_Type_Single or CheckResult_Type_Both");
  const bool both = check_type.value == "CheckResult_Type_Both";

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

}  // namespace

void register_sns_service(CommandTable& table) {
  table.add("sns", "friend_add", friend_add);
  table.add("sns", "friend_get", friend_get);
  table.add("sns", "friend_check", friend_check);
}

}  // namespace timock::api
