// A bounded cache of UserSigs that already verified, so a REST or WebIM caller presenting the same ticket
// again skips the zlib/JSON/HMAC (or ECDSA) work. Only successes are stored: a flood of distinct bad sigs
// costs a verification each but no memory. Expiry is re-checked on every hit because the control plane
// can move the clock (reference/usersig.md §6 "Clock").
//
// Scope: plain UserSig checks (VerifyRequest::expected_userbuf == nullopt). Callers that verify tickets
// against an expected userbuf (PrivateMapKey) must not share a cache with plain checks. When an app's
// keys change, call erase_app so tickets minted with the old key stop being accepted.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "auth/usersig.hpp"

namespace timock::auth {

class SigCache {
 public:
  // 10000 tickets of ~300 bytes is about 4 MB with the bookkeeping: enough for every user of a test
  // deployment to stay cached, small enough to never matter.
  static constexpr std::size_t kDefaultCapacity = 10000;

  explicit SigCache(std::size_t capacity = kDefaultCapacity);
  SigCache(const SigCache&) = delete;
  SigCache& operator=(const SigCache&) = delete;

  // A hit only when (sdkappid, usersig) was stored for the same identifier. The result carries
  // failure == expired when now > expires_at (the entry stays: the clock may move back).
  std::optional<VerifyResult> find(std::uint64_t sdkappid, std::string_view usersig,
                                   std::string_view identifier, std::int64_t now);
  // Stores a successful verification (anything else is ignored), evicting the least recently used entry
  // when full.
  void insert(std::uint64_t sdkappid, std::string_view usersig, std::string_view identifier,
              const VerifyResult& result);
  void erase_app(std::uint64_t sdkappid);
  void clear();
  std::size_t size() const;
  std::size_t capacity() const { return capacity_; }

 private:
  struct Key {
    std::uint64_t sdkappid = 0;
    std::string_view usersig;  // points into the owning Entry
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& key) const noexcept;
  };
  struct Entry {
    std::uint64_t sdkappid = 0;
    std::string usersig;
    std::string identifier;
    VerifyResult result;
  };
  using Lru = std::list<Entry>;  // front = most recently used

  void erase(Lru::iterator it);

  const std::size_t capacity_;
  mutable std::mutex mutex_;
  Lru lru_;
  std::unordered_map<Key, Lru::iterator, KeyHash> index_;
};

}  // namespace timock::auth
