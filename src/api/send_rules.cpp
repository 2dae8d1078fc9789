#include "api/send_rules.hpp"

#include <boost/json/value.hpp>
#include <string>

#include "core/clock.hpp"
#include "store/dirty_word_repository.hpp"
#include "store/global_mute_repository.hpp"
#include "store/store.hpp"

namespace timock::api {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// The texts of a MsgBody that the word filter reads: TIMTextElem's Text (reference/rest-api.md §6.1).
void collect_message_texts(const json::object& body, std::string& out) {
  const auto* msg_body = body.if_contains("MsgBody");
  if (!msg_body || !msg_body->is_array()) return;
  for (const auto& element : msg_body->get_array()) {
    if (!element.is_object()) continue;
    const auto* type = element.get_object().if_contains("MsgType");
    const auto* content = element.get_object().if_contains("MsgContent");
    if (!type || *type != "TIMTextElem" || !content || !content->is_object()) continue;
    if (const auto* text = content->get_object().if_contains("Text"); text && text->is_string())
      out.append(text->get_string()).push_back('\n');
  }
}

void collect_strings(const json::value& value, const std::vector<std::string_view>& keys, bool take,
                     std::string& out) {
  if (value.is_string()) {
    if (take) out.append(value.get_string()).push_back('\n');
  } else if (value.is_array()) {
    for (const auto& item : value.get_array()) collect_strings(item, keys, take, out);
  } else if (value.is_object()) {
    for (const auto& [key, item] : value.get_object()) {
      bool named = false;
      for (auto wanted : keys) named = named || key == wanted;
      collect_strings(item, keys, take || named, out);
    }
  }
}

}  // namespace

std::optional<Reply> refuse_send(const CallContext& ctx, store::Database& db, std::string_view sender,
                                 const json::object& body, SendKind kind) {
  std::string texts;
  collect_message_texts(body, texts);
  const auto mute = store::GlobalMuteRepository(db, ctx.app.sdkappid).get(sender);
  const auto now = ctx.clock.now();
  if (kind == SendKind::c2c && store::GlobalMute::holds(mute.c2c_until, now))
    return Reply::error(ErrorCode::msg_sender_muted);
  if (kind == SendKind::group && store::GlobalMute::holds(mute.group_until, now))
    return Reply::error(ErrorCode::group_sender_muted, "the sender is muted (openconfigsvr/setnospeaking)");
  if (!texts.empty() && !store::DirtyWordRepository(db, ctx.app.sdkappid).found_in(texts).empty())
    return Reply::error(ErrorCode::text_blocked);
  return std::nullopt;
}

bool holds_dirty_word(const CallContext& ctx, const json::object& body,
                      const std::vector<std::string_view>& keys) {
  std::string texts;
  for (const auto& [key, item] : body) {
    bool named = false;
    for (auto wanted : keys) named = named || key == wanted;
    collect_strings(item, keys, named, texts);
  }
  if (texts.empty()) return false;
  auto reading = ctx.store.read();
  return !store::DirtyWordRepository(reading.db(), ctx.app.sdkappid).found_in(texts).empty();
}

}  // namespace timock::api
