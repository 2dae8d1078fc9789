// Admitting a client login, the same for every client protocol (WebIM openim/login, Chat SDK wslogin):
// the UserSig through the shared verifier and cache; a sig issued before the user's last REST kick refused
// (70052, rest-api.md §3.1); the account created on first login, as the real service does for
// independent-mode accounts, unless the app asks for the seed README's 70013 (rest-api.md §9).
#pragma once

#include <cstdint>
#include <string_view>

#include "client/client.hpp"

namespace timock::client {

// Reply::ok() when the user may log in (the account then exists), else the error to answer. `expires_at`
// receives when the UserSig expires: a login lasts no longer than its sig.
api::Reply admit_login(const Deps& deps, const core::App& app, std::string_view user,
                       std::string_view usersig, std::int64_t* expires_at = nullptr);

}  // namespace timock::client
