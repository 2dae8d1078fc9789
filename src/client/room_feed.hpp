// A live room as one client instance long-polls it (AVChatRoom "big group" polling: webim-groups.md §8 for
// WebIM 1.7, modern-sdk-groups.md §5.4 for the Chat SDK's long-poll mode). Both protocols keep the same
// model: the instance's LongPollingKey names the room, each item the room sends it gets the next seq of the
// instance's own counter (from 1), a poll's StartSeq acknowledges everything below it, and NextSeq is the seq
// the next item will get, so nothing is lost or repeated between polls. Only the parked poll and the wire
// shape are each protocol's. Not thread-safe: its owner (the instance's connection state) locks.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

namespace timock::client {

class RoomFeed {
 public:
  // Items kept for a client that does not poll: past this the oldest go (the SDK drops stacked live-room
  // traffic too, modern-sdk-groups.md §5.4), so a silent client costs a bounded amount of memory.
  static constexpr std::size_t kMaxItems = 1000;

  RoomFeed(std::string group_id, std::string key) : group_id_(std::move(group_id)), key_(std::move(key)) {}

  const std::string& group_id() const { return group_id_; }
  const std::string& key() const { return key_; }
  // The seq the next item gets: a reply's NextSeq, the next poll's StartSeq.
  std::uint64_t next_seq() const { return next_seq_; }

  // Numbers the item with the next seq and keeps it until a poll acknowledges it.
  void add(boost::json::object item);
  // A poll from `start_seq`: what lies below it reached the client.
  void acknowledge(std::uint64_t start_seq);
  // Whether an item with a seq ≥ `start_seq` waits.
  bool has_from(std::uint64_t start_seq) const;
  // The items with a seq ≥ `start_seq`, newest first (both SDKs sort or walk them themselves; WebIM 1.7 walks
  // them from last to first).
  boost::json::array newest_first(std::uint64_t start_seq) const;

 private:
  struct Item {
    std::uint64_t seq = 0;
    boost::json::object item;
  };
  std::string group_id_;
  std::string key_;
  std::uint64_t next_seq_ = 1;
  std::deque<Item> items_;
};

// A new LongPollingKey: unguessable, so a key names one instance's view of one room.
std::string new_room_key();

}  // namespace timock::client
