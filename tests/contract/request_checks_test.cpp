// Request-level checks of /v4 calls, one test per error code, in DESIGN's order.
#include <gtest/gtest.h>

#include "timock_harness.hpp"

namespace timock::testing {
namespace {

namespace json = boost::json;

class RequestChecks : public ::testing::Test {
 protected:
  TimockProcess server;
  TestApp app = create_app(server);

  json::object call(const std::string& target, const std::string& body = R"({"CheckItem":[{"UserID":"x"}]})") {
    const auto result = server.post(target, body);
    EXPECT_EQ(result.status, 200u) << result.body;
    return result.json().as_object();
  }
  std::string target(const std::string& path, const std::string& identifier, const std::string& sig,
                     std::uint64_t sdkappid = 0) {
    return "/v4/" + path + "?sdkappid=" + std::to_string(sdkappid ? sdkappid : app.sdkappid) +
           "&identifier=" + identifier + "&usersig=" + sig + "&random=7&contenttype=json";
  }
};

void expect_fail(const json::object& reply, int code) {
  EXPECT_EQ(reply.at("ActionStatus").as_string(), "FAIL") << json::serialize(reply);
  EXPECT_EQ(reply.at("ErrorCode").as_int64(), code) << json::serialize(reply);
  EXPECT_FALSE(reply.at("ErrorInfo").as_string().empty());
}

TEST_F(RequestChecks, MissingSdkAppIdReturns60012) {
  expect_fail(call("/v4/im_open_login_svc/account_check?identifier=" + app.admin + "&usersig=" + app.admin_sig),
              60012);
}

TEST_F(RequestChecks, UnknownSdkAppIdReturns70020) {
  expect_fail(call(target("im_open_login_svc/account_check", app.admin, app.admin_sig, 1234567)), 70020);
}

TEST_F(RequestChecks, EmptyUserSigReturns70002) {
  expect_fail(call(target("im_open_login_svc/account_check", app.admin, "")), 70002);
}

TEST_F(RequestChecks, UndecodableUserSigReturns70003) {
  expect_fail(call(target("im_open_login_svc/account_check", app.admin, "not-a-usersig")), 70003);
}

TEST_F(RequestChecks, SigOfAnotherAppReturns70014) {
  const auto other = create_app(server);
  expect_fail(call(target("im_open_login_svc/account_check", other.admin, other.admin_sig)), 70014);
}

TEST_F(RequestChecks, SigOfAnotherIdentifierReturns70013) {
  const auto alice_sig = mint_sig(server, app.sdkappid, "alice");
  expect_fail(call(target("im_open_login_svc/account_check", app.admin, alice_sig)), 70013);
}

TEST_F(RequestChecks, SigMadeWithAnotherKeyReturns70009) {
  // Same sdkappid and identifier, different secret: made by a second server that has the same app id.
  TimockProcess other_server({"--app", std::to_string(app.sdkappid) + ":some-other-secret:" + app.admin});
  const auto forged = mint_sig(other_server, app.sdkappid, app.admin);
  expect_fail(call(target("im_open_login_svc/account_check", app.admin, forged)), 70009);
}

TEST_F(RequestChecks, ExpiredSigReturns70001) {
  const auto minted = server.post("/mock/apps/" + std::to_string(app.sdkappid) + "/usersig",
                                  R"({"identifier":")" + app.admin + R"(","expire":10})");
  const auto sig = std::string(minted.json().at("usersig").as_string());
  const auto expire_at = minted.json().at("expire_at").as_int64();
  ASSERT_EQ(server.request("PUT", "/mock/clock", R"({"now":)" + std::to_string(expire_at) + "}").status, 200u);
  EXPECT_EQ(call(target("im_open_login_svc/account_check", app.admin, sig)).at("ErrorCode").as_int64(), 0)
      << "valid through time + expire inclusive";
  ASSERT_EQ(server.request("PUT", "/mock/clock", R"({"now":)" + std::to_string(expire_at + 1) + "}").status, 200u);
  expect_fail(call(target("im_open_login_svc/account_check", app.admin, sig)), 70001);
}

TEST_F(RequestChecks, UnknownServiceReturns60009WithEnvelope) {
  expect_fail(call(target("no_such_svc/whatever", app.admin, app.admin_sig)), 60009);
}

TEST_F(RequestChecks, UnknownCommandOfKnownServiceReturns60009) {
  expect_fail(call(target("openim/no_such_command", app.admin, app.admin_sig)), 60009);
}

TEST_F(RequestChecks, UnknownPathOutsideV4StillGetsTheEnvelope) {
  const auto result = server.post("/nothing/here", "{}");
  EXPECT_EQ(result.status, 200u);
  EXPECT_EQ(result.json().at("ActionStatus").as_string(), "FAIL");
}

struct AdminCase {
  const char* path;
  int admin_code;
  int bad_json_code;
};

class PerServiceCodes : public RequestChecks, public ::testing::WithParamInterface<AdminCase> {};

TEST_P(PerServiceCodes, NonAdminCallerGetsTheServicesAdminCode) {
  const auto alice_sig = mint_sig(server, app.sdkappid, "alice");
  expect_fail(call(target(GetParam().path, "alice", alice_sig), "{}"), GetParam().admin_code);
}

TEST_P(PerServiceCodes, BodyThatIsNotJsonGetsTheServicesParseCode) {
  expect_fail(call(target(GetParam().path, app.admin, app.admin_sig), "{not json"), GetParam().bad_json_code);
  expect_fail(call(target(GetParam().path, app.admin, app.admin_sig), ""), GetParam().bad_json_code);
  expect_fail(call(target(GetParam().path, app.admin, app.admin_sig), "[1,2]"), GetParam().bad_json_code);
}

INSTANTIATE_TEST_SUITE_P(Services, PerServiceCodes,
                         ::testing::Values(AdminCase{"im_open_login_svc/account_check", 70403, 70402},
                                           AdminCase{"openim/sendmsg", 90009, 90001},
                                           AdminCase{"sns/friend_add", 30004, 30001}),
                         [](const auto& info) {
                           std::string name = info.param.path;
                           for (auto& c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

TEST_F(RequestChecks, QueryNamesAreCaseInsensitiveAndRandomIsOptional) {
  const auto reply = call("/v4/im_open_login_svc/account_check?SdkAppId=" + std::to_string(app.sdkappid) +
                          "&Identifier=" + app.admin + "&UserSig=" + app.admin_sig);
  EXPECT_EQ(reply.at("ActionStatus").as_string(), "OK") << json::serialize(reply);
}

}  // namespace
}  // namespace timock::testing
