#include "store/profile_repository.hpp"

#include "store/query.hpp"

namespace timock::store {

std::optional<std::string> ProfileRepository::tag(std::string_view user_id, std::string_view tag) {
  Query query(db_, "SELECT value FROM profile_tags WHERE sdkappid = ? AND user_id = ? AND tag = ?");
  query.bind_all(sdkappid_, user_id, tag);
  const auto row = query.next();
  if (!row) return std::nullopt;
  return row->text("value");
}

void ProfileRepository::set_tag(std::string_view user_id, std::string_view tag, std::string_view value_json) {
  Query(db_,
        "INSERT INTO profile_tags (sdkappid, user_id, tag, value) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (sdkappid, user_id, tag) DO UPDATE SET value = excluded.value")
      .bind_all(sdkappid_, user_id, tag, value_json)
      .run();
}

void ProfileRepository::remove_tag(std::string_view user_id, std::string_view tag) {
  Query(db_, "DELETE FROM profile_tags WHERE sdkappid = ? AND user_id = ? AND tag = ?")
      .bind_all(sdkappid_, user_id, tag)
      .run();
}

}  // namespace timock::store
