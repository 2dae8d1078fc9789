#include "control/fixture_format.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <map>
#include <set>

#include "api/fields.hpp"
#include "api/msg_body.hpp"
#include "auth/usersig.hpp"
#include "control/fixture_catalogue.hpp"
#include "control/fixture_groups.hpp"
#include "control/fixture_reader.hpp"
#include "core/app_options.hpp"
#include "core/json_limits.hpp"

namespace timock::control {

namespace json = boost::json;

namespace {

using fixture::account_ref;
using fixture::Bad;
using fixture::kTimeMax;
using fixture::kUint32Max;
using fixture::Reader;
using fixture::user_id;

core::AppSnapshot parse_app(const json::value& value, const std::string& path, std::int64_t now) {
  Reader r(value, path);
  core::AppSnapshot s;
  s.app.sdkappid = static_cast<core::SdkAppId>(r.integer("sdkappid", true, 0, 1, kUint32Max));
  s.app.secret_key = r.string("secret_key", false);
  s.app.admin = r.string("admin", false, "administrator");
  if (!api::valid_user_id(s.app.admin)) throw Bad{{r.at("admin"), "must be a UserID of 1 to 32 bytes"}};
  s.app.public_key_pem = r.string("public_key_pem", false);
  if (!s.app.public_key_pem.empty() && !auth::is_v1_public_key(s.app.public_key_pem))
    throw Bad{{r.at("public_key_pem"), "must be an EC public key in PEM (SPKI)"}};
  if (s.app.secret_key.empty() && s.app.public_key_pem.empty())
    throw Bad{{r.at("secret_key"), "an app needs a secret_key or a public_key_pem"}};
  s.app.created_at = r.integer("created_at", false, now, 0, kTimeMax);
  if (const auto* options = r.find("options")) {
    std::string error;
    auto parsed = core::options_from_json(*options, error);
    if (!parsed) throw Bad{{r.at("options"), error}};
    s.app.options = *parsed;
  }

  std::set<std::string> known{s.app.admin};
  const auto& accounts = r.array("accounts");
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    Reader a(accounts[i], r.at("accounts") + "[" + std::to_string(i) + "]");
    core::AccountState state;
    state.account.user_id = user_id(a, "user_id");
    state.account.nick = a.string("nick", false);
    state.account.face_url = a.string("face_url", false);
    state.account.created_at = a.integer("created_at", false, now, 0, kTimeMax);
    state.pendency_read_time = a.integer("pendency_read_time", false, 0, 0, kTimeMax);
    if (!known.insert(state.account.user_id).second && state.account.user_id != s.app.admin)
      throw Bad{{a.at("user_id"), "appears twice"}};
    if (const auto* profile = a.find("profile")) {
      if (!profile->is_object()) throw Bad{{a.at("profile"), "must be an object of tag: value"}};
      for (const auto& [tag, tag_value] : profile->get_object()) {
        if (!tag.starts_with("Tag_Profile_")) throw Bad{{a.at("profile") + "." + std::string(tag), "is not a profile tag"}};
        state.profile.emplace_back(std::string(tag), json::serialize(tag_value));
      }
    }
    s.accounts.push_back(std::move(state));
  }
  const auto read_friendship = [&](const json::value& v, const std::string& p, std::string_view owner_key,
                                   std::string_view friend_key) {
    Reader f(v, p);
    core::Friendship fr;
    fr.owner = account_ref(f, owner_key, known);
    fr.friend_id = account_ref(f, friend_key, known);
    fr.remark = f.string("remark", false);
    if (const auto* groups = f.find("groups")) {
      if (!groups->is_array()) throw Bad{{f.at("groups"), "must be an array of strings"}};
      for (const auto& g : groups->get_array())
        if (!g.is_string()) throw Bad{{f.at("groups"), "must be an array of strings"}};
      fr.groups_json = json::serialize(*groups);
    }
    fr.add_source = f.string("add_source", false, "AddSource_Type_Fixture");
    fr.add_wording = f.string("add_wording", false);
    fr.add_time = f.integer("add_time", false, now, 0, kTimeMax);
    // Custom friend fields (rest-api.md §3.5 Tag_SNS_Custom_*): [{"Tag", "Value": String or Integer}].
    if (const auto* custom = f.find("custom")) {
      const auto bad = Bad{{f.at("custom"), "must be an array of {Tag: \"Tag_SNS_Custom_…\", Value: String or Integer}"}};
      if (!custom->is_array()) throw bad;
      for (const auto& item : custom->get_array()) {
        const auto* o = item.if_object();
        const auto* tag = o ? o->if_contains("Tag") : nullptr;
        const auto* value = o ? o->if_contains("Value") : nullptr;
        if (!tag || !tag->is_string() || !tag->get_string().starts_with("Tag_SNS_Custom_") || !value ||
            !(value->is_string() || value->is_int64() || value->is_uint64()) || o->size() != 2)
          throw bad;
      }
      fr.custom_json = json::serialize(*custom);
    }
    return fr;
  };
  const auto& friends = r.array("friends");
  for (std::size_t i = 0; i < friends.size(); ++i)
    s.friends.push_back(read_friendship(friends[i], r.at("friends") + "[" + std::to_string(i) + "]", "owner", "friend"));
  const auto& requests = r.array("friend_requests");
  for (std::size_t i = 0; i < requests.size(); ++i)
    s.friend_requests.push_back(
        read_friendship(requests[i], r.at("friend_requests") + "[" + std::to_string(i) + "]", "from", "to"));
  const auto& friend_groups = r.array("friend_groups");
  for (std::size_t i = 0; i < friend_groups.size(); ++i) {
    Reader g(friend_groups[i], r.at("friend_groups") + "[" + std::to_string(i) + "]");
    auto owner = account_ref(g, "owner", known);
    auto name = g.string("name", true);
    if (name.empty()) throw Bad{{g.at("name"), "must not be empty"}};
    for (const auto& [o, n] : s.friend_groups)
      if (o == owner && n == name) throw Bad{{g.at("name"), "appears twice for its owner"}};
    s.friend_groups.emplace_back(std::move(owner), std::move(name));
  }
  const auto& blacklist = r.array("blacklist");
  for (std::size_t i = 0; i < blacklist.size(); ++i) {
    Reader b(blacklist[i], r.at("blacklist") + "[" + std::to_string(i) + "]");
    s.blacklist.push_back({account_ref(b, "owner", known), user_id(b, "blocked"),
                           b.integer("add_time", false, now, 0, kTimeMax)});
  }
  s.groups = fixture::read_groups(r, known, s.app.admin, now);
  const auto& messages = r.array("messages");
  for (std::size_t i = 0; i < messages.size(); ++i) {
    Reader m(messages[i], r.at("messages") + "[" + std::to_string(i) + "]");
    core::C2cMessage msg;
    msg.from_account = user_id(m, "from");
    msg.to_account = user_id(m, "to");
    msg.msg_time = m.integer("time", true, 0, 0, kTimeMax);
    msg.msg_seq = static_cast<std::uint32_t>(m.integer("seq", false, static_cast<std::int64_t>(i) + 1, 0, kUint32Max));
    msg.msg_random = static_cast<std::uint32_t>(m.integer("random", false, 0, 0, kUint32Max));
    const auto* body = m.find("body");
    if (auto check = api::check_msg_body(body); !check.ok()) throw Bad{{m.at("body"), check.info}};
    msg.body_json = json::serialize(*body);
    msg.cloud_custom_data = m.string("cloud_custom_data", false);
    msg.flag_bits = static_cast<int>(m.integer("flag_bits", false, 0, 0, 0xFFFF));
    msg.sender_sees = m.boolean("sender_sees", true);
    msg.receiver_sees = m.boolean("receiver_sees", true);
    msg.counts_unread = m.boolean("counts_unread", true);
    msg.is_read = m.boolean("is_read", false);
    if (const auto* extra = m.find("extra")) {
      if (!extra->is_object()) throw Bad{{m.at("extra"), "must be an object"}};
      msg.extra_json = json::serialize(*extra);
    }
    s.messages.push_back(std::move(msg));
  }
  // A group conversation is hidden until its group's history passes a seq: at most the group's last one.
  std::map<std::string, std::int64_t, std::less<>> last_seqs;
  for (const auto& group : s.groups) last_seqs[group.group.group_id] = group.group.next_msg_seq - 1;
  const auto& conversations = r.array("conversations");
  for (std::size_t i = 0; i < conversations.size(); ++i) {
    Reader c(conversations[i], r.at("conversations") + "[" + std::to_string(i) + "]");
    core::ConversationState state;
    state.owner = account_ref(c, "owner", known);
    state.type = static_cast<int>(c.integer("type", false, 1, 1, 2));
    state.hidden = c.boolean("hidden", false);
    if (state.type == 1) {
      state.peer = user_id(c, "peer");
      if (c.find("hidden_at_seq"))
        throw Bad{{c.at("hidden_at_seq"), "only a group conversation (type 2) has one"}};
    } else {
      state.peer = c.string("group_id", true);
      const auto group = last_seqs.find(state.peer);
      if (group == last_seqs.end()) throw Bad{{c.at("group_id"), "names a group that is not in groups"}};
      // Hidden now by default: until the group's next message or tip.
      state.hidden_at_seq =
          c.integer("hidden_at_seq", false, state.hidden ? group->second : 0, 0, group->second);
    }
    state.pinned = c.boolean("pinned", false);
    state.standard_mark = static_cast<std::uint64_t>(c.integer("standard_mark", false, 0, 0, INT64_MAX));
    state.custom_mark = c.string("custom_mark", false);
    s.conversations.push_back(std::move(state));
  }
  s.catalogue = fixture::read_catalogue(r, known);
  return s;
}

json::object snapshot_fields(const core::AppSnapshot& s) {
  json::array accounts;
  for (const auto& state : s.accounts) {
    json::object a{{"user_id", state.account.user_id},
                   {"nick", state.account.nick},
                   {"face_url", state.account.face_url},
                   {"created_at", state.account.created_at},
                   {"pendency_read_time", state.pendency_read_time}};
    json::object profile;
    for (const auto& [tag, value] : state.profile) profile[tag] = json::parse(value);
    a["profile"] = std::move(profile);
    accounts.push_back(std::move(a));
  }
  const auto friendship = [](const core::Friendship& f, const char* owner_key, const char* friend_key) {
    return json::object{{owner_key, f.owner},          {friend_key, f.friend_id},     {"remark", f.remark},
                        {"groups", json::parse(f.groups_json)}, {"add_source", f.add_source},
                        {"add_wording", f.add_wording},  {"add_time", f.add_time},
                        {"custom", json::parse(f.custom_json)}};
  };
  json::array friends, requests, blacklist, messages, conversations;
  for (const auto& c : s.conversations) {
    // A C2C conversation keeps the shape it always had; a group's says its type and names its group.
    if (c.type == 1)
      conversations.push_back({{"owner", c.owner},
                               {"peer", c.peer},
                               {"hidden", c.hidden},
                               {"pinned", c.pinned},
                               {"standard_mark", c.standard_mark},
                               {"custom_mark", c.custom_mark}});
    else
      conversations.push_back({{"owner", c.owner},
                               {"type", c.type},
                               {"group_id", c.peer},
                               {"hidden", c.hidden},
                               {"hidden_at_seq", c.hidden_at_seq},
                               {"pinned", c.pinned},
                               {"standard_mark", c.standard_mark},
                               {"custom_mark", c.custom_mark}});
  }
  for (const auto& f : s.friends) friends.push_back(friendship(f, "owner", "friend"));
  for (const auto& f : s.friend_requests) requests.push_back(friendship(f, "from", "to"));
  for (const auto& b : s.blacklist)
    blacklist.push_back({{"owner", b.owner}, {"blocked", b.blocked}, {"add_time", b.add_time}});
  json::array friend_groups;
  for (const auto& [owner, name] : s.friend_groups) friend_groups.push_back({{"owner", owner}, {"name", name}});
  for (const auto& m : s.messages)
    messages.push_back({{"from", m.from_account},          {"to", m.to_account},
                        {"time", m.msg_time},              {"seq", m.msg_seq},
                        {"random", m.msg_random},          {"body", json::parse(m.body_json)},
                        {"cloud_custom_data", m.cloud_custom_data}, {"flag_bits", m.flag_bits},
                        {"sender_sees", m.sender_sees},    {"receiver_sees", m.receiver_sees},
                        {"counts_unread", m.counts_unread}, {"is_read", m.is_read},
                        {"extra", json::parse(m.extra_json)}});
  return {{"sdkappid", s.app.sdkappid},
          {"secret_key", s.app.secret_key},
          {"admin", s.app.admin},
          {"public_key_pem", s.app.public_key_pem.empty() ? json::value(nullptr) : json::value(s.app.public_key_pem)},
          {"created_at", s.app.created_at},
          {"options", core::options_to_json(s.app.options)},
          {"accounts", std::move(accounts)},
          {"friends", std::move(friends)},
          {"friend_requests", std::move(requests)},
          {"blacklist", std::move(blacklist)},
          {"friend_groups", std::move(friend_groups)},
          {"groups", fixture::groups_to_json(s.groups)},
          {"messages", std::move(messages)},
          {"conversations", std::move(conversations)}};
}

}  // namespace

json::object snapshot_to_json(const core::AppSnapshot& s) {
  auto out = snapshot_fields(s);
  // Only an app that has some: the catalogue's state is newer than the format (schema/011).
  if (!s.catalogue.empty()) out["catalogue"] = fixture::catalogue_to_json(s.catalogue);
  return out;
}

std::variant<core::AppSnapshot, FixtureError> snapshot_from_json(const json::value& app, const std::string& path,
                                                                 std::int64_t now) {
  try {
    return parse_app(app, path, now);
  } catch (const Bad& bad) {
    return bad.error;
  }
}

std::variant<std::vector<core::AppSnapshot>, FixtureError> fixture_from_text(std::string_view text,
                                                                             std::int64_t now) {
  json::parse_options options;
  options.max_depth = core::kMaxJsonDepth;
  boost::system::error_code ec;
  // The document lives only while it is converted: one arena for all of it rather than a malloc per value
  // (a 100k-message fixture is ~2M values).
  json::monotonic_resource arena;
  const auto root = json::parse(text, ec, &arena, options);
  if (ec) return FixtureError{"$", "not JSON: " + ec.message()};
  if (!core::all_numbers_finite(root)) return FixtureError{"$", "a number is beyond a double (say 1e400)"};
  if (!root.is_object() || !root.get_object().contains("apps") || !root.at("apps").is_array())
    return FixtureError{"$.apps", "a fixture is {\"apps\": [...]}"};
  std::vector<core::AppSnapshot> apps;
  std::set<core::SdkAppId> seen;
  const auto& list = root.at("apps").get_array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = "$.apps[" + std::to_string(i) + "]";
    auto parsed = snapshot_from_json(list[i], path, now);
    if (auto* error = std::get_if<FixtureError>(&parsed)) return *error;
    auto& app = std::get<core::AppSnapshot>(parsed);
    if (!seen.insert(app.app.sdkappid).second) return FixtureError{path + ".sdkappid", "appears twice"};
    apps.push_back(std::move(app));
  }
  return apps;
}

}  // namespace timock::control
