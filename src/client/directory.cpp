#include "client/directory.hpp"

#include "store/account_repository.hpp"
#include "store/friend_repository.hpp"
#include "store/store.hpp"

namespace timock::client {

Profiles profiles(const Deps& deps, const core::App& app, std::span<const std::string_view> user_ids) {
  auto reading = deps.store.read();
  store::AccountRepository accounts(reading.db(), app.sdkappid);
  Profiles result;
  for (const auto id : user_ids) {
    if (const auto account = accounts.find(id))
      result.found.push_back({account->user_id, account->nick, account->face_url});
    else
      result.invalid.emplace_back(id);
  }
  return result;
}

std::vector<FriendView> friends(const Deps& deps, const Caller& caller) {
  auto reading = deps.store.read();
  store::AccountRepository accounts(reading.db(), caller.app.sdkappid);
  std::vector<FriendView> views;
  for (const auto& f :
       store::FriendRepository(reading.db(), caller.app.sdkappid).list(caller.user, 0, kMaxFriends)) {
    const auto account = accounts.find(f.friend_id);
    views.push_back(
        {{f.friend_id, account ? account->nick : std::string(), account ? account->face_url : std::string()},
         f.remark});
  }
  return views;
}

api::Reply sns_as_user(const Deps& deps, const Caller& caller, std::string_view command, boost::json::object body) {
  body.erase("ForceAddFlags");
  return as_user(deps, caller, "sns", command, std::move(body));
}

}  // namespace timock::client
