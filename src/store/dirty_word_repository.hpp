// The app's dirty words (openim_dirty_words get/add/delete, 2018; reference/rest-api.md §3.8; schema/011).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"

namespace timock::store {

class Database;

class DirtyWordRepository {
 public:
  DirtyWordRepository(Database& db, core::SdkAppId sdkappid) : db_(db), sdkappid_(sdkappid) {}

  // In the order SQLite sorts them (by bytes).
  std::vector<std::string> all();
  void add(std::string_view word);
  void remove(std::string_view word);
  // The first word `text` contains, or "" when none (ASCII letters match whatever their case).
  std::string found_in(std::string_view text);

 private:
  Database& db_;
  core::SdkAppId sdkappid_;
};

}  // namespace timock::store
