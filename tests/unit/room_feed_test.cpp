// client::RoomFeed, the live-room poll model WebIM 1.7 and the Chat SDK's long-poll mode share
// (webim-groups.md §8, modern-sdk-groups.md §5.4).
#include "client/room_feed.hpp"

#include <gtest/gtest.h>

#include <boost/json/value.hpp>

namespace timock::client {
namespace {

boost::json::object item(int n) {
  return {{"n", n}};
}

std::vector<std::int64_t> numbers(const boost::json::array& items) {
  std::vector<std::int64_t> out;
  for (const auto& value : items) out.push_back(value.at("n").as_int64());
  return out;
}

TEST(RoomFeed, ItemsTakeSeqsFromOneAndComeNewestFirstFromTheStartSeq) {
  RoomFeed feed("@TGS#aROOM", "room-1");
  EXPECT_EQ(feed.next_seq(), 1u);
  EXPECT_FALSE(feed.has_from(1));
  for (int n = 1; n <= 3; ++n) feed.add(item(n));
  EXPECT_EQ(feed.next_seq(), 4u);
  EXPECT_TRUE(feed.has_from(3));
  EXPECT_FALSE(feed.has_from(4));
  EXPECT_EQ(numbers(feed.newest_first(1)), (std::vector<std::int64_t>{3, 2, 1}));
  EXPECT_EQ(numbers(feed.newest_first(2)), (std::vector<std::int64_t>{3, 2}));
  EXPECT_TRUE(feed.newest_first(4).empty());
}

TEST(RoomFeed, AStartSeqAcknowledgesWhatLiesBelowIt) {
  RoomFeed feed("@TGS#aROOM", "room-1");
  for (int n = 1; n <= 3; ++n) feed.add(item(n));
  feed.acknowledge(3);
  EXPECT_EQ(numbers(feed.newest_first(0)), (std::vector<std::int64_t>{3}));
  // Acknowledging never renumbers: the next item still takes the next seq.
  feed.add(item(4));
  EXPECT_EQ(feed.next_seq(), 5u);
  EXPECT_EQ(numbers(feed.newest_first(3)), (std::vector<std::int64_t>{4, 3}));
}

TEST(RoomFeed, AFeedNobodyPollsKeepsOnlyTheNewestItems) {
  RoomFeed feed("@TGS#aROOM", "room-1");
  for (std::size_t n = 1; n <= RoomFeed::kMaxItems + 5; ++n) feed.add(item(static_cast<int>(n)));
  const auto kept = feed.newest_first(0);
  ASSERT_EQ(kept.size(), RoomFeed::kMaxItems);
  EXPECT_EQ(kept.front().at("n").as_int64(), static_cast<std::int64_t>(RoomFeed::kMaxItems + 5));
  EXPECT_EQ(kept.back().at("n").as_int64(), 6);
}

TEST(RoomFeed, KeysAreUnguessableAndDistinct) {
  const auto a = new_room_key(), b = new_room_key();
  EXPECT_NE(a, b);
  EXPECT_EQ(a.rfind("room-", 0), 0u);
  EXPECT_EQ(a.size(), 5u + 16u);
}

}  // namespace
}  // namespace timock::client
