#include "store/group_application_repository.hpp"

#include "store/query.hpp"

namespace timock::store {

namespace {

constexpr const char* kColumns =
    "a.group_id AS group_id, a.applicant AS applicant, a.apply_msg AS apply_msg, a.user_defined AS user_defined, "
    "a.add_time AS add_time, a.msg_key AS msg_key, a.authentication AS authentication";

GroupApplication read_application(const Row& row) {
  GroupApplication a;
  a.group_id = row.text("group_id");
  a.applicant = row.text("applicant");
  a.apply_msg = row.text("apply_msg");
  a.user_defined = row.text("user_defined");
  a.add_time = row.int64("add_time");
  a.msg_key = row.int64("msg_key");
  a.authentication = row.text("authentication");
  return a;
}

}  // namespace

void GroupApplicationRepository::put(const GroupApplication& a) {
  Query(db_,
        "INSERT OR REPLACE INTO group_applications (sdkappid, group_id, applicant, apply_msg, user_defined, "
        "add_time, msg_key, authentication) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .bind_all(sdkappid_, a.group_id, a.applicant, a.apply_msg, a.user_defined, a.add_time, a.msg_key,
                a.authentication)
      .run();
}

std::optional<GroupApplication> GroupApplicationRepository::find(std::string_view group_id,
                                                                 std::string_view applicant) {
  static const std::string sql = std::string("SELECT ") + kColumns +
                                 " FROM group_applications AS a WHERE a.sdkappid = ? AND a.group_id = ? "
                                 "AND a.applicant = ?";
  Query query(db_, sql.c_str());
  query.bind_all(sdkappid_, group_id, applicant);
  const auto row = query.next();
  if (!row) return std::nullopt;
  return read_application(*row);
}

void GroupApplicationRepository::remove(std::string_view group_id, std::string_view applicant) {
  Query(db_, "DELETE FROM group_applications WHERE sdkappid = ? AND group_id = ? AND applicant = ?")
      .bind_all(sdkappid_, group_id, applicant)
      .run();
}

std::vector<GroupApplication> GroupApplicationRepository::for_handler(std::string_view handler, std::int64_t since,
                                                                      std::int64_t limit) {
  static const std::string sql =
      std::string("SELECT ") + kColumns +
      " FROM group_applications AS a JOIN group_members AS m ON m.sdkappid = a.sdkappid AND m.group_id = a.group_id "
      "WHERE a.sdkappid = ?1 AND m.user_id = ?2 AND m.role IN ('Owner', 'Admin') AND a.add_time >= ?3 "
      "ORDER BY a.add_time, a.group_id, a.applicant LIMIT ?4";
  Query query(db_, sql.c_str());
  query.bind_all(sdkappid_, handler, since, limit);
  std::vector<GroupApplication> out;
  while (const auto row = query.next()) out.push_back(read_application(*row));
  return out;
}

std::vector<GroupApplication> GroupApplicationRepository::of_group(std::string_view group_id) {
  static const std::string sql = std::string("SELECT ") + kColumns +
                                 " FROM group_applications AS a WHERE a.sdkappid = ? AND a.group_id = ? "
                                 "ORDER BY a.add_time, a.applicant";
  Query query(db_, sql.c_str());
  query.bind_all(sdkappid_, group_id);
  std::vector<GroupApplication> out;
  while (const auto row = query.next()) out.push_back(read_application(*row));
  return out;
}

void GroupApplicationRepository::forget_applicant(std::string_view user) {
  Query(db_, "DELETE FROM group_applications WHERE sdkappid = ? AND applicant = ?").bind_all(sdkappid_, user).run();
}

}  // namespace timock::store
