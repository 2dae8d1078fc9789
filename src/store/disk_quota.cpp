#include "store/disk_quota.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace timock::store {

namespace {

// One file the store has opened, by path (the writer, the readers and the checkpointer open the same ones).
struct TrackedFile {
  std::int64_t size = 0;
  int opens = 0;
};

std::atomic<std::uint64_t> next_vfs_number{1};

}  // namespace

struct DiskQuota::State {
  sqlite3_vfs vfs{};
  sqlite3_vfs* os = nullptr;  // the operating system's VFS, which does the I/O
  std::string name;
  mutable std::mutex mutex;
  std::map<std::string, TrackedFile, std::less<>> files;  // kept after close: the file is still on disk
  std::int64_t used = 0;
  std::optional<std::int64_t> limit;
  std::uint64_t refused = 0;
  std::atomic<std::uint64_t> wal_os_writes{0};
};

namespace {

using State = DiskQuota::State;

// A WAL file's writes not yet handed to the OS (see gather_wal_write).
struct WalGather {
  std::vector<char> bytes;
  sqlite3_int64 offset = 0;       // the file offset of bytes[0]
  bool commit_page_next = false;  // the last write was a commit frame's header: its page ends the transaction
};

// The sqlite3_file this VFS hands SQLite: its own fields, then the OS VFS's file (szOsFile covers both).
struct QuotaFile {
  sqlite3_file base;
  State* state;
  TrackedFile* tracked;  // null for a file without a name (a temporary file): not counted
  sqlite3_file* os;
  WalGather* wal;  // WAL files only (owned; the struct lives in SQLite's memory, so no members with destructors)
};

QuotaFile& quota_file(sqlite3_file* file) { return *reinterpret_cast<QuotaFile*>(file); }
sqlite3_file* os_file(sqlite3_file* file) { return quota_file(file).os; }
const sqlite3_io_methods& os_methods(sqlite3_file* file) { return *os_file(file)->pMethods; }

// The WAL file format (sqlite.org/fileformat2.html#walformat): a 32-byte header, then frames of a 24-byte header
// and a page; a frame header's bytes 4–7 hold the database size after a commit, and are 0 in any other frame.
constexpr int kWalHeaderBytes = 32;
constexpr int kFrameHeaderBytes = 24;
// A transaction that spills its cache writes frames with no commit among them: handed on past this size.
constexpr std::size_t kWalGatherMax = std::size_t{1} << 20;

// The most one write to the OS VFS may carry: SQLite's unix VFS masks a write's length to 17 bits
// (seekAndWriteFd), so a longer gathered write is handed on in pieces.
constexpr int kMostOsWrite = 120 * 1024;

// Hands the OS what the counters already allow for (the quota was checked when each write was gathered).
int write_through(QuotaFile& quota, const void* data, int amount, sqlite3_int64 offset) {
  int rc = SQLITE_OK;
  for (int done = 0; done < amount && rc == SQLITE_OK; done += kMostOsWrite) {
    rc = quota.os->pMethods->xWrite(quota.os, static_cast<const char*>(data) + done,
                                    std::min(kMostOsWrite, amount - done), offset + done);
    if (quota.wal) quota.state->wal_os_writes.fetch_add(1, std::memory_order_relaxed);
  }
  const std::int64_t end = offset + amount;
  if (rc == SQLITE_OK && quota.tracked) {
    std::lock_guard lock(quota.state->mutex);
    if (end > quota.tracked->size) {
      quota.state->used += end - quota.tracked->size;
      quota.tracked->size = end;
    }
  }
  return rc;
}

// Writes out a WAL file's gathered frames. Every method but xWrite calls it first, so this connection never
// reads, sizes, syncs or truncates the file behind its own writes.
int settle(sqlite3_file* file) {
  auto& quota = quota_file(file);
  if (!quota.wal || quota.wal->bytes.empty()) return SQLITE_OK;
  auto& gather = *quota.wal;
  const int rc = write_through(quota, gather.bytes.data(), static_cast<int>(gather.bytes.size()), gather.offset);
  gather.bytes.clear();
  gather.commit_page_next = false;
  return rc;
}

// SQLite writes each WAL frame in two calls (its header, then its page), each a pwrite; in this VM a syscall is
// costly, and the seal of a batch of ~8 messages (~15 frames) under the writer's lock was mostly these
// (bench/RESULTS.md F1). So a WAL's contiguous writes are gathered and handed to the OS as one when the
// transaction's last write arrives, the page of its commit frame — inside that xWrite call, so a failure is
// still the commit's own error and SQLite rolls the transaction back as before. Nobody reads gathered frames:
// other connections see a frame only once the commit publishes it in the wal-index, after its last write;
// this connection's own reads write out what is pending first (settle); and a SIGKILL meanwhile loses only a
// transaction that had not committed, as before.
int gather_wal_write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  auto& quota = quota_file(file);
  auto& gather = *quota.wal;
  if (!gather.bytes.empty() && offset != gather.offset + static_cast<sqlite3_int64>(gather.bytes.size()))
    if (const int rc = settle(file); rc != SQLITE_OK) return rc;
  if (gather.bytes.empty()) gather.offset = offset;
  const auto* bytes = static_cast<const char*>(data);
  gather.bytes.insert(gather.bytes.end(), bytes, bytes + amount);
  const bool ends_transaction = gather.commit_page_next;
  gather.commit_page_next = amount == kFrameHeaderBytes && offset >= kWalHeaderBytes &&
                            (bytes[4] != 0 || bytes[5] != 0 || bytes[6] != 0 || bytes[7] != 0);
  if (ends_transaction || gather.bytes.size() >= kWalGatherMax) return settle(file);
  return SQLITE_OK;
}

int quota_close(sqlite3_file* file) {
  auto& quota = quota_file(file);
  settle(file);  // a close after a failed transaction: nothing of it is published, so an error changes nothing
  delete quota.wal;
  quota.wal = nullptr;
  const int rc = os_methods(file).xClose(quota.os);
  if (quota.tracked) {
    std::lock_guard lock(quota.state->mutex);
    --quota.tracked->opens;
  }
  return rc;
}

int quota_read(sqlite3_file* file, void* out, int amount, sqlite3_int64 offset) {
  if (const int rc = settle(file); rc != SQLITE_OK) return rc;
  return os_methods(file).xRead(os_file(file), out, amount, offset);
}

int quota_write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  auto& quota = quota_file(file);
  const std::int64_t end = offset + amount;
  if (quota.tracked) {
    std::lock_guard lock(quota.state->mutex);
    const auto growth = end - quota.tracked->size;
    if (growth > 0 && quota.state->limit && quota.state->used + growth > *quota.state->limit) {
      ++quota.state->refused;
      // SQLite rolls the transaction back. What it had gathered is written out before the next transaction's
      // writes (which start over at the same offsets and so overwrite it): never dropped, since it may hold a
      // restarted WAL's header.
      return SQLITE_FULL;
    }
  }
  if (quota.wal) return gather_wal_write(file, data, amount, offset);
  return write_through(quota, data, amount, offset);
}

int quota_truncate(sqlite3_file* file, sqlite3_int64 size) {
  auto& quota = quota_file(file);
  if (const int rc = settle(file); rc != SQLITE_OK) return rc;
  const int rc = os_methods(file).xTruncate(quota.os, size);
  if (rc == SQLITE_OK && quota.tracked) {
    std::lock_guard lock(quota.state->mutex);
    quota.state->used += size - quota.tracked->size;
    quota.tracked->size = size;
  }
  return rc;
}

int quota_sync(sqlite3_file* file, int flags) {
  if (const int rc = settle(file); rc != SQLITE_OK) return rc;
  return os_methods(file).xSync(os_file(file), flags);
}
int quota_file_size(sqlite3_file* file, sqlite3_int64* size) {
  if (const int rc = settle(file); rc != SQLITE_OK) return rc;
  return os_methods(file).xFileSize(os_file(file), size);
}
int quota_lock(sqlite3_file* file, int level) { return os_methods(file).xLock(os_file(file), level); }
int quota_unlock(sqlite3_file* file, int level) { return os_methods(file).xUnlock(os_file(file), level); }
int quota_check_reserved_lock(sqlite3_file* file, int* out) {
  return os_methods(file).xCheckReservedLock(os_file(file), out);
}
int quota_file_control(sqlite3_file* file, int op, void* arg) {
  if (const int rc = settle(file); rc != SQLITE_OK) return rc;
  return os_methods(file).xFileControl(os_file(file), op, arg);
}
int quota_sector_size(sqlite3_file* file) { return os_methods(file).xSectorSize(os_file(file)); }
int quota_device_characteristics(sqlite3_file* file) {
  return os_methods(file).xDeviceCharacteristics(os_file(file));
}

// WAL mode's shared-memory index and the memory map (version 2 and 3 methods): the OS file's, where it has them.
int quota_shm_map(sqlite3_file* file, int page, int page_size, int extend, void volatile** out) {
  const auto& os = os_methods(file);
  if (os.iVersion < 2 || !os.xShmMap) return SQLITE_IOERR_SHMMAP;
  return os.xShmMap(os_file(file), page, page_size, extend, out);
}
int quota_shm_lock(sqlite3_file* file, int offset, int count, int flags) {
  const auto& os = os_methods(file);
  if (os.iVersion < 2 || !os.xShmLock) return SQLITE_IOERR_SHMLOCK;
  return os.xShmLock(os_file(file), offset, count, flags);
}
void quota_shm_barrier(sqlite3_file* file) {
  const auto& os = os_methods(file);
  if (os.iVersion >= 2 && os.xShmBarrier) os.xShmBarrier(os_file(file));
}
int quota_shm_unmap(sqlite3_file* file, int delete_flag) {
  const auto& os = os_methods(file);
  if (os.iVersion < 2 || !os.xShmUnmap) return SQLITE_OK;
  return os.xShmUnmap(os_file(file), delete_flag);
}
int quota_fetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** out) {
  const auto& os = os_methods(file);
  if (os.iVersion < 3 || !os.xFetch) {
    *out = nullptr;  // no map: SQLite reads with xRead
    return SQLITE_OK;
  }
  return os.xFetch(os_file(file), offset, amount, out);
}
int quota_unfetch(sqlite3_file* file, sqlite3_int64 offset, void* page) {
  const auto& os = os_methods(file);
  if (os.iVersion < 3 || !os.xUnfetch) return SQLITE_OK;
  return os.xUnfetch(os_file(file), offset, page);
}

const sqlite3_io_methods kQuotaMethods = {
    3,
    quota_close,
    quota_read,
    quota_write,
    quota_truncate,
    quota_sync,
    quota_file_size,
    quota_lock,
    quota_unlock,
    quota_check_reserved_lock,
    quota_file_control,
    quota_sector_size,
    quota_device_characteristics,
    quota_shm_map,
    quota_shm_lock,
    quota_shm_barrier,
    quota_shm_unmap,
    quota_fetch,
    quota_unfetch,
};

State& state_of(sqlite3_vfs* vfs) { return *static_cast<State*>(vfs->pAppData); }
sqlite3_vfs* os_vfs(sqlite3_vfs* vfs) { return state_of(vfs).os; }

int quota_open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  auto& state = state_of(vfs);
  auto& quota = quota_file(file);
  quota.base.pMethods = nullptr;  // SQLite calls no method of a file whose open failed
  quota.state = &state;
  quota.tracked = nullptr;
  quota.wal = nullptr;
  quota.os = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + sizeof(QuotaFile));
  quota.os->pMethods = nullptr;
  const int rc = state.os->xOpen(state.os, name, quota.os, flags, out_flags);
  if (rc != SQLITE_OK) {
    if (quota.os->pMethods) quota.os->pMethods->xClose(quota.os);
    return rc;
  }
  if (name) {
    sqlite3_int64 size = 0;
    if (quota.os->pMethods->xFileSize(quota.os, &size) != SQLITE_OK) size = 0;
    std::lock_guard lock(state.mutex);
    auto& tracked = state.files[name];
    if (tracked.opens++ == 0) {
      // Opened afresh: the file may have changed while no connection had it open.
      state.used += size - tracked.size;
      tracked.size = size;
    }
    quota.tracked = &tracked;
  }
  if (flags & SQLITE_OPEN_WAL) quota.wal = new WalGather();
  quota.base.pMethods = &kQuotaMethods;
  return SQLITE_OK;
}

int quota_delete(sqlite3_vfs* vfs, const char* name, int sync_dir) {
  auto& state = state_of(vfs);
  const int rc = state.os->xDelete(state.os, name, sync_dir);
  if (rc == SQLITE_OK && name) {
    std::lock_guard lock(state.mutex);
    if (auto it = state.files.find(std::string_view(name)); it != state.files.end()) {
      state.used -= it->second.size;
      it->second.size = 0;
    }
  }
  return rc;
}

// The rest is the OS VFS's own, called with the OS VFS (its methods may read their own pAppData).
int quota_access(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
  return os_vfs(vfs)->xAccess(os_vfs(vfs), name, flags, out);
}
int quota_full_pathname(sqlite3_vfs* vfs, const char* name, int size, char* out) {
  return os_vfs(vfs)->xFullPathname(os_vfs(vfs), name, size, out);
}
void* quota_dl_open(sqlite3_vfs* vfs, const char* name) { return os_vfs(vfs)->xDlOpen(os_vfs(vfs), name); }
void quota_dl_error(sqlite3_vfs* vfs, int size, char* out) { os_vfs(vfs)->xDlError(os_vfs(vfs), size, out); }
void (*quota_dl_sym(sqlite3_vfs* vfs, void* handle, const char* symbol))(void) {
  return os_vfs(vfs)->xDlSym(os_vfs(vfs), handle, symbol);
}
void quota_dl_close(sqlite3_vfs* vfs, void* handle) { os_vfs(vfs)->xDlClose(os_vfs(vfs), handle); }
int quota_randomness(sqlite3_vfs* vfs, int size, char* out) {
  return os_vfs(vfs)->xRandomness(os_vfs(vfs), size, out);
}
int quota_sleep(sqlite3_vfs* vfs, int microseconds) { return os_vfs(vfs)->xSleep(os_vfs(vfs), microseconds); }
int quota_current_time(sqlite3_vfs* vfs, double* out) { return os_vfs(vfs)->xCurrentTime(os_vfs(vfs), out); }
int quota_get_last_error(sqlite3_vfs* vfs, int size, char* out) {
  return os_vfs(vfs)->xGetLastError(os_vfs(vfs), size, out);
}
int quota_current_time_int64(sqlite3_vfs* vfs, sqlite3_int64* out) {
  return os_vfs(vfs)->xCurrentTimeInt64(os_vfs(vfs), out);
}

}  // namespace

DiskQuota::DiskQuota() : state_(std::make_unique<State>()) {
  auto& state = *state_;
  state.os = sqlite3_vfs_find(nullptr);
  if (!state.os) throw std::runtime_error("SQLite has no default VFS");
  state.name = "timock-disk-quota-" + std::to_string(next_vfs_number++);
  auto& vfs = state.vfs;
  vfs.iVersion = 2;  // up to xCurrentTimeInt64; the system-call overrides (version 3) are for SQLite's own tests
  vfs.szOsFile = static_cast<int>(sizeof(QuotaFile)) + state.os->szOsFile;
  vfs.mxPathname = state.os->mxPathname;
  vfs.zName = state.name.c_str();
  vfs.pAppData = &state;
  vfs.xOpen = quota_open;
  vfs.xDelete = quota_delete;
  vfs.xAccess = quota_access;
  vfs.xFullPathname = quota_full_pathname;
  vfs.xDlOpen = quota_dl_open;
  vfs.xDlError = quota_dl_error;
  vfs.xDlSym = quota_dl_sym;
  vfs.xDlClose = quota_dl_close;
  vfs.xRandomness = quota_randomness;
  vfs.xSleep = quota_sleep;
  vfs.xCurrentTime = quota_current_time;
  vfs.xGetLastError = quota_get_last_error;
  vfs.xCurrentTimeInt64 = quota_current_time_int64;
  if (sqlite3_vfs_register(&vfs, 0) != SQLITE_OK) throw std::runtime_error("cannot register the disk-quota VFS");
}

DiskQuota::~DiskQuota() { sqlite3_vfs_unregister(&state_->vfs); }

const char* DiskQuota::vfs_name() const { return state_->name.c_str(); }

void DiskQuota::set_limit(std::optional<std::int64_t> bytes) {
  std::lock_guard lock(state_->mutex);
  state_->limit = bytes;
}

std::optional<std::int64_t> DiskQuota::limit() const {
  std::lock_guard lock(state_->mutex);
  return state_->limit;
}

std::int64_t DiskQuota::used() const {
  std::lock_guard lock(state_->mutex);
  return state_->used;
}

std::uint64_t DiskQuota::wal_os_writes() const { return state_->wal_os_writes.load(std::memory_order_relaxed); }

std::uint64_t DiskQuota::refused_writes() const {
  std::lock_guard lock(state_->mutex);
  return state_->refused;
}

}  // namespace timock::store
