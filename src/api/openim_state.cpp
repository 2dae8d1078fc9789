// openim read state and presence: admin_set_msg_read, get_c2c_unread_msg_num, query_online_status and its
// 2018 name querystate (reference/rest-api.md §3.2, §3.3, §5).
#include <boost/json/value.hpp>
#include <charconv>

#include "api/c2c_callbacks.hpp"
#include "api/fields.hpp"
#include "api/openim_common.hpp"
#include "core/clock.hpp"
#include "core/event_hub.hpp"
#include "store/account_repository.hpp"
#include "store/database.hpp"
#include "store/inbox_repository.hpp"
#include "store/message_repository.hpp"
#include "store/store.hpp"

namespace timock::api::openim {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// §3.3 / §8: get_c2c_unread_msg_num names at most 10 peers; §3.2: at most 500 accounts per status query.
constexpr std::size_t kMaxUnreadPeers = 10;
constexpr std::size_t kMaxStatusAccounts = 500;

// MsgReadTime is documented as a String of unix seconds; SDKs also send it as an Integer.
std::optional<std::int64_t> read_time(const json::value& value) {
  if (auto number = as_int(value)) return *number >= 0 ? number : std::nullopt;
  if (!value.is_string()) return std::nullopt;
  const std::string_view text = value.get_string();
  std::int64_t out = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty() || out < 0) return std::nullopt;
  return out;
}

// To_Account of a status query: a non-empty Array of String (§3.2: 90001 when empty, 90011 over 500).
std::optional<Reply> read_status_targets(const json::object& body, std::vector<std::string_view>& out) {
  const auto to = array_field(body, {"To_Account"});
  if (!to.ok())
    return Reply::error(ErrorCode::openim_bad_to_account, "To_Account must be an Array of String");
  if (to.value->empty()) return Reply::error(ErrorCode::openim_json_parse_error, "To_Account is empty");
  if (to.value->size() > kMaxStatusAccounts) return Reply::error(ErrorCode::openim_too_many_targets);
  for (const auto& id : *to.value) {
    if (!id.is_string())
      return Reply::error(ErrorCode::openim_bad_to_account, "To_Account must be an Array of String");
    out.emplace_back(id.get_string());
  }
  return std::nullopt;
}

}  // namespace

Reply admin_set_msg_read(const CallContext& ctx, const json::object& body) {
  const auto report = string_field(body, {"Report_Account"});
  if (!report.ok() || report.value.empty())
    return Reply::error(ErrorCode::openim_bad_from_account, "Report_Account is missing or not a String");
  const auto peer = string_field(body, {"Peer_Account"});
  if (!peer.ok() || peer.value.empty())
    return Reply::error(ErrorCode::openim_bad_to_account, "Peer_Account is missing or not a String");
  std::int64_t up_to = ctx.clock.now();
  if (const auto* time = body.if_contains("MsgReadTime")) {
    const auto parsed = read_time(*time);
    if (!parsed) return Reply::error(ErrorCode::openim_json_parse_error, "MsgReadTime must be unix seconds");
    up_to = *parsed;
  }
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
  if (!account_known(accounts, ctx.app, report.value))
    return Reply::error(ErrorCode::openim_bad_from_account, "Report_Account does not exist");
  if (!account_known(accounts, ctx.app, peer.value))
    return Reply::error(ErrorCode::openim_bad_to_account, "Peer_Account does not exist");
  // Report_Account has read what Peer_Account sent it up to MsgReadTime: the same mark the WebIM client's
  // msgreaded sets, so the peer's admin_getroammsg shows IsPeerRead 1.
  store::InboxRepository(locked.db(), ctx.app.sdkappid, report.value).mark_read(peer.value, up_to);
  store::MessageRepository messages(locked.db(), ctx.app.sdkappid);
  after_msg_report(ctx.callbacks, messages, report.value, peer.value, up_to);
  tx.commit();
  // The peer's Chat SDK clients show their messages read (MESSAGE_READ_BY_PEER), as after the reader's own
  // setMessageRead.
  if (ctx.hub)
    ctx.store.when_committed([hub = ctx.hub, deliveries = read_deliveries(ctx.app.sdkappid, report.value, peer.value,
                                                                          up_to, ctx.instance)] {
      for (const auto& delivery : deliveries) hub->deliver(delivery);
    });
  return Reply::ok();
}

Reply get_c2c_unread_msg_num(const CallContext& ctx, const json::object& body) {
  const auto owner = string_field(body, {"To_Account"});
  if (!owner.ok() || owner.value.empty())
    return Reply::error(ErrorCode::openim_bad_to_account, "To_Account is missing or not a String");
  const auto peers = array_field(body, {"Peer_Account"});
  if (peers.state == FieldState::wrong_type)
    return Reply::error(ErrorCode::openim_json_parse_error, "Peer_Account must be an Array of String");
  if (peers.ok()) {
    if (peers.value->size() > kMaxUnreadPeers)
      return Reply::error(ErrorCode::openim_json_parse_error, "Peer_Account names at most 10 accounts");
    for (const auto& peer : *peers.value)
      if (!peer.is_string())
        return Reply::error(ErrorCode::openim_json_parse_error, "Peer_Account must be an Array of String");
  }
  auto reading = ctx.store.read();
  store::AccountRepository accounts(reading.db(), ctx.app.sdkappid);
  if (!account_known(accounts, ctx.app, owner.value))
    return Reply::error(ErrorCode::openim_bad_to_account, "To_Account does not exist");
  store::MessageRepository messages(reading.db(), ctx.app.sdkappid);
  if (!peers.ok()) return Reply::ok({{"AllC2CUnreadMsgNum", messages.unread_total(owner.value)}});
  json::array counts;
  json::array errors;
  for (const auto& value : *peers.value) {
    const std::string_view peer = value.get_string();
    if (!account_known(accounts, ctx.app, peer)) {
      errors.push_back({{"Peer_Account", peer}, {"ErrorCode", core::to_int(ErrorCode::account_not_exist)}});
      continue;
    }
    counts.push_back({{"Peer_Account", peer}, {"C2CUnreadMsgNum", messages.unread_count(owner.value, peer)}});
  }
  json::object reply{{"C2CUnreadMsgNumList", std::move(counts)}};
  if (!errors.empty()) reply["ErrorList"] = std::move(errors);
  return Reply::ok(std::move(reply));
}

Reply query_online_status(const CallContext& ctx, const json::object& body) {
  std::vector<std::string_view> targets;
  if (auto error = read_status_targets(body, targets)) return *error;
  const auto detail = int_field(body, {"IsNeedDetail"});
  if (detail.state == FieldState::wrong_type)
    return Reply::error(ErrorCode::openim_json_parse_error, "IsNeedDetail must be 0 or 1");
  const bool with_detail = detail.ok() && detail.value == 1;
  std::vector<bool> known;
  {
    auto reading = ctx.store.read();
    store::AccountRepository accounts(reading.db(), ctx.app.sdkappid);
    for (auto id : targets) known.push_back(account_known(accounts, ctx.app, id));
  }
  json::array results;
  json::array errors;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    if (!known[i]) {
      errors.push_back(
          {{"To_Account", targets[i]}, {"ErrorCode", core::to_int(ErrorCode::account_not_exist)}});
      continue;
    }
    // Only web clients log in to timock, and they have no push channel: Online or Offline, never PushOnline.
    const bool online = ctx.hub && ctx.hub->any_online(ctx.app.sdkappid, targets[i]);
    json::object item{{"To_Account", targets[i]}, {"Status", online ? "Online" : "Offline"}};
    if (with_detail && online)
      item["Detail"] = json::array{json::object{{"Platform", "Web"}, {"Status", "Online"}}};
    results.push_back(std::move(item));
  }
  // §3.2: the top-level ErrorCode is 0 when any account was answered.
  if (results.empty()) {
    auto reply = Reply::error(ErrorCode::account_not_exist);
    reply.fields["ErrorList"] = std::move(errors);
    return reply;
  }
  json::object reply{{"QueryResult", std::move(results)}};
  if (!errors.empty()) reply["ErrorList"] = std::move(errors);
  return Reply::ok(std::move(reply));
}

Reply querystate(const CallContext& ctx, const json::object& body) {
  std::vector<std::string_view> targets;
  if (auto error = read_status_targets(body, targets)) return *error;
  // The 2018 reply: one State per account asked about, no ErrorList (an unknown account is simply Offline).
  json::array results;
  for (auto id : targets) {
    const bool online = ctx.hub && ctx.hub->any_online(ctx.app.sdkappid, id);
    results.push_back({{"To_Account", id}, {"State", online ? "Online" : "Offline"}});
  }
  return Reply::ok({{"QueryResult", std::move(results)}});
}

}  // namespace timock::api::openim
