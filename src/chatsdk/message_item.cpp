#include "chatsdk/message_item.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "auth/client_identity.hpp"

namespace timock::chatsdk {

namespace json = boost::json;

namespace {

// The sender's MsgClientTime as it sent it (REST sends have none: their MsgTime stands in), so message IDs
// built from it (senderTinyID-clientTime-random, §6.4) are the same in pushes, history and the send reply.
std::int64_t client_time(const core::C2cMessage& m) {
  boost::system::error_code ec;
  const auto extra = json::parse(m.extra_json, ec);
  if (!ec && extra.is_object())
    if (const auto* t = extra.get_object().if_contains("MsgClientTime"); t && t->is_int64()) return t->get_int64();
  return m.msg_time;
}

}  // namespace

json::object message_item(core::SdkAppId app, const core::C2cMessage& m, std::string_view viewer, bool sync_copy) {
  json::object item{{"From_Account", sync_copy ? m.to_account : m.from_account},
                    {"To_Account", sync_copy ? m.from_account : m.to_account},
                    {"MsgSeq", m.msg_seq},
                    {"MsgRandom", m.msg_random},
                    {"MsgTimeStamp", m.msg_time},
                    {"MsgClientTime", client_time(m)},
                    {"MsgKey", m.msg_key()},
                    {"TinyId", auth::tinyid_of(app, m.from_account)},
                    {"MsgFlagBits", m.flag_bits},
                    {"IsPeerRead", viewer == m.from_account && m.is_read ? 1 : 0},
                    {"MsgBody", json::parse(m.body_json)}};
  if (!m.cloud_custom_data.empty()) item["CloudCustomData"] = m.cloud_custom_data;
  if (sync_copy) item["IsSyncMsg"] = 1;
  return item;
}

json::object recall_push_body(core::SdkAppId app, const core::C2cMessage& m, std::string_view revoker) {
  json::object info{{"From_Account", m.from_account},
                    {"To_Account", m.to_account},
                    {"MsgSeq", m.msg_seq},
                    {"MsgRand", m.msg_random},
                    {"MsgTimeStamp", m.msg_time},
                    {"MsgClientTime", client_time(m)},
                    {"TinyId", auth::tinyid_of(app, m.from_account)},
                    {"RevokerInfo", json::object{{"Revoker", revoker}, {"Reason", ""}}}};
  json::object notify{{"WithdrawC2cMsgNotify", json::object{{"C2cWithdrawInfoArray", json::array{std::move(info)}}}}};
  return {{"EventArray", json::array{json::object{{"Event", 1}, {"C2cNotifyMsgArray", json::array{std::move(notify)}}}}}};
}

json::object msg_push_body(json::array items, std::string session_data) {
  return {{"EventArray", json::array{json::object{{"Event", 1}, {"C2cMsgArray", std::move(items)}}}},
          {"NeedAck", 1},
          {"SessionData", std::move(session_data)}};
}

}  // namespace timock::chatsdk
