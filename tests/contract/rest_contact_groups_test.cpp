// recentcontact conversation groups over HTTP (reference/rest-api.md §3.8, §4.5): create_contact_group,
// update_contact_group (rename; add and remove conversations), get_contact_group, search_contact_group and
// del_contact_group, with 51009, 51010 and 51011.
#include "rest_endpoints.hpp"

namespace timock::testing {
namespace {

class RestContactGroups : public RestEndpointsBase, public ::testing::Test {
 protected:
  void SetUp() override {
    pin_clock(kT0);
    import({"alice", "bob", "carol"});
  }
  json::object create(const std::string& name, const json::array& contacts = {}) const {
    return call("recentcontact/create_contact_group",
                json::object{{"From_Account", "alice"},
                             {"GroupContactItem",
                              json::array{json::object{{"GroupName", name}, {"ContactItem", contacts}}}}});
  }
  json::object get() const {
    return call("recentcontact/get_contact_group",
                json::object{{"From_Account", "alice"}, {"StartIndex", 0}});
  }
};

TEST_F(RestContactGroups, CreateReturnsTheGroupAndEachConversationsResult) {
  EXPECT_EQ(
      create("work", json::parse(R"([{"Type":1,"To_Account":"bob"},{"Type":1,"To_Account":"nobody"},
                                           {"Type":2,"ToGroupId":"@TGS#1NOPE"}])")
                         .as_array()),
      json::parse(R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ErrorDisplay":"","GroupResultItem":[
                {"GroupItem":{"GroupName":"work","GroupId":1},"ResultItem":[
                  {"ContactItem":{"Type":1,"To_Account":"bob"},"ResultCode":0,"ResultInfo":""},
                  {"ContactItem":{"Type":1,"To_Account":"nobody"},"ResultCode":50001,
                   "ResultInfo":"account does not exist or was not imported"},
                  {"ContactItem":{"Type":2,"ToGroupId":"@TGS#1NOPE"},"ResultCode":51007,
                   "ResultInfo":"failed to convert GroupID to GroupCode"}]}]})"));
  EXPECT_EQ(get(), json::parse(R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ErrorDisplay":"",
      "ContactItem":[{"Type":1,"To_Account":"bob","ContactGroupId":[1],"Timestamp":1700000000}],
      "GroupItem":[{"GroupName":"work","GroupId":1}],"CompleteFlag":1,"NextStartIndex":0})"));
}

TEST_F(RestContactGroups, UpdateRenamesAndMovesConversationsAndSearchFindsThem) {
  ASSERT_EQ(create("work").at("ErrorCode"), 0);
  ASSERT_EQ(create("family", json::parse(R"([{"Type":1,"To_Account":"bob"}])").as_array()).at("ErrorCode"),
            0);
  const auto renamed =
      call("recentcontact/update_contact_group", json::parse(R"({"From_Account":"alice","UpdateType":1,
      "UpdateGroup":{"UpdateGroupType":1,"OldGroupName":"work","NewGroupName":"office"}})"));
  EXPECT_EQ(renamed.at("UpdateGroupResult"),
            json::parse(R"({"UpdateGroupType":1,"GroupName":"office","GroupId":1})"));
  const auto moved =
      call("recentcontact/update_contact_group", json::parse(R"({"From_Account":"alice","UpdateType":1,
      "UpdateGroup":{"UpdateGroupType":2,"OldGroupName":"office","ContactUpdateItem":[
        {"ContactOpType":1,"ContactItem":{"Type":1,"To_Account":"bob"}},
        {"ContactOpType":1,"ContactItem":{"Type":1,"To_Account":"carol"}}]}})"));
  EXPECT_EQ(moved.at("ErrorCode"), 0) << json::serialize(moved);
  EXPECT_EQ(moved.at("UpdateGroupResult").at("ContactResultItem").at(1).at("ContactItem").at("To_Account"), "carol");
  ASSERT_EQ(call("recentcontact/update_contact_group", json::parse(R"({"From_Account":"alice","UpdateType":1,
      "UpdateGroup":{"UpdateGroupType":2,"OldGroupName":"office","ContactUpdateItem":[
        {"ContactOpType":2,"ContactItem":{"Type":1,"To_Account":"carol"}}]}})"))
                .at("ErrorCode"),
            0);
  const auto found = call("recentcontact/search_contact_group", json::parse(R"({"From_Account":"alice",
      "ContactItem":[{"Type":1,"To_Account":"bob"},{"Type":1,"To_Account":"carol"}]})"));
  EXPECT_EQ(found.at("ContactResultItem").at(0).at("ContactGroupId"), json::parse("[1,2]"));
  EXPECT_EQ(found.at("ContactResultItem").at(1).at("ContactGroupId"), json::parse("[]"));
  EXPECT_EQ(found.at("GroupItem"),
            json::parse(R"([{"GroupName":"office","GroupId":1},{"GroupName":"family","GroupId":2}])"));

  EXPECT_EQ(call("recentcontact/del_contact_group",
                 json::parse(R"({"From_Account":"alice","GroupName":["office"]})"))
                .at("ErrorCode"),
            0);
  EXPECT_EQ(get().at("GroupItem"), json::parse(R"([{"GroupName":"family","GroupId":2}])"));
  EXPECT_EQ(get().at("ContactItem").at(0).at("ContactGroupId"), json::parse("[2]"));
}

TEST_F(RestContactGroups, CodesForMissingGroupsLongNamesAndTooManyGroups) {
  EXPECT_EQ(
      call("recentcontact/del_contact_group", json::parse(R"({"From_Account":"alice","GroupName":["none"]})"))
          .at("ErrorCode"),
      51009);
  EXPECT_EQ(create(std::string(33, 'n')).at("ErrorCode"), 51011);
  for (int i = 0; i < 20; ++i) ASSERT_EQ(create("g" + std::to_string(i)).at("ErrorCode"), 0);
  EXPECT_EQ(create("one more").at("ErrorCode"), 51010);
  EXPECT_EQ(create("g0").at("ErrorCode"), 50002) << "a name taken";
  EXPECT_EQ(
      call("recentcontact/get_contact_group", json::parse(R"({"From_Account":"nobody","StartIndex":0})"))
          .at("ErrorCode"),
      50001);
}

}  // namespace
}  // namespace timock::testing
