// The Chat SDK's sns.* commands: each is REST sns's command of the same name run as the logged-in user
// (client::as_user), with the defaults the SDK leaves out filled in, so every surface shares one validation and
// one store path. The SDK renames reply keys itself (modern-sdk-protocol.md §3.3): REST's shapes are what it
// reads. Every list answers with its end marker (§6.2): the friend list's CompleteFlag, the blacklist's
// StartIndex 0, the friend requests' StartTime 0.
#include "chatsdk/sns_commands.hpp"

#include <boost/json/value.hpp>

#include "client/directory.hpp"

namespace timock::chatsdk {

namespace json = boost::json;
using api::Reply;

namespace {

// The tags getFriendProfile reads of each friend (friend_get_specified names none).
constexpr std::string_view kFriendProfileTags[] = {
    "Tag_SNS_IM_AddSource", "Tag_SNS_IM_Remark",    "Tag_SNS_IM_Group",       "Tag_SNS_IM_AddWording",
    "Tag_SNS_IM_AddTime",   "Tag_Profile_IM_Nick",  "Tag_Profile_IM_Image",   "Tag_Profile_IM_Gender",
    "Tag_Profile_IM_SelfSignature", "Tag_Profile_IM_AllowType", "Tag_Profile_IM_Location"};

Reply as_user(ChatCall& call, std::string_view command, json::object body) {
  return client::sns_as_user(call.deps(), call.caller(), command, std::move(body));
}

// A servcmd that is REST's command of the same name, the given fields defaulted when the SDK leaves them out.
template <const std::string_view& Command>
Reply same_as_rest(ChatCall& call) {
  return as_user(call, Command, call.body);
}

json::object with_defaults(const json::object& body, std::initializer_list<std::pair<std::string_view, json::value>> defaults) {
  json::object out = body;
  for (const auto& [key, value] : defaults)
    if (!out.contains(key)) out[key] = value;
  return out;
}

Reply friend_get(ChatCall& call) {
  return as_user(call, "friend_get", with_defaults(call.body, {{"StartIndex", 0}, {"StandardSequence", 0}, {"CustomSequence", 0}}));
}

Reply friend_get_specified(ChatCall& call) {
  json::array tags;
  for (auto tag : kFriendProfileTags) tags.emplace_back(tag);
  return as_user(call, "friend_get_list", with_defaults(call.body, {{"TagList", std::move(tags)}}));
}

Reply black_list_get(ChatCall& call) {
  // The SDK sends StartIndex and MaxLimited only (§6.2).
  return as_user(call, "black_list_get",
                 with_defaults(call.body, {{"StartIndex", 0}, {"MaxLimited", 1000}, {"LastSequence", 0}}));
}

Reply group_get(ChatCall& call) {
  // The SDK asks with LastSequence and NeedFriend (§6.2) and reads the whole list each time.
  json::object body = call.body;
  body.erase("LastSequence");
  if (!body.contains("NeedFriend")) body["NeedFriend"] = "Need_Friend_Type_Yes";
  auto reply = as_user(call, "group_get", std::move(body));
  if (reply.code == core::ErrorCode::ok)
    if (const auto* sequence = reply.fields.if_contains("CurrentSequence")) reply.fields["LastSequence"] = *sequence;
  return reply;
}

Reply pendency_get(ChatCall& call) {
  json::object body = call.body;
  // StartTime and LastSequence page an incremental sync; timock answers the whole list every time.
  body.erase("StartTime");
  body.erase("LastSequence");
  body.erase("MaxLimited");
  return as_user(call, "pendency_get", std::move(body));
}

constexpr std::string_view kFriendAdd = "friend_add";
constexpr std::string_view kFriendDelete = "friend_delete";
constexpr std::string_view kFriendUpdate = "friend_update";
constexpr std::string_view kFriendCheck = "friend_check";
constexpr std::string_view kFriendResponse = "friend_response";
constexpr std::string_view kPendencyDelete = "pendency_delete";
constexpr std::string_view kPendencyReport = "pendency_report";
constexpr std::string_view kBlackListAdd = "black_list_add";
constexpr std::string_view kBlackListDelete = "black_list_delete";
constexpr std::string_view kGroupAdd = "group_add";
constexpr std::string_view kGroupDelete = "group_delete";
constexpr std::string_view kGroupUpdate = "group_update";

}  // namespace

void add_sns_commands(std::map<std::string, ChatCommand, std::less<>>& table) {
  table.insert_or_assign("sns.friend_get", friend_get);
  table.insert_or_assign("sns.friend_get_specified", friend_get_specified);
  table.insert_or_assign("sns.friend_add", same_as_rest<kFriendAdd>);
  table.insert_or_assign("sns.friend_delete", same_as_rest<kFriendDelete>);
  table.insert_or_assign("sns.friend_update", same_as_rest<kFriendUpdate>);
  table.insert_or_assign("sns.friend_check", same_as_rest<kFriendCheck>);
  table.insert_or_assign("sns.friend_response", same_as_rest<kFriendResponse>);
  table.insert_or_assign("sns.pendency_get", pendency_get);
  table.insert_or_assign("sns.pendency_delete", same_as_rest<kPendencyDelete>);
  table.insert_or_assign("sns.pendency_report", same_as_rest<kPendencyReport>);
  table.insert_or_assign("sns.black_list_get", black_list_get);
  table.insert_or_assign("sns.black_list_add", same_as_rest<kBlackListAdd>);
  table.insert_or_assign("sns.black_list_delete", same_as_rest<kBlackListDelete>);
  table.insert_or_assign("sns.group_get", group_get);
  table.insert_or_assign("sns.group_add", same_as_rest<kGroupAdd>);
  table.insert_or_assign("sns.group_delete", same_as_rest<kGroupDelete>);
  table.insert_or_assign("sns.group_update", same_as_rest<kGroupUpdate>);
}

}  // namespace timock::chatsdk
