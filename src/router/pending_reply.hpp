// A reply that is not ready yet: a parked long poll. The handler returns it at once; whoever has news
// (the delivery hub) completes it later from any thread, and the net layer waits for it on a timer —
// no thread is held while it waits (reference/webim-protocol.md §2.2, §4.8).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include "router/http_types.hpp"

namespace timock::router {

class PendingReply {
 public:
  // `hold`: how long the poll may wait; `on_timeout`: the reply then (60008 for an idle long poll).
  PendingReply(std::chrono::milliseconds hold, HttpResponse on_timeout)
      : hold_(hold), on_timeout_(std::move(on_timeout)) {}
  ~PendingReply();
  PendingReply(const PendingReply&) = delete;
  PendingReply& operator=(const PendingReply&) = delete;

  // Counts this reply in `gauge` (the parked polls of /mock/metrics) until it completes: the count is kept as
  // polls park and end, never by walking every session.
  void count_in(std::shared_ptr<std::atomic<std::int64_t>> gauge);

  // The first completion wins; later ones return false and change nothing. Thread-safe.
  bool complete(HttpResponse response);
  // Completes with the timeout reply (if nothing else did first).
  bool expire() { return complete(on_timeout_); }
  bool done() const;
  // Called once by the net layer: `wake` runs when complete() happens (at once if it already has).
  void when_complete(std::function<void()> wake);
  // The reply, once done.
  HttpResponse take();
  std::chrono::milliseconds hold() const { return hold_; }

 private:
  mutable std::mutex mutex_;
  std::chrono::milliseconds hold_;
  HttpResponse on_timeout_;
  std::optional<HttpResponse> result_;
  std::function<void()> wake_;
  std::shared_ptr<std::atomic<std::int64_t>> gauge_;
};

}  // namespace timock::router
