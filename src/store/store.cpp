#include "store/store.hpp"

#include <algorithm>
#include <atomic>

#include "core/log.hpp"
#include "store/checkpointer.hpp"
#include "store/disk_quota.hpp"
#include "store/member_list_cache.hpp"
#include "store/migrations.hpp"

namespace timock::store {

namespace {

// The writer's page cache. SQLite's default 2 MiB cannot hold a large fixture's dirty pages, which then spill
// into the WAL and are read back (8 page I/Os per message were counted loading 100k messages); pages are
// allocated as they are touched, so an idle store does not pay for the cap.
constexpr std::int64_t kWriterCacheKib = 64 * 1024;
// A reader's own page cache: most of its pages come from the memory map below, shared by every connection.
constexpr std::int64_t kReaderCacheKib = 8 * 1024;
// Database file pages read through a memory map (address space, not memory): a page read is a load from the
// OS page cache rather than a pread() each, which dominated admin_getroammsg over 1M messages.
constexpr std::int64_t kMmapBytes = 1ll << 30;
// Reader connections kept open between requests: one per thread that reads at once (the I/O threads and
// the commit thread) is plenty; beyond that a returned connection is closed.
constexpr std::size_t kMaxIdleReaders = 8;

std::atomic<std::uint64_t> next_store_id{1};
thread_local CommitWatch* innermost_watch = nullptr;

DatabaseOptions writer_options(const DiskQuota* disk, MemberListCache* member_lists) {
  DatabaseOptions options;
  options.member_lists = member_lists;
  options.vfs = disk ? disk->vfs_name() : nullptr;
  options.role = DatabaseOptions::Role::writer;
  options.cache_kib = kWriterCacheKib;
  options.mmap_bytes = kMmapBytes;
  return options;
}

DatabaseOptions reader_options(const DiskQuota* disk, MemberListCache* member_lists) {
  DatabaseOptions options;
  options.member_lists = member_lists;
  options.vfs = disk ? disk->vfs_name() : nullptr;
  options.role = DatabaseOptions::Role::reader;
  options.cache_kib = kReaderCacheKib;
  options.mmap_bytes = kMmapBytes;
  return options;
}

}  // namespace

// ------------------------------------------------------------------------------- Store

Store::Store(const std::string& path)
    : id_(next_store_id++),
      path_(path),
      disk_(path == ":memory:" ? nullptr : std::make_unique<DiskQuota>()),
      member_lists_(std::make_unique<MemberListCache>()),
      db_(path, writer_options(disk_.get(), member_lists_.get())) {
  if (db_.in_memory()) {
    migrate(db_);
    return;
  }
  group_ = std::make_unique<GroupCommit>([this] { seal_batch(); }, db_.wal_path());
  db_.on_commit([this](int frames) {
    wal_frames_.store(frames, std::memory_order_relaxed);
    group_->wal_written();
    if (checkpointer_) checkpointer_->wal_grew(frames);
  });
  migrate(db_);  // each migration its own transaction, before batching starts
  checkpointer_ = std::make_unique<Checkpointer>(path, disk_->vfs_name(), [this] { end_stale_reads(); });
  db_.set_batched(true, [this] { batch_lost(); });
  group_->flush();
}

Store::~Store() {
  if (group_) group_->stop();  // commits and syncs the open batch
  checkpointer_.reset();
  idle_readers_.clear();
}

void Store::batch_lost() {
  // seal_batch logs a failed COMMIT itself, with SQLite's reason.
  if (!committing_)
    core::log::write(core::log::Level::error,
                     "a commit batch was rolled back (an I/O error or a full disk): its requests are answered with "
                     "an error",
                     {{"batch", std::to_string(group_->open_batch())}});
  batch_dirty_ = false;
  group_->sealed(false);
}

void Store::seal_batch() {
  std::lock_guard lock(mutex_);
  const auto batch = group_->open_batch();
  if (!db_.autocommit()) {
    db_.reset_statements();
    committing_ = true;
    try {
      db_.commit_batch();
    } catch (const std::exception& error) {
      core::log::write(core::log::Level::error,
                       "a commit batch could not be committed: its requests are answered with an error",
                       {{"batch", std::to_string(batch)}, {"error", error.what()}});
      // SQLite has mostly rolled back already (a full disk, an I/O error); where it has not, this does, and
      // either way the rollback hook has sealed the batch as lost.
      try {
        if (!db_.autocommit()) db_.cached("ROLLBACK").run();
      } catch (...) {
      }
    }
    committing_ = false;
  }
  batch_dirty_ = false;
  if (group_->open_batch() == batch) group_->sealed(db_.autocommit());  // not sealed by batch_lost()
  const int frames = wal_frames_.load(std::memory_order_relaxed);
  if (frames < last_wal_frames_) next_restart_ = kWalRestartFrames;  // the WAL started over
  last_wal_frames_ = frames;
  if (frames >= next_restart_) {
    // Not again before the WAL has started over or grown as much again (readers still on older frames can
    // keep a checkpoint from finishing, and so the WAL from starting over).
    next_restart_ = frames + kWalRestartFrames;
    try {
      end_stale_reads();
      db_.checkpoint();
    } catch (const std::exception& error) {
      core::log::write(core::log::Level::warn, "checkpoint failed", {{"error", error.what()}});
    }
  }
}

void Store::when_durable(CommitRange range, std::function<void(bool)> done) {
  if (!group_) return done(true);
  group_->when_durable(range, std::move(done));
}

void Store::when_committed(std::function<void()> done) {
  const auto* watch = group_ ? CommitWatch::current(*this) : nullptr;
  if (!watch || watch->range().empty()) return done();
  group_->when_committed(watch->range(), std::move(done));
}

void Store::flush() {
  if (group_) group_->flush();
}

namespace {

// Ends a reader's read transaction. False when the connection is in a state it cannot be trusted in (drop
// it).
bool end_read(Store::Reader& reader) {
  if (!reader.in_transaction) return true;
  reader.in_transaction = false;
  try {
    reader.db->cached("COMMIT").run();
    return true;
  } catch (...) {
  }
  try {
    reader.db->cached("ROLLBACK").run();
    return true;
  } catch (...) {
    return false;
  }
}

}  // namespace

Store::Reader Store::take_reader() {
  {
    std::lock_guard lock(readers_mutex_);
    if (!idle_readers_.empty()) {
      auto reader = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return reader;
    }
  }
  return Reader{std::make_unique<Database>(path_, reader_options(disk_.get(), member_lists_.get()))};
}

void Store::give_back_reader(Reader reader) {
  // A view that a commit made stale is let go now rather than pinning the WAL while the reader idles.
  if (reader.in_transaction && reader.snapshot != commits() && !end_read(reader)) return;
  std::lock_guard lock(readers_mutex_);
  if (idle_readers_.size() < kMaxIdleReaders) idle_readers_.push_back(std::move(reader));
}

void Store::end_stale_reads() {
  std::lock_guard lock(readers_mutex_);
  const auto now = commits();
  std::erase_if(idle_readers_, [&](Reader& reader) {
    return reader.in_transaction && reader.snapshot != now && !end_read(reader);
  });
}

// ------------------------------------------------------------------------------- Locked

Store::Locked::Locked(Store& store) : store_(&store), lock_(store.mutex_) {
  if (!store.group_) return;
  batch_at_start_ = store.group_->open_batch();
  changes_at_start_ = store.db_.total_changes();
  wal_writes_at_start_ = store.group_->wal_writes();
}

Store::Locked::Locked(Locked&& other) noexcept
    : store_(std::exchange(other.store_, nullptr)),
      lock_(std::move(other.lock_)),
      batch_at_start_(other.batch_at_start_),
      changes_at_start_(other.changes_at_start_),
      wal_writes_at_start_(other.wal_writes_at_start_) {}

Store::Locked::~Locked() {
  if (!store_ || !store_->group_ || !lock_.owns_lock()) return;
  auto& store = *store_;
  auto& group = *store.group_;
  const bool wrote =
      store.db_.total_changes() != changes_at_start_ || group.wal_writes() != wal_writes_at_start_;
  if (wrote) store.batch_dirty_ = true;
  // A request that only read through the writer may have read a batch not on disk yet: it waits for it too.
  // A batch lost while this lock was held (SQLite rolled it back: batch_lost()) may hold this request's
  // earlier writes, so the range reaches back to the batch that was open when the lock was taken.
  if (store.batch_dirty_ || wrote || group.open_batch() != batch_at_start_)
    if (auto* watch = CommitWatch::current(store)) watch->note(batch_at_start_, group.open_batch());
  if (store.batch_dirty_ || !store.db_.autocommit()) group.seal_soon();
}

// ------------------------------------------------------------------------------- Reading

Store::Reading::Reading(Store& store) : store_(&store) {
  // A request that has written reads through the writer until its batch is committed: a reader connection
  // would not see its own writes yet (a snapshot PUT answers with the state it just stored).
  const auto* watch = store.group_ ? CommitWatch::current(store) : nullptr;
  const bool own_writes_pending = watch && watch->ticket() >= store.group_->open_batch();
  if (!store.group_ || own_writes_pending) {
    locked_ = std::make_unique<Locked>(store.lock());
    db_ = &locked_->db();
    return;
  }
  reader_ = store.take_reader();
  // The count is read before the view begins, so the view holds at least every commit counted so far.
  const auto now = store.commits();
  if (reader_.in_transaction && reader_.snapshot == now) {
    db_ = reader_.db.get();
    return;  // still current: no new read transaction
  }
  if (!end_read(reader_)) reader_ = store.take_reader();
  try {
    reader_.db->cached("BEGIN").run();
    reader_.in_transaction = true;
    reader_.snapshot = now;
  } catch (...) {
    store.give_back_reader(std::move(reader_));
    throw;
  }
  db_ = reader_.db.get();
}

Store::Reading::Reading(Reading&& other) noexcept
    : store_(other.store_),
      locked_(std::move(other.locked_)),
      reader_(std::move(other.reader_)),
      db_(std::exchange(other.db_, nullptr)) {}

Store::Reading::~Reading() {
  if (!reader_.db) return;
  reader_.db->reset_statements();  // a statement left on a row would hold this view past the next COMMIT
  store_->give_back_reader(std::move(reader_));
}

// ------------------------------------------------------------------------------- CommitWatch

CommitWatch::CommitWatch(const Store& store) : store_id_(store.id_), outer_(innermost_watch) {
  innermost_watch = this;
}

CommitWatch::~CommitWatch() {
  innermost_watch = outer_;
}

void CommitWatch::note(CommitTicket first, CommitTicket last) {
  range_.first = range_.first == 0 ? first : std::min(range_.first, first);
  range_.last = std::max(range_.last, last);
}

CommitWatch* CommitWatch::current(const Store& store) {
  for (auto* watch = innermost_watch; watch; watch = watch->outer_)
    if (watch->store_id_ == store.id_) return watch;
  return nullptr;
}

}  // namespace timock::store
