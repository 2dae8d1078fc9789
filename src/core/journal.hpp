// The request journal: every call an app received and what it answered, newest last, capped per app
// (oldest dropped). Test suites read it back through GET /mock/apps/{id}/journal.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/domain.hpp"

namespace timock::core {

struct JournalEntry {
  std::uint64_t seq = 0;  // increasing per app: "since" filters on it
  std::int64_t time = 0;  // server clock, unix seconds
  std::string method;
  std::string path;
  std::string service;
  std::string command;
  std::string surface;     // "rest", "webim", "chatsdk"
  std::string identifier;  // the caller (admin for REST, or From_Account/Operator_Account when given)
  std::string request_body;
  std::string reply_body;
  int error_code = 0;
  double latency_ms = 0;
  std::string fault_rule;  // the fault rule that shaped the reply, if any
  unsigned http_status = 0;  // a callback's: the status its receiver answered with (0: no answer)
};

struct JournalFilter {
  std::optional<std::string> surface;  // "rest", "webim", "chatsdk"
  std::optional<std::string> service;
  std::optional<std::string> command;
  std::optional<std::string> identifier;
  std::optional<int> error_code;
  std::optional<std::uint64_t> since;  // entries with seq > since
  std::size_t limit = 1000;
  bool newest_first = false;  // the newest `limit` matches, newest first (the console's live table)
};

class Journal {
 public:
  // 10,000 entries per app by default: a long CI suite's worth, a few MB.
  static constexpr std::size_t kDefaultCapacity = 10000;
  // Bodies are kept up to 64 KiB each so a flood of large requests cannot balloon memory.
  static constexpr std::size_t kMaxBodyBytes = 64 * 1024;
  // And 64 MiB of bodies per app, whatever the entry cap: 10,000 entries of clipped 64 KiB bodies would
  // otherwise hold over a gigabyte. Ordinary calls (a few hundred bytes) never reach it.
  static constexpr std::size_t kMaxBytesPerApp = 64 * 1024 * 1024;

  explicit Journal(std::size_t capacity_per_app = kDefaultCapacity) : capacity_(capacity_per_app) {}
  // Returns the entry's seq (0 when the journal keeps nothing).
  std::uint64_t record(SdkAppId app, JournalEntry entry);
  // The call's writes were lost after it was recorded (a full disk): its entry gets the error it was answered
  // with. A no-op once the entry has been dropped.
  void amend(SdkAppId app, std::uint64_t seq, int error_code, std::string reply_body);
  std::vector<JournalEntry> query(SdkAppId app, const JournalFilter& filter) const;
  void clear(SdkAppId app);
  std::size_t capacity() const { return capacity_; }
  // Told of every entry as it is recorded (the console's live journal), set once while the parts are wired,
  // before any request. Called under the journal's lock, so entries reach it in seq order; it must be quick
  // and must not call back into the journal.
  using Observer = std::function<void(SdkAppId app, const JournalEntry& entry)>;
  void set_observer(Observer observer) { observer_ = std::move(observer); }

 private:
  struct AppJournal {
    std::deque<JournalEntry> entries;
    std::uint64_t next_seq = 1;
    std::size_t bytes = 0;  // of request and reply bodies
  };
  std::size_t capacity_;
  Observer observer_;
  mutable std::mutex mutex_;
  std::map<SdkAppId, AppJournal> apps_;
};

}  // namespace timock::core
