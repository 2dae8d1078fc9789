// What both client protocols (WebIM 1.7 and the modern Chat SDK) ask of one user's messages in the same
// way: the getmsg sync cursor (Cookie), the getroammsg page and its cursor, and msgreaded
// (webim-protocol.md §4.9–4.12, modern-sdk-protocol.md §6.2–6.7). Callers hold the store lock.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"

namespace timock::store {
class Database;
}

namespace timock::api::client {

// A getmsg page: what arrived for the user after the Cookie, oldest first. Cookie "" (or one timock did not
// issue) starts a first sync, which brings what is still unread, not the whole history.
struct SyncPage {
  std::vector<core::C2cMessage> messages;
  std::string next_cookie;  // never empty: an empty Cookie means "nothing" to the modern SDK
  bool more = false;        // another page follows (SyncFlag 1)
};
SyncPage sync_page(store::Database& db, core::SdkAppId app, std::string_view user, std::string_view cookie,
                   std::int64_t page_size);

// A getroammsg page of the conversation with `peer`, oldest first, older than the cursor (LastMsgTime +
// MsgKey of the previous page; LastMsgTime 0 = the newest page whatever MsgKey says).
struct RoamPage {
  std::vector<core::C2cMessage> messages;  // oldest → newest
  bool complete = true;  // no older message; never false with a short page (a client would loop)
  std::int64_t last_msg_time = 0;  // the cursor for the next, older page
  std::string msg_key;
};
RoamPage roam_page(store::Database& db, core::SdkAppId app, std::string_view user, std::string_view peer,
                   std::int64_t max_count, std::int64_t last_msg_time, std::string_view msg_key);

// msgreaded's C2CMsgReaded {C2CMsgReadedItem:[{To_Account, LastedMsgTime}]}: what each peer sent up to that
// time is read (a missing time: up to `now`). false when C2CMsgReaded is missing.
bool mark_read(store::Database& db, core::SdkAppId app, std::string_view user, const boost::json::object& body,
               std::int64_t now);

// Whether the sender's other online clients get a copy: a client's own send always (multi-device), a REST
// send only with SyncOtherMachine 1 (rest-api.md §3.3). `origin_instance` is empty for REST.
bool syncs_sender(const core::C2cMessage& message, std::string_view origin_instance);

}  // namespace timock::api::client
