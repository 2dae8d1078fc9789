// sns/friend_get_all: the 2018 name of friend_get, answered in its own shape (reference/rest-api.md §2,
// §3.5): InfoItem of {Info_Account, SnsProfileItem}, NeedUpdateAll, TimeStampNow, CurrentStandardSequence;
// its TagList may mix friend tags (Tag_SNS_IM_*) and profile tags (Tag_Profile_IM_*, Tag_Profile_Custom_*).
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "api/command.hpp"
#include "api/fields.hpp"
#include "api/profile_tags.hpp"
#include "core/clock.hpp"
#include "store/account_repository.hpp"
#include "store/database.hpp"
#include "store/friend_repository.hpp"
#include "store/store.hpp"

namespace timock::api {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// §3.5: GetCount defaults to, and is capped at, 100.
constexpr std::int64_t kMaxGetCount = 100;

// The friend tags listed when TagList is absent: those friend_get returns.
const std::vector<std::string_view> kDefaultTags = {"Tag_SNS_IM_AddSource", "Tag_SNS_IM_Remark",
                                                    "Tag_SNS_IM_Group", "Tag_SNS_IM_AddWording",
                                                    "Tag_SNS_IM_AddTime"};

std::optional<json::value> friend_tag(const core::Friendship& f, std::string_view tag) {
  if (tag == "Tag_SNS_IM_AddSource") return json::value(f.add_source);
  if (tag == "Tag_SNS_IM_Remark" && !f.remark.empty()) return json::value(f.remark);
  if (tag == "Tag_SNS_IM_AddWording" && !f.add_wording.empty()) return json::value(f.add_wording);
  if (tag == "Tag_SNS_IM_AddTime") return json::value(f.add_time);
  if (tag == "Tag_SNS_IM_Group") {
    boost::system::error_code ec;
    auto groups = json::parse(f.groups_json, ec);
    if (!ec && groups.is_array() && !groups.get_array().empty()) return groups;
  }
  return std::nullopt;
}

Reply friend_get_all(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok() || from.value.empty())
    return Reply::error(ErrorCode::sns_invalid_params, "From_Account is missing or not a String");
  const auto start = int_field(body, {"StartIndex"});
  if (!start.ok() || start.value < 0)
    return Reply::error(ErrorCode::sns_invalid_params, "StartIndex is missing or not an Integer");
  const auto count = int_field(body, {"GetCount"});
  const auto last_sequence = int_field(body, {"LastStandardSequence"});
  const auto tag_list = array_field(body, {"TagList"});
  const auto time_stamp = int_field(body, {"TimeStamp"});
  if (count.state == FieldState::wrong_type || last_sequence.state == FieldState::wrong_type ||
      tag_list.state == FieldState::wrong_type || time_stamp.state == FieldState::wrong_type)
    return Reply::error(ErrorCode::sns_invalid_params,
                        "GetCount, LastStandardSequence, TimeStamp: Integers; TagList: Array");
  std::vector<std::string_view> tags;
  if (tag_list.ok()) {
    for (const auto& tag : *tag_list.value) {
      if (!tag.is_string())
        return Reply::error(ErrorCode::sns_invalid_params, "TagList must be an Array of String");
      tags.emplace_back(tag.get_string());
    }
  } else {
    tags = kDefaultTags;
  }
  const std::int64_t page_size =
      count.ok() && count.value > 0 ? std::min(count.value, kMaxGetCount) : kMaxGetCount;

  auto reading = ctx.store.read();
  auto& db = reading.db();
  store::AccountRepository accounts(db, ctx.app.sdkappid);
  store::FriendRepository friends(db, ctx.app.sdkappid);
  if (!accounts.exists(from.value)) return Reply::error(ErrorCode::sns_account_not_exist);
  const auto sequence = friends.sequence(from.value);
  const auto total = friends.count(from.value);
  // The caller's copy is current when it names this sequence: nothing to send.
  const bool up_to_date = last_sequence.ok() && last_sequence.value != 0 && last_sequence.value == sequence;
  json::array items;
  std::int64_t next = 0;
  if (!up_to_date) {
    const auto page = friends.list(from.value, start.value, page_size);
    for (const auto& f : page) {
      json::array values;
      for (auto tag : tags) {
        auto value = tag.starts_with("Tag_Profile_") && profile::known_tag(tag)
                         ? profile::read_tag(db, ctx.app.sdkappid, f.friend_id, tag)
                         : friend_tag(f, tag);
        if (value) values.push_back({{"Tag", tag}, {"Value", std::move(*value)}});
      }
      items.push_back({{"Info_Account", f.friend_id}, {"SnsProfileItem", std::move(values)}});
    }
    const auto reached = start.value + static_cast<std::int64_t>(page.size());
    next = reached < total ? reached : 0;
  }
  return Reply::ok({{"NeedUpdateAll", up_to_date ? "GetAll_Type_No" : "GetAll_Type_Yes"},
                    {"TimeStampNow", ctx.clock.now()},
                    {"StartIndex", next},
                    {"InfoItem", std::move(items)},
                    {"CurrentStandardSequence", sequence},
                    {"FriendNum", total},
                    {"CompleteFlag", next == 0 ? 1 : 0}});
}

}  // namespace

void register_sns_legacy_commands(CommandTable& table) {
  table.add("sns", "friend_get_all", friend_get_all);
}

}  // namespace timock::api
