// reference/rest-api.md §7: a callback carries Sign = hex(sha256(Token + RequestTime)) when the app set a token.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace timock::callback {

// Lower-case hex of SHA-256 over the token followed by the decimal RequestTime (no separator).
std::string sign(std::string_view token, std::int64_t request_time);

}  // namespace timock::callback
