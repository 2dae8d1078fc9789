// Shared by the ChatSdk* contract tests: a timock of its own per test, an app with alice, bob and carol
// imported, sockets that have logged in as the SDK does, and one-line helpers for the REST and control-plane
// calls the tests make around them.
#pragma once

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <memory>
#include <string>
#include <vector>

#include "chat_client.hpp"
#include "timock_harness.hpp"

namespace timock::testing::chatsdk {

namespace json = boost::json;

// reference/modern-sdk-protocol.md §6.1: '1' × 64 unlocks every feature.
inline const std::string kAllFeatures(64, '1');

inline std::int64_t code_of(const json::object& body) {
  const auto* code = body.if_contains("ErrorCode");
  return code && code->is_int64() ? code->get_int64() : -1;
}

class ChatSdkTest : public ::testing::Test {
 protected:
  explicit ChatSdkTest(std::vector<std::string> extra_args = {}) : server(std::move(extra_args)) {}

  // The app's options ({"reject_unimported_login":…}); a test class overrides it.
  virtual json::object app_options() const { return {}; }

  void SetUp() override {
    json::object body;
    if (const auto options = app_options(); !options.empty()) body["options"] = options;
    app = create_app(server, json::serialize(body));
    for (const char* user : {"alice", "bob", "carol"}) {
      const auto reply =
          rest(server, app, "im_open_login_svc/account_import", json::object{{"UserID", user}});
      ASSERT_EQ(code_of(reply), 0) << json::serialize(reply);
    }
  }

  std::unique_ptr<ChatClient> socket(bool binary = true) {
    return std::make_unique<ChatClient>(server, app.sdkappid, binary);
  }
  // A socket on which `user` has logged in with a fresh UserSig (fails the test otherwise).
  std::unique_ptr<ChatClient> logged_in(const std::string& user, bool binary = true) {
    auto client = socket(binary);
    const auto reply = client->login(user, sig(user));
    EXPECT_EQ(code_of(reply), 0) << user << " wslogin: " << json::serialize(reply);
    return client;
  }
  std::string sig(const std::string& user) const { return mint_sig(server, app.sdkappid, user); }
  // A UserSig valid for `seconds` from now, and when it expires.
  std::pair<std::string, std::int64_t> short_sig(const std::string& user, std::int64_t seconds) const {
    const auto minted = server.post("/mock/apps/" + std::to_string(app.sdkappid) + "/usersig",
                                    json::serialize(json::object{{"identifier", user}, {"expire", seconds}}));
    const auto reply = json::parse(minted.body).as_object();
    return {std::string(reply.at("usersig").as_string()), reply.at("expire_at").as_int64()};
  }

  json::object rest_call(const std::string& path, const json::value& body) const {
    return rest(server, app, path, body);
  }
  // REST openim/sendmsg of one text (MsgSeq orders messages of the same second, rest-api.md §6.2).
  json::object rest_send(const std::string& from, const std::string& to, const std::string& text,
                         std::int64_t msg_seq, std::int64_t random = 0) const {
    return rest_call("openim/sendmsg", json::object{{"From_Account", from},
                                                    {"To_Account", to},
                                                    {"MsgSeq", msg_seq},
                                                    {"MsgRandom", random != 0 ? random : msg_seq * 7919 + 13},
                                                    {"MsgBody", json::array{text_elem(text)}}});
  }
  // REST admin_getroammsg as `op` with `peer`: every message of the pair, oldest first.
  json::array roam(const std::string& op, const std::string& peer) const {
    const auto reply = rest_call("openim/admin_getroammsg", json::object{{"Operator_Account", op},
                                                                         {"Peer_Account", peer},
                                                                         {"MaxCnt", 100},
                                                                         {"MinTime", 0},
                                                                         {"MaxTime", 4000000000LL}});
    EXPECT_EQ(code_of(reply), 0) << json::serialize(reply);
    const auto* list = reply.if_contains("MsgList");
    return list && list->is_array() ? list->get_array() : json::array{};
  }

  // PUT /mock/clock {"now": T, "frozen": true}.
  void freeze_clock(std::int64_t now) const {
    const auto result =
        server.request("PUT", "/mock/clock", json::serialize(json::object{{"now", now}, {"frozen", true}}));
    ASSERT_EQ(result.status, 200u) << result.body;
  }
  std::int64_t server_now() const { return json::parse(server.get("/mock/clock").body).at("now").as_int64(); }

  // POST /mock/apps/{id}/faults.
  void add_fault(const json::object& rule) const {
    const auto result =
        server.post("/mock/apps/" + std::to_string(app.sdkappid) + "/faults", json::serialize(rule));
    ASSERT_LT(result.status, 300u) << result.body;
  }
  // GET /mock/apps/{id}/journal?query.
  json::array journal(const std::string& query = "") const {
    const auto result = server.get("/mock/apps/" + std::to_string(app.sdkappid) + "/journal" +
                                   (query.empty() ? "" : "?" + query));
    EXPECT_EQ(result.status, 200u) << result.body;
    if (result.status != 200) return {};
    return json::parse(result.body).at("entries").as_array();
  }

  TimockProcess server;
  TestApp app;
};

}  // namespace timock::testing::chatsdk
