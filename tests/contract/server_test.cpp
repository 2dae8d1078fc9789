// The server as a process and an HTTP peer: start-up, control plane minimum, keep-alive, limits, stop.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "timock_harness.hpp"

namespace timock::testing {
namespace {

namespace json = boost::json;

TEST(Server, HealthIsOkWithVersion) {
  TimockProcess server;
  const auto health = server.get("/mock/health");
  ASSERT_EQ(health.status, 200u);
  EXPECT_EQ(health.json().at("status").as_string(), "ok");
  EXPECT_FALSE(health.json().at("version").as_string().empty());
}

TEST(Server, EmptyStoreGetsTheDemoAppAndABannerWithAWorkingCurl) {
  TimockProcess server;
  const auto apps = server.get("/mock/apps").json().at("apps").as_array();
  ASSERT_EQ(apps.size(), 1u);
  EXPECT_EQ(apps[0].at("sdkappid").as_int64(), 1400000000);
  EXPECT_EQ(apps[0].at("secret_key").as_string(), "timock-demo-secret");
  EXPECT_EQ(apps[0].at("admin").as_string(), "administrator");
  std::ifstream out(server.output_file());
  const std::string banner((std::istreambuf_iterator<char>(out)), std::istreambuf_iterator<char>());
  const auto start = banner.find("'http://");
  ASSERT_NE(start, std::string::npos) << banner;
  const auto end = banner.find('\'', start + 1);
  const std::string url = banner.substr(start + 1, end - start - 1);
  const std::string target = url.substr(url.find("/v4/"));
  const auto reply = server.post(target, R"({"CheckItem":[{"UserID":"administrator"}]})").json();
  EXPECT_EQ(reply.at("ActionStatus").as_string(), "OK") << json::serialize(reply);
  EXPECT_EQ(reply.at("ResultItem").at(0).at("AccountStatus").as_string(), "Imported");
}

TEST(Server, AppFlagReplacesTheDemoApp) {
  TimockProcess server({"--app", "1400000123:s3cret:boss"});
  const auto apps = server.get("/mock/apps").json().at("apps").as_array();
  ASSERT_EQ(apps.size(), 1u);
  EXPECT_EQ(apps[0].at("sdkappid").as_int64(), 1400000123);
  EXPECT_EQ(apps[0].at("admin").as_string(), "boss");
}

TEST(Server, CreateAppGeneratesIdAndSecretAndMintsWorkingSigs) {
  TimockProcess server;
  const auto created = server.post("/mock/apps", "{}");
  ASSERT_EQ(created.status, 201u) << created.body;
  const auto app = created.json().as_object();
  EXPECT_GT(app.at("sdkappid").as_int64(), 1400000000);
  EXPECT_EQ(app.at("secret_key").as_string().size(), 64u);
  EXPECT_EQ(app.at("admin").as_string(), "administrator");
  const auto again = server.post("/mock/apps", R"({"sdkappid":)" + std::to_string(app.at("sdkappid").as_int64()) + "}");
  EXPECT_EQ(again.status, 409u);
  EXPECT_EQ(server.post("/mock/apps", R"({"sdkappid":"x"})").status, 400u);
  EXPECT_EQ(server.post("/mock/apps", "[").status, 400u);
  EXPECT_EQ(server.post("/mock/apps/99/usersig", R"({"identifier":"a"})").status, 404u);
  const auto minted = server.post("/mock/apps/" + std::to_string(app.at("sdkappid").as_int64()) + "/usersig",
                                  R"({"identifier":"administrator","expire":60})");
  ASSERT_EQ(minted.status, 200u);
  EXPECT_GT(minted.json().at("expire_at").as_int64(), 0);
}

TEST(Server, KeepAliveServesManyRequestsOnOneConnection) {
  TimockProcess server;
  std::string pipelined;
  for (int i = 0; i < 5; ++i) pipelined += "GET /mock/health HTTP/1.1\r\nHost: x\r\n\r\n";
  pipelined += "GET /mock/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  const auto answer = server.raw(pipelined);
  std::size_t count = 0;
  for (auto at = answer.find("HTTP/1.1 200"); at != std::string::npos; at = answer.find("HTTP/1.1 200", at + 1))
    ++count;
  EXPECT_EQ(count, 6u) << answer;
}

TEST(Server, BodyOverOneMebibyteIsRefusedWithAJsonError) {
  TimockProcess server;
  const auto app = create_app(server);
  const auto result = server.post(rest_target(app, "openim/sendmsg"), std::string(2 * 1024 * 1024, ' '));
  EXPECT_EQ(result.status, 200u);
  EXPECT_EQ(result.json().at("ErrorCode").as_int64(), 93000);
  EXPECT_EQ(server.get("/mock/health").status, 200u);
}

TEST(Server, ChunkedBodyOverTheCapIsRefusedToo) {
  TimockProcess server;
  std::string request = "POST /v4/openim/sendmsg?sdkappid=1 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  const std::string chunk(64 * 1024, 'a');
  for (int i = 0; i < 20; ++i) request += "10000\r\n" + chunk + "\r\n";
  request += "0\r\n\r\n";
  const auto answer = server.raw(request);
  EXPECT_NE(answer.find("93000"), std::string::npos) << answer.substr(0, 300);
}

TEST(Server, SigtermStopsCleanlyWithExitCodeZero) {
  TimockProcess server;
  ASSERT_EQ(server.get("/mock/health").status, 200u);
  EXPECT_EQ(server.stop(), 0);
}

TEST(Server, FileDatabaseSurvivesARestart) {
  char pattern[] = "/tmp/timock-db-XXXXXX";
  const std::string dir = mkdtemp(pattern);
  const std::string db = dir + "/state.db";
  std::uint64_t sdkappid = 0;
  {
    TimockProcess server({}, db);
    const auto app = create_app(server);
    sdkappid = app.sdkappid;
    const auto reply = rest(server, app, "im_open_login_svc/account_import", json::object{{"UserID", "keeper"}});
    ASSERT_EQ(reply.at("ActionStatus").as_string(), "OK");
    EXPECT_EQ(server.stop(), 0);
  }
  TimockProcess again({}, db);
  TestApp app;
  app.sdkappid = sdkappid;
  app.admin = "administrator";
  app.admin_sig = mint_sig(again, sdkappid, "administrator");
  const auto reply = rest(again, app, "im_open_login_svc/account_check",
                          json::object{{"CheckItem", json::array{json::object{{"UserID", "keeper"}}}}});
  EXPECT_EQ(reply.at("ResultItem").at(0).at("AccountStatus").as_string(), "Imported");
  again.stop();
  std::filesystem::remove_all(dir);
}

TEST(Server, ControlTokenGuardsTheControlPlane) {
  TimockProcess server({"--control-token", "t0ken"});
  EXPECT_EQ(server.get("/mock/health").status, 401u);
  EXPECT_EQ(server.request("GET", "/mock/health", "", {{"X-Timock-Token", "t0ken"}}).status, 200u);
}

}  // namespace
}  // namespace timock::testing
