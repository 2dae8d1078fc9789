#include "client/message_changes.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "api/fields.hpp"
#include "api/openim_common.hpp"
#include "auth/client_identity.hpp"
#include "client/client.hpp"
#include "core/clock.hpp"
#include "core/event_hub.hpp"
#include "store/database.hpp"
#include "store/message_repository.hpp"
#include "store/store.hpp"

namespace timock::client {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// rest-api.md §6.2 MsgFlagBits: 8 = recalled.
constexpr int kRecalled = 8;
// The extra field a receiver's receipt sets on the message it acknowledges (kept with the message, no schema
// change: the fields a send keeps live in the same JSON, openim_common.cpp).
constexpr std::string_view kReceiptSent = "ReceiptSent";
constexpr std::string_view kMsgVersion = "MsgVersion";

json::object extra_of(const core::C2cMessage& m) {
  boost::system::error_code ec;
  auto extra = json::parse(m.extra_json, ec);
  return !ec && extra.is_object() ? std::move(extra.get_object()) : json::object{};
}

std::int64_t int_in(const json::object& extra, std::string_view key) {
  const auto* value = extra.if_contains(key);
  if (!value) return 0;
  if (value->is_int64()) return value->get_int64();
  if (value->is_uint64()) return static_cast<std::int64_t>(value->get_uint64());
  if (value->is_bool()) return value->get_bool() ? 1 : 0;
  return 0;
}

// After the commit (with a file, once the write's batch is: a client told of it can read it back), without
// the store lock.
void publish(const Deps& deps, core::Delivery delivery) {
  if (!deps.hub || delivery.to.empty()) return;
  deps.store.when_committed([hub = deps.hub, delivery = std::move(delivery)] { hub->deliver(delivery); });
}

// A message named by its sides and (MsgSeq, MsgRandom, MsgTime), as the Chat SDK's C2CMsgInfo items and its
// modify request name it.
struct NamedMessage {
  std::string from;
  std::string to;
  std::uint32_t seq = 0;
  std::uint32_t random = 0;
  std::int64_t time = 0;
};

std::optional<NamedMessage> named_message(const json::object& item) {
  const auto from = api::string_field(item, {"From_Account"});
  const auto to = api::string_field(item, {"To_Account"});
  const auto seq = api::int_field(item, {"MsgSeq"});
  const auto random = api::int_field(item, {"MsgRandom"});
  const auto time = api::int_field(item, {"MsgTime", "MsgTimeStamp"});
  if (!from.ok() || !to.ok() || !seq.ok() || !random.ok() || !time.ok()) return std::nullopt;
  if (seq.value < 0 || seq.value > UINT32_MAX || random.value < 0 || random.value > UINT32_MAX)
    return std::nullopt;
  return NamedMessage{std::string(from.value), std::string(to.value), static_cast<std::uint32_t>(seq.value),
                      static_cast<std::uint32_t>(random.value), time.value};
}

}  // namespace

C2cExtras c2c_extras(const core::C2cMessage& message) {
  const auto extra = extra_of(message);
  const auto client_time = int_in(extra, "MsgClientTime");
  return {int_in(extra, "IsNeedReadReceipt") == 1, int_in(extra, kReceiptSent) == 1, int_in(extra, kMsgVersion),
          client_time != 0 ? client_time : message.msg_time, int_in(extra, "SupportMessageExtension") == 1};
}

std::int64_t msg_version(const core::C2cMessage& message) {
  return int_in(extra_of(message), kMsgVersion);
}
bool needs_read_receipt(const core::C2cMessage& message) {
  return int_in(extra_of(message), "IsNeedReadReceipt") == 1;
}
std::int64_t msg_client_time(const core::C2cMessage& message) {
  const auto time = int_in(extra_of(message), "MsgClientTime");
  return time != 0 ? time : message.msg_time;
}

bool receipt_sent(const core::C2cMessage& message) {
  return int_in(extra_of(message), kReceiptSent) == 1;
}

void announce_reads(const Deps& deps, const Caller& caller,
                    const std::vector<std::pair<std::string, std::int64_t>>& reads) {
  for (const auto& [peer, time] : reads)
    for (auto& delivery :
         api::openim::read_deliveries(caller.app.sdkappid, caller.user, peer, time, caller.instance))
      publish(deps, std::move(delivery));
}

api::Reply send_read_receipts(const Deps& deps, const Caller& caller, const json::object& body) {
  const auto peer = api::string_field(body, {"Peer_Account"});
  const auto items = api::array_field(body, {"C2CMsgInfo"});
  if (!peer.ok() || peer.value.empty() || !items.ok())
    return api::Reply::error(ErrorCode::openim_json_parse_error, "Peer_Account and C2CMsgInfo are required");
  json::array acknowledged;
  {
    auto locked = deps.store.lock();
    store::Transaction tx(locked.db());
    store::MessageRepository messages(locked.db(), caller.app.sdkappid);
    for (const auto& item : *items.value) {
      const auto named = item.is_object() ? named_message(item.get_object()) : std::nullopt;
      // Only a receipt for what the peer sent the caller counts.
      if (!named || named->from != peer.value || named->to != caller.user) continue;
      auto found = messages.find_by_key(named->from, named->to, named->seq, named->random, named->time);
      if (!found || (found->flag_bits & kRecalled) || !needs_read_receipt(*found)) continue;
      auto extra = extra_of(*found);
      if (int_in(extra, kReceiptSent) != 1) {
        extra[kReceiptSent] = 1;
        messages.set_extra(found->id, json::serialize(extra));
      }
      const auto client_time = msg_client_time(*found);
      acknowledged.push_back({{"TinyId", auth::tinyid_of(caller.app.sdkappid, found->from_account)},
                              {"MsgClientTime", client_time},
                              {"MsgRandom", found->msg_random}});
    }
    tx.commit();
  }
  if (!acknowledged.empty())
    publish(deps,
            core::c2c_notice_delivery(caller.app.sdkappid, core::C2cNotice::receipt,
                                      json::serialize(json::object{{"Report_Account", caller.user},
                                                                   {"Timestamp", deps.clock.now()},
                                                                   {"Messages", std::move(acknowledged)}}),
                                      {{std::string(peer.value), false}}, caller.instance));
  return api::Reply::ok();
}

api::Reply modify_message(const Deps& deps, const Caller& caller, const json::object& body) {
  const auto named = named_message(body);
  if (!named)
    return api::Reply::error(ErrorCode::openim_bad_msg_key,
                             "From_Account, To_Account, MsgSeq, MsgRandom and MsgTime are required");
  if (named->from != caller.user && named->to != caller.user)
    return api::Reply::error(ErrorCode::openim_bad_from_account,
                             "only a side of the conversation may edit its messages");
  // An edit made from an old copy (another device edited it meanwhile) is refused with the latest version, which
  // the SDK takes into its copy before it rejects with MSG_MODIFY_CONFLICT.
  if (const auto asked = api::int_field(body, {"MsgVersion"}); asked.ok()) {
    auto reading = deps.store.read();
    const auto current = store::MessageRepository(reading.db(), caller.app.sdkappid)
                             .find_by_key(named->from, named->to, named->seq, named->random, named->time);
    if (current && msg_version(*current) != asked.value) {
      boost::system::error_code ec;
      auto stored_body = json::parse(current->body_json, ec);
      auto conflict = api::Reply::error(ErrorCode::msg_modify_conflict);
      conflict.fields = {{"MsgVersion", msg_version(*current)},
                         {"MsgBody", ec ? json::value(json::array{}) : std::move(stored_body)},
                         {"CloudCustomData", current->cloud_custom_data}};
      return conflict;
    }
  }
  // REST modify_c2c_msg does the edit and tells both sides' other devices (STYLE §13: one path).
  json::object request{{"From_Account", named->from},
                       {"To_Account", named->to},
                       {"MsgKey", std::to_string(named->seq) + "_" + std::to_string(named->random) + "_" +
                                      std::to_string(named->time)}};
  if (const auto* msg_body = body.if_contains("MsgBody"); msg_body && !msg_body->is_null())
    request["MsgBody"] = *msg_body;
  if (const auto* custom = body.if_contains("CloudCustomData"); custom && custom->is_string())
    request["CloudCustomData"] = *custom;
  auto reply = as_user(deps, caller, "openim", "modify_c2c_msg", std::move(request));
  if (reply.code != ErrorCode::ok) return reply;
  auto reading = deps.store.read();
  const auto edited = store::MessageRepository(reading.db(), caller.app.sdkappid)
                          .find_by_key(named->from, named->to, named->seq, named->random, named->time);
  if (!edited) return api::Reply::error(ErrorCode::msg_recall_not_found, "the message does not exist");
  boost::system::error_code ec;
  auto stored_body = json::parse(edited->body_json, ec);
  // The SDK shows the edit from this reply (its MsgBody, MsgVersion and CloudCustomData).
  return api::Reply::ok({{"MsgVersion", msg_version(*edited)},
                         {"MsgBody", ec ? json::value(json::array{}) : std::move(stored_body)},
                         {"CloudCustomData", edited->cloud_custom_data}});
}

api::Reply delete_messages(const Deps& deps, const Caller& caller, const json::object& body) {
  const auto peer = api::string_field(body, {"To_Account"});
  const auto keys = api::array_field(body, {"MsgKeyList"});
  if (!peer.ok() || peer.value.empty())
    return api::Reply::error(ErrorCode::openim_bad_to_account, "To_Account is required");
  if (!keys.ok()) return api::Reply::error(ErrorCode::openim_bad_msg_key, "MsgKeyList is required");
  auto locked = deps.store.lock();
  store::Transaction tx(locked.db());
  store::MessageRepository messages(locked.db(), caller.app.sdkappid);
  for (const auto& key : *keys.value) {
    if (!key.is_string()) continue;
    const auto cursor = api::openim::parse_msg_key(key.get_string());
    if (!cursor) return api::Reply::error(ErrorCode::openim_bad_msg_key);
    const auto found = messages.find_in_conversation(caller.user, peer.value, cursor->msg_seq,
                                                     cursor->msg_random, cursor->msg_time);
    if (!found) continue;  // already gone: deleting twice is no error
    messages.hide_message(found->id, found->from_account == caller.user);
  }
  tx.commit();
  return api::Reply::ok();
}

void announce_conversations(const Deps& deps, const Caller& caller, core::C2cNotice change,
                            const std::vector<ConversationKey>& keys) {
  if (keys.empty()) return;
  json::array list;
  for (const auto& key : keys)
    list.push_back({{"Type", key.type}, {key.type == 1 ? "To_Account" : "GroupId", key.target}});
  publish(deps, core::c2c_notice_delivery(caller.app.sdkappid, change,
                                          json::serialize(json::object{{"Conversations", std::move(list)}}),
                                          {{std::string(caller.user), true}}, caller.instance));
}

}  // namespace timock::client
