// REST calls signed with v1 (ECDSA) UserSigs against an app that holds a public key, and the 700xx code
// for each way such a call can fail. Sigs are minted by `timock usersig gen --private-key` with the
// vector keys (tests/data/usersig-v1.json).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>

#include "timock_harness.hpp"

namespace timock::testing {
namespace {

namespace json = boost::json;

json::object vector_keys() {
  std::ifstream in(std::string(TIMOCK_TEST_DATA) + "/usersig-v1.json");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto all = json::parse(text);
  return all.at("keys").as_object();
}

std::string run(const std::string& command) {
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("popen failed");
  std::array<char, 512> chunk{};
  while (fgets(chunk.data(), chunk.size(), pipe)) output += chunk.data();
  pclose(pipe);
  while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.pop_back();
  return output;
}

class V1Rest : public ::testing::Test {
 protected:
  json::object keys = vector_keys();
  TimockProcess server;
  std::string dir = server.output_file().substr(0, server.output_file().rfind('/'));
  TestApp app;

  void SetUp() override {
    write_key("k1", "private_pem_sec1");
    write_key("k1b", "private_pem_sec1");
    write_key("p256", "private_pem_pkcs8");
    const auto body = json::serialize(json::object{{"admin", "seed_admin"},
                                                   {"public_key_pem", keys.at("k1").at("public_pem")}});
    const auto created = server.post("/mock/apps", body);
    ASSERT_EQ(created.status, 201u) << created.body;
    app.sdkappid = created.json().at("sdkappid").to_number<std::uint64_t>();
    app.admin = "seed_admin";
    EXPECT_TRUE(created.json().at("secret_key").as_string().empty()) << "a public-key app gets no secret";
  }
  void write_key(const std::string& name, const std::string& field) {
    std::ofstream(dir + "/" + name + ".pem") << keys.at(name).at(field).as_string().c_str();
  }
  std::string mint(const std::string& key, std::uint64_t sdkappid, const std::string& identifier,
                   const std::string& extra = "") {
    return run(std::string(timock_binary()) + " usersig gen --sdkappid " + std::to_string(sdkappid) +
               " --private-key " + dir + "/" + key + ".pem --identifier " + identifier + " " + extra);
  }
  std::int64_t code_with(const std::string& sig) {
    app.admin_sig = sig;
    return rest(server, app, "im_open_login_svc/account_check",
                json::object{{"CheckItem", json::array{json::object{{"UserID", "seed_admin"}}}}})
        .at("ErrorCode")
        .as_int64();
  }
};

TEST_F(V1Rest, SigFromTheAppsPrivateKeyIsAccepted) { EXPECT_EQ(code_with(mint("k1", app.sdkappid, "seed_admin")), 0); }

TEST_F(V1Rest, SigFromAnotherPrivateKeyReturns70009) {
  EXPECT_EQ(code_with(mint("k1b", app.sdkappid, "seed_admin")), 70009);
}

TEST_F(V1Rest, SigForAnotherIdentifierReturns70013) {
  EXPECT_EQ(code_with(mint("k1", app.sdkappid, "someone_else")), 70013);
}

TEST_F(V1Rest, SigForAnotherAppReturns70014) { EXPECT_EQ(code_with(mint("k1", app.sdkappid + 1, "seed_admin")), 70014); }

TEST_F(V1Rest, ExpiredSigReturns70001) {
  EXPECT_EQ(code_with(mint("k1", app.sdkappid, "seed_admin", "--time 1700000000 --expire 10")), 70001);
}

TEST_F(V1Rest, V2SigForAnAppWithoutASecretKeyReturns70016) {
  const auto v2 = run(std::string(timock_binary()) + " usersig gen --sdkappid " + std::to_string(app.sdkappid) +
                      " --key anything --identifier seed_admin");
  EXPECT_EQ(code_with(v2), 70016);
  EXPECT_EQ(server.post("/mock/apps/" + std::to_string(app.sdkappid) + "/usersig", R"({"identifier":"a"})").status,
            409u);
}

TEST_F(V1Rest, Prime256v1KeysWorkToo) {
  const auto body =
      json::serialize(json::object{{"admin", "p_admin"}, {"public_key_pem", keys.at("p256").at("public_pem")}});
  const auto created = server.post("/mock/apps", body);
  ASSERT_EQ(created.status, 201u);
  TestApp p256;
  p256.sdkappid = created.json().at("sdkappid").to_number<std::uint64_t>();
  p256.admin = "p_admin";
  p256.admin_sig = mint("p256", p256.sdkappid, "p_admin");
  const auto reply = rest(server, p256, "im_open_login_svc/account_import", json::object{{"UserID", "u1"}});
  EXPECT_EQ(reply.at("ActionStatus").as_string(), "OK") << json::serialize(reply);
}

}  // namespace
}  // namespace timock::testing
