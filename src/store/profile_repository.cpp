#include "store/profile_repository.hpp"

#include "store/database.hpp"

namespace timock::store {

std::optional<std::string> ProfileRepository::tag(std::string_view user_id, std::string_view tag) {
  auto& query = db_.cached("SELECT value FROM profile_tags WHERE sdkappid = ? AND user_id = ? AND tag = ?");
  query.bind_all(sdkappid_, user_id, tag);
  if (!query.step()) return std::nullopt;
  auto value = query.text(0);
  query.reset();
  return value;
}

void ProfileRepository::set_tag(std::string_view user_id, std::string_view tag, std::string_view value_json) {
  db_.cached("INSERT INTO profile_tags (sdkappid, user_id, tag, value) VALUES (?, ?, ?, ?) "
             "ON CONFLICT (sdkappid, user_id, tag) DO UPDATE SET value = excluded.value")
      .bind_all(sdkappid_, user_id, tag, value_json)
      .run();
}

void ProfileRepository::remove_tag(std::string_view user_id, std::string_view tag) {
  db_.cached("DELETE FROM profile_tags WHERE sdkappid = ? AND user_id = ? AND tag = ?")
      .bind_all(sdkappid_, user_id, tag)
      .run();
}

}  // namespace timock::store
