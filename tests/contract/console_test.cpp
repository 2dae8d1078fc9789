// The web console's routes: its files served from the binary (/console), the session probe that tells the
// page whether to ask for the control token, and the control-plane routes it lists from (accounts a page at a
// time, a user's conversations with unread counts, the journal newest first).
#include <gtest/gtest.h>

#include "control_helpers.hpp"
#include "timock_harness.hpp"

namespace timock::testing {
namespace {

using namespace control;

TEST(Console, BareConsolePathRedirectsToTheFolderSoRelativeUrlsResolve) {
  TimockProcess server;
  const auto reply = server.get("/console");
  EXPECT_EQ(reply.status, 308u);
  EXPECT_EQ(reply.headers.at("location"), "/console/");
}

TEST(Console, PageAndAssetsAreServedFromTheBinaryWithTheirTypes) {
  TimockProcess server;
  const auto page = server.get("/console/");
  EXPECT_EQ(page.status, 200u);
  EXPECT_EQ(page.headers.at("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("<script type=\"module\" src=\"app.js\">"), std::string::npos);
  EXPECT_EQ(page.body.find("https://"), std::string::npos) << "the page must fetch nothing from the network";
  const auto script = server.get("/console/app.js");
  EXPECT_EQ(script.status, 200u);
  EXPECT_EQ(script.headers.at("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(server.get("/console/console.css").headers.at("content-type"), "text/css; charset=utf-8");
  EXPECT_EQ(server.get("/console/index.html").body, page.body);
}

TEST(Console, UnknownFileIs404AndWritesAre405) {
  TimockProcess server;
  EXPECT_EQ(server.get("/console/nope.js").status, 404u);
  EXPECT_EQ(server.get("/console/../mock/apps").status, 404u);
  EXPECT_EQ(server.request("POST", "/console/app.js", "{}").status, 405u);
}

TEST(Console, SessionSaysNoTokenIsNeededWithoutControlToken) {
  TimockProcess server;
  const auto session = parsed(server.get("/console/session"));
  EXPECT_EQ(session.at("token_required"), false);
  EXPECT_EQ(session.at("token_ok"), true);
}

TEST(Console, WithControlTokenThePageLoadsButSessionChecksTheToken) {
  TimockProcess server({"--control-token", "s3cret"});
  EXPECT_EQ(server.get("/console/").status, 200u);
  const auto without = parsed(server.get("/console/session"));
  EXPECT_EQ(without.at("token_required"), true);
  EXPECT_EQ(without.at("token_ok"), false);
  const auto wrong = parsed(server.request("GET", "/console/session", "", {{"X-Timock-Token", "nope"}}));
  EXPECT_EQ(wrong.at("token_ok"), false);
  const auto right = parsed(server.request("GET", "/console/session", "", {{"X-Timock-Token", "s3cret"}}));
  EXPECT_EQ(right.at("token_ok"), true);
  EXPECT_EQ(server.get("/mock/apps").status, 401u);
}

// The app's admin is an account too: the search leaves it out of the count.
TEST(Console, AccountsComeAPageAtATimeInUserIdOrderWithTotal) {
  TimockProcess server;
  const auto app = create_app(server);
  for (int batch = 0; batch < 2; ++batch) {  // multiaccount_import takes 100 at most
    json::array ids;
    for (int i = batch * 60; i < batch * 60 + 60; ++i)
      ids.emplace_back("user" + std::string(i < 10 ? "00" : i < 100 ? "0" : "") + std::to_string(i));
    ASSERT_EQ(rest(server, app, "im_open_login_svc/multiaccount_import", json::object{{"Accounts", ids}})
                  .at("ErrorCode"),
              0);
  }
  const auto page = parsed(server.get(app_path(app, "/accounts?q=user&offset=50&limit=20")));
  EXPECT_EQ(page.at("total"), 120);
  EXPECT_EQ(page.at("offset"), 50);
  const auto& accounts = page.at("accounts").as_array();
  ASSERT_EQ(accounts.size(), 20u);
  EXPECT_EQ(accounts[0].as_object().at("user_id"), "user050");
  EXPECT_EQ(accounts[19].as_object().at("user_id"), "user069");
  EXPECT_EQ(accounts[0].as_object().at("online"), false);
  EXPECT_EQ(parsed(server.get(app_path(app, "/accounts"))).at("accounts").as_array().size(), 50u);
}

TEST(Console, AccountSearchMatchesUserIdOrNickCaseInsensitively) {
  TimockProcess server;
  const auto app = create_app(server);
  rest(server, app, "im_open_login_svc/account_import",
       json::object{{"UserID", "alice"}, {"Nick", "Wonder"}});
  rest(server, app, "im_open_login_svc/account_import",
       json::object{{"UserID", "bob"}, {"Nick", "Builder 50%"}});
  rest(server, app, "im_open_login_svc/account_import", json::object{{"UserID", "carol"}, {"Nick", "张三"}});
  const auto by_id = parsed(server.get(app_path(app, "/accounts?q=ALI")));
  EXPECT_EQ(by_id.at("total"), 1);
  EXPECT_EQ(by_id.at("accounts").as_array()[0].as_object().at("nick"), "Wonder");
  EXPECT_EQ(parsed(server.get(app_path(app, "/accounts?q=builder"))).at("total"), 1);
  EXPECT_EQ(parsed(server.get(app_path(app, "/accounts?q=50%25"))).at("total"), 1);
  EXPECT_EQ(parsed(server.get(app_path(app, "/accounts?q=%E5%BC%A0"))).at("total"), 1);
  EXPECT_EQ(parsed(server.get(app_path(app, "/accounts?q=_"))).at("total"), 0);
}

TEST(Console, AccountsRejectBadPagingAndUnknownApps) {
  TimockProcess server;
  const auto app = create_app(server);
  EXPECT_EQ(server.get(app_path(app, "/accounts?limit=0")).status, 400u);
  EXPECT_EQ(server.get(app_path(app, "/accounts?limit=501")).status, 400u);
  EXPECT_EQ(server.get(app_path(app, "/accounts?offset=-1")).status, 400u);
  const auto unknown = server.get(app_path(app, "/accounts?sort=nick"));
  EXPECT_EQ(unknown.status, 400u);
  EXPECT_EQ(parsed(unknown).at("field"), "sort");
  EXPECT_EQ(server.get(app_path(1999999999, "/accounts")).status, 404u);
  EXPECT_EQ(server.request("POST", app_path(app, "/accounts"), "{}").status, 405u);
}

TEST(Console, ConversationsListC2cAndGroupsNewestFirstWithUnread) {
  TimockProcess server;
  const auto app = create_app(server);
  for (const auto* user : {"alice", "bob", "carol"}) import_account(server, app, user);
  send_text(server, app, "bob", "alice", "one", 1);
  send_text(server, app, "bob", "alice", "two", 2);
  send_text(server, app, "alice", "carol", "hi", 3);
  const auto group =
      rest(server, app, "group_open_http_svc/create_group",
           json::object{{"Type", "Public"},
                        {"Name", "g"},
                        {"Owner_Account", "carol"},
                        {"MemberList", json::array{json::object{{"Member_Account", "alice"}}}}});
  const auto group_id = std::string(group.at("GroupId").as_string());
  rest(server, app, "group_open_http_svc/send_group_msg",
       json::object{{"GroupId", group_id},
                    {"From_Account", "carol"},
                    {"Random", 9},
                    {"MsgBody", json::array{json::object{{"MsgType", "TIMTextElem"},
                                                         {"MsgContent", json::object{{"Text", "all"}}}}}}});
  const auto reply = parsed(server.get(app_path(app, "/accounts/alice/conversations")));
  const auto& items = reply.at("conversations").as_array();
  ASSERT_GE(items.size(), 3u);
  const json::object* with_bob = nullptr;
  const json::object* in_group = nullptr;
  for (const auto& item : items) {
    if (item.as_object().contains("To_Account") && item.at("To_Account") == "bob")
      with_bob = &item.as_object();
    if (item.as_object().contains("GroupId") && item.at("GroupId").as_string() == group_id)
      in_group = &item.as_object();
  }
  ASSERT_TRUE(with_bob && in_group);
  EXPECT_EQ(with_bob->at("Type"), 1);
  EXPECT_EQ(with_bob->at("UnreadMsgNum"), 2);
  EXPECT_EQ(with_bob->at("LastMsg")
                .as_object()
                .at("MsgBody")
                .as_array()
                .at(0)
                .as_object()
                .at("MsgContent")
                .as_object()
                .at("Text"),
            "two");
  EXPECT_EQ(in_group->at("Type"), 2);
  EXPECT_GE(in_group->at("UnreadMsgNum").to_number<int>(), 1);
  for (std::size_t i = 1; i < items.size(); ++i)
    EXPECT_GE(items[i - 1].as_object().at("MsgTimeStamp").to_number<std::int64_t>(),
              items[i].as_object().at("MsgTimeStamp").to_number<std::int64_t>());
  EXPECT_EQ(parsed(server.get(app_path(app, "/accounts/alice/conversations?limit=1")))
                .at("conversations")
                .as_array()
                .size(),
            1u);
  EXPECT_EQ(server.get(app_path(app, "/accounts/alice/conversations?limit=101")).status, 400u);
}

TEST(Console, JournalReadsNewestFirstWhenAsked) {
  TimockProcess server;
  const auto app = create_app(server);
  for (const auto* user : {"u1", "u2", "u3"}) import_account(server, app, user);
  const auto newest =
      parsed(server.get(app_path(app, "/journal?order=newest&limit=2"))).at("entries").as_array();
  ASSERT_EQ(newest.size(), 2u);
  EXPECT_GT(newest[0].as_object().at("seq").to_number<std::int64_t>(),
            newest[1].as_object().at("seq").to_number<std::int64_t>());
  EXPECT_EQ(newest[0].as_object().at("request").as_object().at("UserID"), "u3");
  const auto oldest =
      parsed(server.get(app_path(app, "/journal?order=oldest&limit=1"))).at("entries").as_array();
  EXPECT_EQ(oldest[0].as_object().at("request").as_object().at("UserID"), "u1");
  EXPECT_EQ(server.get(app_path(app, "/journal?order=sideways")).status, 400u);
}

}  // namespace
}  // namespace timock::testing
