// sns blacklists (reference/rest-api.md §3.5, §5): black_list_add, black_list_delete, black_list_get and
// black_list_check. Blacklisting ends the friendship both ways and any friend request between the two; what a
// blocked user may no longer send is openim's business (openim_send.cpp).
#include <boost/json/value.hpp>

#include "api/fields.hpp"
#include "api/sns_callbacks.hpp"
#include "api/sns_commands.hpp"
#include "api/sns_common.hpp"
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

Reply black_list_add(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok()) return missing_from();
  std::vector<std::string_view> to;
  if (auto error = read_accounts(body, "To_Account", kMaxToAccounts, to)) return *error;
  Notices notices;
  Results results;
  FriendPairs blocked("Sns.CallbackBlackListAdd");
  // The cloud's docs on Sns.CallbackFriendDelete: a blacklisting that ends a friendship tells it too.
  FriendPairs unfriended("Sns.CallbackFriendDelete");
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
    store::FriendRepository friends(locked.db(), ctx.app.sdkappid);
    if (!accounts.exists(from.value)) return Reply::error(ErrorCode::sns_account_not_exist);
    for (const auto peer : to) {
      if (peer == from.value) {
        results.add(peer, ErrorCode::sns_invalid_params, "cannot blacklist oneself");
      } else if (!accounts.exists(peer)) {
        results.add(peer, ErrorCode::sns_account_not_exist);
      } else if (friends.is_blocked(from.value, peer)) {
        results.add(peer, ErrorCode::sns_invalid_params, "Err_SNS_BlackListAdd_Already_Exist");
      } else if (friends.blacklist_count(from.value) >= kMaxBlacklist) {
        results.add(peer, ErrorCode::sns_blacklist_limit);
      } else {
        friends.block(from.value, peer, ctx.clock.now());
        friends.bump_sequence(from.value, store::SnsList::blacklist);
        notices.blocked(from.value, peer);
        blocked.add(from.value, peer);
        // §3.5: blacklisting removes the friendship in both directions.
        for (const auto& [owner, other] : {std::pair{from.value, peer}, std::pair{peer, from.value}}) {
          if (friends.remove(owner, other)) {
            friends.bump_sequence(owner);
            notices.friend_deleted(owner, other);
            unfriended.add(owner, other);
          }
          if (friends.remove_pendency(owner, other)) {
            friends.bump_sequence(owner, store::SnsList::pendency);
            friends.bump_sequence(other, store::SnsList::pendency);
            notices.request_deleted(owner, other);
            notices.request_deleted(other, owner);
          }
        }
        results.add(peer, ErrorCode::ok);
      }
    }
    unfriended.after(ctx);
    blocked.after(ctx);
    tx.commit();
  }
  notices.publish(ctx);
  return Reply::ok(results.take());
}

Reply black_list_delete(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok()) return missing_from();
  std::vector<std::string_view> to;
  if (auto error = read_accounts(body, "To_Account", kMaxToAccounts, to)) return *error;
  Notices notices;
  Results results;
  FriendPairs unblocked("Sns.CallbackBlackListDelete");
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
    store::FriendRepository friends(locked.db(), ctx.app.sdkappid);
    if (!accounts.exists(from.value)) return Reply::error(ErrorCode::sns_account_not_exist);
    for (const auto peer : to) {
      if (friends.unblock(from.value, peer)) {
        friends.bump_sequence(from.value, store::SnsList::blacklist);
        notices.unblocked(from.value, peer);
        unblocked.add(from.value, peer);
        results.add(peer, ErrorCode::ok);
      } else if (!accounts.exists(peer)) {
        results.add(peer, ErrorCode::sns_account_not_exist);
      } else {
        results.add(peer, ErrorCode::sns_invalid_params, "Err_SNS_BlackListDelete_Not_Exist");
      }
    }
    unblocked.after(ctx);
    tx.commit();
  }
  notices.publish(ctx);
  return Reply::ok(results.take());
}

Reply black_list_get(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok()) return missing_from();
  const auto start = int_field(body, {"StartIndex"});
  const auto limit = int_field(body, {"MaxLimited"});
  const auto last = int_field(body, {"LastSequence"});
  if (!start.ok() || start.value < 0 || !limit.ok() || limit.value <= 0 || !last.ok() || last.value < 0)
    return Reply::error(ErrorCode::sns_invalid_params,
                        "StartIndex (≥ 0), MaxLimited (> 0) and LastSequence (≥ 0) are required Integers");
  auto reading = ctx.store.read();
  store::AccountRepository accounts(reading.db(), ctx.app.sdkappid);
  store::FriendRepository friends(reading.db(), ctx.app.sdkappid);
  if (!accounts.exists(from.value)) return Reply::error(ErrorCode::sns_account_not_exist);
  const auto all = friends.blacklist(from.value);
  const auto sequence = friends.sequence(from.value, store::SnsList::blacklist);
  json::array items;
  const auto first = std::min<std::size_t>(static_cast<std::size_t>(start.value), all.size());
  const auto end = std::min<std::size_t>(all.size(), first + static_cast<std::size_t>(std::min<std::int64_t>(limit.value, kMaxBlacklist)));
  for (auto i = first; i < end; ++i) items.push_back({{"To_Account", all[i].first}, {"AddBlackTimeStamp", all[i].second}});
  // StartIndex is the next page's, 0 once the list is done; CurruentSequence is the wire's spelling (§3.5).
  return Reply::ok({{"BlackListItem", std::move(items)},
                    {"StartIndex", end < all.size() ? static_cast<std::int64_t>(end) : 0},
                    {"CurruentSequence", sequence}});
}

Reply black_list_check(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok()) return missing_from();
  std::vector<std::string_view> to;
  if (auto error = read_accounts(body, "To_Account", kMaxToAccounts, to)) return *error;
  bool both = false;
  if (auto error = read_check_type(body, "BlackCheckResult_Type_", both)) return *error;
  auto reading = ctx.store.read();
  store::AccountRepository accounts(reading.db(), ctx.app.sdkappid);
  store::FriendRepository friends(reading.db(), ctx.app.sdkappid);
  if (!accounts.exists(from.value)) return Reply::error(ErrorCode::sns_account_not_exist);
  json::array items;
  json::array failed;
  for (const auto peer : to) {
    if (!accounts.exists(peer)) {
      items.push_back({{"To_Account", peer},
                       {"Relation", "BlackCheckResult_Type_NO"},
                       {"ResultCode", core::to_int(ErrorCode::sns_account_not_exist)},
                       {"ResultInfo", core::default_error_info(ErrorCode::sns_account_not_exist)}});
      failed.emplace_back(peer);
      continue;
    }
    const bool a_blocks_b = friends.is_blocked(from.value, peer);
    const bool b_blocks_a = both && friends.is_blocked(peer, from.value);
    std::string_view relation = "BlackCheckResult_Type_NO";
    if (a_blocks_b && b_blocks_a) relation = "BlackCheckResult_Type_BothWay";
    else if (a_blocks_b) relation = "BlackCheckResult_Type_AWithB";
    else if (b_blocks_a) relation = "BlackCheckResult_Type_BWithA";
    items.push_back({{"To_Account", peer}, {"Relation", relation}, {"ResultCode", 0}, {"ResultInfo", ""}});
  }
  json::object reply{{"BlackListCheckItem", std::move(items)}};
  if (!failed.empty()) reply["Fail_Account"] = std::move(failed);
  return Reply::ok(std::move(reply));
}

}  // namespace

void register_sns_blacklist_commands(CommandTable& table) {
  table.add("sns", "black_list_add", black_list_add);
  table.add("sns", "black_list_delete", black_list_delete);
  table.add("sns", "black_list_get", black_list_get);
  table.add("sns", "black_list_check", black_list_check);
}

}  // namespace timock::api
