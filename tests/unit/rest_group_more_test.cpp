// Handler tests of the group commands that came last (reference/rest-api.md §3.7): specified members,
// clearing the history, read receipts, live-room broadcasts and group_open_avchatroom_http_svc.
#include "rest_group_fixture.hpp"
#include "store/database.hpp"
#include "store/group_repository.hpp"

namespace timock::api::testing {
namespace {

TEST_F(GroupHandlers, ReceiptsCountAndListTheMembersWhoSentOne) {
  const auto id = make_group();  // alice (owner), bob, carol
  group("add_group_member",
        json::object{{"GroupId", id}, {"MemberList", json::array{json::object{{"Member_Account", "dave"}}}}});
  const auto seq = send_group(id, "alice", 1, {{"NeedReadReceipt", 1}}).fields.at("MsgSeq").as_int64();
  const auto plain = send_group(id, "alice", 2).fields.at("MsgSeq").as_int64();
  const auto seqs = [](std::initializer_list<std::int64_t> list) {
    json::array out;
    for (const auto s : list) out.push_back(json::object{{"MsgSeq", s}});
    return out;
  };
  const auto receipt =
      group("group_msg_receipt",
            json::object{{"GroupId", id}, {"Member_Account", "bob"}, {"MsgSeqList", seqs({seq, plain, 99})}});
  ASSERT_EQ(receipt.code, 0) << receipt.info;
  EXPECT_EQ(receipt.fields.at("GroupMsgReceiptList"),
            json::parse("[{\"MsgSeq\":" + std::to_string(seq) + ",\"Code\":0},{\"MsgSeq\":" +
                        std::to_string(plain) + ",\"Code\":10062},{\"MsgSeq\":99,\"Code\":10062}]"))
      << "only a message sent with NeedReadReceipt takes receipts";
  // Twice is once; the sender's own receipt counts nothing.
  group("group_msg_receipt",
        json::object{{"GroupId", id}, {"Member_Account", "bob"}, {"MsgSeqList", seqs({seq})}});
  group("group_msg_receipt",
        json::object{{"GroupId", id}, {"Member_Account", "alice"}, {"MsgSeqList", seqs({seq})}});
  // Reading the conversation (the read seq) is not a receipt.
  group("set_unread_msg_num",
        json::object{{"GroupId", id}, {"Member_Account", "carol"}, {"UnreadMsgNum", 0}});
  const auto counts =
      group("get_group_msg_receipt", json::object{{"GroupId", id}, {"MsgSeqList", seqs({seq, plain})}});
  EXPECT_EQ(counts.fields.at("GroupMsgReceiptList"),
            json::parse("[{\"Code\":0,\"MsgSeq\":" + std::to_string(seq) +
                        ",\"ReadNum\":1,\"UnreadNum\":2},"
                        "{\"Code\":10062,\"MsgSeq\":" +
                        std::to_string(plain) + "}]"))
      << "bob read it; carol and dave (who joined before it) did not; alice sent it";

  const auto detail = [&](std::int64_t filter, json::object extra = {}) {
    json::object body{{"GroupId", id}, {"MsgSeq", seq}, {"Filter", filter}, {"Cursor", ""}};
    for (auto& [key, value] : extra) body[key] = value;
    return group("get_group_msg_receipt_detail", body);
  };
  const auto read = detail(0);
  ASSERT_EQ(read.code, 0) << read.info;
  EXPECT_EQ(read.fields,
            json::parse("{\"MsgSeq\":" + std::to_string(seq) +
                        ",\"IsFinished\":1,\"Cursor\":\"\",\"ReadList\":[{\"Read_Account\":\"bob\"}]}"));
  const auto first = detail(1, {{"Count", 1}});
  EXPECT_EQ(first.fields.at("UnreadList"), json::parse(R"([{"Unread_Account":"carol"}])"));
  EXPECT_EQ(first.fields.at("IsFinished"), 0);
  EXPECT_EQ(first.fields.at("Cursor"), "carol");
  const auto second = detail(1, {{"Count", 1}, {"Cursor", "carol"}});
  EXPECT_EQ(second.fields.at("UnreadList"), json::parse(R"([{"Unread_Account":"dave"}])"));
  EXPECT_EQ(second.fields.at("IsFinished"), 1);

  // Codes by cause.
  EXPECT_EQ(detail(2).code, 10004);
  EXPECT_EQ(
      group("get_group_msg_receipt_detail", json::object{{"GroupId", id}, {"MsgSeq", plain}, {"Filter", 0}})
          .code,
      10062);
  EXPECT_EQ(group("group_msg_receipt",
                  json::object{{"GroupId", id}, {"Member_Account", "zed"}, {"MsgSeqList", seqs({seq})}})
                .code,
            10019);
  import({"erin"});
  EXPECT_EQ(group("group_msg_receipt",
                  json::object{{"GroupId", id}, {"Member_Account", "erin"}, {"MsgSeqList", seqs({seq})}})
                .code,
            10007);
  EXPECT_EQ(group("group_msg_receipt",
                  json::object{{"GroupId", id}, {"Member_Account", "bob"}, {"MsgSeqList", json::array{}}})
                .code,
            10004);
  EXPECT_EQ(send_group(id, "alice", 3, {{"NeedReadReceipt", 1}, {"OnlineOnlyFlag", 1}}).code, 10061);
  const auto community =
      group("create_group", json::object{{"Owner_Account", "alice"}, {"Type", "Community"}, {"Name", "c"}});
  EXPECT_EQ(group("get_group_msg_receipt",
                  json::object{{"GroupId", community.fields.at("GroupId")}, {"MsgSeqList", seqs({1})}})
                .code,
            10007);
  // A recalled message has no receipts any more.
  group("group_msg_recall", json::object{{"GroupId", id}, {"MsgSeqList", seqs({seq})}});
  EXPECT_EQ(detail(0).code, 10062);
}

TEST_F(GroupHandlers, ClearGroupMsgEmptiesTheHistoryOrItsOldestPart) {
  const auto id = make_group();
  for (int i = 1; i <= 4; ++i) send_group(id, "bob", i);
  ASSERT_EQ(group("clear_group_msg", json::object{{"GroupId", id}, {"MsgSeq", 2}}).code, 0);
  auto left = history(id);
  ASSERT_EQ(left.size(), 2u);
  EXPECT_EQ(left.at(1).at("MsgSeq"), 3);
  EXPECT_EQ(history(id, 20, 2).size(), 0u) << "nothing at or below the cleared seq";
  ASSERT_EQ(group("clear_group_msg", json::object{{"GroupId", id}}).code, 0);
  EXPECT_TRUE(history(id).empty());
  EXPECT_EQ(unread(id, "carol"), 0) << "what was cleared is not unread";
  EXPECT_EQ(send_group(id, "bob", 9).fields.at("MsgSeq"), 5) << "seqs go on";
  EXPECT_EQ(info(id).at("NextMsgSeq"), 6);

  EXPECT_EQ(group("clear_group_msg", json::object{{"GroupId", id}, {"MsgSeq", "2"}}).code, 10004);
  EXPECT_EQ(group("clear_group_msg", json::object{{"GroupId", "nope"}}).code, 10010);
  const auto live =
      group("create_group", json::object{{"Owner_Account", "alice"}, {"Type", "AVChatRoom"}, {"Name", "l"}});
  EXPECT_EQ(group("clear_group_msg", json::object{{"GroupId", live.fields.at("GroupId")}}).code, 10044);
}

TEST_F(GroupHandlers, ABroadcastReachesEveryLiveRoomWithItsOwnSeq) {
  const auto a =
      group("create_group", json::object{{"Owner_Account", "alice"}, {"Type", "AVChatRoom"}, {"Name", "a"}});
  const auto b =
      group("create_group", json::object{{"Owner_Account", "bob"}, {"Type", "AVChatRoom"}, {"Name", "b"}});
  make_group();  // not a live room: hears nothing
  groups.deliveries.clear();
  const json::object message{{"Random", 7}, {"MsgBody", text("to every room")}};
  const auto first = group("send_broadcast_msg", message);
  ASSERT_EQ(first.code, 0) << first.info;
  EXPECT_EQ(first.fields, json::parse(R"({"MsgSeq":1})"));
  ASSERT_EQ(groups.deliveries.size(), 2u);
  std::vector<std::string> rooms, to;
  for (std::size_t i = 0; i < groups.deliveries.size(); ++i) {
    const auto& d = groups.deliveries[i];
    EXPECT_EQ(d.kind, core::DeliveryKind::group_message);
    EXPECT_EQ(d.group_message.msg_seq, 1);
    EXPECT_EQ(d.group_message.from_account, "administrator");
    rooms.push_back(d.group_message.group_id);
    for (const auto& user : groups.recipients(i)) to.push_back(user);
  }
  std::sort(rooms.begin(), rooms.end());
  std::sort(to.begin(), to.end());
  std::vector<std::string> ids{std::string(a.fields.at("GroupId").as_string()),
                               std::string(b.fields.at("GroupId").as_string())};
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(rooms, ids);
  EXPECT_EQ(to, (std::vector<std::string>{"alice", "bob"}));
  auto from_carol = message;
  from_carol["From_Account"] = "carol";
  EXPECT_EQ(group("send_broadcast_msg", from_carol).fields.at("MsgSeq"), 2);

  from_carol["From_Account"] = "zed";
  EXPECT_EQ(group("send_broadcast_msg", from_carol).code, 10019);
  EXPECT_EQ(group("send_broadcast_msg", json::object{{"MsgBody", text("x")}}).code, 10004)
      << "Random is required";
  EXPECT_EQ(group("send_broadcast_msg", json::object{{"Random", 1}}).code, 10004) << "MsgBody is required";
  EXPECT_EQ(
      group("send_broadcast_msg", json::object{{"Random", 1}, {"MsgBody", text(std::string(13 * 1024, 'x'))}})
          .code,
      80002);
}

TEST_F(GroupHandlers, ReceiptsOfATargetedMessageCountOnlyItsTargets) {
  const auto id = make_group();
  const auto seq = send_group(id, "alice", 1, {{"NeedReadReceipt", 1}, {"To_Account", json::array{"bob"}}})
                       .fields.at("MsgSeq")
                       .as_int64();
  const auto r =
      group("get_group_msg_receipt",
            json::object{{"GroupId", id}, {"MsgSeqList", json::array{json::object{{"MsgSeq", seq}}}}});
  EXPECT_EQ(r.fields.at("GroupMsgReceiptList").at(0).at("UnreadNum"), 1);
}

class LiveRoomHandlers : public GroupHandlers {
 public:
  Result live(std::string_view command, const json::object& body) {
    return call("group_open_avchatroom_http_svc/" + std::string(command), body);
  }
  // A live room owned by alice; who else is in it joins as a client would (there is no REST join).
  std::string make_room() {
    const auto r = group("create_group",
                         json::object{{"Owner_Account", "alice"}, {"Type", "AVChatRoom"}, {"Name", "live"}});
    EXPECT_EQ(r.code, 0) << r.info;
    return std::string(r.fields.at("GroupId").as_string());
  }
  void enter(const std::string& id, const std::string& user, std::int64_t join_time) {
    auto locked = store.lock();
    store::Transaction tx(locked.db());
    store::GroupRepository(locked.db(), app->sdkappid)
        .add_member(id, core::GroupMember::joined(user, core::GroupRole::member, join_time));
    tx.commit();
  }
};

TEST_F(GroupHandlers, SpecifiedMemberInfoGivesOnlyTheAskedMembers) {
  const auto id = make_group();
  group("modify_group_member_info",
        json::object{{"GroupId", id}, {"Member_Account", "carol"}, {"NameCard", "Cc"}});
  const auto r = group("get_specified_group_member_info",
                       json::object{{"GroupId", id},
                                    {"Member_List_Account", json::array{"carol", "dave", "alice", "carol"}},
                                    {"MemberInfoFilter", json::array{"Role", "NameCard"}}});
  ASSERT_EQ(r.code, 0) << r.info;
  EXPECT_EQ(r.fields.at("MemberList"),
            json::parse(R"([{"Member_Account":"carol","Role":"Member","NameCard":"Cc"},
                            {"Member_Account":"alice","Role":"Owner","NameCard":""}])"))
      << "dave is no member; carol comes once";
  const auto owners = group("get_specified_group_member_info",
                            json::object{{"GroupId", id},
                                         {"Member_List_Account", json::array{"alice", "bob"}},
                                         {"MemberRoleFilter", json::array{"Owner"}},
                                         {"MemberInfoFilter", json::array{"Role"}}});
  EXPECT_EQ(owners.fields.at("MemberList"), json::parse(R"([{"Member_Account":"alice","Role":"Owner"}])"));
  // Every field and the members' AppMemberDefinedData without filters.
  const auto whole = group("get_specified_group_member_info",
                           json::object{{"GroupId", id}, {"Member_List_Account", json::array{"bob"}}});
  EXPECT_TRUE(whole.fields.at("MemberList").at(0).as_object().contains("AppMemberDefinedData"));
  EXPECT_TRUE(whole.fields.at("MemberList").at(0).as_object().contains("JoinTime"));

  json::array many;
  for (int i = 0; i < 51; ++i) many.push_back(json::value("u" + std::to_string(i)));
  EXPECT_EQ(
      group("get_specified_group_member_info", json::object{{"GroupId", id}, {"Member_List_Account", many}})
          .code,
      10005);
  EXPECT_EQ(group("get_specified_group_member_info", json::object{{"GroupId", id}}).code, 10004);
  EXPECT_EQ(
      group("get_specified_group_member_info", json::object{{"GroupId", id}, {"Member_List_Account", "bob"}})
          .code,
      10004);
  EXPECT_EQ(group("get_specified_group_member_info", json::object{{"GroupId", id},
                                                                  {"Member_List_Account", json::array{"bob"}},
                                                                  {"MemberRoleFilter", json::array{"Boss"}}})
                .code,
            10004);
  EXPECT_EQ(group("get_specified_group_member_info",
                  json::object{{"GroupId", "nope"}, {"Member_List_Account", json::array{"bob"}}})
                .code,
            10010);
  const auto live =
      group("create_group", json::object{{"Owner_Account", "alice"}, {"Type", "AVChatRoom"}, {"Name", "l"}});
  EXPECT_EQ(
      group("get_specified_group_member_info", json::object{{"GroupId", live.fields.at("GroupId")},
                                                            {"Member_List_Account", json::array{"alice"}}})
          .code,
      10007);
}

TEST_F(LiveRoomHandlers, GetMembersListsTheRoomInJoinOrderWithProfiles) {
  call("profile/portrait_set",
       json::object{
           {"From_Account", "bob"},
           {"ProfileItem", json::array{json::object{{"Tag", "Tag_Profile_IM_Nick"}, {"Value", "Bob"}}}}});
  const auto id = make_room();
  enter(id, "bob", kNow + 5);
  enter(id, "carol", kNow + 3);
  const auto r = live("get_members", json::object{{"GroupId", id}, {"Timestamp", 0}});
  ASSERT_EQ(r.code, 0) << r.info;
  EXPECT_EQ(r.fields.at("NextTimestamp"), 0);
  EXPECT_EQ(r.fields.at("MemberList"),
            json::parse(R"([{"Member_Account":"alice","JoinTime":1700000000,"NickName":"","Avatar":""},
                            {"Member_Account":"carol","JoinTime":1700000003,"NickName":"","Avatar":""},
                            {"Member_Account":"bob","JoinTime":1700000005,"NickName":"Bob","Avatar":""}])"));
  EXPECT_EQ(live("get_members", json::object{{"GroupId", id}}).code, 10004) << "Timestamp is required";
  EXPECT_EQ(live("get_members", json::object{{"GroupId", make_group()}, {"Timestamp", 0}}).code, 10007);
  EXPECT_EQ(live("get_members", json::object{{"GroupId", "nope"}, {"Timestamp", 0}}).code, 10010);
}

TEST_F(LiveRoomHandlers, GetMembersPagesPast250WithoutSplittingASecond) {
  const auto id = make_room();  // alice joins at kNow
  for (int i = 0; i < 300; ++i) enter(id, "u" + std::to_string(1000 + i), kNow + 1 + i / 2);  // two a second
  std::set<std::string> seen;
  std::int64_t timestamp = 0;
  int pages = 0;
  do {
    const auto r = live("get_members", json::object{{"GroupId", id}, {"Timestamp", timestamp}});
    ASSERT_EQ(r.code, 0) << r.info;
    EXPECT_LE(r.fields.at("MemberList").as_array().size(), 250u);
    for (const auto& m : r.fields.at("MemberList").as_array())
      EXPECT_TRUE(seen.insert(std::string(m.at("Member_Account").as_string())).second) << "listed twice";
    timestamp = r.fields.at("NextTimestamp").as_int64();
    ++pages;
  } while (timestamp != 0 && pages < 5);
  EXPECT_EQ(pages, 2);
  EXPECT_EQ(seen.size(), 301u);
}

TEST_F(LiveRoomHandlers, MarksAreSetRemovedAndFilterTheMemberList) {
  const auto id = make_room();
  enter(id, "bob", kNow + 1);
  enter(id, "carol", kNow + 2);
  const auto set = live(
      "modify_user_info",
      json::object{{"GroupId", id},
                   {"CommandType", 1},
                   {"MemberList",
                    json::array{json::object{{"Member_Account", "bob"}, {"Marks", json::array{1000}}},
                                json::object{{"Member_Account", "dave"}, {"Marks", json::array{1000}}}}}});
  ASSERT_EQ(set.code, 0) << set.info;
  EXPECT_EQ(set.fields,
            json::parse(R"({"CommandType":1,"MemberList":[{"Member_Account":"bob","Marks":[1000]}]})"))
      << "dave is not in the room";
  const auto marked = live("get_members", json::object{{"GroupId", id}, {"Timestamp", 0}, {"Mark", 1000}});
  ASSERT_EQ(marked.fields.at("MemberList").as_array().size(), 1u);
  EXPECT_EQ(marked.fields.at("MemberList").at(0).at("Member_Account"), "bob");
  ASSERT_EQ(live("modify_user_info",
                 json::object{{"GroupId", id},
                              {"CommandType", 2},
                              {"MemberList", json::array{json::object{{"Member_Account", "bob"},
                                                                      {"Marks", json::array{1000}}}}}})
                .code,
            0);
  EXPECT_TRUE(live("get_members", json::object{{"GroupId", id}, {"Timestamp", 0}, {"Mark", 1000}})
                  .fields.at("MemberList")
                  .as_array()
                  .empty());
  // 500 or 1000 up; at most 10 different marks a room; CommandType 1 or 2.
  const auto mark = [&](std::int64_t value, std::int64_t type = 1) {
    return live("modify_user_info",
                json::object{{"GroupId", id},
                             {"CommandType", type},
                             {"MemberList", json::array{json::object{{"Member_Account", "carol"},
                                                                     {"Marks", json::array{value}}}}}})
        .code;
  };
  EXPECT_EQ(mark(999), 10004);
  EXPECT_EQ(mark(500), 0);
  EXPECT_EQ(mark(1000, 3), 10004);
  for (int i = 1; i < 10; ++i) EXPECT_EQ(mark(2000 + i), 0);
  EXPECT_EQ(mark(3000), 10004) << "an 11th mark";
  EXPECT_EQ(mark(2001), 0) << "a mark in use again";
  EXPECT_EQ(live("modify_user_info",
                 json::object{{"GroupId", make_group()},
                              {"CommandType", 1},
                              {"MemberList", json::array{json::object{{"Member_Account", "bob"},
                                                                      {"Marks", json::array{1000}}}}}})
                .code,
            10007);
}

TEST_F(LiveRoomHandlers, AdminsAreNamedListedAndCapped) {
  const auto id = make_room();
  EXPECT_EQ(
      live("modify_admin",
           json::object{{"GroupId", id}, {"CommandType", 1}, {"Admin_Account", json::array{"bob", "carol"}}})
          .code,
      0);
  EXPECT_EQ(
      live("get_admin_list", json::object{{"GroupId", id}}).fields.at("Admin_List"),
      json::parse(
          R"([{"Admin_Account":"bob","NickName":"","Avatar":""},{"Admin_Account":"carol","NickName":"","Avatar":""}])"));
  EXPECT_EQ(live("modify_admin",
                 json::object{{"GroupId", id}, {"CommandType", 2}, {"Admin_Account", json::array{"bob"}}})
                .code,
            0);
  EXPECT_EQ(live("get_admin_list", json::object{{"GroupId", id}}).fields.at("Admin_List").as_array().size(),
            1u);
  EXPECT_EQ(live("modify_admin",
                 json::object{{"GroupId", id}, {"CommandType", 1}, {"Admin_Account", json::array{"zed"}}})
                .code,
            10019);
  EXPECT_EQ(live("modify_admin",
                 json::object{{"GroupId", id}, {"CommandType", 1}, {"Admin_Account", json::array{"alice"}}})
                .code,
            10004)
      << "the owner";
  EXPECT_EQ(live("modify_admin",
                 json::object{{"GroupId", id}, {"CommandType", 0}, {"Admin_Account", json::array{"bob"}}})
                .code,
            10004);
  import({"e1", "e2", "e3", "e4", "e5"});
  EXPECT_EQ(live("modify_admin", json::object{{"GroupId", id},
                                              {"CommandType", 1},
                                              {"Admin_Account", json::array{"e1", "e2", "e3", "e4"}}})
                .code,
            0);
  EXPECT_EQ(live("modify_admin",
                 json::object{{"GroupId", id}, {"CommandType", 1}, {"Admin_Account", json::array{"e5"}}})
                .code,
            10004)
      << "a sixth admin";
  EXPECT_EQ(live("get_admin_list", json::object{{"GroupId", id}}).fields.at("Admin_List").as_array().size(),
            5u);
  EXPECT_EQ(live("get_admin_list", json::object{{"GroupId", make_group()}}).code, 10007);
}

TEST_F(LiveRoomHandlers, CheckMembersAnswersWhoIsInTheRoom) {
  const auto id = make_room();
  enter(id, "bob", kNow);
  const auto r =
      live("check_members",
           json::object{{"GroupId", id}, {"Member_Account", json::array{"carol", "bob", "alice", "bob"}}});
  ASSERT_EQ(r.code, 0) << r.info;
  EXPECT_EQ(r.fields.at("Member_Account"), json::parse(R"(["bob","alice"])"));
  EXPECT_EQ(live("check_members", json::object{{"GroupId", id}, {"Member_Account", json::array{}}}).code,
            10004);
  // A banned member leaves the room, and its marks with it.
  live("modify_user_info",
       json::object{{"GroupId", id},
                    {"CommandType", 1},
                    {"MemberList",
                     json::array{json::object{{"Member_Account", "bob"}, {"Marks", json::array{1000}}}}}});
  group("ban_group_member",
        json::object{{"GroupId", id}, {"Members_Account", json::array{"bob"}}, {"Duration", 60}});
  EXPECT_EQ(live("check_members", json::object{{"GroupId", id}, {"Member_Account", json::array{"bob"}}})
                .fields.at("Member_Account"),
            json::array{});
  enter(id, "bob", kNow + 1);
  EXPECT_TRUE(live("get_members", json::object{{"GroupId", id}, {"Timestamp", 0}, {"Mark", 1000}})
                  .fields.at("MemberList")
                  .as_array()
                  .empty());
}

}  // namespace
}  // namespace timock::api::testing
