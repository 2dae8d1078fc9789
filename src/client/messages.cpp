#include "client/messages.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <charconv>

#include "api/c2c_callbacks.hpp"
#include "api/fields.hpp"
#include "client/message_changes.hpp"
#include "core/clock.hpp"
#include "core/json_text.hpp"
#include "store/account_repository.hpp"
#include "store/database.hpp"
#include "store/inbox_repository.hpp"
#include "store/message_repository.hpp"
#include "store/store.hpp"

namespace timock::client {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// getmsg Cookies, opaque to the SDKs, counting the receiver's arrivals (recv_seq, schema/005). "s:N": the
// client has synced every message up to its Nth arrival. "su:N": a first sync (Cookie "") still paging through
// what is unread past the Nth. Cookies timock issued before schema/005 named c2c_messages row ids ("id:N",
// "unread:N"): they are translated, so a client that kept one across the upgrade gets what it would have.
struct SyncCursor {
  std::int64_t after = 0;
  bool unread_only = true;
};

struct ParsedCookie {
  SyncCursor cursor;
  bool row_id = false;  // `after` is a row id of c2c_messages (an old cookie)
};

std::optional<ParsedCookie> parse_cookie(std::string_view cookie) {
  ParsedCookie parsed;
  constexpr std::pair<std::string_view, std::pair<bool, bool>> kForms[] = {
      // prefix, (unread_only, row_id)
      {"s:", {false, false}},
      {"su:", {true, false}},
      {"id:", {false, true}},
      {"unread:", {true, true}},
  };
  bool known = false;
  for (const auto& [prefix, form] : kForms) {
    if (!cookie.starts_with(prefix)) continue;
    cookie.remove_prefix(prefix.size());
    parsed.cursor.unread_only = form.first;
    parsed.row_id = form.second;
    known = true;
    break;
  }
  if (!known) return std::nullopt;
  auto [end, ec] = std::from_chars(cookie.data(), cookie.data() + cookie.size(), parsed.cursor.after);
  if (ec != std::errc() || end != cookie.data() + cookie.size() || parsed.cursor.after < 0) return std::nullopt;
  return parsed;
}

std::string cookie_text(const SyncCursor& cursor) {
  return (cursor.unread_only ? "su:" : "s:") + std::to_string(cursor.after);
}

// A MsgKey as timock issues it: MsgSeq_MsgRandom_MsgTime (rest-api.md §3.3).
std::optional<store::RoamCursor> parse_key(std::string_view key) {
  store::RoamCursor out;
  const char* end = key.data() + key.size();
  auto r1 = std::from_chars(key.data(), end, out.msg_seq);
  if (r1.ec != std::errc() || r1.ptr == end || *r1.ptr != '_') return std::nullopt;
  auto r2 = std::from_chars(r1.ptr + 1, end, out.msg_random);
  if (r2.ec != std::errc() || r2.ptr == end || *r2.ptr != '_') return std::nullopt;
  auto r3 = std::from_chars(r2.ptr + 1, end, out.msg_time);
  if (r3.ec != std::errc() || r3.ptr != end) return std::nullopt;
  return out;
}

Senders senders_of(store::Database& db, core::SdkAppId app, const std::vector<core::C2cMessage>& messages) {
  Senders senders;
  store::AccountRepository accounts(db, app);
  for (const auto& m : messages) {
    if (senders.contains(m.from_account)) continue;
    const auto account = accounts.find(m.from_account);
    senders.emplace(m.from_account, account ? Sender{account->nick, account->face_url} : Sender{});
  }
  return senders;
}

}  // namespace

Sender sender_of(const Deps& deps, const core::App& app, std::string_view user) {
  auto reading = deps.store.read();
  const auto account = store::AccountRepository(reading.db(), app.sdkappid).find(user);
  return account ? Sender{account->nick, account->face_url} : Sender{};
}

SyncPage sync_page(const Deps& deps, const Caller& caller, std::string_view cookie, SyncOptions options) {
  const auto app = caller.app.sdkappid;
  auto reading = deps.store.read();
  auto& db = reading.db();
  store::InboxRepository inbox(db, app, caller.user);
  SyncCursor from;
  if (const auto parsed = parse_cookie(cookie)) {
    from = parsed->cursor;
    if (parsed->row_id) from.after = inbox.inbound_seq_at_row(from.after);
  }
  SyncPage page;
  auto inbound = inbox.inbound_after(from.after, from.unread_only, kSyncPageSize + 1);
  page.more = static_cast<std::int64_t>(inbound.size()) > kSyncPageSize;
  if (page.more) inbound.pop_back();
  // The last page of a sync covers every message there is so far, the read ones an unread sync skipped
  // included: the next getmsg brings only what arrives afterwards.
  const SyncCursor next = page.more ? SyncCursor{inbound.back().seq, from.unread_only}
                                    : SyncCursor{std::max(from.after, inbox.newest_inbound_seq()), false};
  page.messages.reserve(inbound.size());
  for (auto& m : inbound) page.messages.push_back(std::move(m.message));
  page.next_cookie = cookie_text(next);
  if (options.unread_counts && !page.more)
    for (const auto& c : inbox.conversations(kMaxRecentContacts))  // counts each one's unread messages
      if (c.unread > 0) page.unread.push_back({c.peer, c.unread, c.last.msg_time});
  if (options.senders) page.senders = senders_of(db, app, page.messages);
  return page;
}

std::optional<HistoryQuery> history_query_of(const json::object& body) {
  const auto peer = api::string_field(body, {"Peer_Account"});
  if (!peer.ok() || peer.value.empty()) return std::nullopt;
  HistoryQuery query;
  query.peer = peer.value;
  if (const auto max_cnt = api::int_field(body, {"MaxCnt"}); max_cnt.ok() && max_cnt.value > 0)
    query.max_count = std::min(max_cnt.value, kMaxHistoryPage);
  if (const auto last_time = api::int_field(body, {"LastMsgTime"}); last_time.ok())
    query.last_msg_time = last_time.value;
  if (const auto msg_key = api::string_field(body, {"MsgKey"}); msg_key.ok()) query.msg_key = msg_key.value;
  return query;
}

Result<HistoryPage> history_page(const Deps& deps, const Caller& caller, std::optional<HistoryQuery> query,
                                 bool with_senders) {
  if (!query) return {api::Reply::error(ErrorCode::openim_bad_to_account, "Peer_Account is missing")};
  const auto max_count = std::clamp<std::int64_t>(query->max_count, 1, kMaxHistoryPage);
  // One more than a page, and the twin of its last message: two messages may share a MsgKey (one each way, the
  // same MsgSeq, MsgRandom and second), and the next page resumes strictly after the key, so a page never ends
  // between them (as REST admin_getroammsg, store::MessageRepository::roam_page).
  store::RoamQuery roam{caller.user, query->peer, 0, INT64_MAX, max_count + 2, std::nullopt};
  if (query->last_msg_time > 0) {
    const auto key = parse_key(query->msg_key);
    roam.after = key && key->msg_time == query->last_msg_time ? *key : store::RoamCursor{query->last_msg_time, 0, 0};
  }
  auto reading = deps.store.read();
  auto newest_first = store::MessageRepository(reading.db(), caller.app.sdkappid).roam_page(roam);
  Result<HistoryPage> result;
  auto& page = result.value;
  auto take = std::min<std::size_t>(static_cast<std::size_t>(max_count), newest_first.size());
  while (take > 0 && take < newest_first.size() &&
         newest_first[take].msg_key() == newest_first[take - 1].msg_key())
    ++take;
  const bool more = newest_first.size() > take;
  newest_first.resize(take);
  page.complete = !more || newest_first.empty();
  if (!newest_first.empty()) {
    page.last_msg_time = newest_first.back().msg_time;
    page.msg_key = newest_first.back().msg_key();
  }
  page.messages.assign(std::make_move_iterator(newest_first.rbegin()), std::make_move_iterator(newest_first.rend()));
  if (with_senders) page.senders = senders_of(reading.db(), caller.app.sdkappid, page.messages);
  return result;
}

api::Reply history_reply(const HistoryPage& page, const std::vector<std::string>& item_jsons) {
  auto reply = api::Reply::ok({{"Complete", page.complete ? 1 : 0},
                               {"MaxCnt", item_jsons.size()},
                               {"LastMsgTime", page.last_msg_time},
                               {"MsgKey", page.msg_key}});
  reply.raw_fields.emplace_back("MsgList", core::array_json(item_jsons));
  return reply;
}

api::Reply mark_read(const Deps& deps, const Caller& caller, const json::object& body) {
  const auto readed = api::object_field(body, {"C2CMsgReaded"});
  if (!readed.ok()) return api::Reply::error(ErrorCode::openim_json_parse_error, "C2CMsgReaded is missing");
  const auto items = api::array_field(*readed.value, {"C2CMsgReadedItem"});
  const auto now = deps.clock.now();
  std::vector<std::pair<std::string, std::int64_t>> reads;
  {
    auto locked = deps.store.lock();
    store::Transaction tx(locked.db());
    store::InboxRepository inbox(locked.db(), caller.app.sdkappid, caller.user);
    if (items.ok()) {
      for (const auto& item : *items.value) {
        if (!item.is_object()) continue;
        const auto peer = api::string_field(item.get_object(), {"To_Account"});
        const auto time = api::int_field(item.get_object(), {"LastedMsgTime"});
        if (!peer.ok()) continue;
        inbox.mark_read(peer.value, time.ok() ? time.value : now);
        reads.emplace_back(std::string(peer.value), time.ok() ? time.value : now);
      }
    }
    store::MessageRepository messages(locked.db(), caller.app.sdkappid);
    for (const auto& [peer, time] : reads) api::after_msg_report(caller.callbacks, messages, caller.user, peer, time);
    tx.commit();
  }
  // The senders' clients show their messages as read (MESSAGE_READ_BY_PEER), the reader's other devices
  // clear the unread count.
  announce_reads(deps, caller, reads);
  return api::Reply::ok();
}

std::vector<std::int64_t> peer_read_times(const Deps& deps, const Caller& caller, const json::array& peers) {
  auto reading = deps.store.read();
  store::MessageRepository messages(reading.db(), caller.app.sdkappid);
  std::vector<std::int64_t> times;
  times.reserve(peers.size());
  for (const auto& peer : peers)
    times.push_back(peer.is_string() ? messages.read_up_to(caller.user, peer.get_string()) : 0);
  return times;
}

api::Reply send(const Deps& deps, const Caller& caller, json::object body, SendOptions options) {
  const auto seq = api::int_field(body, {"MsgSeq"});
  if (options.reuse_resent) {
    const auto to = api::string_field(body, {"To_Account"});
    const auto random = api::int_field(body, {"MsgRandom"});
    if (to.ok() && seq.ok() && random.ok() && seq.value >= 0 && random.value >= 0 &&
        seq.value <= UINT32_MAX && random.value <= UINT32_MAX) {
      auto reading = deps.store.read();
      if (const auto sent = store::MessageRepository(reading.db(), caller.app.sdkappid)
                                .find_resent(caller.user, to.value, static_cast<std::uint32_t>(seq.value),
                                             static_cast<std::uint32_t>(random.value)))
        return api::Reply::ok(
            {{"MsgTime", sent->msg_time}, {"MsgSeq", sent->msg_seq}, {"MsgKey", sent->msg_key()}});
    }
  }
  const bool echo_seq = options.reuse_resent && seq.ok();
  const std::int64_t asked_seq = seq.ok() ? seq.value : 0;
  auto reply = as_user(deps, caller, "openim", "sendmsg", std::move(body));
  if (echo_seq && reply.code == ErrorCode::ok) reply.fields["MsgSeq"] = asked_seq;
  return reply;
}

api::Reply recall(const Deps& deps, const Caller& caller, const RecallKey& key) {
  // rest-api.md error table: 20016, the client recall window (2 minutes by default).
  if (deps.clock.now() - key.msg_time > kRecallWindowSeconds)
    return api::Reply::error(ErrorCode::msg_recall_too_late);
  const std::string msg_key =
      std::to_string(key.msg_seq) + "_" + std::to_string(key.msg_random) + "_" + std::to_string(key.msg_time);
  return as_user(deps, caller, "openim", "admin_msgwithdraw", {{"To_Account", key.to}, {"MsgKey", msg_key}});
}

}  // namespace timock::client
