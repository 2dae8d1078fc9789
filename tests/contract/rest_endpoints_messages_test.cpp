// C2C messages over HTTP (reference/rest-api.md §3.3, §6): sendmsg's MsgTime/MsgKey, every MsgBody element
// type of §6.1 (accepted well-formed, 90002 when a required field is missing or mistyped), SyncOtherMachine,
// and admin_getroammsg's order, window and paging.
#include <regex>
#include <set>

#include "rest_endpoints.hpp"

namespace timock::testing {
namespace {

class RestEndpointsMessages : public RestEndpointsBase, public ::testing::Test {
 protected:
  void SetUp() override {
    import({"alice", "bob"});
    pin_clock(kT0);
  }
};

TEST_F(RestEndpointsMessages, SendMsgWithMsgSeqReturnsMsgTimeAndMsgKeyOfSeqRandomTime) {
  pin_clock(kT0 + 100);
  const auto reply = send("alice", "bob", 549396494, 2578554);
  EXPECT_EQ(reply.at("ActionStatus").as_string(), "OK");
  EXPECT_EQ(reply.at("ErrorCode").as_int64(), 0);
  EXPECT_EQ(reply.at("MsgTime").as_int64(), kT0 + 100);
  // §6.2: MsgKey = "<MsgSeq>_<MsgRandom>_<MsgTime>".
  EXPECT_EQ(reply.at("MsgKey").as_string(), "549396494_2578554_1700000100");
  EXPECT_FALSE(reply.contains("ErrorDisplay"));
}

TEST_F(RestEndpointsMessages, SendMsgWithoutMsgSeqFillsAUint32IntoTheMsgKey) {
  const auto reply = call("openim/sendmsg", json::object{{"From_Account", "alice"},
                                                         {"To_Account", "bob"},
                                                         {"MsgRandom", 1287657},
                                                         {"MsgBody", text_body("hi")}});
  ASSERT_EQ(reply.at("ErrorCode").as_int64(), 0) << json::serialize(reply);
  const std::string key(reply.at("MsgKey").as_string());
  std::smatch match;
  ASSERT_TRUE(std::regex_match(key, match, std::regex(R"(^(\d+)_1287657_1700000000$)"))) << key;
  EXPECT_LE(std::stoull(match[1]), 4294967295ull);
  const auto history = roam("bob", "alice", 10, kT0, kT0);
  ASSERT_EQ(history.at("MsgCnt").as_int64(), 1);
  EXPECT_EQ(std::to_string(history.at("MsgList").at(0).at("MsgSeq").as_int64()), match[1].str());
  EXPECT_EQ(history.at("MsgList").at(0).at("MsgKey").as_string(), key);
}

TEST_F(RestEndpointsMessages, SendMsgRepeatedWithinItsSecondIsStoredOnce) {
  EXPECT_EQ(send("alice", "bob", 7, 8).at("MsgKey").as_string(), "7_8_1700000000");
  EXPECT_EQ(send("alice", "bob", 7, 8).at("MsgKey").as_string(), "7_8_1700000000");
  EXPECT_EQ(roam("bob", "alice", 10, kT0, kT0).at("MsgCnt").as_int64(), 1);
}

TEST_F(RestEndpointsMessages, SyncOtherMachine2HidesTheMessageFromTheSendersViewOnly) {
  ASSERT_EQ(send("alice", "bob", 1, 1, {{"SyncOtherMachine", 1}}).at("ErrorCode").as_int64(), 0);
  ASSERT_EQ(send("alice", "bob", 2, 2, {{"SyncOtherMachine", 2}}).at("ErrorCode").as_int64(), 0);
  ASSERT_EQ(send("alice", "bob", 3, 3).at("ErrorCode").as_int64(),
            0);  // absent: kept in the sender's roaming
  const auto senders = roam("alice", "bob", 10, kT0, kT0);
  std::set<std::string> keys;
  for (const auto& m : senders.at("MsgList").as_array()) keys.emplace(m.at("MsgKey").as_string());
  EXPECT_EQ(keys, (std::set<std::string>{"1_1_1700000000", "3_3_1700000000"}));
  EXPECT_EQ(roam("bob", "alice", 10, kT0, kT0).at("MsgCnt").as_int64(), 3);
}

TEST_F(RestEndpointsMessages, GetRoamMsgListsNewestFirstWithEveryField) {
  ASSERT_EQ(send("alice", "bob", 11, 21, {{"CloudCustomData", "ccd"}}).at("ErrorCode").as_int64(), 0);
  pin_clock(kT0 + 5);
  ASSERT_EQ(send("bob", "alice", 12, 22).at("ErrorCode").as_int64(), 0);
  const auto reply = roam("alice", "bob", 100, kT0, kT0 + 5);
  EXPECT_EQ(reply.at("ActionStatus").as_string(), "OK");
  EXPECT_EQ(reply.at("Complete").as_int64(), 1);
  EXPECT_EQ(reply.at("MsgCnt").as_int64(), 2);
  EXPECT_EQ(reply.at("LastMsgTime").as_int64(), kT0);
  EXPECT_EQ(reply.at("LastMsgKey").as_string(), "11_21_1700000000");
  EXPECT_EQ(reply.at("MsgList"), json::parse(R"([
      {"From_Account":"bob","To_Account":"alice","MsgSeq":12,"MsgRandom":22,"MsgTimeStamp":1700000005,
       "MsgFlagBits":0,"IsPeerRead":0,"MsgKey":"12_22_1700000005",
       "MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"bob#12"}}]},
      {"From_Account":"alice","To_Account":"bob","MsgSeq":11,"MsgRandom":21,"MsgTimeStamp":1700000000,
       "MsgFlagBits":0,"IsPeerRead":0,"MsgKey":"11_21_1700000000",
       "MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"alice#11"}}],"CloudCustomData":"ccd"}])"));
}

TEST_F(RestEndpointsMessages, GetRoamMsgOrdersMessagesOfOneSecondByMsgSeq) {
  ASSERT_EQ(send("alice", "bob", 50, 1).at("ErrorCode").as_int64(), 0);
  ASSERT_EQ(send("bob", "alice", 30, 1).at("ErrorCode").as_int64(), 0);
  ASSERT_EQ(send("alice", "bob", 40, 1).at("ErrorCode").as_int64(), 0);
  const auto reply = roam("alice", "bob", 10, kT0, kT0);
  std::vector<std::int64_t> seqs;
  for (const auto& m : reply.at("MsgList").as_array()) seqs.push_back(m.at("MsgSeq").as_int64());
  EXPECT_EQ(seqs, (std::vector<std::int64_t>{50, 40, 30})) << "§6.2: ordered by time, then MsgSeq";
}

TEST_F(RestEndpointsMessages, GetRoamMsgReturnsOnlyTheMinTimeMaxTimeWindow) {
  for (int i = 0; i < 4; ++i) {
    pin_clock(kT0 + 10 * i);
    ASSERT_EQ(send("alice", "bob", i + 1, 1).at("ErrorCode").as_int64(), 0);
  }
  const auto reply = roam("bob", "alice", 100, kT0 + 10, kT0 + 20);  // both ends inclusive
  std::vector<std::int64_t> times;
  for (const auto& m : reply.at("MsgList").as_array()) times.push_back(m.at("MsgTimeStamp").as_int64());
  EXPECT_EQ(times, (std::vector<std::int64_t>{kT0 + 20, kT0 + 10}));
  EXPECT_EQ(reply.at("Complete").as_int64(), 1);
  const auto empty = roam("bob", "alice", 100, kT0 + 31, kT0 + 99);
  EXPECT_EQ(empty.at("MsgCnt").as_int64(), 0);
  EXPECT_EQ(empty.at("Complete").as_int64(), 1);
}

// Pages the way §3.3 says (MaxTime = LastMsgTime, LastMsgKey) until Complete is 1; returns
// "<key><direction>".
std::vector<std::string> walk(const RestEndpointsBase& test, std::int64_t max_cnt, std::int64_t min_time,
                              std::int64_t max_time, int& pages) {
  std::vector<std::string> seen;
  std::string last_key;
  for (pages = 1; pages < 100; ++pages) {
    const auto reply = test.roam("bob", "alice", max_cnt, min_time, max_time, last_key);
    EXPECT_EQ(reply.at("ErrorCode").as_int64(), 0) << json::serialize(reply);
    for (const auto& m : reply.at("MsgList").as_array())
      seen.push_back(std::string(m.at("MsgKey").as_string()) +
                     (m.at("From_Account").as_string() == "bob" ? "<" : ">"));
    EXPECT_EQ(reply.at("MsgCnt").as_int64(),
              static_cast<std::int64_t>(reply.at("MsgList").as_array().size()));
    if (reply.at("Complete").as_int64() == 1) return seen;
    EXPECT_GT(reply.at("MsgCnt").as_int64(), 0) << "an incomplete page must move forward";
    last_key = std::string(reply.at("LastMsgKey").as_string());
    max_time = reply.at("LastMsgTime").as_int64();
  }
  ADD_FAILURE() << "paging never reached Complete 1";
  return seen;
}

TEST_F(RestEndpointsMessages, GetRoamMsgPagingWithMaxCntVisitsEveryMessageOnceNewestFirst) {
  std::vector<std::string> sent;  // oldest first
  for (int i = 0; i < 20; ++i) {
    pin_clock(kT0 + i / 4);  // four messages a second
    const bool from_bob = i % 2 == 1;
    const auto reply = send(from_bob ? "bob" : "alice", from_bob ? "alice" : "bob", 100 + i, 1000 + i);
    ASSERT_EQ(reply.at("MsgTime").as_int64(), kT0 + i / 4);
    sent.push_back(std::string(reply.at("MsgKey").as_string()) + (from_bob ? "<" : ">"));
  }
  const std::vector<std::string> newest_first(sent.rbegin(), sent.rend());
  for (const std::int64_t max_cnt : {1, 3, 7, 20, 50}) {
    int pages = 0;
    EXPECT_EQ(walk(*this, max_cnt, kT0, kT0 + 10, pages), newest_first) << "MaxCnt " << max_cnt;
    EXPECT_EQ(pages, (20 + max_cnt - 1) / max_cnt) << "MaxCnt " << max_cnt;
  }
}

TEST_F(RestEndpointsMessages, GetRoamMsgPagingKeepsTwoMessagesSharingAMsgKeyOnOnePage) {
  // The same MsgSeq and MsgRandom both ways within one second: two messages with one MsgKey, which
  // LastMsgKey cannot tell apart.
  ASSERT_EQ(send("alice", "bob", 1, 1).at("ErrorCode").as_int64(), 0);
  pin_clock(kT0 + 1);
  ASSERT_EQ(send("alice", "bob", 5, 5).at("ErrorCode").as_int64(), 0);
  ASSERT_EQ(send("bob", "alice", 5, 5).at("ErrorCode").as_int64(), 0);
  pin_clock(kT0 + 2);
  ASSERT_EQ(send("bob", "alice", 9, 9).at("ErrorCode").as_int64(), 0);
  for (const std::int64_t max_cnt : {1, 2, 3}) {
    int pages = 0;
    const auto seen = walk(*this, max_cnt, kT0, kT0 + 2, pages);
    EXPECT_EQ(std::multiset<std::string>(seen.begin(), seen.end()),
              (std::multiset<std::string>{"1_1_1700000000>", "5_5_1700000001>", "5_5_1700000001<",
                                          "9_9_1700000002<"}))
        << "MaxCnt " << max_cnt;
  }
}

// ---- MsgBody elements (§6.1) ----

struct ElementCase {
  std::string name;
  std::string elements;  // the MsgBody array
  int code;              // 0: accepted
};

void PrintTo(const ElementCase& c, std::ostream* os) {
  *os << c.name << ": " << c.elements;
}

class RestEndpointsMsgBody : public RestEndpointsMessages,
                             public ::testing::WithParamInterface<ElementCase> {};

TEST_P(RestEndpointsMsgBody, SendMsgChecksTheElement) {
  const auto reply =
      post_raw("openim/sendmsg", R"({"From_Account":"alice","To_Account":"bob","MsgRandom":3,"MsgBody":)" +
                                     GetParam().elements + "}");
  EXPECT_EQ(reply.at("ErrorCode").as_int64(), GetParam().code) << json::serialize(reply);
  if (GetParam().code != 0) return;
  // Stored as sent: the receiver's roaming view returns the same MsgBody.
  const auto history = roam("bob", "alice", 1, kT0, kT0);
  ASSERT_EQ(history.at("MsgCnt").as_int64(), 1);
  EXPECT_EQ(history.at("MsgList").at(0).at("MsgBody"), json::parse(GetParam().elements));
}

std::string element(const std::string& type, const std::string& content) {
  return R"([{"MsgType":")" + type + R"(","MsgContent":)" + content + "}]";
}

const std::string kImageInfo = R"({"Type":1,"Size":1024,"Width":64,"Height":48,"URL":"https://x/1.jpg"})";
const std::string kVideo =
    R"("VideoUrl":"https://x/v.mp4","VideoUUID":"v","VideoSize":100,"VideoSecond":5,"VideoFormat":"mp4",)"
    R"("VideoDownloadFlag":2,"ThumbUrl":"https://x/t.jpg","ThumbUUID":"t","ThumbSize":10,"ThumbWidth":64,)"
    R"("ThumbHeight":48,"ThumbFormat":"JPG","ThumbDownloadFlag":2)";
const std::string kRelayMsg =
    R"({"From_Account":"alice","To_Account":"bob","MsgSeq":1,"MsgRandom":2,"MsgTimeStamp":1690000000,)"
    R"("MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"old"}}]})";

INSTANTIATE_TEST_SUITE_P(
    RestEndpointsElementsAccepted, RestEndpointsMsgBody,
    ::testing::Values(
        ElementCase{"Text", element("TIMTextElem", R"({"Text":"hi"})"), 0},
        ElementCase{"Location",
                    element("TIMLocationElem", R"({"Desc":"office","Latitude":22.54,"Longitude":113.93})"),
                    0},
        ElementCase{"Face", element("TIMFaceElem", R"({"Index":1,"Data":"smile"})"), 0},
        ElementCase{"Custom",
                    element("TIMCustomElem", R"({"Data":"{}","Desc":"d","Ext":"e","Sound":"s.mp3"})"), 0},
        ElementCase{"Sound",
                    element("TIMSoundElem",
                            R"({"Url":"https://x/a.m4a","UUID":"s","Size":10,"Second":3,"Download_Flag":2})"),
                    0},
        ElementCase{"SoundOf3xSdk", element("TIMSoundElem", R"({"UUID":"s","Size":10,"Second":3})"), 0},
        ElementCase{
            "Image",
            element("TIMImageElem", R"({"UUID":"i","ImageFormat":1,"ImageInfoArray":[)" + kImageInfo + "]}"),
            0},
        ElementCase{
            "File",
            element("TIMFileElem",
                    R"({"Url":"https://x/f","UUID":"f","FileSize":9,"FileName":"f.txt","Download_Flag":2})"),
            0},
        ElementCase{"VideoFile", element("TIMVideoFileElem", "{" + kVideo + "}"), 0},
        ElementCase{
            "Relay",
            element(
                "TIMRelayElem",
                R"({"Title":"Chat","MsgNum":1,"CompatibleText":"upgrade","AbstractList":["alice: old"],"MsgList":[)" +
                    kRelayMsg + "]}"),
            0},
        ElementCase{"RelayByJsonMsgKey",
                    element("TIMRelayElem", R"({"Title":"Chat","MsgNum":40,"JsonMsgKey":"k"})"), 0},
        ElementCase{
            "TextAndOneCustom",
            R"([{"MsgType":"TIMTextElem","MsgContent":{"Text":"a"}},{"MsgType":"TIMCustomElem","MsgContent":{"Data":"d"}}])",
            0}),
    [](const auto& info) { return info.param.name; });

INSTANTIATE_TEST_SUITE_P(
    RestEndpointsElementsRejected, RestEndpointsMsgBody,
    ::testing::Values(
        ElementCase{"ElementWithoutMsgType", R"([{"MsgContent":{"Text":"hi"}}])", 90002},
        ElementCase{"ElementWithoutMsgContent", R"([{"MsgType":"TIMTextElem"}])", 90002},
        ElementCase{"MsgContentNotAnObject", R"([{"MsgType":"TIMTextElem","MsgContent":"hi"}])", 90002},
        ElementCase{"ElementNotAnObject", R"(["hi"])", 90002},
        ElementCase{"TextWithoutText", element("TIMTextElem", "{}"), 90002},
        ElementCase{"TextNotAString", element("TIMTextElem", R"({"Text":5})"), 90002},
        ElementCase{"LocationWithoutLatitude", element("TIMLocationElem", R"({"Desc":"d","Longitude":1})"),
                    90002},
        ElementCase{"LocationLongitudeNotANumber",
                    element("TIMLocationElem", R"({"Desc":"d","Latitude":1,"Longitude":"1"})"), 90002},
        ElementCase{"FaceWithoutIndex", element("TIMFaceElem", R"({"Data":"x"})"), 90002},
        ElementCase{"FaceIndexNotANumber", element("TIMFaceElem", R"({"Index":"1"})"), 90002},
        ElementCase{"CustomWithoutData", element("TIMCustomElem", R"({"Desc":"d"})"), 90002},
        ElementCase{"CustomDataNotAString", element("TIMCustomElem", R"({"Data":{"a":1}})"), 90002},
        ElementCase{
            "TwoCustomElements",
            R"([{"MsgType":"TIMCustomElem","MsgContent":{"Data":"a"}},{"MsgType":"TIMCustomElem","MsgContent":{"Data":"b"}}])",
            90002},
        ElementCase{"SoundWithoutSecond", element("TIMSoundElem", R"({"UUID":"s","Size":10})"), 90002},
        ElementCase{"SoundWithoutUrlOrUuid", element("TIMSoundElem", R"({"Size":10,"Second":3})"), 90002},
        ElementCase{"SoundSizeNotANumber", element("TIMSoundElem", R"({"UUID":"s","Size":"10","Second":3})"),
                    90002},
        ElementCase{"ImageWithoutImageInfoArray", element("TIMImageElem", R"({"UUID":"i","ImageFormat":1})"),
                    90002},
        ElementCase{"ImageFormatNotANumber",
                    element("TIMImageElem", R"({"UUID":"i","ImageFormat":"JPG","ImageInfoArray":[]})"),
                    90002},
        ElementCase{
            "ImageInfoWithoutUrl",
            element(
                "TIMImageElem",
                R"({"UUID":"i","ImageFormat":1,"ImageInfoArray":[{"Type":1,"Size":1,"Width":1,"Height":1}]})"),
            90002},
        ElementCase{"FileWithoutFileName", element("TIMFileElem", R"({"UUID":"f","FileSize":9})"), 90002},
        ElementCase{"FileWithoutUrlOrUuid", element("TIMFileElem", R"({"FileSize":9,"FileName":"f"})"),
                    90002},
        ElementCase{"FileSizeNotANumber",
                    element("TIMFileElem", R"({"UUID":"f","FileSize":"9","FileName":"f"})"), 90002},
        ElementCase{"VideoFileWithoutVideoUrl",
                    element("TIMVideoFileElem",
                            "{" + std::regex_replace(kVideo, std::regex(R"("VideoUrl":"[^"]*",)"), "") + "}"),
                    90002},
        ElementCase{
            "VideoFileThumbWidthNotANumber",
            element("TIMVideoFileElem",
                    "{" +
                        std::regex_replace(kVideo, std::regex(R"("ThumbWidth":64)"), R"("ThumbWidth":"64")") +
                        "}"),
            90002},
        ElementCase{"RelayWithoutTitle",
                    element("TIMRelayElem", R"({"MsgNum":1,"MsgList":[)" + kRelayMsg + "]}"), 90002},
        ElementCase{"RelayMsgNumNotANumber",
                    element("TIMRelayElem", R"({"Title":"t","MsgNum":"1","JsonMsgKey":"k"})"), 90002},
        ElementCase{"RelayWithoutMsgListOrJsonMsgKey", element("TIMRelayElem", R"({"Title":"t","MsgNum":1})"),
                    90002}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace timock::testing
