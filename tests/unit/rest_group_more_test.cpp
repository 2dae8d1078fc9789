// Handler tests of the group commands that came last (reference/rest-api.md §3.7): specified members, clearing
// the history, read receipts, live-room broadcasts and group_open_avchatroom_http_svc.
#include "rest_group_fixture.hpp"

namespace timock::api::testing {
namespace {

TEST_F(GroupHandlers, SpecifiedMemberInfoGivesOnlyTheAskedMembers) {
  const auto id = make_group();
  group("modify_group_member_info", json::object{{"GroupId", id}, {"Member_Account", "carol"}, {"NameCard", "Cc"}});
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
  EXPECT_EQ(group("get_specified_group_member_info", json::object{{"GroupId", id}, {"Member_List_Account", many}}).code,
            10005);
  EXPECT_EQ(group("get_specified_group_member_info", json::object{{"GroupId", id}}).code, 10004);
  EXPECT_EQ(group("get_specified_group_member_info", json::object{{"GroupId", id}, {"Member_List_Account", "bob"}}).code,
            10004);
  EXPECT_EQ(group("get_specified_group_member_info",
                  json::object{{"GroupId", id}, {"Member_List_Account", json::array{"bob"}}, {"MemberRoleFilter", json::array{"Boss"}}})
                .code,
            10004);
  EXPECT_EQ(group("get_specified_group_member_info",
                  json::object{{"GroupId", "nope"}, {"Member_List_Account", json::array{"bob"}}})
                .code,
            10010);
  const auto live = group("create_group", json::object{{"Owner_Account", "alice"}, {"Type", "AVChatRoom"}, {"Name", "l"}});
  EXPECT_EQ(group("get_specified_group_member_info",
                  json::object{{"GroupId", live.fields.at("GroupId")}, {"Member_List_Account", json::array{"alice"}}})
                .code,
            10007);
}

}  // namespace
}  // namespace timock::api::testing
