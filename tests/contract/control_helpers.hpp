// Shared by the Control* contract tests: one-line helpers for the /mock routes and the few REST calls the
// control-plane tests make (import, send, read history), so each test reads as requests and their replies.
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "timock_harness.hpp"

namespace timock::testing::control {

namespace json = boost::json;

inline std::string app_path(std::uint64_t sdkappid, const std::string& rest = "") {
  return "/mock/apps/" + std::to_string(sdkappid) + rest;
}
inline std::string app_path(const TestApp& app, const std::string& rest = "") {
  return app_path(app.sdkappid, rest);
}

inline json::object parsed(const HttpResult& result) {
  boost::system::error_code ec;
  auto value = json::parse(result.body, ec);
  if (ec || !value.is_object()) {
    ADD_FAILURE() << "not a JSON object: " << result.body;
    return {};
  }
  return std::move(value.get_object());
}

inline json::object import_account(const TimockProcess& server, const TestApp& app, const std::string& user) {
  return rest(server, app, "im_open_login_svc/account_import", json::object{{"UserID", user}});
}

inline json::object send_text(const TimockProcess& server, const TestApp& app, const std::string& from,
                              const std::string& to, const std::string& text, std::int64_t random = 1) {
  return rest(
      server, app, "openim/sendmsg",
      json::object{{"From_Account", from},
                   {"To_Account", to},
                   {"MsgRandom", random},
                   {"MsgBody", json::array{json::object{{"MsgType", "TIMTextElem"},
                                                        {"MsgContent", json::object{{"Text", text}}}}}}});
}

inline json::object roam(const TimockProcess& server, const TestApp& app, const std::string& op,
                         const std::string& peer) {
  return rest(server, app, "openim/admin_getroammsg",
              json::object{{"Operator_Account", op},
                           {"Peer_Account", peer},
                           {"MaxCnt", 100},
                           {"MinTime", 0},
                           {"MaxTime", 4000000000LL}});
}

inline std::string account_status(const TimockProcess& server, const TestApp& app, const std::string& user) {
  const auto reply = rest(server, app, "im_open_login_svc/account_check",
                          json::object{{"CheckItem", json::array{json::object{{"UserID", user}}}}});
  if (reply.at("ErrorCode").as_int64() != 0)
    return "ErrorCode " + std::to_string(reply.at("ErrorCode").as_int64());
  return std::string(reply.at("ResultItem").at(0).at("AccountStatus").as_string());
}

inline std::int64_t code_of(const json::object& reply) {
  return reply.at("ErrorCode").as_int64();
}

inline json::array journal(const TimockProcess& server, const TestApp& app, const std::string& query = "") {
  const auto result = server.get(app_path(app, "/journal") + (query.empty() ? "" : "?" + query));
  EXPECT_EQ(result.status, 200u) << result.body;
  return parsed(result)["entries"].as_array();
}

inline json::array faults(const TimockProcess& server, const TestApp& app) {
  const auto result = server.get(app_path(app, "/faults"));
  EXPECT_EQ(result.status, 200u) << result.body;
  return parsed(result)["rules"].as_array();
}

// POST /mock/apps/{id}/faults; fails the test unless the rule is created.
inline json::object add_fault(const TimockProcess& server, const TestApp& app, const std::string& rule) {
  const auto result = server.post(app_path(app, "/faults"), rule);
  EXPECT_EQ(result.status, 201u) << result.body;
  return parsed(result);
}

inline std::string export_snapshot(const TimockProcess& server, std::uint64_t sdkappid) {
  const auto result = server.get(app_path(sdkappid, "/snapshot"));
  EXPECT_EQ(result.status, 200u) << result.body;
  return result.body;
}

inline std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Runs a shell command and returns what it printed on stdout.
inline std::string run_command(const std::string& command) {
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("popen failed");
  std::array<char, 512> chunk{};
  while (fgets(chunk.data(), chunk.size(), pipe)) output += chunk.data();
  pclose(pipe);
  while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.pop_back();
  return output;
}

}  // namespace timock::testing::control
