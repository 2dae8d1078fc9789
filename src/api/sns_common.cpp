#include "api/sns_common.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <set>

#include "api/fields.hpp"
#include "core/delivery.hpp"
#include "core/event_hub.hpp"
#include "store/store.hpp"

namespace timock::api::sns {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// FriendListMod PushType, as webim_wx.js names them (FRIEND_NOTICE_TYPE: it calls the app's
// onFriendSystemNotifys[PushType]); @tencentcloud/chat reads 3 and 4 (with From) and 7, and the lists by key.
constexpr int kPushFriendAdd = 1;
constexpr int kPushFriendDelete = 2;
constexpr int kPushRequestAdd = 3;
constexpr int kPushRequestDelete = 4;
constexpr int kPushBlacklistAdd = 5;
constexpr int kPushBlacklistDelete = 6;
constexpr int kPushRequestsRead = 7;
constexpr int kPushFriendUpdate = 8;

json::array parse_array(const std::string& text) {
  boost::system::error_code ec;
  auto value = json::parse(text, ec);
  if (ec || !value.is_array()) return {};
  return std::move(value.get_array());
}

void append(json::object& item, std::string_view key, json::value value) {
  auto& list = item[key];
  if (!list.is_array()) list = json::array{};
  list.get_array().push_back(std::move(value));
}

}  // namespace

json::object result_item(std::string_view to_account, ErrorCode code, std::string_view info) {
  return {{"To_Account", to_account},
          {"ResultCode", core::to_int(code)},
          {"ResultInfo", code == ErrorCode::ok ? std::string_view() : info.empty() ? core::default_error_info(code) : info}};
}

void Results::add(std::string_view to_account, ErrorCode code, std::string_view info) {
  items_.push_back(result_item(to_account, code, info));
  if (code != ErrorCode::ok) failed_.emplace_back(to_account);
}

json::object Results::take(std::string_view key) {
  json::object reply{{key, std::move(items_)}};
  if (!failed_.empty()) reply["Fail_Account"] = std::move(failed_);
  return reply;
}

Reply missing_from() { return Reply::error(ErrorCode::sns_invalid_params, "From_Account is missing or not a string"); }

std::optional<Reply> read_check_type(const json::object& body, std::string_view prefix, bool& both) {
  const std::string single = std::string(prefix) + "Single", pair = std::string(prefix) + "Both";
  const auto type = string_field(body, {"CheckType"});
  if (!type.ok() || (type.value != single && type.value != pair))
    return Reply::error(ErrorCode::sns_invalid_params, "CheckType must be " + single + " or " + pair);
  both = type.value == pair;
  return std::nullopt;
}

std::optional<Reply> read_accounts(const json::object& body, std::string_view key, std::size_t max,
                                   std::vector<std::string_view>& out) {
  const auto* value = body.if_contains(key);
  const auto bad = [&] {
    return Reply::error(ErrorCode::sns_invalid_params,
                        std::string(key) + " must be an Array of 1 to " + std::to_string(max) + " Strings");
  };
  if (!value || !value->is_array() || value->get_array().empty() || value->get_array().size() > max) return bad();
  for (const auto& id : value->get_array()) {
    if (!id.is_string()) return bad();
    out.emplace_back(id.get_string());
  }
  return std::nullopt;
}

bool valid_type_name(std::string_view text, std::string_view prefix) {
  if (!text.starts_with(prefix)) return false;
  const auto suffix = text.substr(prefix.size());
  if (suffix.empty() || suffix.size() > kMaxTypeSuffix) return false;
  for (char c : suffix)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  return true;
}

bool valid_group_name(std::string_view name) { return !name.empty() && name.size() <= kMaxGroupNameBytes; }

std::optional<std::vector<std::string>> group_names(const json::value& value) {
  if (!value.is_array() || value.get_array().size() > static_cast<std::size_t>(kMaxFriendGroups)) return std::nullopt;
  std::vector<std::string> names;
  std::set<std::string_view> seen;
  for (const auto& name : value.get_array()) {
    if (!name.is_string() || !valid_group_name(name.get_string()) || !seen.insert(name.get_string()).second)
      return std::nullopt;
    names.emplace_back(name.get_string());
  }
  return names;
}

std::optional<json::value> friend_tag(const core::Friendship& f, std::string_view tag) {
  if (tag == "Tag_SNS_IM_AddSource") return json::value(f.add_source);
  if (tag == kRemarkTag) return f.remark.empty() ? std::nullopt : std::optional<json::value>(json::value(f.remark));
  if (tag == "Tag_SNS_IM_AddWording")
    return f.add_wording.empty() ? std::nullopt : std::optional<json::value>(json::value(f.add_wording));
  if (tag == "Tag_SNS_IM_AddTime") return json::value(f.add_time);
  if (tag == kGroupTag) {
    auto groups = parse_array(f.groups_json);
    if (groups.empty()) return std::nullopt;
    return json::value(std::move(groups));
  }
  if (tag.starts_with(kCustomPrefix))
    for (auto& item : parse_array(f.custom_json))
      if (const auto* t = item.is_object() ? item.get_object().if_contains("Tag") : nullptr;
          t && t->is_string() && t->get_string() == tag)
        return item.at("Value");
  return std::nullopt;
}

json::array friend_values(const core::Friendship& f) {
  json::array values;
  for (std::string_view tag :
       {"Tag_SNS_IM_AddSource", "Tag_SNS_IM_Remark", "Tag_SNS_IM_Group", "Tag_SNS_IM_AddWording", "Tag_SNS_IM_AddTime"})
    if (auto value = friend_tag(f, tag)) values.push_back({{"Tag", tag}, {"Value", std::move(*value)}});
  for (auto& item : parse_array(f.custom_json)) values.push_back(std::move(item));
  return values;
}

json::object& Notices::item(std::string_view user, int push_type) {
  auto& item = items_[{std::string(user), push_type}];
  if (item.empty()) item["PushType"] = push_type;
  return item;
}

void Notices::friend_added(std::string_view user, std::string_view peer) {
  append(item(user, kPushFriendAdd), "FriendAdd_Account", json::value(peer));
}

void Notices::friend_deleted(std::string_view user, std::string_view peer) {
  append(item(user, kPushFriendDelete), "FriendDel_Account", json::value(peer));
}

void Notices::request_added(const core::Friendship& request, std::string_view from_nick, std::string_view to_nick) {
  // The SDK files an item as sent when From is the user itself, else as received (Pendency_Type_ComeIn).
  const auto entry = [&](std::string_view peer, std::string_view nick, std::string_view type) {
    return json::object{{"PendencyAdd_Account", peer}, {"ProfileImNick", nick},          {"PendencyType", type},
                        {"AddSource", request.add_source}, {"AddWording", request.add_wording}, {"AddTime", request.add_time}};
  };
  auto& incoming = item(request.friend_id, kPushRequestAdd);
  incoming["From"] = request.owner;
  append(incoming, "PendencyAdd", entry(request.owner, from_nick, "Pendency_Type_ComeIn"));
  auto& sent = item(request.owner, kPushRequestAdd);
  sent["From"] = request.owner;
  append(sent, "PendencyAdd", entry(request.friend_id, to_nick, "Pendency_Type_SendOut"));
}

void Notices::request_deleted(std::string_view user, std::string_view peer) {
  append(item(user, kPushRequestDelete), "FrienPencydDel_Account", json::value(peer));  // sic, as the SDK reads it
}

void Notices::requests_read(std::string_view user, std::int64_t time) { item(user, kPushRequestsRead)["ReportTime"] = time; }

void Notices::blocked(std::string_view user, std::string_view peer) {
  append(item(user, kPushBlacklistAdd), "BlackListAdd_Account", json::value(peer));
}

void Notices::unblocked(std::string_view user, std::string_view peer) {
  append(item(user, kPushBlacklistDelete), "BlackListDel_Account", json::value(peer));
}

void Notices::friend_updated(const core::Friendship& f) {
  append(item(f.owner, kPushFriendUpdate), "FriendUpInfo",
         json::object{{"Friend_Account", f.friend_id}, {"Sns", friend_values(f)}});
}

void Notices::publish(const CallContext& ctx) {
  if (!ctx.hub || items_.empty()) return;
  std::vector<core::Delivery> deliveries;
  // Every instance hears of it, the one that made the change too: the Chat SDK updates its friend list,
  // requests and blacklist from these pushes, not from its own call's reply (deleteFriend, acceptApplication,
  // addFriend to an AllowAny user … only resolve).
  for (auto& [key, item] : items_)
    deliveries.push_back(core::sns_delivery(ctx.app.sdkappid, core::DeliveryKind::relation_change,
                                            json::serialize(item), {key.first}, /*origin_instance=*/""));
  items_.clear();
  // Once the change is committed, as openim's messages (openim::publish): a client told can read it back.
  ctx.store.when_committed([hub = ctx.hub, deliveries = std::move(deliveries)] {
    for (const auto& delivery : deliveries) hub->deliver(delivery);
  });
}

}  // namespace timock::api::sns
