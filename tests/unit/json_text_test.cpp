// core/json_text: stored JSON text spliced into a reply must read back as the DOM it stands for.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/json_text.hpp"

namespace json = boost::json;
using timock::core::append_member;
using timock::core::array_json;

TEST(JsonText, AppendMemberAddsTheRawTextAsTheLastMember) {
  std::string item = json::serialize(json::object{{"MsgSeq", 7}, {"MsgKey", "1_2_3"}});
  append_member(item, "MsgBody", R"([{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi \"you\""}}])");
  const auto parsed = json::parse(item).as_object();
  EXPECT_EQ(parsed.at("MsgSeq"), 7);
  EXPECT_EQ(parsed.at("MsgBody").at(0).at("MsgContent").at("Text"), "hi \"you\"");
  EXPECT_EQ(std::prev(parsed.end())->key(), "MsgBody");
}

TEST(JsonText, AppendMemberIntoAnEmptyObjectAddsNoComma) {
  std::string empty = "{}";
  append_member(empty, "a", "[]");
  EXPECT_EQ(empty, R"({"a":[]})");
}

TEST(JsonText, AppendMemberEscapesTheKey) {
  std::string object = "{}";
  append_member(object, "say \"x\"", "1");
  EXPECT_EQ(json::parse(object).at("say \"x\""), 1);
}

TEST(JsonText, ArrayJsonJoinsTheElements) {
  EXPECT_EQ(array_json({}), "[]");
  EXPECT_EQ(json::parse(array_json({R"({"a":1})", "2", R"("three")"})),
            json::parse(R"([{"a":1},2,"three"])"));
}
