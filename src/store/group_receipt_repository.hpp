// Group read receipts (schema/007): which member has read which message sent with NeedReadReceipt
// (group_msg_receipt, get_group_msg_receipt, get_group_msg_receipt_detail; reference/rest-api.md §3.7).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"

namespace timock::store {

class Database;

class GroupReceiptRepository {
 public:
  GroupReceiptRepository(Database& db, core::SdkAppId sdkappid) : db_(db), sdkappid_(sdkappid) {}

  // False when `user` had read the message already.
  bool add(std::string_view group_id, std::int64_t msg_seq, std::string_view user, std::int64_t read_time);
  // Who has read the message, by user id.
  std::vector<std::string> readers(std::string_view group_id, std::int64_t msg_seq);
  // clear_group_msg: the receipts of the entries up to `msg_seq` go with them.
  void clear_upto(std::string_view group_id, std::int64_t msg_seq);

 private:
  Database& db_;
  core::SdkAppId sdkappid_;
};

}  // namespace timock::store
