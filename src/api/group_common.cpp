#include "api/group_common.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <random>

#include "api/fields.hpp"
#include "api/msg_body.hpp"
#include "core/clock.hpp"
#include "core/event_hub.hpp"
#include "store/account_repository.hpp"
#include "store/group_message_repository.hpp"
#include "store/group_repository.hpp"
#include "store/store.hpp"

namespace timock::api::group {

namespace json = boost::json;
using core::ErrorCode;

Reply bad(std::string info) { return Reply::error(ErrorCode::group_invalid_params, std::move(info)); }

std::optional<Reply> read_group_id(const json::object& body, std::string& group_id) {
  const auto field = string_field(body, {"GroupId"});
  if (!field.ok()) return bad("GroupId is missing or not a String");
  if (!core::valid_group_id(field.value)) return Reply::error(ErrorCode::group_id_invalid);
  group_id = std::string(field.value);
  return std::nullopt;
}

std::optional<Reply> load_group(store::GroupRepository& groups, std::string_view group_id, core::Group& group) {
  auto found = groups.find(group_id);
  if (!found) return Reply::error(ErrorCode::group_not_found);
  group = std::move(*found);
  return std::nullopt;
}

std::optional<Reply> read_message_content(const json::object& body, core::GroupMessage& m) {
  const auto* msg_body = body.if_contains("MsgBody");
  if (auto check = check_msg_body(msg_body); !check.ok()) return bad(check.info);
  const auto custom = string_field(body, {"CloudCustomData"});
  if (custom.state == FieldState::wrong_type) return bad("CloudCustomData must be a String");
  m.body_json = json::serialize(*msg_body);
  m.cloud_custom_data = std::string(custom.value);
  if (m.body_json.size() + m.cloud_custom_data.size() > kMaxMessageBytes) return Reply::error(ErrorCode::msg_too_long);
  return std::nullopt;
}

bool read_filter(const json::object& body, std::string_view name, FieldFilter& filter) {
  const auto* value = body.if_contains(name);
  if (!value) return true;
  if (!value->is_array()) return false;
  filter.all = false;
  for (const auto& item : value->get_array()) {
    if (!item.is_string()) return false;
    filter.names.emplace(item.get_string());
  }
  return true;
}

std::optional<Reply> read_defined_data(const json::value& value, std::size_t max_keys, std::size_t max_key_bytes,
                                       std::size_t max_value_bytes, std::string& json_out) {
  if (!value.is_array()) return bad("AppDefinedData must be an Array of {Key, Value}");
  const auto& items = value.get_array();
  if (items.size() > max_keys) return bad("too many AppDefinedData keys");
  json::array out;
  for (const auto& item : items) {
    const auto* object = item.if_object();
    const auto* key = object ? object->if_contains("Key") : nullptr;
    const auto* val = object ? object->if_contains("Value") : nullptr;
    if (!key || !key->is_string() || !val || !val->is_string() || key->get_string().empty())
      return bad("AppDefinedData items need a String Key and Value");
    if (key->get_string().size() > max_key_bytes) return bad("an AppDefinedData Key is too long");
    if (val->get_string().size() > max_value_bytes) return bad("an AppDefinedData Value is too long");
    for (const auto& seen : out)
      if (seen.at("Key") == key->get_string()) return bad("AppDefinedData names a Key twice");
    out.push_back(json::object{{"Key", key->get_string()}, {"Value", val->get_string()}});
  }
  json_out = json::serialize(out);
  return std::nullopt;
}

std::string merge_defined_data(const std::string& stored_json, const std::string& update_json) {
  boost::system::error_code ec;
  auto stored = json::parse(stored_json, ec);
  if (ec || !stored.is_array()) stored = json::array{};
  const auto update = json::parse(update_json, ec);
  if (ec || !update.is_array()) return json::serialize(stored);
  auto& items = stored.get_array();
  for (const auto& change : update.get_array()) {
    const auto& key = change.at("Key").get_string();
    const auto& value = change.at("Value").get_string();
    auto it = std::find_if(items.begin(), items.end(), [&](const json::value& v) { return v.at("Key") == key; });
    if (value.empty()) {
      if (it != items.end()) items.erase(it);
    } else if (it != items.end()) {
      it->as_object()["Value"] = value;
    } else {
      items.push_back(json::object{{"Key", key}, {"Value", value}});
    }
  }
  return json::serialize(stored);
}

json::array defined_data(const std::string& text, const FieldFilter& filter) {
  boost::system::error_code ec;
  const auto data = json::parse(text, ec);
  json::array out;
  if (ec || !data.is_array()) return out;
  for (const auto& item : data.get_array())
    if (const auto* key = item.as_object().if_contains("Key"); key && key->is_string() && filter.wants(key->get_string()))
      out.push_back(item);
  return out;
}

json::object base_info(const core::App& app, const core::Group& g, std::int64_t member_num, const FieldFilter& f,
                       const FieldFilter& app_data) {
  json::object info;
  if (f.wants("Type")) info["Type"] = core::to_string(g.type);
  if (f.wants("Name")) info["Name"] = g.name;
  if (f.all) info["Appid"] = app.sdkappid;
  if (f.wants("Introduction")) info["Introduction"] = g.introduction;
  if (f.wants("Notification")) info["Notification"] = g.notification;
  if (f.wants("FaceUrl")) info["FaceUrl"] = g.face_url;
  if (f.wants("Owner_Account")) info["Owner_Account"] = g.owner;
  if (f.wants("CreateTime")) info["CreateTime"] = g.create_time;
  if (f.wants("LastInfoTime")) info["LastInfoTime"] = g.last_info_time;
  if (f.wants("LastMsgTime")) info["LastMsgTime"] = g.last_msg_time;
  if (f.wants("NextMsgSeq")) info["NextMsgSeq"] = g.next_msg_seq;
  if (f.wants("MemberNum")) info["MemberNum"] = member_num;
  if (f.wants("MaxMemberNum")) info["MaxMemberNum"] = g.max_member_num;
  if (f.wants("ApplyJoinOption")) info["ApplyJoinOption"] = g.apply_join_option;
  if (f.wants("MuteAllMember")) info["MuteAllMember"] = g.mute_all_member ? "On" : "Off";
  // AppDefinedData: every key without a filter, only the named keys with one.
  if (f.all || !app_data.all) {
    auto data = defined_data(g.app_defined_data_json, app_data);
    if (!data.empty() || f.all) info["AppDefinedData"] = std::move(data);
  }
  return info;
}

json::object member_info(const core::GroupMember& m, std::int64_t now, const FieldFilter& f,
                         const FieldFilter* app_data) {
  json::object info{{"Member_Account", m.user_id}};
  if (f.wants("Role")) info["Role"] = core::to_string(m.role);
  if (f.wants("JoinTime")) info["JoinTime"] = m.join_time;
  if (f.wants("MsgSeq")) info["MsgSeq"] = m.read_seq;
  if (f.wants("MsgFlag")) info["MsgFlag"] = m.msg_flag;
  if (f.wants("LastSendMsgTime")) info["LastSendMsgTime"] = m.last_send_time;
  // The old name answers under the old name (the SDKs ask for ShutUpUntil and read it back, modern-sdk-groups.md
  // §3.8, webim-groups.md §2).
  const auto mute_until = m.mute_until > now ? m.mute_until : 0;
  if (f.wants("MuteUntil")) info["MuteUntil"] = mute_until;
  if (!f.all && f.wants("ShutUpUntil")) info["ShutUpUntil"] = mute_until;
  if (f.wants("NameCard")) info["NameCard"] = m.name_card;
  if (app_data) {
    auto data = defined_data(m.app_member_defined_data_json, *app_data);
    if (!data.empty() || app_data->all) info["AppMemberDefinedData"] = std::move(data);
  }
  return info;
}

core::GroupSummary summary_of(const core::Group& g) { return {g.group_id, g.type, g.name, g.face_url}; }

core::GroupMessage add_tip(store::GroupRepository& groups, store::GroupMessageRepository& messages,
                           const core::Group& group, core::GroupTipType type, std::string_view operator_account,
                           const std::vector<std::string>& users, std::int64_t now, json::object fields) {
  thread_local std::mt19937 random{std::random_device{}()};
  core::GroupMessage tip;
  tip.group_id = group.group_id;
  tip.kind = core::GroupMessageKind::tip;
  tip.from_account = std::string(core::kSystemSender);
  tip.msg_time = now;
  tip.msg_random = static_cast<std::uint32_t>(random());
  json::array list;
  for (const auto& user : users) list.push_back(json::value(user));
  fields["OpType"] = static_cast<int>(type);
  fields["Operator_Account"] = operator_account;
  fields["List_Account"] = std::move(list);
  fields["MemberNum"] = groups.member_count(group.group_id);
  tip.body_json = json::serialize(fields);
  tip.msg_seq = groups.take_seq(group.group_id, now);
  tip.id = messages.insert(tip);
  return tip;
}

void Outbox::message(const core::Group& group, const core::GroupMessage& message,
                     const std::vector<std::string>& members) {
  add(core::group_message_delivery(ctx_.app.sdkappid, summary_of(group), message, members, ctx_.instance));
}

void Outbox::recall(const core::Group& group, const core::GroupMessage& message,
                    const std::vector<std::string>& members) {
  auto delivery = core::group_recall_delivery(ctx_.app.sdkappid, summary_of(group), message, members, ctx_.instance);
  delivery.notice_json = json::serialize(json::object{{"Revoker_Account", ctx_.identifier}});
  add(std::move(delivery));
}

void Outbox::notice(const core::Group& group, core::GroupNoticeType type, const json::object& fields,
                    const std::vector<std::string>& users) {
  if (users.empty()) return;
  auto delivery = core::group_notice_delivery(ctx_.app.sdkappid, summary_of(group), type, json::serialize(fields),
                                              users, ctx_.instance);
  // A notice is in no history, but its items carry a time and a random like any other (the SDKs build its ID
  // from them, modern-sdk-groups.md §5.3).
  thread_local std::mt19937 random{std::random_device{}()};
  delivery.group_message.msg_time = ctx_.clock.now();
  delivery.group_message.msg_random = static_cast<std::uint32_t>(random());
  add(std::move(delivery));
}

void Outbox::publish() {
  if (!ctx_.hub || deliveries_.empty()) return;
  ctx_.store.when_committed([hub = ctx_.hub, deliveries = std::move(deliveries_)] {
    for (const auto& delivery : deliveries) hub->deliver(delivery);
  });
  deliveries_.clear();
}

}  // namespace timock::api::group
