// Message extensions and reactions on the Chat SDK socket (issue #23 item 4, openim_msg_ext_http_svc,
// reference/modern-sdk-protocol.md §11): (group_)set/get_key_values on the same store as REST, with
// MsgExtensionNotify pushed to the conversation's other clients; (group_)reaction_add/del/multi_stat/iterate
// with their limits (23005, 23006, 23007) and MsgReactionNotifyList pushes; SupportMessageExtension kept on
// the message and delivered.
#include <gtest/gtest.h>

#include "chatsdk_fixture.hpp"
#include "chatsdk_pushes.hpp"

namespace timock::testing::chatsdk {
namespace {

constexpr auto kSvc = "openim_msg_ext_http_svc.";

class ChatSdkMsgExtensions : public ChatSdkTest {
 protected:
  // alice sends bob a text over her socket, with SupportMessageExtension as asked; the request's C2C fields.
  json::object send_from_alice(ChatClient& alice, bool extensible, std::int64_t seq = 21) {
    auto body = sendmsg_body("alice", "bob", "vote", seq, 9000 + seq, 1700000000 + seq);
    if (extensible) body["SupportMessageExtension"] = 1;
    const auto reply = alice.call("openim.sendmsg", body);
    EXPECT_EQ(code_of(reply), 0) << json::serialize(reply);
    const auto key = std::to_string(seq) + "_" + std::to_string(9000 + seq) + "_" +
                     std::to_string(reply.at("MsgTime").to_number<std::int64_t>());
    return {{"From_Account", "alice"}, {"To_Account", "bob"}, {"MsgKey", key}};
  }
  static json::object with(json::object base, const json::object& more) {
    for (const auto& [k, v] : more) base[k] = v;
    return base;
  }
  static json::array one_ext(const std::string& key, const std::string& value, std::int64_t seq) {
    return json::array{json::object{{"Key", key}, {"Value", value}, {"Seq", seq}}};
  }
  // A Public group of alice (owner), bob and carol, and one message of alice's sent with
  // SupportMessageExtension 1 over REST; the group's {GroupId, MsgSeq}.
  json::object group_message() {
    const auto group = rest_call("group_open_http_svc/create_group",
                                 json::parse(R"({"Type":"Public","Name":"g","Owner_Account":"alice",
                                   "MemberList":[{"Member_Account":"bob"},{"Member_Account":"carol"}]})"));
    EXPECT_EQ(code_of(group), 0) << json::serialize(group);
    const auto sent = rest_call("group_open_http_svc/send_group_msg",
                                json::object{{"GroupId", group.at("GroupId")},
                                             {"From_Account", "alice"},
                                             {"Random", 77},
                                             {"SupportMessageExtension", 1},
                                             {"MsgBody", json::array{text_elem("poll")}}});
    EXPECT_EQ(code_of(sent), 0) << json::serialize(sent);
    return {{"GroupId", group.at("GroupId")}, {"MsgSeq", sent.at("MsgSeq")}};
  }
};

TEST_F(ChatSdkMsgExtensions, SupportMessageExtensionIsDeliveredOnThePushAndInHistory) {
  auto alice = logged_in("alice");
  auto bob = logged_in("bob");
  send_from_alice(*alice, true);
  const auto item = event_with(*bob, "C2cMsgArray");
  ASSERT_TRUE(item);
  EXPECT_EQ(item->at("C2cMsgArray").at(0).at("SupportMessageExtension").to_number<int>(), 1);
  const auto page =
      bob->call("openim.getroammsg", {{"Peer_Account", "alice"}, {"MaxCnt", 15}, {"LastMsgTime", 0}});
  EXPECT_EQ(page.at("MsgList").as_array().back().at("SupportMessageExtension").to_number<int>(), 1);
}

TEST_F(ChatSdkMsgExtensions, SetIsPushedToThePeerAndReadBackBySdkAndRest) {
  auto alice = logged_in("alice");
  auto bob = logged_in("bob");
  const auto where = send_from_alice(*alice, true);
  ASSERT_TRUE(event_with(*bob, "C2cMsgArray"));
  const auto set =
      alice->call(std::string(kSvc) + "set_key_values",
                  with(where, {{"OperateType", 1}, {"ExtensionList", one_ext("like", "alice", 0)}}));
  ASSERT_EQ(code_of(set), 0) << json::serialize(set);
  EXPECT_EQ(set.at("ExtensionList").at(0).at("Extension"),
            json::parse(R"({"Key":"like","Value":"alice","Seq":1})"));
  const auto event = event_with(*bob, "MsgExtensionNotify");
  ASSERT_TRUE(event) << "bob was not told";
  const auto& notify = event->at("MsgExtensionNotify").as_object();
  EXPECT_EQ(notify.at("TinyId").as_string(), alice->tinyid());
  EXPECT_EQ(notify.at("ExtensionC2cMsgInfo").at("MsgClientTime").to_number<std::int64_t>(), 1700000021);
  EXPECT_EQ(notify.at("ExtensionC2cMsgInfo").at("MsgRandom").to_number<std::int64_t>(), 9021);
  EXPECT_EQ(notify.at("MsgOptType").to_number<int>(), 1);
  EXPECT_EQ(notify.at("SetKVInfo").at(0).at("MsgKeyValue"),
            json::parse(R"([{"Key":"like","Value":"alice","Seq":1}])"));
  EXPECT_EQ(notify.at("MsgLastSeq").to_number<int>(), 1);
  // bob reads it over his socket (the SDK's startSeq), REST reads the same.
  const auto got = bob->call(std::string(kSvc) + "get_key_values", with(where, {{"startSeq", 0}}));
  ASSERT_EQ(code_of(got), 0) << json::serialize(got);
  EXPECT_EQ(got.at("ExtensionList"), json::parse(R"([{"Key":"like","Value":"alice","Seq":1}])"));
  EXPECT_EQ(got.at("CompleteFlag").to_number<int>(), 1);
  EXPECT_EQ(got.at("LatestSeq").to_number<int>(), 1);
  EXPECT_EQ(rest_call("openim_msg_ext_http_svc/get_key_values", where).at("ExtensionList"),
            got.at("ExtensionList"));
  // alice's own socket learns from its reply: it is not pushed its change.
  EXPECT_FALSE(event_with(*alice, "MsgExtensionNotify"));
}

TEST_F(ChatSdkMsgExtensions, RestSetIsPushedToBothSidesAndAStaleSeqIs23001) {
  auto alice = logged_in("alice");
  auto bob = logged_in("bob");
  const auto where = send_from_alice(*alice, true);
  ASSERT_TRUE(event_with(*bob, "C2cMsgArray"));
  ASSERT_EQ(code_of(rest_call("openim_msg_ext_http_svc/set_key_values",
                              with(where, {{"OperateType", 1}, {"ExtensionList", one_ext("k", "rest", 0)}}))),
            0);
  for (auto* client : {alice.get(), bob.get()}) {
    const auto event = event_with(*client, "MsgExtensionNotify");
    ASSERT_TRUE(event);
    EXPECT_EQ(event->at("MsgExtensionNotify").at("SetKVInfo").at(0).at("MsgKeyValue").at(0).at("Value"),
              "rest");
  }
  // bob writes k with the Seq of a key that moved on: 23001 with what the server holds.
  const auto stale = bob->call(std::string(kSvc) + "set_key_values",
                               with(where, {{"OperateType", 1}, {"ExtensionList", one_ext("k", "bob", 0)}}));
  ASSERT_EQ(code_of(stale), 0);
  EXPECT_EQ(stale.at("ExtensionList").at(0).at("ErrorCode").to_number<int>(), 23001);
  EXPECT_EQ(stale.at("ExtensionList").at(0).at("Extension"),
            json::parse(R"({"Key":"k","Value":"rest","Seq":1})"));
}

TEST_F(ChatSdkMsgExtensions, DeleteAndClearArePushedAsTheirOperateType) {
  auto alice = logged_in("alice");
  auto bob = logged_in("bob");
  const auto where = send_from_alice(*alice, true);
  ASSERT_TRUE(event_with(*bob, "C2cMsgArray"));
  ASSERT_EQ(code_of(alice->call(std::string(kSvc) + "set_key_values",
                                with(where, {{"OperateType", 1}, {"ExtensionList", one_ext("a", "1", 0)}}))),
            0);
  ASSERT_TRUE(event_with(*bob, "MsgExtensionNotify"));
  ASSERT_EQ(code_of(alice->call(std::string(kSvc) + "set_key_values",
                                with(where, {{"OperateType", 2}, {"ExtensionList", one_ext("a", "", 1)}}))),
            0);
  auto event = event_with(*bob, "MsgExtensionNotify");
  ASSERT_TRUE(event);
  EXPECT_EQ(event->at("MsgExtensionNotify").at("MsgOptType").to_number<int>(), 2);
  EXPECT_EQ(event->at("MsgExtensionNotify").at("DeleteKVInfo").at(0).at("MsgKeyValue").at(0).at("Key"), "a");
  ASSERT_EQ(code_of(alice->call(std::string(kSvc) + "set_key_values", with(where, {{"OperateType", 3}}))), 0);
  event = event_with(*bob, "MsgExtensionNotify");
  ASSERT_TRUE(event);
  EXPECT_EQ(event->at("MsgExtensionNotify").at("MsgOptType").to_number<int>(), 3);
  EXPECT_EQ(event->at("MsgExtensionNotify").at("ClearKVInfo").at(0).at("ClearMsgSeq").to_number<int>(), 3);
}

TEST_F(ChatSdkMsgExtensions, AMessageWithoutSupportMessageExtensionOrOfOthersIsRefused) {
  auto alice = logged_in("alice");
  auto carol = logged_in("carol");
  const auto plain = send_from_alice(*alice, false);
  EXPECT_EQ(code_of(alice->call(std::string(kSvc) + "set_key_values",
                                with(plain, {{"OperateType", 1}, {"ExtensionList", one_ext("a", "1", 0)}}))),
            90001);
  const auto other = send_from_alice(*alice, true, 22);
  // carol is no side of alice and bob's message.
  EXPECT_EQ(code_of(carol->call(std::string(kSvc) + "get_key_values", other)), 20022);
  EXPECT_EQ(code_of(carol->call(std::string(kSvc) + "reaction_add",
                                with(other, {{"Reaction", "like"}, {"Add_Account", json::array{"carol"}}}))),
            20022);
}

TEST_F(ChatSdkMsgExtensions, GroupExtensionsArePushedToTheMembers) {
  const auto where = group_message();
  auto bob = logged_in("bob");
  auto carol = logged_in("carol");
  const auto set = bob->call(std::string(kSvc) + "group_set_key_values",
                             with(where, {{"OperateType", 1}, {"ExtensionList", one_ext("yes", "bob", 0)}}));
  ASSERT_EQ(code_of(set), 0) << json::serialize(set);
  const auto event = event_with(*carol, "MsgExtensionNotify");
  ASSERT_TRUE(event);
  const auto& info = event->at("MsgExtensionNotify").at("ExtensionGroupMsgInfo");
  EXPECT_EQ(info.at("GroupId"), where.at("GroupId"));
  EXPECT_EQ(event->at("MsgExtensionNotify").at("TinyId").as_string(), logged_in("alice")->tinyid());
  // The group's history keeps SupportMessageExtension on the message.
  const auto page = carol->call("group_open_http_svc.group_msg_get", {{"GroupId", where.at("GroupId")},
                                                                      {"ReqMsgSeq", where.at("MsgSeq")},
                                                                      {"ReqMsgNumber", 1}});
  ASSERT_EQ(code_of(page), 0) << json::serialize(page);
  EXPECT_EQ(page.at("RspMsgList").at(0).at("SupportMessageExtension").to_number<int>(), 1);
  const auto got = carol->call(std::string(kSvc) + "group_get_key_values", where);
  EXPECT_EQ(got.at("ExtensionList"), json::parse(R"([{"Key":"yes","Value":"bob","Seq":1}])"));
  EXPECT_EQ(rest_call("openim_msg_ext_http_svc/group_get_key_values", where).at("ExtensionList"),
            got.at("ExtensionList"));
}

TEST_F(ChatSdkMsgExtensions, ReactionsArePushedSummedAndPaged) {
  auto alice = logged_in("alice");
  auto bob = logged_in("bob");
  const auto where = send_from_alice(*alice, false);
  ASSERT_TRUE(event_with(*bob, "C2cMsgArray"));
  const auto added = bob->call(std::string(kSvc) + "reaction_add",
                               with(where, {{"Reaction", "like"}, {"Add_Account", json::array{"bob"}}}));
  ASSERT_EQ(code_of(added), 0) << json::serialize(added);
  const auto event = event_with(*alice, "MsgReactionNotifyList");
  ASSERT_TRUE(event) << "alice was not told";
  const auto& item = event->at("MsgReactionNotifyList").at(0);
  EXPECT_EQ(item.at("C2CMsgInfo").at("TinyId").as_string(), alice->tinyid());
  EXPECT_EQ(item.at("C2CMsgInfo").at("MsgClientTime").to_number<std::int64_t>(), 1700000021);
  EXPECT_EQ(item.at("MsgReactionSummary"),
            json::parse(R"([{"Reaction":"like","Count":1,"Reaction_Account":["bob"]}])"));
  EXPECT_EQ(code_of(bob->call(std::string(kSvc) + "reaction_add",
                              with(where, {{"Reaction", "like"}, {"Add_Account", json::array{"bob"}}}))),
            23007);
  ASSERT_EQ(code_of(alice->call(std::string(kSvc) + "reaction_add",
                                with(where, {{"Reaction", "like"}, {"Add_Account", json::array{"alice"}}}))),
            0);
  const auto stat =
      alice->call(std::string(kSvc) + "reaction_multi_stat", {{"From_Account", "alice"},
                                                              {"To_Account", "bob"},
                                                              {"MsgKeyList", json::array{where.at("MsgKey")}},
                                                              {"Count", 1}});
  ASSERT_EQ(code_of(stat), 0) << json::serialize(stat);
  EXPECT_EQ(stat.at("Results"),
            json::parse(R"([{"MsgKey":")" + std::string(where.at("MsgKey").as_string()) +
                        R"(","ErrorCode":0,"MsgReactionSummary":[{"Reaction":"like","Count":2,
                                            "Reaction_Account":["bob"],"ReactedByMe":1}]}])"));
  const auto first = alice->call(std::string(kSvc) + "reaction_iterate",
                                 with(where, {{"Reaction", "like"}, {"NextSeq", 0}, {"Count", 1}}));
  EXPECT_EQ(first.at("Reaction_Account"), json::parse(R"(["bob"])"));
  ASSERT_NE(first.at("NextSeq").to_number<int>(), 0);
  const auto rest =
      alice->call(std::string(kSvc) + "reaction_iterate",
                  with(where, {{"Reaction", "like"}, {"NextSeq", first.at("NextSeq")}, {"Count", 1}}));
  EXPECT_EQ(rest.at("Reaction_Account"), json::parse(R"(["alice"])"));
  EXPECT_EQ(rest.at("NextSeq").to_number<int>(), 0);
  // bob removes his: alice hears the count fall.
  ASSERT_EQ(code_of(bob->call(std::string(kSvc) + "reaction_del",
                              with(where, {{"Reaction", "like"}, {"Del_Account", json::array{"bob"}}}))),
            0);
  const auto removed = event_with(*alice, "MsgReactionNotifyList");
  ASSERT_TRUE(removed);
  EXPECT_EQ(removed->at("MsgReactionNotifyList").at(0).at("MsgReactionSummary"),
            json::parse(R"([{"Reaction":"like","Count":1,"Reaction_Account":["alice"]}])"));
  // Only one's own reactions.
  EXPECT_EQ(code_of(bob->call(std::string(kSvc) + "reaction_add",
                              with(where, {{"Reaction", "like"}, {"Add_Account", json::array{"alice"}}}))),
            90008);
}

TEST_F(ChatSdkMsgExtensions, AMessageTakesTenReactionsAndAReactionAHundredUsers) {
  auto alice = logged_in("alice");
  const auto where = send_from_alice(*alice, false);
  for (int i = 0; i < 10; ++i)
    ASSERT_EQ(code_of(alice->call(std::string(kSvc) + "reaction_add",
                                  with(where, {{"Reaction", "r" + std::to_string(i)}}))),
              0);
  EXPECT_EQ(code_of(alice->call(std::string(kSvc) + "reaction_add", with(where, {{"Reaction", "r10"}}))),
            23005);
  // A hundred users on one reaction (alice and u0…u98 of a group of 101, MemberList taking 100), then 23006.
  for (int i = 0; i < 100; ++i)
    ASSERT_EQ(code_of(rest_call("im_open_login_svc/account_import",
                                json::object{{"UserID", "u" + std::to_string(i)}})),
              0);
  json::array member_list;
  for (int i = 0; i < 100; ++i)
    member_list.push_back(json::object{{"Member_Account", "u" + std::to_string(i)}});
  const auto group = rest_call(
      "group_open_http_svc/create_group",
      json::object{
          {"Type", "Public"}, {"Name", "big"}, {"Owner_Account", "alice"}, {"MemberList", member_list}});
  ASSERT_EQ(code_of(group), 0) << json::serialize(group);
  const auto sent =
      rest_call("group_open_http_svc/send_group_msg", json::object{{"GroupId", group.at("GroupId")},
                                                                   {"From_Account", "alice"},
                                                                   {"Random", 3},
                                                                   {"MsgBody", json::array{text_elem("x")}}});
  ASSERT_EQ(code_of(sent), 0);
  const json::object at{{"GroupId", group.at("GroupId")}, {"MsgSeq", sent.at("MsgSeq")}};
  ASSERT_EQ(code_of(alice->call(std::string(kSvc) + "group_reaction_add", with(at, {{"Reaction", "+1"}}))),
            0);
  for (int i = 0; i < 99; ++i) {
    auto user = logged_in("u" + std::to_string(i));
    ASSERT_EQ(code_of(user->call(std::string(kSvc) + "group_reaction_add", with(at, {{"Reaction", "+1"}}))),
              0)
        << i;
  }
  auto last = logged_in("u99");
  EXPECT_EQ(code_of(last->call(std::string(kSvc) + "group_reaction_add", with(at, {{"Reaction", "+1"}}))),
            23006);
  const auto stat =
      last->call(std::string(kSvc) + "group_reaction_multi_stat",
                 {{"GroupId", group.at("GroupId")}, {"MsgSeqList", json::array{sent.at("MsgSeq")}}});
  EXPECT_EQ(stat.at("Results").at(0).at("MsgReactionSummary").at(0).at("Count").to_number<int>(), 100);
  EXPECT_EQ(stat.at("Results").at(0).at("MsgReactionSummary").at(0).at("Reaction_Account").as_array().size(),
            10u);
  EXPECT_EQ(stat.at("Results").at(0).at("MsgSeq"), sent.at("MsgSeq"));
}

TEST_F(ChatSdkMsgExtensions, GroupReactionsArePushedToTheOtherMembers) {
  const auto where = group_message();
  auto bob = logged_in("bob");
  auto carol = logged_in("carol");
  ASSERT_EQ(code_of(bob->call(std::string(kSvc) + "group_reaction_add",
                              with(where, {{"Reaction", "heart"}, {"Add_Account", json::array{"bob"}}}))),
            0);
  const auto event = event_with(*carol, "MsgReactionNotifyList");
  ASSERT_TRUE(event);
  const auto& item = event->at("MsgReactionNotifyList").at(0);
  EXPECT_EQ(item.at("GroupMsgInfo").at("GroupId"), where.at("GroupId"));
  EXPECT_EQ(item.at("MsgReactionSummary").at(0).at("Reaction_Account"), json::parse(R"(["bob"])"));
  // A non-member may not react.
  const auto outsider = rest_call(
      "group_open_http_svc/delete_group_member",
      json::object{{"GroupId", where.at("GroupId")}, {"MemberToDel_Account", json::array{"carol"}}});
  ASSERT_EQ(code_of(outsider), 0);
  EXPECT_EQ(
      code_of(carol->call(std::string(kSvc) + "group_reaction_add", with(where, {{"Reaction", "heart"}}))),
      10007);
}

TEST_F(ChatSdkMsgExtensions, ReactionsAreInTheSnapshotAndComeBackWithIt) {
  auto alice = logged_in("alice");
  const auto where = send_from_alice(*alice, false);
  ASSERT_EQ(code_of(alice->call(std::string(kSvc) + "reaction_add", with(where, {{"Reaction", "like"}}))), 0);
  const auto path = "/mock/apps/" + std::to_string(app.sdkappid) + "/snapshot";
  const auto exported = server.get(path);
  ASSERT_EQ(exported.status, 200u) << exported.body;
  const auto snapshot = json::parse(exported.body);
  const auto& rows = snapshot.at("apps").at(0).at("catalogue").at("msg_reactions").as_array();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("reaction"), "like");
  EXPECT_EQ(rows[0].at("user_id"), "alice");
  const auto reset = server.post("/mock/apps/" + std::to_string(app.sdkappid) + "/reset", "{}");
  ASSERT_EQ(reset.status, 200u) << reset.body;
  ASSERT_EQ(server.request("PUT", path, exported.body).status, 200u);
  auto again = logged_in("alice");
  const auto stat = again->call(
      std::string(kSvc) + "reaction_multi_stat",
      {{"From_Account", "alice"}, {"To_Account", "bob"}, {"MsgKeyList", json::array{where.at("MsgKey")}}});
  EXPECT_EQ(stat.at("Results").at(0).at("MsgReactionSummary").at(0).at("Reaction_Account"),
            json::parse(R"(["alice"])"));
}

}  // namespace
}  // namespace timock::testing::chatsdk
