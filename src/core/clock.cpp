#include "core/clock.hpp"

#include <chrono>

namespace timock::core {

std::int64_t Clock::system_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::int64_t Clock::now() const {
  const std::int64_t frozen = frozen_at_.load();
  if (frozen != kNotFrozen) return frozen;
  return system_now() + offset_.load();
}

void Clock::set_now(std::int64_t unix_seconds, bool freeze) {
  offset_.store(unix_seconds - system_now());
  frozen_at_.store(freeze ? unix_seconds : kNotFrozen);
}

void Clock::set_offset(std::int64_t seconds) {
  offset_.store(seconds);
  if (frozen()) frozen_at_.store(system_now() + seconds);
}

void Clock::unfreeze() { frozen_at_.store(kNotFrozen); }

}  // namespace timock::core
