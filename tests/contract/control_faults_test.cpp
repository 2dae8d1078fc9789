// Fault rules (DESIGN "Control plane": the fault-rule format): a matching call gets the rule's error code,
// delay, HTTP status or hang-up instead of (or on top of) its real reply, and every hit is journaled.
#include <gtest/gtest.h>

#include <chrono>
#include <set>

#include "control_helpers.hpp"
#include "core/error_code.hpp"

namespace timock::testing {
namespace {

using namespace control;
using Clock = std::chrono::steady_clock;

class ControlFaults : public ::testing::Test {
 protected:
  TimockProcess server;
  TestApp app = create_app(server);

  void SetUp() override {
    for (const auto* user : {"alice", "bob", "carol"})
      ASSERT_EQ(code_of(import_account(server, app, user)), 0);
  }
  json::object send(const std::string& from, const std::string& to, const std::string& text = "hi") const {
    return send_text(server, app, from, to, text);
  }
  std::string check_request_bytes() const {
    const std::string body = R"({"CheckItem":[{"UserID":"alice"}]})";
    return "POST " + rest_target(app, "im_open_login_svc/account_check") +
           " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
           body;
  }
};

TEST_F(ControlFaults, SendMsgFailsTwiceWith20003ThenSucceeds) {
  auto rule = add_fault(server, app,
                        R"({"match":{"service":"openim","command":"sendmsg","identifier":"alice"},)"
                        R"("error_code":20003,"times":2})");
  EXPECT_EQ(rule["times"].as_int64(), 2);
  EXPECT_EQ(rule["hits"].as_int64(), 0);
  EXPECT_FALSE(rule["id"].as_string().empty());

  EXPECT_EQ(code_of(send("bob", "alice", "not alice")), 0) << "another sender is not matched";
  EXPECT_EQ(code_of(import_account(server, app, "dave")), 0) << "another command is not matched";
  for (int i = 0; i < 2; ++i) {
    auto reply = send("alice", "bob", "try " + std::to_string(i));
    EXPECT_EQ(reply["ActionStatus"].as_string(), "FAIL") << json::serialize(reply);
    EXPECT_EQ(code_of(reply), 20003);
    EXPECT_FALSE(reply["ErrorInfo"].as_string().empty());
    if (i == 0) EXPECT_EQ(faults(server, app).at(0).at("times").as_int64(), 1) << "times counts down";
  }
  auto reply = send("alice", "bob", "third time lucky");
  EXPECT_EQ(reply["ActionStatus"].as_string(), "OK") << json::serialize(reply);
  EXPECT_TRUE(faults(server, app).empty()) << "the rule ends at 0";

  // The failed calls never reached the handler: only the real sends are stored.
  auto history = roam(server, app, "bob", "alice");
  ASSERT_EQ(history["MsgCnt"].as_int64(), 2) << json::serialize(history);
  std::set<std::string> texts;
  for (const auto& msg : history["MsgList"].as_array())
    texts.insert(std::string(msg.at("MsgBody").at(0).at("MsgContent").at("Text").as_string()));
  EXPECT_EQ(texts, (std::set<std::string>{"not alice", "third time lucky"}));
}

TEST_F(ControlFaults, ErrorInfoIsTheCataloguesUnlessGiven) {
  add_fault(server, app, R"({"match":{"command":"sendmsg","identifier":"alice"},"error_code":20003})");
  add_fault(
      server, app,
      R"({"match":{"command":"sendmsg","identifier":"bob"},"error_code":20003,"error_info":"custom words"})");
  add_fault(server, app, R"({"match":{"command":"account_import"},"error_code":70398})");
  EXPECT_EQ(send("alice", "bob")["ErrorInfo"].as_string(),
            core::default_error_info(static_cast<core::ErrorCode>(20003)));
  EXPECT_EQ(send("bob", "alice")["ErrorInfo"].as_string(), "custom words");
  auto reply = import_account(server, app, "erin");
  EXPECT_EQ(code_of(reply), 70398);
  EXPECT_EQ(reply["ErrorInfo"].as_string(), core::default_error_info(static_cast<core::ErrorCode>(70398)));
  EXPECT_EQ(account_status(server, app, "erin"), "NotImported");
}

TEST_F(ControlFaults, MatchOnPeer) {
  add_fault(server, app, R"({"match":{"peer":"bob"},"error_code":20003})");
  EXPECT_EQ(code_of(send("alice", "bob")), 20003);
  EXPECT_EQ(code_of(send("carol", "bob")), 20003);
  EXPECT_EQ(code_of(send("alice", "carol")), 0);
  EXPECT_EQ(code_of(send("bob", "alice")), 0) << "bob as the sender is not bob as the peer";
  EXPECT_EQ(code_of(roam(server, app, "alice", "bob")), 20003) << "Peer_Account is a peer too";
  EXPECT_EQ(code_of(roam(server, app, "bob", "alice")), 0);
  EXPECT_EQ(faults(server, app).at(0).at("hits").as_int64(), 3);
}

TEST_F(ControlFaults, ProbabilityWithASeedIsReproducible) {
  const auto other = create_app(server);
  const auto third = create_app(server);
  const std::string rule =
      R"({"match":{"command":"account_check"},"error_code":70500,"probability":0.5,"seed":)";
  add_fault(server, app, rule + "42}");
  add_fault(server, other, rule + "42}");
  add_fault(server, third, rule + "7}");
  std::string first, second, different;
  for (int i = 0; i < 40; ++i) {
    first += account_status(server, app, "alice") == "Imported" ? '.' : 'X';
    second += account_status(server, other, "administrator") == "Imported" ? '.' : 'X';
    different += account_status(server, third, "administrator") == "Imported" ? '.' : 'X';
  }
  EXPECT_EQ(first, second) << "same seed, same sequence";
  EXPECT_NE(first.find('.'), std::string::npos) << first;
  EXPECT_NE(first.find('X'), std::string::npos) << first;
  EXPECT_NE(first, different) << "another seed, another sequence";
  EXPECT_EQ(faults(server, app).at(0).at("hits").as_int64(), std::count(first.begin(), first.end(), 'X'));
}

TEST_F(ControlFaults, DelayAloneDelaysButSucceeds) {
  const auto rule = add_fault(server, app, R"({"match":{"command":"account_check"},"delay_ms":700})");
  const auto started = Clock::now();
  EXPECT_EQ(account_status(server, app, "alice"), "Imported");
  EXPECT_GE(Clock::now() - started, std::chrono::milliseconds(700));
  EXPECT_EQ(faults(server, app).at(0).at("hits").as_int64(), 1) << "a rule without times stays";
  const auto entries = journal(server, app, "command=account_check");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries.at(0).at("fault_rule"), rule.at("id"));
  EXPECT_EQ(entries.at(0).at("error_code").as_int64(), 0);
}

TEST_F(ControlFaults, HttpStatusIsTheReplysStatus) {
  add_fault(server, app, R"({"match":{"command":"account_import"},"error_code":70500,"http_status":503})");
  auto result = server.post(rest_target(app, "im_open_login_svc/account_import"), R"({"UserID":"erin"})");
  EXPECT_EQ(result.status, 503u) << result.body;
  EXPECT_EQ(parsed(result)["ErrorCode"].as_int64(), 70500) << result.body;

  // Alone, the status goes out with the command's real reply.
  add_fault(server, app, R"({"match":{"command":"account_check"},"http_status":502,"times":1})");
  result =
      server.post(rest_target(app, "im_open_login_svc/account_check"), R"({"CheckItem":[{"UserID":"bob"}]})");
  EXPECT_EQ(result.status, 502u) << result.body;
  EXPECT_EQ(parsed(result)["ErrorCode"].as_int64(), 0) << result.body;
  EXPECT_EQ(account_status(server, app, "bob"), "Imported") << "times:1 is spent";
}

TEST_F(ControlFaults, DropConnectionClosesWithoutAReply) {
  const auto rule =
      add_fault(server, app, R"({"match":{"command":"account_check"},"drop_connection":true,"times":2})");
  const auto started = Clock::now();
  EXPECT_EQ(server.raw(check_request_bytes(), 8000), "") << "no bytes at all";
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(5)) << "closed, not left to time out";
  EXPECT_ANY_THROW(server.post(rest_target(app, "im_open_login_svc/account_check"), R"({"CheckItem":[]})"));
  EXPECT_EQ(account_status(server, app, "alice"), "Imported") << "after two hits the rule is spent";

  const auto entries = journal(server, app, "command=account_check");
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries.at(0).at("fault_rule"), rule.at("id"));
  EXPECT_EQ(entries.at(1).at("fault_rule"), rule.at("id"));
  EXPECT_TRUE(entries.at(2).at("fault_rule").is_null());
}

TEST_F(ControlFaults, DelayThenDropHangsUpAfterTheDelay) {
  add_fault(server, app, R"({"match":{"command":"account_check"},"drop_connection":true,"delay_ms":500})");
  const auto started = Clock::now();
  EXPECT_EQ(server.raw(check_request_bytes(), 8000), "");
  EXPECT_GE(Clock::now() - started, std::chrono::milliseconds(500));
}

TEST_F(ControlFaults, ListGetDeleteOneAndDeleteAll) {
  const auto r1 = add_fault(server, app, R"({"match":{"command":"sendmsg"},"error_code":20003,"times":5})");
  const auto r2 = add_fault(server, app, R"({"match":{"command":"account_check"},"error_code":70500})");
  const auto mine = add_fault(server, app,
                              R"({"id":"mine","match":{"service":"sns","identifier":"alice","peer":"bob"},)"
                              R"("delay_ms":10,"probability":0.25,"seed":9})");
  EXPECT_NE(r1.at("id"), r2.at("id"));
  EXPECT_EQ(mine.at("id").as_string(), "mine");

  auto rules = faults(server, app);
  ASSERT_EQ(rules.size(), 3u);
  EXPECT_EQ(rules.at(0).at("id"), r1.at("id")) << "in the order added";
  EXPECT_EQ(rules.at(2).at("id").as_string(), "mine");

  auto one = parsed(server.get(app_path(app, "/faults/mine")));
  EXPECT_EQ(one, mine);
  EXPECT_EQ(one["match"].at("service").as_string(), "sns");
  EXPECT_EQ(one["match"].at("identifier").as_string(), "alice");
  EXPECT_EQ(one["match"].at("peer").as_string(), "bob");
  EXPECT_EQ(one["delay_ms"].as_int64(), 10);
  EXPECT_EQ(one["probability"].as_double(), 0.25);
  EXPECT_EQ(one["seed"].as_int64(), 9);
  EXPECT_TRUE(one["times"].is_null());
  EXPECT_EQ(one["error_code"].as_int64(), 0);
  EXPECT_EQ(one["http_status"].as_int64(), 200);
  EXPECT_EQ(one["drop_connection"].as_bool(), false);

  // Deleting one: it stops firing, and it is gone.
  EXPECT_EQ(account_status(server, app, "alice"), "ErrorCode 70500");
  const std::string r2_path = app_path(app, "/faults/" + std::string(r2.at("id").as_string()));
  EXPECT_EQ(server.request("DELETE", r2_path).status, 200u);
  EXPECT_EQ(server.get(r2_path).status, 404u);
  EXPECT_EQ(server.request("DELETE", r2_path).status, 404u);
  EXPECT_EQ(account_status(server, app, "alice"), "Imported");
  EXPECT_EQ(faults(server, app).size(), 2u);

  // Posting a rule with an existing id replaces it.
  add_fault(server, app, R"({"id":"mine","error_code":10002,"match":{"command":"nothing"}})");
  rules = faults(server, app);
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(parsed(server.get(app_path(app, "/faults/mine")))["error_code"].as_int64(), 10002);

  EXPECT_EQ(server.request("DELETE", app_path(app, "/faults")).status, 200u);
  EXPECT_TRUE(faults(server, app).empty());
  EXPECT_EQ(code_of(send("alice", "bob")), 0);
  EXPECT_EQ(server.get(app_path(app, "/faults/mine")).status, 404u);
  EXPECT_EQ(server.get(app_path(app, "/faults/a/b")).status, 404u);
}

TEST_F(ControlFaults, BadRuleBodiesReturn400NamingTheField) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"error_code":"20003"})", "error_code"},
      {R"({"error_code":-1})", "error_code"},
      {R"({"error_code":2.5})", "error_code"},
      {R"({"error_code":20003,"error_info":5})", "error_info"},
      {R"({"error_code":20003,"times":0})", "times"},
      {R"({"error_code":20003,"times":-2})", "times"},
      {R"({"error_code":20003,"times":"2"})", "times"},
      {R"({"error_code":20003,"probability":1.5})", "probability"},
      {R"({"error_code":20003,"probability":-0.1})", "probability"},
      {R"({"error_code":20003,"probability":"half"})", "probability"},
      {R"({"error_code":20003,"probability":0.5,"seed":-3})", "seed"},
      {R"({"error_code":20003,"probability":0.5,"seed":"x"})", "seed"},
      {R"({"delay_ms":-1})", "delay_ms"},
      {R"({"delay_ms":600000})", "delay_ms"},
      {R"({"delay_ms":"100"})", "delay_ms"},
      {R"({"http_status":99})", "http_status"},
      {R"({"http_status":600})", "http_status"},
      {R"({"http_status":"503"})", "http_status"},
      {R"({"drop_connection":"yes"})", "drop_connection"},
      {R"({"drop_connection":1})", "drop_connection"},
      {R"({"error_code":20003,"match":"openim"})", "match"},
      {R"({"error_code":20003,"match":{"service":1}})", "match.service"},
      {R"({"error_code":20003,"match":{"user":"alice"}})", "match.user"},
      {R"({"error_code":20003,"id":""})", "id"},
      {R"({"error_code":20003,"id":7})", "id"},
  };
  for (const auto& [body, field] : cases) {
    const auto result = server.post(app_path(app, "/faults"), body);
    EXPECT_EQ(result.status, 400u) << body << " → " << result.body;
    EXPECT_EQ(parsed(result)["field"], json::value(field)) << body << " → " << result.body;
  }
  for (const std::string body : {R"({})", R"({"match":{"command":"sendmsg"}})", "[]", "nope"}) {
    const auto result = server.post(app_path(app, "/faults"), body);
    EXPECT_EQ(result.status, 400u) << body << " → " << result.body;
    EXPECT_FALSE(parsed(result)["error"].as_string().empty()) << result.body;
  }
  EXPECT_TRUE(faults(server, app).empty()) << "nothing was added";
}

TEST_F(ControlFaults, EachHitIsJournaledWithItsRuleId) {
  add_fault(server, app, R"({"id":"flaky","match":{"command":"sendmsg"},"error_code":20003,"times":2})");
  add_fault(server, app, R"({"id":"slow","match":{"command":"account_check"},"delay_ms":50})");
  send("alice", "bob", "one");
  send("alice", "bob", "two");
  send("alice", "bob", "three");
  account_status(server, app, "alice");

  const auto sends = journal(server, app, "command=sendmsg");
  ASSERT_EQ(sends.size(), 3u);
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(sends.at(i).at("fault_rule").as_string(), "flaky");
    EXPECT_EQ(sends.at(i).at("error_code").as_int64(), 20003);
    EXPECT_EQ(sends.at(i).at("reply").at("ErrorCode").as_int64(), 20003);
  }
  EXPECT_TRUE(sends.at(2).at("fault_rule").is_null());
  EXPECT_EQ(sends.at(2).at("error_code").as_int64(), 0);
  const auto checks = journal(server, app, "command=account_check");
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks.at(0).at("fault_rule").as_string(), "slow");
  EXPECT_EQ(journal(server, app, "error_code=20003").size(), 2u);
}

// ---- latency on a timer -----------------------------------------------------------------------------------

}  // namespace
}  // namespace timock::testing
