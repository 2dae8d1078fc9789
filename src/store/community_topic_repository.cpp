#include "store/community_topic_repository.hpp"

#include "store/query.hpp"

namespace timock::store {

void CommunityTopicRepository::enable(std::string_view community_id) {
  Query(db_, "INSERT INTO topic_communities (sdkappid, group_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
      .bind_all(sdkappid_, community_id)
      .run();
}

bool CommunityTopicRepository::supports_topics(std::string_view community_id) {
  Query query(db_, "SELECT 1 FROM topic_communities WHERE sdkappid = ? AND group_id = ?");
  query.bind_all(sdkappid_, community_id);
  return query.next().has_value();
}

void CommunityTopicRepository::add(std::string_view topic_id, std::string_view community_id,
                                   std::string_view custom_string) {
  Query(db_,
        "INSERT INTO community_topics (sdkappid, topic_id, community_id, custom_string) VALUES (?, ?, ?, ?)")
      .bind_all(sdkappid_, topic_id, community_id, custom_string)
      .run();
}

std::optional<std::string> CommunityTopicRepository::community_of(std::string_view topic_id) {
  Query query(db_, "SELECT community_id FROM community_topics WHERE sdkappid = ? AND topic_id = ?");
  query.bind_all(sdkappid_, topic_id);
  const auto row = query.next();
  if (!row) return std::nullopt;
  return row->text("community_id");
}

std::string CommunityTopicRepository::custom_string(std::string_view topic_id) {
  Query query(db_, "SELECT custom_string FROM community_topics WHERE sdkappid = ? AND topic_id = ?");
  query.bind_all(sdkappid_, topic_id);
  const auto row = query.next();
  return row ? row->text("custom_string") : std::string();
}

void CommunityTopicRepository::set_custom_string(std::string_view topic_id, std::string_view custom_string) {
  Query(db_, "UPDATE community_topics SET custom_string = ? WHERE sdkappid = ? AND topic_id = ?")
      .bind_all(custom_string, sdkappid_, topic_id)
      .run();
}

std::vector<std::string> CommunityTopicRepository::topics(std::string_view community_id) {
  Query query(
      db_, "SELECT topic_id FROM community_topics WHERE sdkappid = ? AND community_id = ? ORDER BY topic_id");
  query.bind_all(sdkappid_, community_id);
  std::vector<std::string> out;
  while (const auto row = query.next()) out.push_back(row->text("topic_id"));
  return out;
}

}  // namespace timock::store
