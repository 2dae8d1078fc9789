// openim_msg_ext_http_svc (reference/rest-api.md §3.8): message extensions of C2C and group messages, each
// write taking the message's next Seq, a stale Seq answered 23001 with the key as the server holds it; only
// messages sent with SupportMessageExtension 1 take extensions.
#include "rest_endpoints.hpp"

namespace timock::testing {
namespace {

class RestMsgExtensions : public RestEndpointsBase, public ::testing::Test {
 protected:
  void SetUp() override {
    pin_clock(kT0);
    import({"alice", "bob"});
    const auto sent = send("alice", "bob", 1, 7, {{"SupportMessageExtension", 1}});
    ASSERT_EQ(sent.at("ErrorCode"), 0);
    msg_key = std::string(sent.at("MsgKey").as_string());
  }
  json::object set(const std::string& from, const std::string& to, int operate,
                   const json::array& list) const {
    return call("openim_msg_ext_http_svc/set_key_values", json::object{{"From_Account", from},
                                                                       {"To_Account", to},
                                                                       {"MsgKey", msg_key},
                                                                       {"OperateType", operate},
                                                                       {"ExtensionList", list}});
  }
  json::object get(const std::string& from, const std::string& to) const {
    return call("openim_msg_ext_http_svc/get_key_values",
                json::object{{"From_Account", from}, {"To_Account", to}, {"MsgKey", msg_key}});
  }
  std::string msg_key;
};

TEST_F(RestMsgExtensions, SetTakesTheNextSeqAndAStaleSeqIs23001) {
  EXPECT_EQ(set("alice", "bob", 1,
                json::parse(R"([{"Key":"like","Value":"1","Seq":0},{"Key":"pin","Value":"y","Seq":0}])")
                    .as_array()),
            json::parse(R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ExtensionList":[
                {"ErrorCode":0,"Extension":{"Key":"like","Value":"1","Seq":1}},
                {"ErrorCode":0,"Extension":{"Key":"pin","Value":"y","Seq":2}}]})"));
  // bob (the other side: the same message) writes "like" with a stale Seq.
  EXPECT_EQ(set("bob", "alice", 1, json::parse(R"([{"Key":"like","Value":"2","Seq":0}])").as_array())
                .at("ExtensionList"),
            json::parse(R"([{"ErrorCode":23001,"Extension":{"Key":"like","Value":"1","Seq":1}}])"));
  EXPECT_EQ(set("bob", "alice", 1, json::parse(R"([{"Key":"like","Value":"2","Seq":1}])").as_array())
                .at("ExtensionList"),
            json::parse(R"([{"ErrorCode":0,"Extension":{"Key":"like","Value":"2","Seq":3}}])"));
  EXPECT_EQ(get("bob", "alice"),
            json::parse(R"({"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","CompleteFlag":1,
      "LatestSeq":3,"ClearSeq":0,"ExtensionList":[{"Key":"pin","Value":"y","Seq":2},{"Key":"like","Value":"2","Seq":3}]})"));
  ASSERT_EQ(set("alice", "bob", 2, json::parse(R"([{"Key":"pin","Seq":2}])").as_array()).at("ErrorCode"), 0);
  ASSERT_EQ(set("alice", "bob", 3, {}).at("ErrorCode"), 0);
  const auto cleared = get("alice", "bob");
  EXPECT_EQ(cleared.at("ExtensionList"), json::array{});
  EXPECT_EQ(cleared.at("LatestSeq"), 5);
  EXPECT_EQ(cleared.at("ClearSeq"), 5);
}

TEST_F(RestMsgExtensions, GroupMessagesHaveExtensionsToo) {
  const auto group = call("group_open_http_svc/create_group",
                          json::parse(R"({"Type":"Public","Name":"g","Owner_Account":"alice"})"));
  ASSERT_EQ(group.at("ErrorCode"), 0);
  const auto sent = call("group_open_http_svc/send_group_msg", json::object{{"GroupId", group.at("GroupId")},
                                                                            {"From_Account", "alice"},
                                                                            {"Random", 5},
                                                                            {"SupportMessageExtension", 1},
                                                                            {"MsgBody", text_body("vote")}});
  ASSERT_EQ(sent.at("ErrorCode"), 0);
  const json::object where{{"GroupId", group.at("GroupId")}, {"MsgSeq", sent.at("MsgSeq")}};
  auto body = where;
  body["OperateType"] = 1;
  body["ExtensionList"] = json::parse(R"([{"Key":"yes","Value":"alice","Seq":0}])");
  EXPECT_EQ(
      call("openim_msg_ext_http_svc/group_set_key_values", body).at("ExtensionList").at(0).at("Extension"),
      json::parse(R"({"Key":"yes","Value":"alice","Seq":1})"));
  const auto got = call("openim_msg_ext_http_svc/group_get_key_values", where);
  EXPECT_EQ(got.at("ExtensionList"), json::parse(R"([{"Key":"yes","Value":"alice","Seq":1}])"));
  EXPECT_EQ(call("openim_msg_ext_http_svc/group_get_key_values",
                 json::object{{"GroupId", group.at("GroupId")}, {"MsgSeq", 999}})
                .at("ErrorCode"),
            10030);
}

TEST_F(RestMsgExtensions, UnknownOrMalformedMessagesAreRefused) {
  EXPECT_EQ(call("openim_msg_ext_http_svc/get_key_values",
                 json::parse(R"({"From_Account":"alice","To_Account":"bob","MsgKey":"nonsense"})"))
                .at("ErrorCode"),
            90054);
  EXPECT_EQ(call("openim_msg_ext_http_svc/get_key_values",
                 json::parse(R"({"From_Account":"alice","To_Account":"bob","MsgKey":"9_9_9"})"))
                .at("ErrorCode"),
            20022);
  EXPECT_EQ(set("alice", "bob", 4, {}).at("ErrorCode"), 90001);
  EXPECT_EQ(call_as("alice", "openim_msg_ext_http_svc/get_key_values", "{}").at("ErrorCode"), 90009);
}

TEST_F(RestMsgExtensions, AMessageSentWithoutSupportMessageExtensionTakesNone) {
  const auto plain = send("alice", "bob", 2, 8);
  ASSERT_EQ(plain.at("ErrorCode"), 0);
  const auto refused = call("openim_msg_ext_http_svc/set_key_values",
                            json::object{{"From_Account", "alice"},
                                         {"To_Account", "bob"},
                                         {"MsgKey", plain.at("MsgKey")},
                                         {"OperateType", 1},
                                         {"ExtensionList", json::parse(R"([{"Key":"k","Value":"v","Seq":0}])")}});
  EXPECT_EQ(refused.at("ErrorCode"), 90001);
  EXPECT_EQ(refused.at("ErrorInfo"), "the message was not sent with SupportMessageExtension 1");
  // Reading is no error: it has none.
  EXPECT_EQ(call("openim_msg_ext_http_svc/get_key_values",
                 json::object{{"From_Account", "alice"}, {"To_Account", "bob"}, {"MsgKey", plain.at("MsgKey")}})
                .at("ExtensionList"),
            json::array{});
}

}  // namespace
}  // namespace timock::testing
