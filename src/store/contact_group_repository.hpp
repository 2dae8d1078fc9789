// A user's conversation groups (recentcontact create/update/del/get/search_contact_group; schema/011).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"

namespace timock::store {

class Database;

struct ContactGroup {
  std::int64_t id = 0;
  std::string name;
};

// A conversation: Type 1 with a peer's UserID, 2 with a GroupId.
struct ContactKey {
  int type = 1;
  std::string target;
  auto operator<=>(const ContactKey&) const = default;
};

struct GroupedContact {
  ContactKey key;
  std::vector<std::int64_t> group_ids;
  std::int64_t time = 0;  // when it last joined a group
};

class ContactGroupRepository {
 public:
  ContactGroupRepository(Database& db, core::SdkAppId sdkappid) : db_(db), sdkappid_(sdkappid) {}

  std::vector<ContactGroup> groups(std::string_view owner);
  std::optional<ContactGroup> find(std::string_view owner, std::string_view name);
  // The new group's id: one more than the user's highest.
  std::int64_t create(std::string_view owner, std::string_view name);
  void rename(std::string_view owner, std::int64_t id, std::string_view name);
  void remove(std::string_view owner, std::int64_t id);
  // False when the conversation was in the group already (add) or was not (remove).
  bool add_item(std::string_view owner, std::int64_t id, const ContactKey& key, std::int64_t time);
  bool remove_item(std::string_view owner, std::int64_t id, const ContactKey& key);
  std::int64_t item_count(std::string_view owner, std::int64_t id);
  // Every conversation in a group, ordered by type and target, each with its groups.
  std::vector<GroupedContact> contacts(std::string_view owner);

 private:
  Database& db_;
  core::SdkAppId sdkappid_;
};

}  // namespace timock::store
