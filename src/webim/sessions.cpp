#include "webim/sessions.hpp"

#include <openssl/rand.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <algorithm>
#include <cstdio>
#include <deque>
#include <mutex>
#include <optional>

#include "core/error_code.hpp"
#include "router/envelope.hpp"
#include "router/pending_reply.hpp"
#include "webim/message_item.hpp"

namespace timock::webim {

namespace json = boost::json;

namespace {

// One instance's poll state. Its own lock: deliveries to different instances do not wait for each other.
class PollQueue final : public client::Connection {
 public:
  std::mutex mutex;
  bool ended = false;  // kicked or logged out: polls get 91101
  std::string long_polling_id;
  bool first_poll_answered = false;
  std::uint64_t next_notice_seq = 1;
  // Message items (webim-protocol.md §6) not yet acknowledged by a poll cursor, oldest first.
  std::deque<std::pair<std::uint64_t, json::object>> inbox;
  // Friend and profile notices (Events 7 and 8) not yet answered to a poll. They carry no NoticeSeq the SDK
  // sends back as a cursor, so each goes out with the next poll's reply, once.
  std::deque<json::object> notices;
  std::shared_ptr<router::PendingReply> parked;
  std::uint64_t parked_cursor = 0;

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

router::HttpResponse events_reply(PollQueue& queue, std::uint64_t cursor, bool notify_mode) {
  std::uint64_t highest = 0;
  json::array items;
  for (const auto& [seq, item] : queue.inbox) {
    if (seq <= cursor) continue;
    highest = seq;
    items.push_back(item);
  }
  json::array events;
  if (!items.empty()) {  // an Event 9 with no item crashes the SDK (§4.8)
    if (notify_mode) {
      events.push_back({{"Event", 1}, {"NotifySeq", highest}});
    } else {
      // The SDK reads NoticeSeq from element 0 only: give every element the highest (§4.8).
      for (auto& item : items) item.as_object()["NoticeSeq"] = highest;
      events.push_back({{"Event", 9}, {"C2cMsgArray", std::move(items)}});
    }
  }
  for (auto& notice : queue.notices) events.push_back(std::move(notice));
  queue.notices.clear();
  return router::json_response(200, router::envelope(api::Reply::ok({{"EventArray", std::move(events)}}), false));
}

bool has_news(const PollQueue& queue, std::uint64_t cursor) {
  return !queue.notices.empty() || (!queue.inbox.empty() && queue.inbox.back().first > cursor);
}

// Event 7 (FriendListMod) or 8 (ProfileDataMod), §4.8, around the delivery's one item.
std::optional<json::object> notice_event(const core::Delivery& delivery) {
  boost::system::error_code ec;
  auto item = json::parse(delivery.notice_json, ec);
  if (ec) return std::nullopt;
  const bool relation = delivery.kind == core::DeliveryKind::relation_change;
  return json::object{{"Event", relation ? 7 : 8},
                      {relation ? "FriendListMod" : "ProfileDataMod", json::array{std::move(item)}}};
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
                                         std::uint64_t cursor, bool notify_mode) {
  auto* queue = queue_of(instance);
  if (!queue) return router::json_response(200, kicked_poll_body());
  std::lock_guard lock(queue->mutex);
  if (queue->ended || queue->long_polling_id.empty() || queue->long_polling_id != long_polling_id)
    return router::json_response(200, kicked_poll_body());
  // Everything up to the cursor has reached the client: forget it.
  while (!queue->inbox.empty() && queue->inbox.front().first <= cursor) queue->inbox.pop_front();
  // A newer poll replaces a parked one (the client gave up on it); the old one ends idle.
  queue->end_parked(idle_poll_body());
  if (has_news(*queue, cursor)) {
    queue->first_poll_answered = true;
    return events_reply(*queue, cursor, notify_mode);
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
  queue->parked_cursor = cursor;
  return parked;
}

void Sessions::kicked(const client::Instance& instance, client::KickReason) {
  // Whatever the reason, a parked poll learns at once that this instance is gone (91101: the SDK stops).
  auto* queue = queue_of(instance);
  if (!queue) return;
  std::lock_guard lock(queue->mutex);
  queue->ended = true;
  queue->inbox.clear();
  queue->end_parked(kicked_poll_body());
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
        queue->parked->complete(events_reply(*queue, queue->parked_cursor, notify_mode));
        queue->parked.reset();
      }
    }
    return;
  }
  // WebIM 1.7 has no recall notice: the other side sees the recall when it reads the history again.
  if (kind != core::DeliveryKind::c2c_message) return;
  // One item for every instance: WebIM items look the same to the receiver and to the sender's devices.
  const auto item = message_item(outgoing.delivery.message, outgoing.sender);
  const bool notify_mode = outgoing.app.options.webim_delivery == "notify";
  for (const auto& target : targets) {
    auto* queue = queue_of(target.instance);
    if (!queue) continue;
    std::lock_guard lock(queue->mutex);
    if (queue->ended) continue;
    queue->inbox.emplace_back(queue->next_notice_seq++, item);
    while (queue->inbox.size() > kMaxInboxItems) queue->inbox.pop_front();
    if (queue->parked) {
      queue->parked->complete(events_reply(*queue, queue->parked_cursor, notify_mode));
      queue->parked.reset();
    }
  }
}

bool Sessions::connected(const client::Instance&) const {
  // A WebIM instance is online from its login until it is kicked or logs out (no socket to watch).
  return true;
}

}  // namespace timock::webim
