// profile and recentcontact over HTTP (reference/rest-api.md §3.4, §3.6, §5), and what a WebIM client sees of
// them: portrait_get/portrait_set replies field by field, a nick set by REST shown to the client, get_list
// paging and delete (with ClearRamble), and the client's recentcontact/get agreeing with get_list and the
// unread counts.
#include "rest_endpoints.hpp"
#include "webim_client.hpp"

namespace timock::testing {
namespace {

class RestProfileContacts : public RestEndpointsBase, public ::testing::Test {
 protected:
  void SetUp() override {
    pin_clock(kT0);
    ASSERT_EQ(call("im_open_login_svc/account_import",
                   json::parse(R"({"UserID":"id1","Nick":"NickNameTest1","FaceUrl":"http://www.qq.com"})"))
                  .at("ErrorCode")
                  .as_int64(),
              0);
    import({"id2", "id3"});
  }
  json::object get_list(const std::string& owner, std::int64_t time_stamp = 0,
                        std::int64_t start_index = 0) const {
    return call("recentcontact/get_list", json::object{{"From_Account", owner},
                                                       {"TimeStamp", time_stamp},
                                                       {"StartIndex", start_index},
                                                       {"TopTimeStamp", 0},
                                                       {"TopStartIndex", 0},
                                                       {"AssistFlags", 7}});
  }
  static std::vector<std::string> peers(const json::object& list) {
    std::vector<std::string> out;
    for (const auto& item : list.at("SessionItem").as_array())
      out.emplace_back(item.at("To_Account").as_string());
    return out;
  }
};

TEST_F(RestProfileContacts, PortraitGetRepliesPerItemWithErrorDisplayAndFailAccount) {
  EXPECT_EQ(
      call("profile/portrait_get",
           json::parse(R"({"To_Account":["id1","id4"],"TagList":["Tag_Profile_IM_Nick","Tag_Profile_IM_Image",
                     "Tag_Profile_IM_Gender"]})")),
      json::parse(R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ErrorDisplay":"",
      "UserProfileItem":[{"To_Account":"id1","ProfileItem":[{"Tag":"Tag_Profile_IM_Nick","Value":"NickNameTest1"},
          {"Tag":"Tag_Profile_IM_Image","Value":"http://www.qq.com"}],"ResultCode":0,"ResultInfo":""},
        {"To_Account":"id4","ResultCode":40003,"ResultInfo":"Err_Profile_Account_Not_Exist"}],
      "Fail_Account":["id4"]})"));
}

TEST_F(RestProfileContacts, PortraitSetRepliesTheEnvelopeAndItsValuesComeBack) {
  EXPECT_EQ(call("profile/portrait_set", json::parse(R"({"From_Account":"id2","ProfileItem":[
      {"Tag":"Tag_Profile_IM_Nick","Value":"MyNickName"},{"Tag":"Tag_Profile_IM_BirthDay","Value":20190419},
      {"Tag":"Tag_Profile_Custom_Test","Value":"x"}]})")),
            json::parse(R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ErrorDisplay":""})"));
  EXPECT_EQ(call("profile/portrait_get",
                 json::parse(
                     R"({"To_Account":["id2"],"TagList":["Tag_Profile_IM_BirthDay","Tag_Profile_Custom_Test",
                     "Tag_Profile_IM_Nick"]})"))
                .at("UserProfileItem")
                .at(0)
                .at("ProfileItem"),
            json::parse(R"([{"Tag":"Tag_Profile_IM_BirthDay","Value":20190419},
      {"Tag":"Tag_Profile_Custom_Test","Value":"x"},{"Tag":"Tag_Profile_IM_Nick","Value":"MyNickName"}])"));
  EXPECT_EQ(call("profile/portrait_set", json::parse(R"({"From_Account":"id2","ProfileItem":[
      {"Tag":"Tag_Profile_IM_Gender","Value":"Gender_Type_Robot"}]})")),
            json::parse(R"({"ActionStatus":"FAIL","ErrorCode":40605,"ErrorInfo":
      "Tag_Profile_IM_Gender is not one of its documented values","ErrorDisplay":""})"));
}

TEST_F(RestProfileContacts, ANickSetByPortraitSetIsWhatTheWebImClientShows) {
  ASSERT_EQ(
      call("profile/portrait_set",
           json::parse(
               R"({"From_Account":"id1","ProfileItem":[{"Tag":"Tag_Profile_IM_Nick","Value":"Renamed"}]})"))
          .at("ErrorCode")
          .as_int64(),
      0);
  ASSERT_EQ(send("id1", "id2", 1, 1).at("ErrorCode").as_int64(), 0);
  WebImClient id2(server, app.sdkappid, "id2", mint_sig(server, app.sdkappid, "id2"));
  id2.login_and_connect();
  const auto list = id2.recent_contacts();
  ASSERT_EQ(list.at("SessionItem").as_array().size(), 1u) << json::serialize(list);
  EXPECT_EQ(list.at("SessionItem").at(0).at("C2cNick").as_string(), "Renamed");
}

TEST_F(RestProfileContacts, GetListAndTheWebImListAgreeThroughDeleteAndNewMessages) {
  ASSERT_EQ(send("id1", "id3", 1, 1).at("ErrorCode").as_int64(), 0);
  pin_clock(kT0 + 1);
  ASSERT_EQ(send("id2", "id3", 2, 2).at("ErrorCode").as_int64(), 0);
  ASSERT_EQ(send("id2", "id3", 3, 3).at("ErrorCode").as_int64(), 0);
  EXPECT_EQ(get_list("id3"),
            json::parse(R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ErrorDisplay":"",
      "SessionItem":[{"Type":1,"To_Account":"id2","MsgTime":1700000001,"TopFlag":0},
                     {"Type":1,"To_Account":"id1","MsgTime":1700000000,"TopFlag":0}],
      "CompleteFlag":1,"TimeStamp":1700000001,"StartIndex":0,"TopTimeStamp":1700000001,"TopStartIndex":0})"));
  WebImClient id3(server, app.sdkappid, "id3", mint_sig(server, app.sdkappid, "id3"));
  id3.login_and_connect();
  auto webim = id3.recent_contacts();
  ASSERT_EQ(webim.at("SessionItem").as_array().size(), 2u);
  EXPECT_EQ(webim.at("SessionItem").at(0).at("To_Account").as_string(), "id2");
  EXPECT_EQ(webim.at("SessionItem").at(0).at("UnreadMsgCount").as_int64(), 2);
  EXPECT_EQ(webim.at("SessionItem").at(1).at("UnreadMsgCount").as_int64(), 1);

  EXPECT_EQ(
      call("recentcontact/delete", json::parse(R"({"From_Account":"id3","Type":1,"To_Account":"id2"})")),
      json::parse(R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ErrorDisplay":""})"));
  EXPECT_EQ(peers(get_list("id3")), std::vector<std::string>{"id1"});
  EXPECT_EQ(id3.recent_contacts().at("SessionItem").as_array().size(), 1u);
  EXPECT_EQ(roam("id3", "id2", 10, kT0, kT0 + 1).at("MsgCnt").as_int64(), 2) << "delete keeps the history";

  ASSERT_EQ(call("recentcontact/delete",
                 json::parse(R"({"From_Account":"id3","Type":1,"To_Account":"id1","ClearRamble":1})"))
                .at("ErrorCode")
                .as_int64(),
            0);
  EXPECT_TRUE(peers(get_list("id3")).empty());
  EXPECT_EQ(roam("id3", "id1", 10, kT0, kT0 + 1).at("MsgCnt").as_int64(), 0)
      << "ClearRamble empties id3's view";
  EXPECT_EQ(roam("id1", "id3", 10, kT0, kT0 + 1).at("MsgCnt").as_int64(), 1) << "id1 keeps its own";

  pin_clock(kT0 + 2);
  ASSERT_EQ(send("id2", "id3", 4, 4).at("ErrorCode").as_int64(), 0);
  EXPECT_EQ(peers(get_list("id3")), std::vector<std::string>{"id2"});
  webim = id3.recent_contacts();
  ASSERT_EQ(webim.at("SessionItem").as_array().size(), 1u);
  EXPECT_EQ(webim.at("SessionItem").at(0).at("UnreadMsgCount").as_int64(), 3);
  EXPECT_EQ(
      call("openim/get_c2c_unread_msg_num", json::parse(R"({"To_Account":"id3","Peer_Account":["id2"]})"))
          .at("C2CUnreadMsgNumList")
          .at(0)
          .at("C2CUnreadMsgNum")
          .as_int64(),
      3);
}

TEST_F(RestProfileContacts, GetListPagesWithTimeStampAndStartIndex) {
  const auto targets = numbered("p", 130);
  import(targets);
  json::array to;
  for (const auto& id : targets) to.emplace_back(id);
  ASSERT_EQ(
      call("openim/batchsendmsg",
           json::object{
               {"From_Account", "id1"}, {"To_Account", to}, {"MsgRandom", 1}, {"MsgBody", text_body("x")}})
          .at("ActionStatus")
          .as_string(),
      "OK");
  pin_clock(kT0 + 1);
  ASSERT_EQ(send("id2", "id1", 1, 1).at("ErrorCode").as_int64(), 0);
  const auto first = get_list("id1");
  ASSERT_EQ(first.at("SessionItem").as_array().size(), 100u);
  EXPECT_EQ(first.at("SessionItem").at(0).at("To_Account").as_string(), "id2");
  EXPECT_EQ(first.at("CompleteFlag").as_int64(), 0);
  EXPECT_EQ(first.at("TimeStamp").as_int64(), kT0);
  EXPECT_EQ(first.at("StartIndex").as_int64(), 99) << "99 of the conversations at kT0 were on this page";
  const auto second = get_list("id1", first.at("TimeStamp").as_int64(), first.at("StartIndex").as_int64());
  EXPECT_EQ(second.at("SessionItem").as_array().size(), 31u);
  EXPECT_EQ(second.at("CompleteFlag").as_int64(), 1);
  std::set<std::string> all;
  for (const auto& page : {first, second})
    for (const auto& peer : peers(page)) EXPECT_TRUE(all.insert(peer).second) << peer << " listed twice";
  EXPECT_EQ(all.size(), 131u);
}

TEST_F(RestProfileContacts, MarkContactRepliesPerItemAndGetListShowsTheMarks) {
  ASSERT_EQ(send("id2", "id1", 1, 1).at("ErrorCode").as_int64(), 0);
  EXPECT_EQ(
      call("recentcontact/mark_contact",
           json::parse(
               R"({"From_Account":"id1","MarkItem":[{"OptType":3,"ContactItem":{"Type":1,"To_Account":"id2"},
                     "SetMark":[1,2,3],"CustomMark":"abcd"}]})")),
      json::parse(R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ErrorDisplay":"",
      "ResultItem":[{"ContactItem":{"Type":1,"To_Account":"id2"},"ResultCode":0,"ResultInfo":""}]})"));
  EXPECT_EQ(
      get_list("id1").at("SessionItem").at(0),
      json::parse(R"({"Type":1,"To_Account":"id2","MsgTime":1700000000,"TopFlag":0,"StandardMark":"1110",
      "CustomMark":"abcd"})"));
}

TEST_F(RestProfileContacts, FriendGetAllAnswersIn2018ShapeAndFriendGetInTodays) {
  ASSERT_EQ(add_friends("id2", {"id1"}).at("ResultItem").at(0).at("ResultCode").as_int64(), 0);
  const auto old =
      call("sns/friend_get_all", json::parse(R"({"From_Account":"id2","TimeStamp":0,"StartIndex":0,
      "TagList":["Tag_Profile_IM_Nick","Tag_SNS_IM_AddSource"],"LastStandardSequence":0,"GetCount":100})"));
  const auto sequence = old.at("CurrentStandardSequence").as_int64();
  EXPECT_EQ(old, json::parse(R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ErrorDisplay":"",
      "NeedUpdateAll":"GetAll_Type_Yes","TimeStampNow":1700000000,"StartIndex":0,
      "InfoItem":[{"Info_Account":"id1","SnsProfileItem":[{"Tag":"Tag_Profile_IM_Nick","Value":"NickNameTest1"},
          {"Tag":"Tag_SNS_IM_AddSource","Value":"AddSource_Type_Test"}]}],
      "CurrentStandardSequence":)" +
                             std::to_string(sequence) + R"(,"FriendNum":1,"CompleteFlag":1})"));
  const auto current = call("sns/friend_get", json::parse(R"({"From_Account":"id2","StartIndex":0})"));
  EXPECT_TRUE(current.contains("UserDataItem"));
  EXPECT_FALSE(current.contains("InfoItem"));
}

}  // namespace
}  // namespace timock::testing
