// A client's one-to-one messages, the same for every client protocol: the getmsg sync (Cookie and pages),
// the getroammsg history page, read marks, sending and recalling (webim-protocol.md §4.9–4.12,
// modern-sdk-protocol.md §6.2–6.8). Both SDKs send the same openim request bodies; only the items differ.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "client/client.hpp"
#include "core/domain.hpp"

namespace timock::client {

// What a WebIM item shows of a message's sender (From_AccountNick, From_AccountHeadurl).
struct Sender {
  std::string nick;
  std::string face_url;
};
using Senders = std::map<std::string, Sender, std::less<>>;
// The profile of one sender (empty when it is not an account).
Sender sender_of(const Deps& deps, const core::App& app, std::string_view user);

// A getmsg page: what arrived for the user after the Cookie, oldest first. Cookie "" (or one timock did not
// issue) starts a first sync, which brings what is still unread, not the whole history.
struct UnreadCount {
  std::string peer;
  std::int64_t unread = 0;
  std::int64_t last_msg_time = 0;
};
struct SyncOptions {
  bool unread_counts = false;  // the Chat SDK takes its C2C unread counts from the last page (§6.3)
  bool senders = false;        // WebIM items carry the sender's nick and avatar
};
struct SyncPage {
  std::vector<core::C2cMessage> messages;
  std::string next_cookie;          // never empty: an empty Cookie means "nothing" to the modern SDK
  bool more = false;                // another page follows
  std::vector<UnreadCount> unread;  // on the last page, when asked: every conversation with unread messages
  Senders senders;
};
SyncPage sync_page(const Deps& deps, const Caller& caller, std::string_view cookie, SyncOptions options);

// A getroammsg page of the conversation with `peer`, oldest first, older than the cursor (LastMsgTime +
// MsgKey of the previous page; LastMsgTime 0 = the newest page whatever MsgKey says).
struct HistoryQuery {
  std::string_view peer;
  std::int64_t max_count = kDefaultHistoryPage;
  std::int64_t last_msg_time = 0;
  std::string_view msg_key;
};
// The openim getroammsg body (Peer_Account, MaxCnt, LastMsgTime, MsgKey); nullopt without a peer.
std::optional<HistoryQuery> history_query_of(const boost::json::object& body);
struct HistoryPage {
  std::vector<core::C2cMessage> messages;  // oldest → newest
  bool complete = true;            // no older message; never false with a short page (a client would loop)
  std::int64_t last_msg_time = 0;  // the cursor for the next, older page
  std::string msg_key;
  Senders senders;
};
// 90003 when the query has no peer (rest-api.md: bad To_Account).
Result<HistoryPage> history_page(const Deps& deps, const Caller& caller, std::optional<HistoryQuery> query,
                                 bool with_senders);
// The getroammsg reply around the protocol's encoded items (their JSON texts, spliced in as they are).
api::Reply history_reply(const HistoryPage& page, const std::vector<std::string>& item_jsons);

// openim msgreaded: C2CMsgReaded {C2CMsgReadedItem:[{To_Account, LastedMsgTime}]} marks what each peer sent
// up to that time as read (a missing time: up to now), in one transaction. 90001 without C2CMsgReaded.
api::Reply mark_read(const Deps& deps, const Caller& caller, const boost::json::object& body);

// How far each peer has read what the user sent (0 for a peer that is not a string), in the order asked.
std::vector<std::int64_t> peer_read_times(const Deps& deps, const Caller& caller,
                                          const boost::json::array& peers);

// openim sendmsg for the user. With `reuse_resent`, a request the client re-sends after a reconnect (same
// MsgSeq and MsgRandom, modern-sdk-protocol.md §3.2) gets the first one's answer instead of a second message,
// and the reply echoes the request's MsgSeq.
struct SendOptions {
  bool reuse_resent = false;
};
api::Reply send(const Deps& deps, const Caller& caller, boost::json::object body, SendOptions options);

// A client recalls its own message (the SDK's revokeMessage) within kRecallWindowSeconds (20016 after).
struct RecallKey {
  std::string to;
  std::int64_t msg_seq = 0;
  std::int64_t msg_random = 0;
  std::int64_t msg_time = 0;
};
api::Reply recall(const Deps& deps, const Caller& caller, const RecallKey& key);

}  // namespace timock::client
