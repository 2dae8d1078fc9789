// store::Store with a database file: requests' writes are grouped into batches that one commit and one
// fsync serve (GroupCommit), readers see a batch once it is committed, and a request's rollback undoes only
// its own writes.
#include "store/group_commit.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <future>
#include <thread>
#include <vector>

#include "../temp_dir.hpp"
#include "store/database.hpp"
#include "store/disk_quota.hpp"
#include "store/store.hpp"
#include "wait_durable.hpp"

namespace timock::store {
namespace {

using namespace std::chrono_literals;
using timock::testing::TempDir;

class GroupCommitStore : public ::testing::Test {
 protected:
  TempDir dir{"timock-group-commit"};
  std::string path = dir.path + "/state.db";
  std::unique_ptr<Store> store = std::make_unique<Store>(path);

  void SetUp() override {
    create_table();
    store->flush();  // the table is in the file: readers see it
  }
  void create_table() {
    auto locked = store->lock();
    Transaction tx(locked.db());
    locked.db().exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
    tx.commit();
  }
  // One request: a transaction inserting `text`, noted in a CommitWatch as the router does.
  CommitRange write(const std::string& text) {
    CommitWatch watch(*store);
    {
      auto locked = store->lock();
      Transaction tx(locked.db());
      locked.db().cached("INSERT INTO notes (text) VALUES (?)").bind(1, text).run();
      tx.commit();
    }
    return watch.range();
  }
  std::int64_t count_read() {
    auto reading = store->read();
    auto& query = reading.db().cached("SELECT count(*) FROM notes");
    query.step();
    return query.int64(0);
  }
  bool wait_durable(CommitRange range) { return timock::store::wait_durable(*store, range); }
};

TEST_F(GroupCommitStore, AWriteGetsATicketThatBecomesDurable) {
  const auto range = write("hello");
  ASSERT_FALSE(range.empty());
  EXPECT_TRUE(wait_durable(range));
  EXPECT_EQ(store->durability(range), Durability::on_disk);
}

TEST_F(GroupCommitStore, ARequestThatOnlyReadsWaitsForNothing) {
  CommitWatch watch(*store);
  EXPECT_EQ(count_read(), 0);
  EXPECT_EQ(watch.ticket(), 0u);
}

TEST_F(GroupCommitStore, ReadersSeeAWriteOnceItsBatchIsCommitted) {
  const auto range = write("hello");
  EXPECT_TRUE(wait_durable(range));
  EXPECT_EQ(count_read(), 1);
}

TEST_F(GroupCommitStore, ARequestReadsItsOwnWritesBeforeTheirBatchIsCommitted) {
  for (int i = 0; i < 20; ++i) {
    CommitWatch watch(*store);
    {
      auto locked = store->lock();
      locked.db().cached("INSERT INTO notes (text) VALUES ('mine')").run();
    }
    EXPECT_EQ(count_read(), i + 1);  // through the writer while the batch is open, a reader once it is not
  }
}

TEST_F(GroupCommitStore, ConcurrentWritesShareSyncs) {
  constexpr int kThreads = 8;
  constexpr int kWritesEach = 50;
  const auto syncs_before = store->syncs();
  std::vector<std::thread> threads;
  std::atomic<int> not_durable{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWritesEach; ++i)
        if (!wait_durable(write("t" + std::to_string(t) + "-" + std::to_string(i)))) ++not_durable;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(not_durable, 0);
  EXPECT_EQ(count_read(), kThreads * kWritesEach);
  // Each writer waits for its sync before writing again, so at best a sync serves all eight; with one sync
  // per write there would be 400.
  EXPECT_LT(store->syncs() - syncs_before, static_cast<std::uint64_t>(kThreads * kWritesEach));
  RecordProperty("syncs", std::to_string(store->syncs() - syncs_before));
}

TEST_F(GroupCommitStore, ARolledBackRequestUndoesOnlyItsOwnWritesInTheBatch) {
  const auto kept = write("kept");
  {
    CommitWatch watch(*store);
    auto locked = store->lock();
    Transaction tx(locked.db());  // a savepoint in the batch that holds "kept", unless it was sealed already
    locked.db().cached("INSERT INTO notes (text) VALUES (?)").bind(1, "dropped").run();
    // no commit(): the destructor rolls back
  }
  const auto after = write("after");
  EXPECT_TRUE(wait_durable(kept));
  EXPECT_TRUE(wait_durable(after));
  auto reading = store->read();
  auto& query =
      reading.db().cached("SELECT group_concat(text, ',') FROM (SELECT text FROM notes ORDER BY id)");
  query.step();
  EXPECT_EQ(query.text(0), "kept,after");
}

TEST_F(GroupCommitStore, WhenCommittedRunsOnceReadersSeeTheWrite) {
  std::promise<std::int64_t> seen;
  {
    CommitWatch watch(*store);
    {
      auto locked = store->lock();
      locked.db().cached("INSERT INTO notes (text) VALUES ('pushed')").run();
    }
    store->when_committed([&] { seen.set_value(count_read()); });
  }
  auto result = seen.get_future();
  ASSERT_EQ(result.wait_for(10s), std::future_status::ready);
  EXPECT_EQ(result.get(), 1);
}

TEST_F(GroupCommitStore, WhenCommittedWithoutWritesRunsAtOnce) {
  bool ran = false;
  CommitWatch watch(*store);
  store->when_committed([&] { ran = true; });
  EXPECT_TRUE(ran);
}

TEST_F(GroupCommitStore, FlushLeavesEverythingInTheFileForTheNextOpen) {
  for (int i = 0; i < 10; ++i) write("n" + std::to_string(i));
  store->flush();
  store.reset();
  Store reopened(path);
  auto reading = reopened.read();
  auto& query = reading.db().cached("SELECT count(*) FROM notes");
  query.step();
  EXPECT_EQ(query.int64(0), 10);
}

TEST_F(GroupCommitStore, AWriteOutsideATransactionIsGroupedToo) {
  CommitWatch watch(*store);
  {
    auto locked = store->lock();
    locked.db().cached("INSERT INTO notes (text) VALUES ('bare')").run();
  }
  ASSERT_NE(watch.ticket(), 0u);
  EXPECT_TRUE(wait_durable(watch.range()));
  EXPECT_EQ(count_read(), 1);
}

TEST(GroupCommitMemory, InMemoryStoresHaveNothingToWaitFor) {
  Store store(":memory:");
  CommitWatch watch(store);
  {
    auto locked = store.lock();
    Transaction tx(locked.db());
    locked.db().exec("CREATE TABLE t (x)");
    tx.commit();
  }
  EXPECT_EQ(watch.ticket(), 0u);
  EXPECT_EQ(store.durability(watch.range()), Durability::on_disk);
  EXPECT_EQ(store.syncs(), 0u);
}

// The store's VFS hands a transaction's WAL frames to the OS as one write (store/disk_quota.hpp), where SQLite
// makes two writes per frame; what reaches the file must still be a WAL that SQLite recovers from.
TEST_F(GroupCommitStore, ATransactionsWalFramesReachTheFileInOneWriteAndRecover) {
  const auto before = store->disk()->wal_os_writes();
  {
    CommitWatch watch(*store);
    auto locked = store->lock();
    Transaction tx(locked.db());
    // ~150 pages of 4 KiB (~620 KB of frames): 300 writes as SQLite makes them, and past the 128 KiB one write
    // to SQLite's unix VFS may carry (so the gathered frames go in pieces).
    for (int i = 0; i < 200; ++i)
      locked.db()
          .cached("INSERT INTO notes (text) VALUES (?)")
          .bind(1, std::string(3000, static_cast<char>('a' + i % 26)))
          .run();
    tx.commit();
  }
  store->flush();
  const auto writes = store->disk()->wal_os_writes() - before;
  EXPECT_GE(writes, 1u);
  EXPECT_LE(writes, 9u);  // ~620 KB in pieces of 120 KiB, and at most a restarted WAL's header

  // A copy of the files as they are now (no checkpoint forced) opens with every row.
  const std::string copy = dir.path + "/copy.db";
  std::filesystem::copy_file(path, copy);
  if (std::filesystem::exists(path + "-wal")) std::filesystem::copy_file(path + "-wal", copy + "-wal");
  Store reopened(copy);
  auto reading = reopened.read();
  auto& count = reading.db().cached("SELECT count(*), max(length(text)) FROM notes");
  ASSERT_TRUE(count.step());
  EXPECT_EQ(count.int64(0), 200);
  EXPECT_EQ(count.int64(1), 3000);
}

}  // namespace
}  // namespace timock::store
