// The client protocols' message items come in two forms: a DOM for pushes and JSON text, with the stored body
// spliced in unparsed, for history and sync pages. Both must say the same; and a frame built around a reply's
// envelope text must read back as the frame built from its DOM.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "chatsdk/frame.hpp"
#include "chatsdk/message_item.hpp"
#include "webim/message_item.hpp"

namespace json = boost::json;
using timock::core::C2cMessage;

namespace {

C2cMessage stored_message(bool with_custom_data) {
  C2cMessage m;
  m.id = 42;
  m.from_account = "alice";
  m.to_account = "bob";
  m.msg_seq = 7;
  m.msg_random = 123456;
  m.msg_time = 1764600000;
  m.body_json = R"([{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi \"bob\" \u00e9 \ud83d\ude00"}}])";
  if (with_custom_data) m.cloud_custom_data = R"({"k":"v"})";
  m.is_read = true;
  m.extra_json = R"({"MsgClientTime":1764599999,"IsNeedReadReceipt":1})";
  return m;
}

}  // namespace

TEST(MessageItem, WebimItemTextReadsBackAsItsDom) {
  const timock::client::Sender sender{"Alice", "https://example.com/a.png"};
  for (const bool custom : {false, true}) {
    const auto m = stored_message(custom);
    const auto dom = timock::webim::message_item(m, sender);
    EXPECT_EQ(json::parse(timock::webim::message_item_json(m, sender)), dom) << "custom data: " << custom;
    EXPECT_EQ(dom.at("MsgBody").at(0).at("MsgContent").at("Text"), "hi \"bob\" \u00e9 \U0001F600");
    EXPECT_EQ(dom.contains("CloudCustomData"), custom);
  }
}

TEST(MessageItem, ChatSdkItemTextReadsBackAsItsDomForBothViewers) {
  for (const bool custom : {false, true})
    for (const std::string viewer : {"alice", "bob"}) {
      const auto m = stored_message(custom);
      const auto dom = timock::chatsdk::message_item(1400000001, m, viewer);
      EXPECT_EQ(json::parse(timock::chatsdk::message_item_json(1400000001, m, viewer)), dom)
          << "custom data: " << custom << ", viewer " << viewer;
      EXPECT_EQ(dom.at("MsgBody").at(0).at("MsgType"), "TIMTextElem");
    }
}

TEST(MessageItem, AFrameAroundEnvelopeTextReadsBackAsTheFrameOfItsDom) {
  const json::object body{{"ActionStatus", "OK"}, {"ErrorCode", 0}, {"MsgList", json::array{1, "two"}}};
  const json::value seq = 17;
  const auto from_dom = timock::chatsdk::encode_frame("openim.getroammsg", seq, body, false);
  const auto from_text = timock::chatsdk::encode_frame("openim.getroammsg", seq, json::serialize(body), false);
  EXPECT_EQ(json::parse(from_text), json::parse(from_dom));
  std::string problem;
  const auto decoded = timock::chatsdk::decode_frame(from_text, problem);
  ASSERT_TRUE(decoded) << problem;
  EXPECT_EQ(decoded->servcmd, "openim.getroammsg");
  EXPECT_EQ(decoded->seq, 17);
  EXPECT_EQ(decoded->body, body);
}

TEST(MessageItem, ALargeFrameAroundTextIsCompressedAndInflatesToTheSameFrame) {
  std::string big = R"({"ActionStatus":"OK","ErrorCode":0,"Pad":")" + std::string(100 * 1024, 'x') + "\"}";
  const auto frame = timock::chatsdk::encode_frame("openim.getroammsg", 3, big, true);
  ASSERT_TRUE(frame.starts_with("COMP"));
  EXPECT_LT(frame.size(), big.size());
  std::string problem;
  const auto decoded = timock::chatsdk::decode_frame(frame, problem);
  ASSERT_TRUE(decoded) << problem;
  EXPECT_EQ(decoded->body.at("Pad").as_string().size(), 100u * 1024);
}
