#include "store/message_archive.hpp"

#include "store/query.hpp"

namespace timock::store {

std::vector<ArchivedMessage> MessageArchive::c2c(std::int64_t from, std::int64_t to) {
  Query query(
      db_,
      "SELECT from_account, to_account, msg_seq, msg_random, msg_time, body, cloud_custom_data "
      "FROM c2c_messages WHERE sdkappid = ? AND msg_time >= ? AND msg_time < ? AND (flag_bits & 8) = 0 "
      "ORDER BY msg_time, id");
  query.bind_all(sdkappid_, from, to);
  std::vector<ArchivedMessage> out;
  while (const auto row = query.next())
    out.push_back({"", row->text("from_account"), row->text("to_account"), row->int64("msg_seq"),
                   row->int64("msg_random"), row->int64("msg_time"), row->text("body"),
                   row->text("cloud_custom_data")});
  return out;
}

std::vector<ArchivedMessage> MessageArchive::group(std::int64_t from, std::int64_t to) {
  Query query(db_,
              "SELECT group_id, from_account, msg_seq, msg_random, msg_time, body, cloud_custom_data "
              "FROM group_messages WHERE sdkappid = ? AND kind = 0 AND msg_time >= ? AND msg_time < ? "
              "AND (flag_bits & 8) = 0 ORDER BY msg_time, id");
  query.bind_all(sdkappid_, from, to);
  std::vector<ArchivedMessage> out;
  while (const auto row = query.next())
    out.push_back({row->text("group_id"), row->text("from_account"), "", row->int64("msg_seq"),
                   row->int64("msg_random"), row->int64("msg_time"), row->text("body"),
                   row->text("cloud_custom_data")});
  return out;
}

}  // namespace timock::store
