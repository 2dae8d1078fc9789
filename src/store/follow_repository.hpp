// Who follows whom (follow service, 2025; schema/011).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"

namespace timock::store {

class Database;

struct Follow {
  std::string user;  // the other side
  std::int64_t follow_time = 0;
};

enum class FollowList { fans = 1, following = 2, mutual = 3 };

struct FollowCounts {
  std::int64_t fans = 0;
  std::int64_t following = 0;
  std::int64_t mutual = 0;
};

class FollowRepository {
 public:
  FollowRepository(Database& db, core::SdkAppId sdkappid) : db_(db), sdkappid_(sdkappid) {}

  // False when `follower` followed `followed` already.
  bool add(std::string_view follower, std::string_view followed, std::int64_t time);
  // False when it did not.
  bool remove(std::string_view follower, std::string_view followed);
  bool follows(std::string_view follower, std::string_view followed);
  // `user`'s list, ordered by the other side's id, after `after` (exclusive; "" = from the start).
  std::vector<Follow> list(std::string_view user, FollowList which, std::string_view after,
                           std::int64_t limit);
  FollowCounts counts(std::string_view user);

 private:
  Database& db_;
  core::SdkAppId sdkappid_;
};

}  // namespace timock::store
