// The UserSig wrapper pieces (reference/usersig.md §1, §4 steps 2–4) one at a time.
#include "auth/usersig_codec.hpp"

#include <gtest/gtest.h>

#include <string>

namespace timock::auth::detail {
namespace {

TEST(UserSigCodec, Base64RoundTripsArbitraryBytesWithPadding) {
  for (const std::string& bytes : {std::string(), std::string("a"), std::string("ab"), std::string("abc"),
                                   std::string("\x00\xff\x10", 3)}) {
    const std::string text = base64_encode(bytes);
    EXPECT_EQ(text.size() % 4, 0u);
    EXPECT_EQ(base64_decode(text), bytes) << text;
  }
  EXPECT_EQ(base64_encode("a"), "YQ==");
}

TEST(UserSigCodec, Base64DecodeAcceptsOnlyCanonicalPaddedInput) {
  EXPECT_FALSE(base64_decode("YQ"));    // unpadded (vector v2-impl-unpadded)
  EXPECT_FALSE(base64_decode("YQ=a"));  // padding in the middle
  EXPECT_FALSE(base64_decode("Y==="));  // three `=`
  EXPECT_FALSE(base64_decode("YW J"));  // whitespace, which EVP_DecodeBlock alone would skip
  EXPECT_FALSE(base64_decode("YW*j"));  // url-ish alphabet is mapped before, never here
  EXPECT_FALSE(base64_decode(" YWJj"));
  EXPECT_EQ(base64_decode("YWI="), "ab");
}

TEST(UserSigCodec, UrlishMappingIsItsOwnInverse) {
  EXPECT_EQ(to_urlish("ab+/=="), "ab*-__");
  EXPECT_EQ(from_urlish("ab*-__"), "ab+/==");
  EXPECT_EQ(from_urlish("ab+/=="), "ab+/==");  // the standard alphabet passes through (§1.2)
}

TEST(UserSigCodec, InflateRefusesTrailingBytesTruncationAndOversize) {
  const std::string stream = zlib_compress_level1("hello hello hello");
  EXPECT_EQ(static_cast<unsigned char>(stream[0]), 0x78);
  EXPECT_EQ(static_cast<unsigned char>(stream[1]), 0x01);  // level 1 header, as the C++ library (§1.3)
  EXPECT_EQ(zlib_inflate_strict(stream, 1024), "hello hello hello");
  EXPECT_FALSE(zlib_inflate_strict(stream + "x", 1024));
  EXPECT_FALSE(zlib_inflate_strict(stream.substr(0, stream.size() - 1), 1024));
  EXPECT_FALSE(zlib_inflate_strict(stream, 16));
  EXPECT_EQ(zlib_inflate_strict(stream, 17), "hello hello hello");  // the cap is inclusive
  EXPECT_FALSE(zlib_inflate_strict("", 1024));
}

TEST(UserSigCodec, JsonParserRefusesDuplicateKeysAtAnyDepthAndNonObjects) {
  EXPECT_TRUE(parse_json_object(R"({"a":1,"b":{"c":[1,2,{"d":null}]}})"));
  EXPECT_FALSE(parse_json_object(R"({"a":1,"a":1})"));
  EXPECT_FALSE(parse_json_object(R"({"a":{"b":1,"b":2}})"));
  EXPECT_FALSE(parse_json_object(R"([{"a":1}])"));
  EXPECT_FALSE(parse_json_object(R"({"a":1} {"b":2})"));
  EXPECT_FALSE(parse_json_object("{\"a\":\"\xff\"}"));  // invalid UTF-8
  EXPECT_TRUE(parse_json_object("{\"a\":1}\n"));        // Go's trailing newline is whitespace
  std::string deep(kMaxJsonDepth + 1, '[');
  EXPECT_FALSE(parse_json_object("{\"a\":" + deep + std::string(kMaxJsonDepth + 1, ']') + "}"));
}

TEST(UserSigCodec, LongKeysAreComparedWhole) {
  const std::string long_key(5000, 'k');
  EXPECT_FALSE(parse_json_object("{\"" + long_key + "\":1,\"" + long_key + "\":2}"));
  EXPECT_TRUE(parse_json_object("{\"" + long_key + "a\":1,\"" + long_key + "b\":2}"));
}

TEST(UserSigCodec, ExpiryIsInclusiveAndOverflowSafe) {
  EXPECT_FALSE(is_expired(100, 0, 100));
  EXPECT_TRUE(is_expired(100, 0, 101));
  EXPECT_FALSE(is_expired(INT64_MAX, 10, INT64_MAX));
}

}  // namespace
}  // namespace timock::auth::detail
