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

}  // namespace timock::webim
