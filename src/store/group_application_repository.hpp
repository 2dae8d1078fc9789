// Pending join requests to groups of one app (schema/008): what apply_join_group leaves for an owner or admin
// to answer (modern-sdk-groups.md §3.5, §3.19).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"

namespace timock::store {

class Database;

struct GroupApplication {
  std::string group_id;
  std::string applicant;
  std::string apply_msg;
  std::string user_defined;
  std::int64_t add_time = 0;
  std::int64_t msg_key = 0;
  std::string authentication;  // echoed by the answer, as the notice carried it
};

class GroupApplicationRepository {
 public:
  GroupApplicationRepository(Database& db, core::SdkAppId sdkappid) : db_(db), sdkappid_(sdkappid) {}

  // A new request replaces the applicant's earlier one to the same group.
  void put(const GroupApplication& application);
  std::optional<GroupApplication> find(std::string_view group_id, std::string_view applicant);
  void remove(std::string_view group_id, std::string_view applicant);
  // The requests to the groups `handler` owns or administers, oldest first, added at or after `since`.
  std::vector<GroupApplication> for_handler(std::string_view handler, std::int64_t since, std::int64_t limit);
  // A group's pending requests, oldest first (snapshots).
  std::vector<GroupApplication> of_group(std::string_view group_id);
  // account_delete: the user's own requests go.
  void forget_applicant(std::string_view user);

 private:
  Database& db_;
  core::SdkAppId sdkappid_;
};

}  // namespace timock::store
