// The seed's backend (node-im) as it really calls the API (reference/rest-api.md §0): chunked bodies with
// no Content-Type, no `random`, the legacy `Identifier`, a lowercase `type`; and its whole flow with
// UserSigs taken from the v2 vectors.
#include <gtest/gtest.h>

#include <fstream>

#include "timock_harness.hpp"

namespace timock::testing {
namespace {

namespace json = boost::json;

json::object vector_case(const std::string& id) {
  std::ifstream in(std::string(TIMOCK_TEST_DATA) + "/usersig-v2.json");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto all = json::parse(text);
  for (const auto& c : all.at("cases").as_array())
    if (c.at("id").as_string() == id) return c.as_object();
  throw std::runtime_error("no vector " + id);
}

// What Node's https.request writes for the seed: method 'POST', no Content-Type, chunked body.
std::string seed_request(const std::string& target, const std::string& body) {
  char size[16];
  std::snprintf(size, sizeof size, "%zx", body.size());
  return "POST " + target + " HTTP/1.1\r\nHost: console.tim.qq.com\r\nConnection: close\r\n"
         "Transfer-Encoding: chunked\r\n\r\n" + size + "\r\n" + body + "\r\n0\r\n\r\n";
}

json::object reply_of(const std::string& raw_response) {
  const auto start = raw_response.find("\r\n\r\n");
  EXPECT_NE(start, std::string::npos) << raw_response;
  EXPECT_TRUE(raw_response.starts_with("HTTP/1.1 200")) << raw_response;
  return json::parse(raw_response.substr(start + 4)).as_object();
}

class SeedFlow : public ::testing::Test {
 protected:
  // The vector "v2-ascii-basic" is alice's sig for app 1400000000, minted at 1700000000 for 180 days:
  // run the app with alice as its admin and the clock inside that window.
  json::object vector = vector_case("v2-ascii-basic");
  TimockProcess server{{"--app", "1400000000:" + std::string(vector.at("key").as_string()) + ":alice"}};
  std::string sig = std::string(vector.at("usersig").as_string());

  void SetUp() override {
    ASSERT_EQ(server.request("PUT", "/mock/clock", R"({"now":1700000100,"frozen":true})").status, 200u);
  }
  // The seed's parameter order: usersig, identifier, sdkappid, contenttype; no random.
  std::string target(const std::string& path) {
    return "/v4/" + path + "?usersig=" + sig + "&identifier=alice&sdkappid=1400000000&contenttype=json";
  }
  json::object seed_call(const std::string& path, const std::string& body) {
    return reply_of(server.raw(seed_request(target(path), body)));
  }
};

TEST_F(SeedFlow, ImportTwoUsersBefriendThemSendAndReadHistory) {
  auto reply = seed_call("im_open_login_svc/account_import",
                         R"({"Identifier":"zhangsan","Nick":"张三","FaceUrl":"http://x/a.png","type":0})");
  ASSERT_EQ(reply.at("ActionStatus").as_string(), "OK") << json::serialize(reply);
  reply = seed_call("im_open_login_svc/account_import", R"({"Identifier":"lisi","Nick":"李四","FaceUrl":"","type":0})");
  ASSERT_EQ(reply.at("ActionStatus").as_string(), "OK") << json::serialize(reply);

  for (const auto& [from, to] : {std::pair{"zhangsan", "lisi"}, std::pair{"lisi", "zhangsan"}}) {
    reply = seed_call("sns/friend_add", std::string(R"({"From_Account":")") + from +
                                            R"(","AddFriendItem":[{"To_Account":")" + to +
                                            R"(","AddSource":"AddSource_Type_Web"}],"AddType":"Add_Type_Both","ForceAddFlags":1})");
    ASSERT_EQ(reply.at("ActionStatus").as_string(), "OK") << json::serialize(reply);
    const auto& item = reply.at("ResultItem").as_array().at(0).as_object();
    EXPECT_EQ(item.at("To_Account").as_string(), to);
    // The second call finds them friends already, both ways.
    EXPECT_EQ(item.at("ResultCode").as_int64(), std::string(from) == "zhangsan" ? 0 : 30001);
    EXPECT_EQ(reply.at("ErrorDisplay").as_string(), "");
  }

  reply = seed_call("openim/sendmsg",
                    R"({"SyncOtherMachine":1,"From_Account":"zhangsan","To_Account":"lisi","MsgRandom":1287657,)"
                    R"("MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"你好"}}]})");
  ASSERT_EQ(reply.at("ActionStatus").as_string(), "OK") << json::serialize(reply);
  EXPECT_EQ(reply.at("MsgTime").as_int64(), 1700000100);
  const std::string key(reply.at("MsgKey").as_string());
  EXPECT_TRUE(key.ends_with("_1287657_1700000100")) << key;

  reply = seed_call("openim/admin_getroammsg",
                    R"({"Operator_Account":"lisi","Peer_Account":"zhangsan","MaxCnt":100,"MinTime":1700000000,"MaxTime":1700000200})");
  ASSERT_EQ(reply.at("ActionStatus").as_string(), "OK") << json::serialize(reply);
  EXPECT_EQ(reply.at("Complete").as_int64(), 1);
  EXPECT_EQ(reply.at("MsgCnt").as_int64(), 1);
  EXPECT_EQ(reply.at("LastMsgKey").as_string(), key);
  const auto& msg = reply.at("MsgList").as_array().at(0).as_object();
  EXPECT_EQ(msg.at("From_Account").as_string(), "zhangsan");
  EXPECT_EQ(msg.at("To_Account").as_string(), "lisi");
  EXPECT_EQ(msg.at("MsgRandom").as_int64(), 1287657);
  EXPECT_EQ(msg.at("MsgTimeStamp").as_int64(), 1700000100);
  EXPECT_EQ(msg.at("MsgFlagBits").as_int64(), 0);
  EXPECT_EQ(msg.at("MsgKey").as_string(), key);
  EXPECT_EQ(msg.at("MsgBody").as_array().at(0).at("MsgContent").at("Text").as_string(), "你好");
}

TEST_F(SeedFlow, UnimportedReceiverGets20003) {
  seed_call("im_open_login_svc/account_import", R"({"Identifier":"zhangsan","type":0})");
  const auto reply = seed_call("openim/sendmsg", R"({"From_Account":"zhangsan","To_Account":"ghost","MsgRandom":123,)"
                                                 R"("MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]})");
  EXPECT_EQ(reply.at("ErrorCode").as_int64(), 20003) << json::serialize(reply);
  EXPECT_EQ(reply.at("ActionStatus").as_string(), "FAIL");
}

TEST_F(SeedFlow, VectorSigIsRefusedOnceTheClockPassesItsExpiry) {
  ASSERT_EQ(server.request("PUT", "/mock/clock", R"({"now":1715552001})").status, 200u);
  const auto reply = seed_call("im_open_login_svc/account_check", R"({"CheckItem":[{"UserID":"alice"}]})");
  EXPECT_EQ(reply.at("ErrorCode").as_int64(), 70001);
}

TEST_F(SeedFlow, ServerSurvivesGarbageOnTheSocket) {
  const std::string garbage[] = {std::string("\x16\x03\x01\x00\x05hello", 10), "GARBAGE\r\n\r\n",
                                 "POST /v4/x HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
                                 std::string(5000, '\xff'), "GET / HTTP/9.9\r\n\r\n"};
  for (const auto& bytes : garbage) server.raw(bytes, 1000);
  EXPECT_EQ(server.get("/mock/health").status, 200u);
  EXPECT_TRUE(server.running());
}

TEST_F(SeedFlow, MalformedHttpGetsAJsonErrorThenClose) {
  const auto answer = server.raw("GARBAGE\r\n\r\n", 2000);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 400")) << answer;
  EXPECT_NE(answer.find("60002"), std::string::npos) << answer;
}

}  // namespace
}  // namespace timock::testing
