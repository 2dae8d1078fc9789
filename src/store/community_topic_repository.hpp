// Community topics (schema/009): which communities take topics and which community each topic (a group row of
// its own) belongs to (million_group_open_http_svc; reference/rest-api.md §3.7).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"

namespace timock::store {

class Database;

class CommunityTopicRepository {
 public:
  CommunityTopicRepository(Database& db, core::SdkAppId sdkappid) : db_(db), sdkappid_(sdkappid) {}

  // create_group's SupportTopic 1.
  void enable(std::string_view community_id);
  bool supports_topics(std::string_view community_id);

  // Links the topic's group row (inserted first) to its community.
  void add(std::string_view topic_id, std::string_view community_id, std::string_view custom_string);
  // The community the topic belongs to (none: not a topic).
  std::optional<std::string> community_of(std::string_view topic_id);
  std::string custom_string(std::string_view topic_id);
  void set_custom_string(std::string_view topic_id, std::string_view custom_string);
  // A community's topics by id.
  std::vector<std::string> topics(std::string_view community_id);

 private:
  Database& db_;
  core::SdkAppId sdkappid_;
};

}  // namespace timock::store
