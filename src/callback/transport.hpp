// How callbacks leave timock: one HTTP(S) POST and its answer. net::CallbackClient is the real one (Beast, on
// the server's executors); without one (unit tests, fuzzers) every callback fails as a refused connection would.
#pragma once

#include <chrono>
#include <functional>
#include <string>

namespace timock::callback {

struct OutboundRequest {
  std::string url;  // absolute http(s) URL, query included
  std::string body;
  std::chrono::milliseconds timeout;
  // A fault rule's latency: wait this long before sending (the timeout counts from the start).
  std::chrono::milliseconds hold{0};
  // Set by a fault rule: send nothing and answer this failure once `hold` has passed.
  std::string fail_with;
};

struct OutboundResult {
  bool answered = false;  // an HTTP response arrived in time
  unsigned status = 0;
  std::string body;
  std::string error;  // why not answered: "timeout", "connection refused", …
};

class Transport {
 public:
  virtual ~Transport() = default;
  // Sends `request`; `done` runs exactly once, on one of the transport's threads, within the timeout.
  virtual void post(OutboundRequest request, std::function<void(OutboundResult)> done) = 0;
};

}  // namespace timock::callback
