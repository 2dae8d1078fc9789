// follow (2025; reference/rest-api.md §2) and ConfigSvc/GetIPList (§3.8) over HTTP: follow_add/delete with
// ResultItem per account, follow_get's fans/following/mutual pages with NextCursor, follow_check's FollowType
// and follow_get_info's counts.
#include "rest_endpoints.hpp"

namespace timock::testing {
namespace {

class RestFollow : public RestEndpointsBase, public ::testing::Test {
 protected:
  void SetUp() override {
    pin_clock(kT0);
    import({"alice", "bob", "carol", "dave"});
  }
  json::object follow(const std::string& from, const std::vector<std::string>& to) const {
    json::array items;
    for (const auto& id : to) items.push_back(json::object{{"To_Account", id}});
    return call("follow/follow_add", json::object{{"From_Account", from}, {"FollowItem", std::move(items)}});
  }
  std::vector<std::string> listed(const std::string& user, int type, const std::string& cursor = "",
                                  int want = 100, std::string* next = nullptr) const {
    const auto reply =
        call("follow/follow_get",
             json::object{
                 {"From_Account", user}, {"FollowType", type}, {"StartCursor", cursor}, {"WantNum", want}});
    EXPECT_EQ(reply.at("ErrorCode").as_int64(), 0) << json::serialize(reply);
    std::vector<std::string> out;
    for (const auto& item : reply.at("FollowItem").as_array())
      out.emplace_back(item.at("To_Account").as_string());
    if (next) *next = std::string(reply.at("NextCursor").as_string());
    return out;
  }
};

TEST_F(RestFollow, FollowAddRepliesPerAccount) {
  EXPECT_EQ(follow("alice", {"bob", "nobody", "alice"}),
            json::parse(R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ErrorDisplay":"","ResultItem":[
                {"To_Account":"bob","ResultCode":0,"ResultInfo":""},
                {"To_Account":"nobody","ResultCode":30003,"ResultInfo":"Err_SNS_Account_Not_Exist"},
                {"To_Account":"alice","ResultCode":30001,"ResultInfo":"cannot follow oneself"}]})"))
      << "(ResultInfo texts are timock's)";
}

TEST_F(RestFollow, FollowGetListsFansFollowingAndMutualInPages) {
  ASSERT_EQ(follow("alice", {"bob", "carol", "dave"}).at("ErrorCode"), 0);
  ASSERT_EQ(follow("bob", {"alice"}).at("ErrorCode"), 0);
  ASSERT_EQ(follow("carol", {"alice"}).at("ErrorCode"), 0);
  EXPECT_EQ(listed("alice", 2), (std::vector<std::string>{"bob", "carol", "dave"}));
  EXPECT_EQ(listed("alice", 1), (std::vector<std::string>{"bob", "carol"}));
  EXPECT_EQ(listed("alice", 3), (std::vector<std::string>{"bob", "carol"}));
  EXPECT_EQ(listed("dave", 1), (std::vector<std::string>{"alice"}));
  std::string next;
  EXPECT_EQ(listed("alice", 2, "", 2, &next), (std::vector<std::string>{"bob", "carol"}));
  EXPECT_EQ(next, "carol");
  EXPECT_EQ(listed("alice", 2, next, 2, &next), (std::vector<std::string>{"dave"}));
  EXPECT_EQ(next, "");
  const auto page =
      call("follow/follow_get", json::parse(R"({"From_Account":"dave","FollowType":1,"StartCursor":""})"));
  EXPECT_EQ(page.at("FollowItem").at(0).at("FollowTime"), kT0);
  EXPECT_EQ(
      call("follow/follow_get", json::parse(R"({"From_Account":"dave","FollowType":4,"StartCursor":""})"))
          .at("ErrorCode"),
      30001);
}

TEST_F(RestFollow, FollowCheckAndGetInfoAfterADelete) {
  ASSERT_EQ(follow("alice", {"bob", "carol"}).at("ErrorCode"), 0);
  ASSERT_EQ(follow("bob", {"alice"}).at("ErrorCode"), 0);
  ASSERT_EQ(follow("dave", {"alice"}).at("ErrorCode"), 0);
  const auto check =
      call("follow/follow_check",
           json::parse(R"({"From_Account":"alice","To_Account":["bob","carol","dave","nobody"]})"));
  std::vector<std::int64_t> types;
  for (const auto& item : check.at("ResultItem").as_array())
    types.push_back(item.at("FollowType").as_int64());
  EXPECT_EQ(types, (std::vector<std::int64_t>{3, 1, 2, 0}));
  EXPECT_EQ(check.at("ResultItem").at(3).at("ResultCode"), 30003);

  const auto removed =
      call("follow/follow_delete", json::parse(R"({"From_Account":"alice","To_Account":["carol","dave"]})"));
  EXPECT_EQ(removed.at("ResultItem").at(0).at("ResultCode"), 0);
  EXPECT_EQ(removed.at("ResultItem").at(1).at("ResultCode"), 30001) << "alice never followed dave";
  const auto info = call("follow/follow_get_info", json::parse(R"({"To_Account":["alice"]})"));
  EXPECT_EQ(info.at("FollowInfo"), json::parse(R"([{"To_Account":"alice","ResultCode":0,"ResultInfo":"",
      "FollowersCount":2,"FollowingCount":1,"MutualFollowersCount":1}])"));
}

TEST_F(RestFollow, FollowCodesAndLimits) {
  json::array items;
  for (int i = 0; i < 21; ++i) items.push_back(json::object{{"To_Account", "bob"}});
  EXPECT_EQ(call("follow/follow_add", json::object{{"From_Account", "alice"}, {"FollowItem", items}})
                .at("ErrorCode"),
            30001);
  EXPECT_EQ(follow("nobody", {"bob"}).at("ErrorCode"), 30003);
  EXPECT_EQ(call_as("alice", "follow/follow_get_info", R"({"To_Account":["alice"]})").at("ErrorCode"), 30004);
  EXPECT_EQ(call("follow/nope", json::object{}).at("ErrorCode"), 60009);
}

TEST_F(RestFollow, GetIpListNamesTheLoopback) {
  EXPECT_EQ(call("ConfigSvc/GetIPList", json::object{}),
            json::parse(R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","IPList":["127.0.0.1"]})"));
}

}  // namespace
}  // namespace timock::testing
