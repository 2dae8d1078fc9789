// An app's whole state, as fixtures and snapshots carry it (DESIGN "Fixture / snapshot format").
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/domain.hpp"

namespace timock::core {

struct AccountState {
  Account account;
  std::vector<std::pair<std::string, std::string>> profile;  // tag → value as JSON text
};

struct Block {
  std::string owner;
  std::string blocked;
  std::int64_t add_time = 0;
};

// A conversation's own state (recentcontact delete/pin/mark); its last message follows from the messages.
struct ConversationState {
  std::string owner;
  std::string peer;
  bool hidden = false;
  bool pinned = false;
  std::uint64_t standard_mark = 0;
  std::string custom_mark;
};

struct AppSnapshot {
  App app;
  std::vector<AccountState> accounts;
  std::vector<Friendship> friends;
  std::vector<Friendship> friend_requests;  // pending (NeedConfirm) requests: owner = from, friend_id = to
  std::vector<Block> blacklist;
  std::vector<C2cMessage> messages;
  std::vector<ConversationState> conversations;  // only those whose state is not the default
};

}  // namespace timock::core
