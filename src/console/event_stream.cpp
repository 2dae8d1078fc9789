#include "console/event_stream.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <vector>

#include "control/replies.hpp"
#include "core/sdkappid.hpp"

namespace timock::console {

namespace json = boost::json;

namespace {

std::string_view kind_name(core::DeliveryKind kind) {
  switch (kind) {
    case core::DeliveryKind::c2c_message:
      return "c2c_message";
    case core::DeliveryKind::c2c_recall:
      return "c2c_recall";
    case core::DeliveryKind::group_message:
      return "group_message";
    case core::DeliveryKind::group_recall:
      return "group_recall";
    case core::DeliveryKind::group_tip:
      return "group_tip";
    case core::DeliveryKind::group_notice:
      return "group_notice";
    case core::DeliveryKind::relation_change:
      return "relation_change";
    case core::DeliveryKind::profile_change:
      return "profile_change";
    case core::DeliveryKind::c2c_notice:
      return "c2c_notice";
  }
  return "other";
}

std::string_view notice_name(core::C2cNotice notice) {
  switch (notice) {
    case core::C2cNotice::read_report:
      return "read_report";
    case core::C2cNotice::read_sync:
      return "read_sync";
    case core::C2cNotice::receipt:
      return "receipt";
    case core::C2cNotice::modified:
      return "modified";
    case core::C2cNotice::conversation_deleted:
      return "conversation_deleted";
    case core::C2cNotice::conversation_pinned:
      return "conversation_pinned";
    case core::C2cNotice::conversation_unpinned:
      return "conversation_unpinned";
    case core::C2cNotice::user_status:
      return "user_status";
    case core::C2cNotice::conversation_changed:
      return "conversation_changed";
    case core::C2cNotice::extensions_changed:
      return "extensions_changed";
    case core::C2cNotice::reactions_changed:
      return "reactions_changed";
  }
  return "other";
}

// Stored JSON text back into a value; text that is not JSON stays text.
json::value parsed(std::string_view text) {
  boost::system::error_code ec;
  auto value = json::parse(text, ec);
  return ec ? json::value(text) : value;
}

// The message in the field names of the REST API (admin_getroammsg, group_msg_get_simple), so the page reads
// a live message and a fetched one alike.
json::object c2c_json(const core::C2cMessage& m) {
  return {{"From_Account", m.from_account},
          {"To_Account", m.to_account},
          {"MsgSeq", m.msg_seq},
          {"MsgRandom", m.msg_random},
          {"MsgTimeStamp", m.msg_time},
          {"MsgKey", m.msg_key()},
          {"MsgFlagBits", m.flag_bits},
          {"MsgBody", parsed(m.body_json)},
          {"CloudCustomData", m.cloud_custom_data}};
}

json::object group_json(const core::GroupSummary& group, const core::GroupMessage& m) {
  return {{"GroupId", group.group_id},
          {"MsgSeq", m.msg_seq},
          {"From_Account", m.from_account},
          {"MsgRandom", m.msg_random},
          {"MsgTimeStamp", m.msg_time},
          {"MsgFlagBits", m.flag_bits},
          {"IsSystemMsg", m.kind == core::GroupMessageKind::message ? 0 : 1},
          {"MsgBody", parsed(m.body_json)},
          {"CloudCustomData", m.cloud_custom_data}};
}

json::object delivery_json(const core::Delivery& delivery) {
  json::array to;
  for (const auto& recipient : delivery.to) to.emplace_back(recipient.user);
  json::object out{{"type", "delivery"}, {"kind", kind_name(delivery.kind)}, {"to", std::move(to)}};
  switch (delivery.kind) {
    case core::DeliveryKind::c2c_message:
    case core::DeliveryKind::c2c_recall:
      out["message"] = c2c_json(delivery.message);
      break;
    case core::DeliveryKind::group_message:
    case core::DeliveryKind::group_recall:
    case core::DeliveryKind::group_tip:
      out["message"] = group_json(delivery.group, delivery.group_message);
      out["group"] = json::object{{"GroupId", delivery.group.group_id}, {"Name", delivery.group.name}};
      break;
    case core::DeliveryKind::group_notice:
      out["group"] = json::object{{"GroupId", delivery.group.group_id}, {"Name", delivery.group.name}};
      out["notice"] = parsed(delivery.notice_json);
      break;
    case core::DeliveryKind::relation_change:
    case core::DeliveryKind::profile_change:
      out["item"] = parsed(delivery.notice_json);
      break;
    case core::DeliveryKind::c2c_notice:
      // A read report, receipt, edit, conversation or status change: which one, and its fields.
      out["notice_type"] = notice_name(delivery.c2c_notice);
      out["notice"] = parsed(delivery.notice_json);
      if (delivery.c2c_notice == core::C2cNotice::modified) out["message"] = c2c_json(delivery.message);
      break;
  }
  return out;
}

// Says why, then closes: the page shows the reason (a wrong token, an unknown app).
class Refusal final : public router::SocketSession {
 public:
  explicit Refusal(std::shared_ptr<router::SocketPeer> peer, std::string_view why) : peer_(std::move(peer)) {
    peer_->send(json::serialize(json::object{{"type", "error"}, {"error", why}}));
    peer_->close();
  }
  bool binary_frames() const override { return false; }
  router::SocketReply on_frame(std::string_view) override { return {}; }
  void on_close() override {}

 private:
  std::shared_ptr<router::SocketPeer> peer_;
};

class Subscription final : public router::SocketSession {
 public:
  Subscription(EventStream& stream, std::uint64_t id) : stream_(stream), id_(id) {}
  bool binary_frames() const override { return false; }
  router::SocketReply on_frame(std::string_view bytes) override {
    router::SocketReply reply;
    if (bytes == "ping") reply.frame = R"({"type":"pong"})";
    return reply;
  }
  void on_close() override { stream_.unsubscribe(id_); }

 private:
  EventStream& stream_;
  std::uint64_t id_;
};

}  // namespace

bool is_event_stream_path(std::string_view path) {
  return path == "/console/events";
}

std::shared_ptr<router::SocketSession> EventStream::open_socket(const router::ParsedTarget& target,
                                                                std::shared_ptr<router::SocketPeer> peer) {
  if (!is_event_stream_path(target.path)) return nullptr;
  if (!control_token_.empty() && target.param("token").value_or("") != control_token_)
    return std::make_shared<Refusal>(std::move(peer), "missing or wrong control token");
  const auto app = core::parse_sdkappid(target.param("app").value_or(""));
  if (!app) return std::make_shared<Refusal>(std::move(peer), "app must be an SDKAppID");
  std::uint64_t id = 0;
  {
    std::lock_guard lock(mutex_);
    if (subscribers_.size() >= kMaxSubscribers)
      return std::make_shared<Refusal>(std::move(peer), "too many console pages are open");
    id = next_id_++;
    subscribers_[id] = Subscriber{*app, peer};
  }
  peer->send(json::serialize(json::object{{"type", "hello"}, {"app", *app}}));
  return std::make_shared<Subscription>(*this, id);
}

void EventStream::unsubscribe(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  subscribers_.erase(id);
}

bool EventStream::watched(core::SdkAppId app) const {
  std::lock_guard lock(mutex_);
  for (const auto& [id, subscriber] : subscribers_)
    if (subscriber.app == app) return true;
  return false;
}

void EventStream::publish(core::SdkAppId app, const std::string& frame) const {
  std::vector<std::shared_ptr<router::SocketPeer>> peers;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, subscriber] : subscribers_)
      if (subscriber.app == app) peers.push_back(subscriber.peer);
  }
  // Sent outside the lock: a peer's send only queues (and drops a page that stopped reading).
  for (const auto& peer : peers) peer->send(frame);
}

void EventStream::on_delivery(const core::Delivery& delivery) {
  // Encoded only when a page watches the app: with no console open, a delivery costs one map walk.
  if (!watched(delivery.app)) return;
  publish(delivery.app, json::serialize(delivery_json(delivery)));
}

void EventStream::on_kick(core::SdkAppId app, std::string_view user) {
  if (!watched(app)) return;
  publish(app, json::serialize(json::object{{"type", "kick"}, {"user", user}}));
}

void EventStream::on_app_reset(core::SdkAppId app) {
  if (!watched(app)) return;
  publish(app, json::serialize(json::object{{"type", "app_reset"}}));
}

void EventStream::on_presence(core::SdkAppId app, std::string_view user, std::string_view status) {
  if (!watched(app)) return;
  publish(app, json::serialize(json::object{{"type", "presence"}, {"user", user}, {"status", status}}));
}

void EventStream::on_journal(core::SdkAppId app, const core::JournalEntry& entry) {
  if (!watched(app)) return;
  publish(app,
          json::serialize(json::object{{"type", "journal"}, {"entry", control::journal_entry_json(entry)}}));
}

}  // namespace timock::console
