// Third-party callbacks beyond the message sends (reference/rest-api.md §7): groups created, joined, left,
// changed and destroyed; friend requests the app may refuse item by item; friendships and blacklists; profile
// changes; one-to-one recalls and read reports. Imports send none.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <mutex>
#include <thread>

#include "callback_receiver.hpp"
#include "control_helpers.hpp"
#include "webim_client.hpp"

namespace timock::testing {
namespace {

using namespace control;
using namespace std::chrono_literals;

class CallbacksGroupsSns : public ::testing::Test {
 protected:
  TimockProcess server;
  TestApp app = create_app(server);
  std::mutex mutex;
  std::map<std::string, std::string> answers;  // CallbackCommand → reply body (default: OK)
  CallbackReceiver receiver{[this](const ReceivedCallback& callback) {
    std::lock_guard lock(mutex);
    const auto it = answers.find(callback.query.at("CallbackCommand"));
    return it == answers.end() ? CallbackAnswer{} : CallbackAnswer{200, it->second};
  }};

  void SetUp() override {
    for (const auto* user : {"alice", "bob", "carol", "dave"})
      ASSERT_EQ(code_of(import_account(server, app, user)), 0);
  }

  void answer(const std::string& command, const std::string& body) {
    std::lock_guard lock(mutex);
    answers[command] = body;
  }

  void configure() const {
    const auto result = server.request("PUT", app_path(app, "/callback"),
                                       json::serialize(json::object{{"url", receiver.url()}}));
    ASSERT_EQ(result.status, 200u) << result.body;
  }

  json::object group(const std::string& command, json::object body) const {
    return rest(server, app, "group_open_http_svc/" + command, body);
  }
  json::object sns(const std::string& command, json::object body) const {
    return rest(server, app, "sns/" + command, body);
  }

  // A Public group of alice's with `members` (made before callbacks are configured unless said otherwise).
  std::string make_group(std::initializer_list<const char*> members) const {
    json::array list;
    for (const auto* member : members) list.push_back(json::object{{"Member_Account", member}});
    const auto created = group(
        "create_group",
        {{"Owner_Account", "alice"}, {"Type", "Public"}, {"Name", "club"}, {"MemberList", std::move(list)}});
    EXPECT_EQ(code_of(created), 0) << json::serialize(created);
    return std::string(created.at("GroupId").as_string());
  }

  std::vector<std::string> members_of(const std::string& group_id) const {
    std::vector<std::string> out;
    const auto info = group("get_group_member_info", {{"GroupId", group_id}});
    for (const auto& m : info.at("MemberList").as_array())
      out.emplace_back(m.at("Member_Account").as_string());
    return out;
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

json::array accounts(std::initializer_list<const char*> users) {
  json::array list;
  for (const auto* user : users) list.push_back(json::object{{"Member_Account", user}});
  return list;
}

TEST_F(CallbacksGroupsSns, CreateGroupAsksBeforeAndTellsAfterWithTheGroupAndItsMembers) {
  configure();
  const auto id = make_group({"bob"});
  const auto before = receiver.wait_for("Group.CallbackBeforeCreateGroup");
  ASSERT_EQ(before.size(), 1u);
  EXPECT_EQ(before[0].body.at("Owner_Account"), "alice");
  EXPECT_EQ(before[0].body.at("Operator_Account"), json::value(app.admin));
  EXPECT_EQ(before[0].body.at("CreateGroupNum"), 0);
  EXPECT_FALSE(before[0].body.contains("GroupId"));
  const auto after = receiver.wait_for("Group.CallbackAfterCreateGroup");
  ASSERT_EQ(after.size(), 1u);
  const auto& body = after[0].body;
  EXPECT_EQ(body.at("GroupId"), json::value(id));
  EXPECT_EQ(body.at("Type"), "Public");
  EXPECT_EQ(body.at("Name"), "club");
  EXPECT_EQ(body.at("Owner_Account"), "alice");
  EXPECT_EQ(body.at("Operator_Account"), json::value(app.admin));
  EXPECT_EQ(body.at("MemberList"), accounts({"alice", "bob"}));
  EXPECT_TRUE(body.at("EventTime").is_string());
}

TEST_F(CallbacksGroupsSns, BeforeCreateGroupRefusalAnswers10016AndCreatesNothing) {
  configure();
  answer("Group.CallbackBeforeCreateGroup", R"({"ActionStatus":"FAIL","ErrorCode":1,"ErrorInfo":"no"})");
  const auto refused =
      group("create_group",
            {{"Owner_Account", "alice"}, {"Type", "Public"}, {"Name", "x"}, {"GroupId", "refused_group"}});
  EXPECT_EQ(code_of(refused), 10016);
  const auto info = group("get_group_info", {{"GroupIdList", json::array{"refused_group"}}});
  EXPECT_EQ(info.at("GroupInfo").at(0).at("ErrorCode"), 10015);  // no such group
  EXPECT_TRUE(settled("Group.CallbackAfterCreateGroup").empty());
}

TEST_F(CallbacksGroupsSns, AFailedBeforeCreateGroupFollowsTheAppsPolicy) {
  // Nothing listens on port 9: the call fails at once.
  const auto policy = [&](const char* on_failure) {
    const auto result = server.request(
        "PUT", app_path(app, "/callback"),
        json::serialize(json::object{{"url", "http://127.0.0.1:9/cb"},
                                     {"commands", json::array{"Group.CallbackBeforeCreateGroup"}},
                                     {"on_failure", on_failure}}));
    ASSERT_EQ(result.status, 200u) << result.body;
  };
  const json::object body{{"Owner_Account", "alice"}, {"Type", "Public"}, {"Name", "x"}};
  policy("deny");
  EXPECT_EQ(code_of(group("create_group", body)), 80003);
  policy("allow");
  EXPECT_EQ(code_of(group("create_group", body)), 0);
}

TEST_F(CallbacksGroupsSns, BeforeInviteJoinGroupRefusedMembersAreNotAdded) {
  const auto id = make_group({"bob"});
  configure();
  answer("Group.CallbackBeforeInviteJoinGroup", R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"",)"
                                                R"("RefusedMembers_Account":["carol"]})");
  const auto added =
      group("add_group_member", {{"GroupId", id}, {"MemberList", accounts({"bob", "carol", "dave"})}});
  ASSERT_EQ(code_of(added), 0) << json::serialize(added);
  const auto& results = added.at("MemberList").as_array();
  EXPECT_EQ(results.at(0).at("Result"), 2);  // already a member
  EXPECT_EQ(results.at(1).at("Member_Account"), "carol");
  EXPECT_EQ(results.at(1).at("Result"), 0);
  EXPECT_EQ(results.at(2).at("Result"), 1);
  EXPECT_EQ(members_of(id), (std::vector<std::string>{"alice", "bob", "dave"}));
  const auto asked = receiver.wait_for("Group.CallbackBeforeInviteJoinGroup");
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_EQ(asked[0].body.at("DestinationMembers"), accounts({"carol", "dave"}));
  const auto joined = receiver.wait_for("Group.CallbackAfterNewMemberJoin");
  ASSERT_EQ(joined.size(), 1u);
  EXPECT_EQ(joined[0].body.at("JoinType"), "Invited");
  EXPECT_EQ(joined[0].body.at("GroupId"), json::value(id));
  EXPECT_EQ(joined[0].body.at("NewMemberList"), accounts({"dave"}));
}

TEST_F(CallbacksGroupsSns, BeforeInviteJoinGroupErrorCodeRefusesEveryoneWith10016) {
  const auto id = make_group({});
  configure();
  answer("Group.CallbackBeforeInviteJoinGroup", R"({"ActionStatus":"FAIL","ErrorCode":1,"ErrorInfo":"no"})");
  EXPECT_EQ(code_of(group("add_group_member", {{"GroupId", id}, {"MemberList", accounts({"bob"})}})), 10016);
  EXPECT_EQ(members_of(id), (std::vector<std::string>{"alice"}));
  EXPECT_TRUE(settled("Group.CallbackAfterNewMemberJoin").empty());
}

TEST_F(CallbacksGroupsSns, AKickSendsAfterMemberExitKicked) {
  const auto id = make_group({"bob", "carol"});
  configure();
  ASSERT_EQ(
      code_of(group("delete_group_member", {{"GroupId", id}, {"MemberToDel_Account", json::array{"bob"}}})),
      0);
  const auto exit = receiver.wait_for("Group.CallbackAfterMemberExit");
  ASSERT_EQ(exit.size(), 1u);
  EXPECT_EQ(exit[0].body.at("ExitType"), "Kicked");
  EXPECT_EQ(exit[0].body.at("Operator_Account"), json::value(app.admin));
  EXPECT_EQ(exit[0].body.at("ExitMemberList"), accounts({"bob"}));
}

TEST_F(CallbacksGroupsSns, DestroyChangeRecallAndOwnerTransferEachTellTheApp) {
  const auto id = make_group({"bob"});
  const auto sent = group(
      "send_group_msg",
      {{"GroupId", id},
       {"From_Account", "bob"},
       {"Random", 7},
       {"MsgBody", json::array{json::object{{"MsgType", "TIMTextElem"}, {"MsgContent", {{"Text", "x"}}}}}}});
  ASSERT_EQ(code_of(sent), 0);
  configure();
  ASSERT_EQ(code_of(group("modify_group_base_info", {{"GroupId", id}, {"Name", "renamed"}})), 0);
  const auto changed = receiver.wait_for("Group.CallbackAfterGroupInfoChanged");
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0].body.at("Name"), "renamed");
  EXPECT_FALSE(changed[0].body.contains("Introduction"));

  ASSERT_EQ(code_of(group(
                "group_msg_recall",
                {{"GroupId", id}, {"MsgSeqList", json::array{json::object{{"MsgSeq", sent.at("MsgSeq")}}}}})),
            0);
  const auto recalled = receiver.wait_for("Group.CallbackAfterRecallMsg");
  ASSERT_EQ(recalled.size(), 1u);
  EXPECT_EQ(recalled[0].body.at("MsgSeqList").at(0).at("MsgSeq"), sent.at("MsgSeq"));

  ASSERT_EQ(code_of(group("change_group_owner", {{"GroupId", id}, {"NewOwner_Account", "bob"}})), 0);
  const auto owner = receiver.wait_for("Group.CallbackAfterChangeGroupOwner");
  ASSERT_EQ(owner.size(), 1u);
  EXPECT_EQ(owner[0].body.at("NewOwner_Account"), "bob");
  EXPECT_EQ(owner[0].body.at("OldOwner_Account"), "alice");

  ASSERT_EQ(code_of(group("destroy_group", {{"GroupId", id}})), 0);
  const auto destroyed = receiver.wait_for("Group.CallbackAfterGroupDestroyed");
  ASSERT_EQ(destroyed.size(), 1u);
  EXPECT_EQ(destroyed[0].body.at("GroupId"), json::value(id));
  EXPECT_EQ(destroyed[0].body.at("Name"), "renamed");
  EXPECT_EQ(destroyed[0].body.at("Owner_Account"), "bob");
  EXPECT_EQ(destroyed[0].body.at("MemberList").as_array().size(), 2u);
}

TEST_F(CallbacksGroupsSns, ImportsSendNoCallbacks) {
  configure();
  const auto imported =
      group("import_group", {{"Owner_Account", "alice"}, {"Type", "Public"}, {"Name", "old"}});
  ASSERT_EQ(code_of(imported), 0);
  ASSERT_EQ(code_of(group("import_group_member",
                          {{"GroupId", imported.at("GroupId")}, {"MemberList", accounts({"bob"})}})),
            0);
  ASSERT_EQ(code_of(sns("friend_import",
                        {{"From_Account", "alice"},
                         {"AddFriendItem", json::array{json::object{{"To_Account", "bob"},
                                                                    {"AddSource", "AddSource_Type_X"}}}}})),
            0);
  std::this_thread::sleep_for(200ms);
  EXPECT_TRUE(receiver.received().empty()) << receiver.received().front().body_text;
}

TEST_F(CallbacksGroupsSns, PrevFriendAddRefusesAnItemWithTheAppsResultCode) {
  configure();
  answer("Sns.CallbackPrevFriendAdd",
         R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"",)"
         R"("ResultItem":[{"To_Account":"carol","ResultCode":38001,"ResultInfo":"not her"}]})");
  const auto added =
      sns("friend_add",
          {{"From_Account", "alice"},
           {"ForceAddFlags", 1},
           {"AddFriendItem",
            json::array{json::object{{"To_Account", "bob"}, {"AddSource", "AddSource_Type_Web"}},
                        json::object{{"To_Account", "carol"}, {"AddSource", "AddSource_Type_Web"}}}}});
  ASSERT_EQ(code_of(added), 0) << json::serialize(added);
  const auto& items = added.at("ResultItem").as_array();
  EXPECT_EQ(items.at(0).at("ResultCode"), 0);
  EXPECT_EQ(items.at(1).at("To_Account"), "carol");
  EXPECT_EQ(items.at(1).at("ResultCode"), 38001);
  EXPECT_EQ(items.at(1).at("ResultInfo"), "not her");
  EXPECT_EQ(added.at("Fail_Account"), json::array{"carol"});

  const auto asked = receiver.wait_for("Sns.CallbackPrevFriendAdd");
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_EQ(asked[0].body.at("From_Account"), "alice");
  EXPECT_EQ(asked[0].body.at("Requester_Account"), json::value(app.admin));
  EXPECT_EQ(asked[0].body.at("FriendItem").as_array().size(), 2u);
  EXPECT_EQ(asked[0].body.at("AddType"), "Add_Type_Both");
  EXPECT_EQ(asked[0].body.at("ForceAddFlags"), 1);

  const auto after = receiver.wait_for("Sns.CallbackFriendAdd");
  ASSERT_EQ(after.size(), 1u);
  const auto& body = after[0].body;
  EXPECT_EQ(body.at("ClientCmd"), "friend_add");
  EXPECT_EQ(body.at("Admin_Account"), json::value(app.admin));
  EXPECT_EQ(body.at("ForceFlag"), 1);
  EXPECT_EQ(
      body.at("PairList"),
      (json::array{
          json::object{{"From_Account", "alice"}, {"To_Account", "bob"}, {"Initiator_Account", "alice"}},
          json::object{{"From_Account", "bob"}, {"To_Account", "alice"}, {"Initiator_Account", "alice"}}}));
}

TEST_F(CallbacksGroupsSns, PrevFriendAddFailingAtTheAppLetsEveryItemThrough) {
  configure();
  answer("Sns.CallbackPrevFriendAdd",
         R"({"ActionStatus":"FAIL","ErrorCode":1,"ErrorInfo":"down",)"
         R"("ResultItem":[{"To_Account":"bob","ResultCode":38001,"ResultInfo":"x"}]})");
  const auto added =
      sns("friend_add", {{"From_Account", "alice"},
                         {"ForceAddFlags", 1},
                         {"AddFriendItem", json::array{json::object{{"To_Account", "bob"},
                                                                    {"AddSource", "AddSource_Type_Web"}}}}});
  EXPECT_EQ(added.at("ResultItem").at(0).at("ResultCode"), 0) << json::serialize(added);
}

TEST_F(CallbacksGroupsSns, PrevFriendResponseRefusesAnAnswerAndAnAgreedOneTellsFriendAdd) {
  // bob needs to confirm (the default AllowType): alice's request waits for his answer.
  ASSERT_EQ(code_of(sns("friend_add",
                        {{"From_Account", "alice"},
                         {"AddFriendItem", json::array{json::object{{"To_Account", "bob"},
                                                                    {"AddSource", "AddSource_Type_Web"}}}}})),
            0);
  configure();
  answer("Sns.CallbackPrevFriendResponse",
         R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"",)"
         R"("ResultItem":[{"To_Account":"alice","ResultCode":38002,"ResultInfo":"later"}]})");
  const json::object response{
      {"From_Account", "bob"},
      {"ResponseFriendItem", json::array{json::object{{"To_Account", "alice"},
                                                      {"ResponseAction", "Response_Action_AgreeAndAdd"}}}}};
  const auto refused = sns("friend_response", response);
  EXPECT_EQ(refused.at("ResultItem").at(0).at("ResultCode"), 38002) << json::serialize(refused);
  answer("Sns.CallbackPrevFriendResponse", R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""})");
  const auto agreed = sns("friend_response", response);
  EXPECT_EQ(agreed.at("ResultItem").at(0).at("ResultCode"), 0) << json::serialize(agreed);
  const auto after = receiver.wait_for("Sns.CallbackFriendAdd");
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].body.at("ClientCmd"), "friend_response");
  EXPECT_EQ(after[0].body.at("PairList").as_array().size(), 2u);
  EXPECT_EQ(after[0].body.at("PairList").at(0).at("Initiator_Account"), "alice");
}

TEST_F(CallbacksGroupsSns, AWebImClientJoiningAndLeavingTellsTheAppFromTheWebPlatform) {
  const auto created = group(
      "create_group",
      {{"Owner_Account", "alice"}, {"Type", "Public"}, {"Name", "open"}, {"ApplyJoinOption", "FreeAccess"}});
  ASSERT_EQ(code_of(created), 0);
  const std::string id(created.at("GroupId").as_string());
  configure();
  WebImClient carol(server, app.sdkappid, "carol", mint_sig(server, app.sdkappid, "carol"));
  ASSERT_TRUE(carol.login().ok);
  const auto joined = carol.group("apply_join_group", {{"GroupId", id}, {"ApplyMsg", "hello"}});
  ASSERT_TRUE(WebImClient::succeeded(joined)) << json::serialize(joined);
  const auto asked = receiver.wait_for("Group.CallbackBeforeApplyJoinGroup");
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_EQ(asked[0].query.at("OptPlatform"), "Web");
  EXPECT_EQ(asked[0].body.at("Requestor_Account"), "carol");
  EXPECT_EQ(asked[0].body.at("ApplyMsg"), "hello");
  const auto join = receiver.wait_for("Group.CallbackAfterNewMemberJoin");
  ASSERT_EQ(join.size(), 1u);
  EXPECT_EQ(join[0].body.at("JoinType"), "Apply");
  EXPECT_EQ(join[0].body.at("NewMemberList"), accounts({"carol"}));

  ASSERT_TRUE(WebImClient::succeeded(carol.group("quit_group", {{"GroupId", id}})));
  const auto exit = receiver.wait_for("Group.CallbackAfterMemberExit");
  ASSERT_EQ(exit.size(), 1u);
  EXPECT_EQ(exit[0].body.at("ExitType"), "Quit");
  EXPECT_EQ(exit[0].body.at("Operator_Account"), "carol");
  EXPECT_EQ(exit[0].body.at("ExitMemberList"), accounts({"carol"}));
}

TEST_F(CallbacksGroupsSns, AWebImReadReportSendsAfterMsgReport) {
  const auto sent = send_text(server, app, "alice", "carol", "hi");
  ASSERT_EQ(code_of(sent), 0);
  configure();
  WebImClient carol(server, app.sdkappid, "carol", mint_sig(server, app.sdkappid, "carol"));
  ASSERT_TRUE(carol.login().ok);
  ASSERT_TRUE(WebImClient::succeeded(carol.msg_readed("alice", sent.at("MsgTime").as_int64())));
  const auto report = receiver.wait_for("C2C.CallbackAfterMsgReport");
  ASSERT_EQ(report.size(), 1u);
  EXPECT_EQ(report[0].query.at("OptPlatform"), "Web");
  EXPECT_EQ(report[0].body.at("Report_Account"), "carol");
  EXPECT_EQ(report[0].body.at("Peer_Account"), "alice");
  EXPECT_EQ(report[0].body.at("LastReadTime"), sent.at("MsgTime"));
  EXPECT_EQ(report[0].body.at("UnreadMsgNum"), 0);
}

TEST_F(CallbacksGroupsSns, BeforeApplyJoinGroupRefusalAnswers10016AndAdmitsNobody) {
  const auto created = group(
      "create_group",
      {{"Owner_Account", "alice"}, {"Type", "Public"}, {"Name", "open"}, {"ApplyJoinOption", "FreeAccess"}});
  ASSERT_EQ(code_of(created), 0);
  const std::string id(created.at("GroupId").as_string());
  configure();
  answer("Group.CallbackBeforeApplyJoinGroup", R"({"ActionStatus":"FAIL","ErrorCode":1,"ErrorInfo":"no"})");
  WebImClient carol(server, app.sdkappid, "carol", mint_sig(server, app.sdkappid, "carol"));
  ASSERT_TRUE(carol.login().ok);
  const auto refused = carol.group("apply_join_group", {{"GroupId", id}});
  EXPECT_EQ(code_of(refused), 10016) << json::serialize(refused);
  EXPECT_EQ(members_of(id), (std::vector<std::string>{"alice"}));
  EXPECT_TRUE(settled("Group.CallbackAfterNewMemberJoin").empty());
}

TEST_F(CallbacksGroupsSns, FriendDeleteAndBlacklistChangesTellTheirPairs) {
  ASSERT_EQ(code_of(sns("friend_add",
                        {{"From_Account", "alice"},
                         {"ForceAddFlags", 1},
                         {"AddFriendItem", json::array{json::object{{"To_Account", "bob"},
                                                                    {"AddSource", "AddSource_Type_Web"}}}}})),
            0);
  configure();
  ASSERT_EQ(code_of(sns("friend_delete", {{"From_Account", "alice"},
                                          {"To_Account", json::array{"bob"}},
                                          {"DeleteType", "Delete_Type_Both"}})),
            0);
  const auto deleted = receiver.wait_for("Sns.CallbackFriendDelete");
  ASSERT_EQ(deleted.size(), 1u);
  EXPECT_EQ(deleted[0].body.at("PairList"),
            (json::array{json::object{{"From_Account", "alice"}, {"To_Account", "bob"}},
                         json::object{{"From_Account", "bob"}, {"To_Account", "alice"}}}));

  ASSERT_EQ(code_of(sns("black_list_add", {{"From_Account", "alice"}, {"To_Account", json::array{"carol"}}})),
            0);
  const auto blocked = receiver.wait_for("Sns.CallbackBlackListAdd");
  ASSERT_EQ(blocked.size(), 1u);
  EXPECT_EQ(blocked[0].body.at("PairList"),
            (json::array{json::object{{"From_Account", "alice"}, {"To_Account", "carol"}}}));

  ASSERT_EQ(
      code_of(sns("black_list_delete", {{"From_Account", "alice"}, {"To_Account", json::array{"carol"}}})),
      0);
  const auto unblocked = receiver.wait_for("Sns.CallbackBlackListDelete");
  ASSERT_EQ(unblocked.size(), 1u);
  EXPECT_EQ(unblocked[0].body.at("PairList"),
            (json::array{json::object{{"From_Account", "alice"}, {"To_Account", "carol"}}}));
}

TEST_F(CallbacksGroupsSns, BlacklistingAFriendAlsoTellsFriendDeleteForBothSides) {
  ASSERT_EQ(code_of(sns("friend_add",
                        {{"From_Account", "alice"},
                         {"ForceAddFlags", 1},
                         {"AddFriendItem", json::array{json::object{{"To_Account", "bob"},
                                                                    {"AddSource", "AddSource_Type_Web"}}}}})),
            0);
  configure();
  ASSERT_EQ(code_of(sns("black_list_add", {{"From_Account", "alice"}, {"To_Account", json::array{"bob", "carol"}}})),
            0);
  // Only the friendship with bob ended: carol was no friend.
  const auto deleted = receiver.wait_for("Sns.CallbackFriendDelete");
  ASSERT_EQ(deleted.size(), 1u);
  EXPECT_EQ(deleted[0].body.at("PairList"),
            (json::array{json::object{{"From_Account", "alice"}, {"To_Account", "bob"}},
                         json::object{{"From_Account", "bob"}, {"To_Account", "alice"}}}));
  const auto blocked = receiver.wait_for("Sns.CallbackBlackListAdd");
  ASSERT_EQ(blocked.size(), 1u);
  EXPECT_EQ(blocked[0].body.at("PairList").as_array().size(), 2u);
}

TEST_F(CallbacksGroupsSns, PortraitSetTellsTheItemsAsGiven) {
  configure();
  const json::array items{json::object{{"Tag", "Tag_Profile_IM_Nick"}, {"Value", "Ally"}}};
  ASSERT_EQ(code_of(rest(server, app, "profile/portrait_set",
                         json::object{{"From_Account", "alice"}, {"ProfileItem", items}})),
            0);
  const auto set = receiver.wait_for("Profile.CallbackPortraitSet");
  ASSERT_EQ(set.size(), 1u);
  EXPECT_EQ(set[0].body.at("From_Account"), "alice");
  EXPECT_EQ(set[0].body.at("ProfileItem"), items);
}

TEST_F(CallbacksGroupsSns, AdminMsgWithdrawAndSetMsgReadTellTheApp) {
  const auto first = send_text(server, app, "alice", "bob", "one", 1);
  ASSERT_EQ(code_of(first), 0);
  ASSERT_EQ(code_of(send_text(server, app, "alice", "bob", "two", 2)), 0);
  configure();
  ASSERT_EQ(
      code_of(rest(
          server, app, "openim/admin_msgwithdraw",
          json::object{{"From_Account", "alice"}, {"To_Account", "bob"}, {"MsgKey", first.at("MsgKey")}})),
      0);
  const auto withdrawn = receiver.wait_for("C2C.CallbackAfterMsgWithDraw");
  ASSERT_EQ(withdrawn.size(), 1u);
  EXPECT_EQ(withdrawn[0].body.at("From_Account"), "alice");
  EXPECT_EQ(withdrawn[0].body.at("To_Account"), "bob");
  EXPECT_EQ(withdrawn[0].body.at("MsgKey"), first.at("MsgKey"));
  EXPECT_EQ(withdrawn[0].body.at("UnreadMsgNum"), 1);  // "two" is still unread

  ASSERT_EQ(code_of(rest(server, app, "openim/admin_set_msg_read",
                         json::object{{"Report_Account", "bob"}, {"Peer_Account", "alice"}})),
            0);
  const auto report = receiver.wait_for("C2C.CallbackAfterMsgReport");
  ASSERT_EQ(report.size(), 1u);
  EXPECT_EQ(report[0].body.at("Report_Account"), "bob");
  EXPECT_EQ(report[0].body.at("Peer_Account"), "alice");
  EXPECT_TRUE(report[0].body.at("LastReadTime").is_int64());
  EXPECT_EQ(report[0].body.at("UnreadMsgNum"), 0);
}

}  // namespace
}  // namespace timock::testing
