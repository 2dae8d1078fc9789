// Helpers of the tests that kill timock and look at what its database file holds afterwards.
#pragma once

#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <string>
#include <thread>

#include "store/database.hpp"
#include "timock_harness.hpp"

namespace timock::testing {

inline void kill_now(TimockProcess& server) {
  ASSERT_EQ(::kill(server.pid(), SIGKILL), 0);
  for (int i = 0; i < 500 && server.running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_FALSE(server.running());
}

// SQLite's own check of the file: pages, indexes and constraints intact.
inline std::string integrity_of(const std::string& db_path) {
  store::Database db(db_path);
  auto& check = db.cached("PRAGMA integrity_check");
  return check.step() ? check.text(0) : "no answer";
}

inline boost::json::array exported_messages(const TimockProcess& server, std::uint64_t sdkappid) {
  const auto snapshot = server.get("/mock/apps/" + std::to_string(sdkappid) + "/snapshot");
  EXPECT_EQ(snapshot.status, 200u) << snapshot.body.substr(0, 300);
  return snapshot.json().at("apps").at(0).at("messages").as_array();
}

}  // namespace timock::testing
