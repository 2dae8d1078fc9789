// sns friend requests ("pendencies", made by friend_add when the target needs to confirm, §3.5 30539):
// pendency_get, pendency_delete, pendency_report and friend_response. The reference lists them as client
// commands (WebIM, the Chat SDK's sns.*); REST answers them too, with the shapes the Chat SDK reads
// (modern-sdk-protocol.md §6.2).
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "api/fields.hpp"
#include "api/sns_callbacks.hpp"
#include "api/sns_commands.hpp"
#include "api/sns_common.hpp"
#include "callback/callbacks.hpp"
#include "core/clock.hpp"
#include "store/account_repository.hpp"
#include "store/database.hpp"
#include "store/friend_repository.hpp"
#include "store/store.hpp"

namespace timock::api {

namespace json = boost::json;
using core::ErrorCode;
using namespace sns;

namespace {

constexpr std::string_view kComeIn = "Pendency_Type_ComeIn";
constexpr std::string_view kSendOut = "Pendency_Type_SendOut";
constexpr std::string_view kBoth = "Pendency_Type_Both";


// PendencyType: ComeIn (requests to the user), SendOut (by it) or Both; nothing when it is none of them.
std::optional<std::pair<bool, bool>> pendency_type(const json::object& body, bool required) {
  const auto type = string_field(body, {"PendencyType"});
  if (type.missing() && !required) return std::pair{true, true};
  if (!type.ok()) return std::nullopt;
  if (type.value == kComeIn) return std::pair{true, false};
  if (type.value == kSendOut) return std::pair{false, true};
  if (type.value == kBoth) return std::pair{true, true};
  return std::nullopt;
}

Reply pendency_get(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok()) return missing_from();
  const auto type = pendency_type(body, false);
  if (!type) return Reply::error(ErrorCode::sns_invalid_params, "PendencyType must be Pendency_Type_ComeIn, _SendOut or _Both");
  const auto start_time = int_field(body, {"StartTime"});
  if (start_time.state == FieldState::wrong_type) return Reply::error(ErrorCode::sns_invalid_params, "StartTime must be an Integer");
  auto reading = ctx.store.read();
  store::AccountRepository accounts(reading.db(), ctx.app.sdkappid);
  store::FriendRepository friends(reading.db(), ctx.app.sdkappid);
  if (!accounts.exists(from.value)) return Reply::error(ErrorCode::sns_account_not_exist);
  const auto read_time = friends.pendency_read_time(from.value);
  json::array items;
  std::int64_t unread = 0;
  const auto add = [&](const core::Friendship& r, bool incoming) {
    const auto& peer = incoming ? r.owner : r.friend_id;
    const auto account = accounts.find(peer);
    items.push_back({{"To_Account", peer},
                     {"PendencyType", incoming ? kComeIn : kSendOut},
                     {"AddSource", r.add_source},
                     {"AddWording", r.add_wording},
                     {"AddTime", r.add_time},
                     {"Nick", account ? account->nick : ""},
                     {"Image", account ? account->face_url : ""}});
  };
  // The whole list in one page (StartTime 0 = done): requests are bounded by kMaxPendencies.
  for (const auto& r : friends.pendencies(from.value, true)) {
    if (r.add_time > read_time) ++unread;
    if (type->first) add(r, true);
  }
  if (type->second)
    for (const auto& r : friends.pendencies(from.value, false)) add(r, false);
  return Reply::ok({{"PendencyItem", std::move(items)},
                    {"UnreadPendencyCount", unread},
                    {"StartTime", 0},
                    {"CurrentSequence", friends.sequence(from.value, store::SnsList::pendency)}});
}

Reply pendency_delete(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok()) return missing_from();
  const auto type = pendency_type(body, true);
  if (!type || (type->first && type->second))
    return Reply::error(ErrorCode::sns_invalid_params, "PendencyType must be Pendency_Type_ComeIn or Pendency_Type_SendOut");
  std::vector<std::string_view> to;
  if (auto error = read_accounts(body, "To_Account", kMaxToAccounts, to)) return *error;
  Notices notices;
  Results results;
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
    store::FriendRepository friends(locked.db(), ctx.app.sdkappid);
    if (!accounts.exists(from.value)) return Reply::error(ErrorCode::sns_account_not_exist);
    for (const auto peer : to) {
      const auto requester = type->first ? peer : from.value;
      const auto target = type->first ? from.value : peer;
      if (!friends.remove_pendency(requester, target)) {
        results.add(peer, ErrorCode::sns_pendency_not_exist);
        continue;
      }
      friends.bump_sequence(requester, store::SnsList::pendency);
      friends.bump_sequence(target, store::SnsList::pendency);
      notices.request_deleted(from.value, peer);
      notices.request_deleted(peer, from.value);
      results.add(peer, ErrorCode::ok);
    }
    tx.commit();
  }
  notices.publish(ctx);
  return Reply::ok(results.take());
}

Reply pendency_report(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok()) return missing_from();
  const auto time = int_field(body, {"LatestPendencyTimeStamp"});
  if (!time.ok() || time.value < 0)
    return Reply::error(ErrorCode::sns_invalid_params, "LatestPendencyTimeStamp is missing or not an Integer");
  Notices notices;
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
    store::FriendRepository friends(locked.db(), ctx.app.sdkappid);
    if (!accounts.exists(from.value)) return Reply::error(ErrorCode::sns_account_not_exist);
    friends.set_pendency_read_time(from.value, std::max(time.value, friends.pendency_read_time(from.value)));
    notices.requests_read(from.value, time.value);
    tx.commit();
  }
  notices.publish(ctx);
  return Reply::ok();
}

Reply friend_response(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok()) return missing_from();
  const auto items = array_field(body, {"ResponseFriendItem"});
  if (!items.ok() || items.value->empty() || items.value->size() > kMaxToAccounts)
    return Reply::error(ErrorCode::sns_invalid_params, "ResponseFriendItem must be an Array of 1 to 1000 entries");
  Notices notices;
  Results results;
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
    store::FriendRepository friends(locked.db(), ctx.app.sdkappid);
    if (!accounts.exists(from.value)) return Reply::error(ErrorCode::sns_account_not_exist);
    // §7: the app's server sees the answers before anything is written, and may refuse items one by one.
    PrevVerdict prev;
    if (ctx.callbacks && ctx.callbacks->wants("Sns.CallbackPrevFriendResponse")) {
      json::array asked;
      for (const auto& entry : *items.value)
        if (entry.is_object()) asked.push_back(entry);
      prev = ask_prev_friend(ctx, "Sns.CallbackPrevFriendResponse",
                             {{"From_Account", from.value}, {"ResponseFriendItem", std::move(asked)}});
      if (prev.refusal) return *prev.refusal;
    }
    FriendPairs added("Sns.CallbackFriendAdd");
    for (const auto& entry : *items.value) {
      const auto* item = entry.if_object();
      const auto to = item ? string_field(*item, {"To_Account"}) : Field<std::string_view>{};
      if (const auto* refused = to.ok() ? prev.refused_item(to.value) : nullptr) {
        results.add(to.value, refused->first, refused->second);
        continue;
      }
      const auto action = item ? string_field(*item, {"ResponseAction"}) : Field<std::string_view>{};
      const auto remark = item ? string_field(*item, {"Remark"}) : Field<std::string_view>{};
      const auto group = item ? string_field(*item, {"TagName", "GroupName"}) : Field<std::string_view>{};
      const bool agree = action.ok() && action.value == "Response_Action_Agree";
      const bool agree_and_add = action.ok() && action.value == "Response_Action_AgreeAndAdd";
      const bool reject = action.ok() && action.value == "Response_Action_Reject";
      if (!to.ok() || !(agree || agree_and_add || reject) || remark.state == FieldState::wrong_type ||
          remark.value.size() > kMaxRemarkBytes || group.state == FieldState::wrong_type ||
          group.value.size() > kMaxGroupNameBytes) {
        results.add(to.value, ErrorCode::sns_invalid_params,
                    "To_Account and ResponseAction (Response_Action_Agree, _AgreeAndAdd, _Reject) are required");
        continue;
      }
      const auto request = friends.find_pendency(to.value, from.value);
      if (!request) {
        results.add(to.value, ErrorCode::sns_pendency_not_exist);
        continue;
      }
      const bool grouped = agree_and_add && !group.value.empty() && !friends.has_group(from.value, group.value);
      if (grouped && friends.group_count(from.value) >= kMaxFriendGroups) {
        results.add(to.value, ErrorCode::sns_group_limit);
        continue;
      }
      if (!reject) {
        const bool requester_full = !friends.has_friend(to.value, from.value) && friends.count(to.value) >= kMaxFriends;
        const bool mine_full = agree_and_add && !friends.has_friend(from.value, to.value) && friends.count(from.value) >= kMaxFriends;
        if (requester_full || mine_full) {
          results.add(to.value, mine_full ? ErrorCode::sns_friend_limit : ErrorCode::sns_peer_friend_limit);
          continue;
        }
      }
      friends.remove_pendency(to.value, from.value);
      friends.bump_sequence(to.value, store::SnsList::pendency);
      friends.bump_sequence(from.value, store::SnsList::pendency);
      notices.request_deleted(from.value, to.value);
      notices.request_deleted(to.value, from.value);
      if (!reject) {
        // The requester gets the friend it asked for, with its own remark, group and wording.
        const auto asked = json::parse(request->groups_json);
        for (const auto& name : asked.as_array())
          if (friends.add_group(to.value, name.as_string())) friends.bump_sequence(to.value, store::SnsList::groups);
        auto theirs = *request;
        theirs.add_time = ctx.clock.now();
        if (friends.add(theirs)) {
          friends.bump_sequence(to.value);
          notices.friend_added(to.value, from.value);
          added.add(to.value, from.value, to.value);
        }
      }
      if (agree_and_add) {
        core::Friendship mine{std::string(from.value), std::string(to.value), std::string(remark.value), "[]",
                              request->add_source, "", ctx.clock.now(), "[]"};
        if (!group.value.empty()) {
          mine.groups_json = json::serialize(json::array{group.value});
          if (friends.add_group(from.value, group.value)) friends.bump_sequence(from.value, store::SnsList::groups);
        }
        if (friends.add(mine)) {
          friends.bump_sequence(from.value);
          notices.friend_added(from.value, to.value);
          added.add(from.value, to.value, to.value);
        }
      }
      results.add(to.value, ErrorCode::ok);
    }
    added.after(ctx, friend_add_fields(ctx, "friend_response", false));
    tx.commit();
  }
  notices.publish(ctx);
  return Reply::ok(results.take());
}

}  // namespace

void register_sns_pendency_commands(CommandTable& table) {
  table.add("sns", "pendency_get", pendency_get);
  table.add("sns", "pendency_delete", pendency_delete);
  table.add("sns", "pendency_report", pendency_report);
  table.add("sns", "friend_response", friend_response);
}

}  // namespace timock::api
