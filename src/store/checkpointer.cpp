#include "store/checkpointer.hpp"

#include "core/log.hpp"

namespace timock::store {

namespace {
DatabaseOptions checkpointer_options(const char* vfs) {
  DatabaseOptions options;
  options.vfs = vfs;
  return options;
}
}  // namespace

Checkpointer::Checkpointer(const std::string& path, const char* vfs, std::function<void()> before)
    : db_(path, checkpointer_options(vfs)), before_(std::move(before)), thread_([this] { run(); }) {}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void Checkpointer::wal_grew(int frames) {
  {
    std::lock_guard lock(mutex_);
    if (frames < mark_) mark_ = 0;  // the WAL started over
    if (wanted_ || frames - mark_ < kCheckpointEveryFrames) return;
    mark_ = frames;
    wanted_ = true;
  }
  wake_.notify_one();
}

void Checkpointer::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return wanted_ || stopping_; });
    if (stopping_) return;
    wanted_ = false;
    lock.unlock();
    try {
      before_();
      db_.checkpoint();
      checkpoints_.fetch_add(1, std::memory_order_relaxed);
    } catch (const std::exception& error) {
      // The WAL only grows meanwhile; the next commit past the threshold asks again.
      core::log::write(core::log::Level::warn, "checkpoint failed", {{"error", error.what()}});
    }
    lock.lock();
  }
}

}  // namespace timock::store
