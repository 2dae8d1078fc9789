// Groups in snapshots and fixtures (DESIGN "Fixture / snapshot format"; README "Fixtures and snapshots"): a
// fixture's groups are what group_open_http_svc then reads, export → import → export gives the same bytes,
// and a bad group is refused whole with its JSON path.
#include <gtest/gtest.h>

#include "control_helpers.hpp"

namespace timock::testing {
namespace {

using namespace control;

constexpr const char* kTeam = "@TGS#2TEAMROOM";
constexpr const char* kWork = "work-1";
constexpr const char* kLive = "@TGS#aLIVEROOM";
constexpr std::int64_t kFarFuture = 4000000000;  // 2096: a mute or ban still in force whatever the clock says

// A Public group with every kind of state (AppDefinedData, attributes, counters, a non-default member, a
// muted member and a muted former member, a tip, a recalled message, a seq gap left by an online-only
// message), an ownerless Work group given with defaults only, and a live room with a ban. carol has pinned
// the team's conversation; bob has deleted it (hidden until the group's next entry).
const char* const kGroupsApp = R"({
  "sdkappid": 1, "secret_key": "groups-secret", "admin": "administrator", "created_at": 1690000000,
  "accounts": [{"user_id": "alice"}, {"user_id": "bob"}, {"user_id": "carol"}, {"user_id": "dave"},
               {"user_id": "erin"}],
  "groups": [
    {"group_id": "@TGS#2TEAMROOM", "type": "Public", "name": "Team", "owner": "alice",
     "introduction": "the release team", "create_time": 1690000100,
     "app_defined_data": [{"Key": "topic", "Value": "release"}],
     "attributes": {"room": "blue"}, "counters": {"likes": 3},
     "members": [
       {"user_id": "alice", "join_time": 1690000100, "read_seq": 5},
       {"user_id": "bob", "role": "Admin", "join_time": 1690000200, "read_seq": 1, "msg_flag": "AcceptNotNotify",
        "name_card": "Bobby", "app_member_defined_data": [{"Key": "level", "Value": "3"}],
        "mute_until": 4000000000},
       {"user_id": "carol", "join_time": 1690000300}
     ],
     "mutes": [{"user_id": "dave", "mute_until": 4000000000}],
     "messages": [
       {"seq": 1, "from": "alice", "time": 1690001000, "random": 7,
        "body": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "hello team"}}]},
       {"seq": 2, "kind": "tip", "time": 1690001100,
        "body": {"OpType": 1, "Operator_Account": "administrator", "List_Account": ["carol"], "MemberNum": 3}},
       {"seq": 3, "from": "bob", "time": 1690001200, "flag_bits": 8,
        "body": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "oops"}}]},
       {"seq": 5, "from": "carol", "time": 1690001300, "priority": "High", "cloud_custom_data": "cc",
        "extra": {"GroupAtInfo": [{"GroupAtAllFlag": 1}]},
        "body": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "@all ship it"}}]}
     ]},
    {"group_id": "work-1", "type": "Private", "name": "Work", "create_time": 1690000050,
     "members": [{"user_id": "bob"}, {"user_id": "carol"}]},
    {"group_id": "@TGS#aLIVEROOM", "type": "AVChatRoom", "name": "Live", "owner": "erin",
     "create_time": 1690000400, "members": [{"user_id": "erin"}],
     "bans": [{"user_id": "mallory", "banned_until": 4000000000, "description": "spam"}]}
  ],
  "conversations": [
    {"owner": "carol", "type": 2, "group_id": "@TGS#2TEAMROOM", "pinned": true},
    {"owner": "bob", "type": 2, "group_id": "@TGS#2TEAMROOM", "hidden": true}
  ]
})";

class ControlSnapshotGroups : public ::testing::Test {
 protected:
  TimockProcess server;
  TestApp app = create_app(server);

  void SetUp() override {
    const auto loaded = server.request("PUT", app_path(app, "/snapshot"), kGroupsApp);
    ASSERT_EQ(loaded.status, 200u) << loaded.body;
    app.secret_key = "groups-secret";
    app.admin_sig = mint_sig(server, app.sdkappid, "administrator");
  }

  json::object group(const std::string& command, json::object body) {
    return rest(server, app, "group_open_http_svc/" + command, body);
  }
  json::object group_info(const std::string& group_id) {
    const auto reply = group("get_group_info", {{"GroupIdList", json::array{json::value(group_id)}}});
    EXPECT_EQ(code_of(reply), 0) << json::serialize(reply);
    return reply.at("GroupInfo").at(0).as_object();
  }
  std::vector<std::int64_t> history_seqs(const json::object& reply) {
    std::vector<std::int64_t> seqs;
    for (const auto& m : reply.at("RspMsgList").as_array()) seqs.push_back(m.at("MsgSeq").as_int64());
    return seqs;
  }
  json::array sessions(const std::string& owner) {
    const auto list = rest(server, app, "recentcontact/get_list",
                           json::object{{"From_Account", owner},
                                        {"TimeStamp", 0},
                                        {"StartIndex", 0},
                                        {"TopTimeStamp", 0},
                                        {"TopStartIndex", 0},
                                        {"AssistFlags", 1}});
    EXPECT_EQ(code_of(list), 0) << json::serialize(list);
    return list.at("SessionItem").as_array();
  }
};

TEST_F(ControlSnapshotGroups, GroupInfoIsTheFixturesWithCreateGroupsDefaults) {
  auto team = group_info(kTeam);
  EXPECT_EQ(team["Type"], "Public");
  EXPECT_EQ(team["Name"], "Team");
  EXPECT_EQ(team["Introduction"], "the release team");
  EXPECT_EQ(team["Owner_Account"], "alice");
  EXPECT_EQ(team["CreateTime"], 1690000100);
  EXPECT_EQ(team["LastInfoTime"], 1690000100) << "its creation time by default";
  EXPECT_EQ(team["LastMsgTime"], 1690001300) << "its newest entry's by default";
  EXPECT_EQ(team["NextMsgSeq"], 6) << "the last seq + 1 by default";
  EXPECT_EQ(team["MemberNum"], 3);
  EXPECT_EQ(team["MaxMemberNum"], 2000);
  EXPECT_EQ(team["ApplyJoinOption"], "NeedPermission");
  EXPECT_EQ(team["MuteAllMember"], "Off");
  EXPECT_EQ(team["AppDefinedData"], json::parse(R"([{"Key":"topic","Value":"release"}])"));
  ASSERT_EQ(team["MemberList"].as_array().size(), 3u);
  EXPECT_EQ(team["MemberList"].at(0).at("Member_Account"), "alice");
  EXPECT_EQ(team["MemberList"].at(0).at("Role"), "Owner") << "the owner's role by default";

  auto work = group_info(kWork);
  EXPECT_EQ(work["Type"], "Private");
  EXPECT_EQ(work["Owner_Account"], "") << "ownerless";
  EXPECT_EQ(work["ApplyJoinOption"], "DisableApply");
  EXPECT_EQ(work["NextMsgSeq"], 1);
  EXPECT_EQ(work["LastMsgTime"], 0);
  EXPECT_EQ(work["MemberNum"], 2);

  EXPECT_EQ(rest(server, app, "group_open_attr_http_svc/get_group_attr", json::object{{"GroupId", kTeam}})
                .at("GroupAttrAry"),
            json::parse(R"([{"key":"room","value":"blue"}])"));
  EXPECT_EQ(group("get_group_counter", {{"GroupId", kTeam}})["GroupCounter"],
            json::parse(R"([{"Key":"likes","Value":3}])"));
  const auto bans = group("get_group_ban_member", {{"GroupId", kLive}});
  ASSERT_EQ(code_of(bans), 0) << json::serialize(bans);
  EXPECT_EQ(bans.at("BannedAccountList"),
            json::parse(R"([{"Member_Account":"mallory","BannedUntil":4000000000}])"));
}

TEST_F(ControlSnapshotGroups, MembersAndMutesAreTheFixtures) {
  const auto reply = group("get_group_member_info", {{"GroupId", kTeam}});
  ASSERT_EQ(code_of(reply), 0) << json::serialize(reply);
  const auto& members = reply.at("MemberList").as_array();
  ASSERT_EQ(members.size(), 3u) << json::serialize(reply);
  const auto& bob = members.at(1).as_object();
  EXPECT_EQ(bob.at("Member_Account"), "bob");
  EXPECT_EQ(bob.at("Role"), "Admin");
  EXPECT_EQ(bob.at("JoinTime"), 1690000200);
  EXPECT_EQ(bob.at("MsgSeq"), 1);
  EXPECT_EQ(bob.at("MsgFlag"), "AcceptNotNotify");
  EXPECT_EQ(bob.at("NameCard"), "Bobby");
  EXPECT_EQ(bob.at("MuteUntil"), kFarFuture);
  EXPECT_EQ(bob.at("AppMemberDefinedData"), json::parse(R"([{"Key":"level","Value":"3"}])"));
  const auto& carol = members.at(2).as_object();
  EXPECT_EQ(carol.at("Role"), "Member");
  EXPECT_EQ(carol.at("MsgSeq"), 0) << "nothing read by default";
  EXPECT_EQ(carol.at("MsgFlag"), "AcceptAndNotify");
  EXPECT_EQ(carol.at("MuteUntil"), 0);

  // dave's mute is kept though he left: it lists only once he is a member again.
  const auto muted = [&] {
    return group("get_group_muted_account", {{"GroupId", kTeam}})["MutedAccountList"];
  };
  EXPECT_EQ(muted(), json::parse(R"([{"Member_Account":"bob","MutedUntil":4000000000}])"));
  ASSERT_EQ(code_of(group(
                "add_group_member",
                {{"GroupId", kTeam}, {"MemberList", json::array{json::object{{"Member_Account", "dave"}}}}})),
            0);
  EXPECT_EQ(muted(), json::parse(R"([{"Member_Account":"bob","MutedUntil":4000000000},)"
                                 R"({"Member_Account":"dave","MutedUntil":4000000000}])"));
}

TEST_F(ControlSnapshotGroups, TheHistoryIsTheFixturesMessagesAndTips) {
  const auto page = group("group_msg_get_simple", {{"GroupId", kTeam}, {"ReqMsgNumber", 20}});
  ASSERT_EQ(code_of(page), 0) << json::serialize(page);
  EXPECT_EQ(history_seqs(page), (std::vector<std::int64_t>{5, 2, 1})) << "the recalled one left out";
  const auto& newest = page.at("RspMsgList").at(0).as_object();
  EXPECT_EQ(newest.at("From_Account"), "carol");
  EXPECT_EQ(newest.at("MsgPriority"), 1);
  EXPECT_EQ(newest.at("MsgTimeStamp"), 1690001300);
  EXPECT_EQ(newest.at("CloudCustomData"), "cc");
  EXPECT_EQ(newest.at("MsgBody").at(0).at("MsgContent").at("Text"), "@all ship it");
  const auto& tip = page.at("RspMsgList").at(1).as_object();
  EXPECT_EQ(tip.at("IsSystemMsg"), 1);
  EXPECT_EQ(tip.at("From_Account"), "@TIM#SYSTEM") << "a tip's sender by default";
  EXPECT_EQ(page.at("RspMsgList").at(2).at("MsgRandom"), 7);

  const auto with_recalled =
      group("group_msg_get_simple", {{"GroupId", kTeam}, {"ReqMsgNumber", 20}, {"WithRecalledMsg", 1}});
  EXPECT_EQ(history_seqs(with_recalled), (std::vector<std::int64_t>{5, 3, 2, 1}));
  EXPECT_EQ(with_recalled.at("RspMsgList").at(1).at("IsPlaceMsg"), 2);

  // The next message takes the fixture's next seq; recalling a fixture message works as for any other.
  const auto sent = group("send_group_msg", {{"GroupId", kTeam},
                                             {"From_Account", "carol"},
                                             {"Random", 99},
                                             {"MsgBody", json::parse(R"([{"MsgType":"TIMTextElem",)"
                                                                     R"("MsgContent":{"Text":"next"}}])")}});
  ASSERT_EQ(code_of(sent), 0) << json::serialize(sent);
  EXPECT_EQ(sent.at("MsgSeq"), 6);
  const auto recall =
      group("group_msg_recall",
            {{"GroupId", kTeam}, {"MsgSeqList", json::parse(R"([{"MsgSeq":1},{"MsgSeq":3}])")}});
  EXPECT_EQ(recall.at("RecallRetList"),
            json::parse(R"([{"MsgSeq":1,"RetCode":0},{"MsgSeq":3,"RetCode":10030}])"))
      << json::serialize(recall);
}

TEST_F(ControlSnapshotGroups, GroupConversationsKeepTheirPinAndTheirHiddenSeq) {
  const auto carols = sessions("carol");
  ASSERT_FALSE(carols.empty());
  EXPECT_EQ(carols.at(0).at("GroupId"), kTeam);
  EXPECT_EQ(carols.at(0).at("TopFlag"), 1);
  const auto has_team = [](const json::array& items) {
    for (const auto& item : items)
      if (item.as_object().contains("GroupId") && item.at("GroupId") == kTeam) return true;
    return false;
  };
  EXPECT_FALSE(has_team(sessions("bob"))) << "hidden at the group's last seq (5)";
  ASSERT_EQ(
      code_of(group("send_group_msg",
                    {{"GroupId", kTeam},
                     {"Random", 1},
                     {"MsgBody", json::parse(R"([{"MsgType":"TIMTextElem","MsgContent":{"Text":"x"}}])")}})),
      0);
  EXPECT_TRUE(has_team(sessions("bob"))) << "the group's next entry shows it again";
}

TEST_F(ControlSnapshotGroups, ExportImportExportGivesTheSameBytes) {
  // State made over REST on top of the fixture: a message, a recall, a mute, a member who leaves muted, a
  // deleted group conversation.
  ASSERT_EQ(
      code_of(group("send_group_msg",
                    {{"GroupId", kTeam},
                     {"From_Account", "alice"},
                     {"Random", 5},
                     {"MsgBody", json::parse(R"([{"MsgType":"TIMTextElem","MsgContent":{"Text":"a"}}])")}})),
      0);
  ASSERT_EQ(code_of(group("group_msg_recall",
                          {{"GroupId", kTeam}, {"MsgSeqList", json::parse(R"([{"MsgSeq":1}])")}})),
            0);
  ASSERT_EQ(
      code_of(group("forbid_send_msg",
                    {{"GroupId", kWork}, {"Members_Account", json::array{"carol"}}, {"MuteTime", 600}})),
      0);
  ASSERT_EQ(code_of(group("delete_group_member",
                          {{"GroupId", kWork}, {"MemberToDel_Account", json::array{"carol"}}})),
            0);
  ASSERT_EQ(code_of(rest(server, app, "recentcontact/delete",
                         json::object{{"From_Account", "bob"}, {"Type", 2}, {"ToGroupid", kWork}})),
            0);

  const auto exported = export_snapshot(server, app.sdkappid);
  const auto groups = json::parse(exported).at("apps").at(0).at("groups").as_array();
  ASSERT_EQ(groups.size(), 3u) << exported;
  EXPECT_EQ(groups.at(0).at("group_id"), kWork) << "creation order";
  EXPECT_EQ(groups.at(0).at("mutes").at(0).at("user_id"), "carol") << exported;
  EXPECT_NE(exported.find(R"("owner":"bob","type":2,"group_id":"work-1","hidden":true,"hidden_at_seq":2)"),
            std::string::npos)
      << "hidden at the kick's tip (1 the mute's tip, 2 the kick's): " << exported;

  const std::uint64_t copy_id = 1400987655;
  const auto put = server.request("PUT", app_path(copy_id, "/snapshot"), exported);
  ASSERT_EQ(put.status, 200u) << put.body;
  auto copied = json::parse(export_snapshot(server, copy_id));
  copied.at("apps").at(0).as_object()["sdkappid"] = app.sdkappid;
  EXPECT_EQ(json::serialize(copied), json::serialize(json::parse(exported)))
      << "the copy holds the same groups";

  // Back into its own app: the same bytes.
  ASSERT_EQ(server.request("PUT", app_path(app, "/snapshot"), exported).status, 200u);
  EXPECT_EQ(export_snapshot(server, app.sdkappid), exported);
  TestApp copy{copy_id, "groups-secret", "administrator", mint_sig(server, copy_id, "administrator")};
  const auto page = rest(server, copy, "group_open_http_svc/group_msg_get_simple",
                         json::object{{"GroupId", kTeam}, {"ReqMsgNumber", 20}});
  EXPECT_EQ(history_seqs(page), (std::vector<std::int64_t>{6, 5, 2})) << json::serialize(page);
}

TEST_F(ControlSnapshotGroups, ADeletedAccountLeavesItsGroupsAndTheSnapshotStillLoads) {
  // carol pinned the team's conversation; account_delete keeps that row, the snapshot leaves it out.
  ASSERT_EQ(code_of(rest(server, app, "im_open_login_svc/account_delete",
                         json::object{{"DeleteItem", json::array{json::object{{"UserID", "carol"}}}}})),
            0);
  const auto exported = export_snapshot(server, app.sdkappid);
  EXPECT_EQ(exported.find(R"("user_id":"carol")"), std::string::npos) << "no membership, no mute: " << exported;
  EXPECT_EQ(exported.find(R"("owner":"carol")"), std::string::npos) << exported;
  EXPECT_NE(exported.find(R"("from":"carol")"), std::string::npos) << "her messages stay in the history";
  const auto put = server.request("PUT", app_path(app, "/snapshot"), exported);
  ASSERT_EQ(put.status, 200u) << put.body;
  EXPECT_EQ(export_snapshot(server, app.sdkappid), exported);
}

TEST_F(ControlSnapshotGroups, ABadGroupIsRefusedWithItsPathAndChangesNothing) {
  const auto before = export_snapshot(server, app.sdkappid);
  // The fixture with the field at `pointer` (within the app) set, whether it was there or not.
  const auto with = [](const std::string& pointer, const json::value& replacement) {
    auto fixture = json::object{{"apps", json::array{json::parse(kGroupsApp)}}};
    const auto slash = pointer.rfind('/');
    std::error_code ec;
    auto* parent = fixture["apps"].as_array()[0].find_pointer(pointer.substr(0, slash), ec);
    const auto key = pointer.substr(slash + 1);
    if (parent->is_array())
      parent->as_array().at(std::stoul(key)) = replacement;
    else
      parent->as_object()[key] = replacement;
    return json::serialize(fixture);
  };
  const std::vector<std::pair<std::string, std::string>> cases = {
      {with("/groups/0/members/2/user_id", "stranger"), "$.apps[0].groups[0].members[2].user_id"},
      {with("/groups/0/messages/2/seq", 2), "$.apps[0].groups[0].messages[2].seq"},
      {with("/groups/0/messages/3/seq", 3), "$.apps[0].groups[0].messages[3].seq"},
      {with("/groups/0/type", "Club"), "$.apps[0].groups[0].type"},
      {with("/groups/0/members/1/role", "Boss"), "$.apps[0].groups[0].members[1].role"},
      {with("/groups/0/members/1/role", "Owner"), "$.apps[0].groups[0].members[1].role"},
      {with("/groups/0/members/0/role", "Admin"), "$.apps[0].groups[0].members[0].role"},
      {with("/groups/0/members/2/user_id", "bob"), "$.apps[0].groups[0].members[2].user_id"},
      {with("/groups/1/group_id", kTeam), "$.apps[0].groups[1].group_id"},
      {with("/groups/1/group_id", "bad\nid"), "$.apps[0].groups[1].group_id"},
      {with("/groups/0/next_msg_seq", 5), "$.apps[0].groups[0].next_msg_seq"},
      {with("/groups/0/members/1/read_seq", 6), "$.apps[0].groups[0].members[1].read_seq"},
      {with("/groups/0/messages/0/body", json::parse(R"([{"MsgType":"TIMTextElem"}])")),
       "$.apps[0].groups[0].messages[0].body"},
      {with("/groups/0/messages/1/body", json::array{}), "$.apps[0].groups[0].messages[1].body"},
      {with("/groups/0/messages/1/kind", "notice"), "$.apps[0].groups[0].messages[1].kind"},
      {with("/groups/0/mutes/0/user_id", "carol"), "$.apps[0].groups[0].mutes[0].user_id"},
      {with("/groups/0/app_defined_data", json::parse(R"([{"Key":"k"}])")),
       "$.apps[0].groups[0].app_defined_data"},
      {with("/groups/0/counters", json::parse(R"({"likes":"many"})")), "$.apps[0].groups[0].counters"},
      {with("/groups/1/max_member_num", 1), "$.apps[0].groups[1].members"},
      {with("/groups/1/owner", "nobody"), "$.apps[0].groups[1].owner"},
      {with("/groups/1/bans", json::parse(R"([{"user_id":"x","banned_until":1}])")),
       "$.apps[0].groups[1].bans"},
      {with("/groups/2/messages", json::parse(R"([{"time":1,"body":[]}])")), "$.apps[0].groups[2].messages"},
      {with("/conversations/0/group_id", "@TGS#2NONE"), "$.apps[0].conversations[0].group_id"},
      {with("/conversations/1/hidden_at_seq", 6), "$.apps[0].conversations[1].hidden_at_seq"},
  };
  for (const auto& [fixture, path] : cases) {
    const auto result = server.request("PUT", app_path(app, "/snapshot"), fixture);
    EXPECT_EQ(result.status, 400u) << path << " → " << result.body;
    EXPECT_EQ(parsed(result)["field"], json::value(path)) << result.body;
  }
  EXPECT_EQ(export_snapshot(server, app.sdkappid), before) << "refused whole";
  EXPECT_EQ(group_info(kTeam)["NextMsgSeq"], 6);
}

TEST_F(ControlSnapshotGroups, ReceiptsLiveAdminsAndTopicsRoundTrip) {
  ASSERT_EQ(code_of(group("send_group_msg", {{"GroupId", kTeam},
                                             {"From_Account", "alice"},
                                             {"Random", 9},
                                             {"NeedReadReceipt", 1},
                                             {"MsgBody", json::parse(R"([{"MsgType":"TIMTextElem","MsgContent":{"Text":"r"}}])")}})),
            0);
  ASSERT_EQ(code_of(group("group_msg_receipt",
                          {{"GroupId", kTeam}, {"Member_Account", "bob"}, {"MsgSeqList", json::parse(R"([{"MsgSeq":6}])")}})),
            0);
  ASSERT_EQ(code_of(rest(server, app, "group_open_avchatroom_http_svc/modify_admin",
                         json::object{{"GroupId", kLive}, {"CommandType", 1}, {"Admin_Account", json::array{"dave"}}})),
            0);
  const auto community = group("create_group", {{"Owner_Account", "alice"}, {"Type", "Community"}, {"Name", "c"},
                                                {"GroupId", "@TGS#_club"}, {"SupportTopic", 1}});
  ASSERT_EQ(code_of(community), 0) << json::serialize(community);
  ASSERT_EQ(code_of(rest(server, app, "million_group_open_http_svc/create_topic",
                         json::object{{"GroupId", "@TGS#_club"}, {"TopicId", "@TGS#_club@TOPIC#_news"}, {"TopicName", "news"},
                                      {"CustomString", "cs"}})),
            0);
  ASSERT_EQ(code_of(group("send_group_msg", {{"GroupId", "@TGS#_club"},
                                             {"TopicId", "@TGS#_club@TOPIC#_news"},
                                             {"From_Account", "alice"},
                                             {"Random", 1},
                                             {"MsgBody", json::parse(R"([{"MsgType":"TIMTextElem","MsgContent":{"Text":"t"}}])")}})),
            0);

  const auto exported = export_snapshot(server, app.sdkappid);
  const auto groups = json::parse(exported).at("apps").at(0).at("groups").as_array();
  ASSERT_EQ(groups.size(), 5u) << exported;
  EXPECT_EQ(groups.at(3).at("support_topic"), true) << exported;
  EXPECT_EQ(groups.at(4).at("topic_of"), "@TGS#_club");
  EXPECT_EQ(groups.at(4).at("custom_string"), "cs");
  EXPECT_EQ(groups.at(4).at("messages").as_array().size(), 1u);
  EXPECT_NE(exported.find(R"("receipts":[{"seq":6,"user_id":"bob","read_time":)"), std::string::npos) << exported;
  EXPECT_NE(exported.find(R"("admins":["dave"])"), std::string::npos) << exported;

  const std::uint64_t copy_id = 1400987656;
  ASSERT_EQ(server.request("PUT", app_path(copy_id, "/snapshot"), exported).status, 200u);
  auto copied = json::parse(export_snapshot(server, copy_id));
  copied.at("apps").at(0).as_object()["sdkappid"] = app.sdkappid;
  EXPECT_EQ(json::serialize(copied), json::serialize(json::parse(exported)));
  TestApp copy{copy_id, "groups-secret", "administrator", mint_sig(server, copy_id, "administrator")};
  const auto topics = rest(server, copy, "million_group_open_http_svc/get_topic", json::object{{"GroupId", "@TGS#_club"}});
  EXPECT_EQ(topics.at("TopicAndSelfInfo").at(0).at("TopicInfo").at("NextMsgSeq"), 2) << json::serialize(topics);
  const auto receipt = rest(server, copy, "group_open_http_svc/get_group_msg_receipt",
                            json::object{{"GroupId", kTeam}, {"MsgSeqList", json::parse(R"([{"MsgSeq":6}])")}});
  EXPECT_EQ(receipt.at("GroupMsgReceiptList").at(0).at("ReadNum"), 1) << json::serialize(receipt);

  // What a fixture may not say: the export with one group's field set.
  const auto refused = [&](std::size_t at, const char* key, const json::value& value, const char* path) {
    auto bad = json::parse(exported);
    bad.at("apps").at(0).at("groups").at(at).as_object()[key] = value;
    const auto result = server.request("PUT", app_path(app, "/snapshot"), json::serialize(bad));
    EXPECT_EQ(result.status, 400u) << path << ": " << result.body;
    EXPECT_EQ(parsed(result)["field"], json::value(path)) << result.body;
  };
  refused(3, "support_topic", false, "$.apps[0].groups[4].topic_of");  // a topic of a community without topics
  refused(0, "admins", json::array{"dave"}, "$.apps[0].groups[0].admins");  // a Work group keeps no admin list
  refused(1, "receipts", json::parse(R"([{"seq":2,"user_id":"bob"}])"), "$.apps[0].groups[1].receipts[0].seq");
  refused(4, "group_id", "@TGS#_other@TOPIC#_news", "$.apps[0].groups[4].group_id");
  EXPECT_EQ(export_snapshot(server, app.sdkappid), exported) << "refused whole";
}

TEST_F(ControlSnapshotGroups, PendingJoinRequestsRoundTripAndOnlyWhereJoiningIsOnRequest) {
  auto fixture = json::parse(kGroupsApp);
  auto& team = fixture.at("groups").at(0).as_object();
  team["join_requests"] = json::parse(R"([{"user_id": "dave", "apply_msg": "me too", "user_defined": "u",
                                           "add_time": 1690002000, "msg_key": 42, "authentication": "auth-x"}])");
  ASSERT_EQ(server.request("PUT", app_path(app, "/snapshot"), json::serialize(fixture)).status, 200u);
  const auto exported = export_snapshot(server, app.sdkappid);
  EXPECT_NE(exported.find(R"("join_requests":[{"user_id":"dave","apply_msg":"me too","user_defined":"u",)"
                          R"("add_time":1690002000,"msg_key":42,"authentication":"auth-x"}])"),
            std::string::npos)
      << exported;
  const std::uint64_t copy_id = 1400987657;
  ASSERT_EQ(server.request("PUT", app_path(copy_id, "/snapshot"), exported).status, 200u);
  auto copied = json::parse(export_snapshot(server, copy_id));
  copied.at("apps").at(0).as_object()["sdkappid"] = app.sdkappid;
  EXPECT_EQ(json::serialize(copied), json::serialize(json::parse(exported)));

  const auto refused = [&](std::size_t at, const char* requests, const char* path) {
    auto bad = json::parse(kGroupsApp);
    bad.at("groups").at(at).as_object()["join_requests"] = json::parse(requests);
    const auto result = server.request("PUT", app_path(app, "/snapshot"), json::serialize(bad));
    EXPECT_EQ(result.status, 400u) << path << ": " << result.body;
    EXPECT_EQ(parsed(result)["field"], json::value(path)) << result.body;
  };
  refused(1, R"([{"user_id": "dave"}])", "$.groups[1].join_requests");           // a Work group
  refused(0, R"([{"user_id": "bob"}])", "$.groups[0].join_requests[0].user_id");  // a member already
  refused(0, R"([{"user_id": "zed"}])", "$.groups[0].join_requests[0].user_id");  // no such account
}

TEST_F(ControlSnapshotGroups, ADeletedAccountTakesItsReceiptsAndLiveAdminRoleAndTheSnapshotStillLoads) {
  ASSERT_EQ(code_of(group("send_group_msg", {{"GroupId", kTeam},
                                             {"From_Account", "alice"},
                                             {"Random", 9},
                                             {"NeedReadReceipt", 1},
                                             {"MsgBody", json::parse(R"([{"MsgType":"TIMTextElem","MsgContent":{"Text":"r"}}])")}})),
            0);
  ASSERT_EQ(code_of(group("group_msg_receipt",
                          {{"GroupId", kTeam}, {"Member_Account", "carol"}, {"MsgSeqList", json::parse(R"([{"MsgSeq":6}])")}})),
            0);
  ASSERT_EQ(code_of(rest(server, app, "group_open_avchatroom_http_svc/modify_admin",
                         json::object{{"GroupId", kLive}, {"CommandType", 1}, {"Admin_Account", json::array{"carol"}}})),
            0);
  ASSERT_EQ(code_of(rest(server, app, "im_open_login_svc/account_delete",
                         json::object{{"DeleteItem", json::array{json::object{{"UserID", "carol"}}}}})),
            0);
  const auto exported = export_snapshot(server, app.sdkappid);
  EXPECT_EQ(exported.find(R"("receipts")"), std::string::npos) << exported;
  EXPECT_EQ(exported.find(R"("admins")"), std::string::npos) << exported;
  const auto put = server.request("PUT", app_path(app, "/snapshot"), exported);
  EXPECT_EQ(put.status, 200u) << put.body;
}

}  // namespace
}  // namespace timock::testing
