#include "core/metrics.hpp"

#include <sstream>

namespace timock::core {

namespace {
// Label values are our own words and Tencent's service names, but escape as the format asks anyway.
std::string label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}
}  // namespace

void Metrics::count_request(const std::string& surface, const std::string& service, const std::string& command,
                            int error_code, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{surface, service, command, error_code}];
  ++latency_count_;
  latency_sum_ += seconds;
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++bucket_counts_[i];
}

std::string Metrics::prometheus_text() const {
  std::ostringstream out;
  std::lock_guard lock(mutex_);
  out << "# HELP timock_requests_total Requests answered, by surface, service, command and error code.\n"
      << "# TYPE timock_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [surface, service, command, code] = key;
    out << "timock_requests_total{surface=\"" << label(surface) << "\",service=\"" << label(service)
        << "\",command=\"" << label(command) << "\",error_code=\"" << code << "\"} " << n << "\n";
  }
  out << "# HELP timock_request_duration_seconds Time from a request's arrival to its reply (fault delays "
         "excluded).\n"
      << "# TYPE timock_request_duration_seconds histogram\n";
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    out << "timock_request_duration_seconds_bucket{le=\"" << kBuckets[i] << "\"} " << bucket_counts_[i] << "\n";
  out << "timock_request_duration_seconds_bucket{le=\"+Inf\"} " << latency_count_ << "\n"
      << "timock_request_duration_seconds_sum " << latency_sum_ << "\n"
      << "timock_request_duration_seconds_count " << latency_count_ << "\n"
      << "# HELP timock_open_connections Client connections open now.\n"
      << "# TYPE timock_open_connections gauge\n"
      << "timock_open_connections " << open_connections_.load() << "\n"
      << "# HELP timock_parked_polls Long polls parked now.\n"
      << "# TYPE timock_parked_polls gauge\n"
      << "timock_parked_polls " << parked_polls_.load() << "\n";
  return out.str();
}

}  // namespace timock::core
