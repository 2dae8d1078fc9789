// openim (C2C messages): sendmsg, admin_getroammsg (reference/rest-api.md §3.3, §6).
#include <boost/json.hpp>
#include <charconv>
#include <random>

#include "api/command.hpp"
#include "api/fields.hpp"
#include "api/msg_body.hpp"
#include "core/clock.hpp"
#include "core/event_hub.hpp"
#include "store/account_repository.hpp"
#include "store/database.hpp"
#include "store/message_repository.hpp"
#include "store/store.hpp"

namespace timock::api {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// §3.3: MsgLifeTime is capped at 7 days.
constexpr std::int64_t kMaxMsgLifeTime = 604800;
// §3.3: admin_getroammsg pages stop near 13 KB of messages (then Complete is 0).
constexpr std::size_t kRoamPageBytes = 13 * 1024;
// A page is also bounded in count so one call never walks a whole conversation.
constexpr std::int64_t kMaxRoamCount = 100;
// Messages of one conversation sharing a MsgKey: at most one each way, since a sender's repeat is
// de-duplicated (§6.2). A page fetches that many rows beyond MaxCnt: enough to finish such a pair and see
// whether more remain.
constexpr std::int64_t kMaxSameKeyRun = 2;

std::uint32_t random_msg_seq() {
  thread_local std::mt19937 generator{std::random_device{}()};
  return std::uniform_int_distribution<std::uint32_t>(1, 0x7FFFFFFF)(generator);
}

Reply sendmsg(const CallContext& ctx, const json::object& body) {
  const auto to = string_field(body, {"To_Account"});
  if (!to.ok()) return Reply::error(ErrorCode::openim_bad_to_account, "Invalid format of To_Account");
  const auto from = string_field(body, {"From_Account"});
  if (from.state == FieldState::wrong_type || (from.ok() && from.value.empty()))
    return Reply::error(ErrorCode::openim_bad_from_account, "Invalid format of From_Account");
  const auto msg_random = int_field(body, {"MsgRandom"});
  if (!msg_random.ok() || !fits_uint32(msg_random.value)) return Reply::error(ErrorCode::openim_bad_msg_random);
  const auto msg_seq = int_field(body, {"MsgSeq"});
  if (msg_seq.state == FieldState::wrong_type || (msg_seq.ok() && !fits_uint32(msg_seq.value)))
    return Reply::error(ErrorCode::openim_bad_msg_seq);
  const auto* msg_body = body.if_contains("MsgBody");
  if (auto check = check_msg_body(msg_body); !check.ok()) return Reply::error(check.code, check.info);
  const auto sync = int_field(body, {"SyncOtherMachine"});
  if (sync.state == FieldState::wrong_type) return Reply::error(ErrorCode::openim_bad_sync_other_machine);
  const auto lifetime = int_field(body, {"MsgLifeTime"});
  if (lifetime.state == FieldState::wrong_type) return Reply::error(ErrorCode::openim_bad_msg_lifetime_type);
  if (lifetime.ok() && lifetime.value < 0) return Reply::error(ErrorCode::openim_bad_msg_lifetime);
  const auto custom_data = string_field(body, {"CloudCustomData"});
  if (custom_data.state == FieldState::wrong_type)
    return Reply::error(ErrorCode::openim_bad_msg_format, "CloudCustomData must be a String");
  const auto control = array_field(body, {"SendMsgControl"});
  if (control.state == FieldState::wrong_type)
    return Reply::error(ErrorCode::openim_bad_msg_format, "SendMsgControl must be an Array");

  const std::string body_text = json::serialize(*msg_body);
  if (body_text.size() + custom_data.value.size() > kMaxMessageBytes)
    return Reply::error(ErrorCode::openim_body_too_long);

  core::C2cMessage message;
  message.from_account = from.ok() ? std::string(from.value) : std::string(ctx.identifier);
  message.to_account = std::string(to.value);
  message.msg_random = static_cast<std::uint32_t>(msg_random.value);
  message.msg_seq = msg_seq.ok() ? static_cast<std::uint32_t>(msg_seq.value) : random_msg_seq();
  message.msg_time = ctx.clock.now();
  message.body_json = body_text;
  message.cloud_custom_data = std::string(custom_data.value);
  // §3.3: SyncOtherMachine 2 keeps the message out of the sender's roaming view.
  message.sender_sees = !(sync.ok() && sync.value == 2);
  json::object extra;
  if (control.ok()) {
    for (const auto& flag : *control.value)
      if (flag.is_string() && flag.get_string() == "NoUnread") message.counts_unread = false;
    extra["SendMsgControl"] = *control.value;
  }
  extra["MsgLifeTime"] = lifetime.ok() ? std::min(lifetime.value, kMaxMsgLifeTime) : kMaxMsgLifeTime;
  for (std::string_view kept : {"OfflinePushInfo", "ForbidCallbackControl", "IsNeedReadReceipt",
                                "SupportMessageExtension"})
    if (const auto* value = body.if_contains(kept)) extra[kept] = *value;
  if (sync.ok()) extra["SyncOtherMachine"] = sync.value;
  message.extra_json = json::serialize(extra);

  bool stored = false;
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
    // The admin always exists (the console creates it with the app); others must have been imported.
    if ((message.from_account != ctx.app.admin && !accounts.exists(message.from_account)) ||
        (message.to_account != ctx.app.admin && !accounts.exists(message.to_account)))
      return Reply::error(ErrorCode::msg_account_invalid);
    store::MessageRepository messages(locked.db(), ctx.app.sdkappid);
    // §6.2: MsgSeq and MsgRandom de-dup within a second, so a repeat from the same sender is the same message.
    if (!messages.find_by_key(message.from_account, message.to_account, message.msg_seq, message.msg_random,
                              message.msg_time)) {
      message.id = messages.insert(message);
      stored = true;
    }
    tx.commit();
  }
  // Announced after the commit and with the store unlocked: listeners read the store to build their pushes.
  if (stored && ctx.hub) ctx.hub->c2c_message(ctx.app.sdkappid, message, ctx.instance);
  return Reply::ok({{"MsgTime", message.msg_time}, {"MsgKey", message.msg_key()}});
}

// "<MsgSeq>_<MsgRandom>_<MsgTime>" (§6.2): where the next roaming page starts.
std::optional<store::RoamCursor> parse_msg_key(std::string_view text) {
  store::RoamCursor key;
  const char* p = text.data();
  const char* end = text.data() + text.size();
  auto take = [&](auto& out, bool last) {
    auto [next, ec] = std::from_chars(p, end, out);
    if (ec != std::errc() || next == p) return false;
    p = next;
    if (last) return p == end;
    if (p == end || *p != '_') return false;
    ++p;
    return true;
  };
  if (!take(key.msg_seq, false) || !take(key.msg_random, false) || !take(key.msg_time, true))
    return std::nullopt;
  return key;
}

bool same_key(const core::C2cMessage& a, const core::C2cMessage& b) {
  return a.msg_time == b.msg_time && a.msg_seq == b.msg_seq && a.msg_random == b.msg_random;
}

json::object roam_item(const core::C2cMessage& m) {
  json::object item{{"From_Account", m.from_account},
                    {"To_Account", m.to_account},
                    {"MsgSeq", m.msg_seq},
                    {"MsgRandom", m.msg_random},
                    {"MsgTimeStamp", m.msg_time},
                    {"MsgFlagBits", m.flag_bits},
                    {"IsPeerRead", m.is_read ? 1 : 0},
                    {"MsgKey", m.msg_key()},
                    {"MsgBody", json::parse(m.body_json)}};
  if (!m.cloud_custom_data.empty()) item["CloudCustomData"] = m.cloud_custom_data;
  return item;
}

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

  auto locked = ctx.store.lock();
  store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
  if (op.value != ctx.app.admin && !accounts.exists(op.value))
    return Reply::error(ErrorCode::openim_bad_from_account, "Operator_Account does not exist");
  // §4.6: 90003 is also "the account does not exist"; here the other side is Peer_Account.
  if (peer.value != ctx.app.admin && !accounts.exists(peer.value))
    return Reply::error(ErrorCode::openim_bad_to_account, "Peer_Account does not exist");
  store::MessageRepository messages(locked.db(), ctx.app.sdkappid);
  const std::int64_t max_count = std::min(max_cnt.value, kMaxRoamCount);
  store::RoamQuery query{op.value, peer.value, min_time.value, max_time.value, max_count + kMaxSameKeyRun,
                         {}};
  if (last_key.ok() && !last_key.value.empty()) {
    query.after = parse_msg_key(last_key.value);
    if (!query.after) return Reply::error(ErrorCode::openim_json_parse_error, "LastMsgKey is not a MsgKey");
  }
  const auto page = messages.roam_page(query);
  json::array list;
  std::size_t bytes = 0;
  std::size_t taken = 0;
  for (; taken < page.size(); ++taken) {
    // The next page resumes after LastMsgKey, which cannot tell apart two messages sharing it (one each way):
    // a page never ends between them.
    const bool finishes_pair = taken > 0 && same_key(page[taken], page[taken - 1]);
    const bool full = static_cast<std::int64_t>(taken) >= max_count || (bytes >= kRoamPageBytes && taken > 0);
    if (full && !finishes_pair) break;
    auto item = roam_item(page[taken]);
    bytes += json::serialize(item).size();
    list.push_back(std::move(item));
  }
  const bool complete = taken == page.size() && static_cast<std::int64_t>(page.size()) < query.limit;
  const core::C2cMessage* last = taken > 0 ? &page[taken - 1] : nullptr;
  json::object reply{{"Complete", complete ? 1 : 0},
                     {"MsgCnt", list.size()},
                     {"LastMsgTime", last ? last->msg_time : 0},
                     {"LastMsgKey", last ? last->msg_key() : std::string()},
                     {"MsgList", std::move(list)}};
  return Reply::ok(std::move(reply));
}

}  // namespace

void register_openim_service(CommandTable& table) {
  table.add("openim", "sendmsg", sendmsg);
  table.add("openim", "admin_getroammsg", admin_getroammsg);
}

}  // namespace timock::api
