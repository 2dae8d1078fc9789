#include "store/store.hpp"

#include <algorithm>
#include <atomic>

#include "core/log.hpp"
#include "store/checkpointer.hpp"
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

DatabaseOptions writer_options() {
  DatabaseOptions options;
  options.role = DatabaseOptions::Role::writer;
  options.cache_kib = kWriterCacheKib;
  options.mmap_bytes = kMmapBytes;
  return options;
}

DatabaseOptions reader_options() {
  DatabaseOptions options;
  options.role = DatabaseOptions::Role::reader;
  options.cache_kib = kReaderCacheKib;
  options.mmap_bytes = kMmapBytes;
  return options;
}

}  // namespace

// ------------------------------------------------------------------------------- Store

Store::Store(const std::string& path) : id_(next_store_id++), path_(path), db_(path, writer_options()) {
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
  checkpointer_ = std::make_unique<Checkpointer>(path, [this] { end_stale_reads(); });
  db_.set_batched(true);
  group_->flush();
}

Store::~Store() {
  if (group_) group_->stop();  // commits and syncs the open batch
  checkpointer_.reset();
  idle_readers_.clear();
}

void Store::seal_batch() {
  std::lock_guard lock(mutex_);
  bool ok = true;
  if (!db_.autocommit()) {
    db_.reset_statements();
    try {
      db_.cached("COMMIT").run();
    } catch (const std::exception& error) {
      ok = false;
      core::log::write(core::log::Level::error, "a commit batch could not be committed",
                       {{"error", error.what()}});
      try {
        db_.cached("ROLLBACK").run();
      } catch (...) {
      }
    }
  }
  batch_dirty_ = false;
  group_->sealed(ok);
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

void Store::when_durable(CommitTicket ticket, std::function<void(bool)> done) {
  if (!group_) return done(true);
  group_->when_durable(ticket, std::move(done));
}

void Store::when_committed(std::function<void()> done) {
  const auto* watch = group_ ? CommitWatch::current(*this) : nullptr;
  if (!watch || watch->ticket() == 0) return done();
  group_->when_committed(watch->ticket(), std::move(done));
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
  return Reader{std::make_unique<Database>(path_, reader_options())};
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
  batch_open_at_start_ = !store.db_.autocommit();
  changes_at_start_ = store.db_.total_changes();
  wal_writes_at_start_ = store.group_->wal_writes();
}

Store::Locked::Locked(Locked&& other) noexcept
    : store_(std::exchange(other.store_, nullptr)),
      lock_(std::move(other.lock_)),
      batch_open_at_start_(other.batch_open_at_start_),
      changes_at_start_(other.changes_at_start_),
      wal_writes_at_start_(other.wal_writes_at_start_) {}

Store::Locked::~Locked() {
  if (!store_ || !store_->group_ || !lock_.owns_lock()) return;
  auto& store = *store_;
  auto& group = *store.group_;
  const bool open_now = !store.db_.autocommit();
  if (batch_open_at_start_ && !open_now && store.batch_dirty_) {
    // Requests' transactions are savepoints in the open batch and never end it: SQLite rolled the whole batch
    // back (an I/O error, a full disk). Its earlier requests are answered with an error, not OK.
    core::log::write(core::log::Level::error, "a commit batch was rolled back by SQLite");
    store.batch_dirty_ = false;
    group.sealed(false);
  }
  if (store.db_.total_changes() != changes_at_start_ || group.wal_writes() != wal_writes_at_start_)
    store.batch_dirty_ = true;
  // A request that only read through the writer may have read a batch not on disk yet: it waits for it too.
  if (store.batch_dirty_)
    if (auto* watch = CommitWatch::current(store))
      watch->ticket_ = std::max(watch->ticket_, group.open_batch());
  if (store.batch_dirty_ || open_now) group.seal_soon();
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

CommitWatch* CommitWatch::current(const Store& store) {
  for (auto* watch = innermost_watch; watch; watch = watch->outer_)
    if (watch->store_id_ == store.id_) return watch;
  return nullptr;
}

}  // namespace timock::store
