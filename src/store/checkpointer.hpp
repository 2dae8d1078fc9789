// Background checkpoints. The writer never checkpoints on its own (its WAL hook replaces SQLite's
// autocheckpoint), so no request waits for a checkpoint's page copies and its two fsyncs. This thread copies
// the WAL back into the database file with a connection of its own each time the WAL has grown by
// kCheckpointEveryFrames; WAL mode lets that run while the writer appends and readers read. Under a steady
// write load such a checkpoint never catches up with the end of the WAL, and SQLite only starts the WAL over
// once one has: the store finishes the job between two batches (Store::seal_batch), with little left to copy.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "store/database.hpp"

namespace timock::store {

class Checkpointer {
 public:
  // SQLite's own autocheckpoint is at 1,000 frames (4 MiB of 4 KiB pages). Copying less often lets a page
  // rewritten by many batches (an index's hot leaf) be copied once instead of many times: at 4,096 frames the
  // checkpoints took a sixth of timock's CPU under a sendmsg load, at every commit past 8,192 frames twice that.
  static constexpr int kCheckpointEveryFrames = 4096;

  // `before` runs ahead of each checkpoint (the store lets go of idle readers' stale views there).
  // `vfs`: the SQLite VFS the store's connections use (null: the default).
  Checkpointer(const std::string& path, const char* vfs, std::function<void()> before);
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // From the writer after a commit: the WAL holds `frames` frames.
  void wal_grew(int frames);
  std::uint64_t checkpoints() const { return checkpoints_.load(); }

 private:
  void run();

  Database db_;
  std::function<void()> before_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool wanted_ = false;
  int mark_ = 0;  // the WAL's length when the last checkpoint was asked for (under mutex_)
  bool stopping_ = false;
  std::atomic<std::uint64_t> checkpoints_{0};
  std::thread thread_;
};

}  // namespace timock::store
