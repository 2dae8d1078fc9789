// Counters for GET /mock/metrics (Prometheus text format): requests by service/command/error code,
// a latency histogram, open connections, parked polls.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace timock::core {

class Metrics {
 public:
  // Upper bounds of the latency histogram buckets, in seconds (+Inf is implied).
  static constexpr std::array<double, 9> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 1, 5};

  void count_request(const std::string& surface, const std::string& service, const std::string& command,
                     int error_code, double seconds);
  void connection_opened() { ++open_connections_; }
  void connection_closed() { --open_connections_; }
  void set_parked_polls(std::int64_t n) { parked_polls_ = n; }
  std::string prometheus_text() const;

 private:
  using Key = std::tuple<std::string, std::string, std::string, int>;
  mutable std::mutex mutex_;
  std::map<Key, std::uint64_t> requests_;
  std::array<std::uint64_t, kBuckets.size()> bucket_counts_{};
  std::uint64_t latency_count_ = 0;
  double latency_sum_ = 0;
  std::atomic<std::int64_t> open_connections_{0};
  std::atomic<std::int64_t> parked_polls_{0};
};

}  // namespace timock::core
