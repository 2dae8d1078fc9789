// A full disk on demand. The store's connections open their files (database, WAL) through a SQLite VFS that
// wraps the operating system's and counts how many bytes the files take; with a limit set, a write that would
// grow them past it fails with SQLITE_FULL, as a write to a full file system does, and succeeds again once
// the limit is raised or lifted. Overwrites within a file's length always succeed (they need no new blocks).
// Tests and users reach it through PUT /mock/disk, to see what their code gets when timock's disk fills up.
//
// The same VFS gathers each WAL transaction's frame writes and hands them to the OS as one write when the
// transaction's last frame is written (disk_quota.cpp, gather_wal_write): SQLite writes two per frame, and in
// this VM the syscalls were most of a batch commit under the writer's lock (bench/RESULTS.md F1).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace timock::store {

class DiskQuota {
 public:
  // Registers a VFS of its own, under a name no other DiskQuota has. Connections name it when they open.
  DiskQuota();
  // Unregisters it: every connection opened through it must be closed by then.
  ~DiskQuota();
  DiskQuota(const DiskQuota&) = delete;
  DiskQuota& operator=(const DiskQuota&) = delete;

  const char* vfs_name() const;
  // Bytes the files may take at most; nullopt: no limit (the disk's own).
  void set_limit(std::optional<std::int64_t> bytes);
  std::optional<std::int64_t> limit() const;
  // Bytes the files opened through it take now.
  std::int64_t used() const;
  // Writes refused for want of space so far.
  std::uint64_t refused_writes() const;
  // Writes handed to the OS for WAL files so far (one per gathered transaction, where SQLite made two per frame).
  std::uint64_t wal_os_writes() const;

  struct State;

 private:
  std::unique_ptr<State> state_;
};

}  // namespace timock::store
