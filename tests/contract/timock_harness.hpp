// Contract-test harness: starts the real timock binary on port 0 with --db :memory:, speaks HTTP to it,
// and stops it. Each test makes its own app, so tests never share state.
#pragma once

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace timock::testing {

// The timock binary the tests start: this build's, or $TIMOCK_SERVER_BINARY when set (scripts/test-sanitized
// runs these tests, built normally, against a sanitized timock: the server is what needs the sanitizer).
const char* timock_binary();

struct HttpResult {
  unsigned status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  boost::json::value json() const;
};

class TimockProcess {
 public:
  // Extra arguments after "serve --listen 127.0.0.1:0 --port-file F --db :memory:". With the environment
  // variable TIMOCK_TEST_FILE_DB set, `:memory:` becomes a file in the test's temporary folder.
  explicit TimockProcess(std::vector<std::string> extra_args = {}, std::string db = ":memory:");
  ~TimockProcess();
  TimockProcess(const TimockProcess&) = delete;
  TimockProcess& operator=(const TimockProcess&) = delete;

  std::uint16_t port() const { return port_; }
  int pid() const { return pid_; }
  // Sends SIGTERM and waits; returns the exit status (or -1 if it had to be killed).
  int stop();
  bool running();
  const std::string& output_file() const { return output_file_; }

  HttpResult request(const std::string& method, const std::string& target, const std::string& body = {},
                     const std::map<std::string, std::string>& headers = {}) const;
  HttpResult post(const std::string& target, const std::string& body) const {
    return request("POST", target, body);
  }
  HttpResult get(const std::string& target) const { return request("GET", target); }
  // Writes raw bytes on a fresh connection and returns whatever comes back before the server closes
  // (or the timeout passes).
  std::string raw(const std::string& bytes, int timeout_ms = 3000) const;

 private:
  int pid_ = -1;
  std::uint16_t port_ = 0;
  std::string dir_;
  std::string output_file_;
};

struct TestApp {
  std::uint64_t sdkappid = 0;
  std::string secret_key;
  std::string admin;
  std::string admin_sig;
};

// POST /mock/apps (sdkappid and secret generated) and a 1-day admin UserSig from /mock/apps/{id}/usersig.
TestApp create_app(const TimockProcess& server, const std::string& body = "{}");
std::string mint_sig(const TimockProcess& server, std::uint64_t sdkappid, const std::string& identifier);

// POST /v4/{path} as the app's admin; returns the parsed JSON reply.
boost::json::object rest(const TimockProcess& server, const TestApp& app, const std::string& path,
                         const boost::json::value& body);
std::string rest_target(const TestApp& app, const std::string& path);

}  // namespace timock::testing
