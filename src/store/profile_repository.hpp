// Profile tags of one app's accounts (Tag_Profile_IM_*, Tag_Profile_Custom_*), values as JSON text.
// Nick and FaceUrl live on the account row itself (Tag_Profile_IM_Nick / Tag_Profile_IM_Image).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/domain.hpp"

namespace timock::store {

class Database;

class ProfileRepository {
 public:
  ProfileRepository(Database& db, core::SdkAppId sdkappid) : db_(db), sdkappid_(sdkappid) {}
  std::optional<std::string> tag(std::string_view user_id, std::string_view tag);
  void set_tag(std::string_view user_id, std::string_view tag, std::string_view value_json);
  void remove_tag(std::string_view user_id, std::string_view tag);

 private:
  Database& db_;
  core::SdkAppId sdkappid_;
};

}  // namespace timock::store
