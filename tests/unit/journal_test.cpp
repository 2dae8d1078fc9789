// The journal's bounds: entries per app, bytes per body, and bytes per app (core/journal.hpp).
#include "core/journal.hpp"

#include <gtest/gtest.h>

#include <string>

namespace timock::core {
namespace {

JournalEntry with_body(std::size_t bytes) {
  JournalEntry entry;
  entry.request_body = std::string(bytes, 'x');
  return entry;
}

TEST(Journal, KeepsTheNewestEntriesUpToTheCap) {
  Journal journal(5);
  for (int i = 0; i < 8; ++i) journal.record(1, with_body(10));
  const auto entries = journal.query(1, {});
  ASSERT_EQ(entries.size(), 5u);
  EXPECT_EQ(entries.front().seq, 4u);
  EXPECT_EQ(entries.back().seq, 8u);
}

TEST(Journal, AnEntryIsAmendedWhenItsCallsWritesAreLostAndOnlyWhileItIsKept) {
  Journal journal(3);
  const auto first = journal.record(1, with_body(10));
  const auto second = journal.record(1, with_body(10));
  journal.amend(1, second, 70500, "lost");
  auto entries = journal.query(1, {});
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].error_code, 0);
  EXPECT_EQ(entries[1].error_code, 70500);
  EXPECT_EQ(entries[1].reply_body, "lost");
  for (int i = 0; i < 3; ++i) journal.record(1, with_body(10));  // `first` and `second` are dropped
  journal.amend(1, first, 70500, "gone");                          // a no-op, not a crash
  journal.amend(2, 1, 70500, "no such app");
  entries = journal.query(1, {});
  ASSERT_EQ(entries.size(), 3u);
  for (const auto& entry : entries) EXPECT_EQ(entry.error_code, 0);
}

TEST(Journal, ClipsEachBodyTo64KiB) {
  Journal journal;
  journal.record(1, with_body(1024 * 1024));
  const auto entries = journal.query(1, {});
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_LE(entries[0].request_body.size(), Journal::kMaxBodyBytes + 32);
}

TEST(Journal, KeepsAtMost64MiBOfBodiesPerAppWhateverTheEntryCap) {
  Journal journal;  // 10,000 entries: the byte budget binds first
  constexpr int kEntries = 2000;
  for (int i = 0; i < kEntries; ++i) journal.record(1, with_body(Journal::kMaxBodyBytes));
  JournalFilter all;
  all.limit = kEntries;
  const auto entries = journal.query(1, all);
  EXPECT_EQ(entries.size(), Journal::kMaxBytesPerApp / Journal::kMaxBodyBytes);
  EXPECT_EQ(entries.back().seq, static_cast<std::uint64_t>(kEntries)) << "the newest are kept";
  // The budget is per app, and a clear gives it back.
  journal.record(2, with_body(100));
  EXPECT_EQ(journal.query(2, {}).size(), 1u);
  journal.clear(1);
  for (int i = 0; i < 10; ++i) journal.record(1, with_body(Journal::kMaxBodyBytes));
  EXPECT_EQ(journal.query(1, all).size(), 10u);
}

}  // namespace
}  // namespace timock::core
