// The relationship chain's REST commands called directly (reference/rest-api.md §3.5, §4.4, §5): friend_import,
// friend_update, friend_delete(_all), friend_get_list, blacklists, friend groups, friend requests, the
// sequences that move with each change, and the FriendListMod notices online clients get.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "api/command.hpp"
#include "core/clock.hpp"
#include "core/event_hub.hpp"
#include "store/app_registry.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/profile_repository.hpp"
#include "store/store.hpp"
#include "../temp_dir.hpp"

namespace timock::api {
namespace {

namespace json = boost::json;

constexpr std::int64_t kNow = 1700000000;

struct Result {
  int code = 0;
  std::string info;
  json::object fields;
};

// Records what the handlers publish.
class Recorder final : public core::EventListener {
 public:
  void on_delivery(const core::Delivery& d) override { deliveries.push_back(d); }
  void on_kick(core::SdkAppId, std::string_view) override {}
  void on_app_reset(core::SdkAppId) override {}
  std::vector<core::Delivery> deliveries;
  // The FriendListMod items `user` was sent, in order.
  std::vector<json::object> items_for(std::string_view user) const {
    std::vector<json::object> out;
    for (const auto& d : deliveries)
      if (d.kind == core::DeliveryKind::relation_change && d.to.size() == 1 && d.to[0].user == user)
        out.push_back(json::parse(d.notice_json).as_object());
    return out;
  }
};

class RestSns : public ::testing::Test {
 protected:
  store::Store store{":memory:"};
  store::AppRegistry apps{store};
  core::Clock clock;
  core::EventHub hub;
  Recorder recorder;
  CommandTable commands = make_rest_commands();
  std::shared_ptr<const core::App> app;

  void SetUp() override {
    clock.set_now(kNow, true);
    hub.add_listener(&recorder);
    core::App fresh;
    fresh.sdkappid = 1400000043;
    fresh.secret_key = "secret";
    fresh.admin = "administrator";
    fresh.created_at = kNow;
    app = apps.save(fresh);
    json::array accounts;
    for (const char* id : {"alice", "bob", "carol", "dave"}) accounts.emplace_back(id);
    ASSERT_EQ(call("im_open_login_svc/multiaccount_import", json::object{{"Accounts", accounts}}).code, 0);
  }

  // `instance` names a client instance (a WebIM A2Key, a Chat SDK login) calling as a user; empty for REST.
  Result call(std::string_view path, const json::object& body, std::string_view instance = {}) {
    const auto slash = path.find('/');
    const Handler* handler = commands.find(path.substr(0, slash), path.substr(slash + 1));
    if (!handler) {
      ADD_FAILURE() << "no handler for " << path;
      return {};
    }
    const CallContext context{*app, app->admin, store, clock, &hub, instance};
    const Reply reply = (*handler)(context, body);
    return {core::to_int(reply.code), reply.error_info, json::parse(json::serialize(reply.wire_fields())).as_object()};
  }
  Result call(std::string_view path, std::string_view body) { return call(path, json::parse(body).as_object()); }

  void allow(const std::string& user, const char* allow_type) {
    auto locked = store.lock();
    store::ProfileRepository(locked.db(), app->sdkappid)
        .set_tag(user, "Tag_Profile_IM_AllowType", std::string("\"") + allow_type + "\"");
  }
  void befriend(const std::string& a, const std::string& b) {
    const auto r = call("sns/friend_add", json::object{{"From_Account", a},
                                                       {"AddFriendItem", json::array{json::object{
                                                                             {"To_Account", b},
                                                                             {"AddSource", "AddSource_Type_Test"}}}},
                                                       {"ForceAddFlags", 1}});
    ASSERT_EQ(r.fields.at("ResultItem").at(0).at("ResultCode").as_int64(), 0) << json::serialize(r.fields);
  }
  std::string relation(const std::string& a, const std::string& b) {
    return std::string(call("sns/friend_check", json::object{{"From_Account", a},
                                                             {"To_Account", json::array{json::value(b)}},
                                                             {"CheckType", "CheckResult_Type_Both"}})
                           .fields.at("InfoItem")
                           .at(0)
                           .at("Relation")
                           .as_string());
  }
  std::int64_t sequence(const std::string& user) {
    return call("sns/friend_get", json::object{{"From_Account", user}, {"StartIndex", 0}})
        .fields.at("StandardSequence")
        .as_int64();
  }
  json::array pendencies(const std::string& user, const char* type = "Pendency_Type_Both") {
    return call("sns/pendency_get", json::object{{"From_Account", user}, {"PendencyType", type}})
        .fields.at("PendencyItem")
        .as_array();
  }
};

// ---- friend_add with confirmation, and the requests it makes ----

TEST_F(RestSns, FriendAddToNeedConfirmMakesARequestBothSidesSeeAndAreTold) {
  const auto r = call("sns/friend_add", R"({"From_Account":"alice","AddFriendItem":[{"To_Account":"bob",
      "AddSource":"AddSource_Type_Web","AddWording":"hi, it's alice","GroupName":"work"}]})");
  EXPECT_EQ(r.fields, json::parse(R"({"ResultItem":[{"To_Account":"bob","ResultCode":30539,
      "ResultInfo":"Err_SNS_FriendAdd_Need_Confirm"}],"Fail_Account":["bob"]})"));
  EXPECT_EQ(relation("alice", "bob"), "CheckResult_Type_NoRelation");
  EXPECT_EQ(json::value(pendencies("bob")), json::parse(R"([{"To_Account":"alice","PendencyType":"Pendency_Type_ComeIn",
      "AddSource":"AddSource_Type_Web","AddWording":"hi, it's alice","AddTime":1700000000,"Nick":"","Image":""}])"));
  EXPECT_EQ(pendencies("alice").at(0).at("PendencyType"), "Pendency_Type_SendOut");
  EXPECT_EQ(pendencies("alice", "Pendency_Type_ComeIn").size(), 0u);
  const auto got = call("sns/pendency_get", R"({"From_Account":"bob","PendencyType":"Pendency_Type_ComeIn"})");
  EXPECT_EQ(got.fields.at("UnreadPendencyCount"), 1);
  EXPECT_EQ(got.fields.at("StartTime"), 0);

  const auto told = recorder.items_for("bob");
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0], json::parse(R"({"PushType":3,"From":"alice","PendencyAdd":[{"PendencyAdd_Account":"alice",
      "ProfileImNick":"","PendencyType":"Pendency_Type_ComeIn","AddSource":"AddSource_Type_Web",
      "AddWording":"hi, it's alice","AddTime":1700000000}]})"));
  ASSERT_EQ(recorder.items_for("alice").size(), 1u);
  EXPECT_EQ(recorder.items_for("alice")[0].at("PendencyAdd").at(0).at("PendencyAdd_Account"), "bob");

  ASSERT_EQ(call("sns/pendency_report", R"({"From_Account":"bob","LatestPendencyTimeStamp":1700000000})").code, 0);
  EXPECT_EQ(call("sns/pendency_get", R"({"From_Account":"bob"})").fields.at("UnreadPendencyCount"), 0);
}

TEST_F(RestSns, FriendResponseAgreeAndAddMakesBothFriendsWithTheRequestersGroup) {
  ASSERT_EQ(call("sns/friend_add", R"({"From_Account":"alice","AddFriendItem":[{"To_Account":"bob",
      "AddSource":"AddSource_Type_Web","Remark":"Bobby","GroupName":"work"}]})")
                .fields.at("ResultItem").at(0).at("ResultCode"), 30539);
  const auto before = sequence("alice");
  recorder.deliveries.clear();
  const auto r = call("sns/friend_response", R"({"From_Account":"bob","ResponseFriendItem":[
      {"To_Account":"alice","ResponseAction":"Response_Action_AgreeAndAdd","Remark":"Al","TagName":"school"},
      {"To_Account":"carol","ResponseAction":"Response_Action_Agree"}]})");
  EXPECT_EQ(r.fields, json::parse(R"({"ResultItem":[{"To_Account":"alice","ResultCode":0,"ResultInfo":""},
      {"To_Account":"carol","ResultCode":30614,"ResultInfo":"Err_SNS_Pendency_Not_Exist"}],"Fail_Account":["carol"]})"));
  EXPECT_EQ(relation("alice", "bob"), "CheckResult_Type_BothWay");
  EXPECT_GT(sequence("alice"), before);
  EXPECT_EQ(pendencies("bob").size(), 0u);
  const auto mine = call("sns/friend_get_list", R"({"From_Account":"alice","To_Account":["bob"],
      "TagList":["Tag_SNS_IM_Remark","Tag_SNS_IM_Group"]})");
  EXPECT_EQ(mine.fields.at("InfoItem").at(0).at("SnsProfileItem"),
            json::parse(R"([{"Tag":"Tag_SNS_IM_Remark","Value":"Bobby"},{"Tag":"Tag_SNS_IM_Group","Value":["work"]}])"));
  const auto theirs = call("sns/friend_get_list", R"({"From_Account":"bob","To_Account":["alice"],
      "TagList":["Tag_SNS_IM_Remark","Tag_SNS_IM_Group"]})");
  EXPECT_EQ(theirs.fields.at("InfoItem").at(0).at("SnsProfileItem"),
            json::parse(R"([{"Tag":"Tag_SNS_IM_Remark","Value":"Al"},{"Tag":"Tag_SNS_IM_Group","Value":["school"]}])"));
  // Each side hears that the request went and the friend came.
  bool alice_added = false, bob_added = false;
  for (const auto& item : recorder.items_for("alice"))
    if (item.contains("FriendAdd_Account")) alice_added = item.at("FriendAdd_Account") == json::array{"bob"};
  for (const auto& item : recorder.items_for("bob"))
    if (item.contains("FriendAdd_Account")) bob_added = item.at("FriendAdd_Account") == json::array{"alice"};
  EXPECT_TRUE(alice_added);
  EXPECT_TRUE(bob_added);
}

TEST_F(RestSns, FriendResponseAgreeAddsTheRequesterOnlyAndRejectAddsNobody) {
  call("sns/friend_add", R"({"From_Account":"alice","AddFriendItem":[{"To_Account":"bob","AddSource":"AddSource_Type_Web"}]})");
  call("sns/friend_add", R"({"From_Account":"carol","AddFriendItem":[{"To_Account":"bob","AddSource":"AddSource_Type_Web"}]})");
  ASSERT_EQ(call("sns/friend_response", R"({"From_Account":"bob","ResponseFriendItem":[
      {"To_Account":"alice","ResponseAction":"Response_Action_Agree"},
      {"To_Account":"carol","ResponseAction":"Response_Action_Reject"}]})").fields.contains("Fail_Account"), false);
  EXPECT_EQ(relation("alice", "bob"), "CheckResult_Type_AWithB");
  EXPECT_EQ(relation("carol", "bob"), "CheckResult_Type_NoRelation");
  EXPECT_EQ(pendencies("bob").size(), 0u);
}

TEST_F(RestSns, PendencyDeleteRemovesOneSidesRequestsAndReports30614) {
  call("sns/friend_add", R"({"From_Account":"alice","AddFriendItem":[{"To_Account":"bob","AddSource":"AddSource_Type_Web"}]})");
  EXPECT_EQ(call("sns/pendency_delete", R"({"From_Account":"bob","PendencyType":"Pendency_Type_ComeIn",
      "To_Account":["alice","carol"]})").fields,
            json::parse(R"({"ResultItem":[{"To_Account":"alice","ResultCode":0,"ResultInfo":""},
      {"To_Account":"carol","ResultCode":30614,"ResultInfo":"Err_SNS_Pendency_Not_Exist"}],"Fail_Account":["carol"]})"));
  EXPECT_EQ(pendencies("alice").size(), 0u);
  EXPECT_EQ(call("sns/pendency_delete", R"({"From_Account":"bob","To_Account":["alice"]})").code, 30001);
}

TEST_F(RestSns, FriendAddDeniedOrForcedFollowsTheTargetsAllowType) {
  allow("bob", "AllowType_Type_DenyAny");
  allow("carol", "AllowType_Type_AllowAny");
  const auto r = call("sns/friend_add", R"({"From_Account":"alice","AddFriendItem":[
      {"To_Account":"bob","AddSource":"AddSource_Type_Web"},{"To_Account":"carol","AddSource":"AddSource_Type_Web"}]})");
  EXPECT_EQ(r.fields.at("ResultItem").at(0).at("ResultCode"), 30516);
  EXPECT_EQ(r.fields.at("ResultItem").at(1).at("ResultCode"), 0);
  EXPECT_EQ(r.fields.at("Fail_Account"), json::array{"bob"});
  EXPECT_EQ(relation("alice", "carol"), "CheckResult_Type_BothWay");
  const auto again = call("sns/friend_add", R"({"From_Account":"alice","AddFriendItem":[
      {"To_Account":"carol","AddSource":"AddSource_Type_Web"}]})");
  EXPECT_EQ(again.fields.at("ResultItem").at(0),
            json::parse(R"({"To_Account":"carol","ResultCode":30001,"ResultInfo":"Err_SNS_FriendAdd_Friend_Exist"})"));
  EXPECT_EQ(call("sns/friend_add", R"({"From_Account":"alice","ForceAddFlags":1,"AddFriendItem":[
      {"To_Account":"bob","AddSource":"AddSource_Type_Web"}]})").fields.at("ResultItem").at(0).at("ResultCode"), 0);
}

// ---- friend_import, friend_update, friend_get, friend_get_list ----

TEST_F(RestSns, FriendImportAddsOneDirectionWithGroupsAndCustomFields) {
  const auto r = call("sns/friend_import", R"({"From_Account":"alice","AddFriendItem":[
      {"To_Account":"bob","AddSource":"AddSource_Type_Import","Remark":"B","GroupName":["g1","g2"],
       "AddTime":1600000000,"CustomItem":[{"Tag":"Tag_SNS_Custom_Level","Value":3}]},
      {"To_Account":"bob","AddSource":"AddSource_Type_Import"},
      {"To_Account":"ghost","AddSource":"AddSource_Type_Import"},
      {"To_Account":"carol","AddSource":"AddSource_Type_Import","CustomItem":[{"Tag":"Tag_SNS_IM_Remark","Value":"x"}]}]})");
  EXPECT_EQ(r.fields, json::parse(R"({"ResultItem":[{"To_Account":"bob","ResultCode":0,"ResultInfo":""},
      {"To_Account":"bob","ResultCode":30001,"ResultInfo":"Err_SNS_FriendImport_Friend_Exist"},
      {"To_Account":"ghost","ResultCode":30003,"ResultInfo":"Err_SNS_Account_Not_Exist"},
      {"To_Account":"carol","ResultCode":30001,"ResultInfo":"CustomItem must be [{Tag: Tag_SNS_Custom_…, Value}]"}],
      "Fail_Account":["bob","ghost","carol"]})"));
  EXPECT_EQ(relation("alice", "bob"), "CheckResult_Type_AWithB");
  EXPECT_EQ(call("sns/friend_get", R"({"From_Account":"alice","StartIndex":0})").fields.at("UserDataItem"),
            json::parse(R"([{"To_Account":"bob","ValueItem":[{"Tag":"Tag_SNS_IM_AddSource","Value":"AddSource_Type_Import"},
      {"Tag":"Tag_SNS_IM_Remark","Value":"B"},{"Tag":"Tag_SNS_IM_Group","Value":["g1","g2"]},
      {"Tag":"Tag_SNS_IM_AddTime","Value":1600000000},{"Tag":"Tag_SNS_Custom_Level","Value":3}]}])"));
  EXPECT_EQ(call("sns/group_get", R"({"From_Account":"alice"})").fields.at("ResultItem"),
            json::parse(R"([{"GroupName":"g1","FriendNumber":1},{"GroupName":"g2","FriendNumber":1}])"));
}

TEST_F(RestSns, FriendUpdateChangesRemarkGroupsAndCustomFieldsAndMovesTheSequence) {
  befriend("alice", "bob");
  const auto before = sequence("alice");
  recorder.deliveries.clear();
  const auto r = call("sns/friend_update", R"({"From_Account":"alice","UpdateItem":[
      {"To_Account":"bob","SnsItem":[{"Tag":"Tag_SNS_IM_Remark","Value":"remark1"},
        {"Tag":"Tag_SNS_IM_Group","Value":["group1","group2"]},{"Tag":"Tag_SNS_Custom_Color","Value":"red"}]},
      {"To_Account":"carol","SnsItem":[{"Tag":"Tag_SNS_IM_Remark","Value":"x"}]},
      {"To_Account":"bob","SnsItem":[{"Tag":"Tag_SNS_IM_AddSource","Value":"AddSource_Type_X"}]}]})");
  EXPECT_EQ(r.fields, json::parse(R"({"ResultItem":[{"To_Account":"bob","ResultCode":0,"ResultInfo":""},
      {"To_Account":"carol","ResultCode":30001,"ResultInfo":"Err_SNS_FriendUpdate_Friend_Not_Exist"},
      {"To_Account":"bob","ResultCode":30001,"ResultInfo":"Err_SNS_FriendUpdate_Invalid_Tag_Value"}],
      "Fail_Account":["carol","bob"]})"));
  EXPECT_EQ(sequence("alice"), before + 1);
  const auto list = call("sns/friend_get_list", R"({"From_Account":"alice","To_Account":["bob","carol"],
      "TagList":["Tag_SNS_IM_Remark","Tag_SNS_IM_Group","Tag_SNS_Custom_Color","Tag_Profile_IM_Nick"]})");
  EXPECT_EQ(list.fields, json::parse(R"({"InfoItem":[{"To_Account":"bob","SnsProfileItem":[
      {"Tag":"Tag_SNS_IM_Remark","Value":"remark1"},{"Tag":"Tag_SNS_IM_Group","Value":["group1","group2"]},
      {"Tag":"Tag_SNS_Custom_Color","Value":"red"}],"ResultCode":0,"ResultInfo":""},
      {"To_Account":"carol","ResultCode":30001,"ResultInfo":"Err_SNS_FriendGetList_Friend_Not_Exist"}],
      "Fail_Account":["carol"]})"));
  const auto told = recorder.items_for("alice");
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0].at("FriendUpInfo").at(0).at("Friend_Account"), "bob");
  EXPECT_EQ(told[0].at("PushType"), 8);
}

TEST_F(RestSns, FriendUpdateIntoA33rdGroupReturns30011) {
  befriend("alice", "bob");
  json::array names;
  for (int i = 0; i < 32; ++i) names.emplace_back("g" + std::to_string(i));
  ASSERT_EQ(call("sns/group_add", json::object{{"From_Account", "alice"}, {"GroupName", names}}).code, 0);
  const auto r = call("sns/friend_update", R"({"From_Account":"alice","UpdateItem":[
      {"To_Account":"bob","SnsItem":[{"Tag":"Tag_SNS_IM_Group","Value":["one more"]}]}]})");
  EXPECT_EQ(r.fields.at("ResultItem").at(0).at("ResultCode"), 30011);
  EXPECT_EQ(call("sns/group_add", R"({"From_Account":"alice","GroupName":["one more"]})").code, 30011);
}

// ---- friend_delete, friend_delete_all ----

TEST_F(RestSns, FriendDeleteSingleAndBothAnd31704) {
  befriend("alice", "bob");
  befriend("alice", "carol");
  const auto r = call("sns/friend_delete", R"({"From_Account":"alice","To_Account":["bob","dave","ghost"]})");
  EXPECT_EQ(r.fields, json::parse(R"({"ResultItem":[{"To_Account":"bob","ResultCode":0,"ResultInfo":""},
      {"To_Account":"dave","ResultCode":31704,"ResultInfo":"Err_SNS_FriendDelete_Not_Friend"},
      {"To_Account":"ghost","ResultCode":30003,"ResultInfo":"Err_SNS_Account_Not_Exist"}],"Fail_Account":["dave","ghost"]})"));
  EXPECT_EQ(relation("alice", "bob"), "CheckResult_Type_BWithA");
  ASSERT_EQ(call("sns/friend_delete", R"({"From_Account":"alice","To_Account":["carol"],"DeleteType":"Delete_Type_Both"})")
                .fields.contains("Fail_Account"), false);
  EXPECT_EQ(relation("alice", "carol"), "CheckResult_Type_NoRelation");
  EXPECT_EQ(call("sns/friend_delete", R"({"From_Account":"alice","To_Account":["bob"],"DeleteType":"Both"})").code, 30001);
  EXPECT_EQ(call("sns/friend_delete", R"({"From_Account":"alice","To_Account":[]})").code, 30001);
}

TEST_F(RestSns, FriendDeleteAllEmptiesTheListAndBothWaysTheOthers) {
  befriend("alice", "bob");
  befriend("alice", "carol");
  ASSERT_EQ(call("sns/friend_delete_all", R"({"From_Account":"alice"})").code, 0);
  EXPECT_EQ(relation("alice", "bob"), "CheckResult_Type_BWithA");
  befriend("alice", "dave");
  ASSERT_EQ(call("sns/friend_delete_all", R"({"From_Account":"alice","DeleteType":"Delete_Type_Both"})").code, 0);
  for (const char* peer : {"bob", "carol", "dave"}) EXPECT_EQ(relation("alice", peer), "CheckResult_Type_NoRelation");
  EXPECT_EQ(call("sns/friend_delete_all", R"({"From_Account":"ghost"})").code, 30003);
}

// ---- blacklists ----

TEST_F(RestSns, BlackListAddEndsTheFriendshipBothWaysAndPagesWithCurruentSequence) {
  befriend("alice", "bob");
  const auto r = call("sns/black_list_add", R"({"From_Account":"alice","To_Account":["bob","carol","ghost","alice"]})");
  EXPECT_EQ(r.fields.at("Fail_Account"), json::parse(R"(["ghost","alice"])"));
  EXPECT_EQ(relation("alice", "bob"), "CheckResult_Type_NoRelation");
  EXPECT_EQ(call("sns/black_list_add", R"({"From_Account":"alice","To_Account":["bob"]})").fields.at("ResultItem").at(0),
            json::parse(R"({"To_Account":"bob","ResultCode":30001,"ResultInfo":"Err_SNS_BlackListAdd_Already_Exist"})"));
  const auto page = call("sns/black_list_get", R"({"From_Account":"alice","StartIndex":0,"MaxLimited":1,"LastSequence":0})");
  EXPECT_EQ(page.fields, json::parse(R"({"BlackListItem":[{"To_Account":"bob","AddBlackTimeStamp":1700000000}],
      "StartIndex":1,"CurruentSequence":2})"));
  EXPECT_EQ(call("sns/black_list_get", R"({"From_Account":"alice","StartIndex":1,"MaxLimited":1,"LastSequence":0})").fields,
            json::parse(R"({"BlackListItem":[{"To_Account":"carol","AddBlackTimeStamp":1700000000}],
      "StartIndex":0,"CurruentSequence":2})"));
  EXPECT_EQ(call("sns/black_list_get", R"({"From_Account":"alice","StartIndex":0})").code, 30001);
  // Friends again only after unblocking: 30515 / 30525 meanwhile.
  EXPECT_EQ(call("sns/friend_add", R"({"From_Account":"bob","ForceAddFlags":1,"AddFriendItem":[
      {"To_Account":"alice","AddSource":"AddSource_Type_Web"}]})").fields.at("ResultItem").at(0).at("ResultCode"), 30525);
  EXPECT_EQ(call("sns/friend_add", R"({"From_Account":"alice","ForceAddFlags":1,"AddFriendItem":[
      {"To_Account":"bob","AddSource":"AddSource_Type_Web"}]})").fields.at("ResultItem").at(0).at("ResultCode"), 30515);

  bool told_blocked = false, told_unfriended = false;
  for (const auto& item : recorder.items_for("alice"))
    if (item.contains("BlackListAdd_Account"))
      told_blocked = item.at("BlackListAdd_Account") == json::parse(R"(["bob","carol"])") && item.at("PushType") == 5;
  for (const auto& item : recorder.items_for("bob"))
    if (item.contains("FriendDel_Account")) told_unfriended = item.at("FriendDel_Account") == json::array{"alice"};
  EXPECT_TRUE(told_blocked);
  EXPECT_TRUE(told_unfriended);
}

TEST_F(RestSns, BlackListCheckAndDelete) {
  call("sns/black_list_add", R"({"From_Account":"alice","To_Account":["bob","carol"]})");
  call("sns/black_list_add", R"({"From_Account":"bob","To_Account":["alice"]})");
  call("sns/black_list_add", R"({"From_Account":"dave","To_Account":["alice"]})");
  const auto both = call("sns/black_list_check", R"({"From_Account":"alice","To_Account":["bob","carol","dave","ghost"],
      "CheckType":"BlackCheckResult_Type_Both"})");
  EXPECT_EQ(both.fields, json::parse(R"({"BlackListCheckItem":[
      {"To_Account":"bob","Relation":"BlackCheckResult_Type_BothWay","ResultCode":0,"ResultInfo":""},
      {"To_Account":"carol","Relation":"BlackCheckResult_Type_AWithB","ResultCode":0,"ResultInfo":""},
      {"To_Account":"dave","Relation":"BlackCheckResult_Type_BWithA","ResultCode":0,"ResultInfo":""},
      {"To_Account":"ghost","Relation":"BlackCheckResult_Type_NO","ResultCode":30003,"ResultInfo":"Err_SNS_Account_Not_Exist"}],
      "Fail_Account":["ghost"]})"));
  EXPECT_EQ(call("sns/black_list_check", R"({"From_Account":"alice","To_Account":["dave"],
      "CheckType":"BlackCheckResult_Type_Single"})").fields.at("BlackListCheckItem").at(0).at("Relation"),
            "BlackCheckResult_Type_NO");
  EXPECT_EQ(call("sns/black_list_check", R"({"From_Account":"alice","To_Account":["dave"],"CheckType":"x"})").code, 30001);
  EXPECT_EQ(call("sns/black_list_delete", R"({"From_Account":"alice","To_Account":["bob","dave"]})").fields,
            json::parse(R"({"ResultItem":[{"To_Account":"bob","ResultCode":0,"ResultInfo":""},
      {"To_Account":"dave","ResultCode":30001,"ResultInfo":"Err_SNS_BlackListDelete_Not_Exist"}],"Fail_Account":["dave"]})"));
  EXPECT_EQ(call("sns/black_list_get", R"({"From_Account":"alice","StartIndex":0,"MaxLimited":30,"LastSequence":0})")
                .fields.at("CurruentSequence"), 3);
}

TEST_F(RestSns, BlackListStopsAt1000Entries) {
  json::array ids;
  for (int i = 0; i < 1001; ++i) ids.emplace_back("u" + std::to_string(i));
  for (std::size_t i = 0; i < ids.size(); i += 100) {
    json::array batch(ids.begin() + static_cast<std::ptrdiff_t>(i),
                      ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), i + 100)));
    ASSERT_EQ(call("im_open_login_svc/multiaccount_import", json::object{{"Accounts", batch}}).code, 0);
  }
  ASSERT_EQ(call("sns/black_list_add", json::object{{"From_Account", "alice"}, {"To_Account", ids}}).code, 30001)
      << "at most 1000 per request";
  ids.pop_back();
  ASSERT_FALSE(call("sns/black_list_add", json::object{{"From_Account", "alice"}, {"To_Account", ids}}).fields.contains("Fail_Account"));
  EXPECT_EQ(call("sns/black_list_add", R"({"From_Account":"alice","To_Account":["u1000"]})").fields.at("ResultItem").at(0).at("ResultCode"),
            30013);
}

TEST_F(RestSns, AClientsMessageToSomeoneWhoBlockedItIsRefusedWith20007) {
  ASSERT_FALSE(call("sns/black_list_add", R"({"From_Account":"bob","To_Account":["alice"]})").fields.contains("Fail_Account"));
  const auto send = [&](const char* from, const char* to, std::string_view instance) {
    return call("openim/sendmsg",
                json::object{{"From_Account", from}, {"To_Account", to}, {"MsgRandom", 1},
                             {"MsgBody", json::parse(R"([{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}])")}},
                instance)
        .code;
  };
  EXPECT_EQ(send("alice", "bob", "a2-of-alice"), 20007);
  EXPECT_EQ(send("bob", "alice", "a2-of-bob"), 0) << "only the blocked side is refused (§3.5)";
  EXPECT_EQ(send("alice", "bob", ""), 0) << "the admin's REST send checks no blacklist (§3.3)";
  call("sns/black_list_delete", R"({"From_Account":"bob","To_Account":["alice"]})");
  EXPECT_EQ(send("alice", "bob", "a2-of-alice"), 0);
}

// ---- friend groups ----

TEST_F(RestSns, GroupAddGetDeleteWithFriendsAnd32216) {
  befriend("alice", "bob");
  const auto added = call("sns/group_add", R"({"From_Account":"alice","GroupName":["family"],"To_Account":["bob","carol"]})");
  EXPECT_EQ(added.fields, json::parse(R"({"ResultItem":[{"To_Account":"bob","ResultCode":0,"ResultInfo":""},
      {"To_Account":"carol","ResultCode":32216,"ResultInfo":"Err_SNS_GroupAdd_ToTinyId_Not_Friend"}],
      "Fail_Account":["carol"],"CurrentSequence":1})"));
  EXPECT_EQ(call("sns/group_add", R"({"From_Account":"alice","GroupName":["empty"]})").fields,
            json::parse(R"({"CurrentSequence":2})"));
  EXPECT_EQ(call("sns/group_get", R"({"From_Account":"alice","NeedFriend":"Need_Friend_Type_Yes"})").fields,
            json::parse(R"({"ResultItem":[{"GroupName":"family","FriendNumber":1,"To_Account":["bob"]},
      {"GroupName":"empty","FriendNumber":0,"To_Account":[]}],"CurrentSequence":2})"));
  EXPECT_EQ(call("sns/group_get", R"({"From_Account":"alice"})").fields.at("ResultItem"),
            json::parse(R"([{"GroupName":"family","FriendNumber":1},{"GroupName":"empty","FriendNumber":0}])"));
  EXPECT_EQ(call("sns/group_get", R"({"From_Account":"alice","GroupName":["empty"]})").fields.at("ResultItem"),
            json::parse(R"([{"GroupName":"empty","FriendNumber":0,"To_Account":[]}])"));
  EXPECT_EQ(call("sns/group_delete", R"({"From_Account":"alice","GroupName":["family"]})").fields,
            json::parse(R"({"CurrentSequence":3})"));
  EXPECT_EQ(call("sns/friend_get_list", R"({"From_Account":"alice","To_Account":["bob"],"TagList":["Tag_SNS_IM_Group"]})")
                .fields.at("InfoItem").at(0).at("SnsProfileItem"), json::array{});
  EXPECT_EQ(call("sns/group_delete", R"({"From_Account":"alice","GroupName":["nope"]})").code, 30001);
  EXPECT_EQ(call("sns/group_add", R"({"From_Account":"alice","GroupName":[""]})").code, 30001);
  EXPECT_EQ(call("sns/group_add", R"({"From_Account":"alice","GroupName":["0123456789012345678901234567890"]})").code, 30001);
  EXPECT_EQ(call("sns/group_add", R"({"From_Account":"ghost","GroupName":["x"]})").code, 30003);
}

// ---- requests to the store that must never be trusted ----

TEST_F(RestSns, BadRequestsAnswer30001Or30003AndChangeNothing) {
  befriend("alice", "bob");
  const auto seq = sequence("alice");
  const char* cases[][2] = {
      {"sns/friend_import", R"({"From_Account":"alice"})"},
      {"sns/friend_import", R"({"From_Account":"alice","AddFriendItem":{}})"},
      {"sns/friend_update", R"({"From_Account":"alice","UpdateItem":[]})"},
      {"sns/friend_delete", R"({"From_Account":"alice","To_Account":[1]})"},
      {"sns/friend_delete_all", R"({"From_Account":7})"},
      {"sns/friend_get_list", R"({"From_Account":"alice","To_Account":["bob"]})"},
      {"sns/friend_get_list", R"({"From_Account":"alice","To_Account":["bob"],"TagList":["Tag_Nothing"]})"},
      {"sns/black_list_add", R"({"From_Account":"alice","To_Account":"bob"})"},
      {"sns/black_list_delete", R"({"From_Account":"alice"})"},
      {"sns/group_get", R"({"From_Account":"alice","NeedFriend":"yes"})"},
      {"sns/pendency_get", R"({"From_Account":"alice","PendencyType":"x"})"},
      {"sns/pendency_report", R"({"From_Account":"alice"})"},
      {"sns/friend_response", R"({"From_Account":"alice","ResponseFriendItem":[]})"},
  };
  for (const auto& [path, body] : cases) EXPECT_EQ(call(path, body).code, 30001) << path << " " << body;
  for (const char* path : {"sns/friend_update", "sns/friend_delete", "sns/black_list_add", "sns/friend_get_list"})
    EXPECT_EQ(call(path, R"({"From_Account":"ghost","To_Account":["bob"],"UpdateItem":[{"To_Account":"bob","SnsItem":[{"Tag":"Tag_SNS_IM_Remark","Value":"x"}]}],"TagList":["Tag_SNS_IM_Remark"]})").code,
              30003) << path;
  json::array many;
  for (int i = 0; i < 101; ++i) many.emplace_back("bob");
  EXPECT_EQ(call("sns/friend_get_list", json::object{{"From_Account", "alice"}, {"To_Account", many},
                                                     {"TagList", json::array{"Tag_SNS_IM_Remark"}}}).code, 30001);
  EXPECT_EQ(sequence("alice"), seq);
  EXPECT_EQ(relation("alice", "bob"), "CheckResult_Type_BothWay");
}

// schema/010: a database made before friend groups existed on their own keeps every group a friend is in.
TEST(RestSnsUpgrade, FriendGroupsInUseBeforeTheRelationshipChainMigrationAreFriendGroupsAfterIt) {
  timock::testing::TempDir dir{"timock-sns-upgrade"};
  const std::string path = dir.path + "/v6.db";
  {
    store::Database db(path);
    for (const auto& migration : store::embedded_migrations()) {
      if (migration.version > 6) break;
      db.exec(migration.sql);
      db.exec("PRAGMA user_version = " + std::to_string(migration.version));
    }
    db.exec("INSERT INTO apps (sdkappid, admin, created_at) VALUES (1, 'administrator', 0);"
            "INSERT INTO accounts (sdkappid, user_id, created_at) VALUES (1, 'alice', 0), (1, 'bob', 0), (1, 'carol', 0);"
            "INSERT INTO friends (sdkappid, owner, friend, groups, add_time) VALUES "
            "(1, 'alice', 'bob', '[\"work\",\"gym\"]', 0), (1, 'alice', 'carol', '[\"work\"]', 0);");
  }
  store::Store store(path);  // migrates
  store::AppRegistry apps(store);
  core::Clock clock;
  const auto app = apps.find(1);
  ASSERT_TRUE(app);
  const CommandTable commands = make_rest_commands();
  const CallContext context{*app, app->admin, store, clock};
  const auto reply = (*commands.find("sns", "group_get"))(context, json::parse(R"({"From_Account":"alice"})").as_object());
  EXPECT_EQ(json::parse(json::serialize(reply.wire_fields())).at("ResultItem"),
            json::parse(R"([{"GroupName":"gym","FriendNumber":1},{"GroupName":"work","FriendNumber":2}])"));
}

}  // namespace
}  // namespace timock::api
