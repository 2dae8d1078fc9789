#include "chatsdk/sessions.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <deque>
#include <mutex>
#include <set>

#include "chatsdk/frame.hpp"
#include "chatsdk/message_item.hpp"
#include "client/groups.hpp"
#include "client/room_feed.hpp"
#include "core/delivery.hpp"
#include "core/error_code.hpp"
#include "core/group.hpp"
#include "router/envelope.hpp"
#include "router/pending_reply.hpp"
#include "router/socket.hpp"

namespace timock::chatsdk {

namespace json = boost::json;

namespace {

// §4: KickType 1 multipleAccount, 2 multipleDevice, 3 REST API kick.
constexpr int kKickedByAnotherDevice = 2;
constexpr int kKickedByRest = 3;
constexpr std::string_view kMsgPush = "im_open_push.msg_push";
// The EventArray item's Event for group pushes (modern-sdk-groups.md §0 item 3: 4 a tip, 5 a notice or recall;
// 3 a message, which an AVChatRoom's push mode requires, §5.4).
constexpr int kGroupMessageEvent = 3;
constexpr int kGroupTipEvent = 4;
constexpr int kGroupNoticeEvent = 5;
// §0 item 3: 12 an @-tip, which is what fills a conversation's groupAtInfoList ("someone @ me").
constexpr int kGroupAtTipEvent = 12;
// The SDK's CONV_AT_ME and CONV_AT_ALL; it merges both into CONV_AT_ALL_AT_ME itself.
constexpr int kAtMe = 1;
constexpr int kAtAll = 2;
// A recall in a live room's long poll (AVChatRoomHandler.onMessage: Event 20 → handleMessageRevokedNotice,
// which reads MsgBody.RevokeMsgList and RevokerInfo).
constexpr int kLiveRoomRecallEvent = 20;
// The legacy long poll's numbers for friend and profile notices (webim-protocol.md §4.8).
constexpr int kFriendEvent = 7;
constexpr int kProfileEvent = 8;

// One live room a login long-polls, and its parked get_msg.
struct RoomWatch {
  client::RoomFeed feed;
  std::shared_ptr<router::PendingReply> parked;
  std::uint64_t parked_start = 0;
  FrameOrigin parked_origin;
};

// A login's socket, if one is attached, and the live rooms it long-polls.
class SocketConnection final : public client::Connection {
 public:
  // Its own lock: a delivery to a room and a poll of it meet here.
  std::mutex rooms_mutex;
  std::deque<RoomWatch> rooms;  // oldest first
  bool ended = false;           // logged out or kicked: no room is watched any more

  RoomWatch* room_of_group(std::string_view group_id) {
    for (auto& room : rooms)
      if (room.feed.group_id() == group_id) return &room;
    return nullptr;
  }

  std::optional<Attachment> socket() const {
    std::lock_guard lock(mutex_);
    return socket_;
  }
  void attach(const Attachment& socket) {
    std::lock_guard lock(mutex_);
    socket_ = socket;
  }
  // Detaches and returns what was attached (when it is `socket_id`'s, or any for 0).
  std::optional<Attachment> detach(std::uint64_t socket_id = 0) {
    std::lock_guard lock(mutex_);
    if (!socket_ || (socket_id != 0 && socket_->socket_id != socket_id)) return std::nullopt;
    return std::exchange(socket_, std::nullopt);
  }

 private:
  mutable std::mutex mutex_;
  std::optional<Attachment> socket_;
};

SocketConnection* connection_of(const client::Instance& instance) {
  return static_cast<SocketConnection*>(instance.connection.get());
}

json::object kick_body(int kick_type) {
  return {{"EventArray",
           json::array{json::object{
               {"Event", 9},
               {"C2cNotifyMsgArray",
                json::array{json::object{
                    {"KickoutMsgNotify", json::object{{"KickType", kick_type}, {"NewInstInfo", json::object{}}}}}}}}}}};
}

json::object group_push_body(int event, std::string_view key, json::object item) {
  return {{"EventArray", json::array{json::object{{"Event", event}, {key, json::array{std::move(item)}}}}}};
}

// get_msg's reply (modern-sdk-groups.md §5.4): the Key and NextSeq the SDK polls with next, and the items
// from the poll's StartSeq on, each with its Event.
api::Reply room_reply(const client::RoomFeed& feed, std::uint64_t start_seq) {
  return api::Reply::ok(
      {{"Key", feed.key()}, {"NextSeq", feed.next_seq()}, {"RspMsgList", feed.newest_first(start_seq)}});
}

router::HttpResponse room_frame(const FrameOrigin& origin, const api::Reply& reply) {
  router::HttpResponse out;
  out.body = encode_frame(origin.servcmd, origin.seq, router::envelope(reply, false), origin.binary);
  return out;
}

// Answers the room's parked poll (if any) with what it has now.
void answer_parked(RoomWatch& room) {
  if (!room.parked) return;
  room.parked->complete(room_frame(room.parked_origin, room_reply(room.feed, room.parked_start)));
  room.parked.reset();
}

// Whether a delivery is a live room's traffic, which a long-polling login takes from its poll.
bool is_room_traffic(const core::Delivery& d) {
  switch (d.kind) {
    case core::DeliveryKind::group_message:
    case core::DeliveryKind::group_tip:
    case core::DeliveryKind::group_recall:
    case core::DeliveryKind::group_notice:
      return core::is_live_room(d.group.type);
    default:
      return false;
  }
}

// A live room's item as its long poll carries it: the pushed item with its Event (3 a message, 4 a tip, 5 a
// notice), but a recall, which the poll's handler takes as Event 20.
json::object room_item(const client::Outgoing& out, std::string_view user) {
  const auto& d = out.delivery;
  switch (d.kind) {
    case core::DeliveryKind::group_message: {
      auto item = client::group_item(d.app, d.group, d.group_message);
      auto& info = item["GroupInfo"].get_object();
      info["From_AccountNick"] = out.sender.nick;
      info["From_AccountHeadurl"] = out.sender.face_url;
      item["Event"] = kGroupMessageEvent;
      return item;
    }
    case core::DeliveryKind::group_tip: {
      auto item = client::group_item(d.app, d.group, d.group_message);
      item["Event"] = kGroupTipEvent;
      return item;
    }
    case core::DeliveryKind::group_recall: {
      auto item = client::group_recall_item(d);
      item["Event"] = kLiveRoomRecallEvent;
      auto& body = item["MsgBody"].as_object();
      body["RevokeMsgList"] = body["GroupWithdrawInfoArray"];
      body.erase("GroupWithdrawInfoArray");
      return item;
    }
    default: {
      auto item = client::group_notice_item(d, user);
      item["Event"] = kGroupNoticeEvent;
      return item;
    }
  }
}

// The body a delivery shows in one view (the receiver's or the sender's sync copy); a group notice's names its
// receiver (GroupInfo.To_Account), so it is encoded per user.
json::object push_body(const client::Outgoing& out, bool sync_copy, std::string_view user) {
  const auto& d = out.delivery;
  const auto& m = d.message;
  switch (d.kind) {
    case core::DeliveryKind::c2c_message: {
      const auto& viewer = sync_copy ? m.from_account : m.to_account;
      return msg_push_body(json::array{message_item(d.app, m, viewer, sync_copy)}, "sd-" + std::to_string(m.id));
    }
    case core::DeliveryKind::c2c_recall:
      return recall_push_body(d.app, m, m.from_account);
    // modern-sdk-groups.md §5: messages as GroupMsgArray, tips (Event 4), recalls and notices (Event 5) as
    // GroupTips.
    case core::DeliveryKind::group_message: {
      auto item = client::group_item(d.app, d.group, d.group_message);
      auto& info = item["GroupInfo"].get_object();
      info["From_AccountNick"] = out.sender.nick;
      info["From_AccountHeadurl"] = out.sender.face_url;
      return group_push_body(kGroupMessageEvent, "GroupMsgArray", std::move(item));
    }
    case core::DeliveryKind::group_tip:
      return group_push_body(kGroupTipEvent, "GroupTips", client::group_item(d.app, d.group, d.group_message));
    case core::DeliveryKind::group_recall:
      return group_push_body(kGroupNoticeEvent, "GroupTips", client::group_recall_item(d));
    case core::DeliveryKind::group_notice:
      return group_push_body(kGroupNoticeEvent, "GroupTips", client::group_notice_item(d, user));
    case core::DeliveryKind::relation_change:
    case core::DeliveryKind::profile_change: {
      // The SDK routes an event by the list it carries (§6.6): FriendListMod to its relationship and blacklist
      // handlers, ProfileDataMod to its profile and friend handlers. The Event number is not read for these.
      const bool relation = d.kind == core::DeliveryKind::relation_change;
      boost::system::error_code ec;
      auto item = json::parse(d.notice_json, ec);
      if (ec) return {};
      return {{"EventArray", json::array{json::object{{"Event", relation ? kFriendEvent : kProfileEvent},
                                                      {relation ? "FriendListMod" : "ProfileDataMod",
                                                       json::array{std::move(item)}}}}}};
    }
    case core::DeliveryKind::c2c_notice:
      return notice_push_body(d);
  }
  return {};
}

// Whom a group message's GroupAtInfo names: everyone, and/or some members. Read once per delivery, not once per
// receiving socket (an @all reaches every member).
struct Mentions {
  bool all = false;
  std::set<std::string, std::less<>> users;
  bool any() const { return all || !users.empty(); }
};

Mentions mentions_of(const client::Outgoing& out) {
  Mentions mentions;
  const auto& m = out.delivery.group_message;
  if (out.delivery.kind != core::DeliveryKind::group_message || m.kind != core::GroupMessageKind::message ||
      m.extra_json.find("GroupAtInfo") == std::string::npos)
    return mentions;
  boost::system::error_code ec;
  const auto extra = json::parse(m.extra_json, ec);
  const auto* at = ec || !extra.is_object() ? nullptr : extra.get_object().if_contains("GroupAtInfo");
  if (!at || !at->is_array()) return mentions;
  for (const auto& entry : at->get_array()) {
    const auto* o = entry.if_object();
    if (!o) continue;
    const auto* flag = o->if_contains("GroupAtAllFlag");
    if (flag && flag->is_int64() && flag->get_int64() == 1)
      mentions.all = true;
    else if (const auto* account = o->if_contains("GroupAt_Account"); account && account->is_string())
      mentions.users.emplace(account->get_string());
  }
  return mentions;
}

// The @-tip for `user`, if the message names them or everyone (not the sender: the SDK ignores an @ of
// oneself). The SDK reads `AtFlagList` (→ groupAtType), `MsgSeq` (the message it points at), and
// `MsgRandom`/`ClientSeq`, which it sends back in `openim.deletemsg` once the conversation is read.
std::optional<json::object> at_tip_body(const client::Outgoing& out, const Mentions& mentions, std::string_view user) {
  const auto& m = out.delivery.group_message;
  const bool me = mentions.users.contains(user);
  if (m.from_account == user || (!me && !mentions.all)) return std::nullopt;
  json::array flags;
  if (me) flags.emplace_back(kAtMe);
  if (mentions.all) flags.emplace_back(kAtAll);
  return group_push_body(kGroupAtTipEvent, "GroupTips",
                         json::object{{"GroupId", out.delivery.group.group_id},
                                      {"From_Account", m.from_account},
                                      {"AtFlagList", std::move(flags)},
                                      {"MsgSeq", m.msg_seq},
                                      {"MsgRandom", m.msg_random},
                                      {"ClientSeq", m.msg_seq}});
}

}  // namespace

std::shared_ptr<client::Connection> SocketSessions::open(const client::Instance&) {
  return std::make_shared<SocketConnection>();
}

void SocketSessions::attach(const client::Instance& login, const Attachment& socket) {
  if (auto* connection = connection_of(login)) connection->attach(socket);
}

void SocketSessions::detach(const client::Instance& login, std::uint64_t socket_id) {
  if (auto* connection = connection_of(login)) connection->detach(socket_id);
}

std::string SocketSessions::watch_room(const client::Instance& login, std::string_view group_id) {
  auto* connection = connection_of(login);
  if (!connection) return {};
  std::lock_guard lock(connection->rooms_mutex);
  if (connection->ended) return {};
  if (auto* room = connection->room_of_group(group_id)) return room->feed.key();
  while (connection->rooms.size() >= kMaxRoomsPerLogin) {
    answer_parked(connection->rooms.front());
    connection->rooms.pop_front();
  }
  connection->rooms.push_back(
      {client::RoomFeed(std::string(group_id), client::new_room_key()), nullptr, 0, {}});
  return connection->rooms.back().feed.key();
}

void SocketSessions::unwatch_room(const client::Instance& login, std::string_view group_id) {
  auto* connection = connection_of(login);
  if (!connection) return;
  std::lock_guard lock(connection->rooms_mutex);
  for (auto it = connection->rooms.begin(); it != connection->rooms.end(); ++it)
    if (it->feed.group_id() == group_id) {
      answer_parked(*it);
      connection->rooms.erase(it);
      return;
    }
}

RoomPollAnswer SocketSessions::room_poll(const client::Instance& login, std::string_view key,
                                         std::uint64_t start_seq, FrameOrigin origin) {
  auto* connection = connection_of(login);
  RoomWatch* room = nullptr;
  std::unique_lock<std::mutex> lock;
  if (connection) {
    lock = std::unique_lock(connection->rooms_mutex);
    for (auto& candidate : connection->rooms)
      if (candidate.feed.key() == key) room = &candidate;
  }
  // An error makes the SDK poll again 2 s later (its MAX_POLLING_INTERVAL), never at once.
  if (!room)
    return {api::Reply::error(core::ErrorCode::group_invalid_params,
                              "unknown LongPollingKey: not a live room this login joined in long-poll mode"),
            nullptr};
  // What lies below StartSeq reached the client; a newer poll replaces a parked one, which ends now.
  room->feed.acknowledge(start_seq);
  answer_parked(*room);
  if (room->feed.has_from(start_seq)) return {room_reply(room->feed, start_seq), nullptr};
  auto parked = std::make_shared<router::PendingReply>(room_hold_,
                                                       room_frame(origin, room_reply(room->feed, start_seq)));
  parked->count_in(parked_count_);
  room->parked = parked;
  room->parked_start = start_seq;
  room->parked_origin = std::move(origin);
  return {api::Reply::ok(), std::move(parked)};
}

void SocketSessions::kicked(const client::Instance& instance, client::KickReason reason) {
  auto* connection = connection_of(instance);
  if (!connection) return;
  {
    // Its rooms end with it: a parked poll answers now, and later ones get 10004.
    std::lock_guard lock(connection->rooms_mutex);
    connection->ended = true;
    for (auto& room : connection->rooms) answer_parked(room);
    connection->rooms.clear();
  }
  const auto socket = connection->detach();
  if (!socket) return;
  // A logout or an app reset is silent: the client asked for it, or the app is gone.
  int kick_type = 0;
  if (reason == client::KickReason::instance_limit) kick_type = kKickedByAnotherDevice;
  if (reason == client::KickReason::rest_kick) kick_type = kKickedByRest;
  if (kick_type != 0)
    socket->peer->send(
        encode_frame("im_open_status.stat_forceoffline", next_push_seq_++, kick_body(kick_type), socket->binary));
}

void SocketSessions::deliver(const client::Outgoing& outgoing, std::span<const client::Target> targets) {
  const auto seq = next_push_seq_++;
  const bool per_user = outgoing.delivery.kind == core::DeliveryKind::group_notice;
  // One body per view and one frame per (view, binary|text), whatever the number of sockets; a notice's per
  // user (its targets come user by user).
  std::optional<json::object> bodies[2];
  std::optional<std::string> frames[2][2];
  std::string_view user;
  // A live room's traffic goes to the polls of the logins that long-poll it, not to their sockets.
  const bool room_traffic = is_room_traffic(outgoing.delivery);
  std::optional<json::object> polled_item;
  const auto mentions = mentions_of(outgoing);
  for (const auto& target : targets) {
    auto* connection = connection_of(target.instance);
    if (!connection) continue;
    if (per_user && target.instance.user != user) {
      user = target.instance.user;
      bodies[0].reset();
      frames[0][0].reset();
      frames[0][1].reset();
      polled_item.reset();
    }
    if (room_traffic) {
      std::lock_guard lock(connection->rooms_mutex);
      if (auto* room = connection->room_of_group(outgoing.delivery.group.group_id)) {
        if (!polled_item) polled_item = room_item(outgoing, target.instance.user);
        room->feed.add(*polled_item);
        answer_parked(*room);
        continue;
      }
    }
    const auto socket = connection->socket();
    if (!socket) continue;
    const int view = target.sync_copy ? 1 : 0;
    auto& frame = frames[view][socket->binary ? 1 : 0];
    if (!frame) {
      if (!bodies[view]) bodies[view] = push_body(outgoing, target.sync_copy, target.instance.user);
      frame = encode_frame(kMsgPush, seq, *bodies[view], socket->binary);
    }
    socket->peer->send(*frame);
    if (mentions.any() && !target.sync_copy)
      if (auto tip = at_tip_body(outgoing, mentions, target.instance.user))
        socket->peer->send(encode_frame(kMsgPush, next_push_seq_++, *tip, socket->binary));
  }
}

bool SocketSessions::connected(const client::Instance& instance) const {
  const auto* connection = connection_of(instance);
  return connection && connection->socket().has_value();
}

}  // namespace timock::chatsdk
