#include "store/database.hpp"

#include <sqlite3.h>

namespace timock::store {

namespace {
[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  throw StoreError(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "no connection"));
}
}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_,
                         nullptr) != SQLITE_OK)
    fail(db_, "prepare " + std::string(sql));
  try {
    const int columns = sqlite3_column_count(stmt_);
    column_names_.reserve(static_cast<std::size_t>(columns));
    for (int i = 0; i < columns; ++i) {
      const char* name = sqlite3_column_name(stmt_, i);
      if (!name) throw StoreError("prepare " + std::string(sql) + ": out of memory for the column names");
      column_names_.emplace_back(name);
    }
  } catch (...) {
    sqlite3_finalize(stmt_);  // the destructor does not run for a constructor that throws
    throw;
  }
}

Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) fail(db_, "bind");
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  // A default string_view has no data: SQLite would bind NULL for it, not the empty text it stands for.
  if (sqlite3_bind_text64(stmt_, index, value.data() ? value.data() : "", value.size(), SQLITE_TRANSIENT,
                          SQLITE_UTF8) != SQLITE_OK)
    fail(db_, "bind");
  return *this;
}

Statement& Statement::bind_null(int index) {
  if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) fail(db_, "bind");
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  const std::string message = sqlite3_errmsg(db_);
  sqlite3_reset(stmt_);
  throw StoreError("step: " + message);
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::int64(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

std::string Statement::text(int column) const {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  const int size = sqlite3_column_bytes(stmt_, column);
  return data ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

namespace {

// A writer's WAL is restarted from its start once checkpointed; past this size it is also truncated then, so
// one large load (a 1M-message fixture) does not leave a file of hundreds of MB behind for good.
constexpr std::int64_t kWalSizeLimitBytes = 64ll * 1024 * 1024;

}  // namespace

Database::Database(const std::string& path, DatabaseOptions options)
    : in_memory_(path == ":memory:"), member_lists_(options.member_lists) {
  // SQLite counts memory use under one global mutex taken on every allocation; timock never reads the counts,
  // and with connections working on several threads at once that mutex is contended. Set before the first
  // connection opens (SQLite accepts configuration only until it is initialised).
  static const int memory_statistics_off = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)memory_statistics_off;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, in_memory_ ? nullptr : options.vfs) != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError("cannot open database " + path + ": " + message);
  }
  // Another process holding the file briefly (a backup, sqlite3 CLI) should not fail a request at once.
  sqlite3_busy_timeout(db_, 5000);
  exec("PRAGMA foreign_keys = ON");
  exec("PRAGMA cache_size = " + std::to_string(-options.cache_kib));
  if (in_memory_) return;
  if (options.mmap_bytes > 0) exec("PRAGMA mmap_size = " + std::to_string(options.mmap_bytes));
  using Role = DatabaseOptions::Role;
  switch (options.role) {
    case Role::standalone:
      // WAL + synchronous=FULL: a COMMIT returns once the transaction is on disk, while readers never block
      // the writer.
      exec("PRAGMA journal_mode = WAL");
      exec("PRAGMA synchronous = FULL");
      break;
    case Role::writer:
      // synchronous=NORMAL: COMMIT writes the WAL but does not fsync it. The owner (store::GroupCommit) syncs
      // the WAL once for every commit made meanwhile and answers the requests only then; checkpoints still
      // sync, in SQLite's order.
      exec("PRAGMA journal_mode = WAL");
      exec("PRAGMA synchronous = NORMAL");
      exec("PRAGMA journal_size_limit = " + std::to_string(kWalSizeLimitBytes));
      break;
    case Role::reader:
      exec("PRAGMA query_only = 1");
      break;
  }
}

Database::~Database() {
  statements_.clear();  // finalize before close, or sqlite3_close refuses
  if (db_) sqlite3_close(db_);
}

void Database::exec(std::string_view sql) {
  char* error = nullptr;
  const std::string owned(sql);
  if (sqlite3_exec(db_, owned.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw StoreError("exec: " + message);
  }
}

Statement& Database::cached(const char* sql) {
  auto it = statements_.find(std::string_view(sql));
  if (it == statements_.end()) it = statements_.emplace(sql, std::make_unique<Statement>(db_, sql)).first;
  it->second->reset();
  return *it->second;
}

std::int64_t Database::last_insert_rowid() const {
  return sqlite3_last_insert_rowid(db_);
}
int Database::changes() const {
  return sqlite3_changes(db_);
}

bool Database::autocommit() const {
  return sqlite3_get_autocommit(db_) != 0;
}

void Database::reset_statements() {
  for (sqlite3_stmt* stmt = sqlite3_next_stmt(db_, nullptr); stmt; stmt = sqlite3_next_stmt(db_, stmt))
    if (sqlite3_stmt_busy(stmt)) sqlite3_reset(stmt);
}
std::int64_t Database::total_changes() const {
  return sqlite3_total_changes64(db_);
}

std::string Database::wal_path() const {
  const char* wal = sqlite3_filename_wal(sqlite3_db_filename(db_, "main"));
  return wal ? wal : "";
}

void Database::on_commit(std::function<void(int wal_frames)> on_commit) {
  on_commit_ = std::move(on_commit);
  sqlite3_wal_hook(
      db_,
      [](void* self, sqlite3*, const char*, int frames) -> int {
        // SQLite calls this from inside sqlite3_step: nothing may be thrown through it.
        try {
          static_cast<Database*>(self)->on_commit_(frames);
        } catch (...) {
        }
        return SQLITE_OK;
      },
      this);
}

int Database::checkpoint() {
  int frames = 0, copied = 0;
  const int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, &frames, &copied);
  if (rc == SQLITE_BUSY) return frames;  // another checkpoint is running: it will do the work
  if (rc != SQLITE_OK) fail(db_, "checkpoint");
  return frames - copied;
}

void Database::set_batched(bool batched, std::function<void()> on_batch_lost) {
  batched_ = batched;
  on_batch_lost_ = std::move(on_batch_lost);
  sqlite3_rollback_hook(
      db_,
      [](void* self) {
        // Called inside the SQLite call that rolls back: nothing may be thrown through it.
        auto& database = *static_cast<Database*>(self);
        if (!database.batch_open_) return;  // an autocommit statement's own transaction, not the batch
        database.batch_open_ = false;
        try {
          if (database.on_batch_lost_) database.on_batch_lost_();
        } catch (...) {
        }
      },
      this);
}

void Database::commit_batch() {
  cached("COMMIT").run();
  batch_open_ = false;
}

Transaction::Transaction(Database& db) : db_(db) {
  if (!db_.batched()) {
    db_.cached("BEGIN IMMEDIATE").run();
    return;
  }
  if (db_.autocommit()) {
    db_.cached("BEGIN IMMEDIATE").run();
    db_.batch_open_ = true;
  }
  db_.cached("SAVEPOINT request").run();
  savepoint_ = true;
}

Transaction::~Transaction() {
  if (done_) return;
  try {
    if (savepoint_) {
      db_.cached("ROLLBACK TO request").run();
      db_.cached("RELEASE request").run();
    } else {
      db_.cached("ROLLBACK").run();
    }
  } catch (...) {
    // SQLite may have rolled back already (an I/O error ends the whole transaction): the owner notices.
  }
}

void Transaction::commit() {
  if (savepoint_)
    db_.cached("RELEASE request").run();
  else if (!db_.batched())
    db_.cached("COMMIT").run();
  done_ = true;
}

}  // namespace timock::store
