// profile portrait_get / portrait_set called directly (reference/rest-api.md §3.4, §5): every standard tag
// and its value rules, custom tags, only-set tags returned, per-item results, Nick/Image on the account row.
#include "rest_c2c_fixture.hpp"
#include "store/account_repository.hpp"

namespace timock::api::testing {
namespace {

using Profiles = C2cHandlers;

Result set(C2cHandlers& t, const std::string& user, const std::string& tag, json::value value) {
  return t.call(
      "profile/portrait_set",
      json::object{{"From_Account", user},
                   {"ProfileItem", json::array{json::object{{"Tag", tag}, {"Value", std::move(value)}}}}});
}

TEST_F(Profiles, EveryStandardTagRoundTripsAndOnlySetTagsAreReturned) {
  import({"id1"});
  const auto items = json::parse(R"([
      {"Tag":"Tag_Profile_IM_Nick","Value":"NickNameTest1"},
      {"Tag":"Tag_Profile_IM_Gender","Value":"Gender_Type_Female"},
      {"Tag":"Tag_Profile_IM_BirthDay","Value":20190419},
      {"Tag":"Tag_Profile_IM_Location","Value":"0086001000000000"},
      {"Tag":"Tag_Profile_IM_SelfSignature","Value":"hello"},
      {"Tag":"Tag_Profile_IM_AllowType","Value":"AllowType_Type_AllowAny"},
      {"Tag":"Tag_Profile_IM_Language","Value":1},
      {"Tag":"Tag_Profile_IM_Image","Value":"http://img/1.png"},
      {"Tag":"Tag_Profile_IM_MsgSettings","Value":1},
      {"Tag":"Tag_Profile_IM_AdminForbidType","Value":"AdminForbid_Type_SendOut"},
      {"Tag":"Tag_Profile_IM_Level","Value":4294967295},
      {"Tag":"Tag_Profile_IM_Role","Value":0},
      {"Tag":"Tag_Profile_Custom_Test","Value":"custom"}])");
  ASSERT_EQ(call("profile/portrait_set", json::object{{"From_Account", "id1"}, {"ProfileItem", items}}).code,
            0);
  json::array tags;
  for (const auto& item : items.as_array()) tags.push_back(item.at("Tag"));
  tags.emplace_back("Tag_Profile_Custom_Unset");
  const auto r =
      call("profile/portrait_get", json::object{{"To_Account", json::array{"id1"}}, {"TagList", tags}});
  ASSERT_EQ(r.code, 0) << r.info;
  EXPECT_EQ(r.fields.at("UserProfileItem"),
            (json::array{json::object{
                {"To_Account", "id1"}, {"ProfileItem", items}, {"ResultCode", 0}, {"ResultInfo", ""}}}));
  EXPECT_FALSE(r.fields.contains("Fail_Account"));
}

TEST_F(Profiles, AccountImportsNickAndFaceUrlAreTheNickAndImageTagsAndPortraitSetMovesTheAccountRow) {
  ASSERT_EQ(
      call("im_open_login_svc/account_import", R"({"UserID":"id1","Nick":"N","FaceUrl":"http://f"})").code,
      0);
  import({"id2"});
  const auto get = [&] {
    return call("profile/portrait_get",
                R"({"To_Account":["id1","id2"],"TagList":["Tag_Profile_IM_Nick","Tag_Profile_IM_Image"]})");
  };
  EXPECT_EQ(get().fields.at("UserProfileItem"), json::parse(R"([
      {"To_Account":"id1","ProfileItem":[{"Tag":"Tag_Profile_IM_Nick","Value":"N"},
                                         {"Tag":"Tag_Profile_IM_Image","Value":"http://f"}],"ResultCode":0,"ResultInfo":""},
      {"To_Account":"id2","ProfileItem":[],"ResultCode":0,"ResultInfo":""}])"));
  ASSERT_EQ(set(*this, "id1", "Tag_Profile_IM_Nick", "Renamed").code, 0);
  auto locked = store.lock();
  EXPECT_EQ(store::AccountRepository(locked.db(), app->sdkappid).find("id1")->nick, "Renamed");
}

TEST_F(Profiles, PortraitGetReportsUnknownAccountsPerItemAndInFailAccount) {
  import({"id1"});
  const auto r =
      call("profile/portrait_get", R"({"To_Account":["id1","id4"],"TagList":["Tag_Profile_IM_Nick"]})");
  ASSERT_EQ(r.code, 0);
  EXPECT_EQ(
      r.fields.at("UserProfileItem").at(1),
      json::parse(R"({"To_Account":"id4","ResultCode":40003,"ResultInfo":"Err_Profile_Account_Not_Exist"})"));
  EXPECT_EQ(strings(r.fields.at("Fail_Account")), std::vector<std::string>{"id4"});
  EXPECT_EQ(call("profile/portrait_get", R"({"To_Account":["id4"],"TagList":["Tag_Profile_IM_Nick"]})").code,
            40003);
}

TEST_F(Profiles, PortraitGetErrors) {
  import({"id1"});
  json::array many;
  for (int i = 0; i < 101; ++i) many.emplace_back("id1");
  const std::pair<json::object, int> cases[] = {
      {json::parse(R"({"TagList":["Tag_Profile_IM_Nick"]})").as_object(), 40002},
      {json::parse(R"({"To_Account":[],"TagList":["Tag_Profile_IM_Nick"]})").as_object(), 40002},
      {json::parse(R"({"To_Account":"id1","TagList":["Tag_Profile_IM_Nick"]})").as_object(), 40001},
      {json::parse(R"({"To_Account":[1],"TagList":["Tag_Profile_IM_Nick"]})").as_object(), 40001},
      {json::object{{"To_Account", many}, {"TagList", json::array{"Tag_Profile_IM_Nick"}}}, 40001},
      {json::parse(R"({"To_Account":["id1"]})").as_object(), 40001},
      {json::parse(R"({"To_Account":["id1"],"TagList":["Tag_Profile_IM_Nickname"]})").as_object(), 40009},
      {json::parse(R"({"To_Account":["id1"],"TagList":["Tag_SNS_IM_Remark"]})").as_object(), 40009},
      {json::parse(R"({"To_Account":["id1"],"TagList":["Tag_Profile_Custom_TooLongName"]})").as_object(),
       40009},
  };
  for (const auto& [body, code] : cases)
    EXPECT_EQ(call("profile/portrait_get", body).code, code) << json::serialize(body);
}

struct ValueCase {
  const char* tag;
  json::value value;
  int code;
};

TEST_F(Profiles, PortraitSetValueRules) {
  import({"id1"});
  const json::value long501 = json::string(501, 'x');
  const ValueCase cases[] = {
      {"Tag_Profile_IM_Nick", 1, 40610},
      {"Tag_Profile_IM_Nick", long501, 40601},
      {"Tag_Profile_IM_Nick", json::string(500, 'x'), 0},
      {"Tag_Profile_IM_Gender", "Female", 40605},
      {"Tag_Profile_IM_Gender", 1, 40610},
      {"Tag_Profile_IM_Gender", "Gender_Type_Unknown", 0},
      {"Tag_Profile_IM_BirthDay", "20190419", 40610},
      {"Tag_Profile_IM_BirthDay", 1.5, 40610},
      {"Tag_Profile_IM_BirthDay", -1, 40605},
      {"Tag_Profile_IM_BirthDay", 4294967296, 40605},
      {"Tag_Profile_IM_Location", json::string(17, '1'), 40605},
      {"Tag_Profile_IM_Location", 1, 40610},
      {"Tag_Profile_IM_SelfSignature", long501, 40601},
      {"Tag_Profile_IM_AllowType", "AllowType_Type_Anyone", 40605},
      {"Tag_Profile_IM_AllowType", "AllowType_Type_DenyAny", 0},
      {"Tag_Profile_IM_Language", "zh", 40610},
      {"Tag_Profile_IM_Image", long501, 40601},
      {"Tag_Profile_IM_MsgSettings", true, 40610},
      {"Tag_Profile_IM_AdminForbidType", "AdminForbid_Type_All", 40605},
      {"Tag_Profile_IM_AdminForbidType", "AdminForbid_Type_None", 0},
      {"Tag_Profile_IM_Level", json::array{1}, 40610},
      {"Tag_Profile_IM_Role", -5, 40605},
      {"Tag_Profile_Custom_Hobby", long501, 40601},
      {"Tag_Profile_Custom_Hobby", json::object{}, 40610},
      {"Tag_Profile_Custom_Hobby", 12, 0},
      {"Tag_Profile_Custom_NineChars", "x", 40009},
      {"Tag_Profile_IM_Unknown", "x", 40009},
  };
  for (const auto& c : cases)
    EXPECT_EQ(set(*this, "id1", c.tag, c.value).code, c.code) << c.tag << " " << c.value;
}

TEST_F(Profiles, PortraitSetIsAllOrNothingAndChecksTheRequest) {
  import({"id1"});
  const auto r = call("profile/portrait_set", R"({"From_Account":"id1","ProfileItem":[
      {"Tag":"Tag_Profile_IM_SelfSignature","Value":"kept?"},{"Tag":"Tag_Profile_IM_Gender","Value":"bad"}]})");
  EXPECT_EQ(r.code, 40605);
  EXPECT_TRUE(
      call("profile/portrait_get", R"({"To_Account":["id1"],"TagList":["Tag_Profile_IM_SelfSignature"]})")
          .fields.at("UserProfileItem")
          .at(0)
          .at("ProfileItem")
          .as_array()
          .empty());
  const std::pair<std::string, int> cases[] = {
      {R"({"ProfileItem":[{"Tag":"Tag_Profile_IM_Nick","Value":"n"}]})", 40001},
      {R"({"From_Account":"id1"})", 40001},
      {R"({"From_Account":"id1","ProfileItem":[]})", 40001},
      {R"({"From_Account":"id1","ProfileItem":[{"Tag":"Tag_Profile_IM_Nick"}]})", 40001},
      {R"({"From_Account":"id1","ProfileItem":[{"Value":"n"}]})", 40001},
      {R"({"From_Account":"ghost","ProfileItem":[{"Tag":"Tag_Profile_IM_Nick","Value":"n"}]})", 40003},
  };
  for (const auto& [body, code] : cases) EXPECT_EQ(call("profile/portrait_set", body).code, code) << body;
}

TEST_F(Profiles, AllowTypeSetByPortraitSetGovernsFriendAdd) {
  import({"a", "b"});
  ASSERT_EQ(set(*this, "b", "Tag_Profile_IM_AllowType", "AllowType_Type_DenyAny").code, 0);
  const auto r = call("sns/friend_add", R"({"From_Account":"a","AddFriendItem":[{"To_Account":"b",
      "AddSource":"AddSource_Type_Web"}]})");
  EXPECT_EQ(r.fields.at("ResultItem").at(0).at("ResultCode").as_int64(), 30516);
}

// ---- sns/friend_get_all (the 2018 shape, §3.5) ----

TEST_F(Profiles, FriendGetAllAnswersTheOldShapeWithFriendAndProfileTags) {
  ASSERT_EQ(call("im_open_login_svc/account_import", R"({"UserID":"id1","Nick":"One"})").code, 0);
  import({"id"});
  ASSERT_EQ(call("sns/friend_add", R"({"From_Account":"id","AddFriendItem":[{"To_Account":"id1",
      "AddSource":"AddSource_Type_Web","Remark":"r1"}],"ForceAddFlags":1})")
                .code,
            0);
  const auto r = call("sns/friend_get_all", R"({"From_Account":"id","StartIndex":0,
      "TagList":["Tag_Profile_IM_Nick","Tag_SNS_IM_Remark","Tag_Profile_IM_Gender"]})");
  ASSERT_EQ(r.code, 0) << r.info;
  EXPECT_EQ(r.fields.at("NeedUpdateAll").as_string(), "GetAll_Type_Yes");
  EXPECT_EQ(r.fields.at("TimeStampNow").as_int64(), kNow);
  EXPECT_EQ(r.fields.at("StartIndex").as_int64(), 0);
  EXPECT_EQ(r.fields.at("FriendNum").as_int64(), 1);
  EXPECT_EQ(r.fields.at("InfoItem"), json::parse(R"([{"Info_Account":"id1","SnsProfileItem":[
      {"Tag":"Tag_Profile_IM_Nick","Value":"One"},{"Tag":"Tag_SNS_IM_Remark","Value":"r1"}]}])"));
  const auto sequence = r.fields.at("CurrentStandardSequence").as_int64();
  EXPECT_GT(sequence, 0);
  const auto again =
      call("sns/friend_get_all",
           json::object{{"From_Account", "id"}, {"StartIndex", 0}, {"LastStandardSequence", sequence}});
  EXPECT_EQ(again.fields.at("NeedUpdateAll").as_string(), "GetAll_Type_No");
  EXPECT_TRUE(again.fields.at("InfoItem").as_array().empty());
  EXPECT_EQ(call("sns/friend_get_all", R"({"StartIndex":0})").code, 30001);
  EXPECT_EQ(call("sns/friend_get_all", R"({"From_Account":"id"})").code, 30001);
  EXPECT_EQ(call("sns/friend_get_all", R"({"From_Account":"ghost","StartIndex":0})").code, 30003);
}

TEST_F(Profiles, FriendGetAllPagesByGetCount) {
  import({"o", "f1", "f2", "f3"});
  ASSERT_EQ(call("sns/friend_add",
                 R"({"From_Account":"o","AddFriendItem":[{"To_Account":"f1","AddSource":"AddSource_Type_A"},
      {"To_Account":"f2","AddSource":"AddSource_Type_A"},{"To_Account":"f3","AddSource":"AddSource_Type_A"}],"ForceAddFlags":1})")
                .code,
            0);
  auto r = call("sns/friend_get_all", R"({"From_Account":"o","StartIndex":0,"GetCount":2})");
  EXPECT_EQ(r.fields.at("InfoItem").as_array().size(), 2u);
  EXPECT_EQ(r.fields.at("StartIndex").as_int64(), 2);
  EXPECT_EQ(r.fields.at("CompleteFlag").as_int64(), 0);
  r = call("sns/friend_get_all", R"({"From_Account":"o","StartIndex":2,"GetCount":2})");
  EXPECT_EQ(r.fields.at("InfoItem").as_array().size(), 1u);
  EXPECT_EQ(r.fields.at("StartIndex").as_int64(), 0);
  EXPECT_EQ(r.fields.at("CompleteFlag").as_int64(), 1);
}

}  // namespace
}  // namespace timock::api::testing
