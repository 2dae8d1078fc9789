// A message's extensions (openim_msg_ext_http_svc, reference/rest-api.md §3.8; schema/011): key/value pairs
// each with the Seq of its last write, and the message's LatestSeq and ClearSeq.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"

namespace timock::store {

class Database;

struct MsgExtension {
  std::string key;
  std::string value;
  std::int64_t seq = 0;
};

struct MsgExtensionState {
  std::int64_t latest_seq = 0;
  std::int64_t clear_seq = 0;
};

class MsgExtensionRepository {
 public:
  MsgExtensionRepository(Database& db, core::SdkAppId sdkappid) : db_(db), sdkappid_(sdkappid) {}

  MsgExtensionState state(std::string_view msg_ref);
  // The extensions written after `after_seq`, by Seq.
  std::vector<MsgExtension> list(std::string_view msg_ref, std::int64_t after_seq);
  std::optional<MsgExtension> find(std::string_view msg_ref, std::string_view key);
  // Each write takes the message's next Seq and returns it.
  std::int64_t put(std::string_view msg_ref, std::string_view key, std::string_view value);
  std::int64_t remove(std::string_view msg_ref, std::string_view key);
  // Removes every key; ClearSeq becomes the latest Seq (which the clear takes).
  std::int64_t clear(std::string_view msg_ref);
  std::int64_t count(std::string_view msg_ref);

 private:
  std::int64_t next_seq(std::string_view msg_ref);
  Database& db_;
  core::SdkAppId sdkappid_;
};

}  // namespace timock::store
