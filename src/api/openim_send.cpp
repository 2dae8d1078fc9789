// openim sendmsg, batchsendmsg and importmsg (reference/rest-api.md §3.3, §6): every path that stores a
// C2C message from the REST API. Storing moves both sides' conversations (MessageRepository::insert).
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "api/c2c_receive_option.hpp"
#include "api/fields.hpp"
#include "api/openim_common.hpp"
#include "api/send_rules.hpp"
#include "api/send_callbacks.hpp"
#include "callback/callbacks.hpp"
#include "core/clock.hpp"
#include "store/account_repository.hpp"
#include "store/database.hpp"
#include "store/friend_repository.hpp"
#include "store/message_repository.hpp"
#include "store/store.hpp"

namespace timock::api::openim {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// §3.3 / §8: batchsendmsg takes at most 500 receivers (else 90011).
constexpr std::size_t kMaxBatchTargets = 500;
// importmsg's SyncFromOldSystem: 2 = history (no unread, no push), 5 = realtime (unread + push).
constexpr std::int64_t kImportHistory = 2;
constexpr std::int64_t kImportRealtime = 5;

// From_Account is optional for sends (the admin by default) but must not be empty when given.
std::optional<Reply> read_sender(const CallContext& ctx, const json::object& body, std::string& from) {
  const auto field = string_field(body, {"From_Account"});
  if (field.state == FieldState::wrong_type || (field.ok() && field.value.empty()))
    return Reply::error(ErrorCode::openim_bad_from_account, "Invalid format of From_Account");
  from = field.ok() ? std::string(field.value) : std::string(ctx.identifier);
  return std::nullopt;
}

// reference/rest-api.md §7 C2C.CallbackBeforeSendMsg (AfterSendMsg adds the outcome).
json::object c2c_callback_body(const core::C2cMessage& message, const json::object& request) {
  json::object body{{"From_Account", message.from_account},
                    {"To_Account", message.to_account},
                    {"MsgSeq", message.msg_seq},
                    {"MsgRandom", message.msg_random},
                    {"MsgTime", message.msg_time},
                    {"MsgKey", message.msg_key()},
                    {"OnlineOnlyFlag", 0},
                    {"MsgBody", json::parse(message.body_json)},
                    {"CloudCustomData", message.cloud_custom_data}};
  if (const auto* online = request.if_contains("OnlineOnlyFlag"); online && online->is_int64())
    body["OnlineOnlyFlag"] = online->get_int64();
  return body;
}

}  // namespace

Reply sendmsg(const CallContext& ctx, const json::object& body) {
  const auto to = string_field(body, {"To_Account"});
  if (!to.ok()) return Reply::error(ErrorCode::openim_bad_to_account, "Invalid format of To_Account");
  core::C2cMessage message;
  if (auto error = read_sender(ctx, body, message.from_account)) return *error;
  if (auto error = read_message_fields(body, Options::send, message)) return *error;
  message.to_account = std::string(to.value);
  message.msg_time = ctx.clock.now();
  const auto forbidden = forbidden_callbacks(body);

  std::vector<core::C2cMessage> stored;
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    if (auto refused = refuse_send(ctx, locked.db(), message.from_account, body, SendKind::c2c)) return *refused;
    store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
    // §3.3: 20003 when the sender or the receiver was never imported. No blacklist, friendship or mute check.
    if (!account_known(accounts, ctx.app, message.from_account) ||
        !account_known(accounts, ctx.app, message.to_account))
      return Reply::error(ErrorCode::msg_account_invalid);
    // §3.5 black_list_add, §4.6 20007: a client's message to someone who blocked it is refused. The admin's
    // REST send is not checked (§3.3: no friendship, blacklist or mute check).
    if (!ctx.instance.empty() &&
        store::FriendRepository(locked.db(), ctx.app.sdkappid).is_blocked(message.to_account, message.from_account))
      return Reply::error(ErrorCode::msg_blocked_by_peer);
    // §7: the app's server sees the message before it is stored, and may refuse, drop or rewrite it. A second
    // run (with the verdict) stores it under the MsgSeq and MsgTime the callback announced.
    // The callback body (a parse of the message body) only when the app's server wants it.
    if (ctx.callbacks && !forbidden.before && ctx.callbacks->wants("C2C.CallbackBeforeSendMsg")) {
      if (const auto verdict = ctx.callbacks->before("C2C.CallbackBeforeSendMsg", c2c_callback_body(message, body))) {
        message.msg_seq = static_cast<std::uint32_t>(verdict->asked.at("MsgSeq").to_number<std::int64_t>());
        message.msg_time = verdict->asked.at("MsgTime").to_number<std::int64_t>();
        const auto decision = read_send_verdict(*verdict, ErrorCode::msg_callback_refused, false);
        if (decision.verdict == SendVerdict::refuse) return *decision.refusal;
        if (decision.verdict == SendVerdict::drop)  // the sender sees a success, nobody sees the message
          return Reply::ok({{"MsgTime", message.msg_time}, {"MsgKey", message.msg_key()}});
        if (decision.msg_body) message.body_json = json::serialize(*decision.msg_body);
        if (decision.cloud_custom_data) message.cloud_custom_data = *decision.cloud_custom_data;
      }
    }
    store::MessageRepository messages(locked.db(), ctx.app.sdkappid);
    // §6.2: MsgSeq and MsgRandom de-dup within a second, so a repeat from the same sender is the same
    // message.
    if (!messages.find_by_key(message.from_account, message.to_account, message.msg_seq, message.msg_random,
                              message.msg_time)) {
      apply_receive_option(locked.db(), ctx.app.sdkappid, message);
      message.id = messages.insert(message);
      stored.push_back(message);
    }
    if (ctx.callbacks && !forbidden.after && ctx.callbacks->wants("C2C.CallbackAfterSendMsg")) {
      auto after = c2c_callback_body(message, body);
      after["SendMsgResult"] = 0;
      after["ErrorInfo"] = "send msg succeed";
      after["UnreadMsgNum"] = messages.unread_total(message.to_account);
      ctx.callbacks->after("C2C.CallbackAfterSendMsg", std::move(after));
    }
    tx.commit();
  }
  publish(ctx, stored);
  return Reply::ok({{"MsgTime", message.msg_time}, {"MsgKey", message.msg_key()}});
}

Reply batchsendmsg(const CallContext& ctx, const json::object& body) {
  // §4.6: 90001 also stands for an empty To_Account array.
  const auto to = array_field(body, {"To_Account"});
  if (!to.ok() || to.value->empty())
    return Reply::error(ErrorCode::openim_json_parse_error, "To_Account must be a non-empty Array of String");
  if (to.value->size() > kMaxBatchTargets) return Reply::error(ErrorCode::openim_too_many_targets);
  for (const auto& target : *to.value)
    if (!target.is_string())
      return Reply::error(ErrorCode::openim_json_parse_error,
                          "To_Account must be a non-empty Array of String");
  core::C2cMessage message;
  if (auto error = read_sender(ctx, body, message.from_account)) return *error;
  if (auto error = read_message_fields(body, Options::send, message)) return *error;
  // §3.3: one MsgKey for the whole batch.
  message.msg_time = ctx.clock.now();

  std::vector<core::C2cMessage> stored;
  json::array error_list;
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    if (auto refused = refuse_send(ctx, locked.db(), message.from_account, body, SendKind::c2c)) return *refused;
    store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
    if (!account_known(accounts, ctx.app, message.from_account))
      return Reply::error(ErrorCode::openim_account_not_exist, "From_Account does not exist");
    store::MessageRepository messages(locked.db(), ctx.app.sdkappid);
    for (const auto& target : *to.value) {
      const std::string_view receiver = target.get_string();
      if (!account_known(accounts, ctx.app, receiver)) {
        error_list.push_back(
            {{"To_Account", receiver}, {"ErrorCode", core::to_int(ErrorCode::account_not_exist)}});
        continue;
      }
      auto copy = message;
      copy.to_account = std::string(receiver);
      if (messages.find_by_key(copy.from_account, copy.to_account, copy.msg_seq, copy.msg_random,
                               copy.msg_time))
        continue;  // a receiver named twice, or the batch repeated within its second
      apply_receive_option(locked.db(), ctx.app.sdkappid, copy);
      copy.id = messages.insert(copy);
      stored.push_back(std::move(copy));
    }
    tx.commit();
  }
  // §1.3: FAIL only when every target failed; "SomeError" with ErrorCode 0 when some did (as documented).
  if (error_list.size() == to.value->size()) return Reply::error(ErrorCode::openim_to_account_not_registered);
  publish(ctx, stored);
  auto reply = Reply::ok({{"MsgKey", message.msg_key()}});
  if (!error_list.empty()) {
    reply.fields["ErrorList"] = std::move(error_list);
    reply.action_status = "SomeError";
  }
  return reply;
}

Reply importmsg(const CallContext& ctx, const json::object& body) {
  const auto sync = int_field(body, {"SyncFromOldSystem"});
  if (!sync.ok() || (sync.value != kImportHistory && sync.value != kImportRealtime))
    return Reply::error(ErrorCode::openim_bad_sync_from_old_system, "SyncFromOldSystem must be 2 or 5");
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok() || from.value.empty())
    return Reply::error(ErrorCode::openim_bad_from_account, "From_Account is missing or not a String");
  const auto to = string_field(body, {"To_Account"});
  if (!to.ok() || to.value.empty())
    return Reply::error(ErrorCode::openim_bad_to_account, "To_Account is missing or not a String");
  const auto time = int_field(body, {"MsgTimeStamp"});
  if (!time.ok() || time.value < 0) return Reply::error(ErrorCode::openim_bad_msg_timestamp);
  core::C2cMessage message;
  if (auto error = read_message_fields(body, Options::import, message)) return *error;
  message.from_account = std::string(from.value);
  message.to_account = std::string(to.value);
  message.msg_time = time.value;
  message.counts_unread = sync.value == kImportRealtime;

  std::vector<core::C2cMessage> stored;
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
    if (!account_known(accounts, ctx.app, message.from_account))
      return Reply::error(ErrorCode::openim_account_not_exist, "From_Account does not exist");
    if (!account_known(accounts, ctx.app, message.to_account))
      return Reply::error(ErrorCode::openim_to_account_not_registered);
    store::MessageRepository messages(locked.db(), ctx.app.sdkappid);
    // §3.3: (MsgSeq, MsgRandom, MsgTimeStamp) de-dups within the conversation, either direction; the first
    // import wins and a repeat still answers OK.
    if (!messages.find_in_conversation(message.from_account, message.to_account, message.msg_seq,
                                       message.msg_random, message.msg_time)) {
      if (sync.value == kImportRealtime) apply_receive_option(locked.db(), ctx.app.sdkappid, message);
      message.id = messages.insert(message);
      stored.push_back(message);
    }
    tx.commit();
  }
  // A history import (2) is pushed to nobody; a realtime one (5) reaches online clients like a send.
  if (sync.value == kImportRealtime) publish(ctx, stored);
  return Reply::ok();
}

}  // namespace timock::api::openim
