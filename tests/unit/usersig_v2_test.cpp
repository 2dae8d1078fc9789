// UserSig v2 against every case of tests/data/usersig-v2.json (reference/usersig.md §9) plus the
// properties the vectors cannot show: mint byte-exactness, check order, bombs and garbage.
#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <fstream>
#include <functional>
#include <limits>
#include <random>
#include <sstream>
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

boost::json::object load_vector_file() {
  const std::string path = std::string(TIMOCK_TEST_DATA) + "/usersig-v2.json";
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  boost::json::error_code ec;
  boost::json::value root = boost::json::parse(text.str(), ec);
  if (ec || !root.is_object()) return {};
  return std::move(root.get_object());
}

std::vector<VectorCase> load_cases(const std::function<bool(const boost::json::object&)>& keep = {}) {
  std::vector<VectorCase> cases;
  const boost::json::object root = load_vector_file();
  const boost::json::value* list = root.if_contains("cases");
  if (list == nullptr || !list->is_array()) return cases;
  for (const auto& item : list->get_array()) {
    const auto& object = item.get_object();
    if (keep && !keep(object)) continue;
    cases.push_back({std::string(object.at("id").get_string()), object});
  }
  return cases;
}

bool is_kind(const boost::json::object& c, std::string_view kind) {
  return c.at("kind").get_string() == kind;
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

// The vector's `verify` block as a request; expected_userbuf is base64 in the file, raw bytes here.
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

// expect.valid / expect.reason, or one of expect.also_acceptable.
void expect_verdict(const VerifyResult& result, const boost::json::object& expect) {
  std::vector<std::string> acceptable{expect.at("valid").as_bool() ? "valid" : str(expect.at("reason"))};
  if (const auto* more = expect.if_contains("also_acceptable")) {
    for (const auto& alt : more->get_array()) acceptable.push_back(str(alt));
  }
  const std::string got = verdict(result);
  EXPECT_NE(std::find(acceptable.begin(), acceptable.end(), got), acceptable.end())
      << "got " << got << ", expected " << acceptable.front();
}

const std::string kKey = "f6a6ce52a93ad06a6861ce8e5b3b030d864e8c8cb9cfd01f35b1350edd872f54";

std::string mint_alice(std::int64_t time = 1700000000, std::int64_t expire = 86400,
                       std::optional<std::string> userbuf = std::nullopt) {
  return mint_v2(MintV2{.sdkappid = 1400000000,
                        .secret_key = kKey,
                        .identifier = "alice",
                        .time = time,
                        .expire = expire,
                        .userbuf = std::move(userbuf)});
}

VerifyRequest alice_at(std::int64_t now) {
  VerifyRequest request;
  request.sdkappid = 1400000000;
  request.identifier = "alice";
  request.now = now;
  return request;
}

// ---- every vector -----------------------------------------------------------------------------------

class UserSigV2Vector : public testing::TestWithParam<VectorCase> {};

TEST_P(UserSigV2Vector, VerifierGivesTheExpectedVerdict) {
  const auto& c = GetParam().data;
  const auto& verify = c.at("verify").get_object();
  const VerifyResult result =
      verify_v2(c.at("usersig").get_string(), verify.at("key").get_string(), request_of(verify));
  expect_verdict(result, c.at("expect").get_object());
}

TEST_P(UserSigV2Vector, DecodeYieldsTheVectorsJsonTextOrFailsAtTheSameStage) {
  const auto& c = GetParam().data;
  const Decoded decoded = decode_usersig(c.at("usersig").get_string());
  const auto& expect = c.at("expect").get_object();
  const std::string reason = expect.at("reason").is_string() ? str(expect.at("reason")) : "";
  if (reason == "empty" || reason == "base64" || reason == "zlib") {
    EXPECT_EQ(to_string(decoded.failure), reason);
  } else {
    ASSERT_EQ(decoded.failure, SigFailure::none);
    EXPECT_EQ(decoded.json, str(c.at("decoded_json")));
  }
}

INSTANTIATE_TEST_SUITE_P(Vectors, UserSigV2Vector, testing::ValuesIn(load_cases()), case_name);

TEST(UserSigV2Vectors, FileHoldsAll86Cases) {
  EXPECT_EQ(load_cases().size(), 86u);
}

// ---- positives --------------------------------------------------------------------------------------

class UserSigV2Positive : public testing::TestWithParam<VectorCase> {};

TEST_P(UserSigV2Positive, IsValidFromTimeThroughTimePlusExpireThenExpired) {
  const auto& c = GetParam().data;
  const auto& verify = c.at("verify").get_object();
  const auto& boundary = c.at("boundary").get_object();
  const std::string_view key = verify.at("key").get_string();
  VerifyRequest request = request_of(verify);
  const std::int64_t time = c.at("time").to_number<std::int64_t>();
  const std::int64_t expire = c.at("expire").to_number<std::int64_t>();
  ASSERT_EQ(boundary.at("last_valid_now").to_number<std::int64_t>(), time + expire);

  for (const std::int64_t now : {time, boundary.at("last_valid_now").to_number<std::int64_t>()}) {
    request.now = now;
    const VerifyResult result = verify_v2(c.at("usersig").get_string(), key, request);
    EXPECT_TRUE(result.ok()) << "now " << now << ": " << verdict(result);
    EXPECT_EQ(result.version, 2);
    EXPECT_EQ(result.time, time);
    EXPECT_EQ(result.expire, expire);
    EXPECT_EQ(result.expires_at(), time + expire);
  }
  request.now = boundary.at("first_expired_now").to_number<std::int64_t>();
  EXPECT_EQ(request.now, time + expire + 1);
  EXPECT_EQ(verify_v2(c.at("usersig").get_string(), key, request).failure, SigFailure::expired);
}

TEST_P(UserSigV2Positive, CombinedVerifierDispatchesToV2WithTheSecretKey) {
  const auto& c = GetParam().data;
  const auto& verify = c.at("verify").get_object();
  AppKeys keys;
  keys.secret_key = str(verify.at("key"));
  EXPECT_TRUE(verify_usersig(c.at("usersig").get_string(), keys, request_of(verify)).ok());
  keys.secret_key.clear();
  keys.public_key_pem = "-----BEGIN PUBLIC KEY-----\n";  // a v1 key does not help a v2 ticket
  EXPECT_EQ(verify_usersig(c.at("usersig").get_string(), keys, request_of(verify)).failure,
            SigFailure::key_missing);
}

TEST_P(UserSigV2Positive, CppOfficialRenderingVerifiesToo) {
  const auto& c = GetParam().data;
  const auto& cpp = c.at("cpp_official_rendering").get_object();
  const auto& verify = c.at("verify").get_object();
  VerifyRequest request = request_of(verify);
  // The C++ library's userbuf can differ from Node's (§2.4, v2-privmap-utf8-identifier): expect its own.
  const auto json = detail::parse_json_object(cpp.at("decoded_json").get_string()).value();
  if (const auto* userbuf = json.if_contains("TLS.userbuf")) {
    request.expected_userbuf = detail::base64_decode(userbuf->get_string()).value();
  }
  EXPECT_TRUE(verify_v2(cpp.at("usersig").get_string(), verify.at("key").get_string(), request).ok());
}

TEST_P(UserSigV2Positive, MintReproducesTheOfficialCppUsersigByteForByte) {
  const auto& c = GetParam().data;
  const auto& cpp = c.at("cpp_official_rendering").get_object();
  const auto cpp_json = detail::parse_json_object(cpp.at("decoded_json").get_string()).value();
  MintV2 input;
  input.sdkappid = c.at("sdkappid").to_number<std::uint64_t>();
  const std::string key = str(c.at("key"));
  const std::string identifier = str(c.at("identifier"));
  input.secret_key = key;
  input.identifier = identifier;
  input.time = c.at("time").to_number<std::int64_t>();
  input.expire = c.at("expire").to_number<std::int64_t>();
  if (const auto* userbuf = cpp_json.if_contains("TLS.userbuf")) {
    input.userbuf = detail::base64_decode(userbuf->get_string()).value();
  }
  const std::string minted = mint_v2(input);
  EXPECT_EQ(decode_usersig(minted).json, str(cpp.at("decoded_json")));
  EXPECT_EQ(minted, str(cpp.at("usersig")));
}

INSTANTIATE_TEST_SUITE_P(Vectors, UserSigV2Positive,
                         testing::ValuesIn(load_cases([](const auto& c) { return is_kind(c, "positive"); })),
                         case_name);

class UserSigV2PrivateMapKey : public testing::TestWithParam<VectorCase> {};

TEST_P(UserSigV2PrivateMapKey, UserbufMatchesTheCppLayout) {
  const auto& c = GetParam().data;
  const auto& cpp = c.at("cpp_official_rendering").get_object();
  // The C++ layout (UTF-8 account bytes) is in cpp_official_rendering when it differs from Node's.
  const auto& fields =
      (cpp.contains("userbuf_fields") ? cpp.at("userbuf_fields") : c.at("userbuf_fields")).get_object();
  const std::string identifier = str(c.at("identifier"));
  const std::string room_str = c.contains("roomstr") ? str(c.at("roomstr")) : "";
  const std::string userbuf =
      private_map_userbuf(identifier, fields.at("dwSdkAppid").to_number<std::uint64_t>(),
                          fields.at("dwAuthID").to_number<std::uint32_t>(), room_str,
                          fields.at("dwExpTime").to_number<std::uint32_t>(),
                          fields.at("dwPrivilegeMap").to_number<std::uint32_t>());
  const auto cpp_json = detail::parse_json_object(cpp.at("decoded_json").get_string()).value();
  EXPECT_EQ(detail::base64_encode(userbuf), cpp_json.at("TLS.userbuf").get_string());
  EXPECT_EQ(userbuf.size(), fields.at("total_len").to_number<std::size_t>());
}

INSTANTIATE_TEST_SUITE_P(Vectors, UserSigV2PrivateMapKey, testing::ValuesIn(load_cases([](const auto& c) {
                           return c.contains("privilegeMap");
                         })),
                         case_name);

// ---- properties beyond the vectors ------------------------------------------------------------------

TEST(UserSigV2, MintedTicketVerifiesWithItsUserbufAndNotWithout) {
  const std::string sig = mint_alice(1700000000, 300, std::string("\x00\xff room", 7));
  VerifyRequest request = alice_at(1700000000);
  EXPECT_EQ(verify_v2(sig, kKey, request).failure, SigFailure::userbuf_mismatch);
  request.expected_userbuf = std::string("\x00\xff room", 7);
  EXPECT_TRUE(verify_v2(sig, kKey, request).ok());
  request.expected_userbuf = "other";
  EXPECT_EQ(verify_v2(sig, kKey, request).failure, SigFailure::userbuf_mismatch);
}

TEST(UserSigV2, ChecksSdkAppIdThenIdentifierThenSignatureThenExpiryThenUserbuf) {
  // Each ticket below has two faults; the earlier check in our order names the failure.
  VerifyRequest request = alice_at(1800000000);  // expired for every ticket below
  request.sdkappid = 1;
  request.identifier = "bob";
  EXPECT_EQ(verify_v2(mint_alice(), kKey, request).failure, SigFailure::sdkappid_mismatch);
  request.sdkappid = 1400000000;
  EXPECT_EQ(verify_v2(mint_alice(), kKey, request).failure, SigFailure::identifier_mismatch);
  request.identifier = "alice";
  EXPECT_EQ(verify_v2(mint_alice(), "wrong-key", request).failure, SigFailure::sig_mismatch);
  request.expected_userbuf = "abc";
  EXPECT_EQ(verify_v2(mint_alice(), kKey, request).failure, SigFailure::expired);
  request.now = 1700000000;
  EXPECT_EQ(verify_v2(mint_alice(), kKey, request).failure, SigFailure::userbuf_mismatch);
}

TEST(UserSigV2, ExpiryArithmeticIs64BitAndDoesNotOverflow) {
  const std::int64_t late = std::numeric_limits<std::int64_t>::max() - 5;
  const std::string sig = mint_alice(late, std::numeric_limits<std::uint32_t>::max());
  const VerifyResult result = verify_v2(sig, kKey, alice_at(std::numeric_limits<std::int64_t>::max()));
  EXPECT_TRUE(result.ok()) << verdict(result);
  EXPECT_EQ(result.expires_at(), std::numeric_limits<std::int64_t>::max());
  // After 2038 with a 32-bit-overflowing sum.
  const std::string after_2038 = mint_alice(4294967000, 1000);
  EXPECT_TRUE(verify_v2(after_2038, kKey, alice_at(4294968000)).ok());
  EXPECT_EQ(verify_v2(after_2038, kKey, alice_at(4294968001)).failure, SigFailure::expired);
}

TEST(UserSigV2, MissingSecretKeyIsKeyMissingWhichMapsTo70016) {
  AppKeys keys;  // neither key
  const VerifyResult result = verify_usersig(mint_alice(), keys, alice_at(1700000000));
  EXPECT_EQ(result.failure, SigFailure::key_missing);
  EXPECT_EQ(rest_error_code(result.failure), core::ErrorCode::key_not_configured);
  EXPECT_EQ(verify_v2(mint_alice(), "", alice_at(1700000000)).failure, SigFailure::key_missing);
}

TEST(UserSigV2, FailuresMapToTheRestErrorCodesOfTheDesign) {
  using core::ErrorCode;
  EXPECT_EQ(rest_error_code(SigFailure::empty), ErrorCode::usersig_empty);
  for (auto f : {SigFailure::base64, SigFailure::zlib, SigFailure::json, SigFailure::version,
                 SigFailure::field_missing, SigFailure::field_type, SigFailure::userbuf_mismatch}) {
    EXPECT_EQ(static_cast<int>(rest_error_code(f)), 70003) << to_string(f);
  }
  EXPECT_EQ(static_cast<int>(rest_error_code(SigFailure::identifier_mismatch)), 70013);
  EXPECT_EQ(static_cast<int>(rest_error_code(SigFailure::sdkappid_mismatch)), 70014);
  EXPECT_EQ(static_cast<int>(rest_error_code(SigFailure::expired)), 70001);
  EXPECT_EQ(static_cast<int>(rest_error_code(SigFailure::sig_mismatch)), 70009);
  EXPECT_EQ(static_cast<int>(rest_error_code(SigFailure::key_missing)), 70016);
  EXPECT_EQ(static_cast<int>(rest_error_code(SigFailure::none)), 0);
}

TEST(UserSigV2, MintEscapesControlCharactersInUpperCaseHexLikeRapidjson) {
  const std::string identifier = "a\x01\x1f\n\\u00ab";
  const std::string sig = mint_v2(MintV2{.sdkappid = 1,
                                         .secret_key = kKey,
                                         .identifier = identifier,
                                         .time = 1,
                                         .expire = 1,
                                         .userbuf = std::nullopt});
  const std::string json = decode_usersig(sig).json;
  // rapidjson: \u0001 \u001F, short escapes for \n, and an escaped backslash before a literal "u00ab".
  EXPECT_NE(json.find(R"("TLS.identifier":"a\u0001\u001F\n\\u00ab")"), std::string::npos) << json;
  VerifyRequest request;
  request.sdkappid = 1;
  request.identifier = identifier;
  request.now = 2;
  EXPECT_TRUE(verify_v2(sig, kKey, request).ok());
}

// A zlib stream of `size` bytes of JSON-looking text, at level 9, as a UserSig.
std::string deflate_bomb(std::size_t size) {
  std::string json = R"({"TLS.ver":"2.0","TLS.identifier":")";
  json.append(size - json.size(), 'a');
  uLongf compressed_size = compressBound(static_cast<uLong>(json.size()));
  std::string compressed(compressed_size, '\0');
  EXPECT_EQ(compress2(reinterpret_cast<Bytef*>(compressed.data()), &compressed_size,
                      reinterpret_cast<const Bytef*>(json.data()), static_cast<uLong>(json.size()),
                      Z_BEST_COMPRESSION),
            Z_OK);
  compressed.resize(compressed_size);
  return detail::to_urlish(detail::base64_encode(compressed));
}

TEST(UserSigV2, TenMegabyteDeflateBombIsRefusedAsZlibWithinMilliseconds) {
  const std::string bomb = deflate_bomb(10 * 1000 * 1000);
  ASSERT_LE(bomb.size(), detail::kMaxUsersigLength) << "the bomb must reach the inflate stage";
  const auto start = std::chrono::steady_clock::now();
  const VerifyResult result =
      verify_usersig(bomb, AppKeys{.secret_key = kKey, .public_key_pem = ""}, alice_at(1700000000));
  const Decoded decoded = decode_usersig(bomb);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(result.failure, SigFailure::zlib);
  EXPECT_EQ(decoded.failure, SigFailure::zlib);
  EXPECT_LT(elapsed, std::chrono::milliseconds(100));
}

TEST(UserSigV2, OverlongUsersigIsRefusedBeforeDecoding) {
  const std::string huge(detail::kMaxUsersigLength + 4, 'A');
  EXPECT_EQ(verify_v2(huge, kKey, alice_at(0)).failure, SigFailure::base64);
  EXPECT_EQ(decode_usersig(huge).failure, SigFailure::base64);
}

TEST(UserSigV2, NonCanonicalUserbufOrDuplicateNestedKeysAreRefused) {
  auto wrap = [](std::string_view json) { return detail::wrap_json(json); };
  const std::string base =
      R"({"TLS.ver":"2.0","TLS.identifier":"alice","TLS.sdkappid":1400000000,"TLS.time":1700000000,)"
      R"("TLS.expire":86400,"TLS.sig":"x")";
  EXPECT_EQ(verify_v2(wrap(base + R"(,"TLS.userbuf":"YWJ"})"), kKey, alice_at(0)).failure,
            SigFailure::field_type);
  EXPECT_EQ(verify_v2(wrap(base + R"(,"x":{"a":1,"a":2}})"), kKey, alice_at(0)).failure, SigFailure::json);
  EXPECT_EQ(verify_v2(wrap(base + "} trailing"), kKey, alice_at(0)).failure, SigFailure::json);
  EXPECT_EQ(verify_v2(wrap(base + R"(,"TLS.time":1})"), kKey, alice_at(0)).failure, SigFailure::json);
}

TEST(UserSigV2, RandomGarbageAlwaysGetsAVerdictAndNeverThrows) {
  std::mt19937 rng(20240601);  // fixed seed: a failure is reproducible
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789*-_+/=";
  const std::string valid = mint_alice();
  const AppKeys keys{.secret_key = kKey, .public_key_pem = ""};
  for (int i = 0; i < 3000; ++i) {
    std::string input;
    switch (i % 3) {
      case 0: {  // arbitrary bytes
        input.resize(rng() % 512);
        for (char& ch : input) ch = static_cast<char>(rng() & 0xff);
        break;
      }
      case 1: {  // base64-looking text
        input.resize(4 * (rng() % 128));
        for (char& ch : input) ch = alphabet[rng() % alphabet.size()];
        break;
      }
      default: {  // a valid ticket with a few characters changed
        input = valid;
        for (int n = 0; n < 1 + static_cast<int>(rng() % 4); ++n)
          input[rng() % input.size()] = alphabet[rng() % 64];
        break;
      }
    }
    VerifyResult result;
    EXPECT_NO_THROW(result = verify_usersig(input, keys, alice_at(1700000000)));
    EXPECT_NO_THROW(decode_usersig(input));
    if (i % 3 != 2) {
      EXPECT_FALSE(result.ok());
    }
  }
}

}  // namespace
}  // namespace timock::auth
