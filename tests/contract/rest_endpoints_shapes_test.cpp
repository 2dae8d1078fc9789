// Result shapes over HTTP, field by field: the per-item results of reference/rest-api.md §5 for the account
// and sns commands (§3.1, §3.5), and friend_get's paging.
#include <set>

#include "rest_endpoints.hpp"

namespace timock::testing {
namespace {

class RestEndpointsShapes : public RestEndpointsBase, public ::testing::Test {};

TEST_F(RestEndpointsShapes, AccountCheckResultItemHasUserIdResultCodeResultInfoAndAccountStatus) {
  import({"alice"});
  const auto reply = call("im_open_login_svc/account_check",
                          json::parse(R"({"CheckItem":[{"UserID":"alice"},{"UserID":"nobody"}]})"));
  EXPECT_EQ(reply.at("ActionStatus").as_string(), "OK");
  EXPECT_EQ(reply.at("ErrorCode").as_int64(), 0);
  EXPECT_FALSE(reply.contains("ErrorDisplay")) << "only sns, profile and recentcontact carry it (§1.3)";
  const auto& items = reply.at("ResultItem").as_array();
  ASSERT_EQ(items.size(), 2u);
  // A never-imported account is not an error: ResultCode 0 and NotImported (§3.1).
  EXPECT_EQ(items[0].as_object(),
            json::parse(R"({"UserID":"alice","ResultCode":0,"ResultInfo":"","AccountStatus":"Imported"})")
                .as_object());
  EXPECT_EQ(items[1].as_object(),
            json::parse(R"({"UserID":"nobody","ResultCode":0,"ResultInfo":"","AccountStatus":"NotImported"})")
                .as_object());
}

TEST_F(RestEndpointsShapes, AccountDeleteResultItemHasResultCodeResultInfoAndUserId) {
  import({"alice"});
  const auto reply = call("im_open_login_svc/account_delete",
                          json::parse(R"({"DeleteItem":[{"UserID":"alice"},{"UserID":"nobody"}]})"));
  EXPECT_EQ(reply.at("ActionStatus").as_string(), "OK");
  EXPECT_EQ(reply.at("ErrorCode").as_int64(), 0);
  EXPECT_EQ(reply.at("ResultItem"), json::parse(R"([{"ResultCode":0,"ResultInfo":"","UserID":"alice"},
      {"ResultCode":70107,"ResultInfo":"Err_TLS_PT_Open_Login_Account_Not_Exist","UserID":"nobody"}])"));
  const auto check =
      call("im_open_login_svc/account_check", json::parse(R"({"CheckItem":[{"UserID":"alice"}]})"));
  EXPECT_EQ(check.at("ResultItem").at(0).at("AccountStatus").as_string(), "NotImported");
}

TEST_F(RestEndpointsShapes, MultiAccountImportFailAccountsNamesOnlyTheInvalidIds) {
  const std::string too_long(33, 'x');
  auto reply =
      call("im_open_login_svc/multiaccount_import", json::object{{"Accounts", {"a1", too_long, "a2", ""}}});
  EXPECT_EQ(reply.at("ErrorCode").as_int64(), 0);
  EXPECT_EQ(strings_of(reply.at("FailAccounts")), (std::vector<std::string>{too_long, ""}));
  reply = call("im_open_login_svc/multiaccount_import", json::parse(R"({"Accounts":["a3","a1"]})"));
  EXPECT_TRUE(reply.at("FailAccounts").as_array().empty()) << "re-importing is not a failure (§3.1)";
  const auto check = call("im_open_login_svc/account_check",
                          json::parse(R"({"CheckItem":[{"UserID":"a1"},{"UserID":"a2"},{"UserID":"a3"}]})"));
  for (const auto& item : check.at("ResultItem").as_array())
    EXPECT_EQ(item.at("AccountStatus").as_string(), "Imported") << item;
}

TEST_F(RestEndpointsShapes, FriendAddResultItemHasEveryFieldAndFailAccountOnlyWhenAnItemFailed) {
  import({"alice", "bob", "carol"});
  auto reply = add_friends("alice", {"bob"});
  EXPECT_EQ(reply.at("ActionStatus").as_string(), "OK");
  EXPECT_EQ(reply.at("ErrorInfo").as_string(), "");
  EXPECT_EQ(reply.at("ErrorDisplay").as_string(), "");
  EXPECT_EQ(reply.at("ResultItem"), json::parse(R"([{"To_Account":"bob","ResultCode":0,"ResultInfo":""}])"));
  EXPECT_FALSE(reply.contains("Fail_Account"));

  reply = add_friends("alice", {"carol", "bob", "ghost"});
  EXPECT_EQ(reply.at("ErrorCode").as_int64(), 0);
  const auto& items = reply.at("ResultItem").as_array();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].as_object(),
            json::parse(R"({"To_Account":"carol","ResultCode":0,"ResultInfo":""})").as_object());
  // §3.5: client SDKs special-case this ResultInfo.
  EXPECT_EQ(
      items[1].as_object(),
      json::parse(R"({"To_Account":"bob","ResultCode":30001,"ResultInfo":"Err_SNS_FriendAdd_Friend_Exist"})")
          .as_object());
  EXPECT_EQ(items[2].as_object().size(), 3u);
  EXPECT_EQ(items[2].at("To_Account").as_string(), "ghost");
  EXPECT_EQ(items[2].at("ResultCode").as_int64(), 30003);
  EXPECT_FALSE(items[2].at("ResultInfo").as_string().empty());
  EXPECT_EQ(strings_of(reply.at("Fail_Account")), (std::vector<std::string>{"bob", "ghost"}));
}

std::string relation_of(const json::object& reply, const std::string& account) {
  for (const auto& item : reply.at("InfoItem").as_array())
    if (item.at("To_Account").as_string() == account) {
      EXPECT_EQ(item.at("ResultCode").as_int64(), 0);
      EXPECT_EQ(item.at("ResultInfo").as_string(), "");
      return std::string(item.at("Relation").as_string());
    }
  ADD_FAILURE() << "no InfoItem for " << account;
  return {};
}

class RestEndpointsFriendCheck : public RestEndpointsShapes {
 protected:
  // alice ⇄ bob; alice → carol only; dave → alice only; erin unrelated.
  void SetUp() override {
    import({"alice", "bob", "carol", "dave", "erin"});
    ASSERT_EQ(add_friends("alice", {"bob"}).at("ErrorCode").as_int64(), 0);
    ASSERT_EQ(add_friends("alice", {"carol"}, "Add_Type_Single").at("ErrorCode").as_int64(), 0);
    ASSERT_EQ(add_friends("dave", {"alice"}, "Add_Type_Single").at("ErrorCode").as_int64(), 0);
  }
  json::object check(const std::string& type) {
    return call("sns/friend_check", json::object{{"From_Account", "alice"},
                                                 {"To_Account", {"bob", "carol", "dave", "erin"}},
                                                 {"CheckType", type}});
  }
};

TEST_F(RestEndpointsFriendCheck, SingleReportsOnlyWhetherAHasB) {
  const auto reply = check("CheckResult_Type_Single");
  EXPECT_EQ(reply.at("ErrorDisplay").as_string(), "");
  EXPECT_FALSE(reply.contains("Fail_Account"));
  EXPECT_EQ(relation_of(reply, "bob"), "CheckResult_Type_AWithB");
  EXPECT_EQ(relation_of(reply, "carol"), "CheckResult_Type_AWithB");
  EXPECT_EQ(relation_of(reply, "dave"), "CheckResult_Type_NoRelation");
  EXPECT_EQ(relation_of(reply, "erin"), "CheckResult_Type_NoRelation");
}

TEST_F(RestEndpointsFriendCheck, BothReportsEachDirection) {
  const auto reply = check("CheckResult_Type_Both");
  EXPECT_EQ(
      reply.at("InfoItem").at(0).as_object(),
      json::parse(
          R"({"To_Account":"bob","Relation":"CheckResult_Type_BothWay","ResultCode":0,"ResultInfo":""})")
          .as_object());
  EXPECT_EQ(relation_of(reply, "carol"), "CheckResult_Type_AWithB");
  EXPECT_EQ(relation_of(reply, "dave"), "CheckResult_Type_BWithA");
  EXPECT_EQ(relation_of(reply, "erin"), "CheckResult_Type_NoRelation");
}

TEST_F(RestEndpointsShapes, FriendGetUserDataItemCarriesTheStandardTagsAsValueItems) {
  import({"alice", "bob"});
  pin_clock(kT0);
  const auto added = add_friends("alice", {"bob"}, "Add_Type_Single", 1,
                                 {{"Remark", "Bobby"}, {"GroupName", "Work"}, {"AddWording", "hi there"}});
  ASSERT_EQ(added.at("ResultItem").at(0).at("ResultCode").as_int64(), 0);
  const auto reply = call("sns/friend_get", json::parse(R"({"From_Account":"alice","StartIndex":0})"));
  EXPECT_EQ(reply.at("ErrorDisplay").as_string(), "");
  EXPECT_EQ(reply.at("UserDataItem"), json::parse(R"([{"To_Account":"bob","ValueItem":[
      {"Tag":"Tag_SNS_IM_AddSource","Value":"AddSource_Type_Test"},
      {"Tag":"Tag_SNS_IM_Remark","Value":"Bobby"},
      {"Tag":"Tag_SNS_IM_Group","Value":["Work"]},
      {"Tag":"Tag_SNS_IM_AddWording","Value":"hi there"},
      {"Tag":"Tag_SNS_IM_AddTime","Value":1700000000}]}])"));
  EXPECT_EQ(reply.at("FriendNum").as_int64(), 1);
  EXPECT_EQ(reply.at("CompleteFlag").as_int64(), 1);
  EXPECT_EQ(reply.at("NextStartIndex").as_int64(), 0);
  EXPECT_GT(reply.at("StandardSequence").as_int64(), 0);
  EXPECT_TRUE(reply.contains("CustomSequence"));
  // Bob's own list is empty: the add was one-way.
  const auto bobs = call("sns/friend_get", json::parse(R"({"From_Account":"bob","StartIndex":0})"));
  EXPECT_TRUE(bobs.at("UserDataItem").as_array().empty());
  EXPECT_EQ(bobs.at("FriendNum").as_int64(), 0);
  EXPECT_EQ(bobs.at("CompleteFlag").as_int64(), 1);
}

TEST_F(RestEndpointsShapes, FriendGetPagesOverMoreThan100FriendsWithNextStartIndexAndCompleteFlag) {
  const auto friends = numbered("f", 230);
  import(friends);
  import({"alice"});
  ASSERT_FALSE(add_friends("alice", friends).contains("Fail_Account"));
  std::set<std::string> seen;
  std::int64_t start = 0;
  const struct {
    std::size_t size;
    std::int64_t next;
    std::int64_t complete;
  } pages[] = {{100, 100, 0}, {100, 200, 0}, {30, 0, 1}};
  for (const auto& page : pages) {
    const auto reply = call("sns/friend_get", json::object{{"From_Account", "alice"}, {"StartIndex", start}});
    ASSERT_EQ(reply.at("ErrorCode").as_int64(), 0);
    EXPECT_EQ(reply.at("FriendNum").as_int64(), 230);
    EXPECT_EQ(reply.at("UserDataItem").as_array().size(), page.size);
    EXPECT_EQ(reply.at("NextStartIndex").as_int64(), page.next);
    EXPECT_EQ(reply.at("CompleteFlag").as_int64(), page.complete);
    for (const auto& item : reply.at("UserDataItem").as_array())
      EXPECT_TRUE(seen.insert(std::string(item.at("To_Account").as_string())).second) << item;
    start = reply.at("NextStartIndex").as_int64();
  }
  EXPECT_EQ(seen, std::set<std::string>(friends.begin(), friends.end()));
}

TEST_F(RestEndpointsShapes, FriendAddBeyond3000FriendsReturns30010AndToAFullPeerReturns30014) {
  const auto friends = numbered("f", 3001);
  import(friends);
  import({"alice", "bob"});
  for (std::size_t i = 0; i < 3000; i += 1000) {
    const auto reply =
        add_friends("alice", {friends.begin() + i, friends.begin() + i + 1000}, "Add_Type_Single");
    ASSERT_FALSE(reply.contains("Fail_Account")) << json::serialize(reply).substr(0, 500);
  }
  auto reply = add_friends("alice", {friends[3000]}, "Add_Type_Single");
  EXPECT_EQ(reply.at("ResultItem").at(0).at("ResultCode").as_int64(), 30010);
  EXPECT_EQ(strings_of(reply.at("Fail_Account")), std::vector<std::string>{friends[3000]});
  reply = add_friends("bob", {"alice"});  // both ways: alice's list would pass 3000
  EXPECT_EQ(reply.at("ResultItem").at(0).at("ResultCode").as_int64(), 30014);
}

TEST_F(RestEndpointsShapes, FriendAddIntoA33rdFriendGroupReturns30011) {
  const auto friends = numbered("g", 33);
  import(friends);
  import({"alice"});
  for (int i = 0; i < 32; ++i) {
    const auto reply = add_friends("alice", {friends[i]}, "Add_Type_Single", 1,
                                   {{"GroupName", "group" + std::to_string(i)}});
    ASSERT_EQ(reply.at("ResultItem").at(0).at("ResultCode").as_int64(), 0) << i;
  }
  auto reply = add_friends("alice", {friends[32]}, "Add_Type_Single", 1, {{"GroupName", "group32"}});
  EXPECT_EQ(reply.at("ResultItem").at(0).at("ResultCode").as_int64(), 30011);
  reply = add_friends("alice", {friends[32]}, "Add_Type_Single", 1, {{"GroupName", "group0"}});
  EXPECT_EQ(reply.at("ResultItem").at(0).at("ResultCode").as_int64(), 0)
      << "an existing group still takes friends";
}

}  // namespace
}  // namespace timock::testing
