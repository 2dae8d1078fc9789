// Imported accounts of one app.
#pragma once

#include <optional>
#include <string_view>

#include "core/domain.hpp"

namespace timock::store {

class Database;

class AccountRepository {
 public:
  AccountRepository(Database& db, core::SdkAppId sdkappid) : db_(db), sdkappid_(sdkappid) {}
  bool exists(std::string_view user_id);
  std::optional<core::Account> find(std::string_view user_id);
  // Idempotent (reference/rest-api.md §3.1): a second import keeps the account and updates the given
  // Nick/FaceUrl. Returns true when the account is new.
  bool import(const core::Account& account, bool set_nick, bool set_face_url);
  bool remove(std::string_view user_id);
  // portrait_set of Tag_Profile_IM_Nick / Tag_Profile_IM_Image (the account row is where they live).
  void set_nick(std::string_view user_id, std::string_view nick);
  void set_face_url(std::string_view user_id, std::string_view face_url);
  std::int64_t count();

 private:
  Database& db_;
  core::SdkAppId sdkappid_;
};

}  // namespace timock::store
