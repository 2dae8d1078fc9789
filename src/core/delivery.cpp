#include "core/delivery.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>

namespace timock::core {

Delivery c2c_message_delivery(SdkAppId app, C2cMessage message, std::string_view origin_instance) {
  Delivery delivery;
  delivery.app = app;
  delivery.kind = DeliveryKind::c2c_message;
  delivery.message = std::move(message);
  delivery.origin_instance = std::string(origin_instance);
  const auto& m = delivery.message;
  if (m.receiver_sees) delivery.to.push_back({m.to_account, false});
  if (m.from_account != m.to_account && m.sender_sees && syncs_sender(m, origin_instance))
    delivery.to.push_back({m.from_account, true});
  return delivery;
}

Delivery c2c_recall_delivery(SdkAppId app, C2cMessage message, std::string_view origin_instance) {
  Delivery delivery;
  delivery.app = app;
  delivery.kind = DeliveryKind::c2c_recall;
  delivery.message = std::move(message);
  delivery.origin_instance = std::string(origin_instance);
  const auto& m = delivery.message;
  delivery.to.push_back({m.to_account, false});
  if (m.from_account != m.to_account) delivery.to.push_back({m.from_account, false});
  return delivery;
}

namespace {

// The To_Account list of a targeted group message (kept in its extra), empty when it goes to everyone.
std::vector<std::string> targeted_receivers(const GroupMessage& message) {
  std::vector<std::string> out;
  boost::system::error_code ec;
  const auto extra = boost::json::parse(message.extra_json, ec);
  if (ec || !extra.is_object()) return out;
  const auto* to = extra.get_object().if_contains("To_Account");
  if (!to || !to->is_array()) return out;
  for (const auto& user : to->get_array())
    if (user.is_string()) out.emplace_back(user.get_string());
  return out;
}

}  // namespace

Delivery group_message_delivery(SdkAppId app, GroupSummary group, GroupMessage message,
                                const std::vector<std::string>& members, std::string_view origin_instance) {
  Delivery delivery;
  delivery.app = app;
  delivery.kind = DeliveryKind::group_message;
  delivery.origin_instance = std::string(origin_instance);
  if (message.kind == GroupMessageKind::tip) delivery.kind = DeliveryKind::group_tip;
  auto targeted = message.kind == GroupMessageKind::message ? targeted_receivers(message) : std::vector<std::string>{};
  if (targeted.empty()) {
    for (const auto& member : members) delivery.to.push_back({member, false});
  } else {
    for (const auto& member : members)
      if (member == message.from_account ||
          std::find(targeted.begin(), targeted.end(), member) != targeted.end())
        delivery.to.push_back({member, false});
  }
  delivery.group = std::move(group);
  delivery.group_message = std::move(message);
  return delivery;
}

Delivery group_recall_delivery(SdkAppId app, GroupSummary group, GroupMessage message,
                               const std::vector<std::string>& members, std::string_view origin_instance) {
  Delivery delivery;
  delivery.app = app;
  delivery.kind = DeliveryKind::group_recall;
  delivery.origin_instance = std::string(origin_instance);
  for (const auto& member : members) delivery.to.push_back({member, false});
  delivery.group = std::move(group);
  delivery.group_message = std::move(message);
  return delivery;
}

Delivery group_notice_delivery(SdkAppId app, GroupSummary group, GroupNoticeType type, std::string notice_json,
                               const std::vector<std::string>& users, std::string_view origin_instance) {
  Delivery delivery;
  delivery.app = app;
  delivery.kind = DeliveryKind::group_notice;
  delivery.origin_instance = std::string(origin_instance);
  for (const auto& user : users) delivery.to.push_back({user, false});
  delivery.group = std::move(group);
  delivery.group_notice_type = type;
  delivery.notice_json = std::move(notice_json);
  return delivery;
}

Delivery sns_delivery(SdkAppId app, DeliveryKind kind, std::string item_json, const std::vector<std::string>& users,
                      std::string_view origin_instance) {
  Delivery delivery;
  delivery.app = app;
  delivery.kind = kind;
  delivery.origin_instance = std::string(origin_instance);
  for (const auto& user : users) delivery.to.push_back({user, false});
  delivery.notice_json = std::move(item_json);
  return delivery;
}

Delivery c2c_notice_delivery(SdkAppId app, C2cNotice notice, std::string notice_json,
                             std::vector<Recipient> to, std::string_view origin_instance) {
  Delivery delivery;
  delivery.app = app;
  delivery.kind = DeliveryKind::c2c_notice;
  delivery.c2c_notice = notice;
  delivery.origin_instance = std::string(origin_instance);
  delivery.to = std::move(to);
  delivery.notice_json = std::move(notice_json);
  return delivery;
}

bool syncs_sender(const C2cMessage& message, std::string_view origin_instance) {
  if (!origin_instance.empty()) return true;
  boost::system::error_code ec;
  const auto extra = boost::json::parse(message.extra_json, ec);
  if (ec || !extra.is_object()) return false;
  const auto* sync = extra.get_object().if_contains("SyncOtherMachine");
  return sync && sync->is_int64() && sync->get_int64() == 1;
}

}  // namespace timock::core
