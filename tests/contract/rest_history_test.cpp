// open_msg_svc/get_history (reference/rest-api.md §3.8, §4.8): the hourly gzip file of an app's messages,
// served by timock at the URL the reply gives, with its sizes and MD5s; 1002, 1004 and 1005.
#include <openssl/evp.h>
#include <zlib.h>

#include "rest_endpoints.hpp"

namespace timock::testing {
namespace {

std::string md5_hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), digest, &size, EVP_md5(), nullptr);
  std::string out;
  char hex[3];
  for (unsigned int i = 0; i < size; ++i) {
    std::snprintf(hex, sizeof hex, "%02x", digest[i]);
    out += hex;
  }
  return out;
}

std::string gunzip(const std::string& data) {
  z_stream stream{};
  inflateInit2(&stream, 15 + 16);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buffer[4096];
  int rc = Z_OK;
  while (rc == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    rc = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - stream.avail_out);
  }
  inflateEnd(&stream);
  return rc == Z_STREAM_END ? out : std::string("(not gzip)");
}

class RestHistory : public RestEndpointsBase, public ::testing::Test {
 protected:
  // kT0 is 2023-11-15 06:13:20 in Beijing: its hour is "2023111506".
  void SetUp() override {
    pin_clock(kT0);
    import({"alice", "bob"});
  }
  json::object history(const std::string& type, const std::string& hour) const {
    return call("open_msg_svc/get_history", json::object{{"ChatType", type}, {"MsgTime", hour}});
  }
};

TEST_F(RestHistory, TheHoursFileIsServedAtItsUrlWithItsSizesAndMd5s) {
  ASSERT_EQ(send("alice", "bob", 1, 11).at("ErrorCode"), 0);
  ASSERT_EQ(send("bob", "alice", 2, 22).at("ErrorCode"), 0);
  EXPECT_EQ(history("C2C", "2023111506").at("ErrorCode"), 1004) << "the hour is not over";
  pin_clock(kT0 + 3600);
  const auto reply = history("C2C", "2023111506");
  ASSERT_EQ(reply.at("ErrorCode"), 0) << json::serialize(reply);
  const auto& file = reply.at("File").at(0).as_object();
  const std::string url(file.at("URL").as_string());
  const std::string base = "http://127.0.0.1:" + std::to_string(server.port());
  ASSERT_EQ(url.substr(0, base.size()), base);
  EXPECT_EQ(url.substr(base.size()),
            "/v4/open_msg_svc/history/" + std::to_string(app.sdkappid) + "/C2C/2023111506.gz");
  EXPECT_EQ(file.at("ExpireTime"), "2023-11-22 07:00:00");

  const auto download = server.get(url.substr(base.size()));
  ASSERT_EQ(download.status, 200u);
  EXPECT_EQ(static_cast<std::int64_t>(download.body.size()), file.at("GzipSize").to_number<std::int64_t>());
  EXPECT_EQ(md5_hex(download.body), std::string(file.at("GzipMD5").as_string()));
  const auto text = gunzip(download.body);
  EXPECT_EQ(static_cast<std::int64_t>(text.size()), file.at("FileSize").to_number<std::int64_t>());
  EXPECT_EQ(md5_hex(text), std::string(file.at("FileMD5").as_string()));
  const auto content = json::parse(text).as_object();
  EXPECT_EQ(content.at("SdkAppId").to_number<std::uint64_t>(), app.sdkappid);
  EXPECT_EQ(content.at("ChatType"), "C2C");
  EXPECT_EQ(content.at("MsgTime"), "2023111506");
  const auto& list = content.at("MsgList").as_array();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list.at(0).at("From_Account"), "alice");
  EXPECT_EQ(list.at(0).at("To_Account"), "bob");
  EXPECT_EQ(list.at(0).at("MsgTimestamp"), kT0);
  EXPECT_EQ(list.at(1).at("MsgBody"), text_body("bob#2"));
}

TEST_F(RestHistory, GroupFilesHoldTheGroupsMessages) {
  const auto group = call("group_open_http_svc/create_group",
                          json::parse(R"({"Type":"Public","Name":"g","Owner_Account":"alice"})"));
  ASSERT_EQ(group.at("ErrorCode"), 0);
  ASSERT_EQ(call("group_open_http_svc/send_group_msg", json::object{{"GroupId", group.at("GroupId")},
                                                                    {"From_Account", "alice"},
                                                                    {"Random", 5},
                                                                    {"MsgBody", text_body("hello group")}})
                .at("ErrorCode"),
            0);
  pin_clock(kT0 + 3600);
  EXPECT_EQ(history("C2C", "2023111506").at("ErrorCode"), 1004) << "no C2C message that hour";
  const auto reply = history("Group", "2023111506");
  ASSERT_EQ(reply.at("ErrorCode"), 0) << json::serialize(reply);
  const std::string url(reply.at("File").at(0).at("URL").as_string());
  const auto path = url.substr(url.find("/v4/"));
  const auto content = json::parse(gunzip(server.get(path).body)).as_object();
  ASSERT_EQ(content.at("MsgList").as_array().size(), 1u);
  EXPECT_EQ(content.at("MsgList").at(0).at("GroupId"), group.at("GroupId"));
  EXPECT_EQ(
      server.get("/v4/open_msg_svc/history/" + std::to_string(app.sdkappid) + "/C2C/2023111506.gz").status,
      404u);
}

TEST_F(RestHistory, CodesForBadParametersAndExpiredHours) {
  EXPECT_EQ(history("Both", "2023111506").at("ErrorCode"), 1002);
  EXPECT_EQ(history("C2C", "20231115").at("ErrorCode"), 1002);
  EXPECT_EQ(history("C2C", "2023023106").at("ErrorCode"), 1002);
  EXPECT_EQ(history("C2C", "2023110706").at("ErrorCode"), 1005) << "over 7 days old";
  EXPECT_EQ(call_as("alice", "open_msg_svc/get_history", R"({"ChatType":"C2C","MsgTime":"2023111505"})")
                .at("ErrorCode"),
            1002);
  EXPECT_EQ(post_raw("open_msg_svc/get_history", "{not json").at("ErrorCode"), 1001);
}

}  // namespace
}  // namespace timock::testing
