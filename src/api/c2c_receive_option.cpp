#include "api/c2c_receive_option.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "store/receive_option_repository.hpp"

namespace timock::api {

namespace json = boost::json;

void apply_receive_option(store::Database& db, core::SdkAppId app, core::C2cMessage& message) {
  if (message.from_account == message.to_account) return;
  if (store::ReceiveOptionRepository(db, app).option(message.to_account, message.from_account) !=
      kReceiveOptionDiscard)
    return;
  boost::system::error_code ec;
  auto extra = json::parse(message.extra_json, ec);
  if (ec || !extra.is_object()) extra = json::object{};
  extra.get_object()[kReceiverDiscardedKey] = 1;
  message.extra_json = json::serialize(extra);
  message.counts_unread = false;
}

bool discarded_by_receiver(const core::C2cMessage& message) {
  // Cheap for the common message, which has no such key.
  if (message.extra_json.find(kReceiverDiscardedKey) == std::string::npos) return false;
  boost::system::error_code ec;
  const auto extra = json::parse(message.extra_json, ec);
  return !ec && extra.is_object() && extra.get_object().contains(kReceiverDiscardedKey);
}

}  // namespace timock::api
