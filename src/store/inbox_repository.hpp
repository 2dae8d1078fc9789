// One user's view across all of their one-to-one conversations: messages sent to them (sync cursors,
// unread counts, read marks) and the conversation list derived from what they can see.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/domain.hpp"

namespace timock::store {

class Database;

// A message to the user and its place in the user's arrival order (recv_seq: 1, 2, 3 …, schema/005).
struct InboundMessage {
  std::int64_t seq = 0;
  core::C2cMessage message;
};

struct ConversationSummary {
  std::string peer;
  core::C2cMessage last;  // the newest message the user sees in it
  std::int64_t unread = 0;
};

class InboxRepository {
 public:
  InboxRepository(Database& db, core::SdkAppId sdkappid, std::string_view user)
      : db_(db), sdkappid_(sdkappid), user_(user) {}
  // Messages to the user that arrived after `after_seq`, oldest first; only unread ones (recalled ones are not
  // unread) when unread_only.
  std::vector<InboundMessage> inbound_after(std::int64_t after_seq, bool unread_only, std::int64_t limit);
  // The arrival seq of the newest message to the user (0 when none).
  std::int64_t newest_inbound_seq();
  // The arrival seq of the newest message to the user stored no later than row `id`: what a sync cursor
  // written as a row id (before schema/005) covered.
  std::int64_t inbound_seq_at_row(std::int64_t id);
  // Marks what `peer` sent the user up to and including `up_to_time` as read; returns how many changed.
  int mark_read(std::string_view peer, std::int64_t up_to_time);
  // Marks everything sent to the user as read (the Chat SDK's setAllMessageRead).
  int mark_all_read();
  // Conversations newest first (by their last message), at most `limit`.
  std::vector<ConversationSummary> conversations(std::int64_t limit);
  // The newest message the user sees in the conversation with `peer` (the list's last message).
  std::optional<core::C2cMessage> last_message(std::string_view peer);

 private:
  std::optional<core::C2cMessage> message_by_id(std::int64_t id);
  Database& db_;
  core::SdkAppId sdkappid_;
  std::string_view user_;
};

}  // namespace timock::store
