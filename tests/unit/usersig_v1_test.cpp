// UserSig v1 (ECDSA) against every case of tests/data/usersig-v1.json (reference/usersig.md §5, §9),
// plus mint/verify round trips with the vector file's test-only keys.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "auth/usersig.hpp"
#include "auth/usersig_codec.hpp"

namespace timock::auth {
namespace {

struct VectorCase {
  std::string id;
  boost::json::object data;
};
void PrintTo(const VectorCase& c, std::ostream* os) {
  *os << c.id;
}

const boost::json::object& vector_file() {
  static const boost::json::object root = [] {
    std::ifstream in(std::string(TIMOCK_TEST_DATA) + "/usersig-v1.json", std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    boost::json::error_code ec;
    boost::json::value value = boost::json::parse(text.str(), ec);
    return ec || !value.is_object() ? boost::json::object{} : std::move(value.get_object());
  }();
  return root;
}

std::vector<VectorCase> load_cases(const std::function<bool(const boost::json::object&)>& keep = {}) {
  std::vector<VectorCase> cases;
  const boost::json::value* list = vector_file().if_contains("cases");
  if (list == nullptr || !list->is_array()) return cases;
  for (const auto& item : list->get_array()) {
    const auto& object = item.get_object();
    if (keep && !keep(object)) continue;
    cases.push_back({std::string(object.at("id").get_string()), object});
  }
  return cases;
}

std::string case_name(const testing::TestParamInfo<VectorCase>& info) {
  std::string name = info.param.id;
  std::replace_if(
      name.begin(), name.end(), [](char ch) { return !std::isalnum(static_cast<unsigned char>(ch)); }, '_');
  return name;
}

std::string str(const boost::json::value& v) {
  return std::string(v.get_string());
}

// A PEM from the file's "keys" block, e.g. key_pem("k1", "public_pem").
std::string key_pem(std::string_view name, std::string_view which) {
  return str(vector_file().at("keys").at(name).at(which));
}

VerifyRequest request_of(const boost::json::object& verify) {
  VerifyRequest request;
  request.sdkappid = verify.at("sdkappid").to_number<std::uint64_t>();
  request.identifier = verify.at("identifier").get_string();
  request.now = verify.at("now").to_number<std::int64_t>();
  if (const auto& userbuf = verify.at("expected_userbuf"); userbuf.is_string()) {
    request.expected_userbuf = detail::base64_decode(userbuf.get_string()).value();
  }
  return request;
}

std::string verdict(const VerifyResult& result) {
  return result.ok() ? "valid" : std::string(to_string(result.failure));
}

void expect_verdict(const VerifyResult& result, const boost::json::object& expect) {
  std::vector<std::string> acceptable{expect.at("valid").as_bool() ? "valid" : str(expect.at("reason"))};
  if (const auto* more = expect.if_contains("also_acceptable")) {
    for (const auto& alt : more->get_array()) acceptable.push_back(str(alt));
  }
  const std::string got = verdict(result);
  EXPECT_NE(std::find(acceptable.begin(), acceptable.end(), got), acceptable.end())
      << "got " << got << ", expected " << acceptable.front();
}

// ---- every vector -----------------------------------------------------------------------------------

class UserSigV1Vector : public testing::TestWithParam<VectorCase> {};

TEST_P(UserSigV1Vector, VerifierGivesTheExpectedVerdict) {
  const auto& c = GetParam().data;
  const auto& verify = c.at("verify").get_object();
  const std::string pem = key_pem(verify.at("public_key").get_string(), "public_pem");
  expect_verdict(verify_v1(c.at("usersig").get_string(), pem, request_of(verify)),
                 c.at("expect").get_object());
}

INSTANTIATE_TEST_SUITE_P(Vectors, UserSigV1Vector, testing::ValuesIn(load_cases()), case_name);

TEST(UserSigV1Vectors, FileHoldsAll53Cases) {
  EXPECT_EQ(load_cases().size(), 53u);
}

// ---- positives and Tencent's own fixtures -----------------------------------------------------------

class UserSigV1Positive : public testing::TestWithParam<VectorCase> {};

TEST_P(UserSigV1Positive, IsValidFromTimeThroughTimePlusExpireAfterThenExpired) {
  const auto& c = GetParam().data;
  const auto& verify = c.at("verify").get_object();
  const std::string pem = key_pem(verify.at("public_key").get_string(), "public_pem");
  const std::int64_t time = c.at("time").to_number<std::int64_t>();
  const std::int64_t expire = c.at("expire_after").to_number<std::int64_t>();
  VerifyRequest request = request_of(verify);
  for (const std::int64_t now : {time, time + expire}) {
    request.now = now;
    const VerifyResult result = verify_v1(c.at("usersig").get_string(), pem, request);
    EXPECT_TRUE(result.ok()) << "now " << now << ": " << verdict(result);
    EXPECT_EQ(result.version, 1);
    EXPECT_EQ(result.expires_at(), time + expire);
  }
  request.now = time + expire + 1;
  EXPECT_EQ(verify_v1(c.at("usersig").get_string(), pem, request).failure, SigFailure::expired);
}

TEST_P(UserSigV1Positive, CombinedVerifierDispatchesToV1WithThePublicKey) {
  const auto& c = GetParam().data;
  const auto& verify = c.at("verify").get_object();
  AppKeys keys;
  keys.secret_key = "a v2 key is not used for a v1 ticket";
  keys.public_key_pem = key_pem(verify.at("public_key").get_string(), "public_pem");
  EXPECT_TRUE(verify_usersig(c.at("usersig").get_string(), keys, request_of(verify)).ok());
  keys.public_key_pem.clear();
  EXPECT_EQ(verify_usersig(c.at("usersig").get_string(), keys, request_of(verify)).failure,
            SigFailure::key_missing);
}

INSTANTIATE_TEST_SUITE_P(Vectors, UserSigV1Positive, testing::ValuesIn(load_cases([](const auto& c) {
                           return c.at("kind") == "positive" || c.at("kind") == "official_reference";
                         })),
                         case_name);

// ---- mint ---------------------------------------------------------------------------------------------

struct MintKey {
  std::string name;    // key in the vector file
  std::string format;  // private_pem_sec1 or private_pem_pkcs8
};
void PrintTo(const MintKey& k, std::ostream* os) {
  *os << k.name << "/" << k.format;
}

class UserSigV1Mint : public testing::TestWithParam<MintKey> {
 protected:
  std::string private_pem() const { return key_pem(GetParam().name, GetParam().format); }
  std::string public_pem() const { return key_pem(GetParam().name, "public_pem"); }
  std::string mint(std::optional<std::string> userbuf = std::nullopt) const {
    const std::string pem = private_pem();
    MintV1 input;
    input.sdkappid = 1400000000;
    input.private_key_pem = pem;
    input.identifier = "张三😀";
    input.time = 1700000000;
    input.expire = 86400;
    input.userbuf = std::move(userbuf);
    return mint_v1(input);
  }
  static VerifyRequest request(std::int64_t now = 1700000000) {
    VerifyRequest r;
    r.sdkappid = 1400000000;
    r.identifier = "张三😀";
    r.now = now;
    return r;
  }
};

TEST_P(UserSigV1Mint, MintedTicketVerifiesWithThePublicKeyUntilItExpires) {
  const std::string sig = mint();
  EXPECT_TRUE(verify_v1(sig, public_pem(), request()).ok());
  EXPECT_TRUE(verify_v1(sig, public_pem(), request(1700086400)).ok());
  EXPECT_EQ(verify_v1(sig, public_pem(), request(1700086401)).failure, SigFailure::expired);
  AppKeys keys;
  keys.public_key_pem = public_pem();
  EXPECT_TRUE(verify_usersig(sig, keys, request()).ok());
}

TEST_P(UserSigV1Mint, MintWritesAllStringFieldsInTheNpmAndCppOrder) {
  const std::string json = decode_usersig(mint()).json;
  const auto object = detail::parse_json_object(json).value();
  std::vector<std::string> keys;
  for (const auto& field : object) {
    keys.emplace_back(field.key());
    EXPECT_TRUE(field.value().is_string()) << field.key();
  }
  EXPECT_EQ(keys, (std::vector<std::string>{"TLS.account_type", "TLS.identifier", "TLS.appid_at_3rd",
                                            "TLS.sdk_appid", "TLS.expire_after", "TLS.version", "TLS.time",
                                            "TLS.sig"}));
  EXPECT_EQ(object.at("TLS.appid_at_3rd"), "0");
  EXPECT_EQ(object.at("TLS.account_type"), "0");
}

TEST_P(UserSigV1Mint, TamperedFieldOrSignatureIsSigMismatch) {
  auto object = detail::parse_json_object(decode_usersig(mint()).json).value();
  auto rewrap = [](const boost::json::object& o) {
    return detail::wrap_json(detail::serialize_like_rapidjson(o));
  };

  auto longer = object;
  longer["TLS.expire_after"] = "999999";
  EXPECT_EQ(verify_v1(rewrap(longer), public_pem(), request()).failure, SigFailure::sig_mismatch);

  auto other_sig = object;
  std::string der = detail::base64_decode(object.at("TLS.sig").get_string()).value();
  der[der.size() - 1] ^= 0x01;
  other_sig["TLS.sig"] = detail::base64_encode(der);
  EXPECT_EQ(verify_v1(rewrap(other_sig), public_pem(), request()).failure, SigFailure::sig_mismatch);

  EXPECT_TRUE(verify_v1(rewrap(object), public_pem(), request()).ok());  // re-wrapping alone is harmless
}

TEST_P(UserSigV1Mint, UserbufTicketSignsSevenLinesAndChecksTheBytes) {
  const std::string sig =
      mint(std::string("\x00\xff"
                       "abc",
                       5));
  VerifyRequest r = request();
  EXPECT_EQ(verify_v1(sig, public_pem(), r).failure, SigFailure::userbuf_mismatch);
  r.expected_userbuf = std::string(
      "\x00\xff"
      "abc",
      5);
  EXPECT_TRUE(verify_v1(sig, public_pem(), r).ok());
  EXPECT_NE(decode_usersig(sig).json.find(R"("TLS.userbuf":"AP9hYmM=")"), std::string::npos);
}

TEST_P(UserSigV1Mint, AnotherKeyOfTheSameCurveDoesNotVerify) {
  const std::string other =
      GetParam().name == "k1" ? key_pem("k1b", "public_pem") : key_pem("k1", "public_pem");
  EXPECT_EQ(verify_v1(mint(), other, request()).failure, SigFailure::sig_mismatch);
}

INSTANTIATE_TEST_SUITE_P(
    Keys, UserSigV1Mint,
    testing::Values(MintKey{"k1", "private_pem_sec1"}, MintKey{"k1", "private_pem_pkcs8"},
                    MintKey{"p256", "private_pem_sec1"}, MintKey{"p256", "private_pem_pkcs8"},
                    MintKey{"k1b", "private_pem_sec1"}),
    [](const testing::TestParamInfo<MintKey>& info) { return info.param.name + "_" + info.param.format; });

TEST(UserSigV1, MintWithAnUnreadablePrivateKeyThrowsInvalidArgument) {
  MintV1 input;
  input.private_key_pem = "-----BEGIN EC PRIVATE KEY-----\nnot a key\n-----END EC PRIVATE KEY-----\n";
  input.identifier = "alice";
  EXPECT_THROW(mint_v1(input), std::invalid_argument);
  const std::string public_only = key_pem("k1", "public_pem");
  input.private_key_pem = public_only;
  EXPECT_THROW(mint_v1(input), std::invalid_argument);
}

TEST(UserSigV1, UnusablePublicKeyPemIsKeyMissing) {
  const auto c = load_cases([](const auto& c) { return c.at("id") == "v1-node-style"; }).at(0).data;
  const auto& verify = c.at("verify").get_object();
  EXPECT_EQ(verify_v1(c.at("usersig").get_string(), "not a pem", request_of(verify)).failure,
            SigFailure::key_missing);
}

TEST(UserSigV1, V2TicketToTheCombinedVerifierGoesToV2NotVersion) {
  const auto c =
      load_cases([](const auto& c) { return c.at("id") == "v2-ticket-to-v1-verifier"; }).at(0).data;
  AppKeys keys;
  keys.public_key_pem = key_pem("k1", "public_pem");
  // Dispatch picks v2 (§7); this app has no secret key.
  EXPECT_EQ(
      verify_usersig(c.at("usersig").get_string(), keys, request_of(c.at("verify").get_object())).failure,
      SigFailure::key_missing);
}

TEST(UserSigV1, NumericFieldsAndNonDecimalTimesAreFieldType) {
  const std::string pem = key_pem("k1", "public_pem");
  VerifyRequest r;
  r.sdkappid = 1400000000;
  r.identifier = "alice";
  auto with = [](std::string_view time, std::string_view expire) {
    boost::json::object o;
    o["TLS.account_type"] = "0";
    o["TLS.identifier"] = "alice";
    o["TLS.sdk_appid"] = "1400000000";
    o["TLS.time"] = time;
    o["TLS.expire_after"] = expire;
    o["TLS.sig"] = "AAAA";
    return detail::wrap_json(boost::json::serialize(o));
  };
  EXPECT_EQ(verify_v1(with("-1", "10"), pem, r).failure, SigFailure::field_type);
  EXPECT_EQ(verify_v1(with("1700000000", "1e3"), pem, r).failure, SigFailure::field_type);
  EXPECT_EQ(verify_v1(with("", "10"), pem, r).failure, SigFailure::field_type);
  EXPECT_EQ(verify_v1(with("99999999999999999999", "10"), pem, r).failure, SigFailure::field_type);
  EXPECT_EQ(verify_v1(with("1700000000", "10"), pem, r).failure, SigFailure::sig_mismatch);  // well-formed
}

}  // namespace
}  // namespace timock::auth
