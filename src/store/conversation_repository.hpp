// Conversations as each participant's list shows them (reference/rest-api.md §3.6): the newest
// message the owner sees, whether the owner deleted (hid) or pinned it, and the marks of mark_contact.
// Rows are kept by MessageRepository::insert; unread counts come from MessageRepository.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"
#include "core/snapshot.hpp"

namespace timock::store {

class Database;

// recentcontact's Type (rest-api.md §3.6): the kinds of conversation a list holds (schema/005).
inline constexpr int kC2cConversation = 1;
inline constexpr int kGroupConversation = 2;

struct Conversation {
  std::string peer;  // the target: the peer's UserID (C2C) or the GroupId (group)
  int type = kC2cConversation;
  std::int64_t last_msg_id = 0;  // 0: no message the owner sees (an empty conversation)
  std::int64_t msg_time = 0;
  bool pinned = false;
  std::uint64_t standard_mark = 0;
  std::string custom_mark;
};

// One part of an owner's list (pinned or not, or both in one order), newest first, ties by (type, target).
// The cursor is get_list's: skip what is newer than `time_cursor` (0: nothing), then `start_index` rows.
struct ConversationQuery {
  std::string_view owner;
  enum class Part { unpinned, pinned, all } part = Part::all;
  bool include_empty = false;
  std::int64_t time_cursor = 0;
  std::int64_t start_index = 0;
  std::int64_t limit = 0;
};

class ConversationRepository {
 public:
  ConversationRepository(Database& db, core::SdkAppId sdkappid) : db_(db), sdkappid_(sdkappid) {}

  // The methods that name a peer act on the C2C conversation with it.
  // A message `owner` sees was stored: it becomes the conversation's last one unless an imported
  // message is older, and a deleted conversation shows again.
  void on_message(std::string_view owner, std::string_view peer, std::int64_t msg_id, std::int64_t msg_time);

  std::vector<Conversation> page(const ConversationQuery& query);
  // Where a page that ended at `last` resumes: how many rows of the same part share its MsgTime and
  // come no later than it (get_list's next StartIndex for TimeStamp = last.msg_time).
  std::int64_t rank_among_ties(const ConversationQuery& query, const Conversation& last);
  // The newest visible conversations that hold a message (the WebIM client's recentcontact/get).
  std::vector<Conversation> recent(std::string_view owner, std::int64_t limit);
  std::optional<Conversation> find(std::string_view owner, std::string_view peer);
  // The owner's row for a conversation of `type`, hidden or not (its marks after mark_contact).
  std::optional<Conversation> state(std::string_view owner, std::string_view target, int type);

  // recentcontact/delete: hidden until the next message (and no longer pinned).
  void hide(std::string_view owner, std::string_view peer);
  // recentcontact/delete of a group conversation: hidden until the group's next message or tip.
  void hide_group(std::string_view owner, std::string_view group_id);
  // recentcontact/delete with ClearRamble: hidden, and the history it showed is gone from it too.
  void hide_and_forget(std::string_view owner, std::string_view peer);
  // The conversation stays in the list with no last message (its history was cleared for the owner).
  void forget_last(std::string_view owner, std::string_view peer);
  void set_pinned(std::string_view owner, std::string_view peer, bool pinned, int type = kC2cConversation);
  // How many conversations the owner has pinned (at most 50, rest-api.md §8).
  std::int64_t pinned_count(std::string_view owner);
  // mark_contact: sets then clears standard mark bits; replaces the custom mark when given. `peer` is the
  // target of a conversation of `type` (a group's: its GroupId).
  void mark(std::string_view owner, std::string_view peer, std::uint64_t set_bits, std::uint64_t clear_bits,
            const std::optional<std::string>& custom_mark, int type = kC2cConversation);

  // Snapshots: every conversation whose own state is not the default, C2C and group, and putting such state
  // back (after the messages, which rebuild the rest of a C2C row; a group row is only its owner's state).
  std::vector<core::ConversationState> states();
  void restore(const core::ConversationState& state);

 private:
  void ensure(std::string_view owner, std::string_view peer, int type = kC2cConversation);

  Database& db_;
  core::SdkAppId sdkappid_;
};

}  // namespace timock::store
