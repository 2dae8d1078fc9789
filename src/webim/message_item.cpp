#include "webim/message_item.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "core/json_text.hpp"

namespace timock::webim {

namespace json = boost::json;

namespace {

// Every field but MsgBody, which the two forms below add each its own way.
json::object item_fields(const core::C2cMessage& m, const client::Sender& sender) {
  json::object item{{"From_Account", m.from_account},
                    {"To_Account", m.to_account},
                    {"MsgSeq", m.msg_seq},
                    {"MsgRandom", m.msg_random},
                    {"MsgTimeStamp", m.msg_time},
                    {"MsgKey", m.msg_key()},
                    {"MsgFlagBits", m.flag_bits},
                    {"From_AccountNick", sender.nick},
                    {"From_AccountHeadurl", sender.face_url}};
  if (!m.cloud_custom_data.empty()) item["CloudCustomData"] = m.cloud_custom_data;
  return item;
}

}  // namespace

json::object message_item(const core::C2cMessage& m, const client::Sender& sender) {
  auto item = item_fields(m, sender);
  item["MsgBody"] = json::parse(m.body_json);
  return item;
}

std::string message_item_json(const core::C2cMessage& m, const client::Sender& sender) {
  auto text = json::serialize(item_fields(m, sender));
  core::append_member(text, "MsgBody", m.body_json);
  return text;
}

json::object as_webim_group_item(json::object item) {
  auto* body = item.if_contains("MsgBody");
  auto* tip = body ? body->if_object() : nullptr;
  if (!tip || tip->contains("MsgMemberInfo")) return item;
  const auto* members = tip->if_contains("MemberList");
  if (!members || !members->is_array()) return item;
  json::array info;
  for (const auto& member : members->get_array()) {
    const auto* m = member.if_object();
    if (!m) continue;
    json::object row{{"User_Account", m->contains("Member_Account") ? m->at("Member_Account") : json::value("")}};
    if (const auto* shut_up = m->if_contains("ShutupTime")) row["ShutupTime"] = *shut_up;
    info.push_back(std::move(row));
  }
  (*tip)["MsgMemberInfo"] = std::move(info);
  return item;
}

}  // namespace timock::webim
