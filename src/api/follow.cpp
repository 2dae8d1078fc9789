// follow (2025; reference/rest-api.md §2): follow_add, follow_delete, follow_get, follow_check and
// follow_get_info. The shapes are the current docs' (ResultItem per account, FollowType 1 fans / 2 following
// / 3 mutual, StartCursor/NextCursor); the codes are the relationship chain's (§4.4), as the service is part
// of it. README "follow" says what timock chooses where the docs are silent.
#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "api/fields.hpp"
#include "api/sns_common.hpp"
#include "core/clock.hpp"
#include "store/account_repository.hpp"
#include "store/database.hpp"
#include "store/follow_repository.hpp"
#include "store/store.hpp"

namespace timock::api {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// The docs: ≤ 20 accounts to follow or unfollow a call, ≤ 100 to check or count; pages of 100 by default,
// 1000 at most.
constexpr std::size_t kMaxChange = 20;
constexpr std::size_t kMaxCheck = 100;
constexpr std::int64_t kDefaultPage = 100;
constexpr std::int64_t kMaxPage = 1000;

// The accounts of FollowItem [{To_Account}] (follow_add) or of a To_Account array (the others).
std::optional<Reply> read_targets(const json::object& body, std::size_t max,
                                  std::vector<std::string_view>& out) {
  if (const auto items = array_field(body, {"FollowItem"}); items.ok()) {
    if (items.value->empty() || items.value->size() > max)
      return Reply::error(ErrorCode::sns_invalid_params,
                          "FollowItem must hold 1 to " + std::to_string(max) + " items");
    for (const auto& item : *items.value) {
      const auto* to = item.is_object() ? item.get_object().if_contains("To_Account") : nullptr;
      if (!to || !to->is_string())
        return Reply::error(ErrorCode::sns_invalid_params, "FollowItem needs To_Account");
      out.push_back(to->get_string());
    }
    return std::nullopt;
  }
  return sns::read_accounts(body, "To_Account", max, out);
}

template <bool Add>
Reply change(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok()) return sns::missing_from();
  std::vector<std::string_view> targets;
  if (auto error = read_targets(body, kMaxChange, targets)) return *error;
  sns::Results results;
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
  if (!accounts.exists(from.value)) return Reply::error(ErrorCode::sns_account_not_exist);
  store::FollowRepository follows(locked.db(), ctx.app.sdkappid);
  for (const auto to : targets) {
    if (to == from.value) {
      results.add(to, ErrorCode::sns_invalid_params, "cannot follow oneself");
    } else if (!accounts.exists(to)) {
      results.add(to, ErrorCode::sns_account_not_exist);
    } else if constexpr (Add) {
      // Following someone already followed is a success, as friend_add's ForceAddFlags is not.
      follows.add(from.value, to, ctx.clock.now());
      results.add(to, ErrorCode::ok);
    } else {
      if (follows.remove(from.value, to))
        results.add(to, ErrorCode::ok);
      else
        results.add(to, ErrorCode::sns_invalid_params, "not following this account");
    }
  }
  tx.commit();
  auto fields = results.take();
  fields.erase("Fail_Account");
  return Reply::ok(std::move(fields));
}

Reply follow_get(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok()) return sns::missing_from();
  const auto type = int_field(body, {"FollowType"});
  if (!type.ok() || type.value < 1 || type.value > 3)
    return Reply::error(ErrorCode::sns_invalid_params, "FollowType must be 1, 2 or 3");
  const auto cursor = string_field(body, {"StartCursor"});
  if (cursor.state == FieldState::wrong_type)
    return Reply::error(ErrorCode::sns_invalid_params, "StartCursor must be a String");
  const auto want = int_field(body, {"WantNum"});
  if (want.state == FieldState::wrong_type || (want.ok() && (want.value < 1 || want.value > kMaxPage)))
    return Reply::error(ErrorCode::sns_invalid_params, "WantNum must be 1 to 1000");
  const auto limit = want.ok() ? want.value : kDefaultPage;
  auto reading = ctx.store.read();
  if (!store::AccountRepository(reading.db(), ctx.app.sdkappid).exists(from.value))
    return Reply::error(ErrorCode::sns_account_not_exist);
  // One more than asked says whether another page follows; the cursor is the page's last account.
  auto page = store::FollowRepository(reading.db(), ctx.app.sdkappid)
                  .list(from.value, static_cast<store::FollowList>(type.value),
                        cursor.ok() ? cursor.value : "", limit + 1);
  const bool more = static_cast<std::int64_t>(page.size()) > limit;
  if (more) page.resize(static_cast<std::size_t>(limit));
  json::array items;
  for (const auto& f : page) items.push_back({{"To_Account", f.user}, {"FollowTime", f.follow_time}});
  return Reply::ok(
      {{"FollowItem", std::move(items)}, {"NextCursor", more ? page.back().user : std::string()}});
}

Reply follow_check(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok()) return sns::missing_from();
  std::vector<std::string_view> targets;
  if (auto error = sns::read_accounts(body, "To_Account", kMaxCheck, targets)) return *error;
  auto reading = ctx.store.read();
  store::AccountRepository accounts(reading.db(), ctx.app.sdkappid);
  if (!accounts.exists(from.value)) return Reply::error(ErrorCode::sns_account_not_exist);
  store::FollowRepository follows(reading.db(), ctx.app.sdkappid);
  json::array items;
  for (const auto to : targets) {
    auto item = sns::result_item(to, accounts.exists(to) ? ErrorCode::ok : ErrorCode::sns_account_not_exist);
    // The SDK's V2TIMFollowType: 1 To_Account is in From's following list, 2 in its fans, 3 both.
    const int type = (follows.follows(from.value, to) ? 1 : 0) | (follows.follows(to, from.value) ? 2 : 0);
    item["FollowType"] = type;
    items.push_back(std::move(item));
  }
  return Reply::ok({{"ResultItem", std::move(items)}});
}

Reply follow_get_info(const CallContext& ctx, const json::object& body) {
  std::vector<std::string_view> targets;
  if (auto error = sns::read_accounts(body, "To_Account", kMaxCheck, targets)) return *error;
  auto reading = ctx.store.read();
  store::AccountRepository accounts(reading.db(), ctx.app.sdkappid);
  store::FollowRepository follows(reading.db(), ctx.app.sdkappid);
  json::array items;
  for (const auto to : targets) {
    if (!accounts.exists(to)) {
      items.push_back(sns::result_item(to, ErrorCode::sns_account_not_exist));
      continue;
    }
    const auto counts = follows.counts(to);
    auto item = sns::result_item(to, ErrorCode::ok);
    item["FollowersCount"] = counts.fans;
    item["FollowingCount"] = counts.following;
    item["MutualFollowersCount"] = counts.mutual;
    items.push_back(std::move(item));
  }
  return Reply::ok({{"FollowInfo", std::move(items)}});
}

}  // namespace

void register_follow_service(CommandTable& table) {
  table.add_service("follow", {ErrorCode::sns_admin_required, ErrorCode::sns_invalid_params,
                               ErrorCode::sns_internal_error, ErrorCode::unknown_resource, true});
  table.add("follow", "follow_add", change<true>);
  table.add("follow", "follow_delete", change<false>);
  table.add("follow", "follow_get", follow_get);
  table.add("follow", "follow_check", follow_check);
  table.add("follow", "follow_get_info", follow_get_info);
}

}  // namespace timock::api
