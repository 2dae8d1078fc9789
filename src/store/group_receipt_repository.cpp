#include "store/group_receipt_repository.hpp"

#include "store/query.hpp"

namespace timock::store {

bool GroupReceiptRepository::add(std::string_view group_id, std::int64_t msg_seq, std::string_view user,
                                 std::int64_t read_time) {
  Query insert(
      db_,
      "INSERT INTO group_receipts (sdkappid, group_id, msg_seq, user_id, read_time) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT DO NOTHING");
  insert.bind_all(sdkappid_, group_id, msg_seq, user, read_time).run();
  return insert.changes() > 0;
}

std::vector<std::string> GroupReceiptRepository::readers(std::string_view group_id, std::int64_t msg_seq) {
  Query query(db_,
              "SELECT user_id FROM group_receipts WHERE sdkappid = ? AND group_id = ? AND msg_seq = ? "
              "ORDER BY user_id");
  query.bind_all(sdkappid_, group_id, msg_seq);
  std::vector<std::string> out;
  while (const auto row = query.next()) out.push_back(row->text("user_id"));
  return out;
}

void GroupReceiptRepository::clear_upto(std::string_view group_id, std::int64_t msg_seq) {
  Query(db_, "DELETE FROM group_receipts WHERE sdkappid = ? AND group_id = ? AND msg_seq <= ?")
      .bind_all(sdkappid_, group_id, msg_seq)
      .run();
}

}  // namespace timock::store
