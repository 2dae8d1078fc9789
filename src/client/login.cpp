#include "client/login.hpp"

#include "auth/caller.hpp"
#include "core/clock.hpp"
#include "core/event_hub.hpp"
#include "store/account_repository.hpp"
#include "store/store.hpp"

namespace timock::client {

using core::ErrorCode;

api::Reply admit_login(const Deps& deps, const core::App& app, std::string_view user,
                       std::string_view usersig, std::int64_t* expires_at) {
  const auto now = deps.clock.now();
  const auto sig = auth::check_usersig(app, user, usersig, now, deps.sig_cache);
  if (!sig.ok()) return api::Reply::error(sig.code);
  if (expires_at) *expires_at = sig.expires_at;
  // Same-second sigs count as newer, so a test can kick and mint a fresh sig at once.
  if (const auto kicked = deps.hub ? deps.hub->kicked_at(app.sdkappid, user) : std::nullopt;
      kicked && sig.issued_at < *kicked)
    return api::Reply::error(ErrorCode::usersig_invalidated,
                             "this UserSig was issued before the account was kicked");
  auto locked = deps.store.lock();
  store::AccountRepository accounts(locked.db(), app.sdkappid);
  if (!accounts.exists(user)) {
    if (app.options.reject_unimported_login)
      return api::Reply::error(ErrorCode::identifier_mismatch,
                               "account was never imported (app option reject_unimported_login)");
    accounts.import({std::string(user), "", "", now}, false, false);
  }
  return api::Reply::ok();
}

}  // namespace timock::client
