// What the sns commands (sns.cpp registers them; sns_*.cpp implement them) share: the limits of
// reference/rest-api.md §3.5 and §8, the per-item ResultItem/Fail_Account shape (§5), the friend tags a
// friendship answers with, and the relationship-chain notices online clients get after a change.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/command.hpp"

namespace timock::api::sns {

// §3.5 and §8: per-user and per-request limits.
constexpr std::int64_t kMaxFriends = 3000;
constexpr std::int64_t kMaxBlacklist = 1000;
constexpr std::int64_t kMaxFriendGroups = 32;
// Friend requests waiting for one user (30012): the limit is not documented; 3000 like the friend list.
constexpr std::int64_t kMaxPendencies = 3000;
constexpr std::size_t kMaxToAccounts = 1000;
// friend_get_list: "≤100 advised" (§3.5), as portrait_get.
constexpr std::size_t kMaxGetListAccounts = 100;
constexpr std::size_t kMaxRemarkBytes = 96;
constexpr std::size_t kMaxAddWordingBytes = 256;
constexpr std::size_t kMaxGroupNameBytes = 30;
// AddSource_Type_<≤8 letters>, Tag_SNS_Custom_<≤8 letters>.
constexpr std::size_t kMaxTypeSuffix = 8;

constexpr std::string_view kRemarkTag = "Tag_SNS_IM_Remark";
constexpr std::string_view kGroupTag = "Tag_SNS_IM_Group";
constexpr std::string_view kCustomPrefix = "Tag_SNS_Custom_";

// {To_Account, ResultCode, ResultInfo} ("" on success, else `info` or the catalogue's text).
boost::json::object result_item(std::string_view to_account, core::ErrorCode code, std::string_view info = {});

// A batch command's ResultItem, with Fail_Account only when an item failed (§3.5, §5).
class Results {
 public:
  void add(std::string_view to_account, core::ErrorCode code, std::string_view info = {});
  boost::json::object take(std::string_view key = "ResultItem");

 private:
  boost::json::array items_;
  boost::json::array failed_;
};

// The 30001 reply to a body without a From_Account String.
Reply missing_from();
// The CheckType of friend_check / black_list_check: "<prefix>Single" or "<prefix>Both" (Both: true), else the
// 30001 reply.
std::optional<Reply> read_check_type(const boost::json::object& body, std::string_view prefix, bool& both);
// A 1–max Array of String from `key` (To_Account), or the 30001 reply.
std::optional<Reply> read_accounts(const boost::json::object& body, std::string_view key, std::size_t max,
                                   std::vector<std::string_view>& out);
// "<prefix><1–8 ASCII letters>".
bool valid_type_name(std::string_view text, std::string_view prefix);
// A friend group name: non-empty, at most 30 bytes.
bool valid_group_name(std::string_view name);
// A String/Array value of Tag_SNS_IM_Group: its names (each valid, none twice), or nothing.
std::optional<std::vector<std::string>> group_names(const boost::json::value& value);

// The friend tags of a friendship as friend_get lists them (standard, then custom).
boost::json::array friend_values(const core::Friendship& f);
// One friend tag's value (Tag_SNS_IM_*, Tag_SNS_Custom_*), or nothing when unset.
std::optional<boost::json::value> friend_tag(const core::Friendship& f, std::string_view tag);

// What the relationship chain tells each user's online clients once a change is committed: one FriendListMod
// item per user and kind of change, PushType 1 friends added … 8 friends updated (modern-sdk-protocol.md §6.6,
// webim-protocol.md §4.8 Event 7).
class Notices {
 public:
  void friend_added(std::string_view user, std::string_view peer);
  void friend_deleted(std::string_view user, std::string_view peer);
  // Both sides of a request learn of it: its target as incoming, its sender as sent.
  void request_added(const core::Friendship& request, std::string_view from_nick, std::string_view to_nick);
  void request_deleted(std::string_view user, std::string_view peer);
  void requests_read(std::string_view user, std::int64_t time);
  void blocked(std::string_view user, std::string_view peer);
  void unblocked(std::string_view user, std::string_view peer);
  // Owner's fields of a friend changed (remark, groups, custom fields).
  void friend_updated(const core::Friendship& f);
  // One delivery per user and kind, after the commit.
  void publish(const CallContext& ctx);

 private:
  boost::json::object& item(std::string_view user, int push_type);
  std::map<std::pair<std::string, int>, boost::json::object> items_;
};

}  // namespace timock::api::sns
