#include "webim/sessions.hpp"

#include <openssl/rand.h>

#include <boost/json.hpp>
#include <algorithm>
#include <cstdio>

#include "api/client_sync.hpp"
#include "auth/client_identity.hpp"
#include "core/clock.hpp"
#include "core/error_code.hpp"
#include "router/envelope.hpp"
#include "router/pending_reply.hpp"
#include "store/app_registry.hpp"
#include "webim/message_item.hpp"

namespace timock::webim {

namespace json = boost::json;

namespace {

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

router::HttpResponse events_reply(const Instance& instance, std::uint64_t cursor, bool notify_mode) {
  std::uint64_t highest = 0;
  json::array items;
  for (const auto& [seq, item] : instance.inbox) {
    if (seq <= cursor) continue;
    highest = seq;
    items.push_back(item);
  }
  json::object event;
  if (notify_mode) {
    event = {{"Event", 1}, {"NotifySeq", highest}};
  } else {
    // The SDK reads NoticeSeq from element 0 only: give every element the highest (§4.8).
    for (auto& item : items) item.as_object()["NoticeSeq"] = highest;
    event = {{"Event", 9}, {"C2cMsgArray", std::move(items)}};
  }
  json::object body{{"ActionStatus", "OK"},
                    {"ErrorCode", 0},
                    {"ErrorInfo", ""},
                    {"EventArray", json::array{std::move(event)}}};
  return router::json_response(200, json::serialize(body));
}

bool has_news(const Instance& instance, std::uint64_t cursor) {
  return !instance.inbox.empty() && instance.inbox.back().first > cursor;
}

}  // namespace

std::string idle_poll_body() {
  return router::error_envelope(core::ErrorCode::request_timeout, "long polling timed out, no new message");
}

std::string kicked_poll_body() {
  return router::error_envelope(core::ErrorCode::webim_longpoll_kicked);
}

std::pair<std::string, std::string> Sessions::login(core::SdkAppId app, const std::string& user) {
  Instance instance;
  instance.app = app;
  instance.user = user;
  instance.tinyid = auth::tinyid_of(app, user);
  instance.a2 = auth::new_a2_key();  // URL-safe: the SDK appends it to URLs raw (§2.1)
  std::lock_guard lock(mutex_);
  auto& mine = by_user_[{app, user}];
  while (mine.size() >= kMaxInstancesPerUser) {
    const auto oldest = mine.front();
    mine.pop_front();
    auto it = instances_.find({app, oldest});
    if (it == instances_.end()) continue;
    // Forgotten, not kept as kicked: a client that reconnects all day must not grow the map. Its calls then
    // get the same 20002 (and its poll 91101) as any unknown session.
    kick(it->second);
    instances_.erase(it);
  }
  mine.push_back(instance.a2);
  auto result = std::pair{instance.tinyid, instance.a2};
  instances_.insert_or_assign({app, instance.a2}, std::move(instance));
  return result;
}

Lookup Sessions::find(core::SdkAppId app, std::string_view tinyid, std::string_view a2, std::string& user) {
  std::lock_guard lock(mutex_);
  auto it = instances_.find({app, std::string(a2)});
  if (it == instances_.end() || it->second.tinyid != tinyid) return Lookup::unknown;
  if (it->second.kicked) return Lookup::kicked;
  user = it->second.user;
  return Lookup::ok;
}

std::string Sessions::new_long_polling_id(core::SdkAppId app, std::string_view a2) {
  std::lock_guard lock(mutex_);
  auto it = instances_.find({app, std::string(a2)});
  if (it == instances_.end()) return {};
  auto& instance = it->second;
  // A superseded id's parked poll is told it was kicked (§4.8).
  if (instance.parked) {
    auto body = router::json_response(200, kicked_poll_body());
    instance.parked->complete(std::move(body));
    instance.parked.reset();
  }
  instance.long_polling_id = "lp-" + std::to_string(next_long_polling_id_++) + "-" + random_hex(4);
  instance.first_poll_answered = false;
  return instance.long_polling_id;
}

router::HttpResponse Sessions::long_poll(core::SdkAppId app, std::string_view a2,
                                         std::string_view long_polling_id, std::uint64_t cursor,
                                         bool notify_mode) {
  std::lock_guard lock(mutex_);
  auto it = instances_.find({app, std::string(a2)});
  if (it == instances_.end() || it->second.kicked || it->second.long_polling_id.empty() ||
      it->second.long_polling_id != long_polling_id)
    return router::json_response(200, kicked_poll_body());
  auto& instance = it->second;
  // Everything up to the cursor has reached the client: forget it.
  while (!instance.inbox.empty() && instance.inbox.front().first <= cursor) instance.inbox.pop_front();
  if (instance.parked) {
    // A newer poll replaces a parked one (the client gave up on it); the old one ends idle.
    instance.parked->complete(router::json_response(200, idle_poll_body()));
    instance.parked.reset();
  }
  if (has_news(instance, cursor)) {
    instance.first_poll_answered = true;
    return events_reply(instance, cursor, notify_mode);
  }
  if (!instance.first_poll_answered) {
    // The SDK reports "connected" only when its first poll returns: answer it at once (§3 step 8).
    instance.first_poll_answered = true;
    return router::json_response(200, idle_poll_body());
  }
  router::HttpResponse parked;
  parked.pending =
      std::make_shared<router::PendingReply>(hold_, router::json_response(200, idle_poll_body()));
  parked.pending->count_in(parked_count_);
  instance.parked = parked.pending;
  instance.parked_cursor = cursor;
  return parked;
}

void Sessions::kick(Instance& instance) {
  instance.kicked = true;
  instance.inbox.clear();
  if (instance.parked) {
    instance.parked->complete(router::json_response(200, kicked_poll_body()));
    instance.parked.reset();
  }
}

void Sessions::logout_instance(core::SdkAppId app, std::string_view a2) {
  std::lock_guard lock(mutex_);
  auto it = instances_.find({app, std::string(a2)});
  if (it == instances_.end()) return;
  kick(it->second);
  auto& mine = by_user_[{app, it->second.user}];
  std::erase(mine, it->second.a2);
  instances_.erase(it);
}

void Sessions::logout_user(core::SdkAppId app, std::string_view user) {
  std::lock_guard lock(mutex_);
  auto found = by_user_.find({app, std::string(user)});
  if (found == by_user_.end()) return;
  for (const auto& a2 : found->second) {
    auto it = instances_.find({app, a2});
    if (it == instances_.end()) continue;
    kick(it->second);
    instances_.erase(it);
  }
  by_user_.erase(found);
}

std::size_t Sessions::parked_polls() const {
  // Every WebIM call sets the metric from this: a walk over all sessions here made logging in n clients
  // O(n²) (bench/RESULTS.md F6). A poll whose hold ran out is no longer counted, answered or not.
  return static_cast<std::size_t>(std::max<std::int64_t>(0, parked_count_->load()));
}

void Sessions::on_c2c_message(core::SdkAppId app, const core::C2cMessage& message, std::string_view origin) {
  const bool to_receiver = message.receiver_sees;
  // The sender's other devices see what it sent (a client send, or REST with SyncOtherMachine 1).
  const bool to_sender =
      message.from_account != message.to_account && message.sender_sees && api::client::syncs_sender(message, origin);
  {
    // Most messages reach nobody online: then nothing is built (building reads the sender's nick).
    std::lock_guard lock(mutex_);
    if (!(to_receiver && by_user_.contains({app, message.to_account})) &&
        !(to_sender && by_user_.contains({app, message.from_account})))
      return;
  }
  // Build the item before taking the lock: it reads the sender's nick from the store.
  const auto item = message_item(store_, app, message);
  const auto app_config = apps_.find(app);
  const bool notify_mode = app_config && app_config->options.webim_delivery == "notify";
  std::lock_guard lock(mutex_);
  const auto push_to = [&](const std::string& user) {
    auto found = by_user_.find({app, user});
    if (found == by_user_.end()) return;
    for (const auto& a2 : found->second) {
      if (a2 == origin) continue;  // never echo to the sending instance before its reply (§4.8, the -17 case)
      auto it = instances_.find({app, a2});
      if (it == instances_.end() || it->second.kicked) continue;
      auto& instance = it->second;
      instance.inbox.emplace_back(instance.next_notice_seq++, item);
      while (instance.inbox.size() > kMaxInboxItems) instance.inbox.pop_front();
      if (instance.parked) {
        instance.parked->complete(events_reply(instance, instance.parked_cursor, notify_mode));
        instance.parked.reset();
      }
    }
  };
  if (to_receiver) push_to(message.to_account);
  if (to_sender) push_to(message.from_account);
}

void Sessions::on_kick(core::SdkAppId app, std::string_view user) { logout_user(app, user); }

bool Sessions::is_online(core::SdkAppId app, std::string_view user) const {
  std::lock_guard lock(mutex_);
  auto found = by_user_.find({app, std::string(user)});
  if (found == by_user_.end()) return false;
  for (const auto& a2 : found->second) {
    auto it = instances_.find({app, a2});
    if (it != instances_.end() && !it->second.kicked) return true;
  }
  return false;
}

void Sessions::on_app_reset(core::SdkAppId app) {
  std::lock_guard lock(mutex_);
  for (auto it = instances_.begin(); it != instances_.end();) {
    if (it->first.first == app) {
      kick(it->second);
      it = instances_.erase(it);
    } else {
      ++it;
    }
  }
  for (auto it = by_user_.begin(); it != by_user_.end();)
    it = it->first.first == app ? by_user_.erase(it) : std::next(it);
}

}  // namespace timock::webim
