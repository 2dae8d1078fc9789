// Waits, as the net layer does, for the verdict on a request's commit batches: true when all are on disk.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <future>

#include "store/store.hpp"

namespace timock::store {

inline bool wait_durable(Store& store, CommitRange range) {
  std::promise<bool> done;
  store.when_durable(range, [&](bool ok) { done.set_value(ok); });
  auto result = done.get_future();
  EXPECT_EQ(result.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  return result.get();
}

}  // namespace timock::store
