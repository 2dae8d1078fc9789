#include "webim/message_item.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace timock::webim {

namespace json = boost::json;

json::object message_item(const core::C2cMessage& m, const client::Sender& sender) {
  json::object item{{"From_Account", m.from_account},
                    {"To_Account", m.to_account},
                    {"MsgSeq", m.msg_seq},
                    {"MsgRandom", m.msg_random},
                    {"MsgTimeStamp", m.msg_time},
                    {"MsgKey", m.msg_key()},
                    {"MsgFlagBits", m.flag_bits},
                    {"From_AccountNick", sender.nick},
                    {"From_AccountHeadurl", sender.face_url},
                    {"MsgBody", json::parse(m.body_json)}};
  if (!m.cloud_custom_data.empty()) item["CloudCustomData"] = m.cloud_custom_data;
  return item;
}

}  // namespace timock::webim
