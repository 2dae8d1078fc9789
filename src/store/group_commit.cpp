#include "store/group_commit.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/log.hpp"

namespace timock::store {

namespace {

// Lost batches remembered, so a waiter that asks after the fact still hears "lost". They only come from I/O
// errors (a rolled-back batch, a failed fdatasync); a disk that keeps failing must not grow this without bound.
constexpr std::size_t kMaxLostRemembered = 1000;

// Moves the entries of `from` whose ticket is at most `upto` into `to`.
template <typename Callback>
void take_ready(std::vector<std::pair<CommitTicket, Callback>>& from, CommitTicket upto,
                std::vector<std::pair<CommitTicket, Callback>>& to) {
  std::erase_if(from, [&](auto& waiter) {
    if (waiter.first > upto) return false;
    to.push_back(std::move(waiter));
    return true;
  });
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

void GroupCommit::when_durable(CommitTicket ticket, std::function<void(bool)> done) {
  {
    std::lock_guard lock(mutex_);
    if (!durable(ticket)) {
      durable_waiters_.emplace_back(ticket, std::move(done));
      return;
    }
  }
  done(!is_lost(ticket));
}

void GroupCommit::when_committed(CommitTicket ticket, std::function<void()> done) {
  {
    std::lock_guard lock(mutex_);
    if (ticket > sealed_.load(std::memory_order_acquire)) {
      commit_waiters_.emplace_back(ticket, std::move(done));
      return;
    }
  }
  if (!is_lost(ticket)) done();
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
  for (auto ticket = first; ticket <= last; ++ticket) lost_.insert(ticket);
  while (lost_.size() > kMaxLostRemembered) lost_.erase(lost_.begin());
}

bool GroupCommit::is_lost(CommitTicket ticket) const {
  std::lock_guard lock(lost_mutex_);
  return lost_.contains(ticket);
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
      std::vector<std::pair<CommitTicket, std::function<void()>>> committed;
      take_ready(commit_waiters_, sealed_.load(), committed);
      ++calling_;
      lock.unlock();
      for (auto& [ticket, done] : committed)
        if (!is_lost(ticket)) done();
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
      std::vector<std::pair<CommitTicket, std::function<void(bool)>>> synced;
      take_ready(durable_waiters_, durable_.load(), synced);
      ++calling_;
      lock.unlock();
      for (auto& [ticket, done] : synced) done(!is_lost(ticket));
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
