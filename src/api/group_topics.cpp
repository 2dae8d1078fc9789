// million_group_open_http_svc (reference/rest-api.md §3.7): a Community's topics: create_topic, import_topic,
// get_topic, modify_topic, destroy_topic; and enter_topic, which lets the history commands take a TopicId. A
// topic is a group row of its own (type Community, id "<community>@TOPIC#_…"; schema/009) with no members:
// the community's members are its members.
#include <boost/json/value.hpp>
#include <random>

#include "api/accounts.hpp"
#include "api/fields.hpp"
#include "api/group_change_callbacks.hpp"
#include "api/group_commands.hpp"
#include "api/group_common.hpp"
#include "core/clock.hpp"
#include "store/account_repository.hpp"
#include "store/community_topic_repository.hpp"
#include "store/database.hpp"
#include "store/group_repository.hpp"
#include "store/store.hpp"

namespace timock::api::group {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// The topic id's mark after its community's id, and the limits of create_topic's fields (§8's group limits;
// CustomString 3000 bytes). A topic id may be longer than a GroupId: it holds one (our bound: 128 bytes).
constexpr std::string_view kTopicMark = "@TOPIC#_";
constexpr std::size_t kMaxCustomStringBytes = 3000;
constexpr std::size_t kMaxTopicIdBytes = 128;
constexpr std::size_t kMaxTopicList = 100;

bool printable(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c <= 0x7e; });
}

std::string new_topic_id(std::string_view community_id) {
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  thread_local std::mt19937 random{std::random_device{}()};
  std::string id(community_id);
  id += kTopicMark;
  for (int i = 0; i < 8; ++i) id += kAlphabet[random() % kAlphabet.size()];
  return id;
}

// The community GroupId names: 10010 when there is none, 10007 for another type, 11000 without
// SupportTopic 1.
std::optional<Reply> load_community(store::Database& db, core::SdkAppId sdkappid, const json::object& body,
                                    core::Group& community) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return error;
  store::GroupRepository groups(db, sdkappid);
  if (auto error = load_group(groups, group_id, community)) return error;
  if (community.type != core::GroupType::community)
    return Reply::error(ErrorCode::group_permission_denied, "topics live in Communities");
  if (!store::CommunityTopicRepository(db, sdkappid).supports_topics(group_id))
    return Reply::error(ErrorCode::community_not_enabled);
  return std::nullopt;
}

// TopicName, FaceUrl, Notification, Introduction, CustomString and MuteAllMember of
// create/import/modify_topic.
std::optional<Reply> read_topic_profile(const json::object& body, bool creating, core::Group& topic,
                                        std::optional<std::string>& custom) {
  const auto name = string_field(body, {"TopicName"});
  if ((creating && !name.ok()) || name.state == FieldState::wrong_type)
    return bad("TopicName must be a String");
  if (name.ok()) {
    if (name.value.empty() || name.value.size() > kMaxNameBytes)
      return bad("TopicName must be 1 to 30 bytes");
    topic.name = std::string(name.value);
  }
  struct Text {
    const char* field;
    std::size_t max;
    std::string* into;
  };
  for (const auto& [field, max, into] : {Text{"FaceUrl", kMaxFaceUrlBytes, &topic.face_url},
                                         Text{"Notification", kMaxNotificationBytes, &topic.notification},
                                         Text{"Introduction", kMaxIntroductionBytes, &topic.introduction}}) {
    const auto value = string_field(body, {field});
    if (value.state == FieldState::wrong_type || (value.ok() && value.value.size() > max))
      return bad(std::string(field) + " must be a String within its limit");
    if (value.ok()) *into = std::string(value.value);
  }
  const auto custom_string = string_field(body, {"CustomString"});
  if (custom_string.state == FieldState::wrong_type ||
      (custom_string.ok() && custom_string.value.size() > kMaxCustomStringBytes))
    return bad("CustomString must be a String of at most 3000 bytes");
  if (custom_string.ok()) custom = std::string(custom_string.value);
  const auto mute_all = string_field(body, {"MuteAllMember", "ShutUpAllMember"});
  if (mute_all.state == FieldState::wrong_type ||
      (mute_all.ok() && mute_all.value != "On" && mute_all.value != "Off"))
    return bad("MuteAllMember must be \"On\" or \"Off\"");
  if (mute_all.ok()) topic.mute_all_member = mute_all.value == "On";
  return std::nullopt;
}

// create_topic and import_topic: `create_time` 0 is now. An import tells the app's server nothing (§7).
Reply new_topic(const CallContext& ctx, const json::object& body, std::int64_t create_time, bool imported) {
  const auto custom_id = string_field(body, {"TopicId"});
  if (custom_id.state == FieldState::wrong_type) return bad("TopicId must be a String");
  const auto from = string_field(body, {"From_Account"});
  if (from.state == FieldState::wrong_type) return bad("From_Account must be a String");
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  core::Group community;
  if (auto error = load_community(locked.db(), ctx.app.sdkappid, body, community)) return *error;
  core::Group topic;
  topic.type = core::GroupType::community;
  topic.max_member_num = community.max_member_num;
  topic.apply_join_option = community.apply_join_option;
  std::optional<std::string> custom;
  if (auto error = read_topic_profile(body, true, topic, custom)) return *error;
  if (from.ok() && !from.value.empty()) {
    store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
    if (!account_known(accounts, ctx.app, from.value))
      return Reply::error(ErrorCode::group_account_not_found);
    topic.owner = std::string(from.value);
  }
  store::GroupRepository groups(locked.db(), ctx.app.sdkappid);
  if (custom_id.ok() && !custom_id.value.empty()) {
    // A custom topic id is the community's id, "@TOPIC#_", then the app's own part.
    const auto prefix = community.group_id + std::string(kTopicMark);
    if (!custom_id.value.starts_with(prefix) || custom_id.value.size() == prefix.size() ||
        custom_id.value.size() > kMaxTopicIdBytes || !printable(custom_id.value))
      return bad("a custom TopicId is the GroupId, then @TOPIC#_, then printable ASCII (128 bytes in all)");
    if (groups.exists(custom_id.value)) return Reply::error(ErrorCode::group_id_taken);
    topic.group_id = std::string(custom_id.value);
  } else {
    do topic.group_id = new_topic_id(community.group_id);
    while (groups.exists(topic.group_id));
  }
  const auto now = ctx.clock.now();
  topic.create_time = topic.last_info_time = create_time > 0 ? std::min(create_time, now) : now;
  groups.insert(topic);
  store::CommunityTopicRepository(locked.db(), ctx.app.sdkappid)
      .add(topic.group_id, community.group_id, custom.value_or(""));
  if (!imported) after_create_topic(ctx, community, topic);
  tx.commit();
  return Reply::ok({{"TopicId", topic.group_id}});
}

json::object topic_info(const core::Group& t, std::string_view community_id, const std::string& custom) {
  return {{"TopicId", t.group_id},          {"TopicName", t.name},
          {"GroupID", community_id},        {"FaceUrl", t.face_url},
          {"Introduction", t.introduction}, {"Notification", t.notification},
          {"CreateTime", t.create_time},    {"LastMsgTime", t.last_msg_time},
          {"NextMsgSeq", t.next_msg_seq},   {"ShutUpAllFlag", t.mute_all_member ? 1 : 0},
          {"CustomString", custom}};
}

// A list of topic ids (TopicIdList): non-empty Strings, at most 100 (10005 beyond).
std::optional<Reply> read_topic_ids(const json::object& body, bool required, std::vector<std::string>& out) {
  const auto list = array_field(body, {"TopicIdList"});
  if (list.state == FieldState::wrong_type || (required && (!list.ok() || list.value->empty())))
    return bad("TopicIdList must be a non-empty Array of String");
  if (!list.ok()) return std::nullopt;
  if (list.value->size() > kMaxTopicList) return Reply::error(ErrorCode::group_too_many_accounts);
  for (const auto& id : *list.value) {
    if (!id.is_string() || id.get_string().empty()) return bad("TopicIdList must be an Array of String");
    out.emplace_back(id.get_string());
  }
  return std::nullopt;
}

}  // namespace

std::optional<Reply> enter_topic(store::Database& db, core::SdkAppId sdkappid, const json::object& body,
                                 core::Group& g) {
  const auto topic_id = string_field(body, {"TopicId"});
  if (topic_id.state == FieldState::wrong_type) return bad("TopicId must be a String");
  if (!topic_id.ok() || topic_id.value.empty()) return std::nullopt;
  store::CommunityTopicRepository topics(db, sdkappid);
  if (g.type != core::GroupType::community || !topics.supports_topics(g.group_id))
    return Reply::error(ErrorCode::community_not_enabled);
  if (topics.community_of(topic_id.value) != g.group_id)
    return Reply::error(ErrorCode::group_not_found, "no such topic in this community");
  auto topic = store::GroupRepository(db, sdkappid).find(topic_id.value);
  if (!topic) return Reply::error(ErrorCode::group_not_found, "no such topic in this community");
  g = std::move(*topic);
  return std::nullopt;
}

Reply create_topic(const CallContext& ctx, const json::object& body) {
  return new_topic(ctx, body, 0, false);
}

Reply import_topic(const CallContext& ctx, const json::object& body) {
  const auto create_time = int_field(body, {"CreateTime"});
  if (create_time.state == FieldState::wrong_type || (create_time.ok() && create_time.value < 0))
    return bad("CreateTime must be a non-negative Integer");
  return new_topic(ctx, body, create_time.ok() ? create_time.value : 0, true);
}

Reply get_topic(const CallContext& ctx, const json::object& body) {
  std::vector<std::string> ids;
  if (auto error = read_topic_ids(body, false, ids)) return *error;
  const auto from = string_field(body, {"From_Account"});
  if (from.state == FieldState::wrong_type) return bad("From_Account must be a String");
  auto reading = ctx.store.read();
  core::Group community;
  if (auto error = load_community(reading.db(), ctx.app.sdkappid, body, community)) return *error;
  store::CommunityTopicRepository topics(reading.db(), ctx.app.sdkappid);
  store::GroupRepository groups(reading.db(), ctx.app.sdkappid);
  if (ids.empty()) ids = topics.topics(community.group_id);  // no list: every topic
  // SelfInfo: the asked user's place in the community (a topic's members are the community's).
  std::optional<core::GroupMember> self;
  if (from.ok() && !from.value.empty()) self = groups.member(community.group_id, from.value);
  json::array items;
  for (const auto& id : ids) {
    const auto topic = topics.community_of(id) == community.group_id ? groups.find(id) : std::nullopt;
    if (!topic) {
      items.push_back({{"ErrorCode", core::to_int(ErrorCode::group_not_found)},
                       {"ErrorInfo", "no such topic in this community"},
                       {"TopicInfo", {{"TopicId", id}}}});
      continue;
    }
    json::object item{{"ErrorCode", 0},
                      {"ErrorInfo", ""},
                      {"TopicInfo", topic_info(*topic, community.group_id, topics.custom_string(id))}};
    if (self)
      item["SelfInfo"] = {{"Member_Account", self->user_id},
                          {"Role", core::to_string(self->role)},
                          {"JoinTime", self->join_time},
                          {"MsgFlag", self->msg_flag}};
    items.push_back(std::move(item));
  }
  return Reply::ok({{"TopicAndSelfInfo", std::move(items)}});
}

Reply modify_topic(const CallContext& ctx, const json::object& body) {
  const auto topic_id = string_field(body, {"TopicId"});
  if (!topic_id.ok() || topic_id.value.empty()) return bad("TopicId is missing or not a String");
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  core::Group g;
  if (auto error = load_community(locked.db(), ctx.app.sdkappid, body, g)) return *error;
  const std::string community_id = g.group_id;
  if (auto error = enter_topic(locked.db(), ctx.app.sdkappid, body, g)) return *error;
  std::optional<std::string> custom;
  if (auto error = read_topic_profile(body, false, g, custom)) return *error;
  g.last_info_time = ctx.clock.now();
  store::GroupRepository(locked.db(), ctx.app.sdkappid).update(g);
  if (custom)
    store::CommunityTopicRepository(locked.db(), ctx.app.sdkappid).set_custom_string(g.group_id, *custom);
  after_topic_info_changed(ctx, g, community_id, body);
  tx.commit();
  return Reply::ok();
}

Reply destroy_topic(const CallContext& ctx, const json::object& body) {
  std::vector<std::string> ids;
  if (auto error = read_topic_ids(body, true, ids)) return *error;
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  core::Group community;
  if (auto error = load_community(locked.db(), ctx.app.sdkappid, body, community)) return *error;
  store::CommunityTopicRepository topics(locked.db(), ctx.app.sdkappid);
  store::GroupRepository groups(locked.db(), ctx.app.sdkappid);
  json::array results;
  std::vector<std::string> destroyed;
  for (const auto& id : ids) {
    const bool found = topics.community_of(id) == community.group_id;
    if (found) {
      groups.remove(id);  // its history and link go with it (schema/009's cascades)
      destroyed.push_back(id);
    }
    const auto code = found ? ErrorCode::ok : ErrorCode::group_not_found;
    results.push_back({{"ErrorCode", core::to_int(code)},
                       {"ErrorInfo", found ? "" : "no such topic in this community"},
                       {"TopicId", id}});
  }
  after_topic_destroyed(ctx, community, destroyed);
  tx.commit();
  return Reply::ok({{"DestroyResultItem", std::move(results)}});
}

}  // namespace timock::api::group
