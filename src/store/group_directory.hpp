// An app's groups a page at a time, for the web console's group list: searched by GroupId or name, never read
// whole (an app may hold tens of thousands), each with what a list row shows.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"

namespace timock::store {

class Database;

struct GroupRow {
  std::string group_id;
  std::string type;  // as stored: Public, Private, ChatRoom, AVChatRoom, Community …
  std::string name;
  std::string owner;  // "" for an ownerless group
  std::int64_t member_num = 0;
  std::int64_t create_time = 0;
  std::int64_t last_msg_time = 0;
};

struct GroupPage {
  std::int64_t total = 0;  // groups that match, over every page
  std::vector<GroupRow> groups;
};

// Groups (not Community topics, as get_appid_group_list) whose GroupId or name contains `search`
// (case-insensitive for ASCII; "" matches all), in creation order, `limit` from `offset`.
GroupPage page_groups(Database& db, core::SdkAppId sdkappid, std::string_view search, std::int64_t offset,
                      std::int64_t limit);

}  // namespace timock::store
