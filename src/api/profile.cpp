// profile: portrait_get, portrait_set (reference/rest-api.md §3.4, result shape §5). Tags and their value
// rules: profile_tags.cpp.
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "api/command.hpp"
#include "api/fields.hpp"
#include "api/profile_tags.hpp"
#include "callback/callbacks.hpp"
#include "core/clock.hpp"
#include "store/account_repository.hpp"
#include "core/delivery.hpp"
#include "core/event_hub.hpp"
#include "store/database.hpp"
#include "store/friend_repository.hpp"
#include "store/store.hpp"

namespace timock::api {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// §3.4: portrait_get takes at most 100 accounts per request.
constexpr std::size_t kMaxProfileAccounts = 100;

Reply portrait_get(const CallContext& ctx, const json::object& body) {
  const auto to = array_field(body, {"To_Account"});
  if (to.missing() || (to.ok() && to.value->empty()))
    return Reply::error(ErrorCode::profile_to_account_missing);
  if (!to.ok())
    return Reply::error(ErrorCode::profile_invalid_params, "To_Account must be an Array of String");
  if (to.value->size() > kMaxProfileAccounts)
    return Reply::error(ErrorCode::profile_invalid_params, "To_Account names at most 100 accounts");
  for (const auto& id : *to.value)
    if (!id.is_string())
      return Reply::error(ErrorCode::profile_invalid_params, "To_Account must be an Array of String");
  const auto tags = array_field(body, {"TagList"});
  if (!tags.ok() || tags.value->empty())
    return Reply::error(ErrorCode::profile_invalid_params, "TagList must be a non-empty Array of String");
  for (const auto& tag : *tags.value) {
    if (!tag.is_string())
      return Reply::error(ErrorCode::profile_invalid_params, "TagList must be an Array of String");
    if (!profile::known_tag(tag.get_string()))
      return Reply::error(ErrorCode::profile_tag_not_exist, "unknown tag " + std::string(tag.get_string()));
  }

  auto reading = ctx.store.read();
  store::AccountRepository accounts(reading.db(), ctx.app.sdkappid);
  json::array items;
  json::array failed;
  for (const auto& id_value : *to.value) {
    const std::string_view id = id_value.get_string();
    if (!accounts.exists(id)) {
      items.push_back({{"To_Account", id},
                       {"ResultCode", core::to_int(ErrorCode::profile_account_not_exist)},
                       {"ResultInfo", core::default_error_info(ErrorCode::profile_account_not_exist)}});
      failed.emplace_back(id);
      continue;
    }
    // Only tags that hold a value are listed, in TagList's order.
    json::array profile_items;
    for (const auto& tag : *tags.value)
      if (auto value = profile::read_tag(reading.db(), ctx.app.sdkappid, id, tag.get_string()))
        profile_items.push_back({{"Tag", tag}, {"Value", std::move(*value)}});
    items.push_back({{"To_Account", id},
                     {"ProfileItem", std::move(profile_items)},
                     {"ResultCode", 0},
                     {"ResultInfo", ""}});
  }
  // §3.4: the accounts must exist; when none does the whole request fails.
  if (failed.size() == to.value->size()) return Reply::error(ErrorCode::profile_account_not_exist);
  json::object reply{{"UserProfileItem", std::move(items)}};
  if (!failed.empty()) reply["Fail_Account"] = std::move(failed);
  return Reply::ok(std::move(reply));
}

Reply portrait_set(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok() || from.value.empty())
    return Reply::error(ErrorCode::profile_invalid_params, "From_Account is missing or not a String");
  const auto items = array_field(body, {"ProfileItem"});
  if (!items.ok() || items.value->empty())
    return Reply::error(ErrorCode::profile_invalid_params, "ProfileItem must be a non-empty Array");
  // Every item is checked before any is stored: a request sets all its tags or none.
  std::vector<std::pair<std::string_view, const json::value*>> changes;
  for (const auto& entry : *items.value) {
    const auto* item = entry.if_object();
    const auto tag = item ? string_field(*item, {"Tag"}) : Field<std::string_view>{};
    const auto* value = item ? item->if_contains("Value") : nullptr;
    if (!tag.ok() || !value)
      return Reply::error(ErrorCode::profile_invalid_params,
                          "each ProfileItem needs a String Tag and a Value");
    if (!profile::known_tag(tag.value))
      return Reply::error(ErrorCode::profile_tag_not_exist, "unknown tag " + std::string(tag.value));
    if (auto check = profile::check_value(tag.value, *value); !check.ok())
      return Reply::error(check.code, check.info);
    changes.emplace_back(tag.value, value);
  }

  std::vector<std::string> told;
  json::array changed;
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    if (!store::AccountRepository(locked.db(), ctx.app.sdkappid).exists(from.value))
      return Reply::error(ErrorCode::profile_account_not_exist);
    for (const auto& [tag, value] : changes) {
      profile::write_tag(locked.db(), ctx.app.sdkappid, from.value, tag, *value);
      changed.push_back({{"Tag", tag}, {"Value", *value}});
    }
    // The user's own clients and those of everyone who has it as a friend show the change (PROFILE_UPDATED).
    told = store::FriendRepository(locked.db(), ctx.app.sdkappid).listed_by(from.value);
    told.emplace_back(from.value);
    // §7 Profile.CallbackPortraitSet: who changed which tags, as the call gave them.
    if (ctx.callbacks && ctx.callbacks->wants("Profile.CallbackPortraitSet"))
      ctx.callbacks->after("Profile.CallbackPortraitSet", {{"From_Account", from.value},
                                                          {"ProfileItem", changed},
                                                          {"EventTime", ctx.clock.now() * 1000}});
    tx.commit();
  }
  if (ctx.hub) {
    // "ProfileList": @tencentcloud/chat reads the item's profileList, and keeps unmapped keys camel-cased
    // (modern-sdk-protocol.md §3.3); Profile_Account is its userID.
    auto delivery = core::sns_delivery(
        ctx.app.sdkappid, core::DeliveryKind::profile_change,
        json::serialize(json::object{{"PushType", 1}, {"Profile_Account", from.value}, {"ProfileList", std::move(changed)}}),
        told, ctx.instance);
    ctx.store.when_committed([hub = ctx.hub, delivery = std::move(delivery)] { hub->deliver(delivery); });
  }
  return Reply::ok();
}

}  // namespace

void register_profile_service(CommandTable& table) {
  table.add("profile", "portrait_get", portrait_get);
  table.add("profile", "portrait_set", portrait_set);
}

}  // namespace timock::api
