#include "auth/sig_cache.hpp"

#include <functional>

namespace timock::auth {

std::size_t SigCache::KeyHash::operator()(const Key& key) const noexcept {
  const std::size_t h = std::hash<std::string_view>{}(key.usersig);
  return h ^ (std::hash<std::uint64_t>{}(key.sdkappid) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
}

SigCache::SigCache(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

std::optional<VerifyResult> SigCache::find(std::uint64_t sdkappid, std::string_view usersig,
                                           std::string_view identifier, std::int64_t now) {
  std::lock_guard lock(mutex_);
  // The key views the caller's string only for the lookup; stored keys view their Entry's copy.
  const auto found = index_.find(Key{sdkappid, usersig});
  if (found == index_.end()) return std::nullopt;
  const Lru::iterator entry = found->second;
  // A ticket is valid for the identifier inside it only (reference/usersig.md §4 step 8).
  if (entry->identifier != identifier) return std::nullopt;
  lru_.splice(lru_.begin(), lru_, entry);  // iterators stay valid
  VerifyResult result = entry->result;
  if (now > result.expires_at()) result.failure = SigFailure::expired;
  return result;
}

void SigCache::insert(std::uint64_t sdkappid, std::string_view usersig, std::string_view identifier,
                      const VerifyResult& result) {
  if (!result.ok()) return;  // only successes: bad sigs must not grow memory
  std::lock_guard lock(mutex_);
  if (const auto found = index_.find(Key{sdkappid, usersig}); found != index_.end()) erase(found->second);
  while (lru_.size() >= capacity_) erase(std::prev(lru_.end()));
  lru_.push_front(Entry{sdkappid, std::string(usersig), std::string(identifier), result});
  index_.emplace(Key{sdkappid, lru_.front().usersig}, lru_.begin());
}

void SigCache::erase_app(std::uint64_t sdkappid) {
  std::lock_guard lock(mutex_);
  for (auto it = lru_.begin(); it != lru_.end();) {
    const auto next = std::next(it);
    if (it->sdkappid == sdkappid) erase(it);
    it = next;
  }
}

void SigCache::clear() {
  std::lock_guard lock(mutex_);
  index_.clear();
  lru_.clear();
}

std::size_t SigCache::size() const {
  std::lock_guard lock(mutex_);
  return lru_.size();
}

void SigCache::erase(Lru::iterator it) {
  index_.erase(Key{it->sdkappid, it->usersig});
  lru_.erase(it);
}

}  // namespace timock::auth
