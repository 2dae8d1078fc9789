// Profile tags (reference/rest-api.md §3.4): which tags exist, what values each takes, and where they live.
// Tag_Profile_IM_Nick and Tag_Profile_IM_Image are the account row's nick and face_url (account_import's
// Nick/FaceUrl, what WebIM clients show); every other tag is a JSON value in store::ProfileRepository.
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/error_code.hpp"

namespace timock::store {
class Database;
}

namespace timock::api::profile {

constexpr std::string_view kNickTag = "Tag_Profile_IM_Nick";
constexpr std::string_view kImageTag = "Tag_Profile_IM_Image";

// A standard Tag_Profile_IM_* tag of the current docs, or a Tag_Profile_Custom_* name.
bool known_tag(std::string_view tag);

struct ValueCheck {
  core::ErrorCode code =
      core::ErrorCode::ok;  // or 40601 (too long), 40605 (bad standard value), 40610 (type)
  std::string info;
  bool ok() const { return code == core::ErrorCode::ok; }
};
// Whether `value` may be stored under `tag` (a known tag).
ValueCheck check_value(std::string_view tag, const boost::json::value& value);

// The value of `tag` for an existing account, or nothing when it was never set (or set to "").
std::optional<boost::json::value> read_tag(store::Database& db, std::uint64_t sdkappid, std::string_view user,
                                           std::string_view tag);
// Stores a checked value.
void write_tag(store::Database& db, std::uint64_t sdkappid, std::string_view user, std::string_view tag,
               const boost::json::value& value);

}  // namespace timock::api::profile
