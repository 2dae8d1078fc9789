// im_open_login_svc: account_import, multiaccount_import, account_check, account_delete, kick
// (reference/rest-api.md §3.1, result shapes §5).
#include <boost/json/value.hpp>
#include <boost/json/value_to.hpp>

#include "api/command.hpp"
#include "api/fields.hpp"
#include "core/clock.hpp"
#include "core/event_hub.hpp"
#include "store/account_repository.hpp"
#include "store/database.hpp"
#include "store/friend_repository.hpp"
#include "store/group_application_repository.hpp"
#include "store/group_repository.hpp"
#include "store/store.hpp"

namespace timock::api {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// §3.1 / §8: batch limits and the profile string limit.
constexpr std::size_t kMaxBatchAccounts = 100;
constexpr std::size_t kMaxProfileStringBytes = 500;

Reply account_import(const CallContext& ctx, const json::object& body) {
  const auto user_id = string_field(body, {"UserID", "Identifier"});
  if (!user_id.ok() || !valid_user_id(user_id.value))
    return Reply::error(ErrorCode::account_invalid_params, "UserID is missing or invalid");
  const auto nick = string_field(body, {"Nick"});
  const auto face_url = string_field(body, {"FaceUrl"});
  if (nick.state == FieldState::wrong_type || face_url.state == FieldState::wrong_type)
    return Reply::error(ErrorCode::account_invalid_params, "Nick and FaceUrl must be strings");
  if (nick.value.size() > kMaxProfileStringBytes || face_url.value.size() > kMaxProfileStringBytes)
    return Reply::error(ErrorCode::profile_value_too_long, "Nick or FaceUrl is longer than 500 bytes");
  // "Type"/"type" (0 normal, 1 robot) is accepted and ignored: the 2018 doc's optional field.

  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  store::AccountRepository(locked.db(), ctx.app.sdkappid)
      .import(
          {std::string(user_id.value), std::string(nick.value), std::string(face_url.value), ctx.clock.now()},
          nick.ok(), face_url.ok());
  tx.commit();
  return Reply::ok();
}

Reply multiaccount_import(const CallContext& ctx, const json::object& body) {
  // The newer form (AccountList of {UserID, Nick, FaceUrl}) and the documented one (Accounts of strings).
  std::vector<core::Account> wanted;
  json::array fail_accounts;
  const auto accounts = array_field(body, {"Accounts"});
  const auto account_list = array_field(body, {"AccountList"});
  const json::array* items = accounts.ok()       ? accounts.value
                             : account_list.ok() ? account_list.value
                                                 : nullptr;
  if (!items || items->empty()) return Reply::error(ErrorCode::account_invalid_params, "Accounts is missing");
  if (items->size() > kMaxBatchAccounts)
    return Reply::error(ErrorCode::account_invalid_params, "at most 100 accounts per request");
  for (const auto& item : *items) {
    core::Account account;
    const json::value* id = &item;
    if (item.is_object()) {
      const auto& o = item.get_object();
      id = find_any(o, {"UserID", "Identifier"});
      if (auto nick = string_field(o, {"Nick"}); nick.ok()) account.nick = std::string(nick.value);
      if (auto face = string_field(o, {"FaceUrl"}); face.ok()) account.face_url = std::string(face.value);
    }
    // An id that is not a String cannot be named in FailAccounts (an Array of String): the request is bad.
    if (!id || !id->is_string())
      return Reply::error(ErrorCode::account_invalid_params, "each account must have a String UserID");
    account.user_id = std::string(id->get_string());
    if (!valid_user_id(account.user_id)) {
      fail_accounts.emplace_back(account.user_id);
      continue;
    }
    wanted.push_back(std::move(account));
  }
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  store::AccountRepository repository(locked.db(), ctx.app.sdkappid);
  for (auto& account : wanted) {
    account.created_at = ctx.clock.now();
    repository.import(account, !account.nick.empty(), !account.face_url.empty());
  }
  tx.commit();
  return Reply::ok({{"FailAccounts", std::move(fail_accounts)}});
}

// Reads CheckItem/DeleteItem: an array of {UserID}, at most 100.
std::optional<std::vector<std::string>> user_items(const json::object& body, std::string_view key) {
  const auto items = array_field(body, {key});
  if (!items.ok() || items.value->empty() || items.value->size() > kMaxBatchAccounts) return std::nullopt;
  std::vector<std::string> ids;
  for (const auto& item : *items.value) {
    if (!item.is_object()) return std::nullopt;
    const auto id = string_field(item.get_object(), {"UserID", "Identifier"});
    if (!id.ok()) return std::nullopt;
    ids.emplace_back(id.value);
  }
  return ids;
}

// The app admin exists from the start: the console creates it with the app.
bool imported(store::AccountRepository& accounts, const core::App& app, std::string_view id) {
  return id == app.admin || accounts.exists(id);
}

Reply account_check(const CallContext& ctx, const json::object& body) {
  const auto ids = user_items(body, "CheckItem");
  if (!ids)
    return Reply::error(ErrorCode::account_invalid_params, "CheckItem must be 1 to 100 {UserID} items");
  json::array results;
  auto reading = ctx.store.read();
  store::AccountRepository repository(reading.db(), ctx.app.sdkappid);
  for (const auto& id : *ids) {
    results.push_back(
        json::object{{"UserID", id},
                     {"ResultCode", 0},
                     {"ResultInfo", ""},
                     {"AccountStatus", imported(repository, ctx.app, id) ? "Imported" : "NotImported"}});
  }
  return Reply::ok({{"ResultItem", std::move(results)}});
}

Reply account_delete(const CallContext& ctx, const json::object& body) {
  const auto ids = user_items(body, "DeleteItem");
  if (!ids)
    return Reply::error(ErrorCode::account_invalid_params, "DeleteItem must be 1 to 100 {UserID} items");
  json::array results;
  std::vector<std::string> deleted;
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    store::AccountRepository repository(locked.db(), ctx.app.sdkappid);
    store::FriendRepository friends(locked.db(), ctx.app.sdkappid);
    for (const auto& id : *ids) {
      // Deleting an account takes its profile and relation chain with it (foreign-key cascades);
      // the other side's blacklist entries go too.
      // Whoever had it as a friend sees their list change: their StandardSequence moves (§3.5 friend_get).
      if (repository.exists(id)) friends.bump_sequences_listing(id);
      const bool removed = repository.remove(id);
      if (removed) friends.remove_blocks_of(id);
      // It leaves every group; a group it owned has no owner then, as one created without Owner_Account.
      if (removed) store::GroupRepository(locked.db(), ctx.app.sdkappid).forget_user(id);
      if (removed) store::GroupApplicationRepository(locked.db(), ctx.app.sdkappid).forget_applicant(id);
      if (removed) deleted.push_back(id);
      const auto code = removed ? ErrorCode::ok : ErrorCode::account_not_exist;
      results.push_back(json::object{{"ResultCode", core::to_int(code)},
                                     {"ResultInfo", core::default_error_info(code)},
                                     {"UserID", id}});
    }
    tx.commit();
  }
  // A deleted account's clients are logged out (WebIM long polls end with 91101).
  if (ctx.hub)
    for (const auto& id : deleted) ctx.hub->kick(ctx.app.sdkappid, id, ctx.clock.now());
  return Reply::ok({{"ResultItem", std::move(results)}});
}

// §3.1: invalidates the user's login state; a freshly generated UserSig logs in again.
Reply kick(const CallContext& ctx, const json::object& body) {
  const auto user_id = string_field(body, {"UserID", "Identifier"});
  if (!user_id.ok() || user_id.value.empty())
    return Reply::error(ErrorCode::account_invalid_params, "UserID is missing or not a String");
  {
    auto reading = ctx.store.read();
    store::AccountRepository accounts(reading.db(), ctx.app.sdkappid);
    if (!imported(accounts, ctx.app, user_id.value)) return Reply::error(ErrorCode::account_not_exist);
  }
  if (ctx.hub) ctx.hub->kick(ctx.app.sdkappid, user_id.value, ctx.clock.now());
  return Reply::ok();
}

}  // namespace

void register_account_service(CommandTable& table) {
  table.add("im_open_login_svc", "account_import", account_import);
  table.add("im_open_login_svc", "multiaccount_import", multiaccount_import);
  table.add("im_open_login_svc", "account_check", account_check);
  table.add("im_open_login_svc", "account_delete", account_delete);
  table.add("im_open_login_svc", "kick", kick);
}

}  // namespace timock::api
