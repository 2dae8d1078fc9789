// Third-party callbacks (reference/rest-api.md §7, README "Callbacks"): timock calls the app's server, signed,
// with before-callbacks that allow, refuse, drop or rewrite a send, and after-callbacks that follow the reply.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "callback_receiver.hpp"
#include "control_helpers.hpp"

namespace timock::testing {
namespace {

using namespace control;
using namespace std::chrono_literals;

std::string answer_with(int code, const std::string& extra = "") {
  return R"({"ActionStatus":")" + std::string(code == 0 ? "OK" : "FAIL") + R"(","ErrorInfo":"by the test","ErrorCode":)" +
         std::to_string(code) + extra + "}";
}

class Callbacks : public ::testing::Test {
 protected:
  TimockProcess server;
  TestApp app = create_app(server);

  void SetUp() override {
    for (const auto* user : {"alice", "bob"}) ASSERT_EQ(code_of(import_account(server, app, user)), 0);
  }

  json::object configure(const json::object& settings) const {
    const auto result = server.request("PUT", app_path(app, "/callback"), json::serialize(settings));
    EXPECT_EQ(result.status, 200u) << result.body;
    return parsed(result);
  }

  std::vector<std::string> texts_bob_has() const {
    std::vector<std::string> texts;
    const auto history = roam(server, app, "bob", "alice");
    if (const auto* list = history.if_contains("MsgList"))
      for (const auto& item : list->as_array())
        texts.emplace_back(item.at("MsgBody").as_array().at(0).at("MsgContent").at("Text").as_string());
    return texts;
  }
};

TEST_F(Callbacks, RouteRoundTripsTheSettingsAndDeleteTurnsThemOff) {
  const auto set = configure({{"url", "http://127.0.0.1:9/cb"}, {"token", "t"}, {"timeout_ms", 500},
                              {"commands", json::array{"C2C.CallbackBeforeSendMsg"}}, {"on_failure", "deny"}});
  EXPECT_EQ(set.at("url"), "http://127.0.0.1:9/cb");
  EXPECT_EQ(set.at("timeout_ms"), 500);
  EXPECT_EQ(set.at("on_failure"), "deny");
  EXPECT_EQ(set.at("commands"), (json::array{"C2C.CallbackBeforeSendMsg"}));
  EXPECT_EQ(parsed(server.get(app_path(app, "/callback"))).at("token"), "t");
  // Kept in the app's options: a snapshot carries it.
  const auto snapshot = parsed(server.get(app_path(app, "/snapshot")));
  EXPECT_EQ(snapshot.at("apps").as_array().at(0).at("options").at("callback").at("url"), "http://127.0.0.1:9/cb");
  const auto off = parsed(server.request("DELETE", app_path(app, "/callback")));
  EXPECT_EQ(off.at("url"), "");
}

TEST_F(Callbacks, AUrlThatIsNotHttpIsRefusedNamingTheField) {
  for (const auto* bad : {"ftp://example.com/cb", "not a url", "http://"}) {
    const auto result =
        server.request("PUT", app_path(app, "/callback"), json::serialize(json::object{{"url", bad}}));
    EXPECT_EQ(result.status, 400u) << bad;
    EXPECT_EQ(parsed(result).at("field"), "url") << result.body;
  }
  const auto bad_policy = server.request("PUT", app_path(app, "/callback"),
                                         R"({"url":"http://127.0.0.1:9/","on_failure":"maybe"})");
  EXPECT_EQ(bad_policy.status, 400u);
  EXPECT_EQ(parsed(bad_policy).at("field"), "on_failure");
  // Also in POST /mock/apps options.
  const auto created = server.post("/mock/apps", R"({"options":{"callback":{"url":"gopher://x/"}}})");
  EXPECT_EQ(created.status, 400u) << created.body;
}

TEST_F(Callbacks, TheQueryCarriesTheAppCommandPlatformAndTheSignOfTheToken) {
  CallbackReceiver receiver;
  configure({{"url", receiver.url("/im?existing=1")}, {"token", "xxxyyy"}});
  ASSERT_EQ(code_of(send_text(server, app, "alice", "bob", "hi")), 0);
  const auto got = receiver.wait_for("C2C.CallbackBeforeSendMsg");
  ASSERT_EQ(got.size(), 1u);
  const auto& query = got[0].query;
  EXPECT_EQ(query.at("existing"), "1");
  EXPECT_EQ(query.at("SdkAppid"), std::to_string(app.sdkappid));
  EXPECT_EQ(query.at("contenttype"), "json");
  EXPECT_EQ(query.at("OptPlatform"), "RESTAPI");
  EXPECT_EQ(query.at("ClientIP"), "127.0.0.1");
  ASSERT_TRUE(query.count("Sign") && query.count("RequestTime"));
  EXPECT_EQ(query.at("Sign").size(), 64u);
  // reference §7's formula, hex(sha256(Token + RequestTime)), for its example token and time.
  const auto clock = parsed(server.request("PUT", "/mock/clock", R"({"now":1669872112,"frozen":true})"));
  ASSERT_EQ(clock.at("now"), 1669872112);
  ASSERT_EQ(code_of(rest(server, app, "openim/sendmsg",
                         json::object{{"From_Account", "alice"}, {"To_Account", "bob"}, {"MsgRandom", 2},
                                      {"MsgBody", json::array{json::object{{"MsgType", "TIMTextElem"},
                                                                           {"MsgContent", {{"Text", "x"}}}}}}})),
            0);
  const auto second = receiver.wait_for("C2C.CallbackBeforeSendMsg", 2);
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[1].query.at("RequestTime"), "1669872112");
  EXPECT_EQ(second[1].query.at("Sign"), "e78a85473bed2cdc8d6fa8c4d5a4ba4735fd64156e15a99516b9890293e135de");
  const auto& body = second[1].body;
  EXPECT_EQ(body.at("CallbackCommand"), "C2C.CallbackBeforeSendMsg");
  EXPECT_EQ(body.at("From_Account"), "alice");
  EXPECT_EQ(body.at("To_Account"), "bob");
  EXPECT_EQ(body.at("MsgRandom"), 2);
  EXPECT_EQ(body.at("MsgTime"), 1669872112);
  EXPECT_EQ(body.at("MsgBody").as_array().at(0).at("MsgContent").at("Text"), "x");
}

TEST_F(Callbacks, BeforeSendMsgAnsweredOneRefusesWith20006AndStoresNothing) {
  CallbackReceiver receiver([](const ReceivedCallback&) { return CallbackAnswer{200, answer_with(1)}; });
  configure({{"url", receiver.url()}});
  EXPECT_EQ(code_of(send_text(server, app, "alice", "bob", "bad words")), 20006);
  EXPECT_TRUE(texts_bob_has().empty());
}

TEST_F(Callbacks, BeforeSendMsgAnsweredTwoLooksSentButNobodyHasIt) {
  CallbackReceiver receiver([](const ReceivedCallback&) { return CallbackAnswer{200, answer_with(2)}; });
  configure({{"url", receiver.url()}});
  const auto reply = send_text(server, app, "alice", "bob", "dropped");
  EXPECT_EQ(code_of(reply), 0) << json::serialize(reply);
  EXPECT_TRUE(reply.contains("MsgKey"));
  EXPECT_TRUE(texts_bob_has().empty());
}

TEST_F(Callbacks, ARewrittenMsgBodyIsWhatIsStoredUnderTheAnnouncedMsgKey) {
  CallbackReceiver receiver([](const ReceivedCallback& callback) {
    if (callback.query.at("CallbackCommand") != "C2C.CallbackBeforeSendMsg") return CallbackAnswer{};
    return CallbackAnswer{
        200, answer_with(0, R"(,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"***"}}],"CloudCustomData":"checked")")};
  });
  configure({{"url", receiver.url()}});
  const auto reply = send_text(server, app, "alice", "bob", "swear");
  ASSERT_EQ(code_of(reply), 0);
  EXPECT_EQ(texts_bob_has(), std::vector<std::string>{"***"});
  const auto asked = receiver.wait_for("C2C.CallbackBeforeSendMsg");
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_EQ(asked[0].body.at("MsgKey"), reply.at("MsgKey"));
  const auto history = roam(server, app, "bob", "alice");
  EXPECT_EQ(history.at("MsgList").as_array().at(0).at("CloudCustomData"), "checked");
}

TEST_F(Callbacks, ACustomC2cCodeReachesTheSender) {
  CallbackReceiver receiver([](const ReceivedCallback&) { return CallbackAnswer{200, answer_with(120005)}; });
  configure({{"url", receiver.url()}});
  const auto reply = send_text(server, app, "alice", "bob", "x");
  EXPECT_EQ(code_of(reply), 120005);
  EXPECT_EQ(reply.at("ErrorInfo"), "by the test");
}

TEST_F(Callbacks, ATimeoutLetsTheMessageThroughWithinTheLimit) {
  CallbackReceiver receiver([](const ReceivedCallback&) { return CallbackAnswer{200, answer_with(1), 1500ms}; });
  configure({{"url", receiver.url()}, {"timeout_ms", 200}});
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(code_of(send_text(server, app, "alice", "bob", "late")), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1400ms);
  EXPECT_EQ(texts_bob_has(), std::vector<std::string>{"late"});
}

TEST_F(Callbacks, AFailureUnderTheDenyPolicyRefusesWith80003) {
  CallbackReceiver receiver([](const ReceivedCallback&) { return CallbackAnswer{500, "oops"}; });
  configure({{"url", receiver.url()}, {"on_failure", "deny"}});
  EXPECT_EQ(code_of(send_text(server, app, "alice", "bob", "x")), 80003);
  EXPECT_TRUE(texts_bob_has().empty());
  // The journal keeps the receiver's status and body: why the callback failed.
  const auto journal = parsed(server.get(app_path(app, "/journal?surface=callback")));
  const auto& entries = journal.at("entries").as_array();
  ASSERT_EQ(entries.size(), 1u) << journal;
  EXPECT_EQ(entries[0].at("http_status"), 500);
  EXPECT_EQ(entries[0].at("reply"), "oops");
  EXPECT_EQ(entries[0].at("error_code"), 80003);
}

TEST_F(Callbacks, ARefusedConnectionLetsTheMessageThrough) {
  std::uint16_t closed_port = 0;
  { CallbackReceiver gone; closed_port = gone.port(); }
  configure({{"url", "http://127.0.0.1:" + std::to_string(closed_port) + "/cb"}});
  EXPECT_EQ(code_of(send_text(server, app, "alice", "bob", "through")), 0);
  EXPECT_EQ(texts_bob_has(), std::vector<std::string>{"through"});
  // Journaled as a callback that failed, with why.
  const auto journal = parsed(server.get(app_path(app, "/journal?surface=callback")));
  const auto& entries = journal.at("entries").as_array();
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries[0].at("command"), "C2C.CallbackBeforeSendMsg");
  EXPECT_EQ(entries[0].at("error_code"), 80003);
  EXPECT_EQ(entries[0].at("reply"), "(connection refused)");
  EXPECT_FALSE(entries[0].as_object().contains("http_status"));  // no answer, no status
  EXPECT_EQ(entries[0].at("surface"), "callback");
}

TEST_F(Callbacks, TheAfterCallbackFollowsTheReplyWithTheUnreadCount) {
  // The receiver answers the after-callback slowly: the sender's reply must not wait for it.
  CallbackReceiver receiver([](const ReceivedCallback& callback) {
    if (callback.query.at("CallbackCommand") == "C2C.CallbackAfterSendMsg") return CallbackAnswer{200, answer_with(0), 1500ms};
    return CallbackAnswer{};
  });
  configure({{"url", receiver.url()}});
  const auto started = std::chrono::steady_clock::now();
  ASSERT_EQ(code_of(send_text(server, app, "alice", "bob", "one")), 0);
  ASSERT_EQ(code_of(send_text(server, app, "alice", "bob", "two", 2)), 0);
  const auto replied = std::chrono::steady_clock::now();
  EXPECT_LT(replied - started, 1400ms);
  const auto after = receiver.wait_for("C2C.CallbackAfterSendMsg", 2);
  ASSERT_EQ(after.size(), 2u);
  // Two after-callbacks in flight at once may reach the receiver in either order (two connections).
  const auto& second =
      after[0].body.at("MsgBody").as_array().at(0).at("MsgContent").at("Text") == "two" ? after[0] : after[1];
  EXPECT_EQ(second.body.at("MsgBody").as_array().at(0).at("MsgContent").at("Text"), "two");
  EXPECT_EQ(second.body.at("SendMsgResult"), 0);
  EXPECT_EQ(second.body.at("UnreadMsgNum"), 2);
  // Before and after in order, for each message.
  const auto all = receiver.received();
  ASSERT_GE(all.size(), 2u);
  EXPECT_EQ(all[0].query.at("CallbackCommand"), "C2C.CallbackBeforeSendMsg");
}

TEST_F(Callbacks, ForbidCallbackControlAndTheCommandListSkipCallbacks) {
  CallbackReceiver receiver([](const ReceivedCallback&) { return CallbackAnswer{200, answer_with(1)}; });
  configure({{"url", receiver.url()}});
  const auto reply = rest(server, app, "openim/sendmsg",
                          json::object{{"From_Account", "alice"}, {"To_Account", "bob"}, {"MsgRandom", 5},
                                       {"ForbidCallbackControl", json::array{"ForbidBeforeSendMsgCallback",
                                                                             "ForbidAfterSendMsgCallback"}},
                                       {"MsgBody", json::array{json::object{{"MsgType", "TIMTextElem"},
                                                                            {"MsgContent", {{"Text", "ok"}}}}}}});
  EXPECT_EQ(code_of(reply), 0);
  // §7: batchsendmsg and importmsg trigger no callback.
  EXPECT_EQ(code_of(rest(server, app, "openim/batchsendmsg",
                         json::object{{"From_Account", "alice"}, {"To_Account", json::array{"bob"}}, {"MsgRandom", 6},
                                      {"MsgBody", json::array{json::object{{"MsgType", "TIMTextElem"},
                                                                           {"MsgContent", {{"Text", "b"}}}}}}})),
            0);
  // Only AfterSendMsg wanted: the before-callback is not sent.
  configure({{"url", receiver.url()}, {"commands", json::array{"C2C.CallbackAfterSendMsg"}}});
  EXPECT_EQ(code_of(send_text(server, app, "alice", "bob", "listed", 7)), 0);
  receiver.wait_for("C2C.CallbackAfterSendMsg");
  std::this_thread::sleep_for(100ms);
  const auto all = receiver.received();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].query.at("CallbackCommand"), "C2C.CallbackAfterSendMsg");
}

TEST_F(Callbacks, AFaultRuleForSurfaceCallbackStandsForAReceiverThatTimesOut) {
  CallbackReceiver receiver([](const ReceivedCallback&) { return CallbackAnswer{200, answer_with(1)}; });
  configure({{"url", receiver.url()}, {"timeout_ms", 300}, {"on_failure", "deny"}});
  const auto rule = server.post(app_path(app, "/faults"),
                                R"({"match":{"surface":"callback","command":"C2C.CallbackBeforeSendMsg"},"error_code":1,"times":1})");
  ASSERT_EQ(rule.status, 201u) << rule.body;
  // A rule without a surface never matches a callback.
  ASSERT_EQ(server.post(app_path(app, "/faults"), R"({"match":{"command":"C2C.CallbackAfterSendMsg"},"error_code":70001})").status,
            201u);
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(code_of(send_text(server, app, "alice", "bob", "x")), 80003);
  EXPECT_GE(std::chrono::steady_clock::now() - started, 250ms);
  EXPECT_TRUE(receiver.received().empty());
  const auto journal = parsed(server.get(app_path(app, "/journal?surface=callback")));
  ASSERT_FALSE(journal.at("entries").as_array().empty());
  EXPECT_EQ(journal.at("entries").as_array()[0].at("fault_rule"), parsed(rule).at("id"));
  // The rule is spent: the next send reaches the receiver, which refuses it.
  EXPECT_EQ(code_of(send_text(server, app, "alice", "bob", "y", 2)), 20006);
}

TEST_F(Callbacks, GroupSendsAskGroupBeforeSendMsgAndPassTheAppsCodesThrough) {
  int answer = 1;
  std::mutex mutex;
  CallbackReceiver receiver([&](const ReceivedCallback& callback) {
    std::lock_guard lock(mutex);
    if (callback.query.at("CallbackCommand") != "Group.CallbackBeforeSendMsg") return CallbackAnswer{};
    return CallbackAnswer{200, answer_with(answer)};
  });
  const auto created = rest(server, app, "group_open_http_svc/create_group",
                            json::object{{"Owner_Account", "alice"}, {"Type", "Public"}, {"Name", "g"},
                                         {"MemberList", json::array{json::object{{"Member_Account", "bob"}}}}});
  ASSERT_EQ(code_of(created), 0);
  const std::string group = std::string(created.at("GroupId").as_string());
  configure({{"url", receiver.url()}});
  const auto send = [&](std::int64_t random) {
    return rest(server, app, "group_open_http_svc/send_group_msg",
                json::object{{"GroupId", group}, {"From_Account", "bob"}, {"Random", random},
                             {"MsgBody", json::array{json::object{{"MsgType", "TIMTextElem"},
                                                                  {"MsgContent", {{"Text", "g"}}}}}}});
  };
  EXPECT_EQ(code_of(send(1)), 10016);
  {
    std::lock_guard lock(mutex);
    answer = 10150;
  }
  const auto custom = send(2);
  EXPECT_EQ(code_of(custom), 10150);
  EXPECT_EQ(custom.at("ErrorInfo"), "by the test");
  {
    std::lock_guard lock(mutex);
    answer = 0;
  }
  const auto ok = send(3);
  ASSERT_EQ(code_of(ok), 0);
  const auto before = receiver.wait_for("Group.CallbackBeforeSendMsg", 3);
  ASSERT_EQ(before.size(), 3u);
  EXPECT_EQ(before[2].body.at("GroupId").as_string(), group);
  EXPECT_EQ(before[2].body.at("Type"), "Public");
  EXPECT_EQ(before[2].body.at("From_Account"), "bob");
  EXPECT_TRUE(before[2].body.at("EventTime").is_string());
  const auto after = receiver.wait_for("Group.CallbackAfterSendMsg");
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].body.at("MsgSeq"), ok.at("MsgSeq"));
}

}  // namespace
}  // namespace timock::testing
