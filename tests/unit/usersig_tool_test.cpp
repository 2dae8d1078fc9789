// `timock usersig gen|verify|decode` as functions over streams (the CLI contract in DESIGN).
#include "auth/usersig_tool.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace timock::auth {
namespace {

const std::string kKey = "f6a6ce52a93ad06a6861ce8e5b3b030d864e8c8cb9cfd01f35b1350edd872f54";

// v2-ascii-basic's cpp_official_rendering: the official C++ library's ticket for these inputs.
const std::string kOfficialAlice =
    "eAGrVgrxCdYrSy1SslIy0jNQ0gHzi1OyEwsKMlOUrAxNDKAAIpOZkppXkpmWCdaQmJOZnArVUpKZmwpUbo6qPLWiILMIJG5qamoElIIa"
    "n5kOtC7F0"
    "j0puCwlwMgl29wtKiA-wDkpt6g0xyXcz9-Xx9-UIsy3wjhAO7us3NfCVqkWANk8MOY_";

struct ToolRun {
  int code = -1;
  std::string out;
  std::string err;
};

ToolRun gen(const GenOptions& options) {
  std::ostringstream out, err;
  const int code = usersig_gen(options, out, err);
  return {code, out.str(), err.str()};
}
ToolRun verify(const VerifyOptions& options) {
  std::ostringstream out, err;
  const int code = usersig_verify(options, out, err);
  return {code, out.str(), err.str()};
}
ToolRun decode(std::string_view sig) {
  std::ostringstream out, err;
  const int code = usersig_decode(sig, out, err);
  return {code, out.str(), err.str()};
}

GenOptions alice_gen() {
  GenOptions options;
  options.sdkappid = 1400000000;
  options.key = kKey;
  options.identifier = "alice";
  options.time = 1700000000;
  return options;
}

VerifyOptions alice_verify(std::string sig, std::int64_t now) {
  VerifyOptions options;
  options.sdkappid = 1400000000;
  options.key = kKey;
  options.identifier = "alice";
  options.now = now;
  options.usersig = std::move(sig);
  return options;
}

std::string strip_newline(std::string s) {
  if (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

// Writes the vector file's k1 PEMs to a fresh folder, removed at the end of the test.
class TempKeys {
 public:
  TempKeys() {
    dir_ = std::filesystem::temp_directory_path() /
           ("timock-usersig-tool-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    std::filesystem::create_directories(dir_);
    std::ifstream in(std::string(TIMOCK_TEST_DATA) + "/usersig-v1.json");
    std::stringstream text;
    text << in.rdbuf();
    const auto root = boost::json::parse(text.str());
    const auto& k1 = root.at("keys").at("k1");
    write("private.pem", k1.at("private_pem_sec1").as_string());
    write("public.pem", k1.at("public_pem").as_string());
  }
  ~TempKeys() { std::filesystem::remove_all(dir_); }
  std::string path(std::string_view name) const { return (dir_ / name).string(); }

 private:
  void write(std::string_view name, std::string_view content) { std::ofstream(dir_ / name) << content; }
  std::filesystem::path dir_;
};

TEST(UserSigTool, GenWithSecretKeyPrintsTheOfficialCppTicketForFixedInputs) {
  const ToolRun run = gen(alice_gen());
  EXPECT_EQ(run.code, 0) << run.err;
  EXPECT_EQ(run.out, kOfficialAlice + "\n");
}

TEST(UserSigTool, GeneratedTicketVerifiesAndVerifyExits0) {
  const ToolRun made = gen(alice_gen());
  const ToolRun run = verify(alice_verify(strip_newline(made.out), 1700000000));
  EXPECT_EQ(run.code, 0) << run.out << run.err;
  EXPECT_EQ(run.out.rfind("valid: v2", 0), 0u) << run.out;
}

TEST(UserSigTool, ExpiredTicketPrintsTheReasonAndRestCodeAndExits1) {
  const ToolRun run = verify(alice_verify(kOfficialAlice, 1700000000 + 15552000 + 1));
  EXPECT_EQ(run.code, 1);
  EXPECT_EQ(run.out, "invalid: expired (REST 70001)\n");
}

TEST(UserSigTool, WrongIdentifierPrints70013) {
  VerifyOptions options = alice_verify(kOfficialAlice, 1700000000);
  options.identifier = "bob";
  const ToolRun run = verify(options);
  EXPECT_EQ(run.code, 1);
  EXPECT_EQ(run.out, "invalid: identifier_mismatch (REST 70013)\n");
}

TEST(UserSigTool, GenDefaultsToTheSystemClockAnd180Days) {
  GenOptions options = alice_gen();
  options.time.reset();
  const ToolRun made = gen(options);
  ASSERT_EQ(made.code, 0);
  const ToolRun decoded = decode(strip_newline(made.out));
  EXPECT_NE(decoded.out.find(R"("TLS.expire":15552000)"), std::string::npos) << decoded.out;
  VerifyOptions check = alice_verify(strip_newline(made.out), 0);
  check.now.reset();
  EXPECT_EQ(verify(check).code, 0);
}

TEST(UserSigTool, GenWithUserbufCarriesItInTheTicket) {
  GenOptions options = alice_gen();
  options.userbuf_base64 = "YWJj";
  const ToolRun made = gen(options);
  ASSERT_EQ(made.code, 0) << made.err;
  EXPECT_NE(decode(strip_newline(made.out)).out.find(R"("TLS.userbuf":"YWJj")"), std::string::npos);
}

TEST(UserSigTool, BadOptionsExit2WithAMessage) {
  GenOptions both = alice_gen();
  both.private_key_file = "/nonexistent.pem";
  EXPECT_EQ(gen(both).code, 2);
  GenOptions neither = alice_gen();
  neither.key.clear();
  EXPECT_EQ(gen(neither).code, 2);
  GenOptions no_identifier = alice_gen();
  no_identifier.identifier.clear();
  EXPECT_EQ(gen(no_identifier).code, 2);
  GenOptions bad_userbuf = alice_gen();
  bad_userbuf.userbuf_base64 = "YWJ";
  const ToolRun run = gen(bad_userbuf);
  EXPECT_EQ(run.code, 2);
  EXPECT_FALSE(run.err.empty());
  GenOptions negative_expire = alice_gen();
  negative_expire.expire = -1;
  EXPECT_EQ(gen(negative_expire).code, 2);
  GenOptions missing_file = alice_gen();
  missing_file.key.clear();
  missing_file.private_key_file = "/nonexistent/private.pem";
  EXPECT_EQ(gen(missing_file).code, 2);

  VerifyOptions no_key = alice_verify(kOfficialAlice, 1700000000);
  no_key.key.clear();
  EXPECT_EQ(verify(no_key).code, 2);
}

TEST(UserSigTool, V1GenWithPrivateKeyFileVerifiesWithPublicKeyFile) {
  const TempKeys keys;
  GenOptions options = alice_gen();
  options.key.clear();
  options.private_key_file = keys.path("private.pem");
  const ToolRun made = gen(options);
  ASSERT_EQ(made.code, 0) << made.err;

  VerifyOptions check = alice_verify(strip_newline(made.out), 1700000000);
  check.key.clear();
  check.public_key_file = keys.path("public.pem");
  const ToolRun run = verify(check);
  EXPECT_EQ(run.code, 0) << run.out;
  EXPECT_EQ(run.out.rfind("valid: v1", 0), 0u) << run.out;

  // The same v1 ticket checked with only a secret key: the app has no key of that kind.
  const ToolRun wrong_kind = verify(alice_verify(strip_newline(made.out), 1700000000));
  EXPECT_EQ(wrong_kind.code, 1);
  EXPECT_EQ(wrong_kind.out, "invalid: key_missing (REST 70016)\n");
}

TEST(UserSigTool, V1GenWithAPublicKeyAsPrivateKeyExits2) {
  const TempKeys keys;
  GenOptions options = alice_gen();
  options.key.clear();
  options.private_key_file = keys.path("public.pem");
  const ToolRun run = gen(options);
  EXPECT_EQ(run.code, 2);
  EXPECT_FALSE(run.err.empty());
}

TEST(UserSigTool, DecodePrintsTheJsonInside) {
  const ToolRun run = decode(kOfficialAlice);
  EXPECT_EQ(run.code, 0);
  EXPECT_EQ(run.out,
            R"({"TLS.ver":"2.0","TLS.sdkappid":1400000000,"TLS.identifier":"alice","TLS.time":1700000000,)"
            R"("TLS.expire":15552000,"TLS.sig":"d9GbSvdP2Dk7FZPoPCbmrulDWNOMLO58VMx3P+kvwM8="})"
            "\n");
}

TEST(UserSigTool, DecodeOfGarbageExits1AndSaysWhy) {
  const ToolRun run = decode("not a usersig!");
  EXPECT_EQ(run.code, 1);
  EXPECT_TRUE(run.out.empty());
  EXPECT_EQ(run.err, "undecodable: base64 (REST 70003)\n");
  EXPECT_EQ(decode("").code, 1);
}

}  // namespace
}  // namespace timock::auth
