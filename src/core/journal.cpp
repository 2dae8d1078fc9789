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

std::uint64_t Journal::record(SdkAppId app, JournalEntry entry) {
  if (capacity_ == 0) return 0;
  clip(entry.request_body);
  clip(entry.reply_body);
  std::lock_guard lock(mutex_);
  auto& journal = apps_[app];
  const auto seq = entry.seq = journal.next_seq++;
  journal.bytes += body_bytes(entry);
  journal.entries.push_back(std::move(entry));
  if (observer_) observer_(app, journal.entries.back());
  while (journal.entries.size() > capacity_ || journal.bytes > kMaxBytesPerApp) {
    journal.bytes -= body_bytes(journal.entries.front());
    journal.entries.pop_front();
  }
  return seq;
}

void Journal::amend(SdkAppId app, std::uint64_t seq, int error_code, std::string reply_body) {
  clip(reply_body);
  std::lock_guard lock(mutex_);
  auto it = apps_.find(app);
  if (it == apps_.end()) return;
  auto& journal = it->second;
  // Entries are in seq order with no gaps but for those dropped from the front.
  if (journal.entries.empty() || seq < journal.entries.front().seq) return;
  const auto index = seq - journal.entries.front().seq;
  if (index >= journal.entries.size()) return;
  auto& entry = journal.entries[index];
  journal.bytes -= entry.reply_body.size();
  entry.reply_body = std::move(reply_body);
  journal.bytes += entry.reply_body.size();
  entry.error_code = error_code;
}

std::vector<JournalEntry> Journal::query(SdkAppId app, const JournalFilter& filter) const {
  std::lock_guard lock(mutex_);
  std::vector<JournalEntry> out;
  auto it = apps_.find(app);
  if (it == apps_.end()) return out;
  const auto matches = [&filter](const JournalEntry& entry) {
    return !(filter.since && entry.seq <= *filter.since) &&
           !(filter.service && entry.service != *filter.service) &&
           !(filter.command && entry.command != *filter.command) &&
           !(filter.identifier && entry.identifier != *filter.identifier) &&
           !(filter.surface && entry.surface != *filter.surface) &&
           !(filter.error_code && entry.error_code != *filter.error_code);
  };
  const auto collect = [&](auto begin, auto end) {
    for (auto entry = begin; entry != end && out.size() < filter.limit; ++entry)
      if (matches(*entry)) out.push_back(*entry);
  };
  const auto& entries = it->second.entries;
  if (filter.newest_first)
    collect(entries.rbegin(), entries.rend());
  else
    collect(entries.begin(), entries.end());
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
