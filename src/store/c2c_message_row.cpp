#include "store/c2c_message_row.hpp"

#include "store/database.hpp"

namespace timock::store {

core::C2cMessage read_c2c_message(Statement& row) {
  core::C2cMessage m;
  m.id = row.int64(0);
  m.from_account = row.text(1);
  m.to_account = row.text(2);
  m.msg_seq = static_cast<std::uint32_t>(row.int64(3));
  m.msg_random = static_cast<std::uint32_t>(row.int64(4));
  m.msg_time = row.int64(5);
  m.body_json = row.text(6);
  m.cloud_custom_data = row.text(7);
  m.flag_bits = static_cast<int>(row.int64(8));
  m.sender_sees = row.int64(9) != 0;
  m.receiver_sees = row.int64(10) != 0;
  m.counts_unread = row.int64(11) != 0;
  m.is_read = row.int64(12) != 0;
  m.extra_json = row.text(13);
  return m;
}

std::optional<core::C2cMessage> read_first_c2c_message(Statement& query) {
  std::optional<core::C2cMessage> message;
  if (query.step()) message = read_c2c_message(query);
  query.reset();
  return message;
}

}  // namespace timock::store
