#include "core/journal.hpp"

namespace timock::core {

namespace {
void clip(std::string& body) {
  if (body.size() > Journal::kMaxBodyBytes) {
    body.resize(Journal::kMaxBodyBytes);
    body += "…(truncated)";
  }
}

std::size_t body_bytes(const JournalEntry& entry) { return entry.request_body.size() + entry.reply_body.size(); }
}  // namespace

void Journal::record(SdkAppId app, JournalEntry entry) {
  if (capacity_ == 0) return;
  clip(entry.request_body);
  clip(entry.reply_body);
  std::lock_guard lock(mutex_);
  auto& journal = apps_[app];
  entry.seq = journal.next_seq++;
  journal.bytes += body_bytes(entry);
  journal.entries.push_back(std::move(entry));
  while (journal.entries.size() > capacity_ || journal.bytes > kMaxBytesPerApp) {
    journal.bytes -= body_bytes(journal.entries.front());
    journal.entries.pop_front();
  }
}

std::vector<JournalEntry> Journal::query(SdkAppId app, const JournalFilter& filter) const {
  std::lock_guard lock(mutex_);
  std::vector<JournalEntry> out;
  auto it = apps_.find(app);
  if (it == apps_.end()) return out;
  for (const auto& entry : it->second.entries) {
    if (filter.since && entry.seq <= *filter.since) continue;
    if (filter.service && entry.service != *filter.service) continue;
    if (filter.command && entry.command != *filter.command) continue;
    if (filter.identifier && entry.identifier != *filter.identifier) continue;
    if (filter.surface && entry.surface != *filter.surface) continue;
    if (filter.error_code && entry.error_code != *filter.error_code) continue;
    out.push_back(entry);
    if (out.size() >= filter.limit) break;
  }
  return out;
}

void Journal::clear(SdkAppId app) {
  std::lock_guard lock(mutex_);
  // The entries go but the seq counter stays: a reader holding `since` from before the clear still sees
  // everything recorded after it.
  if (auto it = apps_.find(app); it != apps_.end()) {
    it->second.entries.clear();
    it->second.bytes = 0;
  }
}

}  // namespace timock::core
