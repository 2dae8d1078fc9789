// An app's messages by time window, C2C and group alike, for the hourly history files of
// open_msg_svc/get_history (reference/rest-api.md §3.8).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/domain.hpp"

namespace timock::store {

class Database;

struct ArchivedMessage {
  std::string group_id;  // "" for C2C
  std::string from_account;
  std::string to_account;  // "" for a group message
  std::int64_t msg_seq = 0;
  std::int64_t msg_random = 0;
  std::int64_t msg_time = 0;
  std::string body_json;
  std::string cloud_custom_data;
};

class MessageArchive {
 public:
  MessageArchive(Database& db, core::SdkAppId sdkappid) : db_(db), sdkappid_(sdkappid) {}

  // Messages sent in [from, to), oldest first; recalled ones and group tips are left out.
  std::vector<ArchivedMessage> c2c(std::int64_t from, std::int64_t to);
  std::vector<ArchivedMessage> group(std::int64_t from, std::int64_t to);

 private:
  Database& db_;
  core::SdkAppId sdkappid_;
};

}  // namespace timock::store
