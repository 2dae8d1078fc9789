#include "control/fixture_groups.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <limits>
#include <tuple>

#include "api/msg_body.hpp"

namespace timock::control::fixture {

namespace json = boost::json;

namespace {

constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();
// A topic id holds its community's GroupId (timock's bound, as create_topic's).
constexpr std::size_t kMaxTopicIdBytes = 128;

// AppDefinedData / AppMemberDefinedData: [{"Key": String, "Value": String}], kept as {Key, Value} only.
// Repeated keys are not refused: create_group stores what it is given, and what it stored must load again.
std::string defined_data(const Reader& r, std::string_view key) {
  const auto* value = r.find(key);
  if (!value) return "[]";
  const auto bad = Bad{{r.at(key), "must be an array of {\"Key\": non-empty String, \"Value\": String}"}};
  if (!value->is_array()) throw bad;
  json::array out;
  for (const auto& item : value->get_array()) {
    const auto* object = item.if_object();
    const auto* k = object ? object->if_contains("Key") : nullptr;
    const auto* v = object ? object->if_contains("Value") : nullptr;
    if (!k || !k->is_string() || k->get_string().empty() || !v || !v->is_string()) throw bad;
    out.push_back(json::object{{"Key", *k}, {"Value", *v}});
  }
  return json::serialize(out);
}

// The group attributes ({key: String}) or counters ({key: Integer}) as set_group_attr and
// update_group_counter keep them.
std::string keyed_values(const Reader& r, std::string_view key, bool integers) {
  const auto* value = r.find(key);
  if (!value) return "{}";
  const auto bad =
      Bad{{r.at(key), integers ? "must be an object of key: Integer" : "must be an object of key: String"}};
  if (!value->is_object()) throw bad;
  for (const auto& [name, item] : value->get_object())
    if (name.empty() || (integers ? !api::as_int(item) : !item.is_string())) throw bad;
  return json::serialize(*value);
}

// The history: seqs strictly increasing (a gap is an entry that was never kept: an online-only message);
// an omitted seq follows the one before it.
std::vector<core::GroupMessage> read_history(const Reader& g, const core::Group& group,
                                             const std::string& admin) {
  std::vector<core::GroupMessage> out;
  const auto& list = g.array("messages");
  if (!list.empty() && core::is_live_room(group.type))
    throw Bad{{g.at("messages"), "a live room keeps no history"}};
  std::int64_t last = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    Reader m(list[i], g.at("messages", i));
    core::GroupMessage msg;
    msg.group_id = group.group_id;
    msg.msg_seq = m.integer("seq", false, last + 1, 1, kUint32Max);
    if (msg.msg_seq <= last)
      throw Bad{{m.at("seq"), "must be greater than the seq before it (" + std::to_string(last) + ")"}};
    if (msg.msg_seq > kUint32Max)
      throw Bad{{m.at("seq"), "the seq after " + std::to_string(last) + " is too large"}};
    const auto kind = m.string("kind", false, "message");
    if (kind != "message" && kind != "tip") throw Bad{{m.at("kind"), "must be \"message\" or \"tip\""}};
    msg.kind = kind == "tip" ? core::GroupMessageKind::tip : core::GroupMessageKind::message;
    // A tip's sender is the system; a message without one is the admin's, as send_group_msg has it.
    msg.from_account = m.string(
        "from", false, msg.kind == core::GroupMessageKind::tip ? std::string(core::kSystemSender) : admin);
    if (!api::valid_user_id(msg.from_account)) throw Bad{{m.at("from"), "must be a UserID of 1 to 32 bytes"}};
    msg.msg_random = static_cast<std::uint32_t>(m.integer("random", false, 0, 0, kUint32Max));
    msg.msg_time = m.integer("time", true, 0, 0, kTimeMax);
    const auto priority = core::parse_msg_priority(m.string("priority", false, "Normal"));
    if (!priority) throw Bad{{m.at("priority"), "must be High, Normal, Low or Lowest"}};
    msg.priority = *priority;
    const auto* body = m.find("body");
    if (msg.kind == core::GroupMessageKind::tip) {
      if (!body || !body->is_object())
        throw Bad{{m.at("body"), "a tip's body is an object (OpType, List_Account …)"}};
    } else if (auto check = api::check_msg_body(body); !check.ok()) {
      throw Bad{{m.at("body"), check.info}};
    }
    msg.body_json = json::serialize(*body);
    msg.cloud_custom_data = m.string("cloud_custom_data", false);
    msg.flag_bits = static_cast<int>(m.integer("flag_bits", false, 0, 0, 0xFFFF));
    msg.counts_unread = m.boolean("counts_unread", true);
    if (const auto* extra = m.find("extra")) {
      if (!extra->is_object()) throw Bad{{m.at("extra"), "must be an object"}};
      msg.extra_json = json::serialize(*extra);
    }
    last = msg.msg_seq;
    out.push_back(std::move(msg));
  }
  return out;
}

std::vector<core::GroupMember> read_members(const Reader& g, const core::Group& group,
                                            const std::set<std::string>& known) {
  std::vector<core::GroupMember> out;
  std::set<std::string> seen;
  const auto last_seq = group.next_msg_seq - 1;
  const auto& list = g.array("members");
  for (std::size_t i = 0; i < list.size(); ++i) {
    Reader m(list[i], g.at("members", i));
    core::GroupMember member;
    member.user_id = account_ref(m, "user_id", known);
    if (!seen.insert(member.user_id).second) throw Bad{{m.at("user_id"), "appears twice"}};
    const bool is_owner = member.user_id == group.owner;
    const auto role = core::parse_group_role(m.string("role", false, is_owner ? "Owner" : "Member"));
    if (!role) throw Bad{{m.at("role"), "must be Owner, Admin or Member"}};
    if ((*role == core::GroupRole::owner) != is_owner)
      throw Bad{{m.at("role"),
                 is_owner ? "the group's owner has role Owner" : "only the group's owner has role Owner"}};
    member.role = *role;
    member.join_time = m.integer("join_time", false, group.create_time, 0, kTimeMax);
    member.join_seq = m.integer("join_seq", false, 0, 0, last_seq);
    // 0 by default: everything in the history counts as unread, as for create_group's members.
    member.read_seq = m.integer("read_seq", false, 0, 0, last_seq);
    member.msg_flag = m.string("msg_flag", false, member.msg_flag);
    if (!core::valid_msg_flag(member.msg_flag))
      throw Bad{{m.at("msg_flag"), "must be AcceptAndNotify, AcceptNotNotify or Discard"}};
    member.last_send_time = m.integer("last_send_time", false, 0, 0, kTimeMax);
    member.name_card = m.string("name_card", false);
    member.app_member_defined_data_json = defined_data(m, "app_member_defined_data");
    member.mute_until = m.integer("mute_until", false, 0, 0, kTimeMax);
    out.push_back(std::move(member));
  }
  if (static_cast<std::int64_t>(out.size()) > group.max_member_num)
    throw Bad{{g.at("members"),
               "holds more members than max_member_num (" + std::to_string(group.max_member_num) + ")"}};
  return out;
}

// Mutes of users who left (a member's own mute is its mute_until), and a live room's bans.
void read_mutes_and_bans(const Reader& g, const std::set<std::string>& known, core::GroupState& state) {
  std::set<std::string> seen;
  for (const auto& member : state.members) seen.insert(member.user_id);
  const auto& mutes = g.array("mutes");
  for (std::size_t i = 0; i < mutes.size(); ++i) {
    Reader m(mutes[i], g.at("mutes", i));
    auto user = account_ref(m, "user_id", known);
    if (!seen.insert(user).second)
      throw Bad{{m.at("user_id"), "is a member (its mute is the member's mute_until) or appears twice"}};
    state.mutes.push_back({std::move(user), m.integer("mute_until", true, 0, 1, kTimeMax)});
  }
  const auto& bans = g.array("bans");
  if (!bans.empty() && !core::is_live_room(state.group.type))
    throw Bad{{g.at("bans"), "only live rooms (AVChatRoom, BChatRoom) ban members"}};
  seen.clear();
  for (std::size_t i = 0; i < bans.size(); ++i) {
    Reader b(bans[i], g.at("bans", i));
    core::GroupBan ban;
    // Any name, as ban_group_member takes it (it checks neither the account nor the UserID's length).
    ban.user_id = b.string("user_id", true);
    if (ban.user_id.empty()) throw Bad{{b.at("user_id"), "must not be empty"}};
    if (!seen.insert(ban.user_id).second) throw Bad{{b.at("user_id"), "appears twice"}};
    // ban_group_member's Duration has no upper bound.
    ban.banned_until = b.integer("banned_until", true, 0, 1, kInt64Max);
    ban.description = b.string("description", false);
    state.bans.push_back(std::move(ban));
  }
}

// Read receipts, a live room's admins and what makes a Community take topics or a group a topic (schema/007–008).
void read_receipts_and_topics(const Reader& g, const std::set<std::string>& known, core::GroupState& state) {
  const auto& group = state.group;
  const auto& receipts = g.array("receipts");
  for (std::size_t i = 0; i < receipts.size(); ++i) {
    Reader r(receipts[i], g.at("receipts", i));
    core::GroupReceipt receipt;
    receipt.msg_seq = r.integer("seq", true, 0, 1, kUint32Max);
    const bool a_message = std::any_of(state.messages.begin(), state.messages.end(), [&](const auto& m) {
      return m.msg_seq == receipt.msg_seq && m.kind == core::GroupMessageKind::message;
    });
    if (!a_message) throw Bad{{r.at("seq"), "names no message of this group's messages"}};
    receipt.user_id = account_ref(r, "user_id", known);
    receipt.read_time = r.integer("read_time", false, 0, 0, kTimeMax);
    for (const auto& other : state.receipts)
      if (other.msg_seq == receipt.msg_seq && other.user_id == receipt.user_id)
        throw Bad{{r.at("user_id"), "has read this message already"}};
    state.receipts.push_back(std::move(receipt));
  }
  const auto& requests = g.array("join_requests");
  if (!requests.empty() && (core::is_live_room(group.type) || group.type == core::GroupType::private_group))
    throw Bad{{g.at("join_requests"), "only groups joined on request keep join requests"}};
  for (std::size_t i = 0; i < requests.size(); ++i) {
    Reader r(requests[i], g.at("join_requests", i));
    core::GroupJoinRequest request;
    request.user_id = account_ref(r, "user_id", known);
    for (const auto& m : state.members)
      if (m.user_id == request.user_id) throw Bad{{r.at("user_id"), "is a member already"}};
    for (const auto& other : state.join_requests)
      if (other.user_id == request.user_id) throw Bad{{r.at("user_id"), "has asked already"}};
    request.apply_msg = r.string("apply_msg", false);
    request.user_defined = r.string("user_defined", false);
    request.add_time = r.integer("add_time", false, 0, 0, kTimeMax);
    request.msg_key = r.integer("msg_key", false, 0, 0, kInt64Max);
    request.authentication = r.string("authentication", false);
    state.join_requests.push_back(std::move(request));
  }
  const auto& admins = g.array("admins");
  if (!admins.empty() && !core::is_live_room(group.type))
    throw Bad{{g.at("admins"), "only live rooms (AVChatRoom, BChatRoom) keep an admin list"}};
  for (std::size_t i = 0; i < admins.size(); ++i) {
    if (!admins[i].is_string()) throw Bad{{g.at("admins", i), "must be a UserID"}};
    const std::string user(admins[i].get_string());
    if (!known.count(user)) throw Bad{{g.at("admins", i), "names an account that is not in accounts"}};
    state.live_admins.push_back(user);
  }
  state.support_topic = g.boolean("support_topic", false);
  if (state.support_topic && group.type != core::GroupType::community)
    throw Bad{{g.at("support_topic"), "only a Community takes topics"}};
  state.topic_custom_string = g.string("custom_string", false);
  if (state.topic_of.empty() && !state.topic_custom_string.empty())
    throw Bad{{g.at("custom_string"), "only a topic (with topic_of) has a custom_string"}};
  if (!state.topic_of.empty()) {
    if (group.type != core::GroupType::community) throw Bad{{g.at("type"), "a topic is a Community"}};
    if (!state.members.empty()) throw Bad{{g.at("members"), "a topic's members are its community's"}};
  }
}

core::GroupState read_group(const Reader& g, const std::set<std::string>& known, const std::string& admin,
                            std::int64_t now) {
  core::GroupState state;
  auto& group = state.group;
  group.group_id = g.string("group_id", true);
  // A Community topic's id is its community's, "@TOPIC#_" and more (longer than a GroupId may be).
  state.topic_of = g.string("topic_of", false);
  if (!state.topic_of.empty()) {
    const auto prefix = state.topic_of + "@TOPIC#_";
    if (!group.group_id.starts_with(prefix) || group.group_id.size() == prefix.size() ||
        group.group_id.size() > kMaxTopicIdBytes ||
        !std::all_of(group.group_id.begin(), group.group_id.end(), [](char c) { return c >= 0x20 && c <= 0x7e; }))
      throw Bad{{g.at("group_id"), "a topic's id is its topic_of, @TOPIC#_, then printable ASCII (128 bytes in all)"}};
  } else if (!core::valid_group_id(group.group_id)) {
    throw Bad{{g.at("group_id"), "must be 1 to 48 bytes of printable ASCII"}};
  }
  const auto type = core::parse_group_type(g.string("type", true));
  if (!type)
    throw Bad{{g.at("type"), "must be Private, Public, ChatRoom, AVChatRoom, BChatRoom or Community"}};
  group.type = *type;
  group.name = g.string("name", true);
  group.introduction = g.string("introduction", false);
  group.notification = g.string("notification", false);
  group.face_url = g.string("face_url", false);
  // "" is a group without owner (created without Owner_Account, or its owner's account deleted).
  if (!g.string("owner", false).empty()) group.owner = account_ref(g, "owner", known);
  group.create_time = g.integer("create_time", false, now, 0, kTimeMax);
  group.last_info_time = g.integer("last_info_time", false, group.create_time, 0, kTimeMax);
  group.max_member_num = g.integer("max_member_num", false, core::default_max_member_num(group.type), 1,
                                   core::max_member_num_ceiling(group.type));
  group.apply_join_option =
      g.string("apply_join_option", false, std::string(core::default_apply_join_option(group.type)));
  if (!core::valid_apply_join_option(group.apply_join_option))
    throw Bad{{g.at("apply_join_option"), "must be FreeAccess, NeedPermission or DisableApply"}};
  group.mute_all_member = g.boolean("mute_all_member", false);
  group.app_defined_data_json = defined_data(g, "app_defined_data");
  group.attributes_json = keyed_values(g, "attributes", false);
  group.counters_json = keyed_values(g, "counters", true);

  state.messages = read_history(g, group, admin);
  const std::int64_t last_seq = state.messages.empty() ? 0 : state.messages.back().msg_seq;
  std::int64_t newest = 0;
  for (const auto& m : state.messages) newest = std::max(newest, m.msg_time);
  group.next_msg_seq = g.integer("next_msg_seq", false, last_seq + 1, 1, kUint32Max + 1);
  if (group.next_msg_seq <= last_seq)
    throw Bad{{g.at("next_msg_seq"),
               "must be greater than the last message's seq (" + std::to_string(last_seq) + ")"}};
  group.last_msg_time = g.integer("last_msg_time", false, newest, 0, kTimeMax);

  state.members = read_members(g, group, known);
  read_mutes_and_bans(g, known, state);
  read_receipts_and_topics(g, known, state);
  return state;
}

json::value parsed(const std::string& text) {
  return json::parse(text);
}

}  // namespace

std::vector<core::GroupState> read_groups(const Reader& app, const std::set<std::string>& known,
                                          const std::string& admin, std::int64_t now) {
  std::vector<core::GroupState> out;
  std::set<std::string> ids;
  const auto& list = app.array("groups");
  for (std::size_t i = 0; i < list.size(); ++i) {
    Reader g(list[i], app.at("groups", i));
    auto state = read_group(g, known, admin, now);
    if (!ids.insert(state.group.group_id).second) throw Bad{{g.at("group_id"), "appears twice"}};
    // A topic comes after its community, which takes topics.
    if (!state.topic_of.empty() && std::none_of(out.begin(), out.end(), [&](const core::GroupState& c) {
          return c.group.group_id == state.topic_of && c.support_topic;
        }))
      throw Bad{{g.at("topic_of"), "names no earlier Community with support_topic"}};
    out.push_back(std::move(state));
  }
  return out;
}

json::array groups_to_json(const std::vector<core::GroupState>& groups) {
  json::array out;
  for (const auto& state : groups) {
    const auto& [g, member_list, mute_list, ban_list, history] =
        std::tie(state.group, state.members, state.mutes, state.bans, state.messages);
    json::array members, mutes, bans, messages;
    for (const auto& m : member_list)
      members.push_back({{"user_id", m.user_id},
                         {"role", core::to_string(m.role)},
                         {"join_time", m.join_time},
                         {"join_seq", m.join_seq},
                         {"read_seq", m.read_seq},
                         {"msg_flag", m.msg_flag},
                         {"last_send_time", m.last_send_time},
                         {"name_card", m.name_card},
                         {"app_member_defined_data", parsed(m.app_member_defined_data_json)},
                         {"mute_until", m.mute_until}});
    for (const auto& mute : mute_list)
      mutes.push_back({{"user_id", mute.user_id}, {"mute_until", mute.mute_until}});
    for (const auto& ban : ban_list)
      bans.push_back(
          {{"user_id", ban.user_id}, {"banned_until", ban.banned_until}, {"description", ban.description}});
    for (const auto& m : history)
      messages.push_back({{"seq", m.msg_seq},
                          {"kind", m.kind == core::GroupMessageKind::tip ? "tip" : "message"},
                          {"from", m.from_account},
                          {"random", m.msg_random},
                          {"time", m.msg_time},
                          {"priority", core::msg_priority_name(m.priority)},
                          {"body", parsed(m.body_json)},
                          {"cloud_custom_data", m.cloud_custom_data},
                          {"flag_bits", m.flag_bits},
                          {"counts_unread", m.counts_unread},
                          {"extra", parsed(m.extra_json)}});
    json::object item{{"group_id", g.group_id},
                   {"type", core::to_string(g.type)},
                   {"name", g.name},
                   {"introduction", g.introduction},
                   {"notification", g.notification},
                   {"face_url", g.face_url},
                   {"owner", g.owner},
                   {"create_time", g.create_time},
                   {"last_info_time", g.last_info_time},
                   {"last_msg_time", g.last_msg_time},
                   {"next_msg_seq", g.next_msg_seq},
                   {"max_member_num", g.max_member_num},
                   {"apply_join_option", g.apply_join_option},
                   {"mute_all_member", g.mute_all_member},
                   {"app_defined_data", parsed(g.app_defined_data_json)},
                   {"attributes", parsed(g.attributes_json)},
                   {"counters", parsed(g.counters_json)},
                   {"members", std::move(members)},
                   {"mutes", std::move(mutes)},
                   {"bans", std::move(bans)},
                   {"messages", std::move(messages)}};
    // Only when there are any: a group without them exports as it did before schema/007.
    if (!state.receipts.empty()) {
      json::array receipts;
      for (const auto& r : state.receipts)
        receipts.push_back({{"seq", r.msg_seq}, {"user_id", r.user_id}, {"read_time", r.read_time}});
      item["receipts"] = std::move(receipts);
    }
    if (!state.join_requests.empty()) {
      json::array requests;
      for (const auto& r : state.join_requests)
        requests.push_back({{"user_id", r.user_id},
                            {"apply_msg", r.apply_msg},
                            {"user_defined", r.user_defined},
                            {"add_time", r.add_time},
                            {"msg_key", r.msg_key},
                            {"authentication", r.authentication}});
      item["join_requests"] = std::move(requests);
    }
    if (!state.live_admins.empty()) {
      json::array admins;
      for (const auto& admin : state.live_admins) admins.push_back(json::value(admin));
      item["admins"] = std::move(admins);
    }
    if (state.support_topic) item["support_topic"] = true;
    if (!state.topic_of.empty()) {
      item["topic_of"] = state.topic_of;
      item["custom_string"] = state.topic_custom_string;
    }
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace timock::control::fixture
