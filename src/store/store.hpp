// The SQLite store. One writer connection behind a mutex: every handler that writes takes the lock for the
// length of its work (SQLite allows one writer at a time anyway, and the calls are short). With a file,
// requests' writes are grouped: they go into one open transaction that GroupCommit's thread commits and
// syncs for all of them at once, and a reply that reports a write waits (without holding a thread) until its
// batch is on disk — see CommitWatch. Reads that need no lock use connections of their own (read()).
// `:memory:` has the one connection and nothing to sync: reads take the lock and writes commit at once.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/group_commit.hpp"

namespace timock::store {

class Checkpointer;
class CommitWatch;
class DiskQuota;
class MemberListCache;

class Store {
 public:
  // Opens (creating if needed) and migrates. ":memory:" keeps nothing on disk.
  explicit Store(const std::string& path);
  // Commits and syncs what is pending, then closes every connection.
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Exclusive use of the writer connection while it lives. Its writes (and whatever it read of other
  // requests' writes that are not on disk yet) are noted in this thread's CommitWatch when it ends.
  class Locked {
   public:
    Database& db() { return store_->db_; }
    Locked(Locked&& other) noexcept;
    Locked& operator=(Locked&&) = delete;
    ~Locked();

   private:
    friend class Store;
    explicit Locked(Store& store);
    Store* store_;
    std::unique_lock<std::mutex> lock_;
    CommitTicket batch_at_start_ = 0;
    std::int64_t changes_at_start_ = 0;
    std::uint64_t wal_writes_at_start_ = 0;
  };

  // A reader connection and the read transaction it may keep open between requests.
  struct Reader {
    std::unique_ptr<Database> db;
    std::uint64_t snapshot = 0;  // the store's commit count when its read transaction began
    bool in_transaction = false;
  };

  // A consistent, read-only view for a handler that only reads: a reader connection of its own (one read
  // transaction, so several statements see the same state) that never waits for the writer. It sees what
  // is committed, not a batch still filling. With `:memory:`, or for a request whose own writes are not
  // committed yet, it is the writer under the lock.
  //
  // Beginning a read transaction in WAL mode takes a lock in the shared-memory index, under a mutex that
  // every connection of the process shares: at 25k reads/s that mutex was the top contended lock. So a reader
  // keeps its read transaction open between requests while nothing has been committed since it began (the
  // view is then still current), and starts a new one only after a commit.
  class Reading {
   public:
    Database& db() { return *db_; }
    Reading(Reading&& other) noexcept;
    Reading& operator=(Reading&&) = delete;
    ~Reading();

   private:
    friend class Store;
    explicit Reading(Store& store);
    Store* store_;
    std::unique_ptr<Locked> locked_;  // :memory:
    Reader reader_;                   // files
    Database* db_ = nullptr;
  };

  Locked lock() { return Locked(*this); }
  Reading read() { return Reading(*this); }
  const std::string& path() const { return path_; }
  // The store's files' space, to fill on demand (PUT /mock/disk); null with :memory:.
  DiskQuota* disk() { return disk_.get(); }

  // --- durability (files; with :memory: every range is on disk at once)
  Durability durability(CommitRange range) const {
    return group_ ? group_->durability(range) : Durability::on_disk;
  }
  // `done(ok)`: see GroupCommit::when_durable.
  void when_durable(CommitRange range, std::function<void(bool ok)> done);
  // Runs `done` once the writes this thread has made (as its CommitWatch saw them) are committed and every
  // connection reads them: at once when they are (always with :memory:, or with no CommitWatch), else on
  // the commit thread. The delivery hub announces stored messages this way, so a client woken by a push
  // reads the message back.
  void when_committed(std::function<void()> done);
  // Commits and syncs everything written so far; blocks (start-up, shutdown, tests).
  void flush();
  // Commit batches synced so far (0 with :memory:).
  std::uint64_t syncs() const { return group_ ? group_->syncs() : 0; }

 private:
  friend class CommitWatch;
  void seal_batch();
  // SQLite rolled the open batch back (see Database::set_batched): under the lock, inside the failed call.
  void batch_lost();
  std::uint64_t commits() const { return group_->wal_writes(); }
  Reader take_reader();
  void give_back_reader(Reader reader);
  // Ends the read transactions of idle readers that began before the last commit: they would keep a
  // checkpoint from copying (and SQLite from restarting) the WAL past their view. Before each checkpoint.
  void end_stale_reads();

  const std::uint64_t id_;  // tells this store's CommitWatch from another's on the same thread
  std::string path_;
  std::unique_ptr<DiskQuota> disk_;  // before every connection: its VFS outlives them
  std::unique_ptr<MemberListCache> member_lists_;  // before every connection: they read through it
  std::mutex mutex_;
  Database db_;
  bool batch_dirty_ = false;        // under mutex_: the open batch holds writes not yet committed
  bool committing_ = false;         // under mutex_: seal_batch's COMMIT is running
  std::atomic<int> wal_frames_{0};  // the WAL's length after the last commit
  // Past this many WAL frames (64 MiB of 4 KiB pages) seal_batch checkpoints between two batches, when no new
  // frame can arrive meanwhile, so the checkpoint reaches the end of the WAL and the next batch starts it over.
  // The background Checkpointer has copied most of it by then: what is left is the last few batches' pages
  // and two fsyncs (7–37 ms measured). Without this a steady write load grew the WAL by ~40 MB/s for as long
  // as it lasted, since a checkpoint running beside the writer never reaches the WAL's end.
  static constexpr int kWalRestartFrames = 16384;
  int last_wal_frames_ = 0;                   // under mutex_, by seal_batch
  int next_restart_ = kWalRestartFrames;      // under mutex_
  std::mutex readers_mutex_;
  std::vector<Reader> idle_readers_;
  std::unique_ptr<Checkpointer> checkpointer_;
  std::unique_ptr<GroupCommit> group_;  // declared last: stopped (final commit and sync) first
};

// Notes the batches holding the writes a thread makes while it lives (the router opens one around each
// request), so the reply can wait until they are on disk, or report an error if one of them is lost: range()
// is empty when nothing needs waiting for. Every batch of the range counts, not just the last: a request that
// wrote into a batch that was then lost, and went on into the next, must not be answered OK.
class CommitWatch {
 public:
  explicit CommitWatch(const Store& store);
  ~CommitWatch();
  CommitWatch(const CommitWatch&) = delete;
  CommitWatch& operator=(const CommitWatch&) = delete;
  CommitRange range() const { return range_; }
  // The last batch noted (0: none).
  CommitTicket ticket() const { return range_.last; }

 private:
  friend class Store;
  // The innermost watch of this thread on `store`, if any.
  static CommitWatch* current(const Store& store);
  void note(CommitTicket first, CommitTicket last);
  const std::uint64_t store_id_;
  CommitRange range_;
  CommitWatch* outer_;
};

}  // namespace timock::store
