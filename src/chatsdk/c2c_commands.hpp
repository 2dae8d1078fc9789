// The Chat SDK's one-to-one chat commands (reference/modern-sdk-protocol.md §6.3–6.8) and group commands.
#pragma once

#include "chatsdk/chat_call.hpp"

namespace timock::chatsdk {

void add_c2c_commands(std::map<std::string, ChatCommand, std::less<>>& table);
// The group commands (group_commands.cpp, modern-sdk-groups.md §3).
void add_group_commands(std::map<std::string, ChatCommand, std::less<>>& table);
// Message extensions and reactions (msg_ext_commands.cpp).
void add_msg_ext_commands(std::map<std::string, ChatCommand, std::less<>>& table);
// Any other command of the group services (null for other servcmds).
ChatCommand group_service_command(std::string_view servcmd);

}  // namespace timock::chatsdk
