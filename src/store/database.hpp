// RAII over the SQLite C API: Database, Statement, Transaction (rolls back in its destructor).
// No sqlite3_* call lives outside store/.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace timock::store {

class MemberListCache;

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds are 1-based, like SQLite's. Text is copied (SQLITE_TRANSIENT).
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, std::uint32_t value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, std::uint64_t value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind_null(int index);

  // Binds every argument in order, from index 1.
  template <typename... Args>
  Statement& bind_all(const Args&... args) {
    int index = 0;
    (bind(++index, args), ...);
    return *this;
  }

  // True while a row is available.
  bool step();
  // Runs to completion (for statements without rows).
  void run();
  // Clears bindings and rewinds, so a cached statement can be reused.
  void reset();

  std::int64_t int64(int column) const;
  std::string text(int column) const;
  bool is_null(int column) const;
  // The result columns' names (or AS aliases), in order, read once when the statement is prepared: store::Row
  // looks columns up by name in them.
  const std::vector<std::string>& column_names() const { return column_names_; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::vector<std::string> column_names_;
};

// How a connection is used. The defaults are a standalone connection that syncs every commit itself.
struct DatabaseOptions {
  enum class Role {
    standalone,  // WAL, synchronous=FULL: every COMMIT is on disk when it returns
    writer,      // WAL, synchronous=NORMAL: the owner syncs the WAL before it answers (store::GroupCommit)
    reader,      // reads only (PRAGMA query_only): never writes, never syncs
  };
  Role role = Role::standalone;
  // The page cache, KiB. SQLite's default (2 MiB) spills a large load's dirty pages into the WAL and reads
  // them back; the pages are allocated only as they are touched, so a bigger cap costs an idle store nothing.
  std::int64_t cache_kib = 2048;
  // Bytes of the file read through a memory map instead of pread(): a page read is then a memory load from
  // the OS page cache that every connection shares. 0 = off.
  std::int64_t mmap_bytes = 0;
  // The SQLite VFS to open the file through (store::DiskQuota's, say); null: the default.
  const char* vfs = nullptr;
  // The store's group member lists, which every connection of the store reads through (store::GroupRepository).
  MemberListCache* member_lists = nullptr;
};

class Database {
 public:
  // path ":memory:" keeps nothing on disk (and ignores the role: there is no WAL and nothing to sync).
  explicit Database(const std::string& path, DatabaseOptions options = {});
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(std::string_view sql);
  // A prepared statement kept for the life of the connection (reset before it is returned).
  Statement& cached(const char* sql);
  std::int64_t last_insert_rowid() const;
  int changes() const;
  bool in_memory() const { return in_memory_; }
  // The store's cache of group member lists; null for a connection of no store (tools, tests).
  MemberListCache* member_lists() const { return member_lists_; }
  // The path of the file's write-ahead log (files only).
  std::string wal_path() const;
  // Runs `on_commit(wal_frames)` after every commit of this connection, once the commit is in the WAL
  // (SQLite's WAL hook; it replaces wal_autocheckpoint, so the owner checkpoints). Files only.
  void on_commit(std::function<void(int wal_frames)> on_commit);
  // A PASSIVE checkpoint: copies what the WAL holds into the database file as far as readers allow, never
  // waiting for them or for the writer. Returns the number of WAL frames left uncopied.
  int checkpoint();
  // True outside any transaction.
  bool autocommit() const;
  // Resets every statement left mid-result (stepped to a row, never reset): such a statement keeps its read
  // transaction, and so an old view of the database, alive past COMMIT.
  void reset_statements();
  // Rows changed by INSERT/UPDATE/DELETE since the connection opened.
  std::int64_t total_changes() const;
  // Batched: a Transaction on this connection does not COMMIT; its work stays in one transaction, the batch,
  // that the owner commits for several requests at once (store::Store, group commit). See Transaction.
  // `on_batch_lost` runs (inside the SQLite call that failed) when SQLite rolls the open batch back on its own:
  // an I/O error or a full disk in a statement or in the owner's COMMIT ends the whole transaction, and with
  // it the work of every request in it.
  void set_batched(bool batched, std::function<void()> on_batch_lost = {});
  bool batched() const { return batched_; }
  // Commits the open batch (the owner's COMMIT). Throws as a statement does; the batch is then lost, and
  // on_batch_lost has run (rolling back, if SQLite had not, is left to the caller's ROLLBACK).
  void commit_batch();

 private:
  friend class Transaction;
  sqlite3* db_ = nullptr;
  bool in_memory_ = false;
  MemberListCache* member_lists_ = nullptr;
  bool batched_ = false;
  bool batch_open_ = false;  // batched: a Transaction began the batch and no COMMIT or rollback ended it
  std::function<void()> on_batch_lost_;
  std::map<std::string, std::unique_ptr<Statement>, std::less<>> statements_;
  std::function<void(int)> on_commit_;
};

// All or nothing: BEGIN IMMEDIATE on construction; ROLLBACK in the destructor unless commit() ran.
// On a batched connection the work is a SAVEPOINT in the batch (begun here if none is open): a failed
// request undoes only its own part, never the batch, and commit() leaves the whole for the owner to COMMIT.
// So on a batched connection only SQLite itself (or the owner) ever rolls a batch back, and the rollback hook
// can tell a lost batch from a request that failed.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool savepoint_ = false;
  bool done_ = false;
};

}  // namespace timock::store
