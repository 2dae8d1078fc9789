#include "api/client_sync.hpp"

#include <boost/json.hpp>
#include <charconv>

#include "api/fields.hpp"
#include "store/database.hpp"
#include "store/inbox_repository.hpp"
#include "store/message_repository.hpp"

namespace timock::api::client {

namespace json = boost::json;

namespace {

// getmsg Cookies, opaque to the SDKs. "id:N": the client has synced every message to it up to row N.
// "unread:N": a first sync (Cookie "") still paging through what is unread past row N.
struct SyncCursor {
  std::int64_t after = 0;
  bool unread_only = true;
};

std::optional<SyncCursor> parse_cookie(std::string_view cookie) {
  SyncCursor cursor;
  if (cookie.starts_with("id:")) {
    cursor.unread_only = false;
    cookie.remove_prefix(3);
  } else if (cookie.starts_with("unread:")) {
    cookie.remove_prefix(7);
  } else {
    return std::nullopt;
  }
  auto [end, ec] = std::from_chars(cookie.data(), cookie.data() + cookie.size(), cursor.after);
  if (ec != std::errc() || end != cookie.data() + cookie.size() || cursor.after < 0) return std::nullopt;
  return cursor;
}

std::string cookie_text(const SyncCursor& cursor) {
  return (cursor.unread_only ? "unread:" : "id:") + std::to_string(cursor.after);
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

}  // namespace

SyncPage sync_page(store::Database& db, core::SdkAppId app, std::string_view user, std::string_view cookie,
                   std::int64_t page_size) {
  store::InboxRepository inbox(db, app, user);
  const auto from = parse_cookie(cookie).value_or(SyncCursor{});
  SyncPage page;
  page.messages = inbox.inbound_after(from.after, from.unread_only, page_size + 1);
  page.more = static_cast<std::int64_t>(page.messages.size()) > page_size;
  if (page.more) page.messages.pop_back();
  // The last page of a sync covers every message there is so far, the read ones an unread sync skipped
  // included: the next getmsg brings only what arrives afterwards.
  const SyncCursor next = page.more ? SyncCursor{page.messages.back().id, from.unread_only}
                                    : SyncCursor{std::max(from.after, inbox.newest_inbound_id()), false};
  page.next_cookie = cookie_text(next);
  return page;
}

RoamPage roam_page(store::Database& db, core::SdkAppId app, std::string_view user, std::string_view peer,
                   std::int64_t max_count, std::int64_t last_msg_time, std::string_view msg_key) {
  store::RoamQuery query{user, peer, 0, INT64_MAX, max_count + 1, std::nullopt};
  if (last_msg_time > 0) {
    const auto key = parse_key(msg_key);
    query.after = key && key->msg_time == last_msg_time ? *key : store::RoamCursor{last_msg_time, 0, 0};
  }
  auto newest_first = store::MessageRepository(db, app).roam_page(query);
  RoamPage page;
  const bool more = static_cast<std::int64_t>(newest_first.size()) > max_count;
  if (more) newest_first.pop_back();
  page.complete = !more || newest_first.empty();
  if (!newest_first.empty()) {
    page.last_msg_time = newest_first.back().msg_time;
    page.msg_key = newest_first.back().msg_key();
  }
  page.messages.assign(std::make_move_iterator(newest_first.rbegin()), std::make_move_iterator(newest_first.rend()));
  return page;
}

bool mark_read(store::Database& db, core::SdkAppId app, std::string_view user, const json::object& body,
               std::int64_t now) {
  const auto readed = object_field(body, {"C2CMsgReaded"});
  if (!readed.ok()) return false;
  const auto items = array_field(*readed.value, {"C2CMsgReadedItem"});
  store::Transaction tx(db);
  store::InboxRepository inbox(db, app, user);
  if (items.ok()) {
    for (const auto& item : *items.value) {
      if (!item.is_object()) continue;
      const auto peer = string_field(item.get_object(), {"To_Account"});
      const auto time = int_field(item.get_object(), {"LastedMsgTime"});
      if (peer.ok()) inbox.mark_read(peer.value, time.ok() ? time.value : now);
    }
  }
  tx.commit();
  return true;
}

bool syncs_sender(const core::C2cMessage& message, std::string_view origin_instance) {
  if (!origin_instance.empty()) return true;
  boost::system::error_code ec;
  const auto extra = json::parse(message.extra_json, ec);
  if (ec || !extra.is_object()) return false;
  const auto* sync = extra.get_object().if_contains("SyncOtherMachine");
  return sync && sync->is_int64() && sync->get_int64() == 1;
}

}  // namespace timock::api::client
