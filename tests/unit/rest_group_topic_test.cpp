// Handler tests of million_group_open_http_svc (reference/rest-api.md §3.7): a Community's topics, and the
// history commands that take a TopicId.
#include "rest_group_fixture.hpp"

namespace timock::api::testing {
namespace {

class TopicHandlers : public GroupHandlers {
 public:
  Result topic(std::string_view command, const json::object& body) {
    return call("million_group_open_http_svc/" + std::string(command), body);
  }
  // A Community of alice, bob and carol with SupportTopic 1.
  std::string make_community(int support = 1) {
    return make_group("Community", json::object{{"SupportTopic", support}});
  }
  std::string make_topic(const std::string& community, json::object extra = {}) {
    json::object body{{"GroupId", community}, {"TopicName", "news"}};
    for (auto& [key, value] : extra) body[key] = value;
    const auto r = topic("create_topic", body);
    EXPECT_EQ(r.code, 0) << r.info;
    return r.code == 0 ? std::string(r.fields.at("TopicId").as_string()) : std::string();
  }
};

TEST_F(TopicHandlers, TopicsAreCreatedReadChangedAndDestroyed) {
  const auto community = make_community();
  const auto id = make_topic(
      community, {{"Introduction", "all the news"}, {"CustomString", "c"}, {"From_Account", "alice"}});
  EXPECT_TRUE(id.starts_with(community + "@TOPIC#_")) << id;
  EXPECT_EQ(id.size(), community.size() + 8 + 8);
  const auto custom =
      make_topic(community, {{"TopicId", community + "@TOPIC#_sport"}, {"TopicName", "sport"}});
  EXPECT_EQ(custom, community + "@TOPIC#_sport");

  const auto got = topic("get_topic", json::object{{"GroupId", community},
                                                   {"TopicIdList", json::array{json::value(id), "nope"}},
                                                   {"From_Account", "bob"}});
  ASSERT_EQ(got.code, 0) << got.info;
  const auto& items = got.fields.at("TopicAndSelfInfo").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items.at(0).at("TopicInfo"),
            json::parse("{\"TopicId\":\"" + id + "\",\"TopicName\":\"news\",\"GroupID\":\"" + community +
                        "\",\"FaceUrl\":\"\",\"Introduction\":\"all the news\",\"Notification\":\"\","
                        "\"CreateTime\":1700000000,\"LastMsgTime\":0,\"NextMsgSeq\":1,\"ShutUpAllFlag\":0,"
                        "\"CustomString\":\"c\"}"));
  EXPECT_EQ(items.at(0).at("SelfInfo").at("Role"), "Member");
  EXPECT_EQ(items.at(1).at("ErrorCode"), 10010);
  // Without a list: every topic.
  EXPECT_EQ(topic("get_topic", json::object{{"GroupId", community}})
                .fields.at("TopicAndSelfInfo")
                .as_array()
                .size(),
            2u);

  ASSERT_EQ(topic("modify_topic", json::object{{"GroupId", community},
                                               {"TopicId", id},
                                               {"TopicName", "daily"},
                                               {"MuteAllMember", "On"},
                                               {"CustomString", "d"}})
                .code,
            0);
  const auto changed =
      topic("get_topic", json::object{{"GroupId", community}, {"TopicIdList", json::array{json::value(id)}}});
  EXPECT_EQ(changed.fields.at("TopicAndSelfInfo").at(0).at("TopicInfo").at("TopicName"), "daily");
  EXPECT_EQ(changed.fields.at("TopicAndSelfInfo").at(0).at("TopicInfo").at("ShutUpAllFlag"), 1);
  EXPECT_EQ(changed.fields.at("TopicAndSelfInfo").at(0).at("TopicInfo").at("CustomString"), "d");

  // Topics are not groups of the app.
  EXPECT_EQ(group("get_appid_group_list", json::object{}).fields.at("TotalCount"), 1);

  const auto destroyed =
      topic("destroy_topic",
            json::object{{"GroupId", community}, {"TopicIdList", json::array{json::value(id), "nope"}}});
  ASSERT_EQ(destroyed.code, 0) << destroyed.info;
  EXPECT_EQ(destroyed.fields.at("DestroyResultItem"),
            json::parse("[{\"ErrorCode\":0,\"ErrorInfo\":\"\",\"TopicId\":\"" + id +
                        "\"},{\"ErrorCode\":10010,\"ErrorInfo\":\"no such topic in this "
                        "community\",\"TopicId\":\"nope\"}]"));
  EXPECT_EQ(topic("get_topic", json::object{{"GroupId", community}})
                .fields.at("TopicAndSelfInfo")
                .as_array()
                .size(),
            1u);
  // Destroying the community takes its topics.
  ASSERT_EQ(group("destroy_group", json::object{{"GroupId", community}}).code, 0);
  EXPECT_EQ(group("get_group_info", json::object{{"GroupIdList", json::array{json::value(custom)}}})
                .fields.at("GroupInfo")
                .at(0)
                .at("ErrorCode"),
            10015);
}

TEST_F(TopicHandlers, TopicCommandsAnswerWithTheRealCodes) {
  const auto plain = make_community(0);
  EXPECT_EQ(topic("create_topic", json::object{{"GroupId", plain}, {"TopicName", "t"}}).code, 11000)
      << "a Community without SupportTopic";
  EXPECT_EQ(topic("create_topic", json::object{{"GroupId", make_group()}, {"TopicName", "t"}}).code, 10007);
  EXPECT_EQ(topic("create_topic", json::object{{"GroupId", "nope"}, {"TopicName", "t"}}).code, 10010);
  const auto community = make_community();
  EXPECT_EQ(topic("create_topic", json::object{{"GroupId", community}}).code, 10004)
      << "TopicName is required";
  EXPECT_EQ(
      topic("create_topic", json::object{{"GroupId", community}, {"TopicName", std::string(31, 'x')}}).code,
      10004);
  EXPECT_EQ(
      topic("create_topic", json::object{{"GroupId", community}, {"TopicName", "t"}, {"TopicId", "mine"}})
          .code,
      10004)
      << "a custom TopicId starts with the GroupId and @TOPIC#_";
  make_topic(community, {{"TopicId", community + "@TOPIC#_x"}});
  EXPECT_EQ(
      topic("create_topic",
            json::object{{"GroupId", community}, {"TopicName", "t"}, {"TopicId", community + "@TOPIC#_x"}})
          .code,
      10021);
  EXPECT_EQ(
      topic("create_topic", json::object{{"GroupId", community}, {"TopicName", "t"}, {"From_Account", "zed"}})
          .code,
      10019);
  EXPECT_EQ(
      topic("modify_topic", json::object{{"GroupId", community}, {"TopicId", community + "@TOPIC#_y"}}).code,
      10010);
  EXPECT_EQ(topic("destroy_topic", json::object{{"GroupId", community}, {"TopicIdList", json::array{}}}).code,
            10004);
  EXPECT_EQ(
      group("create_group", json::object{{"Type", "Community"}, {"Name", "c"}, {"SupportTopic", "1"}}).code,
      10004);
  const auto imported = topic(
      "import_topic", json::object{{"GroupId", community}, {"TopicName", "old"}, {"CreateTime", 1600000000}});
  ASSERT_EQ(imported.code, 0) << imported.info;
  EXPECT_EQ(topic("get_topic", json::object{{"GroupId", community},
                                            {"TopicIdList", json::array{imported.fields.at("TopicId")}}})
                .fields.at("TopicAndSelfInfo")
                .at(0)
                .at("TopicInfo")
                .at("CreateTime"),
            1600000000);
}

TEST_F(TopicHandlers, ATopicHasItsOwnHistoryAndTheCommunitysMembers) {
  const auto community = make_community();
  const auto id = make_topic(community);
  groups.deliveries.clear();
  const auto sent = send_group(community, "bob", 1, {{"TopicId", id}});
  ASSERT_EQ(sent.code, 0) << sent.info;
  EXPECT_EQ(sent.fields.at("MsgSeq"), 1) << "the topic's own seq";
  ASSERT_EQ(groups.deliveries.size(), 1u);
  EXPECT_EQ(groups.deliveries[0].group_message.group_id, id);
  EXPECT_EQ(groups.recipients(0), (std::vector<std::string>{"alice", "bob", "carol"}));
  EXPECT_EQ(send_group(community, "dave", 2, {{"TopicId", id}}).code, 10007)
      << "not a member of the community";
  send_group(community, "carol", 3);  // the community's own chat

  const auto page = group("group_msg_get_simple",
                          json::object{{"GroupId", community}, {"TopicId", id}, {"ReqMsgNumber", 20}});
  ASSERT_EQ(page.code, 0) << page.info;
  ASSERT_EQ(page.fields.at("RspMsgList").as_array().size(), 1u);
  EXPECT_EQ(page.fields.at("RspMsgList").at(0).at("From_Account"), "bob");
  EXPECT_EQ(history(community).size(), 1u) << "the community's history holds its own message only";

  const auto recall =
      group("group_msg_recall", json::object{{"GroupId", community},
                                             {"TopicId", id},
                                             {"MsgSeqList", json::array{json::object{{"MsgSeq", 1}}}}});
  EXPECT_EQ(recall.fields.at("RecallRetList").at(0).at("RetCode"), 0);
  const auto imported = group("import_group_msg",
                              json::object{{"GroupId", community},
                                           {"TopicId", id},
                                           {"MsgList", json::array{json::object{{"From_Account", "bob"},
                                                                                {"SendTime", kNow - 1},
                                                                                {"MsgBody", text("old")}}}}});
  EXPECT_EQ(imported.fields.at("ImportMsgResult").at(0).at("Result"), 10004)
      << "before the topic's newest message";

  EXPECT_EQ(send_group(community, "bob", 4, {{"TopicId", community + "@TOPIC#_none"}}).code, 10010);
  EXPECT_EQ(send_group(make_group(), "bob", 5, {{"TopicId", id}}).code, 11000);
  EXPECT_EQ(send_group(community, "bob", 6, {{"TopicId", 7}}).code, 10004);
}

TEST_F(TopicHandlers, MutesNoticesDeletionsAndClearingTakeATopicId) {
  const auto community = make_community();
  const auto id = make_topic(community);
  ASSERT_EQ(group("forbid_send_msg", json::object{{"GroupId", community}, {"TopicId", id}, {"Members_Account", json::array{"bob"}},
                                                  {"MuteTime", 60}})
                .code,
            0);
  EXPECT_EQ(send_group(community, "bob", 1, {{"TopicId", id}}).code, 10017) << "muted in the topic";
  EXPECT_EQ(send_group(community, "bob", 2).code, 0) << "not in the community";
  EXPECT_EQ(group("get_group_muted_account", json::object{{"GroupId", community}, {"TopicId", id}}).fields.at("MutedAccountList"),
            json::parse(R"([{"Member_Account":"bob","MutedUntil":1700000060}])"));
  EXPECT_EQ(group("get_group_muted_account", json::object{{"GroupId", community}}).fields.at("MutedAccountList"), json::array{});

  send_group(community, "carol", 3, {{"TopicId", id}});
  send_group(community, "carol", 4);
  ASSERT_EQ(group("delete_group_msg_by_sender", json::object{{"GroupId", community}, {"TopicId", id}, {"Sender_Account", "carol"}}).code,
            0);
  EXPECT_TRUE(group("group_msg_get_simple", json::object{{"GroupId", community}, {"TopicId", id}, {"ReqMsgNumber", 20}})
                  .fields.at("RspMsgList").as_array().empty());
  EXPECT_EQ(history(community).size(), 2u) << "the community's own messages stay";

  send_group(community, "alice", 5, {{"TopicId", id}});
  ASSERT_EQ(group("clear_group_msg", json::object{{"GroupId", community}, {"TopicId", id}}).code, 0);
  EXPECT_TRUE(group("group_msg_get_simple", json::object{{"GroupId", community}, {"TopicId", id}, {"ReqMsgNumber", 20}})
                  .fields.at("RspMsgList").as_array().empty());
  EXPECT_EQ(history(community).size(), 2u) << "clearing a topic leaves the community's history";

  groups.deliveries.clear();
  ASSERT_EQ(group("send_group_system_notification", json::object{{"GroupId", community}, {"TopicId", id}, {"Content", "hello"}}).code,
            0);
  ASSERT_EQ(groups.deliveries.size(), 1u);
  EXPECT_EQ(groups.deliveries[0].group.group_id, id);
  EXPECT_EQ(groups.recipients(0), (std::vector<std::string>{"alice", "bob", "carol"}));
}

}  // namespace
}  // namespace timock::api::testing
