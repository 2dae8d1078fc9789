// How a c2c_messages row is selected and read: shared by the repositories that return messages.
// Internal to store/.
#pragma once

#include <optional>

#include "core/domain.hpp"

namespace timock::store {

class Query;
class Row;

// The columns read_c2c_message reads (by name, in any order).
inline constexpr const char* kC2cMessageColumns =
    "id, from_account, to_account, msg_seq, msg_random, msg_time, body, cloud_custom_data, flag_bits, "
    "sender_sees, receiver_sees, counts_unread, is_read, extra";

core::C2cMessage read_c2c_message(const Row& row);
// Steps a bound query once: its first row as a message (nullopt when none).
std::optional<core::C2cMessage> read_first_c2c_message(Query& query);

}  // namespace timock::store
