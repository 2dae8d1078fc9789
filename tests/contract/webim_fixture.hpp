// Shared by the WebIm* contract tests: a timock with a short long-poll hold, an app with alice and bob
// imported (nick and avatar, as the seed's backend imports them), and one-line helpers for the REST and
// control-plane calls the tests make around the client.
#pragma once

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "timock_harness.hpp"
#include "webim_client.hpp"

namespace timock::testing::webim {

namespace json = boost::json;

// Long enough that a parked poll outlives a test's next few calls on a loaded CI machine, short enough that
// waiting for an idle poll stays cheap (reference/webim-protocol.md §7.4: tests use 1–5 s).
constexpr double kHoldSeconds = 2;
constexpr auto kHold = std::chrono::milliseconds(static_cast<int>(kHoldSeconds * 1000));

inline json::object text_body(const std::string& text) {
  return json::object{{"MsgType", "TIMTextElem"}, {"MsgContent", json::object{{"Text", text}}}};
}

class WebImTest : public ::testing::Test {
 protected:
  // `extra_args` go to `timock serve` after the hold (e.g. {"--threads", "4"}).
  explicit WebImTest(std::vector<std::string> extra_args = {}) : server(server_args(std::move(extra_args))) {}
  static std::vector<std::string> server_args(std::vector<std::string> extra_args) {
    extra_args.insert(extra_args.begin(), {"--longpoll-hold", std::to_string(kHoldSeconds)});
    return extra_args;
  }

  // The app's options ({"reject_unimported_login":…, "webim_delivery":…}); a test class overrides it.
  virtual json::object app_options() const { return {}; }

  void SetUp() override {
    json::object body;
    if (const auto options = app_options(); !options.empty()) body["options"] = options;
    app = create_app(server, json::serialize(body));
    for (const auto& [user, nick] :
         {std::pair{"alice", "Alice"}, std::pair{"bob", "Bob"}, std::pair{"carol", "Carol"}})
      import(user, nick);
  }

  void import(const std::string& user, const std::string& nick) {
    const auto reply = rest(server, app, "im_open_login_svc/account_import",
                            json::object{{"UserID", user}, {"Nick", nick}, {"FaceUrl", face_url(user)}});
    ASSERT_EQ(reply.at("ActionStatus").as_string(), "OK") << json::serialize(reply);
  }
  static std::string face_url(const std::string& user) { return "http://img.example/" + user + ".png"; }

  std::unique_ptr<WebImClient> client(const std::string& user) {
    return std::make_unique<WebImClient>(server, app.sdkappid, user, mint_sig(server, app.sdkappid, user));
  }
  // A client that has logged in, has a LongPollingId and has had its first (quick) poll answered.
  std::unique_ptr<WebImClient> connected(const std::string& user) {
    auto c = client(user);
    c->login_and_connect();
    const auto first = c->poll();
    EXPECT_EQ(first.code(), 60008) << json::serialize(first.reply);
    return c;
  }

  // The journal's view of the app (GET /mock/apps/{id}/journal?query).
  json::array journal(const std::string& query = "") const {
    const auto result = server.get("/mock/apps/" + std::to_string(app.sdkappid) + "/journal" +
                                   (query.empty() ? "" : "?" + query));
    EXPECT_EQ(result.status, 200u) << result.body;
    return json::parse(result.body).at("entries").as_array();
  }
  // Waits until `user` has had `count` long polls parked (the gateway journals a parked poll when its handler
  // returns, and the poll is registered by then), so a message sent afterwards finds it parked.
  void wait_parked(const std::string& user, std::size_t count) const {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    std::size_t parked = 0;
    while (std::chrono::steady_clock::now() < deadline) {
      parked = 0;
      for (const auto& entry : journal("command=longpolling&identifier=" + user))
        if (entry.at("reply").is_string() && entry.at("reply").as_string() == "(parked long poll)") ++parked;
      if (parked >= count) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    FAIL() << user << " has " << parked << " parked polls, expected " << count;
  }

  json::object rest_send(const std::string& from, const std::string& to, const std::string& text,
                         std::int64_t random) const {
    return rest(server, app, "openim/sendmsg",
                json::object{{"From_Account", from},
                             {"To_Account", to},
                             {"MsgRandom", random},
                             {"MsgBody", json::array{text_body(text)}}});
  }

  // PUT /mock/clock {"now": T, "frozen": true}.
  void freeze_clock(std::int64_t now) const {
    const auto result =
        server.request("PUT", "/mock/clock", json::serialize(json::object{{"now", now}, {"frozen", true}}));
    ASSERT_EQ(result.status, 200u) << result.body;
  }
  std::int64_t server_now() const { return json::parse(server.get("/mock/clock").body).at("now").as_int64(); }

  TimockProcess server;
  TestApp app;
};

}  // namespace timock::testing::webim
