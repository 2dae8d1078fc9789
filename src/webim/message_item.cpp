#include "webim/message_item.hpp"

#include <boost/json.hpp>

#include "store/account_repository.hpp"
#include "store/store.hpp"

namespace timock::webim {

namespace json = boost::json;

json::object message_item(store::Database& db, core::SdkAppId app, const core::C2cMessage& m) {
  const auto sender = store::AccountRepository(db, app).find(m.from_account);
  json::object item{{"From_Account", m.from_account},
                    {"To_Account", m.to_account},
                    {"MsgSeq", m.msg_seq},
                    {"MsgRandom", m.msg_random},
                    {"MsgTimeStamp", m.msg_time},
                    {"MsgKey", m.msg_key()},
                    {"MsgFlagBits", m.flag_bits},
                    {"From_AccountNick", sender ? sender->nick : std::string()},
                    {"From_AccountHeadurl", sender ? sender->face_url : std::string()},
                    {"MsgBody", json::parse(m.body_json)}};
  if (!m.cloud_custom_data.empty()) item["CloudCustomData"] = m.cloud_custom_data;
  return item;
}

json::object message_item(store::Store& store, core::SdkAppId app, const core::C2cMessage& message) {
  auto reading = store.read();
  return message_item(reading.db(), app, message);
}

bool syncs_sender(const core::C2cMessage& message, std::string_view origin_instance) {
  if (!origin_instance.empty()) return true;
  boost::system::error_code ec;
  const auto extra = json::parse(message.extra_json, ec);
  if (ec || !extra.is_object()) return false;
  const auto* sync = extra.get_object().if_contains("SyncOtherMachine");
  return sync && sync->is_int64() && sync->get_int64() == 1;
}

}  // namespace timock::webim
