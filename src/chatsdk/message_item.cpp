#include "chatsdk/message_item.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "api/conversation_changes.hpp"
#include "api/msg_ext_common.hpp"
#include "auth/client_identity.hpp"
#include "auth/usersig_codec.hpp"
#include "chatsdk/conversation_push.hpp"
#include "client/message_changes.hpp"
#include "core/json_text.hpp"

namespace timock::chatsdk {

namespace json = boost::json;

namespace {

// Every field but MsgBody, which the two forms below add each its own way.
json::object item_fields(core::SdkAppId app, const core::C2cMessage& m, std::string_view viewer, bool sync_copy) {
  const auto extras = client::c2c_extras(m);
  const bool needs_receipt = extras.needs_read_receipt;
  // IsPeerRead is what the SDK calls readReceiptSentByPeer: for a message that asked for a read receipt, the
  // receipt (c2c_msg_read_receipt); for others, the peer's read mark.
  const bool peer_read = needs_receipt ? extras.receipt_sent : m.is_read;
  json::object item{{"From_Account", sync_copy ? m.to_account : m.from_account},
                    {"To_Account", sync_copy ? m.from_account : m.to_account},
                    {"MsgSeq", m.msg_seq},
                    {"MsgRandom", m.msg_random},
                    {"MsgTimeStamp", m.msg_time},
                    {"MsgClientTime", extras.client_time},
                    {"MsgKey", m.msg_key()},
                    {"TinyId", auth::tinyid_of(app, m.from_account)},
                    {"MsgFlagBits", m.flag_bits},
                    {"IsPeerRead", viewer == m.from_account && peer_read ? 1 : 0},
                    {"IsNeedReadReceipt", needs_receipt ? 1 : 0},
                    {"MsgVersion", extras.msg_version},
                    {"SupportMessageExtension", extras.supports_extension ? 1 : 0}};
  if (!m.cloud_custom_data.empty()) item["CloudCustomData"] = m.cloud_custom_data;
  if (sync_copy) item["IsSyncMsg"] = 1;
  return item;
}

}  // namespace

json::object message_item(core::SdkAppId app, const core::C2cMessage& m, std::string_view viewer,
                          bool sync_copy) {
  auto item = item_fields(app, m, viewer, sync_copy);
  item["MsgBody"] = json::parse(m.body_json);
  return item;
}

std::string message_item_json(core::SdkAppId app, const core::C2cMessage& m, std::string_view viewer) {
  auto text = json::serialize(item_fields(app, m, viewer, false));
  core::append_member(text, "MsgBody", m.body_json);
  return text;
}

json::object recall_push_body(core::SdkAppId app, const core::C2cMessage& m, std::string_view revoker) {
  json::object info{{"From_Account", m.from_account},
                    {"To_Account", m.to_account},
                    {"MsgSeq", m.msg_seq},
                    {"MsgRand", m.msg_random},
                    {"MsgTimeStamp", m.msg_time},
                    {"MsgClientTime", client::msg_client_time(m)},
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

namespace timock::chatsdk {

namespace {

json::object event(int number, std::string_view key, json::value list) {
  return {{"EventArray", json::array{json::object{{"Event", number}, {key, std::move(list)}}}}};
}

// Extension and reaction pushes (modern-sdk-protocol.md §11): the SDK routes them by the name of what the
// event carries (MsgExtensionNotify, MsgReactionNotifyList), not by the Event number.
constexpr int kMessageChangeEvent = 1;

// The message an extension or reaction notice names, as the SDK rebuilds its ID from it
// (senderTinyID-clientTime-random): the sender's TinyId, MsgClientTime and MsgRandom, with its sides or
// group.
json::object message_info(core::SdkAppId app, const json::object& message) {
  json::object info = message;
  const auto* from = message.if_contains("From_Account");
  info["TinyId"] =
      auth::tinyid_of(app, from && from->is_string() ? std::string_view(from->get_string()) : "");
  return info;
}

json::object c2c_notify(std::string_view key, json::object notice) {
  return event(1, "C2cNotifyMsgArray", json::array{json::object{{key, std::move(notice)}}});
}

// MESSAGE_EXTENSIONS_UPDATED (OperateType 1) or MESSAGE_EXTENSIONS_DELETED (2 some keys, 3 all).
json::object extension_push(core::SdkAppId app, const json::object& notice) {
  const auto field = [&](std::string_view key) {
    return notice.contains(key) ? notice.at(key) : json::value();
  };
  const auto message = field("Message");
  const bool group = message.is_object() && message.get_object().contains("GroupId");
  const auto operate = field("OperateType");
  const auto op = operate.is_int64() ? operate.get_int64() : 1;
  const auto info = message_info(app, message.is_object() ? message.get_object() : json::object{});
  json::object notify{
      {"TinyId", info.at("TinyId")},
      {group ? "ExtensionGroupMsgInfo" : "ExtensionC2cMsgInfo", info},
      {"MsgOptType", op},
      {op == 1   ? "SetKVInfo"
       : op == 2 ? "DeleteKVInfo"
                 : "ClearKVInfo",
       json::array{json::object{{"MsgKeyValue", field("Extensions")}, {"ClearMsgSeq", field("ClearSeq")}}}},
      {"MsgLastSeq", field("LatestSeq")}};
  return {{"EventArray", json::array{json::object{{"Event", kMessageChangeEvent},
                                                  {"MsgExtensionNotify", std::move(notify)}}}}};
}

// MESSAGE_REACTIONS_UPDATED: each changed reaction's count and first users.
json::object reaction_push(core::SdkAppId app, const json::object& notice) {
  const auto field = [&](std::string_view key) {
    return notice.contains(key) ? notice.at(key) : json::value();
  };
  const auto message = field("Message");
  const bool group = message.is_object() && message.get_object().contains("GroupId");
  json::array summaries;
  if (const auto* list = notice.if_contains("Reactions"); list && list->is_array())
    for (const auto& r : list->get_array()) {
      const auto& reaction = r.get_object();
      summaries.push_back({{"Reaction", reaction.at("Reaction")},
                           {"Count", reaction.at("Count")},
                           {"Reaction_Account", reaction.at("Users")}});
    }
  json::object item{{group ? "GroupMsgInfo" : "C2CMsgInfo",
                     message_info(app, message.is_object() ? message.get_object() : json::object{})},
                    {"MsgReactionSummary", std::move(summaries)}};
  return event(kMessageChangeEvent, "MsgReactionNotifyList", json::array{std::move(item)});
}

}  // namespace

std::string wire_custom_status(std::string_view status) { return auth::detail::base64_encode(status); }

json::object notice_push_body(const core::Delivery& d) {
  boost::system::error_code ec;
  auto parsed = json::parse(d.notice_json, ec);
  const auto notice = !ec && parsed.is_object() ? std::move(parsed.get_object()) : json::object{};
  const auto field = [&](std::string_view key) {
    return notice.contains(key) ? notice.at(key) : json::value();
  };
  // Conversations as the SDK's recentContactList items: Type with UserId (→ userID) or GroupId (→ groupID).
  const auto contacts = [&] {
    json::array list;
    if (const auto* items = notice.if_contains("Conversations"); items && items->is_array())
      for (const auto& item : items->get_array()) {
        const auto& c = item.get_object();
        const bool c2c = c.contains("To_Account");
        list.push_back({{"Type", c.at("Type")},
                        {c2c ? "UserId" : "GroupId", c2c ? c.at("To_Account") : c.at("GroupId")}});
      }
    return list;
  };
  switch (d.c2c_notice) {
    // The sender's view: the peer (To_Account → the SDK's `to`) has read up to LastReadTime
    // (MESSAGE_READ_BY_PEER).
    case core::C2cNotice::read_report:
      return c2c_notify(
          "C2cReadedReceipt",
          {{"To_Account", field("Report_Account")},
           {"UinPairReadArray", json::array{json::object{{"LastReadTime", field("LastReadTime")}}}}});
    // The reader's other devices: what From_Account sent is read up to LastReadTime.
    case core::C2cNotice::read_sync:
      return c2c_notify(
          "ReadC2cMsgNotify",
          {{"UinPairReadArray", json::array{json::object{{"From_Account", field("Peer_Account")},
                                                         {"LastReadTime", field("LastReadTime")}}}}});
    // Event 16: per-message receipts, the messages named as their IDs are built
    // (MESSAGE_READ_RECEIPT_RECEIVED).
    case core::C2cNotice::receipt: {
      auto body = event(16, "C2cMsgInfo", field("Messages"));
      auto& item = body["EventArray"].get_array()[0].get_object();
      item["UserId"] = field("Report_Account");
      item["PeerReadTime"] = field("Timestamp");
      return body;
    }
    // A change of the user's own conversation state, by its kind (api/conversation_changes.hpp).
    case core::C2cNotice::conversation_changed:
      return conversation_change_body(notice);
    // A message's extensions or reactions changed (api/msg_ext_common.hpp).
    case core::C2cNotice::extensions_changed:
      return extension_push(d.app, notice);
    case core::C2cNotice::reactions_changed:
      return reaction_push(d.app, notice);
    // A message's body was edited.
    case core::C2cNotice::modified: {
      const auto& m = d.message;
      json::object item{{"From_Account", m.from_account},
                        {"To_Account", m.to_account},
                        {"MsgSeq", m.msg_seq},
                        {"MsgRandom", m.msg_random},
                        {"MsgTime", m.msg_time},
                        {"MsgVersion", client::msg_version(m)},
                        {"MsgBody", json::parse(m.body_json)},
                        {"CloudCustomData", m.cloud_custom_data}};
      return event(1, "C2cMsgModNotifys", json::array{std::move(item)});
    }
    // RecentContactMod PushType 1 deleted, 2 pinned, 3 unpinned.
    case core::C2cNotice::conversation_deleted:
      return event(1, "RecentContactMod",
                   json::array{json::object{
                       {"PushType", 1},
                       {"RecentContactDeleteItem", json::object{{"RecentContactList", contacts()}}}}});
    case core::C2cNotice::conversation_pinned:
    case core::C2cNotice::conversation_unpinned:
      return event(1, "RecentContactMod",
                   json::array{json::object{
                       {"PushType", d.c2c_notice == core::C2cNotice::conversation_pinned ? 2 : 3},
                       {"RecentContactTopItem", json::object{{"RecentContactList", contacts()}}}}});
    case core::C2cNotice::user_status: {
      const auto* custom = notice.if_contains("CustomStatus");
      const std::string_view text = custom && custom->is_string() ? std::string_view(custom->get_string()) : "";
      return event(1, "UserStatusList",
                   json::array{json::object{{"To_Account", field("To_Account")},
                                            {"Status", field("Status")},
                                            {"CustomStatus", wire_custom_status(text)}}});
    }
  }
  return {};
}

}  // namespace timock::chatsdk
