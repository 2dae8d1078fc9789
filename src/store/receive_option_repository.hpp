// A user's C2C receive options, one per peer (schema/012).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"

namespace timock::store {

class Database;

struct ReceiveOption {
  std::string peer;
  std::int64_t mute_flag = 0;
};

class ReceiveOptionRepository {
 public:
  ReceiveOptionRepository(Database& db, core::SdkAppId sdkappid) : db_(db), sdkappid_(sdkappid) {}

  // Sets `owner`'s option for `peer`, under the owner's next change counter (returned).
  std::int64_t set(std::string_view owner, std::string_view peer, std::int64_t mute_flag);
  // Every option `owner` has set, by peer.
  std::vector<ReceiveOption> all(std::string_view owner);
  // The owner's option for `peer` (0, receive and notify, when never set).
  std::int64_t option(std::string_view owner, std::string_view peer);
  // The owner's change counter: 0 before any change.
  std::int64_t update_seq(std::string_view owner);

 private:
  Database& db_;
  core::SdkAppId sdkappid_;
};

}  // namespace timock::store
