// An app's callback server for contract tests (reference/rest-api.md §7): listens on 127.0.0.1, keeps what
// timock POSTs to it, and answers each with what the test says (a reply body, a status, a delay).
#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace timock::testing {

struct ReceivedCallback {
  std::string target;                          // path and query, as received
  std::map<std::string, std::string> query;    // decoded
  std::string body_text;
  boost::json::object body;
  std::chrono::steady_clock::time_point at;
};

struct CallbackAnswer {
  unsigned status = 200;
  std::string body = R"({"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0})";
  std::chrono::milliseconds delay{0};
};

class CallbackReceiver {
 public:
  // `answer` decides each reply from the request (default: OK).
  explicit CallbackReceiver(std::function<CallbackAnswer(const ReceivedCallback&)> answer = {});
  ~CallbackReceiver();
  CallbackReceiver(const CallbackReceiver&) = delete;
  CallbackReceiver& operator=(const CallbackReceiver&) = delete;

  std::uint16_t port() const { return port_; }
  std::string url(const std::string& path = "/im/callback") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  std::vector<ReceivedCallback> received() const;
  // Waits up to `timeout` for `count` callbacks of `command` (any command when empty); returns them.
  std::vector<ReceivedCallback> wait_for(const std::string& command, std::size_t count = 1,
                                         std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;
  std::size_t connections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::uint16_t port_ = 0;
};

}  // namespace timock::testing
