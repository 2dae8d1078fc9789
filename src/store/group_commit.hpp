// Group commit: many requests' writes, one transaction, one fsync. Requests write into the batch the store
// keeps open on its writer connection; this class's thread seals the batch (COMMIT, which under
// synchronous=NORMAL writes the WAL but does not sync it), then fdatasyncs the WAL once, and only then are
// the batch's requests answered. While one sync runs the next batch fills, so the disk's latency bounds each
// reply's wait, not the number of writes per second. Batches are numbered from 1; a ticket names the batch
// that holds a request's writes.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <map>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace timock::store {

// The batch that holds a request's writes. 0 names none (nothing to wait for).
using CommitTicket = std::uint64_t;

// The batches a request's writes went into: usually one, more when the request wrote (or read through the
// writer) in several steps and a batch was sealed between them. Each must be on disk for the request to be
// answered OK; `last` 0 names none.
struct CommitRange {
  CommitTicket first = 0;
  CommitTicket last = 0;
  bool empty() const { return last == 0; }
};

// What became of a range of batches: still to be synced, all of them on disk, or at least one lost (rolled back
// by SQLite, say on a full disk, or covered by a failed fdatasync).
enum class Durability { pending, on_disk, lost };

class GroupCommit {
 public:
  // Workers that seal and sync. With two, one batch can be synced while the next is sealed and its sync
  // started. On the dev machines' virtio disk (fdatasync p50 1 ms, mean ~5 ms) a write waited for a sync
  // 2.7–4.9 ms on average with two syncs in flight against 5.8–7.5 ms with one; a third made it worse.
  static constexpr int kSyncWorkers = 2;

  // `seal` commits the open batch (taking the store's lock, calling sealed() under it); `wal_path` is the
  // writer's write-ahead log, opened read-only (for fdatasync) on the first sync.
  GroupCommit(std::function<void()> seal, std::string wal_path);
  // Seals and syncs what is pending, answers every waiter, stops the thread. The owner calls it while `seal`
  // still works; the destructor calls it too.
  void stop();
  ~GroupCommit();
  GroupCommit(const GroupCommit&) = delete;
  GroupCommit& operator=(const GroupCommit&) = delete;

  // --- called under the store's lock
  // The batch that writes go into now.
  CommitTicket open_batch() const { return sealed_.load(std::memory_order_acquire) + 1; }
  // The open batch has work to commit (or a transaction to close): seal it soon.
  void seal_soon();
  // The open batch was committed (`ok`) or lost (rolled back by SQLite after an I/O error): the next one
  // opens.
  void sealed(bool ok);

  // --- called from anywhere
  // After every commit of the writer (SQLite's WAL hook): there is something to sync.
  void wal_written() { wal_writes_.fetch_add(1, std::memory_order_acq_rel); }
  std::uint64_t wal_writes() const { return wal_writes_.load(std::memory_order_acquire); }
  bool durable(CommitTicket ticket) const { return ticket <= durable_.load(std::memory_order_acquire); }
  Durability durability(CommitRange range) const;
  // `done(ok)` runs once every batch of the range is on disk (ok) or one of them is lost (not ok): at once on
  // this thread if that is already known, else on the sync thread. It must be quick and must not call into
  // the store (the net layer posts a wake-up and returns).
  void when_durable(CommitRange range, std::function<void(bool ok)> done);
  // `done` runs once the range's batches are committed, i.e. every connection can read them (before they are
  // synced): at once on this thread if they are, else on the sync thread. Not run if one of them is lost.
  void when_committed(CommitRange range, std::function<void()> done);
  // Blocks until everything written so far is committed and on disk and its waiters have run.
  void flush();

  // Syncs so far (each covers every batch sealed before it started): a test's window into the batching.
  std::uint64_t syncs() const { return syncs_.load(); }

 private:
  void run();
  int wal_fd();  // under mutex_
  bool sync_wal(int fd);  // false when the WAL could not be synced
  void mark_lost(CommitTicket first, CommitTicket last);
  bool any_lost(CommitRange range) const;

  const std::function<void()> seal_;
  const std::string wal_path_;
  std::atomic<CommitTicket> sealed_{0};   // moved under the store's lock
  std::atomic<CommitTicket> durable_{0};  // on disk (or known lost) up to here
  std::atomic<std::uint64_t> wal_writes_{0};
  std::atomic<std::uint64_t> syncs_{0};

  mutable std::mutex mutex_;
  std::condition_variable wake_;     // the workers: a batch to seal or sync, or the end
  std::condition_variable drained_;  // flush(): a worker finished a round
  int wal_fd_ = -1;
  bool seal_wanted_ = false;
  bool sealing_ = false;
  bool stopping_ = false;
  int syncing_ = 0;                  // syncs in flight
  int calling_ = 0;                  // workers running waiters' callbacks
  CommitTicket claimed_ = 0;         // a sync covering batches up to here has started
  std::uint64_t synced_writes_ = 0;  // WAL writes covered by a finished sync
  std::vector<std::pair<CommitRange, std::function<void(bool)>>> durable_waiters_;
  std::vector<std::pair<CommitRange, std::function<void()>>> commit_waiters_;
  mutable std::mutex lost_mutex_;
  // Lost batches as runs first → last (a disk that stays full loses one batch after another: one run). Bounded:
  // the oldest runs are forgotten, and every ticket up to the last one forgotten counts as lost from then on,
  // so a waiter that asks late hears an error rather than OK for a batch it can no longer be told about.
  std::map<CommitTicket, CommitTicket> lost_;
  CommitTicket forgotten_upto_ = 0;
  std::vector<std::thread> workers_;
};

}  // namespace timock::store
