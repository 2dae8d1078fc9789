// The control plane's app routes, clock, metrics and token (DESIGN "Control plane"): each route, and each
// way a request to it can fail, with the 4xx reply naming the bad field.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <regex>
#include <sstream>
#include <thread>

#include "control_helpers.hpp"

namespace timock::testing {
namespace {

using namespace control;

json::object vector_keys() {
  return json::parse(read_text_file(std::string(TIMOCK_TEST_DATA) + "/usersig-v1.json"))
      .at("keys")
      .as_object();
}

std::int64_t wall_now() {
  return static_cast<std::int64_t>(std::time(nullptr));
}

// ---- apps -------------------------------------------------------------------------------------------------

class ControlApps : public ::testing::Test {
 protected:
  TimockProcess server;

  HttpResult create(const json::object& body) const {
    return server.post("/mock/apps", json::serialize(body));
  }
  std::vector<std::uint64_t> listed_ids() const {
    std::vector<std::uint64_t> ids;
    const auto apps = parsed(server.get("/mock/apps"));
    for (const auto& app : apps.at("apps").as_array())
      ids.push_back(app.at("sdkappid").to_number<std::uint64_t>());
    return ids;
  }
};

TEST_F(ControlApps, CreateWithGivenSdkAppIdSecretAndAdmin) {
  const auto created = create({{"sdkappid", 1400123456}, {"secret_key", "given-secret"}, {"admin", "boss"}});
  ASSERT_EQ(created.status, 201u) << created.body;
  auto app = parsed(created);
  EXPECT_EQ(app["sdkappid"].as_int64(), 1400123456);
  EXPECT_EQ(app["secret_key"].as_string(), "given-secret");
  EXPECT_EQ(app["admin"].as_string(), "boss");
  EXPECT_TRUE(app["public_key_pem"].is_null());
  EXPECT_NEAR(app["created_at"].as_int64(), wall_now(), 5);

  // A sig made outside timock with the given secret is accepted: the secret is really the app's key.
  TestApp boss{1400123456, "given-secret", "boss", ""};
  boss.admin_sig = run_command(std::string(timock_binary()) +
                               " usersig gen --sdkappid 1400123456 --key given-secret --identifier boss");
  EXPECT_EQ(account_status(server, boss, "boss"), "Imported") << "the admin account comes with the app";
}

TEST_F(ControlApps, CreateWithNothingGeneratesSdkAppIdSecretAndDefaultAdmin) {
  const auto first = create({});
  const auto second = create({});
  ASSERT_EQ(first.status, 201u) << first.body;
  ASSERT_EQ(second.status, 201u) << second.body;
  auto a = parsed(first);
  auto b = parsed(second);
  const auto id = a["sdkappid"].as_int64();
  EXPECT_GE(id, 1400000001);
  EXPECT_LE(id, 1499999999);
  EXPECT_NE(id, b["sdkappid"].as_int64());
  EXPECT_TRUE(std::regex_match(std::string(a["secret_key"].as_string()), std::regex("[0-9a-f]{64}")))
      << a["secret_key"];
  EXPECT_NE(a["secret_key"], b["secret_key"]);
  EXPECT_EQ(a["admin"].as_string(), "administrator");
  EXPECT_TRUE(a["public_key_pem"].is_null());
}

TEST_F(ControlApps, CreateWithPublicKeyPemAcceptsV1Sigs) {
  const auto keys = vector_keys();
  const std::string pem(keys.at("k1").at("public_pem").as_string());
  const auto created = create({{"sdkappid", 1400123457}, {"admin", "v1admin"}, {"public_key_pem", pem}});
  ASSERT_EQ(created.status, 201u) << created.body;
  auto app = parsed(created);
  EXPECT_EQ(app["public_key_pem"].as_string(), pem);
  EXPECT_EQ(app["secret_key"].as_string(), "") << "a public-key app gets no secret unless asked";
  EXPECT_EQ(parsed(server.get(app_path(1400123457)))["public_key_pem"].as_string(), pem);

  char pattern[] = "/tmp/timock-control-XXXXXX";
  const std::string dir = mkdtemp(pattern);
  std::ofstream(dir + "/k1.pem") << keys.at("k1").at("private_pem_sec1").as_string().c_str();
  TestApp v1{1400123457, "", "v1admin", ""};
  v1.admin_sig =
      run_command(std::string(timock_binary()) + " usersig gen --sdkappid 1400123457 --private-key " + dir +
                  "/k1.pem --identifier v1admin");
  std::filesystem::remove_all(dir);
  EXPECT_EQ(account_status(server, v1, "v1admin"), "Imported");
}

TEST_F(ControlApps, BadFieldsReturn400NamingTheField) {
  const auto keys = vector_keys();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"sdkappid":"1400000001"})", "sdkappid"},
      {R"({"sdkappid":0})", "sdkappid"},
      {R"({"sdkappid":-5})", "sdkappid"},
      {R"({"sdkappid":4294967296})", "sdkappid"},
      {R"({"sdkappid":1.5})", "sdkappid"},
      {R"({"secret_key":12345})", "secret_key"},
      {R"({"secret_key":["a"]})", "secret_key"},
      {R"({"admin":""})", "admin"},
      {R"({"admin":7})", "admin"},
      {R"({"admin":")" + std::string(33, 'a') + R"("})", "admin"},
      {R"({"public_key_pem":3})", "public_key_pem"},
      {R"({"public_key_pem":"not a pem"})", "public_key_pem"},
      {json::serialize(json::object{{"public_key_pem", keys.at("k1").at("private_pem_pkcs8")}}),
       "public_key_pem"},
  };
  const auto before = listed_ids();
  for (const auto& [body, field] : cases) {
    const auto result = server.post("/mock/apps", body);
    EXPECT_EQ(result.status, 400u) << body << " → " << result.body;
    auto reply = parsed(result);
    EXPECT_EQ(reply["field"], json::value(field)) << body << " → " << result.body;
    EXPECT_FALSE(reply["error"].as_string().empty()) << body;
  }
  for (const std::string body : {"[1,2]", "not json", R"("text")"}) {
    const auto result = server.post("/mock/apps", body);
    EXPECT_EQ(result.status, 400u) << body << " → " << result.body;
    EXPECT_TRUE(parsed(result).contains("error")) << result.body;
  }
  EXPECT_EQ(listed_ids(), before) << "no app is created by a refused request";
}

TEST_F(ControlApps, DuplicateSdkAppIdReturns409AndKeepsTheFirst) {
  ASSERT_EQ(create({{"sdkappid", 1400123458}, {"secret_key", "first"}}).status, 201u);
  const auto again = create({{"sdkappid", 1400123458}, {"secret_key", "second"}});
  EXPECT_EQ(again.status, 409u) << again.body;
  EXPECT_EQ(parsed(again)["field"], json::value("sdkappid"));
  EXPECT_EQ(parsed(server.get(app_path(1400123458)))["secret_key"].as_string(), "first");
}

TEST_F(ControlApps, UnknownAppReturns404OnEveryAppRoute) {
  const std::vector<std::pair<std::string, std::string>> routes = {
      {"GET", ""},         {"DELETE", ""},         {"POST", "/reset"},    {"POST", "/usersig"},
      {"GET", "/faults"},  {"POST", "/faults"},    {"DELETE", "/faults"}, {"GET", "/faults/r1"},
      {"GET", "/journal"}, {"DELETE", "/journal"}, {"GET", "/snapshot"}, {"GET", "/quotas"},
      {"PUT", "/quotas"},  {"DELETE", "/quotas"}};
  for (const auto& [method, suffix] : routes) {
    const auto result = server.request(method, app_path(1234567, suffix),
                                       method == "POST" ? R"({"identifier":"a","error_code":1})" : "");
    EXPECT_EQ(result.status, 404u) << method << " " << suffix << " → " << result.body;
    EXPECT_TRUE(parsed(result).contains("error")) << result.body;
  }
  EXPECT_EQ(server.get("/mock/apps/not-a-number").status, 400u);
  EXPECT_EQ(server.get("/mock/apps/0").status, 400u);
  EXPECT_EQ(server.get("/mock/no-such-route").status, 404u);
}

TEST_F(ControlApps, WrongMethodReturns405) {
  const auto app = create_app(server);
  for (const auto& [method, path] :
       std::vector<std::pair<std::string, std::string>>{{"PUT", "/mock/apps"},
                                                        {"PATCH", app_path(app)},
                                                        {"GET", app_path(app, "/reset")},
                                                        {"GET", app_path(app, "/usersig")},
                                                        {"POST", "/mock/clock"},
                                                        {"POST", "/mock/metrics"},
                                                        {"PUT", app_path(app, "/journal")},
                                                        {"PUT", app_path(app, "/faults")},
                                                        {"POST", app_path(app, "/quotas")}}) {
    EXPECT_EQ(server.request(method, path).status, 405u) << method << " " << path;
  }
}

TEST_F(ControlApps, GetOneAndListAll) {
  const auto created = create({{"sdkappid", 1400123459}, {"admin", "root"}});
  ASSERT_EQ(created.status, 201u);
  const auto one = server.get(app_path(1400123459));
  EXPECT_EQ(one.status, 200u);
  EXPECT_EQ(parsed(one), parsed(created));
  const auto ids = listed_ids();
  EXPECT_NE(std::find(ids.begin(), ids.end(), 1400123459u), ids.end());
}

TEST_F(ControlApps, DeleteRemovesTheAppWithAllItsData) {
  ASSERT_EQ(create({{"sdkappid", 1400123460}, {"secret_key", "keep-me"}}).status, 201u);
  TestApp app{1400123460, "keep-me", "administrator", mint_sig(server, 1400123460, "administrator")};
  import_account(server, app, "alice");
  import_account(server, app, "bob");
  ASSERT_EQ(code_of(send_text(server, app, "alice", "bob", "before delete")), 0);
  add_fault(server, app, R"({"match":{"command":"friend_get"},"error_code":30006})");

  const auto deleted = server.request("DELETE", app_path(app));
  EXPECT_EQ(deleted.status, 200u) << deleted.body;
  EXPECT_EQ(server.get(app_path(app)).status, 404u);
  const auto ids = listed_ids();
  EXPECT_EQ(std::find(ids.begin(), ids.end(), 1400123460u), ids.end());
  EXPECT_EQ(code_of(rest(server, app, "im_open_login_svc/account_check",
                         json::object{{"CheckItem", json::array{json::object{{"UserID", "alice"}}}}})),
            70020)
      << "a REST call to a deleted app is an unknown app";

  // The same id again starts empty: no accounts, messages, faults or journal of the old app.
  ASSERT_EQ(create({{"sdkappid", 1400123460}, {"secret_key", "keep-me"}}).status, 201u);
  EXPECT_EQ(account_status(server, app, "alice"), "NotImported");
  import_account(server, app, "alice");
  import_account(server, app, "bob");
  EXPECT_EQ(roam(server, app, "alice", "bob")["MsgCnt"].as_int64(), 0);
  EXPECT_TRUE(faults(server, app).empty());
  for (const auto& entry : journal(server, app))
    EXPECT_NE(entry.at("command").as_string(), "sendmsg") << "the old app's journal is gone";

  // Made again with another secret, sigs of the old key are refused even though they were verified before.
  ASSERT_EQ(server.request("DELETE", app_path(app)).status, 200u);
  ASSERT_EQ(create({{"sdkappid", 1400123460}, {"secret_key", "another-secret"}}).status, 201u);
  EXPECT_EQ(account_status(server, app, "administrator"), "ErrorCode 70009");
}

TEST_F(ControlApps, ResetKeepsKeysButEmptiesData) {
  const auto app = create_app(server, R"({"admin":"boss"})");
  const auto before = parsed(server.get(app_path(app)));
  import_account(server, app, "alice");
  import_account(server, app, "bob");
  ASSERT_EQ(code_of(send_text(server, app, "alice", "bob", "before reset")), 0);
  add_fault(server, app, R"({"match":{"command":"friend_get"},"error_code":30006})");

  const auto reset = server.post(app_path(app, "/reset"), "");
  EXPECT_EQ(reset.status, 200u) << reset.body;
  EXPECT_EQ(parsed(reset), before) << "the reply is the app, keys unchanged";
  EXPECT_EQ(parsed(server.get(app_path(app))), before);
  EXPECT_TRUE(faults(server, app).empty()) << "fault rules go with the data";
  EXPECT_TRUE(journal(server, app).empty()) << "so does the journal";

  // The admin sig minted before the reset still works; the data is gone but the admin account stays.
  EXPECT_EQ(account_status(server, app, "alice"), "NotImported");
  EXPECT_EQ(account_status(server, app, "bob"), "NotImported");
  EXPECT_EQ(account_status(server, app, "boss"), "Imported");
  import_account(server, app, "alice");
  import_account(server, app, "bob");
  EXPECT_EQ(roam(server, app, "alice", "bob")["MsgCnt"].as_int64(), 0);
}

TEST_F(ControlApps, UsersigMintsAWorkingSigWithItsExpiry) {
  const auto app = create_app(server);
  const auto minted = server.post(app_path(app, "/usersig"), R"({"identifier":"alice","expire":600})");
  ASSERT_EQ(minted.status, 200u) << minted.body;
  auto sig = parsed(minted);
  EXPECT_NEAR(sig["expire_at"].as_int64(), wall_now() + 600, 5);
  const auto decoded =
      run_command(std::string(timock_binary()) + " usersig verify --sdkappid " + std::to_string(app.sdkappid) +
                  " --key " + app.secret_key + " --identifier alice " +
                  std::string(sig["usersig"].as_string()) + " >/dev/null 2>&1; echo $?");
  EXPECT_EQ(decoded, "0");
  for (const auto& [body, field] :
       std::vector<std::pair<std::string, std::string>>{{R"({})", "identifier"},
                                                        {R"({"identifier":""})", "identifier"},
                                                        {R"({"identifier":5})", "identifier"},
                                                        {R"({"identifier":"a","expire":-1})", "expire"},
                                                        {R"({"identifier":"a","expire":"60"})", "expire"}}) {
    const auto result = server.post(app_path(app, "/usersig"), body);
    EXPECT_EQ(result.status, 400u) << body << " → " << result.body;
    EXPECT_EQ(parsed(result)["field"], json::value(field)) << body << " → " << result.body;
  }
}

// ---- clock ------------------------------------------------------------------------------------------------

class ControlClock : public ::testing::Test {
 protected:
  TimockProcess server;

  json::object clock() const { return parsed(server.get("/mock/clock")); }
  json::object put_clock(const std::string& body) const {
    const auto result = server.request("PUT", "/mock/clock", body);
    EXPECT_EQ(result.status, 200u) << body << " → " << result.body;
    return parsed(result);
  }
};

TEST_F(ControlClock, GetShowsRealTimeUnfrozen) {
  auto now = clock();
  EXPECT_NEAR(now["now"].as_int64(), wall_now(), 2);
  EXPECT_EQ(now["offset_s"].as_int64(), 0);
  EXPECT_EQ(now["frozen"].as_bool(), false);
}

TEST_F(ControlClock, PutNowFrozenPinsTheClockUntilUnfrozen) {
  auto reply = put_clock(R"({"now":1700000000,"frozen":true})");
  EXPECT_EQ(reply["now"].as_int64(), 1700000000);
  EXPECT_EQ(reply["frozen"].as_bool(), true);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_EQ(clock()["now"].as_int64(), 1700000000) << "a frozen clock does not move";

  reply = put_clock(R"({"frozen":false})");
  EXPECT_EQ(reply["frozen"].as_bool(), false);
  EXPECT_GE(reply["now"].as_int64(), 1700000000);
  EXPECT_LE(reply["now"].as_int64(), 1700000002) << "it runs on from where it stood";
}

TEST_F(ControlClock, PutNowUnfrozenRunsFromThere) {
  auto reply = put_clock(R"({"now":1800000000})");
  EXPECT_EQ(reply["frozen"].as_bool(), false);
  EXPECT_NEAR(reply["now"].as_int64(), 1800000000, 2);
  EXPECT_NEAR(reply["offset_s"].as_int64(), 1800000000 - wall_now(), 2);
}

TEST_F(ControlClock, OffsetShiftsRealTime) {
  auto reply = put_clock(R"({"offset_s":3600})");
  EXPECT_EQ(reply["offset_s"].as_int64(), 3600);
  EXPECT_EQ(reply["frozen"].as_bool(), false);
  EXPECT_NEAR(reply["now"].as_int64(), wall_now() + 3600, 2);
  reply = put_clock(R"({"offset_s":-86400})");
  EXPECT_NEAR(clock()["now"].as_int64(), wall_now() - 86400, 2);
  reply = put_clock(R"({"offset_s":0})");
  EXPECT_NEAR(clock()["now"].as_int64(), wall_now(), 2);
}

TEST_F(ControlClock, SigExpiresWhenTheClockPassesTimePlusExpire) {
  auto app = create_app(server);
  put_clock(R"({"now":1800000000,"frozen":true})");
  const auto minted =
      parsed(server.post(app_path(app, "/usersig"), R"({"identifier":"administrator","expire":100})"));
  ASSERT_EQ(minted.at("expire_at").as_int64(), 1800000100);
  app.admin_sig = std::string(minted.at("usersig").as_string());

  put_clock(R"({"now":1800000100,"frozen":true})");
  EXPECT_EQ(account_status(server, app, "administrator"), "Imported") << "valid up to time + expire";
  put_clock(R"({"now":1800000101,"frozen":true})");
  EXPECT_EQ(account_status(server, app, "administrator"), "ErrorCode 70001");
  put_clock(R"({"now":1800000050,"frozen":true})");
  EXPECT_EQ(account_status(server, app, "administrator"), "Imported") << "moving back makes it valid again";

  // The same with an offset on a running clock.
  put_clock(R"({"now":1800000000,"frozen":false})");
  put_clock(R"({"offset_s":)" + std::to_string(1800000000 - wall_now() + 200) + "}");
  EXPECT_EQ(account_status(server, app, "administrator"), "ErrorCode 70001");
}

TEST_F(ControlClock, MsgTimeOfSendMsgFollowsTheClock) {
  put_clock(R"({"now":1750000000,"frozen":true})");
  const auto app = create_app(server);  // its sig is minted at the server's time
  import_account(server, app, "alice");
  import_account(server, app, "bob");
  auto reply = send_text(server, app, "alice", "bob", "one", 11);
  ASSERT_EQ(code_of(reply), 0) << json::serialize(reply);
  EXPECT_EQ(reply["MsgTime"].as_int64(), 1750000000);
  EXPECT_TRUE(std::string(reply["MsgKey"].as_string()).ends_with("_11_1750000000")) << reply["MsgKey"];

  put_clock(R"({"now":1750000500,"frozen":true})");
  reply = send_text(server, app, "alice", "bob", "two", 12);
  EXPECT_EQ(reply["MsgTime"].as_int64(), 1750000500);

  put_clock(R"({"now":1750001000,"frozen":false})");
  reply = send_text(server, app, "alice", "bob", "three", 13);
  EXPECT_GE(reply["MsgTime"].as_int64(), 1750001000);
  EXPECT_LE(reply["MsgTime"].as_int64(), 1750001003);

  auto history = roam(server, app, "bob", "alice");
  ASSERT_EQ(history["MsgCnt"].as_int64(), 3);
  std::vector<std::int64_t> times;
  for (const auto& msg : history["MsgList"].as_array()) times.push_back(msg.at("MsgTimeStamp").as_int64());
  std::sort(times.begin(), times.end());
  EXPECT_EQ(times[0], 1750000000);
  EXPECT_EQ(times[1], 1750000500);
}

TEST_F(ControlClock, BadBodiesReturn400AndChangeNothing) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"now":"1700000000"})", "now"},
      {R"({"now":-1})", "now"},
      {R"({"now":1.5})", "now"},
      {R"({"offset_s":"60"})", "offset_s"},
      {R"({"offset_s":true})", "offset_s"},
      {R"({"frozen":"yes"})", "frozen"},
      {R"({"frozen":1})", "frozen"},
  };
  for (const auto& [body, field] : cases) {
    const auto result = server.request("PUT", "/mock/clock", body);
    EXPECT_EQ(result.status, 400u) << body << " → " << result.body;
    EXPECT_EQ(parsed(result)["field"], json::value(field)) << body << " → " << result.body;
  }
  for (const std::string body : {R"({"now":1700000000,"offset_s":5})", "[]", "nope"}) {
    const auto result = server.request("PUT", "/mock/clock", body);
    EXPECT_EQ(result.status, 400u) << body << " → " << result.body;
    EXPECT_TRUE(parsed(result).contains("error")) << result.body;
  }
  auto now = clock();
  EXPECT_EQ(now["offset_s"].as_int64(), 0);
  EXPECT_EQ(now["frozen"].as_bool(), false);
  EXPECT_NEAR(now["now"].as_int64(), wall_now(), 2);
}

// ---- metrics ----------------------------------------------------------------------------------------------

TEST(ControlMetrics, PrometheusTextWithRequestsLatencyAndConnections) {
  TimockProcess server;
  const auto app = create_app(server);
  import_account(server, app, "alice");
  import_account(server, app, "bob");
  send_text(server, app, "alice", "ghost", "to nobody");  // 20003
  TestApp unknown = app;
  unknown.sdkappid = 1234567;
  rest(server, unknown, "im_open_login_svc/account_check", json::object{});  // 70020

  const auto result = server.get("/mock/metrics");
  ASSERT_EQ(result.status, 200u);
  EXPECT_TRUE(result.headers.at("content-type").starts_with("text/plain"))
      << result.headers.at("content-type");
  const auto& text = result.body;
  const auto has = [&](const std::string& line) { return text.find(line) != std::string::npos; };
  EXPECT_TRUE(has("# TYPE timock_requests_total counter\n")) << text;
  EXPECT_TRUE(
      has(R"(timock_requests_total{surface="rest",service="im_open_login_svc",command="account_import",)"
          R"(error_code="0"} 2)"))
      << text;
  EXPECT_TRUE(
      has(R"(timock_requests_total{surface="rest",service="openim",command="sendmsg",error_code="20003"} 1)"))
      << text;
  EXPECT_TRUE(has(R"(service="im_open_login_svc",command="account_check",error_code="70020"} 1)")) << text;
  EXPECT_TRUE(has("# TYPE timock_request_duration_seconds histogram\n")) << text;
  EXPECT_TRUE(has("timock_request_duration_seconds_bucket{le=\"+Inf\"} 4\n")) << text;
  EXPECT_TRUE(has("timock_request_duration_seconds_count 4\n")) << text;
  EXPECT_TRUE(has("timock_request_duration_seconds_sum ")) << text;
  EXPECT_TRUE(has("# TYPE timock_open_connections gauge\n")) << text;

  // Every sample line is `name{labels} value`, buckets are cumulative, and this request's own connection
  // is counted as open.
  const std::regex sample(
      R"(([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="[^"]*",?)*\})? ([-+0-9.eE]+|\+Inf|NaN))");
  std::istringstream lines(text);
  std::string line;
  double previous_bucket = 0;
  double open_connections = -1;
  while (std::getline(lines, line)) {
    if (line.empty() || line.starts_with("# HELP ") || line.starts_with("# TYPE ")) continue;
    std::smatch match;
    ASSERT_TRUE(std::regex_match(line, match, sample)) << line;
    const double value = std::stod(match[4]);
    if (match[1] == "timock_request_duration_seconds_bucket") {
      EXPECT_GE(value, previous_bucket) << line;
      previous_bucket = value;
    }
    if (match[1] == "timock_open_connections") open_connections = value;
  }
  EXPECT_GE(open_connections, 1);
}

// ---- control token ----------------------------------------------------------------------------------------

TEST(ControlToken, EveryMockRouteNeedsTheTokenAndRestDoesNot) {
  TimockProcess server({"--control-token", "let-me-in"});
  const std::map<std::string, std::string> good{{"X-Timock-Token", "let-me-in"}};
  const std::string demo = "/mock/apps/1400000000";
  const std::vector<std::pair<std::string, std::string>> routes = {{"GET", "/mock/health"},
                                                                   {"GET", "/mock/apps"},
                                                                   {"POST", "/mock/apps"},
                                                                   {"GET", demo},
                                                                   {"DELETE", demo},
                                                                   {"POST", demo + "/reset"},
                                                                   {"POST", demo + "/usersig"},
                                                                   {"GET", demo + "/snapshot"},
                                                                   {"PUT", demo + "/snapshot"},
                                                                   {"GET", demo + "/faults"},
                                                                   {"POST", demo + "/faults"},
                                                                   {"DELETE", demo + "/faults"},
                                                                   {"GET", demo + "/faults/r1"},
                                                                   {"DELETE", demo + "/faults/r1"},
                                                                   {"GET", demo + "/journal"},
                                                                   {"DELETE", demo + "/journal"},
                                                                   {"GET", "/mock/clock"},
                                                                   {"PUT", "/mock/clock"},
                                                                   {"GET", "/mock/metrics"},
                                                                   {"GET", "/mock/nothing-here"},
                                                                   {"GET", "/mock"}};
  const std::string body = R"({"now":1000,"identifier":"administrator","error_code":20003})";
  for (const auto& [method, path] : routes) {
    const auto without = server.request(method, path, body);
    EXPECT_EQ(without.status, 401u) << method << " " << path << " → " << without.body;
    EXPECT_TRUE(parsed(without).contains("error")) << without.body;
    const auto wrong = server.request(method, path, body, {{"X-Timock-Token", "let-me-in-not"}});
    EXPECT_EQ(wrong.status, 401u) << method << " " << path;
  }
  // None of the refused requests did anything.
  EXPECT_EQ(server.request("GET", demo, "", good).status, 200u) << "the DELETE was refused";
  EXPECT_FALSE(parsed(server.request("GET", "/mock/clock", "", good))["frozen"].as_bool());
  EXPECT_EQ(parsed(server.request("GET", "/mock/apps", "", good))["apps"].as_array().size(), 1u);
  EXPECT_EQ(server.request("GET", "/mock/health", "", good).status, 200u);

  // REST needs no token.
  const auto minted = server.request("POST", demo + "/usersig", R"({"identifier":"administrator"})", good);
  ASSERT_EQ(minted.status, 200u) << minted.body;
  const TestApp app{1400000000, "timock-demo-secret", "administrator",
                    std::string(parsed(minted)["usersig"].as_string())};
  EXPECT_EQ(account_status(server, app, "administrator"), "Imported");
}

}  // namespace
}  // namespace timock::testing
