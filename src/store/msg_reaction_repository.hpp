// A message's reactions (schema/013): which users reacted with which reaction, each user in the order they
// reacted. Messages are named by the same reference as their extensions (msg_extension_repository.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"

namespace timock::store {

class Database;

struct ReactionSummary {
  std::string reaction;
  std::int64_t count = 0;
  std::vector<std::string> first_users;  // the first to react, at most the number asked for
};

struct ReactionUser {
  std::string user;
  std::int64_t seq = 0;
};

class MsgReactionRepository {
 public:
  MsgReactionRepository(Database& db, core::SdkAppId sdkappid) : db_(db), sdkappid_(sdkappid) {}

  bool has(std::string_view msg_ref, std::string_view reaction, std::string_view user);
  // The number of distinct reactions the message has, and the number of users of one.
  std::int64_t reactions(std::string_view msg_ref);
  std::int64_t users(std::string_view msg_ref, std::string_view reaction);
  void add(std::string_view msg_ref, std::string_view reaction, std::string_view user);
  // Whether the user had reacted so.
  bool remove(std::string_view msg_ref, std::string_view reaction, std::string_view user);
  // Every reaction of the message (first added first) with its count and its first `max_users` users; or only
  // `reaction` when it is not empty.
  std::vector<ReactionSummary> summaries(std::string_view msg_ref, std::size_t max_users,
                                         std::string_view reaction = {});
  // A reaction's users from `from_seq` on (first to react first), at most `limit`.
  std::vector<ReactionUser> page(std::string_view msg_ref, std::string_view reaction, std::int64_t from_seq,
                                 std::size_t limit);

 private:
  Database& db_;
  core::SdkAppId sdkappid_;
};

}  // namespace timock::store
