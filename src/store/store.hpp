// The SQLite store: one connection behind a mutex. Every handler call takes the lock for the length of its
// work; SQLite allows one writer at a time anyway, and the calls are short.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "store/database.hpp"

namespace timock::store {

class Store {
 public:
  // Opens (creating if needed) and migrates. ":memory:" keeps nothing on disk.
  explicit Store(const std::string& path);

  // Exclusive use of the connection while it lives.
  class Locked {
   public:
    Database& db() { return store_.db_; }

   private:
    friend class Store;
    explicit Locked(Store& store) : store_(store), lock_(store.mutex_) {}
    Store& store_;
    std::unique_lock<std::mutex> lock_;
  };

  Locked lock() { return Locked(*this); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::mutex mutex_;
  Database db_;
};

}  // namespace timock::store
