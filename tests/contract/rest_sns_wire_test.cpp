// The relationship chain over HTTP (reference/rest-api.md §1.3, §3.5): every new sns command is routed, answers
// in the sns envelope (ErrorDisplay on success and failure), refuses a non-admin caller with 30004 and a body
// that is not JSON with 30001, and a whole contacts screen made over REST reads back the same way.
#include "rest_endpoints.hpp"

namespace timock::testing {
namespace {

class RestSnsWire : public RestEndpointsBase, public ::testing::Test {
 protected:
  void SetUp() override {
    pin_clock(kT0);
    import({"alice", "bob"});
  }
};

TEST_F(RestSnsWire, EveryNewCommandAnswersInTheSnsEnvelope) {
  EXPECT_EQ(call("sns/black_list_get", json::parse(R"({"From_Account":"alice","StartIndex":0,"MaxLimited":30,"LastSequence":0})")),
            json::parse(R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ErrorDisplay":"",
      "BlackListItem":[],"StartIndex":0,"CurruentSequence":0})"));
  EXPECT_EQ(call("sns/group_get", json::parse(R"({"From_Account":"alice"})")),
            json::parse(R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ErrorDisplay":"","ResultItem":[],"CurrentSequence":0})"));
  for (const char* command : {"friend_import", "friend_update", "friend_delete", "friend_delete_all", "friend_get_list",
                              "black_list_add", "black_list_delete", "black_list_get", "black_list_check", "group_add",
                              "group_delete", "group_get", "group_update", "pendency_get", "pendency_delete",
                              "pendency_report", "friend_response"}) {
    const auto reply = call(std::string("sns/") + command, json::parse(R"({"From_Account":7})"));
    EXPECT_EQ(reply.at("ActionStatus"), "FAIL") << command;
    EXPECT_EQ(reply.at("ErrorCode"), 30001) << command;
    EXPECT_EQ(reply.at("ErrorDisplay"), "") << command;
    EXPECT_EQ(call_as("alice", std::string("sns/") + command, R"({"From_Account":"alice"})").at("ErrorCode"), 30004)
        << command << ": admin only";
    EXPECT_EQ(post_raw(std::string("sns/") + command, "{not json").at("ErrorCode"), 30001) << command;
  }
}

TEST_F(RestSnsWire, AContactsScreenOverRest) {
  ASSERT_EQ(call("profile/portrait_set", json::parse(R"({"From_Account":"bob","ProfileItem":[
      {"Tag":"Tag_Profile_IM_AllowType","Value":"AllowType_Type_NeedConfirm"}]})")).at("ErrorCode"), 0);
  EXPECT_EQ(call("sns/friend_add", json::parse(R"({"From_Account":"alice","AddFriendItem":[{"To_Account":"bob",
      "AddSource":"AddSource_Type_Web"}]})")).at("ResultItem").at(0).at("ResultCode"), 30539);
  EXPECT_EQ(call("sns/friend_response", json::parse(R"({"From_Account":"bob","ResponseFriendItem":[{"To_Account":"alice",
      "ResponseAction":"Response_Action_AgreeAndAdd"}]})")).at("ResultItem").at(0).at("ResultCode"), 0);
  EXPECT_EQ(call("sns/friend_update", json::parse(R"({"From_Account":"alice","UpdateItem":[{"To_Account":"bob",
      "SnsItem":[{"Tag":"Tag_SNS_IM_Remark","Value":"B"},{"Tag":"Tag_SNS_IM_Group","Value":["family"]}]}]})")).at("ErrorCode"), 0);
  const auto list = call("sns/friend_get_list", json::parse(R"({"From_Account":"alice","To_Account":["bob"],
      "TagList":["Tag_SNS_IM_Remark","Tag_SNS_IM_Group","Tag_Profile_IM_AllowType"]})"));
  EXPECT_EQ(list.at("InfoItem").at(0).at("SnsProfileItem"), json::parse(R"([{"Tag":"Tag_SNS_IM_Remark","Value":"B"},
      {"Tag":"Tag_SNS_IM_Group","Value":["family"]},{"Tag":"Tag_Profile_IM_AllowType","Value":"AllowType_Type_NeedConfirm"}])"));
  EXPECT_EQ(call("sns/black_list_add", json::parse(R"({"From_Account":"bob","To_Account":["alice"]})")).at("ErrorCode"), 0);
  EXPECT_EQ(call("sns/friend_check", json::parse(R"({"From_Account":"alice","To_Account":["bob"],"CheckType":"CheckResult_Type_Both"})"))
                .at("InfoItem").at(0).at("Relation"), "CheckResult_Type_NoRelation");
  EXPECT_EQ(call("sns/friend_delete", json::parse(R"({"From_Account":"alice","To_Account":["bob"]})")).at("ResultItem").at(0).at("ResultCode"),
            31704);
}

}  // namespace
}  // namespace timock::testing
