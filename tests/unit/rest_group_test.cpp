// Handler tests of group_open_http_svc (reference/rest-api.md §3.7, §4.7): replies field by field, every error
// code whose cause can happen offline, the seq and unread rules, and what is delivered to online clients.
#include "rest_group_fixture.hpp"

namespace timock::api::testing {
namespace {

TEST_F(GroupHandlers, ServerIdsSayTheirType) {
  const std::pair<const char*, const char*> types[] = {{"Private", "@TGS#1"},    {"Work", "@TGS#1"},
                                                       {"Public", "@TGS#2"},     {"ChatRoom", "@TGS#3"},
                                                       {"Meeting", "@TGS#3"},    {"AVChatRoom", "@TGS#a"},
                                                       {"Community", "@TGS#_@TGS#c"}};
  for (const auto& [type, prefix] : types) {
    const auto r = group("create_group", json::object{{"Type", type}, {"Name", "g"}});
    ASSERT_EQ(r.code, 0) << type << ": " << r.info;
    const std::string id(r.fields.at("GroupId").as_string());
    EXPECT_TRUE(id.starts_with(prefix)) << type << " → " << id;
    EXPECT_EQ(id.size(), std::string_view(prefix).size() + 8) << id;
  }
  const auto community = group("create_group", json::object{{"Type", "Community"}, {"Name", "c"}});
  EXPECT_EQ(community.fields.at("Type"), "Community");
  EXPECT_EQ(community.fields.at("HugeGroupFlag"), 0);
}

TEST_F(GroupHandlers, CreateGroupTellsTheInitialMembersTheyWereAddedAndTheOwnerItWasCreated) {
  const auto r = group("create_group", json::object{{"Owner_Account", "alice"},
                                                    {"Type", "Private"},
                                                    {"Name", "team"},
                                                    {"MemberList", json::array{{{"Member_Account", "bob"}}}}});
  ASSERT_EQ(r.code, 0) << r.info;
  ASSERT_EQ(groups.deliveries.size(), 2u);
  EXPECT_EQ(groups.deliveries[0].group_notice_type, core::GroupNoticeType::invited);
  EXPECT_EQ(groups.recipients(0), (std::vector<std::string>{"bob"}));
  EXPECT_EQ(groups.deliveries[1].group_notice_type, core::GroupNoticeType::created);
  EXPECT_EQ(groups.recipients(1), (std::vector<std::string>{"alice"}));
  // The operator is the caller: the App admin over REST.
  EXPECT_EQ(json::parse(groups.deliveries[0].notice_json).at("Operator_Account"), app->admin.c_str());
  EXPECT_EQ(groups.deliveries[0].group.name, "team");
}

TEST_F(GroupHandlers, CustomGroupIdsTakenGive10021Or10025) {
  const json::object mine{{"Owner_Account", "alice"}, {"Type", "Public"}, {"Name", "n"}, {"GroupId", "room-1"}};
  EXPECT_EQ(group("create_group", mine).fields.at("GroupId"), "room-1");
  EXPECT_EQ(group("create_group", mine).code, 10025);
  auto other = mine;
  other["Owner_Account"] = "bob";
  EXPECT_EQ(group("create_group", other).code, 10021);
  other["GroupId"] = "@TGS#2ABCDEFGH";
  EXPECT_EQ(group("create_group", other).code, 10004) << "only the server hands out @TGS# ids";
  EXPECT_EQ(group("create_group", json::object{{"Type", "Community"}, {"Name", "n"}, {"GroupId", "plain"}}).code, 10004);
  EXPECT_EQ(group("create_group", json::object{{"Type", "Community"}, {"Name", "n"}, {"GroupId", "@TGS#_mine"}})
                .fields.at("GroupId"),
            "@TGS#_mine");
  EXPECT_EQ(group("create_group", json::object{{"Type", "Public"}, {"Name", "n"}, {"GroupId", std::string(49, 'x')}}).code,
            10004);
}

TEST_F(GroupHandlers, CreateGroupRefusesWhatTheReferenceRefuses) {
  EXPECT_EQ(group("create_group", json::object{{"Name", "n"}}).code, 10004);
  EXPECT_EQ(group("create_group", json::object{{"Type", "Public"}}).code, 10004);
  EXPECT_EQ(group("create_group", json::object{{"Type", "Secret"}, {"Name", "n"}}).code, 10004);
  EXPECT_EQ(group("create_group", json::object{{"Type", "Public"}, {"Name", std::string(31, 'n')}}).code, 10004);
  EXPECT_EQ(group("create_group", json::object{{"Type", "Public"}, {"Name", "n"}, {"Owner_Account", "ghost"}}).code,
            10019);
  json::array hundred_and_one;
  for (int i = 0; i < 101; ++i) hundred_and_one.push_back(json::object{{"Member_Account", "bob"}});
  EXPECT_EQ(group("create_group", json::object{{"Type", "Public"}, {"Name", "n"}, {"MemberList", hundred_and_one}}).code,
            10005);
  const json::array bob{json::object{{"Member_Account", "bob"}}};
  EXPECT_EQ(group("create_group", json::object{{"Type", "AVChatRoom"}, {"Name", "n"}, {"MemberList", bob}}).code, 10007);
  EXPECT_EQ(group("create_group", json::object{{"Type", "Public"},
                                               {"Name", "n"},
                                               {"MemberList", json::array{json::object{{"Member_Account", "ghost"}}}}})
                .code,
            10019);
  EXPECT_EQ(group("create_group", json::object{{"Type", "Public"},
                                               {"Name", "n"},
                                               {"Owner_Account", "alice"},
                                               {"MaxMemberCount", 1},
                                               {"MemberList", bob}})
                .code,
            10014);
  EXPECT_EQ(group("create_group", json::object{{"Type", "Public"}, {"Name", "n"}, {"ApplyJoinOption", "Anyone"}}).code,
            10004);
}

TEST_F(GroupHandlers, GetGroupInfoGivesEveryFieldOrTheFilteredOnes) {
  const auto id = make_group("Public", {{"Introduction", "intro"},
                                        {"AppDefinedData", json::array{json::object{{"Key", "k"}, {"Value", "v"}}}}});
  const auto full = info(id);
  EXPECT_EQ(full.at("ErrorCode"), 0);
  EXPECT_EQ(full.at("Type"), "Public");
  EXPECT_EQ(full.at("Owner_Account"), "alice");
  EXPECT_EQ(full.at("Introduction"), "intro");
  EXPECT_EQ(full.at("MemberNum"), 3);
  EXPECT_EQ(full.at("MaxMemberNum"), 2000);
  EXPECT_EQ(full.at("ApplyJoinOption"), "NeedPermission");
  EXPECT_EQ(full.at("MuteAllMember"), "Off");
  EXPECT_EQ(full.at("NextMsgSeq"), 1);
  EXPECT_EQ(full.at("CreateTime"), kNow);
  EXPECT_EQ(full.at("AppDefinedData"), json::parse(R"([{"Key":"k","Value":"v"}])"));
  ASSERT_EQ(full.at("MemberList").as_array().size(), 3u);
  EXPECT_EQ(full.at("MemberList").at(0).at("Member_Account"), "alice");
  EXPECT_EQ(full.at("MemberList").at(0).at("Role"), "Owner");

  const auto filtered = info(id, {{"GroupBaseInfoFilter", json::array{"Name", "MemberNum"}},
                                  {"MemberInfoFilter", json::array{"Role"}}});
  EXPECT_EQ(filtered, json::parse(R"({"GroupId":")" + id + R"(","ErrorCode":0,"ErrorInfo":"","Name":"team","MemberNum":3,
      "MemberList":[{"Member_Account":"alice","Role":"Owner"},{"Member_Account":"bob","Role":"Member"},
                    {"Member_Account":"carol","Role":"Member"}]})"));

  const auto unknown = group("get_group_info", json::object{{"GroupIdList", json::array{"nope"}}});
  EXPECT_EQ(unknown.fields.at("GroupInfo").at(0).at("ErrorCode"), 10015);
  json::array many;
  for (int i = 0; i < 51; ++i) many.push_back(json::value(id));
  EXPECT_EQ(group("get_group_info", json::object{{"GroupIdList", many}}).code, 10004);
}

TEST_F(GroupHandlers, MessagesAndTipsShareOneSeqCounterFromOne) {
  const auto id = make_group("Private");
  EXPECT_EQ(send_group(id, "alice", 1).fields.at("MsgSeq"), 1);
  EXPECT_EQ(send_group(id, "bob", 2).fields.at("MsgSeq"), 2);
  ASSERT_EQ(group("add_group_member", json::object{{"GroupId", id},
                                                   {"MemberList", json::array{json::object{{"Member_Account", "dave"}}}}})
                .code,
            0);  // a join tip takes seq 3
  const auto r = send_group(id, "", 4);
  EXPECT_EQ(r.fields.at("MsgSeq"), 4) << "the admin may send without being a member";
  EXPECT_EQ(r.fields.at("MsgTime"), kNow);
  EXPECT_EQ(info(id).at("NextMsgSeq"), 5);
  const auto list = history(id);
  ASSERT_EQ(list.size(), 4u);
  EXPECT_EQ(list.at(0).at("MsgSeq"), 4) << "newest first";
  EXPECT_EQ(list.at(1).at("From_Account"), "@TIM#SYSTEM");
  EXPECT_EQ(list.at(1).at("IsSystemMsg"), 1);
  EXPECT_EQ(list.at(3).at("MsgBody"), text("alice#1"));
}

TEST_F(GroupHandlers, TheSameRandomAndBodyWithinFiveMinutesIsTheSameMessage) {
  const auto id = make_group();
  EXPECT_EQ(send_group(id, "bob", 7).fields.at("MsgSeq"), 1);
  clock.set_now(kNow + 299, true);
  const auto again = send_group(id, "bob", 7);
  EXPECT_EQ(again.fields.at("MsgSeq"), 1);
  EXPECT_EQ(again.fields.at("MsgTime"), kNow);
  EXPECT_EQ(send_group(id, "bob", 8).fields.at("MsgSeq"), 2) << "another Random is another message";
  clock.set_now(kNow + 301, true);
  EXPECT_EQ(send_group(id, "bob", 7).fields.at("MsgSeq"), 3);
}

TEST_F(GroupHandlers, SendGroupMsgCodesByCause) {
  const auto id = make_group();
  EXPECT_EQ(send_group(id, "dave", 1).code, 10007) << "not a member";
  EXPECT_EQ(send_group(id, "ghost", 1).code, 10019);
  EXPECT_EQ(send_group("nope", "bob", 1).code, 10010);
  EXPECT_EQ(group("send_group_msg", json::object{{"GroupId", id}, {"MsgBody", text("x")}}).code, 10004) << "Random";
  EXPECT_EQ(group("send_group_msg", json::object{{"GroupId", id}, {"Random", 1}, {"MsgBody", json::array{}}}).code, 10004);
  EXPECT_EQ(send_group(id, "bob", 2, {{"MsgPriority", "urgent"}}).code, 10004);
  EXPECT_EQ(send_group(id, "bob", 3, {{"MsgBody", text(std::string(12 * 1024, 'x'))}}).code, 80002);
  json::array at;
  for (int i = 0; i < 31; ++i) at.push_back(json::object{{"GroupAtAllFlag", 0}, {"GroupAt_Account", "bob"}});
  EXPECT_EQ(send_group(id, "bob", 4, {{"GroupAtInfo", at}}).code, 10053);
  json::array to;
  for (int i = 0; i < 51; ++i) to.push_back(json::value("carol"));
  EXPECT_EQ(send_group(id, "bob", 5, {{"To_Account", to}}).code, 10005);
  EXPECT_EQ(send_group(id, "bob", 6, {{"OnlineOnlyFlag", 1}, {"SendMsgControl", json::array{"NoUnread"}}}).code, 10004);

  ASSERT_EQ(group("forbid_send_msg", json::object{{"GroupId", id}, {"Members_Account", json::array{"bob"}}, {"MuteTime", 60}})
                .code,
            0);
  EXPECT_EQ(send_group(id, "bob", 7).code, 10017);
  clock.set_now(kNow + 61, true);
  EXPECT_EQ(send_group(id, "bob", 8).code, 0) << "the mute ran out";

  ASSERT_EQ(group("modify_group_base_info", json::object{{"GroupId", id}, {"MuteAllMember", "On"}}).code, 0);
  EXPECT_EQ(send_group(id, "carol", 9).code, 10017);
  EXPECT_EQ(send_group(id, "alice", 10).code, 0) << "the owner speaks when all are muted";
  EXPECT_EQ(send_group(id, "", 11).code, 0) << "and so does the admin";
}

TEST_F(GroupHandlers, UnreadCountsWhatOthersSentAfterTheReadSeq) {
  const auto id = make_group();
  send_group(id, "alice", 1);
  send_group(id, "alice", 2);
  send_group(id, "bob", 3);
  send_group(id, "alice", 4, {{"SendMsgControl", json::array{"NoUnread"}}});
  EXPECT_EQ(unread(id, "bob"), 2) << "two of alice's; its own and the NoUnread one do not count";
  EXPECT_EQ(unread(id, "alice"), 1);
  EXPECT_EQ(unread(id, "carol"), 3);

  ASSERT_EQ(group("group_msg_recall", json::object{{"GroupId", id}, {"MsgSeqList", json::array{json::object{{"MsgSeq", 1}}}}})
                .code,
            0);
  EXPECT_EQ(unread(id, "carol"), 2) << "a recalled message no longer counts";

  ASSERT_EQ(group("set_unread_msg_num", json::object{{"GroupId", id}, {"Member_Account", "carol"}, {"UnreadMsgNum", 1}}).code, 0);
  EXPECT_EQ(unread(id, "carol"), 1);
  ASSERT_EQ(group("set_unread_msg_num", json::object{{"GroupId", id}, {"Member_Account", "carol"}, {"UnreadMsgNum", 99}}).code, 0);
  EXPECT_EQ(unread(id, "carol"), 2) << "clamped to what the history holds";
  EXPECT_EQ(group("set_unread_msg_num", json::object{{"GroupId", id}, {"Member_Account", "dave"}, {"UnreadMsgNum", 1}}).code, 10007);

  // A member who joins later has read everything before it.
  ASSERT_EQ(group("add_group_member", json::object{{"GroupId", id},
                                                   {"Silence", 1},
                                                   {"MemberList", json::array{json::object{{"Member_Account", "dave"}}}}})
                .code,
            0);
  EXPECT_EQ(unread(id, "dave"), 0);
  const auto self = group("get_joined_group_list",
                          json::object{{"Member_Account", "dave"},
                                       {"ResponseFilter", json::object{{"SelfInfoFilter", json::array{"MsgSeq", "Role"}}}}});
  EXPECT_EQ(self.fields.at("GroupIdList").at(0).at("SelfInfo"), json::parse(R"({"Role":"Member","MsgSeq":4})"));
}

TEST_F(GroupHandlers, AddAndDeleteMembersAnswerPerMemberAndTellTheGroup) {
  const auto id = make_group("Private");
  const auto added = group("add_group_member",
                           json::object{{"GroupId", id},
                                        {"MemberList", json::array{json::object{{"Member_Account", "dave"}},
                                                                   json::object{{"Member_Account", "bob"}}}}});
  EXPECT_EQ(added.fields.at("MemberList"),
            json::parse(R"([{"Member_Account":"dave","Result":1},{"Member_Account":"bob","Result":2}])"));
  // The tip reaches every member, the new one too; dave is told it was invited.
  ASSERT_EQ(groups.deliveries.size(), 2u);
  EXPECT_EQ(groups.deliveries[0].kind, core::DeliveryKind::group_tip);
  EXPECT_EQ(groups.recipients(0), (std::vector<std::string>{"alice", "bob", "carol", "dave"}));
  EXPECT_EQ(json::parse(groups.deliveries[0].group_message.body_json),
            json::parse(R"({"OpType":1,"Operator_Account":"administrator","List_Account":["dave"],"MemberNum":4})"));
  EXPECT_EQ(groups.deliveries[1].kind, core::DeliveryKind::group_notice);
  EXPECT_EQ(groups.deliveries[1].group_notice_type, core::GroupNoticeType::invited);
  EXPECT_EQ(groups.recipients(1), (std::vector<std::string>{"dave"}));

  EXPECT_EQ(group("add_group_member",
                  json::object{{"GroupId", id}, {"MemberList", json::array{json::object{{"Member_Account", "ghost"}}}}})
                .code,
            10019);
  EXPECT_EQ(group("delete_group_member", json::object{{"GroupId", id}, {"MemberToDel_Account", json::array{"alice"}}}).code,
            10004)
      << "the owner stays";
  EXPECT_EQ(group("delete_group_member", json::object{{"GroupId", id}, {"MemberToDel_Account", json::array{"nobody"}}}).code,
            0)
      << "removing a non-member succeeds";
  ASSERT_EQ(group("delete_group_member", json::object{{"GroupId", id}, {"MemberToDel_Account", json::array{"dave"}}}).code, 0);
  EXPECT_EQ(info(id).at("MemberNum"), 3);
  const auto& kicked = groups.deliveries.at(groups.deliveries.size() - 2);
  EXPECT_EQ(kicked.kind, core::DeliveryKind::group_tip);
  EXPECT_EQ(json::parse(kicked.group_message.body_json).at("OpType"), 3);
  EXPECT_EQ(groups.deliveries.back().group_notice_type, core::GroupNoticeType::kicked);
  EXPECT_EQ(groups.recipients(groups.deliveries.size() - 1), (std::vector<std::string>{"dave"}));
}

TEST_F(GroupHandlers, AFullGroupTakesNoMoreMembers) {
  const auto id = make_group("Public", {{"MaxMemberCount", 4}});
  const auto two = json::array{json::object{{"Member_Account", "dave"}}, json::object{{"Member_Account", "administrator"}}};
  EXPECT_EQ(group("add_group_member", json::object{{"GroupId", id}, {"MemberList", two}}).code, 10014);
  EXPECT_EQ(info(id).at("MemberNum"), 3) << "nothing of a refused request stays";
  json::array many;
  for (int i = 0; i < 301; ++i) many.push_back(json::object{{"Member_Account", "dave"}});
  EXPECT_EQ(group("add_group_member", json::object{{"GroupId", id}, {"MemberList", many}}).code, 10005);
}

TEST_F(GroupHandlers, SendGroupMsgReachesEveryMemberOrOnlyTheTargeted) {
  const auto id = make_group();
  ASSERT_EQ(send_group(id, "bob", 1).code, 0);
  ASSERT_EQ(groups.deliveries.size(), 1u);
  const auto& d = groups.deliveries[0];
  EXPECT_EQ(d.kind, core::DeliveryKind::group_message);
  EXPECT_EQ(d.group.group_id, id);
  EXPECT_EQ(d.group.name, "team");
  EXPECT_EQ(d.group_message.msg_seq, 1);
  EXPECT_EQ(groups.recipients(0), (std::vector<std::string>{"alice", "bob", "carol"}))
      << "the sender's other devices too";
  ASSERT_EQ(send_group(id, "bob", 2, {{"To_Account", json::array{"carol"}}}).code, 0);
  EXPECT_EQ(groups.recipients(1), (std::vector<std::string>{"bob", "carol"}));
  EXPECT_EQ(unread(id, "alice"), 1) << "a targeted message counts no unread";
  ASSERT_EQ(group("group_msg_recall", json::object{{"GroupId", id}, {"MsgSeqList", json::array{json::object{{"MsgSeq", 1}}}}})
                .code,
            0);
  EXPECT_EQ(groups.deliveries.back().kind, core::DeliveryKind::group_recall);
  EXPECT_EQ(groups.recipients(groups.deliveries.size() - 1), (std::vector<std::string>{"alice", "bob", "carol"}));
}

TEST_F(GroupHandlers, RecallAnswersPerSeqAndHistoryShowsPlaceholdersOnRequest) {
  const auto id = make_group();
  send_group(id, "bob", 1);
  group("forbid_send_msg", json::object{{"GroupId", id}, {"Members_Account", json::array{"carol"}}, {"MuteTime", 10}});  // tip 2
  send_group(id, "bob", 3);
  const auto r = group("group_msg_recall",
                       json::object{{"GroupId", id},
                                    {"MsgSeqList", json::array{json::object{{"MsgSeq", 1}}, json::object{{"MsgSeq", 2}},
                                                               json::object{{"MsgSeq", 9}}}}});
  EXPECT_EQ(r.fields.at("RecallRetList"),
            json::parse(R"([{"MsgSeq":1,"RetCode":0},{"MsgSeq":2,"RetCode":10032},{"MsgSeq":9,"RetCode":10030}])"));
  EXPECT_EQ(history(id).size(), 2u) << "recalled messages are left out by default";
  const auto with = history(id, 20, 0, true);
  ASSERT_EQ(with.size(), 3u);
  EXPECT_EQ(with.at(2).at("IsPlaceMsg"), 2);
  EXPECT_EQ(with.at(2).at("MsgBody"), json::array{});
  json::array eleven;
  for (int i = 1; i <= 11; ++i) eleven.push_back(json::object{{"MsgSeq", i}});
  EXPECT_EQ(group("group_msg_recall", json::object{{"GroupId", id}, {"MsgSeqList", eleven}}).code, 10004);
}

TEST_F(GroupHandlers, HistoryPagesBackwardsWithReqMsgSeq) {
  const auto id = make_group();
  for (int i = 1; i <= 5; ++i) send_group(id, "bob", i);
  const auto first = group("group_msg_get_simple", json::object{{"GroupId", id}, {"ReqMsgNumber", 2}});
  EXPECT_EQ(first.fields.at("IsFinished"), 0);
  ASSERT_EQ(first.fields.at("RspMsgList").as_array().size(), 2u);
  EXPECT_EQ(first.fields.at("RspMsgList").at(0).at("MsgSeq"), 5);
  EXPECT_EQ(first.fields.at("RspMsgList").at(1).at("MsgSeq"), 4);
  const auto last = group("group_msg_get_simple", json::object{{"GroupId", id}, {"ReqMsgNumber", 2}, {"ReqMsgSeq", 2}});
  EXPECT_EQ(last.fields.at("IsFinished"), 1);
  EXPECT_EQ(last.fields.at("RspMsgList").at(1).at("MsgSeq"), 1);
  EXPECT_EQ(last.fields.at("GroupId"), id.c_str());
  EXPECT_EQ(group("group_msg_get_simple", json::object{{"GroupId", id}, {"ReqMsgNumber", 21}}).code, 10004);
  EXPECT_EQ(group("group_msg_get_simple", json::object{{"GroupId", "nope"}, {"ReqMsgNumber", 1}}).code, 10010);
  const auto live = make_group("AVChatRoom", {{"MemberList", json::array{}}});
  EXPECT_EQ(group("group_msg_get_simple", json::object{{"GroupId", live}, {"ReqMsgNumber", 1}}).code, 10044);
}

TEST_F(GroupHandlers, ImportGroupMsgKeepsTimeOrderAndLeavesNothingUnread) {
  const auto id = make_group();  // created at kNow
  clock.set_now(kNow + 1000, true);
  const auto msg = [](const char* from, std::int64_t time) {
    return json::object{{"From_Account", from}, {"SendTime", time}, {"Random", time}, {"MsgBody", text("old")}};
  };
  const auto r = group("import_group_msg",
                       json::object{{"GroupId", id},
                                    {"MsgList", json::array{msg("alice", kNow + 10), msg("bob", kNow + 20),
                                                            msg("bob", kNow + 15), msg("bob", kNow - 5)}}});
  ASSERT_EQ(r.code, 0) << r.info;
  EXPECT_EQ(r.fields.at("ImportMsgResult"), json::parse(R"([{"MsgSeq":1,"MsgTime":1700000010,"Result":0},
      {"MsgSeq":2,"MsgTime":1700000020,"Result":0},{"MsgSeq":0,"MsgTime":1700000015,"Result":10004},
      {"MsgSeq":0,"MsgTime":1699999995,"Result":10004}])"));
  EXPECT_EQ(unread(id, "carol"), 0);
  EXPECT_EQ(send_group(id, "alice", 1).fields.at("MsgSeq"), 3) << "the seq continues";
  EXPECT_EQ(groups.deliveries.size(), 1u) << "imports are delivered to nobody";
}

TEST_F(GroupHandlers, MembersRolesMutesAndOwnership) {
  const auto id = make_group();
  EXPECT_EQ(group("get_role_in_group", json::object{{"GroupId", id}, {"User_Account", json::array{"alice", "bob", "dave"}}})
                .fields.at("UserIdList"),
            json::parse(R"([{"Member_Account":"alice","Role":"Owner"},{"Member_Account":"bob","Role":"Member"},
                            {"Member_Account":"dave","Role":"NotMember"}])"));
  ASSERT_EQ(group("modify_group_member_info",
                  json::object{{"GroupId", id}, {"Member_Account", "bob"}, {"Role", "Admin"}, {"NameCard", "Bobby"}})
                .code,
            0);
  EXPECT_EQ(json::parse(groups.deliveries.back().group_message.body_json).at("OpType"), 4);
  EXPECT_EQ(group("modify_group_member_info", json::object{{"GroupId", id}, {"Member_Account", "alice"}, {"Role", "Member"}})
                .code,
            10004);
  EXPECT_EQ(group("modify_group_member_info", json::object{{"GroupId", id}, {"Member_Account", "dave"}, {"NameCard", "x"}})
                .code,
            10007);
  EXPECT_EQ(group("modify_group_member_info",
                  json::object{{"GroupId", id}, {"Member_Account", "bob"}, {"NameCard", std::string(51, 'x')}})
                .code,
            10004);
  const auto members = group("get_group_member_info", json::object{{"GroupId", id}, {"MemberRoleFilter", json::array{"Admin"}},
                                                                  {"MemberInfoFilter", json::array{"NameCard"}}});
  EXPECT_EQ(members.fields.at("MemberNum"), 3);
  EXPECT_EQ(members.fields.at("MemberList"), json::parse(R"([{"Member_Account":"bob","NameCard":"Bobby"}])"));

  ASSERT_EQ(group("forbid_send_msg", json::object{{"GroupId", id}, {"Members_Account", json::array{"carol"}}, {"ShutUpTime", 100}})
                .code,
            0);
  EXPECT_EQ(group("get_group_muted_account", json::object{{"GroupId", id}}).fields.at("MutedAccountList"),
            json::parse(R"([{"Member_Account":"carol","MutedUntil":1700000100}])"));
  EXPECT_EQ(group("get_group_shutted_uin", json::object{{"GroupId", id}}).fields.at("ShuttedUinList"),
            json::parse(R"([{"Member_Account":"carol","ShuttedUntil":1700000100}])"));

  EXPECT_EQ(group("change_group_owner", json::object{{"GroupId", id}, {"NewOwner_Account", "dave"}}).code, 10007);
  ASSERT_EQ(group("change_group_owner", json::object{{"GroupId", id}, {"NewOwner_Account", "carol"}}).code, 0);
  const auto after = info(id);
  EXPECT_EQ(after.at("Owner_Account"), "carol");
  EXPECT_EQ(after.at("MemberList").at(0).at("Member_Account"), "carol");
  EXPECT_EQ(after.at("MemberList").at(0).at("Role"), "Owner");
}

TEST_F(GroupHandlers, ModifyGroupBaseInfoChangesTheProfileAndTellsTheMembers) {
  const auto id = make_group();
  clock.set_now(kNow + 5, true);
  ASSERT_EQ(group("modify_group_base_info",
                  json::object{{"GroupId", id},
                               {"Name", "renamed"},
                               {"ShutUpAllMember", "On"},
                               {"AppDefinedData", json::array{json::object{{"Key", "a"}, {"Value", "1"}}}}})
                .code,
            0);
  auto now_info = info(id);
  EXPECT_EQ(now_info.at("Name"), "renamed");
  EXPECT_EQ(now_info.at("MuteAllMember"), "On");
  EXPECT_EQ(now_info.at("LastInfoTime"), kNow + 5);
  ASSERT_EQ(group("modify_group_base_info",
                  json::object{{"GroupId", id}, {"AppDefinedData", json::array{json::object{{"Key", "a"}, {"Value", ""}}}}})
                .code,
            0);
  EXPECT_EQ(info(id).at("AppDefinedData"), json::array{}) << "an empty Value deletes the key";
  const auto tip = json::parse(groups.deliveries.at(0).group_message.body_json);
  EXPECT_EQ(tip.at("OpType"), 6);
  EXPECT_EQ(tip.at("MsgGroupNewInfo").at("GroupName"), "renamed");
  EXPECT_EQ(tip.at("MsgGroupNewInfo").at("ShutupAll"), 1);
  EXPECT_EQ(group("modify_group_base_info", json::object{{"GroupId", id}, {"MaxMemberNum", 2}}).code, 10004);
}

TEST_F(GroupHandlers, JoinedGroupListFiltersPagesAndCounts) {
  const auto work = make_group("Private");
  const auto pub = make_group("Public");
  const auto live = make_group("AVChatRoom", {{"MemberList", json::array{}}});
  const auto list = [&](json::object extra) {
    json::object body{{"Member_Account", "alice"}};
    for (auto& [key, value] : extra) body[key] = value;
    std::vector<std::string> ids;
    const auto r = group("get_joined_group_list", body);
    for (const auto& item : r.fields.at("GroupIdList").as_array()) ids.emplace_back(item.at("GroupId").as_string());
    return std::pair{r.fields.at("TotalCount").as_int64(), ids};
  };
  EXPECT_EQ(list({}), (std::pair{std::int64_t{1}, std::vector<std::string>{pub}}))
      << "an inactive Work group and live rooms are left out by default";
  EXPECT_EQ(list({{"WithNoActiveGroups", 1}, {"WithHugeGroups", 1}}).first, 3);
  send_group(work, "alice", 1);
  EXPECT_EQ(list({}).first, 2);
  EXPECT_EQ(list({{"Limit", 1}, {"Offset", 1}}), (std::pair{std::int64_t{2}, std::vector<std::string>{pub}}));
  EXPECT_EQ(list({{"GroupType", "Private"}}).second, std::vector<std::string>{work});
  EXPECT_EQ(group("get_joined_group_list", json::object{{"Member_Account", "ghost"}}).code, 10019);
  EXPECT_EQ(group("get_joined_group_list", json::object{{"Member_Account", "alice"}, {"Limit", 5001}}).code, 10004);
  (void)live;
}

TEST_F(GroupHandlers, AppGroupListPagesWithNext) {
  std::vector<std::string> made;
  for (int i = 0; i < 3; ++i) made.push_back(make_group("Public"));
  made.push_back(make_group("ChatRoom"));
  const auto first = group("get_appid_group_list", json::object{{"Limit", 3}});
  EXPECT_EQ(first.fields.at("TotalCount"), 4);
  EXPECT_EQ(first.fields.at("GroupIdList").as_array().size(), 3u);
  EXPECT_EQ(first.fields.at("Next"), 3);
  const auto rest = group("get_appid_group_list", json::object{{"Limit", 3}, {"Next", 3}});
  EXPECT_EQ(rest.fields.at("GroupIdList").as_array().size(), 1u);
  EXPECT_EQ(rest.fields.at("Next"), 0);
  const auto rooms = group("get_appid_group_list", json::object{{"GroupType", "ChatRoom"}});
  EXPECT_EQ(rooms.fields.at("TotalCount"), 1);
  EXPECT_EQ(rooms.fields.at("GroupIdList").at(0).at("GroupId"), made.back().c_str());
}

TEST_F(GroupHandlers, DestroyGroupTellsTheMembersAndForgetsTheGroup) {
  const auto id = make_group();
  send_group(id, "bob", 1);
  ASSERT_EQ(group("destroy_group", json::object{{"GroupId", id}}).code, 0);
  EXPECT_EQ(groups.deliveries.back().kind, core::DeliveryKind::group_notice);
  EXPECT_EQ(groups.deliveries.back().group_notice_type, core::GroupNoticeType::destroyed);
  EXPECT_EQ(groups.recipients(groups.deliveries.size() - 1), (std::vector<std::string>{"alice", "bob", "carol"}));
  EXPECT_EQ(group("destroy_group", json::object{{"GroupId", id}}).code, 10010);
  EXPECT_EQ(send_group(id, "bob", 2).code, 10010);
  EXPECT_EQ(group("get_joined_group_list", json::object{{"Member_Account", "bob"}}).fields.at("TotalCount"), 0);
  EXPECT_EQ(group("destroy_group", json::object{{"GroupId", ""}}).code, 10015);
}

TEST_F(GroupHandlers, ADeletedAccountLeavesItsGroups) {
  const auto id = make_group();
  ASSERT_EQ(call("im_open_login_svc/account_delete", json::object{{"DeleteItem", json::array{json::object{{"UserID", "alice"}}}}}).code,
            0);
  const auto after = info(id);
  EXPECT_EQ(after.at("Owner_Account"), "");
  EXPECT_EQ(after.at("MemberNum"), 2);
}

TEST_F(GroupHandlers, GroupConversationsAreListedAndHiddenUntilTheNextEntry) {
  const auto id = make_group();
  send_group(id, "bob", 1);
  const auto list = contacts("carol");
  ASSERT_EQ(list.at("SessionItem").as_array().size(), 1u);
  EXPECT_EQ(list.at("SessionItem").at(0),
            json::parse(R"({"Type":2,"GroupId":")" + id + R"(","MsgTime":1700000000,"TopFlag":0})"));
  ASSERT_EQ(call("recentcontact/delete", json::object{{"From_Account", "carol"}, {"Type", 2}, {"ToGroupid", id}}).code, 0);
  EXPECT_TRUE(contacts("carol").at("SessionItem").as_array().empty());
  EXPECT_EQ(contacts("bob").at("SessionItem").as_array().size(), 1u) << "the others keep theirs";
  send_group(id, "bob", 2);
  EXPECT_EQ(contacts("carol").at("SessionItem").as_array().size(), 1u) << "the next message shows it again";
  EXPECT_TRUE(contacts("dave").at("SessionItem").as_array().empty()) << "not a member";
}

TEST_F(GroupHandlers, AttributesAndCountersKeepTheirLimits) {
  const auto id = make_group();
  const auto attr = [](std::string key, std::string value) { return json::object{{"key", key}, {"value", value}}; };
  ASSERT_EQ(group("set_group_attr", json::object{{"GroupId", id}, {"GroupAttr", json::array{attr("a", "1"), attr("b", "2")}}}).code,
            0);
  ASSERT_EQ(group("modify_group_attr", json::object{{"GroupId", id}, {"GroupAttr", json::array{attr("b", "3")}}}).code, 0);
  EXPECT_EQ(call("group_open_attr_http_svc/get_group_attr", json::object{{"GroupId", id}}).fields.at("GroupAttrAry"),
            json::parse(R"([{"key":"a","value":"1"},{"key":"b","value":"3"}])"));
  EXPECT_EQ(group("modify_group_attr", json::object{{"GroupId", id}, {"GroupAttr", json::array{attr(std::string(33, 'k'), "v")}}}).code,
            10045);
  EXPECT_EQ(group("modify_group_attr", json::object{{"GroupId", id}, {"GroupAttr", json::array{attr("k", std::string(4001, 'v'))}}}).code,
            10046);
  json::array seventeen;
  for (int i = 0; i < 17; ++i) seventeen.push_back(attr("k" + std::to_string(i), "v"));
  EXPECT_EQ(group("set_group_attr", json::object{{"GroupId", id}, {"GroupAttr", seventeen}}).code, 10047);
  json::array five;
  for (int i = 0; i < 5; ++i) five.push_back(attr("big" + std::to_string(i), std::string(3500, 'v')));
  EXPECT_EQ(group("set_group_attr", json::object{{"GroupId", id}, {"GroupAttr", five}}).code, 10048);
  ASSERT_EQ(group("clear_group_attr", json::object{{"GroupId", id}}).code, 0);
  EXPECT_EQ(call("group_open_attr_http_svc/get_group_attr", json::object{{"GroupId", id}}).fields.at("GroupAttrAry"), json::array{});

  const auto counter = [](const char* key, int value) { return json::object{{"Key", key}, {"Value", value}}; };
  EXPECT_EQ(group("update_group_counter", json::object{{"GroupId", id}, {"GroupCounter", json::array{counter("likes", 5)}}})
                .fields.at("GroupCounter"),
            json::parse(R"([{"Key":"likes","Value":5}])"));
  EXPECT_EQ(group("update_group_counter",
                  json::object{{"GroupId", id}, {"Mode", "Increase"}, {"GroupCounter", json::array{counter("likes", 2)}}})
                .fields.at("GroupCounter"),
            json::parse(R"([{"Key":"likes","Value":7}])"));
  EXPECT_EQ(group("update_group_counter",
                  json::object{{"GroupId", id}, {"Mode", "Decrease"}, {"GroupCounter", json::array{counter("likes", 10)}}})
                .fields.at("GroupCounter"),
            json::parse(R"([{"Key":"likes","Value":-3}])"));
  json::array keys;
  for (int i = 0; i < 20; ++i) keys.push_back(counter(("c" + std::to_string(i)).c_str(), 1));
  EXPECT_EQ(group("update_group_counter", json::object{{"GroupId", id}, {"GroupCounter", keys}}).code, 10063)
      << "20 more keys on top of likes";
  ASSERT_EQ(group("delete_group_counter", json::object{{"GroupId", id}, {"GroupCounterKeys", json::array{"likes"}}}).code, 0);
  EXPECT_EQ(group("get_group_counter", json::object{{"GroupId", id}}).fields.at("GroupCounter"), json::array{});
}

TEST_F(GroupHandlers, LiveRoomsHaveNoMemberListOrHistory) {
  const auto live = make_group("AVChatRoom", {{"MemberList", json::array{}}});
  EXPECT_EQ(group("get_group_member_info", json::object{{"GroupId", live}}).code, 10007);
  EXPECT_EQ(group("add_group_member", json::object{{"GroupId", live}, {"MemberList", json::array{json::object{{"Member_Account", "bob"}}}}})
                .code,
            10007);
  EXPECT_EQ(send_group(live, "alice", 1).fields.at("MsgSeq"), 1) << "a live room's messages take seqs";
  EXPECT_EQ(send_group(live, "alice", 2).fields.at("MsgSeq"), 2);
  EXPECT_EQ(info(live).count("MemberList"), 0u);
  ASSERT_EQ(group("ban_group_member",
                  json::object{{"GroupId", live}, {"Members_Account", json::array{"bob"}}, {"Duration", 60}, {"Description", "spam"}})
                .code,
            0);
  EXPECT_EQ(group("get_group_ban_member", json::object{{"GroupId", live}}).fields.at("BannedAccountList"),
            json::parse(R"([{"Member_Account":"bob","BannedUntil":1700000060}])"));
  const auto pub = make_group();
  EXPECT_EQ(group("ban_group_member", json::object{{"GroupId", pub}, {"Members_Account", json::array{"bob"}}, {"Duration", 60}}).code,
            10007);
}

TEST_F(GroupHandlers, ModifyGroupMsgEditsAStoredMessage) {
  const auto id = make_group();
  send_group(id, "bob", 1);
  ASSERT_EQ(call("openim/modify_group_msg", json::object{{"GroupId", id}, {"MsgSeq", 1}, {"MsgBody", text("edited")}}).code, 0);
  EXPECT_EQ(history(id).at(0).at("MsgBody"), text("edited"));
  EXPECT_EQ(call("openim/modify_group_msg", json::object{{"GroupId", id}, {"MsgSeq", 2}, {"MsgBody", text("x")}}).code, 10030);
}

TEST_F(GroupHandlers, TheGroupFrequencyLimitAppliesWhenQuotasAreOn) {
  auto with_quotas = *app;
  with_quotas.options.quotas.enabled = true;
  app = apps.save(with_quotas);
  const auto id = make_group();
  for (int i = 1; i <= 40; ++i) ASSERT_EQ(send_group(id, "bob", i).code, 0) << i;
  EXPECT_EQ(send_group(id, "bob", 41).code, 10023);
  clock.set_now(kNow + 1, true);
  EXPECT_EQ(send_group(id, "bob", 42).code, 0);
}

TEST_F(GroupHandlers, SystemNotificationsGoToTheNamedMembersOrEveryone) {
  const auto id = make_group();
  ASSERT_EQ(group("send_group_system_notification", json::object{{"GroupId", id}, {"Content", "hello"}}).code, 0);
  EXPECT_EQ(groups.recipients(0), (std::vector<std::string>{"alice", "bob", "carol"}));
  EXPECT_EQ(json::parse(groups.deliveries[0].notice_json).at("UserDefinedField"), "hello");
  ASSERT_EQ(group("send_group_system_notification",
                  json::object{{"GroupId", id}, {"Content", "psst"}, {"ToMembers_Account", json::array{"bob", "dave"}}})
                .code,
            0);
  EXPECT_EQ(groups.recipients(1), (std::vector<std::string>{"bob"})) << "only members";
  EXPECT_EQ(group("send_group_system_notification", json::object{{"GroupId", id}}).code, 10004);
}

}  // namespace
}  // namespace timock::api::testing

namespace timock::api::testing {
namespace {

TEST_F(GroupHandlers, AMemberListPastOneMegabyteGets10018AndPagesInstead) {
  const auto id = make_group("Public", {{"MaxMemberCount", 6000}});
  std::vector<std::string> users;
  for (int i = 0; i < 2400; ++i) users.push_back("member" + std::to_string(i));
  for (std::size_t i = 0; i < users.size(); i += 100) {
    json::array accounts, members;
    for (std::size_t j = i; j < i + 100; ++j) {
      accounts.emplace_back(users[j]);
      members.push_back(json::object{{"Member_Account", users[j]}});
    }
    ASSERT_EQ(call("im_open_login_svc/multiaccount_import", json::object{{"Accounts", accounts}}).code, 0);
    ASSERT_EQ(group("import_group_member", json::object{{"GroupId", id}, {"MemberList", members}}).code, 0);
  }
  // Five 64-byte values per member: ~450 bytes each, 2,403 members past 1 MB.
  json::array data;
  for (int k = 0; k < 5; ++k) data.push_back(json::object{{"Key", "k" + std::to_string(k)}, {"Value", std::string(64, 'v')}});
  for (const auto& user : users)
    ASSERT_EQ(group("modify_group_member_info", json::object{{"GroupId", id}, {"Member_Account", user}, {"AppMemberDefinedData", data}}).code,
              0);
  EXPECT_EQ(group("get_group_member_info", json::object{{"GroupId", id}}).code, 10018);
  const auto page = group("get_group_member_info", json::object{{"GroupId", id}, {"Limit", 1000}, {"Offset", 2000}});
  ASSERT_EQ(page.code, 0) << page.info;
  EXPECT_EQ(page.fields.at("MemberNum"), 2403);
  EXPECT_EQ(page.fields.at("MemberList").as_array().size(), 403u);
}

}  // namespace
}  // namespace timock::api::testing

namespace timock::api::testing {
namespace {

TEST_F(GroupHandlers, EdgeCasesFoundInReview) {
  const auto live = make_group("AVChatRoom", {{"MemberList", json::array{}}});
  EXPECT_EQ(group("ban_group_member", json::object{{"GroupId", live}, {"Members_Account", json::array{"bob"}},
                                                   {"Duration", std::int64_t{1} << 62}})
                .code,
            10004)
      << "a Duration that would overflow the clock";
  EXPECT_EQ(group("ban_group_member", json::object{{"GroupId", live}, {"Members_Account", json::array{"ghost"}}, {"Duration", 60}}).code,
            10019);
  EXPECT_EQ(group("ban_group_member", json::object{{"GroupId", live}, {"Members_Account", json::array{"alice"}}, {"Duration", 60}}).code,
            10004)
      << "the owner stays";

  const auto id = make_group();
  const auto counter = json::array{json::object{{"Key", "n"}, {"Value", INT64_MAX}}};
  ASSERT_EQ(group("update_group_counter", json::object{{"GroupId", id}, {"GroupCounter", counter}}).code, 0);
  EXPECT_EQ(group("update_group_counter", json::object{{"GroupId", id}, {"Mode", "Increase"}, {"GroupCounter", counter}}).code,
            10004);

  const auto twice = json::array{json::object{{"Key", "k"}, {"Value", "1"}}, json::object{{"Key", "k"}, {"Value", "2"}}};
  EXPECT_EQ(group("modify_group_base_info", json::object{{"GroupId", id}, {"AppDefinedData", twice}}).code, 10004);

  send_group(id, "bob", 1);
  clock.set_now(kNow + 50, true);
  ASSERT_EQ(send_group(id, "bob", 2, {{"OnlineOnlyFlag", 1}}).code, 0);
  EXPECT_EQ(info(id).at("LastMsgTime"), kNow) << "an online-only message is not the conversation's last";

  // mark_contact on a group conversation of a member; 51007 for a group the user is not in.
  const auto mark = [&](const std::string& user) {
    return call("recentcontact/mark_contact",
                json::object{{"From_Account", user},
                             {"MarkItem", json::array{json::object{{"OptType", 1},
                                                                   {"ContactItem", json::object{{"Type", 2}, {"ToGroupId", id}}},
                                                                   {"SetMark", json::array{3}}}}}})
        .fields.at("ResultItem")
        .at(0)
        .at("ResultCode")
        .as_int64();
  };
  EXPECT_EQ(mark("carol"), 0);
  EXPECT_EQ(contacts("carol").at("SessionItem").at(0).at("StandardMark"), "1000");
  EXPECT_EQ(mark("dave"), 51007);
  ASSERT_EQ(call("recentcontact/delete", json::object{{"From_Account", "dave"}, {"Type", 2}, {"ToGroupid", id}}).code, 0);
  ASSERT_EQ(group("add_group_member", json::object{{"GroupId", id}, {"Silence", 1},
                                                   {"MemberList", json::array{json::object{{"Member_Account", "dave"}}}}})
                .code,
            0);
  EXPECT_EQ(contacts("dave").at("SessionItem").as_array().size(), 1u) << "a non-member's delete left nothing behind";
}

}  // namespace
}  // namespace timock::api::testing

namespace timock::api::testing {
namespace {

// Tencent's "Group System" guide: Work, Public and Meeting groups up to 6,000 members, a Community up to 100,000.
TEST_F(GroupHandlers, ACommunityMayHoldUpTo100000MembersOtherGroups6000) {
  const auto create = [&](const std::string& type, std::int64_t max) {
    return group("create_group", json::object{{"Owner_Account", "alice"},
                                              {"Type", type},
                                              {"Name", "big"},
                                              {"MaxMemberCount", max}});
  };
  EXPECT_EQ(create("Public", 6000).code, 0);
  EXPECT_EQ(create("Public", 6001).code, 10004);
  EXPECT_EQ(create("Community", 100000).code, 0);
  EXPECT_EQ(create("Community", 100001).code, 10004);
}

}  // namespace
}  // namespace timock::api::testing
