// SigCache: a bounded, thread-safe store of UserSigs that verified (reference/usersig.md §4; STYLE §4).
#include "auth/sig_cache.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace timock::auth {
namespace {

VerifyResult success(std::int64_t time = 1700000000, std::int64_t expire = 86400) {
  VerifyResult result;
  result.version = 2;
  result.time = time;
  result.expire = expire;
  return result;
}

TEST(SigCache, EmptyCacheMisses) {
  SigCache cache;
  EXPECT_FALSE(cache.find(1, "sig", "alice", 1700000000).has_value());
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.capacity(), SigCache::kDefaultCapacity);
}

TEST(SigCache, HitReturnsTheStoredResultForTheSameAppSigAndIdentifier) {
  SigCache cache;
  cache.insert(1400000000, "sig-a", "alice", success());
  const auto hit = cache.find(1400000000, "sig-a", "alice", 1700000100);
  ASSERT_TRUE(hit.has_value());
  EXPECT_TRUE(hit->ok());
  EXPECT_EQ(hit->version, 2);
  EXPECT_EQ(hit->expires_at(), 1700086400);
}

TEST(SigCache, HitRequiresTheIdentifierTheSigWasVerifiedFor) {
  SigCache cache;
  cache.insert(1400000000, "sig-a", "alice", success());
  EXPECT_FALSE(cache.find(1400000000, "sig-a", "mallory", 1700000100).has_value());
  EXPECT_FALSE(cache.find(1400000000, "sig-a", "Alice", 1700000100).has_value());
}

TEST(SigCache, HitRequiresTheSameSdkAppId) {
  SigCache cache;
  cache.insert(1400000000, "sig-a", "alice", success());
  EXPECT_FALSE(cache.find(1400000001, "sig-a", "alice", 1700000100).has_value());
}

TEST(SigCache, HitAfterExpiryReportsExpiredAndRecoversWhenTheClockMovesBack) {
  SigCache cache;
  cache.insert(1, "sig", "alice", success(1700000000, 10));
  EXPECT_TRUE(cache.find(1, "sig", "alice", 1700000010)->ok());  // last valid second
  const auto late = cache.find(1, "sig", "alice", 1700000011);
  ASSERT_TRUE(late.has_value());
  EXPECT_EQ(late->failure, SigFailure::expired);
  EXPECT_TRUE(cache.find(1, "sig", "alice", 1700000005)->ok());  // /mock moved the clock back
}

TEST(SigCache, FailuresAreNeverStoredSoBadSigsDoNotGrowMemory) {
  SigCache cache;
  VerifyResult bad;
  bad.failure = SigFailure::sig_mismatch;
  for (int i = 0; i < 10000; ++i) cache.insert(1, "bad-" + std::to_string(i), "alice", bad);
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_FALSE(cache.find(1, "bad-1", "alice", 0).has_value());
}

TEST(SigCache, FullCacheEvictsTheLeastRecentlyUsedEntry) {
  SigCache cache(3);
  cache.insert(1, "a", "u", success());
  cache.insert(1, "b", "u", success());
  cache.insert(1, "c", "u", success());
  ASSERT_TRUE(cache.find(1, "a", "u", 1700000000));  // a is now the most recent; b the oldest
  cache.insert(1, "d", "u", success());
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_TRUE(cache.find(1, "a", "u", 1700000000));
  EXPECT_FALSE(cache.find(1, "b", "u", 1700000000));
  EXPECT_TRUE(cache.find(1, "c", "u", 1700000000));
  EXPECT_TRUE(cache.find(1, "d", "u", 1700000000));
}

TEST(SigCache, ReinsertingTheSameSigReplacesItsEntry) {
  SigCache cache;
  cache.insert(1, "a", "alice", success(1700000000, 10));
  cache.insert(1, "a", "alice", success(1700000000, 20));
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.find(1, "a", "alice", 1700000000)->expire, 20);
}

TEST(SigCache, EraseAppDropsOnlyThatAppsEntries) {
  SigCache cache;
  cache.insert(1, "a", "u", success());
  cache.insert(2, "a", "u", success());
  cache.insert(1, "b", "u", success());
  cache.erase_app(1);
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_FALSE(cache.find(1, "a", "u", 1700000000));
  EXPECT_TRUE(cache.find(2, "a", "u", 1700000000));
  cache.clear();
  EXPECT_EQ(cache.size(), 0u);
}

TEST(SigCache, ConcurrentInsertsAndFindsStayWithinCapacity) {
  SigCache cache(64);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&cache, t] {
      for (int i = 0; i < 2000; ++i) {
        const std::string sig = "sig-" + std::to_string(t) + "-" + std::to_string(i % 100);
        cache.insert(static_cast<std::uint64_t>(t % 2), sig, "u", success());
        const auto hit = cache.find(static_cast<std::uint64_t>(t % 2), sig, "u", 1700000000);
        if (hit) {
          EXPECT_TRUE(hit->ok());
        }
        if (i % 500 == 0) cache.erase_app(static_cast<std::uint64_t>(t % 2));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_LE(cache.size(), 64u);
}

}  // namespace
}  // namespace timock::auth
