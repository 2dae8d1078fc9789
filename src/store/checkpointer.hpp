// Background checkpoints. The writer never checkpoints (its WAL hook replaces SQLite's autocheckpoint), so
// no request waits for a checkpoint's page copies and its two fsyncs. This thread copies the WAL back into
// the database file with a connection of its own whenever the WAL has grown past kCheckpointFrames; WAL mode
// lets that run while the writer appends and readers read. SQLite restarts the WAL from its start once a
// checkpoint has copied all of it.
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
  // SQLite's own autocheckpoint is 1,000 frames (4 MiB of 4 KiB pages). A larger WAL lets a page rewritten by
  // many batches (an index's hot leaf) be copied once instead of many times, at the price of a longer WAL for
  // readers to search: 8,192 frames is 32 MiB.
  static constexpr int kCheckpointFrames = 8192;

  // `before` runs ahead of each checkpoint (the store lets go of idle readers' stale views there).
  Checkpointer(const std::string& path, std::function<void()> before);
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
  bool stopping_ = false;
  std::atomic<std::uint64_t> checkpoints_{0};
  std::thread thread_;
};

}  // namespace timock::store
