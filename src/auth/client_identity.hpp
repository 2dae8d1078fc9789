// How the client protocols name a login: the user's TinyId and a session's A2Key.
// TinyId: the number the client protocols know a user by (webim-protocol.md §2.3,
// modern-sdk-protocol.md §6.1). The modern SDK builds message IDs from the sender's TinyId, so it must be
// the same for every login, every protocol and every restart: it is derived, not stored.
#pragma once

#include <string>
#include <string_view>

#include "core/domain.hpp"

namespace timock::auth {

std::string tinyid_of(core::SdkAppId app, std::string_view user);
// A fresh A2Key: 32 random bytes as lower-case hex (URL-safe: the WebIM SDK appends it to URLs raw).
std::string new_a2_key();

}  // namespace timock::auth
