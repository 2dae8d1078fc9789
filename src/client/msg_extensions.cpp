#include "client/msg_extensions.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <optional>

#include "api/fields.hpp"
#include "api/msg_ext_common.hpp"
#include "core/event_hub.hpp"
#include "store/database.hpp"
#include "store/group_repository.hpp"
#include "store/msg_reaction_repository.hpp"
#include "store/store.hpp"

namespace timock::client {

namespace json = boost::json;
using core::ErrorCode;

namespace {

constexpr std::string_view kService = "openim_msg_ext_http_svc";
// getMessageReactions shows at most 10 users a reaction (maxUserCountPerReaction), and a push as many.
constexpr std::int64_t kMaxSummaryUsers = 10;
// getAllUserListOfMessageReaction pages at most 100 users (the SDK caps its count there too).
constexpr std::int64_t kMaxPageUsers = 100;
// A reaction ID is an app's emoji key: timock takes up to 100 bytes.
constexpr std::size_t kMaxReactionBytes = 100;

// The message `body` names, if the caller may see it: a side of a C2C message, a member of the group.
std::optional<api::Reply> visible_message(store::Database& db, const Caller& caller, const json::object& body,
                                          bool group, api::ExtensibleMessage& m) {
  if (auto error = api::find_extensible_message(db, caller.app.sdkappid, body, group, m)) return error;
  if (group) {
    if (!store::GroupRepository(db, caller.app.sdkappid).member(m.group_id, caller.user))
      return api::Reply::error(ErrorCode::group_permission_denied, "the user is not a member of the group");
  } else if (m.from != caller.user && m.to != caller.user) {
    return api::Reply::error(ErrorCode::msg_recall_not_found, "the message does not exist");
  }
  return std::nullopt;
}

// The REST request for the caller's view of the message: REST names a C2C message by its two sides, the
// caller first (as_user sets From_Account).
std::optional<api::Reply> rest_request(const Deps& deps, const Caller& caller, const json::object& body,
                                       bool group, json::object& request) {
  api::ExtensibleMessage m;
  {
    auto reading = deps.store.read();
    if (auto error = visible_message(reading.db(), caller, body, group, m)) return error;
  }
  request = body;
  request.erase("TopicId");
  if (!group) request["To_Account"] = m.from == caller.user ? m.to : m.from;
  return std::nullopt;
}

std::int64_t count_of(const json::object& body, std::int64_t fallback, std::int64_t most) {
  const auto count = api::int_field(body, {"Count"});
  if (!count.ok() || count.value <= 0) return fallback;
  return std::min(count.value, most);
}

json::object summary_item(const store::ReactionSummary& s, bool mine) {
  json::array users;
  for (const auto& user : s.first_users) users.emplace_back(user);
  return {{"Reaction", s.reaction},
          {"Count", s.count},
          {"Reaction_Account", std::move(users)},
          {"ReactedByMe", mine ? 1 : 0}};
}

}  // namespace

api::Reply set_extensions(const Deps& deps, const Caller& caller, const json::object& body, bool group) {
  json::object request;
  if (auto error = rest_request(deps, caller, body, group, request)) return *error;
  return as_user(deps, caller, kService, group ? "group_set_key_values" : "set_key_values",
                 std::move(request));
}

api::Reply get_extensions(const Deps& deps, const Caller& caller, const json::object& body, bool group) {
  json::object request;
  if (auto error = rest_request(deps, caller, body, group, request)) return *error;
  // The SDK's key map spells it startSeq (modern-sdk-protocol.md §11).
  if (const auto* start = request.if_contains("startSeq")) {
    request["StartSeq"] = *start;
    request.erase("startSeq");
  }
  return as_user(deps, caller, kService, group ? "group_get_key_values" : "get_key_values",
                 std::move(request));
}

api::Reply change_reaction(const Deps& deps, const Caller& caller, const json::object& body, bool group,
                           bool add) {
  const auto reaction = api::string_field(body, {"Reaction"});
  if (!reaction.ok() || reaction.value.empty() || reaction.value.size() > kMaxReactionBytes)
    return api::Reply::error(ErrorCode::openim_json_parse_error,
                             "Reaction must be a String of 1 to 100 bytes");
  // A user reacts for itself only.
  if (const auto users = api::array_field(body, {add ? "Add_Account" : "Del_Account"}); users.ok())
    for (const auto& user : *users.value)
      if (!user.is_string() || user.get_string() != caller.user)
        return api::Reply::error(ErrorCode::openim_bad_from_account,
                                 "a user adds and removes its own reactions");
  std::optional<core::Delivery> notice;
  {
    auto locked = deps.store.lock();
    store::Transaction tx(locked.db());
    api::ExtensibleMessage m;
    if (auto error = visible_message(locked.db(), caller, body, group, m)) return *error;
    store::MsgReactionRepository reactions(locked.db(), caller.app.sdkappid);
    if (add) {
      if (reactions.has(m.ref, reaction.value, caller.user))
        return api::Reply::error(core::ErrorCode::msg_reaction_already_added);
      const auto users = reactions.users(m.ref, reaction.value);
      if (users == 0 && reactions.reactions(m.ref) >= kMaxReactionsPerMessage)
        return api::Reply::error(core::ErrorCode::msg_reaction_limit);
      if (users >= kMaxUsersPerReaction)
        return api::Reply::error(core::ErrorCode::msg_reaction_user_limit);
      reactions.add(m.ref, reaction.value, caller.user);
    } else if (!reactions.remove(m.ref, reaction.value, caller.user)) {
      return api::Reply::ok();  // nothing changed, nobody is told
    }
    auto summaries = reactions.summaries(m.ref, kMaxSummaryUsers, reaction.value);
    if (summaries.empty()) summaries.push_back({std::string(reaction.value), 0, {}});
    json::object changed{{"Reaction", summaries.front().reaction}, {"Count", summaries.front().count}};
    json::array users;
    for (const auto& user : summaries.front().first_users) users.emplace_back(user);
    changed["Users"] = std::move(users);
    notice = core::c2c_notice_delivery(
        caller.app.sdkappid, core::C2cNotice::reactions_changed,
        json::serialize(json::object{{"Message", api::notice_message(m)},
                                     {"Reactions", json::array{std::move(changed)}}}),
        api::audience(locked.db(), caller.app.sdkappid, m), caller.instance);
    tx.commit();
  }
  if (deps.hub)
    deps.store.when_committed([hub = deps.hub, delivery = std::move(*notice)] { hub->deliver(delivery); });
  return api::Reply::ok();
}

api::Reply reaction_summaries(const Deps& deps, const Caller& caller, const json::object& body, bool group) {
  const auto list = api::array_field(body, {group ? "MsgSeqList" : "MsgKeyList"});
  if (!list.ok())
    return api::Reply::error(ErrorCode::openim_json_parse_error,
                             group ? "MsgSeqList is required" : "MsgKeyList is required");
  const auto max_users = static_cast<std::size_t>(count_of(body, kMaxSummaryUsers, kMaxSummaryUsers));
  auto reading = deps.store.read();
  store::MsgReactionRepository reactions(reading.db(), caller.app.sdkappid);
  json::array results;
  for (const auto& named : *list.value) {
    json::object where;
    if (group) {
      where = {{"GroupId", body.contains("GroupId") ? body.at("GroupId") : json::value()}, {"MsgSeq", named}};
    } else {
      where = {{"From_Account", body.contains("From_Account") ? body.at("From_Account") : json::value()},
               {"To_Account", body.contains("To_Account") ? body.at("To_Account") : json::value()},
               {"MsgKey", named}};
    }
    json::object item{{group ? "MsgSeq" : "MsgKey", named}};
    api::ExtensibleMessage m;
    json::array summaries;
    if (const auto error = visible_message(reading.db(), caller, where, group, m)) {
      item["ErrorCode"] = core::to_int(error->code);
    } else {
      item["ErrorCode"] = 0;
      for (const auto& s : reactions.summaries(m.ref, max_users))
        summaries.push_back(summary_item(s, reactions.has(m.ref, s.reaction, caller.user)));
    }
    item["MsgReactionSummary"] = std::move(summaries);
    results.push_back(std::move(item));
  }
  return api::Reply::ok({{"Results", std::move(results)}});
}

api::Reply reaction_users(const Deps& deps, const Caller& caller, const json::object& body, bool group) {
  const auto reaction = api::string_field(body, {"Reaction"});
  if (!reaction.ok() || reaction.value.empty())
    return api::Reply::error(ErrorCode::openim_json_parse_error, "Reaction is required");
  const auto next = api::int_field(body, {"NextSeq"});
  const auto limit = static_cast<std::size_t>(count_of(body, kMaxPageUsers, kMaxPageUsers));
  auto reading = deps.store.read();
  api::ExtensibleMessage m;
  if (auto error = visible_message(reading.db(), caller, body, group, m)) return *error;
  auto page = store::MsgReactionRepository(reading.db(), caller.app.sdkappid)
                  .page(m.ref, reaction.value, next.ok() ? next.value : 0, limit + 1);
  std::int64_t next_seq = 0;
  if (page.size() > limit) {
    next_seq = page[limit].seq;
    page.resize(limit);
  }
  json::array users;
  for (const auto& u : page) users.emplace_back(u.user);
  return api::Reply::ok({{"Reaction_Account", std::move(users)}, {"NextSeq", next_seq}});
}

}  // namespace timock::client
