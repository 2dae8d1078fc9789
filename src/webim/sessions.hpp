// The WebIM 1.7 transport: each instance's long-poll id, the message items waiting for it and the poll parked
// for it (reference/webim-protocol.md §3, §4.7–4.9). Who is logged in is client::Registry's; this is how a
// delivery or a kick reaches a WebIM instance. State lives in memory: after a restart clients get a clean error
// code (20002, or 91101 on a poll).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "client/registry.hpp"
#include "router/http_types.hpp"

namespace timock::webim {

// A poll's cursors (webim-protocol.md §4.8, webim-groups.md §4.5): NoticeSeq covers inline C2C items (Event 9)
// and every group item (Events 3, 4, 5); NotifySeq covers C2C items announced by Event 1 (the "notify" mode).
struct PollCursors {
  std::uint64_t notice = 0;
  std::uint64_t notify = 0;
};

class Sessions final : public client::Transport {
 public:
  // Items kept per instance until a poll acknowledges them; a client gone quiet loses the oldest.
  static constexpr std::size_t kMaxInboxItems = 1000;

  // `idle_limit`: how long an instance may go without a poll or a call before it times out (0: never).
  explicit Sessions(std::chrono::milliseconds hold, std::chrono::milliseconds idle_limit = {})
      : hold_(hold), idle_limit_(idle_limit) {}

  // A new long-poll id for the instance; a poll parked under the old one is told it was kicked (§4.8).
  std::string new_long_polling_id(const client::Instance& instance);
  // A long poll: events at once, an immediate idle reply, or a parked PendingReply.
  router::HttpResponse long_poll(const client::Instance& instance, std::string_view long_polling_id,
                                 PollCursors cursors, bool notify_mode);
  std::chrono::milliseconds hold() const { return hold_; }
  // AVChatRoom ("big group") polling (webim-groups.md §8). The instance now polls `group_id` (the SDK polls one
  // live room at a time): its messages and tips leave the ordinary poll for the room's. Returns the
  // LongPollingKey the SDK polls with (empty for an instance that is gone).
  std::string watch_room(const client::Instance& instance, std::string_view group_id);
  // A room poll (get_msg): the room's items from `start_seq` on, newest first, at once or when they come;
  // 60008 when the hold runs out, or when `key` is not the instance's room.
  router::HttpResponse room_poll(const client::Instance& instance, std::string_view key, std::uint64_t start_seq);
  std::size_t parked_polls() const;
  // The instance made a call: it is alive (a parked poll keeps it so until the poll's hold ends).
  void seen(const client::Instance& instance);
  // Times out, through `registry`, every WebIM instance quiet for longer than the idle limit: the cloud takes
  // a web client whose long polls stopped for offline (rest-api.md §7: Disconnect/TimeOut). Run by a sweep.
  void expire_idle(client::Registry& registry);
  std::chrono::milliseconds idle_limit() const { return idle_limit_; }

  std::shared_ptr<client::Connection> open(const client::Instance& instance) override;
  void kicked(const client::Instance& instance, client::KickReason reason) override;
  void deliver(const client::Outgoing& outgoing, std::span<const client::Target> targets) override;
  bool connected(const client::Instance& instance) const override;

 private:
  std::chrono::milliseconds hold_;
  std::chrono::milliseconds idle_limit_;
  std::atomic<std::uint64_t> next_long_polling_id_{1};
  // Polls parked now (shared with their PendingReplies, which may outlive the sessions by a moment).
  std::shared_ptr<std::atomic<std::int64_t>> parked_count_ = std::make_shared<std::atomic<std::int64_t>>(0);
};

// The reply bodies of a long poll, as envelopes.
std::string idle_poll_body();
std::string kicked_poll_body();

}  // namespace timock::webim
