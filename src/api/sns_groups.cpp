// sns friend groups (reference/rest-api.md §3.5; not chat groups): group_add, group_delete, group_get. A group
// exists on its own (an empty one too); its members are the friends whose Tag_SNS_IM_Group names it.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <set>

#include "api/fields.hpp"
#include "api/sns_commands.hpp"
#include "api/sns_common.hpp"
#include "store/account_repository.hpp"
#include "store/database.hpp"
#include "store/friend_repository.hpp"
#include "store/store.hpp"

namespace timock::api {

namespace json = boost::json;
using core::ErrorCode;
using namespace sns;

namespace {

Reply missing_from() { return Reply::error(ErrorCode::sns_invalid_params, "From_Account is missing or not a string"); }

// GroupName: an Array of 1–32 distinct names of 1–30 bytes.
std::optional<std::vector<std::string>> read_names(const json::object& body) {
  const auto* names = body.if_contains("GroupName");
  if (!names || !names->is_array() || names->get_array().empty()) return std::nullopt;
  return group_names(*names);
}

Reply group_add(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok()) return missing_from();
  const auto names = read_names(body);
  if (!names) return Reply::error(ErrorCode::sns_invalid_params, "GroupName must be an Array of 1 to 32 distinct names of 1 to 30 bytes");
  std::vector<std::string_view> to;
  if (body.contains("To_Account"))
    if (auto error = read_accounts(body, "To_Account", kMaxToAccounts, to)) return *error;
  Notices notices;
  Results results;
  std::int64_t sequence = 0;
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
    store::FriendRepository friends(locked.db(), ctx.app.sdkappid);
    if (!accounts.exists(from.value)) return Reply::error(ErrorCode::sns_account_not_exist);
    std::int64_t added = 0;
    for (const auto& name : *names) added += friends.has_group(from.value, name) ? 0 : 1;
    if (friends.group_count(from.value) + added > kMaxFriendGroups) return Reply::error(ErrorCode::sns_group_limit);
    for (const auto& name : *names) friends.add_group(from.value, name);
    for (const auto peer : to) {
      auto f = friends.find(from.value, peer);
      if (!f) {
        results.add(peer, ErrorCode::sns_group_add_not_friend);
        continue;
      }
      auto groups = json::parse(f->groups_json).as_array();
      std::set<std::string> have;
      for (const auto& g : groups) have.emplace(g.as_string());
      for (const auto& name : *names)
        if (have.insert(name).second) groups.emplace_back(name);
      f->groups_json = json::serialize(groups);
      friends.update(*f);
      friends.bump_sequence(from.value);
      notices.friend_updated(*f);
      results.add(peer, ErrorCode::ok);
    }
    friends.bump_sequence(from.value, store::SnsList::groups);
    sequence = friends.sequence(from.value, store::SnsList::groups);
    tx.commit();
  }
  notices.publish(ctx);
  json::object reply = to.empty() ? json::object{} : results.take();
  reply["CurrentSequence"] = sequence;
  return Reply::ok(std::move(reply));
}

Reply group_delete(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok()) return missing_from();
  const auto names = read_names(body);
  if (!names) return Reply::error(ErrorCode::sns_invalid_params, "GroupName must be an Array of 1 to 32 distinct names of 1 to 30 bytes");
  Notices notices;
  std::int64_t sequence = 0;
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
    store::FriendRepository friends(locked.db(), ctx.app.sdkappid);
    if (!accounts.exists(from.value)) return Reply::error(ErrorCode::sns_account_not_exist);
    for (const auto& name : *names)
      if (!friends.has_group(from.value, name))
        return Reply::error(ErrorCode::sns_invalid_params, "Err_SNS_GroupDelete_Group_Not_Exist: " + name);
    std::set<std::string> touched;
    for (const auto& name : *names) {
      for (auto& member : friends.members(from.value, name)) touched.insert(std::move(member));
      friends.remove_group(from.value, name);
    }
    for (const auto& peer : touched)
      if (const auto f = friends.find(from.value, peer)) notices.friend_updated(*f);
    if (!touched.empty()) friends.bump_sequence(from.value);
    friends.bump_sequence(from.value, store::SnsList::groups);
    sequence = friends.sequence(from.value, store::SnsList::groups);
    tx.commit();
  }
  notices.publish(ctx);
  return Reply::ok({{"CurrentSequence", sequence}});
}

Reply group_get(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok()) return missing_from();
  const auto need_friend = string_field(body, {"NeedFriend"});
  if (need_friend.state == FieldState::wrong_type ||
      (need_friend.ok() && need_friend.value != "Need_Friend_Type_Yes" && need_friend.value != "Need_Friend_Type_No"))
    return Reply::error(ErrorCode::sns_invalid_params, "NeedFriend must be Need_Friend_Type_Yes");
  std::optional<std::vector<std::string>> asked;
  if (const auto* names = body.if_contains("GroupName"); names && !(names->is_array() && names->get_array().empty())) {
    asked = group_names(*names);
    if (!asked) return Reply::error(ErrorCode::sns_invalid_params, "GroupName must be an Array of names");
  }
  auto reading = ctx.store.read();
  store::AccountRepository accounts(reading.db(), ctx.app.sdkappid);
  store::FriendRepository friends(reading.db(), ctx.app.sdkappid);
  if (!accounts.exists(from.value)) return Reply::error(ErrorCode::sns_account_not_exist);
  // §3.5: the members are listed when asked for by NeedFriend (with no GroupName) or for named groups.
  const bool with_members = asked.has_value() || (need_friend.ok() && need_friend.value == "Need_Friend_Type_Yes");
  json::array items;
  for (const auto& name : asked ? *asked : friends.groups(from.value)) {
    if (!friends.has_group(from.value, name)) continue;
    const auto members = friends.members(from.value, name);
    json::object item{{"GroupName", name}, {"FriendNumber", members.size()}};
    if (with_members) {
      json::array ids;
      for (const auto& id : members) ids.emplace_back(id);
      item["To_Account"] = std::move(ids);
    }
    items.push_back(std::move(item));
  }
  return Reply::ok({{"ResultItem", std::move(items)}, {"CurrentSequence", friends.sequence(from.value, store::SnsList::groups)}});
}

// Not a REST ★ command: the Chat SDK's renameFriendGroup, addToFriendGroup and removeFromFriendGroup. GroupOldName
// names the group; GroupNewName renames it; UpdateGroupItem [{To_Account, UpdateType: Update_Type_Add or
// Update_Type_Delete}] moves friends in or out. Reply: ResultItem with each item's UpdateType, CurrentSequence.
Reply group_update(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok()) return missing_from();
  const auto old_name = string_field(body, {"GroupOldName"});
  const auto new_name = string_field(body, {"GroupNewName"});
  const auto items = array_field(body, {"UpdateGroupItem"});
  if (!old_name.ok() || new_name.state == FieldState::wrong_type || (new_name.ok() && !valid_group_name(new_name.value)) ||
      items.state == FieldState::wrong_type || (items.ok() && items.value->size() > kMaxToAccounts))
    return Reply::error(ErrorCode::sns_invalid_params,
                        "GroupOldName is required; GroupNewName a name of 1 to 30 bytes; UpdateGroupItem an Array");
  Notices notices;
  json::array results;
  json::array failed;
  std::int64_t sequence = 0;
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
    store::FriendRepository friends(locked.db(), ctx.app.sdkappid);
    if (!accounts.exists(from.value)) return Reply::error(ErrorCode::sns_account_not_exist);
    if (!friends.has_group(from.value, old_name.value))
      return Reply::error(ErrorCode::sns_invalid_params, "Err_SNS_GroupUpdate_Group_Not_Exist");
    std::string name(old_name.value);
    const auto set_groups = [&](core::Friendship& f, const std::string& drop, const std::string& add) {
      json::array groups;
      const auto current = json::parse(f.groups_json);
      for (const auto& g : current.as_array())
        if (g.as_string() != drop && g.as_string() != add) groups.push_back(g);
      if (!add.empty()) groups.emplace_back(add);
      f.groups_json = json::serialize(groups);
      friends.update(f);
      friends.bump_sequence(f.owner);
      notices.friend_updated(f);
    };
    if (new_name.ok() && new_name.value != name) {
      if (friends.has_group(from.value, new_name.value))
        return Reply::error(ErrorCode::sns_invalid_params, "Err_SNS_GroupUpdate_Group_Exist");
      const auto members = friends.members(from.value, name);
      friends.remove_group(from.value, name);
      friends.add_group(from.value, new_name.value);
      name = std::string(new_name.value);
      for (const auto& peer : members)
        if (auto f = friends.find(from.value, peer)) set_groups(*f, "", name);
    }
    if (items.ok())
      for (const auto& entry : *items.value) {
        const auto* item = entry.if_object();
        const auto to = item ? string_field(*item, {"To_Account"}) : Field<std::string_view>{};
        const auto type = item ? string_field(*item, {"UpdateType"}) : Field<std::string_view>{};
        const bool add = type.ok() && type.value == "Update_Type_Add";
        auto code = ErrorCode::ok;
        if (!to.ok() || !(add || (type.ok() && type.value == "Update_Type_Delete"))) {
          code = ErrorCode::sns_invalid_params;
        } else if (auto f = friends.find(from.value, to.value)) {
          set_groups(*f, add ? "" : name, add ? name : "");
        } else {
          code = ErrorCode::sns_group_add_not_friend;
        }
        auto result = result_item(to.value, code);
        result["UpdateType"] = type.value;
        results.push_back(std::move(result));
        if (code != ErrorCode::ok) failed.emplace_back(to.value);
      }
    friends.bump_sequence(from.value, store::SnsList::groups);
    sequence = friends.sequence(from.value, store::SnsList::groups);
    tx.commit();
  }
  notices.publish(ctx);
  json::object reply{{"ResultItem", std::move(results)}, {"CurrentSequence", sequence}};
  if (!failed.empty()) reply["Fail_Account"] = std::move(failed);
  return Reply::ok(std::move(reply));
}

}  // namespace

void register_sns_group_commands(CommandTable& table) {
  table.add("sns", "group_add", group_add);
  table.add("sns", "group_delete", group_delete);
  table.add("sns", "group_get", group_get);
  table.add("sns", "group_update", group_update);
}

}  // namespace timock::api
