// openim_msg_ext_http_svc (reference/rest-api.md §3.8): message extensions, C2C (get_key_values,
// set_key_values: From_Account, To_Account, MsgKey) and group (group_get_key_values, group_set_key_values:
// GroupId, MsgSeq), of messages sent with SupportMessageExtension 1. Every write takes the message's next
// Seq; a write must name the Seq the key has now (0 for a new key), else its item is 23001 with the key as
// the server holds it, so clients merge concurrent writes. OperateType 1 sets, 2 deletes, 3 clears every key
// (ClearSeq). Each change is pushed to the conversation's clients (both sides of a C2C message, a group's
// members), whoever made it.
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "api/command.hpp"
#include "api/fields.hpp"
#include "api/msg_ext_common.hpp"
#include "api/openim_common.hpp"
#include "store/database.hpp"
#include "store/msg_extension_repository.hpp"
#include "store/store.hpp"

namespace timock::api {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// timock's limits (the reference gives none): 20 keys a call, 300 a message, keys ≤ 100 B, values ≤ 1 KB.
constexpr std::size_t kMaxItemsPerCall = 20;
constexpr std::int64_t kMaxKeysPerMessage = 300;
constexpr std::size_t kMaxKeyBytes = 100;
constexpr std::size_t kMaxValueBytes = 1024;

Reply bad(std::string info) {
  return Reply::error(ErrorCode::openim_json_parse_error, std::move(info));
}

// The message's reference, or the reply refusing it (msg_ext_common.hpp).
std::optional<Reply> find_message(store::Database& db, core::SdkAppId sdkappid, const json::object& body,
                                  bool group, std::string& ref, ExtensibleMessage* found = nullptr) {
  ExtensibleMessage m;
  if (auto error = find_extensible_message(db, sdkappid, body, group, m)) return error;
  ref = m.ref;
  if (found) *found = std::move(m);
  return std::nullopt;
}

json::object extension(const store::MsgExtension& e) {
  return {{"Key", e.key}, {"Value", e.value}, {"Seq", e.seq}};
}

template <bool Group>
Reply get_key_values(const CallContext& ctx, const json::object& body) {
  const auto start = int_field(body, {"StartSeq"});
  auto reading = ctx.store.read();
  std::string ref;
  if (auto error = find_message(reading.db(), ctx.app.sdkappid, body, Group, ref)) return *error;
  store::MsgExtensionRepository extensions(reading.db(), ctx.app.sdkappid);
  const auto state = extensions.state(ref);
  json::array list;
  for (const auto& e : extensions.list(ref, start.ok() && start.value > 0 ? start.value - 1 : 0))
    list.push_back(extension(e));
  return Reply::ok({{"CompleteFlag", 1},
                    {"LatestSeq", state.latest_seq},
                    {"ClearSeq", state.clear_seq},
                    {"ExtensionList", std::move(list)}});
}

template <bool Group>
Reply set_key_values(const CallContext& ctx, const json::object& body) {
  const auto operate = int_field(body, {"OperateType"});
  if (!operate.ok() || operate.value < 1 || operate.value > 3) return bad("OperateType must be 1, 2 or 3");
  const auto list = array_field(body, {"ExtensionList"});
  if (operate.value != 3 && (!list.ok() || list.value->empty() || list.value->size() > kMaxItemsPerCall))
    return bad("ExtensionList must hold 1 to 20 items");
  struct Item {
    std::string key, value;
    std::int64_t seq;
  };
  std::vector<Item> items;
  if (operate.value != 3)
    for (const auto& entry : *list.value) {
      const auto* item = entry.if_object();
      const auto key = item ? string_field(*item, {"Key"}) : Field<std::string_view>{};
      const auto value = item ? string_field(*item, {"Value"}) : Field<std::string_view>{};
      const auto seq = item ? int_field(*item, {"Seq"}) : Field<std::int64_t>{};
      if (!key.ok() || key.value.empty() || key.value.size() > kMaxKeyBytes)
        return bad("each Key is a String of 1 to 100 bytes");
      if (operate.value == 1 && (!value.ok() || value.value.size() > kMaxValueBytes))
        return bad("each Value is a String of at most 1024 bytes");
      items.push_back(
          {std::string(key.value), std::string(value.ok() ? value.value : ""), seq.ok() ? seq.value : 0});
    }
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  std::string ref;
  ExtensibleMessage message;
  if (auto error = find_message(locked.db(), ctx.app.sdkappid, body, Group, ref, &message)) return *error;
  // Only a message sent with SupportMessageExtension 1 takes extensions (the SDK checks it before it asks).
  if (!message.supports_extension) return bad("the message was not sent with SupportMessageExtension 1");
  store::MsgExtensionRepository extensions(locked.db(), ctx.app.sdkappid);
  json::array results;
  json::array changed;  // what the conversation's clients are told
  if (operate.value == 3) {
    extensions.clear(ref);
  } else {
    for (const auto& item : items) {
      const auto current = extensions.find(ref, item.key);
      const auto current_seq = current ? current->seq : 0;
      if (item.seq != current_seq) {
        results.push_back(
            {{"ErrorCode", core::to_int(ErrorCode::msg_ext_seq_conflict)},
             {"Extension",
              current ? extension(*current) : json::object{{"Key", item.key}, {"Value", ""}, {"Seq", 0}}}});
        continue;
      }
      if (operate.value == 1 && !current && extensions.count(ref) >= kMaxKeysPerMessage) {
        results.push_back(
            {{"ErrorCode", core::to_int(ErrorCode::openim_json_parse_error)},
             {"Extension", json::object{{"Key", item.key}, {"Value", item.value}, {"Seq", item.seq}}}});
        continue;
      }
      const auto seq =
          operate.value == 1 ? extensions.put(ref, item.key, item.value) : extensions.remove(ref, item.key);
      json::object written{{"Key", item.key}, {"Value", operate.value == 1 ? item.value : ""}, {"Seq", seq}};
      changed.push_back(written);
      results.push_back({{"ErrorCode", 0}, {"Extension", std::move(written)}});
    }
  }
  std::optional<core::Delivery> notice;
  if (operate.value == 3 || !changed.empty()) {
    const auto state = extensions.state(ref);
    notice = core::c2c_notice_delivery(ctx.app.sdkappid, core::C2cNotice::extensions_changed,
                                       json::serialize(json::object{{"Message", notice_message(message)},
                                                                    {"OperateType", operate.value},
                                                                    {"Extensions", std::move(changed)},
                                                                    {"LatestSeq", state.latest_seq},
                                                                    {"ClearSeq", state.clear_seq}}),
                                       audience(locked.db(), ctx.app.sdkappid, message), ctx.instance);
  }
  tx.commit();
  if (notice) publish_after_commit(ctx, std::move(*notice));
  return Reply::ok({{"ExtensionList", std::move(results)}});
}

}  // namespace

void register_msg_extension_service(CommandTable& table) {
  // The service answers with openim's codes (§4.6).
  table.add_service("openim_msg_ext_http_svc",
                    {ErrorCode::openim_admin_required, ErrorCode::openim_json_parse_error,
                     ErrorCode::openim_internal_error});
  table.add("openim_msg_ext_http_svc", "get_key_values", get_key_values<false>);
  table.add("openim_msg_ext_http_svc", "set_key_values", set_key_values<false>);
  table.add("openim_msg_ext_http_svc", "group_get_key_values", get_key_values<true>);
  table.add("openim_msg_ext_http_svc", "group_set_key_values", set_key_values<true>);
}

}  // namespace timock::api
