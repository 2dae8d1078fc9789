// Snapshots carry the REST catalogue's own state (DESIGN "Fixture / snapshot format"; schema/011): a global
// mute, dirty words, follows, conversation groups, the push audience and message extensions survive an export
// into another app; a fixture naming an unknown table or account is refused with the path of the bad field.
#include "rest_endpoints.hpp"

namespace timock::testing {
namespace {

class RestCatalogueSnapshot : public RestEndpointsBase, public ::testing::Test {
 protected:
  void SetUp() override {
    pin_clock(kT0);
    import({"alice", "bob"});
  }
  std::string snapshot_path(std::uint64_t id) const {
    return "/mock/apps/" + std::to_string(id) + "/snapshot";
  }
};

TEST_F(RestCatalogueSnapshot, TheCatalogueStateSurvivesAnExportIntoAnotherApp) {
  ASSERT_EQ(call("openconfigsvr/setnospeaking",
                 json::parse(R"({"Set_Account":"alice","C2CmsgNospeakingTime":4294967295})"))
                .at("ErrorCode"),
            0);
  ASSERT_EQ(call("openim_dirty_words/add", json::parse(R"({"DirtyWordsList":["badword"]})")).at("ErrorCode"),
            0);
  ASSERT_EQ(call("follow/follow_add",
                 json::parse(R"({"From_Account":"alice","FollowItem":[{"To_Account":"bob"}]})"))
                .at("ErrorCode"),
            0);
  ASSERT_EQ(call("recentcontact/create_contact_group",
                 json::parse(R"({"From_Account":"alice","GroupContactItem":[{"GroupName":"work",
                     "ContactItem":[{"Type":1,"To_Account":"bob"}]}]})"))
                .at("ErrorCode"),
            0);
  ASSERT_EQ(
      call("all_member_push/im_add_tag", json::parse(R"({"UserTags":[{"To_Account":"bob","Tags":["vip"]}]})"))
          .at("ErrorCode"),
      0);
  const auto sent = send("bob", "alice", 1, 1, {{"SupportMessageExtension", 1}});
  const json::object where{{"From_Account", "bob"}, {"To_Account", "alice"}, {"MsgKey", sent.at("MsgKey")}};
  auto set = where;
  set["OperateType"] = 1;
  set["ExtensionList"] = json::parse(R"([{"Key":"k","Value":"v","Seq":0}])");
  ASSERT_EQ(call("openim_msg_ext_http_svc/set_key_values", set).at("ErrorCode"), 0);

  const auto exported = server.get(snapshot_path(app.sdkappid));
  ASSERT_EQ(exported.status, 200u) << exported.body;
  auto snapshot = json::parse(exported.body).as_object();
  EXPECT_EQ(snapshot.at("apps").at(0).at("catalogue").at("global_mutes"),
            json::parse(R"([{"user_id":"alice","c2c_until":-1,"group_until":0}])"));
  auto other = create_app(server);
  snapshot["apps"].as_array()[0].as_object()["sdkappid"] = other.sdkappid;
  const auto loaded = server.request("PUT", snapshot_path(other.sdkappid), json::serialize(snapshot));
  ASSERT_EQ(loaded.status, 200u) << loaded.body;

  other.admin_sig = mint_sig(server, other.sdkappid, other.admin);
  EXPECT_EQ(rest(server, other, "openconfigsvr/getnospeaking", json::parse(R"({"Get_Account":"alice"})"))
                .at("C2CmsgNospeakingTime"),
            4294967295LL);
  EXPECT_EQ(rest(server, other, "openim_dirty_words/get", json::object{}).at("DirtyWordsList"),
            json::array{"badword"});
  EXPECT_EQ(rest(server, other, "follow/follow_check",
                 json::parse(R"({"From_Account":"alice","To_Account":["bob"]})"))
                .at("ResultItem")
                .at(0)
                .at("FollowType"),
            1);
  EXPECT_EQ(rest(server, other, "recentcontact/get_contact_group",
                 json::parse(R"({"From_Account":"alice","StartIndex":0})"))
                .at("GroupItem"),
            json::parse(R"([{"GroupName":"work","GroupId":1}])"));
  EXPECT_EQ(rest(server, other, "all_member_push/im_get_tag", json::parse(R"({"To_Account":["bob"]})"))
                .at("UserTags"),
            json::parse(R"([{"To_Account":"bob","Tags":["vip"]}])"));
  EXPECT_EQ(rest(server, other, "openim_msg_ext_http_svc/get_key_values", where).at("ExtensionList"),
            json::parse(R"([{"Key":"k","Value":"v","Seq":1}])"));
}

TEST_F(RestCatalogueSnapshot, AFixtureWithABadCatalogueIsRefusedWithItsPath) {
  const auto base = R"({"apps":[{"sdkappid":)" + std::to_string(app.sdkappid) +
                    R"(,"secret_key":"s","accounts":[{"user_id":"alice"}],"catalogue":)";
  const auto unknown_table = server.request("PUT", snapshot_path(app.sdkappid), base + R"({"nope":[]}}]})");
  EXPECT_GE(unknown_table.status, 400u);
  EXPECT_NE(unknown_table.body.find("$.apps[0].catalogue.nope"), std::string::npos) << unknown_table.body;
  const auto unknown_account =
      server.request("PUT", snapshot_path(app.sdkappid),
                     base + R"({"follows":[{"follower":"alice","followed":"zed","follow_time":1}]}}]})");
  EXPECT_GE(unknown_account.status, 400u);
  EXPECT_NE(unknown_account.body.find("$.apps[0].catalogue.follows[0].followed"), std::string::npos)
      << unknown_account.body;
  EXPECT_EQ(call("openim/sendmsg", json::parse(R"({"From_Account":"alice","To_Account":"bob","MsgRandom":1,
      "MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"still here"}}]})"))
                .at("ErrorCode"),
            0)
      << "a refused fixture changes nothing";
}

}  // namespace
}  // namespace timock::testing
