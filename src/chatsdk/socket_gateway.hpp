// The Chat SDK's WebSocket entry point (reference/modern-sdk-protocol.md §2, §7): an upgrade on a path ending
// in /binfo (binary frames) or /info (text frames) opens a ChatSocket, which takes each frame through the
// same checks as every other surface: app (60012/70020) → login (wslogin's UserSig, or the A2Key in the
// head: 70001 when unknown) → fault gate (matched on the servcmd's service and command) → command.
#pragma once

#include <memory>

#include "router/query.hpp"
#include "router/services.hpp"
#include "router/socket.hpp"

namespace timock::chatsdk {

// Whether the path is the SDK's socket (…/binfo or …/info).
bool is_socket_path(std::string_view path);
// A session for the upgraded socket, or null when the path is not the SDK's.
std::shared_ptr<router::SocketSession> open_socket(const router::ParsedTarget& target, router::Services& services,
                                                   std::shared_ptr<router::SocketPeer> peer);

}  // namespace timock::chatsdk
