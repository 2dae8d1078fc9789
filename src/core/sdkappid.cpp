#include "core/sdkappid.hpp"

#include <boost/json/value.hpp>
#include <charconv>

namespace timock::core {

std::optional<SdkAppId> parse_sdkappid(std::string_view text) {
  SdkAppId id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || id == 0 || id > kMaxSdkAppId)
    return std::nullopt;
  return id;
}

std::optional<SdkAppId> sdkappid_of(const boost::json::value& value) {
  if (value.is_int64()) {
    const auto id = value.get_int64();
    if (id <= 0 || static_cast<std::uint64_t>(id) > kMaxSdkAppId) return std::nullopt;
    return static_cast<SdkAppId>(id);
  }
  if (value.is_uint64()) {
    const auto id = value.get_uint64();
    if (id == 0 || id > kMaxSdkAppId) return std::nullopt;
    return static_cast<SdkAppId>(id);
  }
  if (value.is_string()) return parse_sdkappid(value.get_string());
  return std::nullopt;
}

}  // namespace timock::core
