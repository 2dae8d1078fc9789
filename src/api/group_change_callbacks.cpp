#include "api/group_change_callbacks.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "api/group_callbacks.hpp"
#include "callback/callbacks.hpp"

namespace timock::api::group {

namespace json = boost::json;

namespace {

json::value parsed_array(const std::string& text) {
  boost::system::error_code ec;
  auto value = json::parse(text, ec);
  return !ec && value.is_array() ? std::move(value) : json::value(json::array{});
}

void queue(const CallContext& ctx, std::string_view command, json::object body) {
  body["EventTime"] = event_time(ctx);
  ctx.callbacks->after(command, std::move(body));
}

}  // namespace

void after_group_full(const CallContext& ctx, const core::Group& g) {
  constexpr std::string_view kCommand = "Group.CallbackAfterGroupFull";
  if (!wants(ctx, kCommand)) return;
  queue(ctx, kCommand, {{"GroupId", g.group_id}});
}

void on_member_state_change(const CallContext& ctx, const core::Group& g, std::string_view event_type,
                            std::string_view event_cause, const std::vector<std::string>& members) {
  constexpr std::string_view kCommand = "Group.CallbackOnMemberStateChange";
  if (members.empty() || !core::is_live_room(g.type) || !wants(ctx, kCommand)) return;
  queue(ctx, kCommand,
        {{"GroupId", g.group_id},
         {"EventType", event_type},
         {"EventCause", event_cause},
         {"MemberList", member_list(members)}});
}

void send_msg_exception(const CallContext& ctx, json::object message_body, core::ErrorCode code,
                        std::string_view info) {
  constexpr std::string_view kCommand = "Group.CallbackSendMsgException";
  if (!wants(ctx, kCommand)) return;
  message_body["ErrorCode"] = core::to_int(code);
  message_body["ErrorInfo"] = info.empty() ? core::default_error_info(code) : info;
  queue(ctx, kCommand, std::move(message_body));
}

void after_create_topic(const CallContext& ctx, const core::Group& community, const core::Group& topic) {
  constexpr std::string_view kCommand = "Group.CallbackAfterCreateTopic";
  if (!wants(ctx, kCommand)) return;
  auto body = group_body(ctx, community);
  body["TopicId"] = topic.group_id;
  body["Owner_Account"] = community.owner;
  body["Name"] = topic.name;
  // A topic keeps a CustomString, not defined data: its list is empty.
  body["UserDefinedDataList"] = parsed_array(topic.app_defined_data_json);
  queue(ctx, kCommand, std::move(body));
}

void after_topic_destroyed(const CallContext& ctx, const core::Group& community,
                           const std::vector<std::string>& topic_ids) {
  constexpr std::string_view kCommand = "Group.CallbackAfterTopicDestroyed";
  if (topic_ids.empty() || !wants(ctx, kCommand)) return;
  auto body = group_body(ctx, community);
  json::array ids;
  for (const auto& id : topic_ids) ids.emplace_back(id);
  body["TopicIdList"] = std::move(ids);
  queue(ctx, kCommand, std::move(body));
}

void after_topic_info_changed(const CallContext& ctx, const core::Group& topic, std::string_view community_id,
                              const json::object& request) {
  constexpr std::string_view kCommand = "Group.CallbackAfterTopicInfoChanged";
  if (!wants(ctx, kCommand)) return;
  auto body = group_body(ctx, topic);
  body["GroupId"] = community_id;
  body["TopicId"] = topic.group_id;
  // The profile fields the call named, with their new values (modify_topic calls the name TopicName).
  if (request.contains("TopicName")) body["Name"] = topic.name;
  for (const auto& [field, value] : {std::pair<std::string_view, const std::string*>{"Introduction", &topic.introduction},
                                     {"Notification", &topic.notification},
                                     {"FaceUrl", &topic.face_url}})
    if (request.contains(field)) body[field] = *value;
  queue(ctx, kCommand, std::move(body));
}

void after_member_field_changed(const CallContext& ctx, const core::Group& g, const core::GroupMember& member,
                                const json::object& request) {
  constexpr std::string_view kCommand = "Group.CallbackAfterMemberFieldChanged";
  const bool role = request.contains("Role");
  const bool name_card = request.contains("NameCard");
  const bool data = request.contains("AppMemberDefinedData");
  if (!(role || name_card || data) || !wants(ctx, kCommand)) return;
  auto body = group_body(ctx, g);
  body["Modified_Account"] = member.user_id;
  if (role) body["Role"] = core::to_string(member.role);
  if (name_card) body["NameCard"] = member.name_card;
  if (data) body["AppMemberDefinedData"] = parsed_array(member.app_member_defined_data_json);
  queue(ctx, kCommand, std::move(body));
}

void after_group_attr_changed(const CallContext& ctx, const core::Group& g, std::string_view option_type,
                              const json::object& attributes) {
  constexpr std::string_view kCommand = "Group.CallbackAfterGroupAttrChanged";
  if (!wants(ctx, kCommand)) return;
  auto body = group_body(ctx, g);
  body["OptionType"] = option_type;
  json::array list;
  for (const auto& [key, value] : attributes) list.push_back({{"key", key}, {"value", value}});
  body["GroupAttr"] = std::move(list);
  queue(ctx, kCommand, std::move(body));
}

void after_read_receipt(const CallContext& ctx, const core::Group& g, std::string_view reader,
                        const std::vector<ReceiptCount>& counts) {
  constexpr std::string_view kCommand = "Group.CallbackAfterReadReceipt";
  if (counts.empty() || !wants(ctx, kCommand)) return;
  json::object body{{"GroupId", g.group_id}, {"Type", core::to_string(g.type)}};
  json::array list;
  for (const auto& count : counts)
    list.push_back({{"MsgSeq", count.msg_seq},
                    {"ReadNum", count.read},
                    {"UnreadNum", count.unread},
                    {"ReadReceiptMembers", member_list({std::string(reader)})}});
  body["GroupMsgReceiptList"] = std::move(list);
  queue(ctx, kCommand, std::move(body));
}

}  // namespace timock::api::group
