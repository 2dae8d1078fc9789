// The group items both SDKs read, pushed and in history (see client/groups.hpp).
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "auth/client_identity.hpp"
#include "client/groups.hpp"
#include "core/delivery.hpp"

namespace timock::client {

namespace json = boost::json;

namespace {

// Event numbers of the items (modern-sdk-groups.md §0 item 3; webim-groups.md §4.1).
constexpr int kEventMessage = 3;
constexpr int kEventTip = 4;
constexpr int kEventNotice = 5;
// IsPlaceMsg 2: a recalled message, kept in its place (rest-api.md §3.7).
constexpr int kPlaceRecalled = 2;

json::object parse_object(const std::string& text) {
  boost::system::error_code ec;
  auto value = json::parse(text, ec);
  if (ec || !value.is_object()) return {};
  return std::move(value.get_object());
}

json::object group_info(const core::GroupSummary& group) {
  return {{"GroupId", group.group_id},
          {"GroupType", core::to_string(group.type)},
          {"GroupName", group.name},
          {"GroupFaceUrl", group.face_url}};
}

// The sender's MsgClientTime as it sent it; REST and tips have none, and their MsgTime stands in, so the
// item's ID (tinyID-clientTime-random) is the same in every view.
std::int64_t client_time(const core::GroupMessage& m, const json::object& extra) {
  if (const auto* t = extra.if_contains("MsgClientTime"); t && t->is_int64()) return t->get_int64();
  return m.msg_time;
}

// A notice's MsgSeq: in no history, but never the 1/1 or 2/2 seq and random pair the SDK replaces (§5.3).
std::int64_t notice_seq(const core::GroupMessage& m) { return 3 + static_cast<std::int64_t>(m.msg_random % 1000000); }

}  // namespace

json::object group_item(core::SdkAppId app, const core::GroupSummary& group, const core::GroupMessage& m) {
  const auto extra = parse_object(m.extra_json);
  json::object item{{"From_Account", m.from_account},
                    {"ToGroupId", group.group_id},
                    {"MsgSeq", m.msg_seq},
                    {"MsgRandom", m.msg_random},
                    {"MsgTimeStamp", m.msg_time},
                    {"MsgClientTime", client_time(m, extra)},
                    {"GroupInfo", group_info(group)}};
  if (m.kind == core::GroupMessageKind::tip) {
    item["Event"] = kEventTip;
    item["MsgBody"] = parse_object(m.body_json);
    return item;
  }
  item["Event"] = kEventMessage;
  item["TinyId"] = auth::tinyid_of(app, m.from_account);
  item["MsgPriority"] = m.priority;
  item["IsPlaceMsg"] = m.recalled() ? kPlaceRecalled : 0;
  boost::system::error_code ec;
  auto body = json::parse(m.body_json, ec);
  item["MsgBody"] = m.recalled() || ec || !body.is_array() ? json::value(json::array{}) : std::move(body);
  item["CloudCustomData"] = m.recalled() ? std::string() : m.cloud_custom_data;
  for (std::string_view kept : {"GroupAtInfo", "SendMsgControl", "NeedReadReceipt", "OnlineOnlyFlag", "SupportMessageExtension"})
    if (const auto* value = extra.if_contains(kept)) item[kept] = *value;
  return item;
}

json::object group_notice_item(const core::Delivery& d, std::string_view user) {
  auto info = group_info(d.group);
  info["To_Account"] = user;
  auto body = parse_object(d.notice_json);
  body["ReportType"] = static_cast<int>(d.group_notice_type);
  for (std::string_view key : {"Operator_Account", "RemarkInfo", "Authentication"})
    if (!body.contains(key)) body[key] = "";
  if (!body.contains("MsgKey")) body["MsgKey"] = 0;
  const auto& m = d.group_message;
  return {{"Event", kEventNotice},
          {"From_Account", core::kSystemSender},
          {"ToGroupId", d.group.group_id},
          {"MsgSeq", notice_seq(m)},
          {"MsgRandom", m.msg_random},
          {"MsgTimeStamp", m.msg_time},
          {"MsgClientTime", m.msg_time},
          {"GroupInfo", std::move(info)},
          {"MsgBody", std::move(body)}};
}

json::object group_recall_item(const core::Delivery& d) {
  const auto& m = d.group_message;
  const auto extra = parse_object(m.extra_json);
  const auto revoker = parse_object(d.notice_json);
  json::object withdrawn{{"GroupId", d.group.group_id},
                         {"MsgSeq", m.msg_seq},
                         {"MsgRand", m.msg_random},
                         {"TinyId", auth::tinyid_of(d.app, m.from_account)},
                         {"MsgClientTime", client_time(m, extra)}};
  const auto* who = revoker.if_contains("Revoker_Account");
  return {{"Event", kEventNotice},
          {"From_Account", core::kSystemSender},
          {"ToGroupId", d.group.group_id},
          {"MsgSeq", m.msg_seq},
          {"MsgRandom", m.msg_random},
          {"MsgTimeStamp", m.msg_time},
          {"GroupInfo", json::object{{"GroupId", d.group.group_id}, {"GroupType", core::to_string(d.group.type)}}},
          {"RevokerInfo", json::object{{"Revoker_Account", who ? *who : json::value(m.from_account)}, {"Reason", ""}}},
          {"MsgBody", json::object{{"GroupWithdrawInfoArray", json::array{std::move(withdrawn)}}}}};
}

}  // namespace timock::client
