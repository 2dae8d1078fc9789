// What the group commands (group.cpp registers them; group_*.cpp implement them) share: reading a GroupId
// and the group it names, the reply shapes of groups and members with their filters, AppDefinedData, tips,
// and announcing deliveries after the commit (reference/rest-api.md §3.7).
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "api/command.hpp"
#include "core/delivery.hpp"
#include "core/group.hpp"

namespace timock::store {
class AccountRepository;
class Database;
class GroupRepository;
class GroupMessageRepository;
}  // namespace timock::store

namespace timock::api::group {

// §8's limits.
inline constexpr std::size_t kMaxNameBytes = 30;
inline constexpr std::size_t kMaxIntroductionBytes = 240;
inline constexpr std::size_t kMaxNotificationBytes = 300;
inline constexpr std::size_t kMaxFaceUrlBytes = 100;
inline constexpr std::size_t kMaxNameCardBytes = 50;
inline constexpr std::size_t kMaxGroupDataKeys = 10;
inline constexpr std::size_t kMaxGroupDataKeyBytes = 16;
inline constexpr std::size_t kMaxGroupDataValueBytes = 512;
inline constexpr std::size_t kMaxMemberDataKeys = 5;
inline constexpr std::size_t kMaxMemberDataValueBytes = 64;

Reply bad(std::string info);

// GroupId: present, a String, printable ASCII of at most 48 bytes (else 10004 / 10015).
std::optional<Reply> read_group_id(const boost::json::object& body, std::string& group_id);
// The named group, or the reply for its absence (10010: no such group, or dismissed).
std::optional<Reply> load_group(store::GroupRepository& groups, std::string_view group_id, core::Group& group);


// With a TopicId in `body` (million_group_open_http_svc's topics), `g` (the community GroupId named) becomes the
// topic's own group row: its seqs and history; the community's members stay the members. 10004 for a TopicId
// that is not a String, 11000 when the group is not a Community with SupportTopic 1, 10010 for no such topic in
// it. Without a TopicId (or an empty one) nothing changes.
std::optional<Reply> enter_topic(store::Database& db, core::SdkAppId sdkappid, const boost::json::object& body,
                                 core::Group& g);

// A list of field names a filter keeps; `all` when the filter was not given.
struct FieldFilter {
  bool all = true;
  std::set<std::string, std::less<>> names;
  bool wants(std::string_view name) const { return all || names.count(name) > 0; }
};
// Reads an Array of String filter (absent: all); false when it is not one.
bool read_filter(const boost::json::object& body, std::string_view name, FieldFilter& filter);

// MsgBody and CloudCustomData of a group message into `m`: 10004 when malformed, 80002 over 12 KB.
std::optional<Reply> read_message_content(const boost::json::object& body, core::GroupMessage& m);

// [{Key, Value}] as given in a request, checked against its limits; the reply text is the 10004 reason.
std::optional<Reply> read_defined_data(const boost::json::value& value, std::size_t max_keys, std::size_t max_key_bytes,
                                       std::size_t max_value_bytes, std::string& json_out);
// Merges `update_json` into `stored_json` ([{Key, Value}] both): a key with an empty Value is removed.
std::string merge_defined_data(const std::string& stored_json, const std::string& update_json);
// [{Key, Value}] of `json` whose Key `filter` keeps.
boost::json::array defined_data(const std::string& json, const FieldFilter& filter);

// get_group_info / get_joined_group_list's base fields.
boost::json::object base_info(const core::App& app, const core::Group& group, std::int64_t member_num,
                              const FieldFilter& fields, const FieldFilter& app_data);
// A member as get_group_member_info shows it (MuteUntil 0 once the mute has ended).
boost::json::object member_info(const core::GroupMember& member, std::int64_t now, const FieldFilter& fields,
                                const FieldFilter* app_data);

core::GroupSummary summary_of(const core::Group& group);

// Stores a tip under the group's next seq (one counter with messages; modern-sdk-groups.md §5.2) and returns
// it. `fields` are the tip body's fields besides OpType/Operator_Account/List_Account/MemberNum.
core::GroupMessage add_tip(store::GroupRepository& groups, store::GroupMessageRepository& messages,
                           const core::Group& group, core::GroupTipType type, std::string_view operator_account,
                           const std::vector<std::string>& users, std::int64_t now,
                           boost::json::object fields = {});

// Deliveries a command made, announced once its transaction is committed, with the store unlocked.
class Outbox {
 public:
  explicit Outbox(const CallContext& ctx) : ctx_(ctx) {}
  void add(core::Delivery delivery) { deliveries_.push_back(std::move(delivery)); }
  // A tip or message to the group's current members.
  void message(const core::Group& group, const core::GroupMessage& message, const std::vector<std::string>& members);
  // A recall of `message` to the members, naming the caller as the revoker (the SDKs show who recalled it).
  void recall(const core::Group& group, const core::GroupMessage& message, const std::vector<std::string>& members);
  void notice(const core::Group& group, core::GroupNoticeType type, const boost::json::object& fields,
              const std::vector<std::string>& users);
  // Call after the commit.
  void publish();

 private:
  const CallContext& ctx_;
  std::vector<core::Delivery> deliveries_;
};

}  // namespace timock::api::group
