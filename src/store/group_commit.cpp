#include "store/group_commit.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/log.hpp"

namespace timock::store {

namespace {

// Runs of lost batches remembered, so a waiter that asks after the fact still hears "lost". They only come from
// I/O errors (a rolled-back batch, a failed fdatasync); a disk that fails on and off must not grow this without
// bound.
constexpr std::size_t kMaxLostRuns = 4096;

// Moves the entries of `from` whose range ends at or before `upto` into `to`.
template <typename Callback>
void take_ready(std::vector<std::pair<CommitRange, Callback>>& from, CommitTicket upto,
                std::vector<std::pair<CommitRange, Callback>>& to) {
  std::erase_if(from, [&](auto& waiter) {
    if (waiter.first.last > upto) return false;
    to.push_back(std::move(waiter));
    return true;
  });
}

// A waiter's callback on a sync worker: whatever it throws is logged, never the end of the thread (and with it
// of the process), and the other waiters still run.
template <typename Call>
void run_waiter(Call call) {
  try {
    call();
  } catch (const std::exception& error) {
    core::log::write(core::log::Level::error, "a commit waiter failed", {{"error", error.what()}});
  } catch (...) {
    core::log::write(core::log::Level::error, "a commit waiter failed", {});
  }
}

}  // namespace

GroupCommit::GroupCommit(std::function<void()> seal, std::string wal_path)
    : seal_(std::move(seal)), wal_path_(std::move(wal_path)) {
  for (int i = 0; i < kSyncWorkers; ++i) workers_.emplace_back([this] { run(); });
}

GroupCommit::~GroupCommit() {
  stop();
  if (wal_fd_ >= 0) ::close(wal_fd_);
}

void GroupCommit::stop() {
  if (workers_.empty()) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    seal_wanted_ = true;  // whatever is open is committed and synced before the workers end
  }
  wake_.notify_all();
  for (auto& worker : workers_) worker.join();
  workers_.clear();
}

void GroupCommit::seal_soon() {
  {
    std::lock_guard lock(mutex_);
    if (seal_wanted_) return;
    seal_wanted_ = true;
  }
  wake_.notify_one();
}

void GroupCommit::sealed(bool ok) {
  if (!ok) mark_lost(open_batch(), open_batch());
  {
    std::lock_guard lock(mutex_);
    sealed_.fetch_add(1, std::memory_order_acq_rel);
  }
  wake_.notify_one();
}

Durability GroupCommit::durability(CommitRange range) const {
  if (range.empty()) return Durability::on_disk;
  if (!durable(range.last)) return Durability::pending;
  return any_lost(range) ? Durability::lost : Durability::on_disk;
}

void GroupCommit::when_durable(CommitRange range, std::function<void(bool)> done) {
  {
    std::lock_guard lock(mutex_);
    if (!durable(range.last)) {
      durable_waiters_.emplace_back(range, std::move(done));
      return;
    }
  }
  done(!any_lost(range));
}

void GroupCommit::when_committed(CommitRange range, std::function<void()> done) {
  {
    std::lock_guard lock(mutex_);
    if (range.last > sealed_.load(std::memory_order_acquire)) {
      commit_waiters_.emplace_back(range, std::move(done));
      return;
    }
  }
  if (!any_lost(range)) done();
}

void GroupCommit::flush() {
  std::unique_lock lock(mutex_);
  const auto target = open_batch();
  seal_wanted_ = true;
  wake_.notify_one();
  drained_.wait(lock, [&] { return durable_.load() >= target && calling_ == 0; });
}

void GroupCommit::mark_lost(CommitTicket first, CommitTicket last) {
  std::lock_guard lock(lost_mutex_);
  // Merge with the run that ends just before (or overlaps) this one: batches are lost mostly in order.
  auto next = lost_.upper_bound(first);
  if (next != lost_.begin()) {
    auto previous = std::prev(next);
    if (previous->second + 1 >= first) {
      first = previous->first;
      last = std::max(last, previous->second);
      lost_.erase(previous);
    }
  }
  while (next != lost_.end() && next->first <= last + 1) {
    last = std::max(last, next->second);
    next = lost_.erase(next);
  }
  lost_.emplace(first, last);
  while (lost_.size() > kMaxLostRuns) {
    forgotten_upto_ = std::max(forgotten_upto_, lost_.begin()->second);
    lost_.erase(lost_.begin());
  }
}

bool GroupCommit::any_lost(CommitRange range) const {
  if (range.empty()) return false;
  std::lock_guard lock(lost_mutex_);
  if (range.first <= forgotten_upto_) return true;
  // The last run that starts at or before range.last: the range meets a run iff that one reaches range.first.
  auto run = lost_.upper_bound(range.last);
  if (run == lost_.begin()) return false;
  return std::prev(run)->second >= range.first;
}

int GroupCommit::wal_fd() {
  if (wal_fd_ < 0) {
    // The WAL exists once the writer has committed in WAL mode, and SQLite keeps the same file (restarting it
    // from its start after a checkpoint) for as long as the writer's connection is open.
    wal_fd_ = ::open(wal_path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (wal_fd_ < 0)
      core::log::write(core::log::Level::error, "cannot open the WAL to sync it",
                       {{"path", wal_path_}, {"error", std::strerror(errno)}});
  }
  return wal_fd_;
}

bool GroupCommit::sync_wal(int fd) {
  syncs_.fetch_add(1, std::memory_order_relaxed);
  if (fd < 0) return false;
  // fdatasync flushes the file's data whichever descriptor wrote it.
  if (::fdatasync(fd) == 0) return true;
  core::log::write(core::log::Level::error, "fdatasync of the WAL failed: the writes it covered are answered with an error",
                   {{"path", wal_path_}, {"error", std::strerror(errno)}});
  return false;
}

void GroupCommit::run() {
  std::unique_lock lock(mutex_);
  const auto finished = [&] { return stopping_ && !seal_wanted_ && !sealing_ && syncing_ == 0; };
  for (;;) {
    wake_.wait(lock, [&] { return (seal_wanted_ && !sealing_) || sealed_.load() > claimed_ || finished(); });
    if (seal_wanted_ && !sealing_) {
      // One worker seals at a time; the other may be syncing the previous batch meanwhile.
      seal_wanted_ = false;
      sealing_ = true;
      lock.unlock();
      seal_();  // takes the store's lock; calls sealed()
      lock.lock();
      sealing_ = false;
      // Committed: readers see the batch now, so its messages are announced before the sync.
      std::vector<std::pair<CommitRange, std::function<void()>>> committed;
      take_ready(commit_waiters_, sealed_.load(), committed);
      ++calling_;
      lock.unlock();
      // (Not structured bindings: clang 14 cannot capture them in a lambda.)
      for (auto& waiter : committed)
        if (!any_lost(waiter.first)) run_waiter([&] { waiter.second(); });
      lock.lock();
      --calling_;
    }
    const auto target = sealed_.load(std::memory_order_acquire);
    if (target > claimed_) {
      // Every batch sealed so far has its frames in the WAL (the count moves after the commit): one sync
      // covers them all. A batch sealed during it waits for the next sync, which the other worker may start
      // at once: two syncs in flight let the disk merge its flushes.
      const auto first = claimed_ + 1;
      claimed_ = target;
      ++syncing_;
      const auto writes = wal_writes_.load(std::memory_order_acquire);
      const bool needed = writes > synced_writes_;
      const int fd = needed ? wal_fd() : -1;
      lock.unlock();
      // After a failed fdatasync the kernel may have dropped the dirty pages' error state with them, so a later
      // sync proves nothing about these batches: their requests are told the write failed (it is committed,
      // and readable, but perhaps not on disk).
      if (needed && !sync_wal(fd)) mark_lost(first, target);
      lock.lock();
      --syncing_;
      if (needed) synced_writes_ = std::max(synced_writes_, writes);
      if (target > durable_.load()) durable_.store(target, std::memory_order_release);
      std::vector<std::pair<CommitRange, std::function<void(bool)>>> synced;
      take_ready(durable_waiters_, durable_.load(), synced);
      ++calling_;
      lock.unlock();
      for (auto& waiter : synced) run_waiter([&] { waiter.second(!any_lost(waiter.first)); });
      lock.lock();
      --calling_;
      wake_.notify_all();
    }
    drained_.notify_all();
    if (finished() && sealed_.load() == claimed_) {
      wake_.notify_all();  // the other worker ends too
      return;
    }
  }
}

}  // namespace timock::store
