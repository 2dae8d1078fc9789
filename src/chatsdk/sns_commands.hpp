// The Chat SDK's relationship-chain commands (sns.*, reference/modern-sdk-protocol.md §6.2, §11): friends,
// friend requests, blacklist and friend groups.
#pragma once

#include "chatsdk/chat_call.hpp"

namespace timock::chatsdk {

void add_sns_commands(std::map<std::string, ChatCommand, std::less<>>& table);

}  // namespace timock::chatsdk
