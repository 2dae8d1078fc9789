// openim admin_getroammsg, admin_msgwithdraw and modify_c2c_msg (reference/rest-api.md §3.3, §6.2): reading
// and changing stored C2C messages by conversation and MsgKey.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "api/c2c_callbacks.hpp"
#include "api/fields.hpp"
#include "api/msg_body.hpp"
#include "api/openim_common.hpp"
#include "core/event_hub.hpp"
#include "core/json_text.hpp"
#include "store/account_repository.hpp"
#include "store/database.hpp"
#include "store/message_repository.hpp"
#include "store/store.hpp"

namespace timock::api::openim {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// §3.3: admin_getroammsg pages stop near 13 KB of messages (then Complete is 0).
constexpr std::size_t kRoamPageBytes = 13 * 1024;
// A page is also bounded in count so one call never walks a whole conversation.
constexpr std::int64_t kMaxRoamCount = 100;
// Messages of one conversation sharing a MsgKey: at most one each way, since a sender's repeat is
// de-duplicated (§6.2). A page fetches that many rows beyond MaxCnt: enough to finish such a pair and see
// whether more remain.
constexpr std::int64_t kMaxSameKeyRun = 2;
// §6.2 MsgFlagBits: 8 = recalled.
constexpr int kRecalled = 8;

bool same_key(const core::C2cMessage& a, const core::C2cMessage& b) {
  return a.msg_time == b.msg_time && a.msg_seq == b.msg_seq && a.msg_random == b.msg_random;
}

// One MsgList item's text. The stored body is spliced in as text (core/json_text.hpp): the page is the reply's
// bulk, and a parse and serialise per message cost as much as the query (bench/RESULTS.md F5).
std::string roam_item_json(const core::C2cMessage& m) {
  json::object item{{"From_Account", m.from_account}, {"To_Account", m.to_account},    {"MsgSeq", m.msg_seq},
                    {"MsgRandom", m.msg_random},       {"MsgTimeStamp", m.msg_time},   {"MsgFlagBits", m.flag_bits},
                    {"IsPeerRead", m.is_read ? 1 : 0}, {"MsgKey", m.msg_key()}};
  if (!m.cloud_custom_data.empty()) item["CloudCustomData"] = m.cloud_custom_data;
  auto text = json::serialize(item);
  core::append_member(text, "MsgBody", m.body_json);
  return text;
}

// The message `From_Account` sent `To_Account` under `MsgKey`, as admin_msgwithdraw and modify_c2c_msg name
// it; or the reply for why there is none (§3.3: 90008, 90003, 90054, then 20022).
struct Target {
  std::optional<Reply> error;
  core::C2cMessage message;
};

Target find_target(const CallContext& ctx, store::Database& db, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok() || from.value.empty())
    return {Reply::error(ErrorCode::openim_bad_from_account, "From_Account is missing or not a String"), {}};
  const auto to = string_field(body, {"To_Account"});
  if (!to.ok() || to.value.empty())
    return {Reply::error(ErrorCode::openim_bad_to_account, "To_Account is missing or not a String"), {}};
  const auto key_text = string_field(body, {"MsgKey"});
  const auto key = key_text.ok() ? parse_msg_key(key_text.value) : std::nullopt;
  if (!key) return {Reply::error(ErrorCode::openim_bad_msg_key), {}};
  store::AccountRepository accounts(db, ctx.app.sdkappid);
  if (!account_known(accounts, ctx.app, from.value))
    return {Reply::error(ErrorCode::openim_bad_from_account, "From_Account does not exist"), {}};
  if (!account_known(accounts, ctx.app, to.value))
    return {Reply::error(ErrorCode::openim_bad_to_account, "To_Account does not exist"), {}};
  auto found = store::MessageRepository(db, ctx.app.sdkappid)
                   .find_by_key(from.value, to.value, key->msg_seq, key->msg_random, key->msg_time);
  if (!found) return {Reply::error(ErrorCode::msg_recall_not_found), {}};
  return {std::nullopt, std::move(*found)};
}

}  // namespace

Reply admin_getroammsg(const CallContext& ctx, const json::object& body) {
  const auto op = string_field(body, {"Operator_Account"});
  if (!op.ok()) return Reply::error(ErrorCode::openim_bad_from_account, "Operator_Account is missing");
  const auto peer = string_field(body, {"Peer_Account"});
  if (!peer.ok()) return Reply::error(ErrorCode::openim_bad_to_account, "Peer_Account is missing");
  const auto max_cnt = int_field(body, {"MaxCnt"});
  const auto min_time = int_field(body, {"MinTime"});
  const auto max_time = int_field(body, {"MaxTime"});
  if (!max_cnt.ok() || !min_time.ok() || !max_time.ok() || max_cnt.value <= 0)
    return Reply::error(ErrorCode::openim_json_parse_error, "MaxCnt, MinTime and MaxTime must be Integers");
  const auto last_key = string_field(body, {"LastMsgKey"});
  if (last_key.state == FieldState::wrong_type)
    return Reply::error(ErrorCode::openim_json_parse_error, "LastMsgKey must be a String");

  auto reading = ctx.store.read();
  store::AccountRepository accounts(reading.db(), ctx.app.sdkappid);
  if (!account_known(accounts, ctx.app, op.value))
    return Reply::error(ErrorCode::openim_bad_from_account, "Operator_Account does not exist");
  // §4.6: 90003 is also "the account does not exist"; here the other side is Peer_Account.
  if (!account_known(accounts, ctx.app, peer.value))
    return Reply::error(ErrorCode::openim_bad_to_account, "Peer_Account does not exist");
  store::MessageRepository messages(reading.db(), ctx.app.sdkappid);
  const std::int64_t max_count = std::min(max_cnt.value, kMaxRoamCount);
  store::RoamQuery query{op.value, peer.value, min_time.value, max_time.value, max_count + kMaxSameKeyRun,
                         {}};
  if (last_key.ok() && !last_key.value.empty()) {
    query.after = parse_msg_key(last_key.value);
    if (!query.after) return Reply::error(ErrorCode::openim_json_parse_error, "LastMsgKey is not a MsgKey");
  }
  const auto page = messages.roam_page(query);
  std::vector<std::string> list;
  list.reserve(page.size());
  std::size_t bytes = 0;
  std::size_t taken = 0;
  for (; taken < page.size(); ++taken) {
    // The next page resumes after LastMsgKey, which cannot tell apart two messages sharing it (one each way):
    // a page never ends between them.
    const bool finishes_pair = taken > 0 && same_key(page[taken], page[taken - 1]);
    const bool full = static_cast<std::int64_t>(taken) >= max_count || (bytes >= kRoamPageBytes && taken > 0);
    if (full && !finishes_pair) break;
    list.push_back(roam_item_json(page[taken]));
    bytes += list.back().size();
  }
  const bool complete = taken == page.size() && static_cast<std::int64_t>(page.size()) < query.limit;
  const core::C2cMessage* last = taken > 0 ? &page[taken - 1] : nullptr;
  json::object reply{{"Complete", complete ? 1 : 0},
                     {"MsgCnt", list.size()},
                     {"LastMsgTime", last ? last->msg_time : 0},
                     {"LastMsgKey", last ? last->msg_key() : std::string()}};
  auto ok = Reply::ok(std::move(reply));
  ok.raw_fields.emplace_back("MsgList", core::array_json(list));
  return ok;
}

Reply admin_msgwithdraw(const CallContext& ctx, const json::object& body) {
  core::C2cMessage recalled;
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    auto target = find_target(ctx, locked.db(), body);
    if (target.error) return *target.error;
    if (target.message.flag_bits & kRecalled) return Reply::error(ErrorCode::msg_already_recalled);
    // §3.3: a recalled message stays in both roaming views, flagged; it no longer counts as unread.
    target.message.flag_bits |= kRecalled;
    store::MessageRepository messages(locked.db(), ctx.app.sdkappid);
    messages.set_flag_bits(target.message.id, target.message.flag_bits);
    after_msg_withdraw(ctx.callbacks, messages, target.message);
    tx.commit();
    recalled = std::move(target.message);
  }
  // Online clients that show recalls live hear of it once the recall is committed (as pushes of new messages
  // are: a client that reads back after the notice sees the message flagged), without the store lock.
  if (ctx.hub)
    ctx.store.when_committed([hub = ctx.hub, app = ctx.app.sdkappid, recalled = std::move(recalled),
                              instance = std::string(ctx.instance)] {
      hub->deliver(core::c2c_recall_delivery(app, recalled, instance));
    });
  return Reply::ok();
}

Reply modify_c2c_msg(const CallContext& ctx, const json::object& body) {
  std::optional<std::string> new_body;
  if (const auto* msg_body = body.if_contains("MsgBody")) {
    if (auto check = check_msg_body(msg_body); !check.ok()) return Reply::error(check.code, check.info);
    new_body = json::serialize(*msg_body);
  }
  const auto custom_data = string_field(body, {"CloudCustomData"});
  if (custom_data.state == FieldState::wrong_type)
    return Reply::error(ErrorCode::openim_bad_msg_format, "CloudCustomData must be a String");
  std::optional<std::string> new_custom_data;
  if (custom_data.ok()) new_custom_data = std::string(custom_data.value);

  core::C2cMessage edited;
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    auto target = find_target(ctx, locked.db(), body);
    if (target.error) {
      if (target.error->code == ErrorCode::msg_recall_not_found)
        target.error->error_info = "the message does not exist";
      return *target.error;
    }
    // A recalled message has nothing left to edit (timock's choice; the reference lists no code for it).
    if (target.message.flag_bits & kRecalled) return Reply::error(ErrorCode::msg_already_recalled);
    const auto size = new_body.value_or(target.message.body_json).size() +
                      new_custom_data.value_or(target.message.cloud_custom_data).size();
    if (size > kMaxMessageBytes) return Reply::error(ErrorCode::openim_body_too_long);
    store::MessageRepository messages(locked.db(), ctx.app.sdkappid);
    messages.update_content(target.message.id, new_body, new_custom_data);
    // Every edit raises the message's MsgVersion: the Chat SDK applies an edit only over an older version.
    boost::system::error_code ec;
    auto extra = json::parse(target.message.extra_json, ec);
    if (ec || !extra.is_object()) extra = json::object{};
    auto& fields = extra.get_object();
    const auto* version = fields.if_contains("MsgVersion");
    fields["MsgVersion"] = (version && version->is_int64() ? version->get_int64() : 0) + 1;
    target.message.extra_json = json::serialize(extra);
    messages.set_extra(target.message.id, target.message.extra_json);
    tx.commit();
    edited = std::move(target.message);
    if (new_body) edited.body_json = *new_body;
    if (new_custom_data) edited.cloud_custom_data = *new_custom_data;
  }
  // Both sides' Chat SDK clients show the edit (MESSAGE_MODIFIED), but the client that made it (its reply).
  if (ctx.hub)
    ctx.store.when_committed([hub = ctx.hub, app = ctx.app.sdkappid, edited = std::move(edited),
                              instance = std::string(ctx.instance)] {
      auto delivery = core::c2c_notice_delivery(app, core::C2cNotice::modified, "{}",
                                                {{edited.to_account, false}}, instance);
      if (edited.from_account != edited.to_account) delivery.to.push_back({edited.from_account, false});
      delivery.message = edited;
      hub->deliver(delivery);
    });
  // §3.3: this command's success reply says "succeed".
  auto reply = Reply::ok();
  reply.error_info = "succeed";
  return reply;
}

}  // namespace timock::api::openim
