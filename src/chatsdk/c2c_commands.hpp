// The Chat SDK's one-to-one chat commands (reference/modern-sdk-protocol.md §6.3–6.8).
#pragma once

#include "chatsdk/chat_call.hpp"

namespace timock::chatsdk {

void add_c2c_commands(std::map<std::string, ChatCommand, std::less<>>& table);

}  // namespace timock::chatsdk
