// The server's clock: real time plus an offset, optionally frozen, moved by the control plane
// (/mock/clock) so sig expiry and MsgTime can be tested without waiting.
#pragma once

#include <atomic>
#include <cstdint>

namespace timock::core {

class Clock {
 public:
  // Unix seconds as the emulated service sees them.
  std::int64_t now() const;
  std::int64_t offset_seconds() const { return offset_.load(); }
  bool frozen() const { return frozen_at_.load() != kNotFrozen; }
  // Makes now() return `unix_seconds` from this moment on; if frozen it stays there.
  void set_now(std::int64_t unix_seconds, bool freeze);
  void set_offset(std::int64_t seconds);
  void unfreeze();
  static std::int64_t system_now();

 private:
  static constexpr std::int64_t kNotFrozen = INT64_MIN;
  std::atomic<std::int64_t> offset_{0};
  std::atomic<std::int64_t> frozen_at_{kNotFrozen};
};

}  // namespace timock::core
