#include "client/room_feed.hpp"

#include <openssl/rand.h>

#include <cstdio>

namespace timock::client {

void RoomFeed::add(boost::json::object item) {
  items_.push_back({next_seq_++, std::move(item)});
  while (items_.size() > kMaxItems) items_.pop_front();
}

void RoomFeed::acknowledge(std::uint64_t start_seq) {
  while (!items_.empty() && items_.front().seq < start_seq) items_.pop_front();
}

bool RoomFeed::has_from(std::uint64_t start_seq) const {
  return !items_.empty() && items_.back().seq >= start_seq;
}

boost::json::array RoomFeed::newest_first(std::uint64_t start_seq) const {
  boost::json::array out;
  for (auto it = items_.rbegin(); it != items_.rend() && it->seq >= start_seq; ++it) out.push_back(it->item);
  return out;
}

std::string new_room_key() {
  unsigned char raw[8];
  RAND_bytes(raw, sizeof raw);
  std::string key = "room-";
  char pair[3];
  for (unsigned char c : raw) {
    std::snprintf(pair, sizeof pair, "%02x", c);
    key += pair;
  }
  return key;
}

}  // namespace timock::client
