// An SDKAppID read from a URL, a flag or a JSON field: one parser for every surface. SDKAppIDs are unsigned
// 32-bit numbers (the Chat SDK sends `uint32_sdkappid`, reference/modern-sdk-protocol.md §6.2; a userbuf holds it
// in 4 bytes, reference/usersig.md §2.3), and 0 names no app.
#pragma once

#include <optional>
#include <string_view>

#include "core/domain.hpp"

namespace boost::json {
class value;
}

namespace timock::core {

inline constexpr SdkAppId kMaxSdkAppId = 0xFFFFFFFF;

// Decimal digits only (no sign, space or fraction), 1..kMaxSdkAppId; anything else is nullopt.
std::optional<SdkAppId> parse_sdkappid(std::string_view text);
// A JSON integer or a string of decimal digits, in the same range.
std::optional<SdkAppId> sdkappid_of(const boost::json::value& value);

}  // namespace timock::core
