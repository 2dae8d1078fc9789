// Group member lists kept in memory, by the version their group row holds (schema/014): a message into a group
// names every member in its deliveries, and reading thousands of rows for each message was most of a send into a
// big group (bench/RESULTS.md G3). One cache serves all of a store's connections: a version is a random value
// that every join or leave sets, in the same transaction, so the list read under a version is that version's
// whichever connection read it, and a version set by a change that was rolled back is never read again.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"

namespace timock::store {

class MemberListCache {
 public:
  using List = std::shared_ptr<const std::vector<std::string>>;

  // The list kept for this version of the group's membership; null if none is.
  List find(core::SdkAppId app, std::string_view group_id, std::int64_t version) const;
  void keep(core::SdkAppId app, std::string_view group_id, std::int64_t version, List list);

  // Lists smaller than this are read from the table each time: reading them costs less than keeping them.
  static constexpr std::size_t kSmallestKept = 64;
  // Members kept in all; past this the cache starts over (a bound, not a policy: big groups are few).
  static constexpr std::size_t kMostMembers = 2'000'000;

 private:
  struct Entry {
    std::int64_t version = 0;
    List list;
  };
  mutable std::mutex mutex_;
  std::map<core::SdkAppId, std::map<std::string, Entry, std::less<>>> entries_;
  std::size_t members_ = 0;
};

}  // namespace timock::store
