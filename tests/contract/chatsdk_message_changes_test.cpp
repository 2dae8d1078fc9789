// What happens to one-to-one messages after they are sent, on the Chat SDK socket (issue #19,
// reference/modern-sdk-protocol.md §6.6–6.7, §11): read receipts (c2c_msg_read_receipt, Event 16 to the
// sender), read reports (msgreaded → C2cReadedReceipt to the sender, ReadC2cMsgNotify to the reader's other
// sockets), edits (modify_c2c_msg from a client or REST → C2cMsgModNotifys), deletes from one's own history
// (delete_c2c_msg_ramble), conversation changes told to the user's other sockets (RecentContactMod), and the
// reply to a servcmd timock does not emulate.
#include <gtest/gtest.h>

#include "chatsdk_fixture.hpp"
#include "chatsdk_pushes.hpp"

namespace timock::testing::chatsdk {
namespace {

class ChatSdkMessageChanges : public ChatSdkTest {
 protected:
  // alice sends bob one text over her socket; its (MsgSeq, MsgRandom, MsgTime).
  json::object send_from_alice(ChatClient& alice, bool receipt, std::int64_t seq = 11) {
    auto body = sendmsg_body("alice", "bob", "hi", seq, 5000 + seq, 1700000000 + seq);
    if (receipt) body["IsNeedReadReceipt"] = 1;
    const auto reply = alice.call("openim.sendmsg", body);
    EXPECT_EQ(code_of(reply), 0) << json::serialize(reply);
    return {{"From_Account", "alice"},
            {"To_Account", "bob"},
            {"MsgSeq", seq},
            {"MsgRandom", 5000 + seq},
            {"MsgTime", reply.at("MsgTime")}};
  }
  json::object last_history_item(ChatClient& client, const std::string& peer) {
    const auto page =
        client.call("openim.getroammsg", {{"Peer_Account", peer}, {"MaxCnt", 15}, {"LastMsgTime", 0}});
    EXPECT_EQ(code_of(page), 0) << json::serialize(page);
    const auto& list = page.at("MsgList").as_array();
    return list.empty() ? json::object{} : list.back().as_object();
  }
};

TEST_F(ChatSdkMessageChanges, NeedReadReceiptIsKeptOnTheReceiversPushAndInHistory) {
  auto alice = logged_in("alice");
  auto bob = logged_in("bob");
  send_from_alice(*alice, true);
  const auto item = event_with(*bob, "C2cMsgArray");
  ASSERT_TRUE(item);
  EXPECT_EQ(item->at("C2cMsgArray").at(0).at("IsNeedReadReceipt").to_number<int>(), 1);
  EXPECT_EQ(last_history_item(*bob, "alice").at("IsNeedReadReceipt").to_number<int>(), 1);
  EXPECT_EQ(last_history_item(*alice, "bob").at("IsPeerRead").to_number<int>(), 0);
}

TEST_F(ChatSdkMessageChanges, ReadReceiptTellsTheSenderAndMarksTheMessagePeerRead) {
  auto alice = logged_in("alice");
  auto bob = logged_in("bob");
  const auto key = send_from_alice(*alice, true);
  auto info = key;
  info["MsgClientTime"] = 1700000011;
  const auto reply = bob->call("openim.c2c_msg_read_receipt",
                               {{"Peer_Account", "alice"}, {"C2CMsgInfo", json::array{info}}});
  ASSERT_EQ(code_of(reply), 0) << json::serialize(reply);
  const auto event = event_with(*alice, "C2cMsgInfo");
  ASSERT_TRUE(event) << "the sender was not told";
  EXPECT_EQ(event->at("Event").to_number<int>(), 16);
  EXPECT_EQ(event->at("UserId").as_string(), "bob");
  const auto& acknowledged = event->at("C2cMsgInfo").at(0);
  EXPECT_EQ(acknowledged.at("TinyId").as_string(), alice->tinyid());
  EXPECT_EQ(acknowledged.at("MsgClientTime").to_number<std::int64_t>(), 1700000011);
  EXPECT_EQ(acknowledged.at("MsgRandom").to_number<std::int64_t>(), 5011);
  // The sender's history shows the receipt (the SDK's readReceiptSentByPeer).
  EXPECT_EQ(last_history_item(*alice, "bob").at("IsPeerRead").to_number<int>(), 1);
}

TEST_F(ChatSdkMessageChanges, ReadReceiptForAMessageThatAskedForNoneChangesNothing) {
  auto alice = logged_in("alice");
  auto bob = logged_in("bob");
  const auto key = send_from_alice(*alice, false);
  ASSERT_EQ(code_of(bob->call("openim.c2c_msg_read_receipt",
                              {{"Peer_Account", "alice"}, {"C2CMsgInfo", json::array{key}}})),
            0);
  alice->drain(100ms);
  EXPECT_FALSE(event_with(*alice, "C2cMsgInfo"));
  EXPECT_EQ(code_of(bob->call("openim.c2c_msg_read_receipt", {{"C2CMsgInfo", json::array{}}})), 90001);
}

TEST_F(ChatSdkMessageChanges, MsgReadedTellsTheSenderAndTheReadersOtherSockets) {
  auto alice = logged_in("alice");
  auto bob = logged_in("bob");
  auto bob_tab = logged_in("bob");
  send_from_alice(*alice, false);
  bob_tab->drain(100ms);
  const json::object read{
      {"C2CMsgReaded",
       json::object{
           {"Cookie", ""},
           {"C2CMsgReadedItem",
            json::array{{{"To_Account", "alice"}, {"LastedMsgTime", 1800000000}, {"Receipt", 1}}}}}}};
  ASSERT_EQ(code_of(bob->call("openim.msgreaded", read)), 0);
  const auto report = event_with(*alice, "C2cNotifyMsgArray");
  ASSERT_TRUE(report) << "the sender was not told";
  const auto& receipt = report->at("C2cNotifyMsgArray").at(0).at("C2cReadedReceipt");
  EXPECT_EQ(receipt.at("To_Account").as_string(), "bob");
  EXPECT_EQ(receipt.at("UinPairReadArray").at(0).at("LastReadTime").to_number<std::int64_t>(), 1800000000);
  const auto sync = event_with(*bob_tab, "C2cNotifyMsgArray");
  ASSERT_TRUE(sync) << "the reader's other socket was not told";
  const auto& notice =
      sync->at("C2cNotifyMsgArray").at(0).at("ReadC2cMsgNotify").at("UinPairReadArray").at(0);
  EXPECT_EQ(notice.at("From_Account").as_string(), "alice");
}

TEST_F(ChatSdkMessageChanges, RestSetMsgReadAndReadAllTellTheSenderToo) {
  auto alice = logged_in("alice");
  send_from_alice(*alice, false);
  const auto reply = rest_call(
      "openim/admin_set_msg_read",
      json::object{{"Report_Account", "bob"}, {"Peer_Account", "alice"}, {"MsgReadTime", 1800000000}});
  ASSERT_EQ(code_of(reply), 0) << json::serialize(reply);
  const auto report = event_with(*alice, "C2cNotifyMsgArray");
  ASSERT_TRUE(report) << "REST's read mark was not told";
  EXPECT_EQ(report->at("C2cNotifyMsgArray").at(0).at("C2cReadedReceipt").at("To_Account").as_string(), "bob");
  // setAllMessageRead: each peer with unread messages hears of it.
  send_from_alice(*alice, false, 12);
  auto bob = logged_in("bob");
  ASSERT_EQ(code_of(bob->call("openim.read_all_unread_msg", {{"C2CReadAllMsg", 1}})), 0);
  const auto all = event_with(*alice, "C2cNotifyMsgArray");
  ASSERT_TRUE(all) << "setAllMessageRead was not told";
  EXPECT_EQ(all->at("C2cNotifyMsgArray").at(0).at("C2cReadedReceipt").at("To_Account").as_string(), "bob");
}

TEST_F(ChatSdkMessageChanges, ModifyFromAClientStoresTheEditAndTellsThePeerAndOtherSockets) {
  auto alice = logged_in("alice");
  auto alice_tab = logged_in("alice");
  auto bob = logged_in("bob");
  auto request = send_from_alice(*alice, false);
  bob->drain(100ms);
  alice_tab->drain(100ms);
  request["MsgVersion"] = 0;
  request["MsgBody"] = json::array{text_elem("edited")};
  const auto reply = alice->call("openim.modify_c2c_msg", request);
  ASSERT_EQ(code_of(reply), 0) << json::serialize(reply);
  EXPECT_EQ(reply.at("MsgVersion").to_number<int>(), 1);
  EXPECT_EQ(first_text(reply), "edited");
  for (auto* client : {bob.get(), alice_tab.get()}) {
    const auto event = event_with(*client, "C2cMsgModNotifys");
    ASSERT_TRUE(event) << "not told";
    const auto& item = event->at("C2cMsgModNotifys").at(0);
    EXPECT_EQ(item.at("MsgVersion").to_number<int>(), 1);
    EXPECT_EQ(item.at("From_Account").as_string(), "alice");
    EXPECT_EQ(first_text(item), "edited");
  }
  EXPECT_EQ(first_text(last_history_item(*bob, "alice")), "edited");
  EXPECT_EQ(last_history_item(*bob, "alice").at("MsgVersion").to_number<int>(), 1);
  // carol is no side of it; an unknown message is 20022.
  auto carol = logged_in("carol");
  EXPECT_EQ(code_of(carol->call("openim.modify_c2c_msg", request)), 90008);
  auto missing = request;
  missing["MsgRandom"] = 1;
  EXPECT_EQ(code_of(alice->call("openim.modify_c2c_msg", missing)), 20022);
}

TEST_F(ChatSdkMessageChanges, AnEditFromAStaleCopyGets20027WithTheLatestVersion) {
  auto alice = logged_in("alice");
  auto request = send_from_alice(*alice, false);
  request["MsgVersion"] = 0;
  request["MsgBody"] = json::array{text_elem("first edit")};
  ASSERT_EQ(code_of(alice->call("openim.modify_c2c_msg", request)), 0);
  // Another device still holds version 0.
  request["MsgBody"] = json::array{text_elem("second edit")};
  const auto conflict = alice->call("openim.modify_c2c_msg", request);
  EXPECT_EQ(code_of(conflict), 20027) << json::serialize(conflict);
  EXPECT_EQ(conflict.at("MsgVersion").to_number<int>(), 1);
  EXPECT_EQ(first_text(conflict), "first edit");
  // From the latest version, the edit goes through.
  request["MsgVersion"] = 1;
  const auto second = alice->call("openim.modify_c2c_msg", request);
  ASSERT_EQ(code_of(second), 0) << json::serialize(second);
  EXPECT_EQ(second.at("MsgVersion").to_number<int>(), 2);
}

TEST_F(ChatSdkMessageChanges, RestModifyC2cMsgPushesTheEditToBothSides) {
  auto alice = logged_in("alice");
  auto bob = logged_in("bob");
  const auto key = send_from_alice(*alice, false);
  bob->drain(100ms);
  const auto msg_key = std::to_string(key.at("MsgSeq").to_number<std::int64_t>()) + "_" +
                       std::to_string(key.at("MsgRandom").to_number<std::int64_t>()) + "_" +
                       std::to_string(key.at("MsgTime").to_number<std::int64_t>());
  const auto reply =
      rest_call("openim/modify_c2c_msg", json::object{{"From_Account", "alice"},
                                                      {"To_Account", "bob"},
                                                      {"MsgKey", msg_key},
                                                      {"MsgBody", json::array{text_elem("by admin")}}});
  ASSERT_EQ(code_of(reply), 0) << json::serialize(reply);
  for (auto* client : {alice.get(), bob.get()}) {
    const auto event = event_with(*client, "C2cMsgModNotifys");
    ASSERT_TRUE(event) << "not told";
    EXPECT_EQ(first_text(event->at("C2cMsgModNotifys").at(0)), "by admin");
  }
}

TEST_F(ChatSdkMessageChanges, DeleteMessageRemovesItFromTheDeletersHistoryOnly) {
  auto alice = logged_in("alice");
  const auto key = send_from_alice(*alice, false);
  const auto msg_key = std::to_string(key.at("MsgSeq").to_number<std::int64_t>()) + "_" +
                       std::to_string(key.at("MsgRandom").to_number<std::int64_t>()) + "_" +
                       std::to_string(key.at("MsgTime").to_number<std::int64_t>());
  auto bob = logged_in("bob");
  const auto reply = bob->call(
      "openim.delete_c2c_msg_ramble",
      {{"From_Account", "bob"}, {"To_Account", "alice"}, {"MsgKeyList", json::array{json::value(msg_key)}}});
  ASSERT_EQ(code_of(reply), 0) << json::serialize(reply);
  EXPECT_TRUE(roam("bob", "alice").empty());
  EXPECT_EQ(roam("alice", "bob").size(), 1u);
  // Deleting it again is no error; a malformed key is 90054.
  EXPECT_EQ(code_of(bob->call("openim.delete_c2c_msg_ramble",
                              {{"To_Account", "alice"}, {"MsgKeyList", json::array{json::value(msg_key)}}})),
            0);
  EXPECT_EQ(code_of(bob->call("openim.delete_c2c_msg_ramble",
                              {{"To_Account", "alice"}, {"MsgKeyList", json::array{"x"}}})),
            90054);
}

TEST_F(ChatSdkMessageChanges, PinAndDeleteOfConversationsReachTheUsersOtherSockets) {
  ASSERT_EQ(code_of(rest_send("bob", "alice", "hi", 1)), 0);
  auto alice = logged_in("alice");
  auto alice_tab = logged_in("alice");
  ASSERT_EQ(code_of(alice->call("recentcontact.top",
                                {{"From_Account", "alice"},
                                 {"OperationType", 1},
                                 {"RecentContactItem", json::array{{{"Type", 1}, {"To_Account", "bob"}}}}})),
            0);
  auto pinned = event_with(*alice_tab, "RecentContactMod");
  ASSERT_TRUE(pinned);
  const auto& pin = pinned->at("RecentContactMod").at(0);
  EXPECT_EQ(pin.at("PushType").to_number<int>(), 2);
  EXPECT_EQ(pin.at("RecentContactTopItem").at("RecentContactList").at(0).at("UserId").as_string(), "bob");
  ASSERT_EQ(code_of(alice->call("recentcontact.batch_delete",
                                {{"From_Account", "alice"},
                                 {"ContactItem", json::array{{{"Type", 1}, {"To_Account", "bob"}}}}})),
            0);
  auto deleted = event_with(*alice_tab, "RecentContactMod");
  ASSERT_TRUE(deleted);
  const auto& del = deleted->at("RecentContactMod").at(0);
  EXPECT_EQ(del.at("PushType").to_number<int>(), 1);
  EXPECT_EQ(del.at("RecentContactDeleteItem").at("RecentContactList").at(0).at("Type").to_number<int>(), 1);
  // The socket that acted learns from its reply.
  EXPECT_FALSE(event_with(*alice, "RecentContactMod"));
}

TEST_F(ChatSdkMessageChanges, AServcmdTimockDoesNotEmulateGets60020WhereItsFamilyReadsErrors) {
  auto alice = logged_in("alice");
  const auto plain = alice->call("follow.follow_add", {{"From_Account", "alice"}});
  EXPECT_EQ(code_of(plain), 60020);
  EXPECT_NE(std::string(plain.at("ErrorInfo").as_string()).find("follow.follow_add"), std::string::npos);
  // translateText reads CmdErrorCode (its ErrorCode is renamed away).
  const auto translate =
      alice->call("im_open_translate.ws_batch_trans_text", {{"SourceText", json::array{"hi"}}});
  EXPECT_EQ(code_of(translate), 60020);
  EXPECT_EQ(translate.at("CmdErrorCode").at("ErrorCode").to_number<int>(), 60020);
}

}  // namespace
}  // namespace timock::testing::chatsdk
