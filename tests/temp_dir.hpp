// A folder of one test's own under /tmp (a database file, fixtures), removed with everything in it at the end.
// Shared by unit and contract tests.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <string>
#include <system_error>

namespace timock::testing {

struct TempDir {
  std::string path;
  explicit TempDir(std::string prefix = "timock-test") {
    std::string pattern = "/tmp/" + prefix + "-XXXXXX";
    path = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

}  // namespace timock::testing
