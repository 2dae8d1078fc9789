// Snapshots and fixtures (DESIGN "Fixture / snapshot format"): export then import gives back the same
// state, a bad fixture is refused whole with the path of its bad field, and `--fixture` loads files at start.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "control_helpers.hpp"

namespace timock::testing {
namespace {

using namespace control;

const std::string kDemoFixture = std::string(TIMOCK_TEST_DATA) + "/../../fixtures/demo.json";

// Every part of the format: profiles, friends with groups, remarks and custom fields, a pending request with
// the group it asks for, friend groups (an empty one too), a blacklist
// entry, messages with custom data, flags, visibility and extra fields, and quotas (generous enough that the
// tests' calls never meet them).
const char* const kRichApp = R"({
  "sdkappid": 1, "secret_key": "rich-secret", "admin": "administrator", "public_key_pem": null,
  "created_at": 1690000000,
  "options": {"quotas": {"app_per_second": 1000, "limits": {"openim/sendmsg": {"per_second": 150},
                                                            "openim/batchsendmsg": {"recipients_per_minute": null}}}},
  "accounts": [
    {"user_id": "alice", "nick": "Alice", "face_url": "https://example.com/a.png", "created_at": 1690000001,
     "pendency_read_time": 1690000150,
     "profile": {"Tag_Profile_IM_Gender": "Gender_Type_Female", "Tag_Profile_IM_AllowType": "AllowType_Type_AllowAny"}},
    {"user_id": "bob", "nick": "Bob", "created_at": 1690000002},
    {"user_id": "carol", "created_at": 1690000003},
    {"user_id": "dave", "nick": "戴夫", "created_at": 1690000004}
  ],
  "friends": [
    {"owner": "alice", "friend": "bob", "remark": "Bobby", "groups": ["work"], "add_source": "AddSource_Type_Web",
     "add_wording": "hello", "add_time": 1690000100, "custom": [{"Tag": "Tag_SNS_Custom_Level", "Value": 3}]},
    {"owner": "bob", "friend": "alice", "add_source": "AddSource_Type_Web", "add_time": 1690000100}
  ],
  "friend_requests": [{"from": "carol", "to": "alice", "add_source": "AddSource_Type_Android",
                       "add_wording": "add me", "add_time": 1690000200, "groups": ["school"]}],
  "friend_groups": [{"owner": "alice", "name": "work"}, {"owner": "alice", "name": "empty"}],
  "blacklist": [{"owner": "alice", "blocked": "dave", "add_time": 1690000300}],
  "groups": [],
  "messages": [
    {"from": "alice", "to": "bob", "time": 1690001000, "seq": 1, "random": 11,
     "body": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "hi bob"}}]},
    {"from": "bob", "to": "alice", "time": 1690001060, "seq": 2, "random": 12, "is_read": true,
     "cloud_custom_data": "{\"k\":1}", "body": [{"MsgType": "TIMFaceElem", "MsgContent": {"Index": 1, "Data": "x"}}]},
    {"from": "alice", "to": "carol", "time": 1690001120, "seq": 3, "random": 13, "sender_sees": false,
     "counts_unread": false, "flag_bits": 3, "extra": {"note": "kept as is"},
     "body": [{"MsgType": "TIMLocationElem", "MsgContent": {"Desc": "here", "Latitude": 22.5, "Longitude": 114.1}}]}
  ]
})";

class ControlSnapshots : public ::testing::Test {
 protected:
  TimockProcess server;
  TestApp app = create_app(server);

  void SetUp() override {
    const auto loaded = server.request("PUT", app_path(app, "/snapshot"), kRichApp);
    ASSERT_EQ(loaded.status, 200u) << loaded.body;
    app.secret_key = "rich-secret";
    app.admin_sig = mint_sig(server, app.sdkappid, "administrator");
  }

  static json::value without_sdkappid(const std::string& snapshot) {
    auto value = json::parse(snapshot);
    for (auto& one : value.at("apps").as_array()) one.as_object().erase("sdkappid");
    return value;
  }
};

TEST_F(ControlSnapshots, ExportImportIntoAnotherIdAndExportAgainGivesTheSameJson) {
  // Some state made through the REST API on top of the fixture.
  import_account(server, app, "erin");
  ASSERT_EQ(code_of(send_text(server, app, "erin", "alice", "new here", 77)), 0);
  ASSERT_EQ(code_of(send_text(server, app, "alice", "erin", "welcome", 78)), 0);
  // Conversation state of its own: bob deletes his conversation with alice, erin marks hers.
  ASSERT_EQ(code_of(rest(server, app, "recentcontact/delete",
                         json::object{{"From_Account", "bob"}, {"Type", 1}, {"To_Account", "alice"}})),
            0);
  ASSERT_EQ(code_of(rest(server, app, "recentcontact/mark_contact",
                         json::parse(R"({"From_Account":"erin","MarkItem":[{"OptType":1,"ContactItem":{"Type":1,)"
                                     R"("To_Account":"alice"},"SetMark":[3]}]})"))),
            0);

  const auto exported = export_snapshot(server, app.sdkappid);
  EXPECT_NE(exported.find(R"("owner":"bob","peer":"alice","hidden":true)"), std::string::npos) << exported;
  auto first = json::parse(exported);
  ASSERT_EQ(first.at("apps").as_array().size(), 1u);
  EXPECT_EQ(first.at("apps").at(0).at("accounts").as_array().size(), 6u) << exported;  // admin + 5
  EXPECT_EQ(first.at("apps").at(0).at("messages").as_array().size(), 5u) << exported;

  const std::uint64_t copy_id = 1400987654;
  const auto put = server.request("PUT", app_path(copy_id, "/snapshot"), exported);
  ASSERT_EQ(put.status, 200u) << put.body;
  const auto copied = export_snapshot(server, copy_id);
  EXPECT_EQ(json::parse(put.body), json::parse(copied)) << "PUT replies with the new state";
  EXPECT_EQ(json::parse(copied).at("apps").at(0).at("sdkappid").as_int64(), 1400987654);
  EXPECT_EQ(without_sdkappid(copied), without_sdkappid(exported));
  auto quotas_of = [&](std::uint64_t id) {
    auto quotas = parsed(server.get(app_path(id, "/quotas")));
    quotas.erase("counters");
    return quotas;
  };
  EXPECT_EQ(quotas_of(copy_id), quotas_of(app.sdkappid)) << "the quotas travel with the snapshot";
  EXPECT_TRUE(quotas_of(copy_id).at("enabled").as_bool());
  EXPECT_EQ(export_snapshot(server, app.sdkappid), exported) << "the source app is untouched";

  // The copy is a working app with the same keys and data.
  TestApp copy{copy_id, "rich-secret", "administrator", mint_sig(server, copy_id, "administrator")};
  EXPECT_EQ(account_status(server, copy, "erin"), "Imported");
  auto history = roam(server, copy, "alice", "erin");
  ASSERT_EQ(history["MsgCnt"].as_int64(), 2) << json::serialize(history);
  EXPECT_EQ(history["MsgList"], roam(server, app, "alice", "erin")["MsgList"])
      << "same messages, same MsgKeys";

  // Loading a snapshot back into its own app changes nothing either.
  ASSERT_EQ(server.request("PUT", app_path(app, "/snapshot"), exported).status, 200u);
  EXPECT_EQ(export_snapshot(server, app.sdkappid), exported);
}

TEST_F(ControlSnapshots, FixtureFieldsComeBackAsGiven) {
  auto out = json::parse(export_snapshot(server, app.sdkappid)).at("apps").at(0).as_object();
  EXPECT_EQ(out["secret_key"].as_string(), "rich-secret");
  EXPECT_EQ(out["created_at"].as_int64(), 1690000000);
  EXPECT_EQ(out["options"].at("quotas"),
            json::parse(R"({"enabled":true,"app_per_second":1000,"limits":{"openim/batchsendmsg":)"
                        R"({"recipients_per_minute":null},"openim/sendmsg":{"per_second":150}}})"));
  const auto& alice = out["accounts"].as_array();
  bool found = false;
  for (const auto& account : alice) {
    if (account.at("user_id") != "alice") continue;
    found = true;
    EXPECT_EQ(account.at("nick").as_string(), "Alice");
    EXPECT_EQ(account.at("face_url").as_string(), "https://example.com/a.png");
    EXPECT_EQ(account.at("created_at").as_int64(), 1690000001);
    EXPECT_EQ(account.at("profile").at("Tag_Profile_IM_Gender").as_string(), "Gender_Type_Female");
    EXPECT_EQ(account.at("pendency_read_time"), 1690000150);
  }
  EXPECT_TRUE(found);
  ASSERT_EQ(out["friends"].as_array().size(), 2u);
  ASSERT_EQ(out["friend_requests"].as_array().size(), 1u);
  EXPECT_EQ(out["friend_requests"].at(0).at("from").as_string(), "carol");
  EXPECT_EQ(out["friend_requests"].at(0).at("groups"), json::array{"school"});
  EXPECT_EQ(out["friends"].at(0).at("custom"), json::parse(R"([{"Tag":"Tag_SNS_Custom_Level","Value":3}])"));
  EXPECT_EQ(out["friend_groups"], json::parse(R"([{"owner":"alice","name":"work"},{"owner":"alice","name":"empty"}])"));
  // carol's request (1690000200) is newer than what alice read (1690000150): unread.
  EXPECT_EQ(rest(server, app, "sns/pendency_get", json::object{{"From_Account", "alice"}}).at("UnreadPendencyCount"), 1);
  // The empty friend group is one the REST API lists.
  const auto groups = rest(server, app, "sns/group_get", json::object{{"From_Account", "alice"}});
  EXPECT_EQ(groups.at("ResultItem"), json::parse(R"([{"GroupName":"work","FriendNumber":1},{"GroupName":"empty","FriendNumber":0}])"));
  ASSERT_EQ(out["blacklist"].as_array().size(), 1u);
  EXPECT_EQ(out["blacklist"].at(0).at("blocked").as_string(), "dave");
  ASSERT_EQ(out["messages"].as_array().size(), 3u);
  for (const auto& msg : out["messages"].as_array()) {
    if (msg.at("seq").as_int64() != 3) continue;
    EXPECT_EQ(msg.at("sender_sees").as_bool(), false);
    EXPECT_EQ(msg.at("counts_unread").as_bool(), false);
    EXPECT_EQ(msg.at("flag_bits").as_int64(), 3);
    EXPECT_EQ(msg.at("extra").at("note").as_string(), "kept as is");
  }
}

TEST_F(ControlSnapshots, LoadingNewKeysRetiresSigsOfTheOldOnes) {
  ASSERT_EQ(account_status(server, app, "alice"), "Imported");  // the sig is verified, and cached
  auto fixture = json::parse(kRichApp);
  fixture.as_object()["secret_key"] = "rotated-secret";
  fixture.as_object()["admin"] = "boss";
  const auto loaded = server.request("PUT", app_path(app, "/snapshot"), json::serialize(fixture));
  ASSERT_EQ(loaded.status, 200u) << loaded.body;
  EXPECT_EQ(account_status(server, app, "alice"), "ErrorCode 70009") << "signed with the old secret";
  TestApp rotated{app.sdkappid, "rotated-secret", "boss", mint_sig(server, app.sdkappid, "boss")};
  EXPECT_EQ(account_status(server, rotated, "alice"), "Imported");
  EXPECT_EQ(account_status(server, rotated, "boss"), "Imported") << "the new admin has an account";
  EXPECT_EQ(parsed(server.get(app_path(app)))["admin"].as_string(), "boss");
}

TEST_F(ControlSnapshots, BadFieldDeepInsideIsRejectedWithItsPathAndChangesNothing) {
  add_fault(server, app, R"({"match":{"command":"friend_get"},"error_code":30006})");
  const auto before = export_snapshot(server, app.sdkappid);
  const auto rules_before = faults(server, app);

  const auto with = [](const std::string& pointer, const json::value& replacement) {
    auto fixture = json::object{{"apps", json::array{json::parse(kRichApp)}}};
    json::value* target = &fixture["apps"].as_array()[0];
    std::error_code ec;
    if (pointer.empty()) return json::serialize(fixture);
    *target->find_pointer(pointer, ec) = replacement;
    return json::serialize(fixture);
  };
  const json::value bad_body = json::parse(R"([{"MsgType":"TIMTextElem","MsgContent":{"Text":5}}])");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {with("/messages/2/body", bad_body), "$.apps[0].messages[2].body"},
      {with("/messages/1/body", json::array{}), "$.apps[0].messages[1].body"},
      {with("/messages/0/time", "yesterday"), "$.apps[0].messages[0].time"},
      {with("/messages/2/to", json::string(std::string(33, 'x'))), "$.apps[0].messages[2].to"},
      {with("/accounts/1/user_id", json::string(std::string(33, 'x'))), "$.apps[0].accounts[1].user_id"},
      {with("/accounts/0/profile", json::parse(R"({"Nick":"x"})")), "$.apps[0].accounts[0].profile.Nick"},
      {with("/friends/1/friend", "stranger"), "$.apps[0].friends[1].friend"},
      {with("/friend_requests/0/add_time", -1), "$.apps[0].friend_requests[0].add_time"},
      {with("/blacklist/0/owner", "stranger"), "$.apps[0].blacklist[0].owner"},
      {with("/friends/0/custom", json::parse(R"([{"Tag":"Tag_SNS_IM_Remark","Value":"x"}])")), "$.apps[0].friends[0].custom"},
      {with("/friend_groups/1/owner", "stranger"), "$.apps[0].friend_groups[1].owner"},
      {with("/friend_groups/1/name", "work"), "$.apps[0].friend_groups[1].name"},
      {with("/groups", json::parse(R"([{"group_id":"g"}])")), "$.apps[0].groups[0].type"},
      {with("/secret_key", nullptr), "$.apps[0].secret_key"},
      {with("/public_key_pem", "not a key"), "$.apps[0].public_key_pem"},
      {with("/admin", ""), "$.apps[0].admin"},
      {with("/options/quotas/app_per_second", "many"), "$.apps[0].options"},
      {R"({"apps":[)" + std::string(kRichApp) + "," + kRichApp + "]}", "$.apps"},
      {R"({"apps":{}})", "$.apps"},
  };
  for (const auto& [fixture, path] : cases) {
    const auto result = server.request("PUT", app_path(app, "/snapshot"), fixture);
    EXPECT_EQ(result.status, 400u) << path << " → " << result.body;
    EXPECT_EQ(parsed(result)["field"], json::value(path)) << result.body;
    EXPECT_EQ(export_snapshot(server, app.sdkappid), before) << "refused whole: " << path;
  }
  // One app given bare, without the {"apps": [...]} wrapper, has its paths from "$".
  auto bare = json::parse(kRichApp);
  bare.at("messages").at(2).as_object()["body"] = bad_body;
  const auto result = server.request("PUT", app_path(app, "/snapshot"), json::serialize(bare));
  EXPECT_EQ(result.status, 400u) << result.body;
  EXPECT_EQ(parsed(result)["field"], json::value("$.messages[2].body")) << result.body;
  EXPECT_EQ(server.request("PUT", app_path(app, "/snapshot"), "not json").status, 400u);

  EXPECT_EQ(export_snapshot(server, app.sdkappid), before);
  EXPECT_EQ(faults(server, app), rules_before);
  EXPECT_EQ(account_status(server, app, "alice"), "Imported");

  // Into an id that has no app yet: no app appears.
  const auto into_new = server.request("PUT", app_path(1400555555, "/snapshot"), cases.front().first);
  EXPECT_EQ(into_new.status, 400u);
  EXPECT_EQ(server.get(app_path(1400555555)).status, 404u);
}

TEST(ControlFixtures, DemoFixtureLoadsAtStart) {
  TimockProcess server({"--fixture", kDemoFixture});
  const auto apps = parsed(server.get("/mock/apps"))["apps"].as_array();
  ASSERT_EQ(apps.size(), 1u) << "the fixture's app, and no extra demo app";
  EXPECT_EQ(apps.at(0).at("sdkappid").as_int64(), 1400000000);
  EXPECT_EQ(apps.at(0).at("secret_key").as_string(), "timock-demo-secret");

  const TestApp demo{1400000000, "timock-demo-secret", "administrator",
                     mint_sig(server, 1400000000, "administrator")};
  for (const auto* user : {"zhangsan", "lisi", "wangwu", "zhaoliu", "xiaoming"})
    EXPECT_EQ(account_status(server, demo, user), "Imported") << user;
  auto history = roam(server, demo, "lisi", "zhangsan");
  ASSERT_EQ(history["MsgCnt"].as_int64(), 4) << json::serialize(history);
  EXPECT_EQ(history["MsgList"].at(3).at("MsgBody").at(0).at("MsgContent").at("Text").as_string(),
            "李四，你好！");
  const auto check = rest(server, demo, "sns/friend_check",
                          json::object{{"From_Account", "zhangsan"},
                                       {"To_Account", json::array{"lisi", "xiaoming"}},
                                       {"CheckType", "CheckResult_Type_Both"}});
  ASSERT_EQ(code_of(check), 0) << json::serialize(check);
  EXPECT_EQ(check.at("InfoItem").at(0).at("Relation").as_string(), "CheckResult_Type_BothWay");
  EXPECT_EQ(check.at("InfoItem").at(1).at("Relation").as_string(), "CheckResult_Type_NoRelation");

  auto snapshot = json::parse(export_snapshot(server, 1400000000)).at("apps").at(0).as_object();
  EXPECT_EQ(snapshot["accounts"].as_array().size(), 6u);
  EXPECT_EQ(snapshot["friends"].as_array().size(), 6u);
  EXPECT_EQ(snapshot["messages"].as_array().size(), 8u);
}

TEST(ControlFixtures, BadFixtureFileStopsTheBinaryAtStart) {
  char pattern[] = "/tmp/timock-fixture-XXXXXX";
  const std::string dir = mkdtemp(pattern);
  auto demo = json::parse(read_text_file(kDemoFixture));
  demo.at("apps").at(0).at("messages").at(2).as_object()["body"] =
      json::parse(R"([{"MsgType":"TIMTextElem"}])");
  std::ofstream(dir + "/bad.json") << json::serialize(demo);
  std::ofstream(dir + "/not-json.json") << "{\"apps\": [";

  for (const auto* file : {"bad.json", "not-json.json", "missing.json"}) {
    EXPECT_THROW(TimockProcess({"--fixture", dir + "/" + file}), std::runtime_error) << file;
    // The exit status is non-zero and the message names the bad field.
    const auto output = run_command("timeout 20 " + std::string(timock_binary()) +
                                    " serve --listen 127.0.0.1:0 --db :memory: --fixture " + dir + "/" +
                                    file + " 2>&1; echo \"exit=$?\"");
    EXPECT_EQ(output.find("exit=0"), std::string::npos) << output;
    EXPECT_EQ(output.find("exit=124"), std::string::npos) << "it must not start serving: " << output;
    if (std::string(file) == "bad.json")
      EXPECT_NE(output.find("$.apps[0].messages[2].body"), std::string::npos) << output;
  }
  // A good fixture next to a bad one: still refused whole.
  EXPECT_THROW(TimockProcess({"--fixture", kDemoFixture, "--fixture", dir + "/bad.json"}),
               std::runtime_error);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace timock::testing
