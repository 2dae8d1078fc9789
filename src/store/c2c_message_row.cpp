#include "store/c2c_message_row.hpp"

#include "store/query.hpp"

namespace timock::store {

core::C2cMessage read_c2c_message(const Row& row) {
  core::C2cMessage m;
  m.id = row.int64("id");
  m.from_account = row.text("from_account");
  m.to_account = row.text("to_account");
  m.msg_seq = static_cast<std::uint32_t>(row.int64("msg_seq"));
  m.msg_random = static_cast<std::uint32_t>(row.int64("msg_random"));
  m.msg_time = row.int64("msg_time");
  m.body_json = row.text("body");
  m.cloud_custom_data = row.text("cloud_custom_data");
  m.flag_bits = static_cast<int>(row.int64("flag_bits"));
  m.sender_sees = row.int64("sender_sees") != 0;
  m.receiver_sees = row.int64("receiver_sees") != 0;
  m.counts_unread = row.int64("counts_unread") != 0;
  m.is_read = row.int64("is_read") != 0;
  m.extra_json = row.text("extra");
  return m;
}

std::optional<core::C2cMessage> read_first_c2c_message(Query& query) {
  const auto row = query.next();
  if (!row) return std::nullopt;
  return read_c2c_message(*row);
}

}  // namespace timock::store
