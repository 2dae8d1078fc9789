// Quotas (README "Control plane", reference/rest-api.md §8): off by default; once on, the real per-API limits
// answer 60007 and the app-wide limit 60011, counted in windows of the server's clock, so a test fills a
// frozen second, moves the clock one second and is let through again.
#include <gtest/gtest.h>

#include <map>

#include "control_helpers.hpp"
#include "core/error_code.hpp"
#include "webim_client.hpp"

namespace timock::testing {
namespace {

using namespace control;

class ControlQuotas : public ::testing::Test {
 protected:
  TimockProcess server;
  TestApp app = create_app(server);
  std::int64_t now = 0;  // the frozen server time

  void SetUp() override {
    for (const auto* user : {"alice", "bob"}) ASSERT_EQ(code_of(import_account(server, app, user)), 0);
    // Frozen where it stands: the admin sig, minted a moment ago, stays valid.
    const auto frozen = server.request("PUT", "/mock/clock", R"({"frozen":true})");
    ASSERT_EQ(frozen.status, 200u) << frozen.body;
    now = parsed(frozen)["now"].as_int64();
  }

  void move_clock_to(std::int64_t when) {
    const auto moved =
        server.request("PUT", "/mock/clock", json::serialize(json::object{{"now", when}, {"frozen", true}}));
    ASSERT_EQ(moved.status, 200u) << moved.body;
    now = when;
  }

  json::object put_quotas(const std::string& body, const TestApp& of) const {
    const auto result = server.request("PUT", app_path(of, "/quotas"), body);
    EXPECT_EQ(result.status, 200u) << result.body;
    return parsed(result);
  }
  json::object put_quotas(const std::string& body) const { return put_quotas(body, app); }
  json::object quotas(const TestApp& of) const {
    const auto result = server.get(app_path(of, "/quotas"));
    EXPECT_EQ(result.status, 200u) << result.body;
    return parsed(result);
  }
  json::object quotas() const { return quotas(app); }

  // `count` sendmsg from alice to bob; how many got each ErrorCode.
  std::map<std::int64_t, int> send_many(int count, const TestApp& as) const {
    std::map<std::int64_t, int> codes;
    for (int i = 0; i < count; ++i) ++codes[code_of(send_text(server, as, "alice", "bob", "hi", i + 1))];
    return codes;
  }
  std::map<std::int64_t, int> send_many(int count) const { return send_many(count, app); }

  json::object check_alice(const TestApp& as) const {
    return rest(server, as, "im_open_login_svc/account_check",
                json::object{{"CheckItem", json::array{json::object{{"UserID", "alice"}}}}});
  }
  json::object batch_to(int recipients, std::int64_t random) const {
    json::array to;
    for (int i = 0; i < recipients; ++i) to.push_back(json::string("user" + std::to_string(i)));
    return rest(
        server, app, "openim/batchsendmsg",
        json::object{{"To_Account", std::move(to)},
                     {"MsgRandom", random},
                     {"MsgBody", json::array{json::object{{"MsgType", "TIMTextElem"},
                                                          {"MsgContent", json::object{{"Text", "all"}}}}}}});
  }
};

using Codes = std::map<std::int64_t, int>;

TEST_F(ControlQuotas, AreOffByDefault) {
  const auto config = quotas();
  EXPECT_FALSE(config.at("enabled").as_bool()) << json::serialize(config);
  EXPECT_EQ(send_many(300), (Codes{{0, 300}})) << "300 sendmsg in one frozen second";
  EXPECT_EQ(parsed(server.get(app_path(app)))["options"].at("quotas").at("enabled"), json::value(false));
}

TEST_F(ControlQuotas, The201stSendMsgInOneSecondGets60007AndTheNextSecondLetsItThrough) {
  const auto config = put_quotas(R"({"enabled":true})");
  EXPECT_TRUE(config.at("enabled").as_bool()) << json::serialize(config);
  EXPECT_EQ(send_many(200), (Codes{{0, 200}}));

  const auto refused = send_text(server, app, "alice", "bob", "one too many", 999);
  EXPECT_EQ(code_of(refused), 60007) << json::serialize(refused);
  EXPECT_EQ(refused.at("ActionStatus").as_string(), "FAIL");
  EXPECT_EQ(refused.at("ErrorInfo").as_string(), core::default_error_info(core::ErrorCode::api_rate_limited));
  EXPECT_EQ(code_of(check_alice(app)), 0) << "another API has its own 200 a second";

  auto counters = quotas().at("counters").as_object();
  EXPECT_EQ(counters.at("now").as_int64(), now);
  EXPECT_EQ(counters.at("rejected").as_int64(), 1);
  const auto& sendmsg = counters.at("commands").at("openim/sendmsg");
  EXPECT_EQ(sendmsg.at("per_second").as_int64(), 200);
  EXPECT_EQ(sendmsg.at("calls_this_second").as_int64(), 200);
  EXPECT_EQ(sendmsg.at("rejected").as_int64(), 1);

  move_clock_to(now + 1);
  EXPECT_EQ(code_of(send_text(server, app, "alice", "bob", "a new second", 1000)), 0);
  EXPECT_EQ(quotas().at("counters").at("commands").at("openim/sendmsg").at("calls_this_second").as_int64(),
            1);

  // The refusal is a reply like any other: journaled with its code and counted in the metrics.
  const auto entries = journal(server, app, "command=sendmsg&error_code=60007");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries.at(0).at("identifier").as_string(), "alice");
  EXPECT_NE(
      server.get("/mock/metrics")
          .body.find(
              R"(timock_requests_total{surface="rest",service="openim",command="sendmsg",error_code="60007"} 1)"),
      std::string::npos);
}

TEST_F(ControlQuotas, APerCommandOverrideReplacesTheDefault) {
  const auto config = put_quotas(R"({"limits":{"openim/sendmsg":{"per_second":5}}})");
  EXPECT_TRUE(config.at("enabled").as_bool()) << "a quota config turns quotas on";
  EXPECT_EQ(config.at("limits"), json::parse(R"({"openim/sendmsg":{"per_second":5}})"));
  EXPECT_EQ(send_many(8), (Codes{{0, 5}, {60007, 3}}));
  EXPECT_EQ(code_of(check_alice(app)), 0);

  // null lifts a limit; 0 closes a command.
  put_quotas(
      R"({"limits":{"openim/sendmsg":{"per_second":null},"im_open_login_svc/account_check":{"per_second":0}}})");
  EXPECT_EQ(send_many(3), (Codes{{0, 3}})) << "counted so far: 5 of this second, and no limit now";
  EXPECT_EQ(code_of(check_alice(app)), 60007);
}

TEST_F(ControlQuotas, TheAppWideLimitAnswers60011) {
  put_quotas(R"({"app_per_second":4})");
  EXPECT_EQ(send_many(3), (Codes{{0, 3}}));
  EXPECT_EQ(code_of(check_alice(app)), 0);
  const auto refused = check_alice(app);
  EXPECT_EQ(code_of(refused), 60011) << json::serialize(refused);
  EXPECT_EQ(refused.at("ErrorInfo").as_string(), core::default_error_info(core::ErrorCode::app_rate_limited));
  EXPECT_EQ(send_many(1), (Codes{{60011, 1}}));
  EXPECT_EQ(quotas().at("counters").at("calls_this_second").as_int64(), 4);
  move_clock_to(now + 1);
  EXPECT_EQ(code_of(check_alice(app)), 0);
}

TEST_F(ControlQuotas, BatchSendMsgIsMeteredIn12000RecipientsAMinute) {
  // From the start of a minute, so that "a second later" below is the same minute (frozen at :59 it was not,
  // and the test failed once in 60 runs).
  move_clock_to((now / 60 + 1) * 60);
  put_quotas(R"({"enabled":true})");
  // The receivers are not imported: each batch fails them in its reply, but they were asked for all the same.
  for (int batch = 0; batch < 24; ++batch) ASSERT_NE(code_of(batch_to(500, batch + 1)), 60007) << batch;
  EXPECT_EQ(code_of(batch_to(1, 100)), 60007);
  const auto batch = quotas().at("counters").at("commands").at("openim/batchsendmsg");
  EXPECT_EQ(batch.at("recipients_per_minute").as_int64(), 12000) << json::serialize(batch);
  EXPECT_EQ(batch.at("recipients_this_minute").as_int64(), 12000);

  move_clock_to(now + 1);
  EXPECT_EQ(code_of(batch_to(1, 101)), 60007) << "a new second is not a new minute";
  move_clock_to((now / 60 + 1) * 60);
  EXPECT_NE(code_of(batch_to(500, 102)), 60007) << "the next minute of the clock";
}

TEST_F(ControlQuotas, BadInputGets400NamingTheField) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"enabled":"yes"})", "enabled"},
      {R"({"app_per_second":-1})", "app_per_second"},
      {R"({"limits":{"openim/sendmsg":{"per_second":1.5}}})", "limits.openim/sendmsg.per_second"},
      {R"({"limits":{"openim/sendmsg":{"recipients_per_minute":10}}})",
       "limits.openim/sendmsg.recipients_per_minute"},
      {R"({"limits":{"sendmsg":{"per_second":1}}})", "limits.sendmsg"},
      {R"({"limits":{"openim/no_such_command":{"per_second":1}}})", "limits.openim/no_such_command"},
      {R"({"limits":{"openim/sendmsg":{"per_minute":1}}})", "limits.openim/sendmsg.per_minute"},
      {R"({"per_second":1})", "per_second"},
  };
  for (const auto& [body, field] : cases) {
    const auto result = server.request("PUT", app_path(app, "/quotas"), body);
    EXPECT_EQ(result.status, 400u) << body << " → " << result.body;
    EXPECT_EQ(parsed(result)["field"], json::value(field)) << result.body;
  }
  EXPECT_EQ(server.request("PUT", app_path(app, "/quotas"), "[1]").status, 400u);
  EXPECT_EQ(server.request("PUT", app_path(app, "/quotas"), "not json").status, 400u);
  EXPECT_FALSE(quotas().at("enabled").as_bool()) << "a refused config changes nothing";

  const auto bad_app = server.post("/mock/apps", R"({"options":{"quotas":{"app_per_second":"many"}}})");
  EXPECT_EQ(bad_app.status, 400u) << bad_app.body;
  EXPECT_EQ(parsed(bad_app)["field"], json::value("options"));
  EXPECT_NE(parsed(bad_app)["error"].as_string().find("options.quotas.app_per_second"), std::string::npos);
}

TEST_F(ControlQuotas, ASecondAppIsNotAffected) {
  put_quotas(R"({"limits":{"openim/sendmsg":{"per_second":2}}})");
  TestApp other = create_app(server);
  for (const auto* user : {"alice", "bob"}) ASSERT_EQ(code_of(import_account(server, other, user)), 0);
  EXPECT_EQ(send_many(3), (Codes{{0, 2}, {60007, 1}}));
  EXPECT_EQ(send_many(3, other), (Codes{{0, 3}})) << "quotas are per app";

  put_quotas(R"({"limits":{"openim/sendmsg":{"per_second":2}}})", other);
  EXPECT_EQ(send_many(3, other), (Codes{{0, 2}, {60007, 1}})) << "its own window, not the first app's";
  EXPECT_TRUE(quotas(other).at("counters").at("commands").as_object().contains("openim/sendmsg"));
}

TEST_F(ControlQuotas, ResetKeepsTheConfigAndClearsTheCounters) {
  const auto config = put_quotas(R"({"limits":{"im_open_login_svc/account_check":{"per_second":2}}})");
  EXPECT_EQ(code_of(check_alice(app)), 0);
  EXPECT_EQ(code_of(check_alice(app)), 0);
  EXPECT_EQ(code_of(check_alice(app)), 60007);

  ASSERT_EQ(server.post(app_path(app, "/reset"), "").status, 200u);
  const auto after = quotas();
  EXPECT_EQ(after.at("limits"), config.at("limits"));
  EXPECT_TRUE(after.at("enabled").as_bool());
  EXPECT_TRUE(after.at("counters").at("commands").as_object().empty()) << json::serialize(after);
  EXPECT_EQ(code_of(check_alice(app)), 0) << "the same frozen second, counted afresh";
  EXPECT_EQ(code_of(check_alice(app)), 0);
  EXPECT_EQ(code_of(check_alice(app)), 60007);
}

TEST_F(ControlQuotas, DeleteTurnsThemOffAndDeletingTheAppForgetsThem) {
  put_quotas(R"({"limits":{"openim/sendmsg":{"per_second":1}}})");
  EXPECT_EQ(send_many(2), (Codes{{0, 1}, {60007, 1}}));
  const auto off = server.request("DELETE", app_path(app, "/quotas"));
  ASSERT_EQ(off.status, 200u) << off.body;
  EXPECT_EQ(parsed(off), quotas());
  EXPECT_FALSE(parsed(off).at("enabled").as_bool());
  EXPECT_TRUE(parsed(off).at("limits").as_object().empty());
  EXPECT_EQ(send_many(3), (Codes{{0, 3}}));

  put_quotas(R"({"limits":{"openim/sendmsg":{"per_second":1}}})");
  ASSERT_EQ(server.request("DELETE", app_path(app)).status, 200u);
  ASSERT_EQ(server
                .post("/mock/apps", json::serialize(json::object{{"sdkappid", app.sdkappid},
                                                                 {"secret_key", app.secret_key}}))
                .status,
            201u);
  EXPECT_FALSE(quotas().at("enabled").as_bool()) << "the same id made again starts without quotas";
}

TEST_F(ControlQuotas, TravelWithTheAppInItsOptionsAndSnapshot) {
  const auto config = put_quotas(
      R"({"app_per_second":50,"limits":{"openim/sendmsg":{"per_second":1},"openim/batchsendmsg":{"recipients_per_minute":null}}})");
  const auto exported = json::parse(export_snapshot(server, app.sdkappid));
  const auto& options = exported.at("apps").at(0).at("options");
  EXPECT_EQ(options.at("quotas").at("limits"), config.at("limits")) << json::serialize(options);

  const std::uint64_t copy_id = app.sdkappid + 1;
  ASSERT_EQ(server.request("PUT", app_path(copy_id, "/snapshot"), json::serialize(exported)).status, 200u);
  const TestApp copy{copy_id, app.secret_key, app.admin, mint_sig(server, copy_id, app.admin)};
  auto copied = quotas(copy);
  copied.erase("counters");
  auto original = config;
  original.erase("counters");
  EXPECT_EQ(copied, original);
  EXPECT_EQ(send_many(2, copy), (Codes{{0, 1}, {60007, 1}})) << "the copy is metered as configured";

  // POST /mock/apps takes them in `options` too.
  const auto made =
      server.post("/mock/apps", R"({"options":{"quotas":{"limits":{"openim/sendmsg":{"per_second":0}}}}})");
  ASSERT_EQ(made.status, 201u) << made.body;
  const TestApp closed{
      parsed(made)["sdkappid"].to_number<std::uint64_t>(), "", "administrator",
      mint_sig(server, parsed(made)["sdkappid"].to_number<std::uint64_t>(), "administrator")};
  EXPECT_EQ(code_of(send_text(server, closed, "administrator", "administrator", "closed")), 60007);
}

TEST_F(ControlQuotas, ComeAfterTheUserSigAndBeforeTheFaultGate) {
  put_quotas(R"({"limits":{"openim/sendmsg":{"per_second":1}}})");
  add_fault(server, app, R"({"id":"later","match":{"command":"sendmsg"},"error_code":20003,"times":5})");
  EXPECT_EQ(send_many(2), (Codes{{20003, 1}, {60007, 1}})) << "the admitted call meets the fault rule";
  EXPECT_EQ(faults(server, app).at(0).at("times").as_int64(), 4) << "a refused call never reaches the rule";

  TestApp bad_sig = app;
  bad_sig.admin_sig = "not-a-sig";
  move_clock_to(now + 1);
  EXPECT_EQ(code_of(send_text(server, bad_sig, "alice", "bob", "x")), 70003) << "the sig is checked first";
  EXPECT_EQ(code_of(send_text(server, app, "alice", "bob", "x", 5)), 20003) << "and used none of the budget";
}

TEST_F(ControlQuotas, WebImClientCallsAreNotMetered) {
  // §8: the limits are the REST API's ("C2C from clients unlimited").
  put_quotas(R"({"limits":{"openim/sendmsg":{"per_second":0}}})");
  EXPECT_EQ(send_many(1), (Codes{{60007, 1}}));
  WebImClient alice(server, app.sdkappid, "alice", mint_sig(server, app.sdkappid, "alice"));
  ASSERT_TRUE(alice.login().ok);
  const auto sent = alice.send_text("bob", "from the web");
  EXPECT_TRUE(sent.ok()) << json::serialize(sent.reply);
}

}  // namespace
}  // namespace timock::testing
