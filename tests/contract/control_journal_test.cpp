// The journal (GET/DELETE /mock/apps/{id}/journal): every call an app received and what it answered, with
// filters and a cap; and isolation: what one app's traffic, faults and resets do never shows in another.
#include <gtest/gtest.h>

#include <ctime>

#include "control_helpers.hpp"

namespace timock::testing {
namespace {

using namespace control;

class ControlJournal : public ::testing::Test {
 protected:
  TimockProcess server;
  TestApp app = create_app(server);

  std::vector<std::int64_t> seqs(const json::array& entries) const {
    std::vector<std::int64_t> out;
    for (const auto& entry : entries) out.push_back(entry.at("seq").as_int64());
    return out;
  }
};

TEST_F(ControlJournal, RecordsEachCallWithItsRequestAndReply) {
  import_account(server, app, "alice");
  import_account(server, app, "bob");
  const json::object sent{
      {"From_Account", "alice"},
      {"To_Account", "bob"},
      {"MsgRandom", 4242},
      {"MsgBody", json::array{json::object{{"MsgType", "TIMTextElem"},
                                           {"MsgContent", json::object{{"Text", "exactly this"}}}}}}};
  const auto before = static_cast<std::int64_t>(std::time(nullptr));
  const auto reply = rest(server, app, "openim/sendmsg", sent);
  ASSERT_EQ(code_of(reply), 0);

  const auto entries = journal(server, app);
  ASSERT_EQ(entries.size(), 3u);
  const auto& entry = entries.at(2).as_object();
  EXPECT_EQ(entry.at("method").as_string(), "POST");
  EXPECT_EQ(entry.at("path").as_string(), "/v4/openim/sendmsg");
  EXPECT_EQ(entry.at("surface").as_string(), "rest");
  EXPECT_EQ(entry.at("service").as_string(), "openim");
  EXPECT_EQ(entry.at("command").as_string(), "sendmsg");
  EXPECT_EQ(entry.at("identifier").as_string(), "alice") << "the user the call acts for";
  EXPECT_EQ(entry.at("request"), sent) << "exactly what was sent";
  EXPECT_EQ(entry.at("reply"), reply) << "exactly what was answered";
  EXPECT_EQ(entry.at("error_code").as_int64(), 0);
  EXPECT_GE(entry.at("latency_ms").to_number<double>(), 0.0);
  EXPECT_LT(entry.at("latency_ms").to_number<double>(), 30000.0);
  EXPECT_NEAR(entry.at("time").as_int64(), before, 3);
  EXPECT_TRUE(entry.at("fault_rule").is_null());
  EXPECT_LT(entries.at(0).at("seq").as_int64(), entries.at(1).at("seq").as_int64());
  EXPECT_LT(entries.at(1).at("seq").as_int64(), entry.at("seq").as_int64());
  EXPECT_EQ(entries.at(0).at("identifier").as_string(), app.admin) << "without From_Account: the caller";
  EXPECT_EQ(entries.at(0).at("request").at("UserID").as_string(), "alice");
}

TEST_F(ControlJournal, FailedCallsAreRecordedWithTheirCode) {
  rest(server, app, "openim/no_such_command", json::object{});
  TestApp bad_sig = app;
  bad_sig.admin_sig = "eJyrVgrxCdZRslIyMjAwAAA";
  rest(server, bad_sig, "im_open_login_svc/account_check", json::object{});
  server.post(rest_target(app, "im_open_login_svc/account_import"), "{not json");

  const auto entries = journal(server, app);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries.at(0).at("command").as_string(), "no_such_command");
  EXPECT_EQ(entries.at(0).at("error_code").as_int64(), 60009);
  EXPECT_NE(entries.at(1).at("error_code").as_int64(), 0);
  EXPECT_EQ(entries.at(1).at("reply").at("ErrorCode"), entries.at(1).at("error_code"));
  EXPECT_EQ(entries.at(2).at("error_code").as_int64(), 70402);
  EXPECT_EQ(entries.at(2).at("request").as_string(), "{not json")
      << "a body that is not JSON is kept as text";
}

TEST_F(ControlJournal, FiltersServiceCommandIdentifierErrorCodeSinceAndLimit) {
  import_account(server, app, "alice");                     // 1 admin
  import_account(server, app, "bob");                       // 2 admin
  send_text(server, app, "alice", "bob", "a to b");         // 3 alice
  send_text(server, app, "bob", "alice", "b to a");         // 4 bob
  send_text(server, app, "alice", "ghost", "a to nobody");  // 5 alice, 20003
  account_status(server, app, "alice");                     // 6 admin
  const auto all = journal(server, app);
  ASSERT_EQ(all.size(), 6u);
  const auto s = seqs(all);

  EXPECT_EQ(seqs(journal(server, app, "service=openim")), (std::vector{s[2], s[3], s[4]}));
  EXPECT_EQ(seqs(journal(server, app, "command=account_import")), (std::vector{s[0], s[1]}));
  EXPECT_EQ(seqs(journal(server, app, "identifier=bob")), (std::vector{s[3]}));
  EXPECT_EQ(seqs(journal(server, app, "identifier=" + app.admin)), (std::vector{s[0], s[1], s[5]}));
  EXPECT_EQ(seqs(journal(server, app, "error_code=20003")), (std::vector{s[4]}));
  EXPECT_EQ(journal(server, app, "error_code=0").size(), 5u);
  EXPECT_EQ(seqs(journal(server, app, "since=" + std::to_string(s[3]))), (std::vector{s[4], s[5]}));
  EXPECT_EQ(seqs(journal(server, app, "limit=2")), (std::vector{s[0], s[1]}));
  EXPECT_EQ(seqs(journal(server, app, "since=" + std::to_string(s[1]) + "&limit=2")),
            (std::vector{s[2], s[3]}))
      << "since and limit page through the journal";
  EXPECT_EQ(seqs(journal(server, app, "service=openim&identifier=alice")), (std::vector{s[2], s[4]}));
  EXPECT_EQ(
      seqs(journal(server, app, "service=openim&command=sendmsg&error_code=0&since=" + std::to_string(s[2]))),
      (std::vector{s[3]}));
  EXPECT_TRUE(journal(server, app, "command=friend_get").empty());

  for (const auto& [query, field] :
       std::vector<std::pair<std::string, std::string>>{{"error_code=x", "error_code"},
                                                        {"since=-1", "since"},
                                                        {"since=abc", "since"},
                                                        {"limit=0", "limit"},
                                                        {"limit=ten", "limit"},
                                                        {"colour=red", "colour"}}) {
    const auto result = server.get(app_path(app, "/journal?" + query));
    EXPECT_EQ(result.status, 400u) << query << " → " << result.body;
    EXPECT_EQ(parsed(result)["field"], json::value(field)) << query << " → " << result.body;
  }
}

TEST_F(ControlJournal, DeleteClearsAndSeqKeepsIncreasing) {
  import_account(server, app, "alice");
  import_account(server, app, "bob");
  const auto last = journal(server, app).at(1).at("seq").as_int64();
  const auto cleared = server.request("DELETE", app_path(app, "/journal"));
  EXPECT_EQ(cleared.status, 200u) << cleared.body;
  EXPECT_TRUE(journal(server, app).empty());

  // A test that keeps reading with `since` must still see what comes after the clear.
  import_account(server, app, "carol");
  const auto after = journal(server, app, "since=" + std::to_string(last));
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after.at(0).at("request").at("UserID").as_string(), "carol");
  EXPECT_GT(after.at(0).at("seq").as_int64(), last);
}

TEST(ControlJournalCap, KeepsOnlyTheNewestEntries) {
  TimockProcess server({"--journal-cap", "5"});
  const auto app = create_app(server);
  for (int i = 1; i <= 8; ++i) import_account(server, app, "user" + std::to_string(i));
  const auto entries = journal(server, app);
  ASSERT_EQ(entries.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(entries.at(i).at("request").at("UserID").as_string(), "user" + std::to_string(i + 4));
    EXPECT_EQ(entries.at(i).at("seq").as_int64(), i + 4) << "seq counts every call, dropped ones too";
  }
  const auto other = create_app(server);
  import_account(server, other, "solo");
  EXPECT_EQ(journal(server, other).size(), 1u) << "the cap is per app";
  EXPECT_EQ(journal(server, app).size(), 5u);
}

// ---- isolation --------------------------------------------------------------------------------------------

TEST(ControlIsolation, FaultsTrafficAndResetsOfOneAppNeverReachAnother) {
  TimockProcess server;
  const auto a = create_app(server);
  const auto b = create_app(server);

  // Interleaved traffic, with a fault on A only.
  for (const auto* user : {"alice", "bob"}) {
    import_account(server, a, user);
    import_account(server, b, user);
  }
  add_fault(server, a, R"({"match":{"command":"sendmsg"},"error_code":20003})");
  add_fault(server, b, R"({"id":"b-rule","match":{"command":"friend_get"},"delay_ms":5})");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(code_of(send_text(server, a, "alice", "bob", "a" + std::to_string(i))), 20003);
    EXPECT_EQ(code_of(send_text(server, b, "alice", "bob", "b" + std::to_string(i))), 0);
  }
  EXPECT_EQ(journal(server, a).size(), 5u) << "2 imports + 3 sends on A only";
  EXPECT_EQ(journal(server, b).size(), 5u);
  for (const auto& entry : journal(server, b)) EXPECT_TRUE(entry.at("fault_rule").is_null());

  // Everything B has, before A is put through every destructive route.
  const auto b_snapshot = export_snapshot(server, b.sdkappid);
  const auto b_journal = journal(server, b);
  const auto b_faults = faults(server, b);
  const auto b_app = parsed(server.get(app_path(b)));

  EXPECT_EQ(server.request("DELETE", app_path(a, "/faults")).status, 200u);
  EXPECT_EQ(server.request("DELETE", app_path(a, "/journal")).status, 200u);
  send_text(server, a, "alice", "bob", "after the faults");
  EXPECT_EQ(server.post(app_path(a, "/reset"), "").status, 200u);
  auto a_fixture = json::parse(b_snapshot);
  a_fixture.at("apps").at(0).at("messages").as_array().clear();
  EXPECT_EQ(server.request("PUT", app_path(a, "/snapshot"), json::serialize(a_fixture)).status, 200u);
  add_fault(server, a, R"({"id":"b-rule","error_code":70500})");
  EXPECT_EQ(server.request("DELETE", app_path(a)).status, 200u);

  EXPECT_EQ(export_snapshot(server, b.sdkappid), b_snapshot);
  EXPECT_EQ(journal(server, b), b_journal);
  EXPECT_EQ(faults(server, b), b_faults);
  EXPECT_EQ(parsed(server.get(app_path(b))), b_app);
  EXPECT_EQ(account_status(server, b, "alice"), "Imported");
  EXPECT_EQ(roam(server, b, "bob", "alice")["MsgCnt"].as_int64(), 3);
}

}  // namespace
}  // namespace timock::testing
