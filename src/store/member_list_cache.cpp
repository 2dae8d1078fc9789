#include "store/member_list_cache.hpp"

namespace timock::store {

MemberListCache::List MemberListCache::find(core::SdkAppId app, std::string_view group_id,
                                            std::int64_t version) const {
  std::lock_guard lock(mutex_);
  const auto groups = entries_.find(app);
  if (groups == entries_.end()) return nullptr;
  const auto entry = groups->second.find(group_id);
  if (entry == groups->second.end() || entry->second.version != version) return nullptr;
  return entry->second.list;
}

void MemberListCache::keep(core::SdkAppId app, std::string_view group_id, std::int64_t version, List list) {
  if (!list || list->size() < kSmallestKept) return;
  std::lock_guard lock(mutex_);
  if (members_ + list->size() > kMostMembers) {
    entries_.clear();
    members_ = 0;
  }
  auto& groups = entries_[app];
  auto entry = groups.find(group_id);
  if (entry == groups.end()) entry = groups.emplace(std::string(group_id), Entry{}).first;
  if (entry->second.list) members_ -= entry->second.list->size();
  members_ += list->size();
  entry->second = Entry{version, std::move(list)};
}

}  // namespace timock::store
