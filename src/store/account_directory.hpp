// An app's accounts a page at a time, for the web console's user list: searched by UserID or nick, never read
// whole (an app may hold tens of thousands).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/domain.hpp"

namespace timock::store {

class Database;

struct AccountPage {
  std::int64_t total = 0;  // accounts that match, over every page
  std::vector<core::Account> accounts;
};

// Accounts whose UserID or nick contains `search` (case-insensitive for ASCII; "" matches all), ordered by
// UserID, `limit` from `offset`.
AccountPage page_accounts(Database& db, core::SdkAppId sdkappid, std::string_view search, std::int64_t offset,
                          std::int64_t limit);

}  // namespace timock::store
