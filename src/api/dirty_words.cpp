// openim_dirty_words (2018; reference/rest-api.md §3.8): the app's dirty words. Messages holding one are
// refused with 80001 (api/send_rules.cpp), relationship fields with 30005 (sns), profile fields with 40005.
// The real service takes an hour to apply a change; timock applies it at once (README).
#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "api/fields.hpp"
#include "api/send_rules.hpp"
#include "store/database.hpp"
#include "store/dirty_word_repository.hpp"
#include "store/store.hpp"

namespace timock::api {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// §3.8 / §8: at most 50 words a call, each at most 200 bytes.
constexpr std::size_t kMaxWordsPerCall = 50;
constexpr std::size_t kMaxWordBytes = 200;

// DirtyWordsList as words, or the 10004 reply for a list that is missing, too long or holds a bad word.
std::optional<Reply> read_words(const json::object& body, std::vector<std::string>& words) {
  const auto list = array_field(body, {"DirtyWordsList"});
  if (!list.ok() || list.value->empty())
    return Reply::error(ErrorCode::group_invalid_params,
                        "DirtyWordsList must be a non-empty Array of String");
  if (list.value->size() > kMaxWordsPerCall)
    return Reply::error(ErrorCode::group_invalid_params, "DirtyWordsList takes at most 50 words");
  for (const auto& word : *list.value) {
    if (!word.is_string() || word.get_string().empty())
      return Reply::error(ErrorCode::group_invalid_params,
                          "DirtyWordsList must be a non-empty Array of String");
    if (word.get_string().size() > kMaxWordBytes)
      return Reply::error(ErrorCode::group_invalid_params, "a dirty word is at most 200 bytes");
    words.emplace_back(word.get_string());
  }
  return std::nullopt;
}

Reply get(const CallContext& ctx, const json::object&) {
  std::vector<std::string> words;
  {
    auto reading = ctx.store.read();
    words = store::DirtyWordRepository(reading.db(), ctx.app.sdkappid).all();
  }
  json::array list;
  for (auto& word : words) list.emplace_back(word);
  return Reply::ok({{"DirtyWordsList", std::move(list)}});
}

template <bool Add>
Reply change(const CallContext& ctx, const json::object& body) {
  std::vector<std::string> words;
  if (auto error = read_words(body, words)) return *error;
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  store::DirtyWordRepository repository(locked.db(), ctx.app.sdkappid);
  for (const auto& word : words) {
    if constexpr (Add)
      repository.add(word);
    else
      repository.remove(word);
  }
  tx.commit();
  return Reply::ok();
}

// A command whose fields named `keys` (at any depth: AddFriendItem[].Remark …) must hold no dirty word, else
// `code`. The check runs before the command, for REST and clients alike (both run the table's handler).
void guard(CommandTable& table, std::string_view service, std::string_view command,
           std::initializer_list<std::string_view> keys, ErrorCode code) {
  const auto* found = table.find(service, command);
  if (!found) return;
  table.add(std::string(service), std::string(command),
            [handler = *found, fields = std::vector<std::string_view>(keys), code](const CallContext& ctx,
                                                                                   const json::object& body) {
              if (holds_dirty_word(ctx, body, fields)) return Reply::error(code);
              return handler(ctx, body);
            });
}

}  // namespace

void register_dirty_words_service(CommandTable& table) {
  // §3.8: the service answers with the group service's codes (10002 internal, 10003 command, 10004 params,
  // 10007 permission).
  table.add_service("openim_dirty_words",
                    {ErrorCode::group_permission_denied, ErrorCode::group_invalid_params,
                     ErrorCode::group_internal_error, ErrorCode::group_bad_command});
  table.add("openim_dirty_words", "get", get);
  table.add("openim_dirty_words", "add", change<true>);
  table.add("openim_dirty_words", "delete", change<false>);
}

void guard_fields_with_dirty_words(CommandTable& table) {
  // §3.8: relationship fields → 30005 (remarks, wordings, friend group names, custom friend tags).
  for (std::string_view command : {"friend_add", "friend_import", "friend_response"})
    guard(table, "sns", command, {"Remark", "AddWording", "GroupName", "TagName", "Value"},
          ErrorCode::sns_dirty_word);
  guard(table, "sns", "friend_update", {"Value"}, ErrorCode::sns_dirty_word);
  guard(table, "sns", "group_add", {"GroupName"}, ErrorCode::sns_dirty_word);
  guard(table, "sns", "group_update", {"GroupNewName"}, ErrorCode::sns_dirty_word);
  // Profile values → 40005.
  guard(table, "profile", "portrait_set", {"Value"}, ErrorCode::profile_dirty_word);
}

}  // namespace timock::api
