// all_member_push's audience (reference/rest-api.md §3.8; schema/011): the app's attribute names, each user's
// attribute values and tags, who a push's Condition reaches, and the app's push counters.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"

namespace timock::store {

class Database;

struct PushCondition {
  std::vector<std::string> tags_and, tags_or;
  std::map<std::string, std::string> attrs_and, attrs_or;
  bool empty() const { return tags_and.empty() && tags_or.empty() && attrs_and.empty() && attrs_or.empty(); }
};

struct PushCounters {
  std::int64_t last_push = 0;
  std::int64_t day = 0;
  std::int64_t pushes = 0;
};

class PushAudienceRepository {
 public:
  PushAudienceRepository(Database& db, core::SdkAppId sdkappid) : db_(db), sdkappid_(sdkappid) {}

  std::map<std::int64_t, std::string> attr_names();
  void set_attr_name(std::int64_t slot, std::string_view name);  // "" removes the slot
  std::map<std::string, std::string> attrs(std::string_view user);
  void set_attr(std::string_view user, std::string_view name, std::string_view value);
  void remove_attr(std::string_view user, std::string_view name);
  std::vector<std::string> tags(std::string_view user);
  void add_tag(std::string_view user, std::string_view tag);
  void remove_tag(std::string_view user, std::string_view tag);
  void remove_all_tags(std::string_view user);
  // The accounts a push with `condition` reaches (every account for an empty one), but `sender`; by id.
  std::vector<std::string> audience(const PushCondition& condition, std::string_view sender);
  PushCounters counters();
  void save_counters(const PushCounters& counters);

 private:
  Database& db_;
  core::SdkAppId sdkappid_;
};

}  // namespace timock::store
