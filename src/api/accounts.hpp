// Who counts as an existing account for a REST command, whatever its service: an imported account, or the app
// admin (which the console creates with the app).
#pragma once

#include <string_view>

#include "core/domain.hpp"
#include "store/account_repository.hpp"

namespace timock::api {

inline bool account_known(store::AccountRepository& accounts, const core::App& app, std::string_view user) {
  return user == app.admin || accounts.exists(user);
}

}  // namespace timock::api
