#include "api/profile_tags.hpp"

#include <array>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_to.hpp>

#include "api/fields.hpp"
#include "store/account_repository.hpp"
#include "store/profile_repository.hpp"

namespace timock::api::profile {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// §3.4 / §8: profile strings are at most 500 bytes; Location is 16.
constexpr std::size_t kMaxStringBytes = 500;
constexpr std::size_t kMaxLocationBytes = 16;
// Tag_Profile_Custom_<name>: the console takes names of up to 8 characters.
constexpr std::string_view kCustomPrefix = "Tag_Profile_Custom_";
constexpr std::size_t kMaxCustomNameChars = 8;

enum class Kind { string, uint32, choice };

struct TagRule {
  std::string_view tag;
  Kind kind;
  std::size_t max_bytes = kMaxStringBytes;
  std::array<std::string_view, 3> choices = {};
};

// Every standard tag of the current docs (§3.4).
constexpr TagRule kStandardTags[] = {
    {"Tag_Profile_IM_Nick", Kind::string},
    {"Tag_Profile_IM_Gender",
     Kind::choice,
     0,
     {"Gender_Type_Unknown", "Gender_Type_Female", "Gender_Type_Male"}},
    {"Tag_Profile_IM_BirthDay", Kind::uint32},
    {"Tag_Profile_IM_Location", Kind::string, kMaxLocationBytes},
    {"Tag_Profile_IM_SelfSignature", Kind::string},
    {"Tag_Profile_IM_AllowType",
     Kind::choice,
     0,
     {"AllowType_Type_NeedConfirm", "AllowType_Type_AllowAny", "AllowType_Type_DenyAny"}},
    {"Tag_Profile_IM_Language", Kind::uint32},
    {"Tag_Profile_IM_Image", Kind::string},
    {"Tag_Profile_IM_MsgSettings", Kind::uint32},
    {"Tag_Profile_IM_AdminForbidType",
     Kind::choice,
     0,
     {"AdminForbid_Type_None", "AdminForbid_Type_SendOut"}},
    {"Tag_Profile_IM_Level", Kind::uint32},
    {"Tag_Profile_IM_Role", Kind::uint32},
};

const TagRule* standard_rule(std::string_view tag) {
  for (const auto& rule : kStandardTags)
    if (rule.tag == tag) return &rule;
  return nullptr;
}

bool is_custom_tag(std::string_view tag) {
  if (!tag.starts_with(kCustomPrefix)) return false;
  const auto name = tag.substr(kCustomPrefix.size());
  if (name.empty() || name.size() > kMaxCustomNameChars) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
      return false;
  return true;
}

ValueCheck fail(ErrorCode code, std::string_view tag, std::string_view what) {
  return {code, std::string(tag) + " " + std::string(what)};
}

}  // namespace

bool known_tag(std::string_view tag) {
  return standard_rule(tag) || is_custom_tag(tag);
}

ValueCheck check_value(std::string_view tag, const json::value& value) {
  const TagRule* rule = standard_rule(tag);
  if (!rule) {
    // A custom tag holds a string (or bytes) or an integer, as the console configures it.
    if (value.is_string()) {
      if (value.get_string().size() > kMaxStringBytes)
        return fail(ErrorCode::profile_value_too_long, tag, "is longer than 500 bytes");
      return {};
    }
    if (auto number = as_int(value); number && *number >= 0) return {};
    return fail(ErrorCode::profile_value_type_mismatch, tag, "must be a String or an unsigned Integer");
  }
  switch (rule->kind) {
    case Kind::string:
      if (!value.is_string()) return fail(ErrorCode::profile_value_type_mismatch, tag, "must be a String");
      if (value.get_string().size() > rule->max_bytes)
        return rule->max_bytes == kMaxStringBytes
                   ? fail(ErrorCode::profile_value_too_long, tag, "is longer than 500 bytes")
                   : fail(ErrorCode::profile_value_invalid, tag, "is longer than 16 bytes");
      return {};
    case Kind::uint32: {
      if (!value.is_int64() && !value.is_uint64())
        return fail(ErrorCode::profile_value_type_mismatch, tag, "must be an Integer");
      const auto number = as_int(value);
      if (!number || !fits_uint32(*number))
        return fail(ErrorCode::profile_value_invalid, tag, "must be a uint32");
      return {};
    }
    case Kind::choice:
      if (!value.is_string()) return fail(ErrorCode::profile_value_type_mismatch, tag, "must be a String");
      for (auto choice : rule->choices)
        if (!choice.empty() && choice == value.get_string()) return {};
      return fail(ErrorCode::profile_value_invalid, tag, "is not one of its documented values");
  }
  return {};
}

std::optional<json::value> read_tag(store::Database& db, std::uint64_t sdkappid, std::string_view user,
                                    std::string_view tag) {
  if (tag == kNickTag || tag == kImageTag) {
    const auto account = store::AccountRepository(db, sdkappid).find(user);
    const std::string& text = !account ? std::string() : tag == kNickTag ? account->nick : account->face_url;
    if (!text.empty()) return json::value(text);
    // A fixture may also hold them among the other tags.
  }
  const auto stored = store::ProfileRepository(db, sdkappid).tag(user, tag);
  if (!stored) return std::nullopt;
  boost::system::error_code ec;
  auto value = json::parse(*stored, ec);
  if (ec || (value.is_string() && value.get_string().empty())) return std::nullopt;
  return value;
}

void write_tag(store::Database& db, std::uint64_t sdkappid, std::string_view user, std::string_view tag,
               const json::value& value) {
  if (tag == kNickTag || tag == kImageTag) {
    store::AccountRepository accounts(db, sdkappid);
    if (tag == kNickTag)
      accounts.set_nick(user, value.get_string());
    else
      accounts.set_face_url(user, value.get_string());
    // One place only: a copy a fixture put among the other tags would otherwise show once this is "".
    store::ProfileRepository(db, sdkappid).remove_tag(user, tag);
    return;
  }
  store::ProfileRepository(db, sdkappid).set_tag(user, tag, json::serialize(value));
}

}  // namespace timock::api::profile
