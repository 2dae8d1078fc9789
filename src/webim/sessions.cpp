#include "webim/sessions.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <cstdio>
#include <deque>
#include <mutex>
#include <optional>

#include "client/groups.hpp"
#include "client/room_feed.hpp"
#include "core/delivery.hpp"
#include "core/error_code.hpp"
#include "router/envelope.hpp"
#include "router/pending_reply.hpp"
#include "webim/message_item.hpp"

namespace timock::webim {

namespace json = boost::json;

namespace {

// The long-poll events an inbox item rides in (webim-protocol.md §4.8, webim-groups.md §4.1).
constexpr int kEventC2cNotify = 1;
constexpr int kEventGroupMessage = 3;
constexpr int kEventGroupTip = 4;
constexpr int kEventGroupNotice = 5;
constexpr int kEventC2cMessage = 9;

// One item waiting for a poll: its NoticeSeq (or NotifySeq), the event it rides in, and the item.
struct InboxItem {
  std::uint64_t seq = 0;
  int event = kEventC2cMessage;
  json::object item;
};

// One instance's poll state. Its own lock: deliveries to different instances do not wait for each other.
class PollQueue final : public client::Connection {
 public:
  std::mutex mutex;
  bool ended = false;  // kicked or logged out: polls get 91101
  std::string long_polling_id;
  bool first_poll_answered = false;
  // One counter for every item (webim-groups.md §4.5: the SDK keeps one NoticeSeq for C2C and group events).
  std::uint64_t next_notice_seq = 1;
  // Items (webim-protocol.md §6, webim-groups.md §4.2–4.4) not yet acknowledged by a poll cursor, oldest first.
  std::deque<InboxItem> inbox;
  // Friend and profile notices (Events 7 and 8) not yet answered to a poll. They carry no NoticeSeq the SDK
  // sends back as a cursor, so each goes out with the next poll's reply, once.
  std::deque<json::object> notices;
  std::shared_ptr<router::PendingReply> parked;
  PollCursors parked_cursors;
  // The live room this instance polls with get_msg (§8): its LongPollingKey, items and seqs
  // (client::RoomFeed, the model the Chat SDK's long-poll mode shares).
  std::optional<client::RoomFeed> room;
  std::shared_ptr<router::PendingReply> room_parked;
  std::uint64_t room_parked_start = 0;
  // Since when the instance has been quiet: its last call, or the end of its parked poll's hold.
  std::chrono::steady_clock::time_point quiet_since = std::chrono::steady_clock::now();

  void heard_until(std::chrono::steady_clock::time_point until) { quiet_since = std::max(quiet_since, until); }

  void end_parked(std::string body) {
    if (!parked) return;
    parked->complete(router::json_response(200, std::move(body)));
    parked.reset();
  }
};

PollQueue* queue_of(const client::Instance& instance) { return static_cast<PollQueue*>(instance.connection.get()); }

std::string random_hex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes));
  std::string hex;
  char pair[3];
  for (unsigned char c : raw) {
    std::snprintf(pair, sizeof pair, "%02x", c);
    hex += pair;
  }
  return hex;
}

// Whether the client's cursors say it has `item`: in notify mode a C2C item is NotifySeq's, else NoticeSeq's.
bool acknowledged(const InboxItem& item, PollCursors cursors, bool notify_mode) {
  const bool by_notify = notify_mode && item.event == kEventC2cMessage;
  return item.seq <= (by_notify ? cursors.notify : cursors.notice);
}

std::string_view array_key(int event) {
  if (event == kEventC2cMessage) return "C2cMsgArray";
  if (event == kEventGroupMessage) return "GroupMsgArray";
  return "GroupTips";
}

router::HttpResponse events_reply(PollQueue& queue, PollCursors cursors, bool notify_mode) {
  std::uint64_t highest = 0, highest_notify = 0;
  for (const auto& pending : queue.inbox) {
    if (acknowledged(pending, cursors, notify_mode)) continue;
    highest = std::max(highest, pending.seq);
    if (notify_mode && pending.event == kEventC2cMessage) highest_notify = std::max(highest_notify, pending.seq);
  }
  json::array events;
  if (highest_notify != 0) events.push_back(json::object{{"Event", kEventC2cNotify}, {"NotifySeq", highest_notify}});
  // In NoticeSeq order, one event per run of items of the same kind: the SDK checks a group's seqs for holes
  // within one event (webim-groups.md §4.6), so a tip between two messages keeps its place.
  int run = 0;
  for (const auto& pending : queue.inbox) {
    if (acknowledged(pending, cursors, notify_mode) || (notify_mode && pending.event == kEventC2cMessage)) continue;
    if (run != pending.event) {
      run = pending.event;
      events.push_back(json::object{{"Event", run}, {array_key(run), json::array{}}});
    }
    auto item = pending.item;
    // Group events move the SDK's cursor to their highest item; Event 9 sets it to its element 0's, which must
    // therefore be the reply's highest, wherever the event stands (webim-protocol.md §4.8, webim-groups.md §4.5).
    item["NoticeSeq"] = pending.event == kEventC2cMessage ? highest : pending.seq;
    events.back().as_object().at(array_key(run)).as_array().push_back(std::move(item));
  }
  for (auto& notice : queue.notices) events.push_back(std::move(notice));
  queue.notices.clear();
  return router::json_response(200, router::envelope(api::Reply::ok({{"EventArray", std::move(events)}}), false));
}

// The SDK waits HoldTime seconds for a room poll's answer and then counts a network error (ten in a row stop its
// polling): the HoldTime it is told outlasts the hold by this much, so the server's 60008 always comes first.
constexpr std::int64_t kRoomHoldMarginSeconds = 10;

// A room poll's answer (webim-groups.md §8): the SDK takes StartSeq, HoldTime and Key from every OK reply, and
// walks RspMsgList from last to first, so the newest comes first.
router::HttpResponse room_reply(const client::RoomFeed& room, std::uint64_t start_seq,
                                std::chrono::milliseconds hold) {
  const auto hold_s = std::chrono::duration_cast<std::chrono::seconds>(hold).count() + 1 + kRoomHoldMarginSeconds;
  return router::json_response(
      200, router::envelope(api::Reply::ok({{"NextSeq", room.next_seq()},
                                            {"HoldTime", hold_s},
                                            {"Key", room.key()},
                                            {"RspMsgList", room.newest_first(start_seq)}}),
                            false));
}

bool has_news(const PollQueue& queue, PollCursors cursors, bool notify_mode) {
  return !queue.notices.empty() || std::any_of(queue.inbox.begin(), queue.inbox.end(),
                     [&](const InboxItem& item) { return !acknowledged(item, cursors, notify_mode); });
}

// Event 7 (FriendListMod) or 8 (ProfileDataMod), webim-protocol.md §4.8, around the delivery's one item.
std::optional<json::object> notice_event(const core::Delivery& delivery) {
  boost::system::error_code ec;
  auto item = json::parse(delivery.notice_json, ec);
  if (ec) return std::nullopt;
  const bool relation = delivery.kind == core::DeliveryKind::relation_change;
  return json::object{{"Event", relation ? 7 : 8},
                      {relation ? "FriendListMod" : "ProfileDataMod", json::array{std::move(item)}}};
}

// A delivery as WebIM items: the event and the item, for every target alike, except a group notice, which
// names its receiver (GroupInfo.To_Account) and is made per user. Nothing for what WebIM 1.7 cannot show.
struct Encoded {
  int event = 0;
  std::optional<json::object> item;  // absent: per user
};

Encoded encode(const client::Outgoing& outgoing) {
  const auto& d = outgoing.delivery;
  switch (d.kind) {
    case core::DeliveryKind::c2c_message:
      // One item for every instance: WebIM items look the same to the receiver and to the sender's devices.
      return {kEventC2cMessage, message_item(d.message, outgoing.sender)};
    case core::DeliveryKind::c2c_recall:
      // WebIM 1.7 has no C2C recall notice: the other side sees the recall when it reads the history again.
      return {};
    case core::DeliveryKind::group_message: {
      // webim-groups.md §4.2: the sender's nick and avatar are GroupInfo's (a top-level one is ignored).
      auto item = client::group_item(d.app, d.group, d.group_message);
      auto& info = item["GroupInfo"].get_object();
      info["From_AccountNick"] = outgoing.sender.nick;
      info["From_AccountHeadurl"] = outgoing.sender.face_url;
      return {kEventGroupMessage, as_webim_group_item(std::move(item))};
    }
    case core::DeliveryKind::group_tip:
      return {kEventGroupTip, as_webim_group_item(client::group_item(d.app, d.group, d.group_message))};
    case core::DeliveryKind::group_recall:
      return {kEventGroupNotice, client::group_recall_item(d)};
    case core::DeliveryKind::group_notice:
      return {kEventGroupNotice, std::nullopt};
    case core::DeliveryKind::relation_change:
    case core::DeliveryKind::profile_change:
      return {};  // notices of their own (deliver)
    case core::DeliveryKind::c2c_notice:
      // WebIM 1.7 shows none of these live (read reports, edits, conversation changes, statuses): it sees
      // them when it reads the history or the conversation list again.
      return {};
  }
  return {};
}

}  // namespace

std::string idle_poll_body() {
  return router::error_envelope(core::ErrorCode::request_timeout, "long polling timed out, no new message");
}

std::string kicked_poll_body() {
  return router::error_envelope(core::ErrorCode::webim_longpoll_kicked);
}

std::shared_ptr<client::Connection> Sessions::open(const client::Instance&) { return std::make_shared<PollQueue>(); }

std::string Sessions::new_long_polling_id(const client::Instance& instance) {
  auto* queue = queue_of(instance);
  if (!queue) return {};
  const auto id = "lp-" + std::to_string(next_long_polling_id_++) + "-" + random_hex(4);
  std::lock_guard lock(queue->mutex);
  if (queue->ended) return {};
  // A superseded id's parked poll is told it was kicked (§4.8).
  queue->end_parked(kicked_poll_body());
  queue->long_polling_id = id;
  queue->first_poll_answered = false;
  return id;
}

router::HttpResponse Sessions::long_poll(const client::Instance& instance, std::string_view long_polling_id,
                                         PollCursors cursors, bool notify_mode) {
  auto* queue = queue_of(instance);
  if (!queue) return router::json_response(200, kicked_poll_body());
  std::lock_guard lock(queue->mutex);
  if (queue->ended || queue->long_polling_id.empty() || queue->long_polling_id != long_polling_id)
    return router::json_response(200, kicked_poll_body());
  // Everything up to the cursors has reached the client: forget it.
  std::erase_if(queue->inbox, [&](const InboxItem& item) { return acknowledged(item, cursors, notify_mode); });
  // A newer poll replaces a parked one (the client gave up on it); the old one ends idle.
  queue->end_parked(idle_poll_body());
  if (has_news(*queue, cursors, notify_mode)) {
    queue->first_poll_answered = true;
    return events_reply(*queue, cursors, notify_mode);
  }
  if (!queue->first_poll_answered) {
    // The SDK reports "connected" only when its first poll returns: answer it at once (§3 step 8).
    queue->first_poll_answered = true;
    return router::json_response(200, idle_poll_body());
  }
  router::HttpResponse parked;
  parked.pending = std::make_shared<router::PendingReply>(hold_, router::json_response(200, idle_poll_body()));
  parked.pending->count_in(parked_count_);
  queue->parked = parked.pending;
  queue->parked_cursors = cursors;
  queue->heard_until(std::chrono::steady_clock::now() + hold_);
  return parked;
}

std::string Sessions::watch_room(const client::Instance& instance, std::string_view group_id) {
  auto* queue = queue_of(instance);
  if (!queue) return {};
  std::lock_guard lock(queue->mutex);
  if (queue->ended) return {};
  if (!queue->room || queue->room->group_id() != group_id) {
    queue->room.emplace(std::string(group_id), client::new_room_key());
    if (queue->room_parked) {
      queue->room_parked->complete(router::json_response(200, idle_poll_body()));
      queue->room_parked.reset();
    }
  }
  return queue->room->key();
}

router::HttpResponse Sessions::room_poll(const client::Instance& instance, std::string_view key,
                                         std::uint64_t start_seq) {
  auto* queue = queue_of(instance);
  if (!queue) return router::json_response(200, kicked_poll_body());
  std::lock_guard lock(queue->mutex);
  if (queue->ended) return router::json_response(200, kicked_poll_body());
  const bool mine = queue->room && key == queue->room->key();
  if (mine) {
    // What lies below StartSeq has reached the client.
    queue->room->acknowledge(start_seq);
    if (queue->room->has_from(start_seq)) return room_reply(*queue->room, start_seq, hold_);
  }
  // A newer poll replaces a parked one; an unknown key only waits (the SDK re-polls at once after any answer, so
  // an error would make it spin).
  if (queue->room_parked) queue->room_parked->complete(router::json_response(200, idle_poll_body()));
  router::HttpResponse parked;
  parked.pending = std::make_shared<router::PendingReply>(hold_, router::json_response(200, idle_poll_body()));
  parked.pending->count_in(parked_count_);
  queue->room_parked = mine ? parked.pending : nullptr;
  queue->room_parked_start = start_seq;
  queue->heard_until(std::chrono::steady_clock::now() + hold_);
  return parked;
}

void Sessions::kicked(const client::Instance& instance, client::KickReason) {
  // Whatever the reason, a parked poll learns at once that this instance is gone (91101: the SDK stops).
  auto* queue = queue_of(instance);
  if (!queue) return;
  std::lock_guard lock(queue->mutex);
  queue->ended = true;
  queue->inbox.clear();
  queue->room.reset();
  queue->end_parked(kicked_poll_body());
  if (queue->room_parked) {
    queue->room_parked->complete(router::json_response(200, kicked_poll_body()));
    queue->room_parked.reset();
  }
}

void Sessions::seen(const client::Instance& instance) {
  auto* queue = queue_of(instance);
  if (!queue) return;
  std::lock_guard lock(queue->mutex);
  queue->heard_until(std::chrono::steady_clock::now());
}

void Sessions::expire_idle(client::Registry& registry) {
  if (idle_limit_.count() <= 0) return;
  const auto now = std::chrono::steady_clock::now();
  for (const auto& instance : registry.instances_on(client::Protocol::webim)) {
    auto* queue = queue_of(instance);
    if (!queue) continue;
    bool idle = false;
    {
      std::lock_guard lock(queue->mutex);
      idle = !queue->ended && now - queue->quiet_since > idle_limit_;
    }
    // Outside the queue's lock: the registry tells this transport (kicked), which takes it again.
    if (idle) registry.time_out(instance.app, instance.a2);
  }
}

std::size_t Sessions::parked_polls() const {
  // Every WebIM call sets the metric from this: a walk over all sessions here made logging in n clients
  // O(n²) (bench/RESULTS.md F6). A poll whose hold ran out is no longer counted, answered or not.
  return static_cast<std::size_t>(std::max<std::int64_t>(0, parked_count_->load()));
}

void Sessions::deliver(const client::Outgoing& outgoing, std::span<const client::Target> targets) {
  const auto kind = outgoing.delivery.kind;
  if (kind == core::DeliveryKind::relation_change || kind == core::DeliveryKind::profile_change) {
    const auto event = notice_event(outgoing.delivery);
    if (!event) return;
    const bool notify_mode = outgoing.app.options.webim_delivery == "notify";
    for (const auto& target : targets) {
      auto* queue = queue_of(target.instance);
      if (!queue) continue;
      std::lock_guard lock(queue->mutex);
      if (queue->ended) continue;
      queue->notices.push_back(*event);
      while (queue->notices.size() > kMaxInboxItems) queue->notices.pop_front();
      if (queue->parked) {
        queue->parked->complete(events_reply(*queue, queue->parked_cursors, notify_mode));
        queue->parked.reset();
      }
    }
    return;
  }
  const auto encoded = encode(outgoing);
  if (encoded.event == 0) return;
  const bool notify_mode = outgoing.app.options.webim_delivery == "notify";
  // A group notice's item per user: its targets come user by user.
  std::string_view user;
  json::object per_user;
  for (const auto& target : targets) {
    auto* queue = queue_of(target.instance);
    if (!queue) continue;
    if (!encoded.item && target.instance.user != user) {
      user = target.instance.user;
      per_user = client::group_notice_item(outgoing.delivery, user);
    }
    std::lock_guard lock(queue->mutex);
    if (queue->ended) continue;
    // The watched live room's messages and tips go to its own poll (§8).
    if (encoded.item && (encoded.event == kEventGroupMessage || encoded.event == kEventGroupTip) &&
        queue->room && queue->room->group_id() == outgoing.delivery.group.group_id) {
      queue->room->add(*encoded.item);
      if (queue->room_parked) {
        queue->room_parked->complete(room_reply(*queue->room, queue->room_parked_start, hold_));
        queue->room_parked.reset();
      }
      continue;
    }
    queue->inbox.push_back({queue->next_notice_seq++, encoded.event, encoded.item ? *encoded.item : per_user});
    while (queue->inbox.size() > kMaxInboxItems) queue->inbox.pop_front();
    if (queue->parked) {
      queue->parked->complete(events_reply(*queue, queue->parked_cursors, notify_mode));
      queue->parked.reset();
    }
  }
}

bool Sessions::connected(const client::Instance&) const {
  // A WebIM instance is online from its login until it is kicked or logs out (no socket to watch).
  return true;
}

}  // namespace timock::webim
