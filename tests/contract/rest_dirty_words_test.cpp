// openim_dirty_words (2018; reference/rest-api.md §3.8): get/add/delete, and text holding a word refused on
// every surface: 80001 for messages (REST, WebIM, Chat SDK; C2C and groups), 30005 for relationship fields,
// 40005 for profile fields.
#include "chat_client.hpp"
#include "rest_endpoints.hpp"
#include "webim_client.hpp"

namespace timock::testing {
namespace {

class RestDirtyWords : public RestEndpointsBase, public ::testing::Test {
 protected:
  void SetUp() override {
    pin_clock(kT0);
    import({"alice", "bob"});
  }
  json::object words(const std::string& command, const json::array& list) const {
    return call("openim_dirty_words/" + command, json::object{{"DirtyWordsList", list}});
  }
  json::array listed() const {
    const auto reply = call("openim_dirty_words/get", json::object{});
    EXPECT_EQ(reply.at("ErrorCode").as_int64(), 0) << json::serialize(reply);
    return reply.at("DirtyWordsList").as_array();
  }
  json::object send_text(const std::string& from, const std::string& to, const std::string& text,
                         std::int64_t random) const {
    return call(
        "openim/sendmsg",
        json::object{
            {"From_Account", from}, {"To_Account", to}, {"MsgRandom", random}, {"MsgBody", text_body(text)}});
  }
};

std::int64_t code_of(const json::object& reply) {
  return reply.at("ErrorCode").to_number<std::int64_t>();
}

TEST_F(RestDirtyWords, AddGetAndDeleteKeepTheAppsList) {
  EXPECT_EQ(listed(), json::array{});
  EXPECT_EQ(words("add", {"badword", "Foo", "badword"}),
            json::parse(R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""})"));
  EXPECT_EQ(listed(), (json::array{"Foo", "badword"}));
  EXPECT_EQ(code_of(words("delete", {"Foo", "never added"})), 0);
  EXPECT_EQ(listed(), json::array{"badword"});
}

TEST_F(RestDirtyWords, ListsOver50WordsOrWordsOver200BytesAre10004) {
  json::array many;
  for (int i = 0; i < 51; ++i) many.emplace_back("w" + std::to_string(i));
  EXPECT_EQ(code_of(words("add", many)), 10004);
  EXPECT_EQ(code_of(words("add", {std::string(201, 'x')})), 10004);
  EXPECT_EQ(code_of(words("add", {})), 10004);
  EXPECT_EQ(code_of(call("openim_dirty_words/add", json::object{})), 10004);
  EXPECT_EQ(code_of(call_as("alice", "openim_dirty_words/get", "{}")), 10007);
  EXPECT_EQ(code_of(call("openim_dirty_words/nope", json::object{})), 10003);
  EXPECT_EQ(listed(), json::array{});
}

TEST_F(RestDirtyWords, MessageTextHoldingAWordIs80001OnRest) {
  ASSERT_EQ(code_of(words("add", {"badword"})), 0);
  EXPECT_EQ(code_of(send_text("alice", "bob", "a BadWord here", 1)), 80001) << "ASCII case does not matter";
  EXPECT_EQ(code_of(call("openim/batchsendmsg", json::object{{"From_Account", "alice"},
                                                             {"To_Account", json::array{"bob"}},
                                                             {"MsgRandom", 3},
                                                             {"MsgBody", text_body("badwords")}})),
            80001);
  EXPECT_EQ(code_of(send_text("alice", "bob", "a clean one", 2)), 0);
  const auto group = call("group_open_http_svc/create_group",
                          json::parse(R"({"Type":"Public","Name":"g","Owner_Account":"alice"})"));
  ASSERT_EQ(code_of(group), 0);
  EXPECT_EQ(
      code_of(call("group_open_http_svc/send_group_msg", json::object{{"GroupId", group.at("GroupId")},
                                                                      {"From_Account", "alice"},
                                                                      {"Random", 5},
                                                                      {"MsgBody", text_body("badword!")}})),
      80001);
  ASSERT_EQ(code_of(words("delete", {"badword"})), 0);
  EXPECT_EQ(code_of(send_text("alice", "bob", "a BadWord here", 4)), 0) << "deleting takes effect at once";
}

TEST_F(RestDirtyWords, MessageTextHoldingAWordIs80001FromWebImAndTheChatSdk) {
  ASSERT_EQ(code_of(words("add", {"badword"})), 0);
  const auto group = call("group_open_http_svc/create_group",
                          json::parse(R"({"Type":"Public","Name":"g","Owner_Account":"alice"})"));
  ASSERT_EQ(code_of(group), 0);
  const std::string group_id(group.at("GroupId").as_string());

  WebImClient webim(server, app.sdkappid, "alice", mint_sig(server, app.sdkappid, "alice"));
  webim.login_and_connect();
  EXPECT_EQ(code_of(webim.send_text("bob", "badword").reply), 80001);
  EXPECT_EQ(code_of(webim.send_group_text(group_id, "badword").reply), 80001);
  EXPECT_TRUE(webim.send_text("bob", "fine").ok());

  ChatClient chat(server, app.sdkappid);
  ASSERT_EQ(code_of(chat.login("alice", mint_sig(server, app.sdkappid, "alice"))), 0);
  EXPECT_EQ(code_of(chat.call("openim.sendmsg", sendmsg_body("alice", "bob", "so badword", 5, 55, kT0))),
            80001);
  EXPECT_EQ(code_of(chat.call("group_open_http_svc.send_group_msg",
                              json::object{{"GroupId", group_id},
                                           {"Random", 9},
                                           {"MsgPriority", "Normal"},
                                           {"MsgBody", json::array{text_elem("badword")}}})),
            80001);
}

TEST_F(RestDirtyWords, RelationshipFieldsAre30005AndProfileFields40005) {
  ASSERT_EQ(code_of(words("add", {"badword"})), 0);
  EXPECT_EQ(
      code_of(add_friends("alice", {"bob"}, "Add_Type_Both", 1, json::object{{"Remark", "my badword"}})),
      30005);
  EXPECT_EQ(code_of(call("sns/group_add", json::object{{"From_Account", "alice"},
                                                       {"GroupName", json::array{"badword group"}}})),
            30005);
  EXPECT_EQ(code_of(call("profile/portrait_set", json::parse(R"({"From_Account":"alice","ProfileItem":[
                             {"Tag":"Tag_Profile_IM_Nick","Value":"Mr Badword"}]})"))),
            40005);
  EXPECT_EQ(code_of(add_friends("alice", {"bob"}, "Add_Type_Both", 1, json::object{{"Remark", "clean"}})), 0);
  EXPECT_EQ(code_of(call("sns/friend_update",
                         json::parse(R"({"From_Account":"alice","UpdateItem":[{"To_Account":"bob",
                             "SnsItem":[{"Tag":"Tag_SNS_IM_Remark","Value":"badword"}]}]})"))),
            30005);
  EXPECT_EQ(code_of(call("profile/portrait_set", json::parse(R"({"From_Account":"alice","ProfileItem":[
                             {"Tag":"Tag_Profile_IM_Nick","Value":"Mr Clean"}]})"))),
            0);
}

}  // namespace
}  // namespace timock::testing
