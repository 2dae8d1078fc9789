// Who a one-to-one delivery goes to (core/delivery.hpp): the receiver when it sees the message, a sync copy
// for the sender's other instances on a client send or a REST send with SyncOtherMachine 1
// (reference/rest-api.md §3.3), and both sides of a recall.
#include "core/delivery.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace timock::core {
namespace {

constexpr SdkAppId kApp = 1400000043;

C2cMessage message(const std::string& from, const std::string& to, const std::string& extra_json = "{}") {
  C2cMessage m;
  m.id = 7;
  m.from_account = from;
  m.to_account = to;
  m.msg_seq = 1;
  m.msg_random = 2;
  m.msg_time = 1700000000;
  m.extra_json = extra_json;
  return m;
}

// (user, sync_copy) pairs, in the order the builder named them.
std::vector<std::pair<std::string, bool>> recipients(const Delivery& delivery) {
  std::vector<std::pair<std::string, bool>> out;
  for (const auto& r : delivery.to) out.emplace_back(r.user, r.sync_copy);
  return out;
}

using Recipients = std::vector<std::pair<std::string, bool>>;

TEST(Delivery, RestSendWithoutSyncOtherMachineGoesToTheReceiverOnly) {
  const auto d = c2c_message_delivery(kApp, message("alice", "bob"), "");
  EXPECT_EQ(d.app, kApp);
  EXPECT_EQ(d.kind, DeliveryKind::c2c_message);
  EXPECT_EQ(recipients(d), (Recipients{{"bob", false}}));
  EXPECT_EQ(d.origin_instance, "");
}

TEST(Delivery, RestSendWithSyncOtherMachine1AlsoSyncsTheSender) {
  const auto d = c2c_message_delivery(kApp, message("alice", "bob", R"({"SyncOtherMachine":1})"), "");
  EXPECT_EQ(recipients(d), (Recipients{{"bob", false}, {"alice", true}}));
}

TEST(Delivery, RestSendWithSyncOtherMachine2DoesNotSyncTheSender) {
  auto m = message("alice", "bob", R"({"SyncOtherMachine":2})");
  m.sender_sees = false;  // what sendmsg stores for SyncOtherMachine 2
  EXPECT_EQ(recipients(c2c_message_delivery(kApp, m, "")), (Recipients{{"bob", false}}));
}

TEST(Delivery, ClientSendSyncsTheSendersOtherInstances) {
  const auto d = c2c_message_delivery(kApp, message("alice", "bob"), "a2-of-alice");
  EXPECT_EQ(recipients(d), (Recipients{{"bob", false}, {"alice", true}}));
}

TEST(Delivery, OriginInstanceIsCarried) {
  EXPECT_EQ(c2c_message_delivery(kApp, message("alice", "bob"), "a2-of-alice").origin_instance,
            "a2-of-alice");
  EXPECT_EQ(c2c_recall_delivery(kApp, message("alice", "bob"), "a2-of-alice").origin_instance, "a2-of-alice");
}

TEST(Delivery, MessageIsCarriedUnchanged) {
  const auto d = c2c_message_delivery(kApp, message("alice", "bob"), "");
  EXPECT_EQ(d.message.id, 7);
  EXPECT_EQ(d.message.msg_key(), "1_2_1700000000");
}

TEST(Delivery, NoReceiverWhenTheReceiverDoesNotSeeIt) {
  auto m = message("alice", "bob");
  m.receiver_sees = false;
  EXPECT_TRUE(c2c_message_delivery(kApp, m, "").to.empty());
  EXPECT_EQ(recipients(c2c_message_delivery(kApp, m, "a2-of-alice")), (Recipients{{"alice", true}}));
}

TEST(Delivery, SelfSendHasNoSyncCopy) {
  EXPECT_EQ(recipients(c2c_message_delivery(kApp, message("alice", "alice"), "a2-of-alice")),
            (Recipients{{"alice", false}}));
  EXPECT_EQ(
      recipients(c2c_message_delivery(kApp, message("alice", "alice", R"({"SyncOtherMachine":1})"), "")),
      (Recipients{{"alice", false}}));
}

TEST(Delivery, RecallGoesToBothSidesAndNotAsSyncCopies) {
  const auto d = c2c_recall_delivery(kApp, message("alice", "bob"), "");
  EXPECT_EQ(d.kind, DeliveryKind::c2c_recall);
  EXPECT_EQ(recipients(d), (Recipients{{"bob", false}, {"alice", false}}));
  EXPECT_EQ(recipients(c2c_recall_delivery(kApp, message("alice", "bob"), "a2-of-alice")),
            (Recipients{{"bob", false}, {"alice", false}}));
}

TEST(Delivery, RecallOfASelfSendGoesOnce) {
  EXPECT_EQ(recipients(c2c_recall_delivery(kApp, message("alice", "alice"), "")),
            (Recipients{{"alice", false}}));
}

TEST(Delivery, SyncsSenderOnlyForAClientOrSyncOtherMachine1) {
  EXPECT_TRUE(syncs_sender(message("alice", "bob"), "a2"));
  EXPECT_TRUE(syncs_sender(message("alice", "bob", R"({"SyncOtherMachine":1})"), ""));
  EXPECT_FALSE(syncs_sender(message("alice", "bob"), ""));
  EXPECT_FALSE(syncs_sender(message("alice", "bob", R"({"SyncOtherMachine":2})"), ""));
  EXPECT_FALSE(syncs_sender(message("alice", "bob", R"({"SyncOtherMachine":"1"})"), ""));
  EXPECT_FALSE(syncs_sender(message("alice", "bob", "not json"), ""));
}

TEST(Delivery, ANoticeGoesToWhomItNamesWithItsKindAndFields) {
  const auto d = c2c_notice_delivery(kApp, C2cNotice::read_sync, R"({"Peer_Account":"bob"})",
                                     {{"alice", true}, {"carol", false}}, "ws:1");
  EXPECT_EQ(d.kind, DeliveryKind::c2c_notice);
  EXPECT_EQ(d.c2c_notice, C2cNotice::read_sync);
  EXPECT_EQ(d.notice_json, R"({"Peer_Account":"bob"})");
  EXPECT_EQ(d.origin_instance, "ws:1");
  EXPECT_EQ(recipients(d), (Recipients{{"alice", true}, {"carol", false}}));
}

}  // namespace
}  // namespace timock::core
