// The group after-callbacks of changes other than joins, exits and messages (reference/rest-api.md §7, with
// the bodies of Tencent's callback pages): a group filled, live-room members online and offline, a send that
// failed, topics created, changed and destroyed, member fields and group attributes changed, read receipts.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <thread>

#include "callback_receiver.hpp"
#include "control_helpers.hpp"
#include "webim_client.hpp"

namespace timock::testing {
namespace {

using namespace control;
using namespace std::chrono_literals;

json::array accounts(std::initializer_list<const char*> users) {
  json::array list;
  for (const auto* user : users) list.push_back(json::object{{"Member_Account", user}});
  return list;
}

class GroupChangeCallbacks : public ::testing::Test {
 protected:
  TimockProcess server;
  TestApp app = create_app(server);
  CallbackReceiver receiver;

  void SetUp() override {
    for (const auto* user : {"alice", "bob", "carol", "dave"})
      ASSERT_EQ(code_of(import_account(server, app, user)), 0);
  }

  void configure() const {
    const auto result = server.request("PUT", app_path(app, "/callback"),
                                       json::serialize(json::object{{"url", receiver.url()}}));
    ASSERT_EQ(result.status, 200u) << result.body;
  }

  json::object group(const std::string& command, json::object body) const {
    return rest(server, app, "group_open_http_svc/" + command, body);
  }

  // A group of alice's of `type` with `members` and the extra create_group fields.
  std::string make_group(const std::string& type, std::initializer_list<const char*> members,
                         json::object extra = {}) const {
    extra["Owner_Account"] = "alice";
    extra["Type"] = type;
    extra["Name"] = "club";
    if (members.size() > 0) extra["MemberList"] = accounts(members);
    const auto created = group("create_group", extra);
    EXPECT_EQ(code_of(created), 0) << json::serialize(created);
    return std::string(created.at("GroupId").as_string());
  }

  // The callbacks of `command` received so far, after a moment for any in flight.
  std::vector<ReceivedCallback> settled(const std::string& command) const {
    std::this_thread::sleep_for(200ms);
    std::vector<ReceivedCallback> out;
    for (auto& callback : receiver.received())
      if (callback.query.at("CallbackCommand") == command) out.push_back(callback);
    return out;
  }
};

TEST_F(GroupChangeCallbacks, AnInvitationThatFillsTheGroupOrFindsItFullTellsAfterGroupFull) {
  const auto id = make_group("Public", {"bob"}, {{"MaxMemberCount", 3}});
  configure();
  ASSERT_EQ(code_of(group("add_group_member", {{"GroupId", id}, {"MemberList", accounts({"carol"})}})), 0);
  const auto full = receiver.wait_for("Group.CallbackAfterGroupFull");
  ASSERT_EQ(full.size(), 1u);
  EXPECT_EQ(full[0].body.at("GroupId"), json::value(id));
  EXPECT_TRUE(full[0].body.at("EventTime").is_string());
  // A full group turns dave away (10014), and says so again.
  EXPECT_EQ(code_of(group("add_group_member", {{"GroupId", id}, {"MemberList", accounts({"dave"})}})), 10014);
  EXPECT_EQ(receiver.wait_for("Group.CallbackAfterGroupFull", 2).size(), 2u);
}

TEST_F(GroupChangeCallbacks, ModifyGroupMemberInfoTellsTheFieldsItChanged) {
  const auto id = make_group("Public", {"bob"});
  configure();
  ASSERT_EQ(code_of(group("modify_group_member_info",
                          {{"GroupId", id}, {"Member_Account", "bob"}, {"Role", "Admin"}, {"NameCard", "Bobby"}})),
            0);
  const auto changed = receiver.wait_for("Group.CallbackAfterMemberFieldChanged");
  ASSERT_EQ(changed.size(), 1u);
  const auto& body = changed[0].body;
  EXPECT_EQ(body.at("GroupId"), json::value(id));
  EXPECT_EQ(body.at("Type"), "Public");
  EXPECT_EQ(body.at("Operator_Account"), json::value(app.admin));
  EXPECT_EQ(body.at("Modified_Account"), "bob");
  EXPECT_EQ(body.at("Role"), "Admin");
  EXPECT_EQ(body.at("NameCard"), "Bobby");
  EXPECT_FALSE(body.contains("AppMemberDefinedData"));
  // A MsgFlag is no member field the app hears of.
  ASSERT_EQ(code_of(group("modify_group_member_info",
                          {{"GroupId", id}, {"Member_Account", "bob"}, {"MsgFlag", "AcceptNotNotify"}})),
            0);
  EXPECT_EQ(settled("Group.CallbackAfterMemberFieldChanged").size(), 1u);
}

TEST_F(GroupChangeCallbacks, GroupAttributesSetModifiedAndClearedTellAfterGroupAttrChanged) {
  const auto id = make_group("AVChatRoom", {});
  configure();
  const auto attr = [](const char* key, const char* value) { return json::object{{"key", key}, {"value", value}}; };
  ASSERT_EQ(code_of(group("set_group_attr", {{"GroupId", id}, {"GroupAttr", json::array{attr("a", "1")}}})), 0);
  ASSERT_EQ(code_of(group("modify_group_attr", {{"GroupId", id}, {"GroupAttr", json::array{attr("b", "2")}}})), 0);
  ASSERT_EQ(code_of(group("clear_group_attr", {{"GroupId", id}})), 0);
  const auto changes = receiver.wait_for("Group.CallbackAfterGroupAttrChanged", 3);
  ASSERT_EQ(changes.size(), 3u);
  // After-callbacks in flight together may arrive in any order: each is found by its OptionType.
  std::map<std::string, json::object> by_option;
  for (const auto& change : changes) by_option[std::string(change.body.at("OptionType").as_string())] = change.body;
  ASSERT_EQ(by_option.size(), 3u);
  EXPECT_EQ(by_option["set"].at("GroupAttr"), (json::array{attr("a", "1")}));
  EXPECT_EQ(by_option["set"].at("Type"), "AVChatRoom");
  EXPECT_EQ(by_option["modify"].at("GroupAttr"), (json::array{attr("b", "2")}));
  EXPECT_EQ(by_option["clear"].at("GroupAttr"), (json::array{attr("a", "1"), attr("b", "2")}));
}

TEST_F(GroupChangeCallbacks, TopicsCreatedChangedAndDestroyedTellTheApp) {
  const auto community = make_group("Community", {"bob"}, {{"SupportTopic", 1}});
  configure();
  const auto topic = community + "@TOPIC#_news";
  ASSERT_EQ(code_of(rest(server, app, "million_group_open_http_svc/create_topic",
                         json::object{{"GroupId", community}, {"TopicName", "news"}, {"TopicId", topic}})),
            0);
  const auto created = receiver.wait_for("Group.CallbackAfterCreateTopic");
  ASSERT_EQ(created.size(), 1u);
  EXPECT_EQ(created[0].body.at("GroupId"), json::value(community));
  EXPECT_EQ(created[0].body.at("TopicId"), json::value(topic));
  EXPECT_EQ(created[0].body.at("Type"), "Community");
  EXPECT_EQ(created[0].body.at("Owner_Account"), "alice");
  EXPECT_EQ(created[0].body.at("Name"), "news");
  EXPECT_EQ(created[0].body.at("UserDefinedDataList"), json::array{});

  ASSERT_EQ(code_of(rest(server, app, "million_group_open_http_svc/modify_topic",
                         json::object{{"GroupId", community}, {"TopicId", topic}, {"Notification", "read me"}})),
            0);
  const auto changed = receiver.wait_for("Group.CallbackAfterTopicInfoChanged");
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0].body.at("GroupId"), json::value(community));
  EXPECT_EQ(changed[0].body.at("TopicId"), json::value(topic));
  EXPECT_EQ(changed[0].body.at("Notification"), "read me");
  EXPECT_FALSE(changed[0].body.contains("Name"));  // only what the call named

  ASSERT_EQ(code_of(rest(server, app, "million_group_open_http_svc/destroy_topic",
                         json::object{{"GroupId", community}, {"TopicIdList", json::array{topic, "nope"}}})),
            0);
  const auto destroyed = receiver.wait_for("Group.CallbackAfterTopicDestroyed");
  ASSERT_EQ(destroyed.size(), 1u);
  EXPECT_EQ(destroyed[0].body.at("GroupId"), json::value(community));
  EXPECT_EQ(destroyed[0].body.at("TopicIdList"), (json::array{json::value(topic)}));
  // An import tells nothing.
  ASSERT_EQ(code_of(rest(server, app, "million_group_open_http_svc/import_topic",
                         json::object{{"GroupId", community}, {"TopicName", "old"}})),
            0);
  EXPECT_EQ(settled("Group.CallbackAfterCreateTopic").size(), 1u);
}

TEST_F(GroupChangeCallbacks, AGroupReadReceiptTellsTheCountsOfEachMessage) {
  const auto id = make_group("Public", {"bob", "carol"});
  ASSERT_EQ(code_of(group("send_group_msg",
                          {{"GroupId", id},
                           {"From_Account", "alice"},
                           {"Random", 7},
                           {"NeedReadReceipt", 1},
                           {"MsgBody", json::array{json::object{{"MsgType", "TIMTextElem"},
                                                                {"MsgContent", {{"Text", "read me"}}}}}}})),
            0);
  configure();
  const auto seq = json::array{json::object{{"MsgSeq", 1}}};
  ASSERT_EQ(code_of(group("group_msg_receipt", {{"GroupId", id}, {"Member_Account", "bob"}, {"MsgSeqList", seq}})), 0);
  const auto receipts = receiver.wait_for("Group.CallbackAfterReadReceipt");
  ASSERT_EQ(receipts.size(), 1u);
  EXPECT_EQ(receipts[0].body.at("GroupId"), json::value(id));
  EXPECT_EQ(receipts[0].body.at("Type"), "Public");
  const auto& item = receipts[0].body.at("GroupMsgReceiptList").at(0);
  EXPECT_EQ(item.at("MsgSeq"), 1);
  EXPECT_EQ(item.at("ReadNum"), 1);
  EXPECT_EQ(item.at("UnreadNum"), 1);  // carol has not read it
  EXPECT_EQ(item.at("ReadReceiptMembers"), accounts({"bob"}));
}

TEST_F(GroupChangeCallbacks, AMutedMembersSendTellsSendMsgExceptionWithItsCode) {
  const auto id = make_group("Public", {"bob"});
  ASSERT_EQ(code_of(group("forbid_send_msg",
                          {{"GroupId", id}, {"Members_Account", json::array{"bob"}}, {"ShutUpTime", 60}})),
            0);
  configure();
  const auto sent = group("send_group_msg",
                          {{"GroupId", id},
                           {"From_Account", "bob"},
                           {"Random", 9},
                           {"MsgBody", json::array{json::object{{"MsgType", "TIMTextElem"},
                                                                {"MsgContent", {{"Text", "let me talk"}}}}}}});
  EXPECT_EQ(code_of(sent), 10017);
  const auto failed = receiver.wait_for("Group.CallbackSendMsgException");
  ASSERT_EQ(failed.size(), 1u);
  const auto& body = failed[0].body;
  EXPECT_EQ(body.at("GroupId"), json::value(id));
  EXPECT_EQ(body.at("From_Account"), "bob");
  EXPECT_EQ(body.at("Random"), 9);
  EXPECT_EQ(body.at("ErrorCode"), 10017);
  EXPECT_TRUE(body.at("ErrorInfo").is_string());
  EXPECT_EQ(body.at("MsgBody").at(0).at("MsgContent").at("Text"), "let me talk");
  // No before-callback was asked for a send that could not be made.
  EXPECT_TRUE(settled("Group.CallbackBeforeSendMsg").empty());
}

TEST_F(GroupChangeCallbacks, ALiveRoomMemberJoiningAndQuittingTellsOnMemberStateChange) {
  const auto id = make_group("AVChatRoom", {});
  configure();
  WebImClient carol(server, app.sdkappid, "carol", mint_sig(server, app.sdkappid, "carol"));
  ASSERT_TRUE(carol.login().ok);
  ASSERT_TRUE(WebImClient::succeeded(carol.group("apply_join_group", {{"GroupId", id}})));
  const auto online = receiver.wait_for("Group.CallbackOnMemberStateChange");
  ASSERT_EQ(online.size(), 1u);
  EXPECT_EQ(online[0].body.at("GroupId"), json::value(id));
  EXPECT_EQ(online[0].body.at("EventType"), "Online");
  EXPECT_EQ(online[0].body.at("EventCause"), "Join");
  EXPECT_EQ(online[0].body.at("MemberList"), accounts({"carol"}));
  ASSERT_TRUE(WebImClient::succeeded(carol.group("quit_group", {{"GroupId", id}})));
  const auto offline = receiver.wait_for("Group.CallbackOnMemberStateChange", 2);
  ASSERT_EQ(offline.size(), 2u);
  EXPECT_EQ(offline[1].body.at("EventType"), "Offline");
  EXPECT_EQ(offline[1].body.at("EventCause"), "Quit");
  // Not for groups that are not live rooms.
  const auto club = make_group("Public", {}, {{"ApplyJoinOption", "FreeAccess"}});
  ASSERT_TRUE(WebImClient::succeeded(carol.group("apply_join_group", {{"GroupId", club}})));
  EXPECT_EQ(settled("Group.CallbackOnMemberStateChange").size(), 2u);
}

}  // namespace
}  // namespace timock::testing
