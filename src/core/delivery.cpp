#include "core/delivery.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace timock::core {

Delivery c2c_message_delivery(SdkAppId app, C2cMessage message, std::string_view origin_instance) {
  Delivery delivery{app, DeliveryKind::c2c_message, std::move(message), {}, std::string(origin_instance)};
  const auto& m = delivery.message;
  if (m.receiver_sees) delivery.to.push_back({m.to_account, false});
  if (m.from_account != m.to_account && m.sender_sees && syncs_sender(m, origin_instance))
    delivery.to.push_back({m.from_account, true});
  return delivery;
}

Delivery c2c_recall_delivery(SdkAppId app, C2cMessage message, std::string_view origin_instance) {
  Delivery delivery{app, DeliveryKind::c2c_recall, std::move(message), {}, std::string(origin_instance)};
  const auto& m = delivery.message;
  delivery.to.push_back({m.to_account, false});
  if (m.from_account != m.to_account) delivery.to.push_back({m.from_account, false});
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
