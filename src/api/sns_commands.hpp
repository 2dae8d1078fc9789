// The sns command groups, each registered by its own file (sns.cpp calls them all).
#pragma once

#include "api/command.hpp"

namespace timock::api {

void register_sns_friend_commands(CommandTable& table);     // sns_friends.cpp
void register_sns_blacklist_commands(CommandTable& table);  // sns_blacklist.cpp
void register_sns_group_commands(CommandTable& table);      // sns_groups.cpp
void register_sns_pendency_commands(CommandTable& table);   // sns_pendency.cpp

}  // namespace timock::api
