// The requests the SDK sends by itself after wslogin (reference/modern-sdk-protocol.md §6.2): each list must
// carry its end-of-list marker, or the SDK asks again thousands of times a second (run 0, §13). A pager here
// follows the markers exactly as the SDK does, with a bound, so a server that never says "done" fails the
// test instead of hanging it. Then getmsg: the offline messages, the unread count per peer, and its Cookie.
#include <gtest/gtest.h>

#include <set>

#include "chatsdk_fixture.hpp"

namespace timock::testing::chatsdk {
namespace {

// Far above what any list here needs: the SDK's own pagers have no bound at all.
constexpr int kMaxPages = 10;

std::int64_t int_of(const json::object& body, std::string_view key, std::int64_t fallback = -1) {
  const auto* value = body.if_contains(key);
  return value && value->is_number() ? value->to_number<std::int64_t>() : fallback;
}

class ChatSdkSync : public ChatSdkTest {
 protected:
  // alice: a friend (bob), someone blocked (eve), 25 unread from bob and 1 from carol.
  void SetUp() override {
    ChatSdkTest::SetUp();
    // REST has no black_list_add: the entry comes in through a snapshot round trip.
    const auto path = "/mock/apps/" + std::to_string(app.sdkappid) + "/snapshot";
    auto snapshot = json::parse(server.get(path).body);
    auto& state = snapshot.at("apps").at(0).as_object();
    state["accounts"].as_array().push_back(json::object{{"user_id", "eve"}});
    state["blacklist"] =
        json::array{json::object{{"owner", "alice"}, {"blocked", "eve"}, {"add_time", 1700000000}}};
    const auto loaded = server.request("PUT", path, json::serialize(snapshot));
    ASSERT_EQ(loaded.status, 200u) << loaded.body;
    const auto added = rest_call(
        "sns/friend_add",
        json::object{{"From_Account", "alice"},
                     {"AddFriendItem",
                      json::array{json::object{{"To_Account", "bob"}, {"AddSource", "AddSource_Type_Test"}}}},
                     {"AddType", "Add_Type_Both"},
                     {"ForceAddFlags", 1}});
    ASSERT_EQ(code_of(added), 0) << json::serialize(added);
    for (int i = 1; i <= 25; ++i)
      ASSERT_EQ(code_of(rest_send("bob", "alice", "m" + std::to_string(i), i)), 0);
    ASSERT_EQ(code_of(rest_send("carol", "alice", "from carol", 1)), 0);
  }

  // getmsg as syncMsgs does: Cookie "" first, then the returned Cookie while SyncFlag is not 2.
  std::vector<json::object> sync_all(ChatClient& client, std::string cookie = "") {
    std::vector<json::object> pages;
    for (int i = 0; i < kMaxPages; ++i) {
      auto page = client.call("openim.getmsg", {{"Cookie", cookie},
                                                {"SyncFlag", pages.empty() ? 0 : 1},
                                                {"NeedAbstract", 1},
                                                {"IsOnlineSync", 0},
                                                {"NeedSignaling", 1},
                                                {"NeedCachedMsg", 1}});
      EXPECT_EQ(code_of(page), 0) << json::serialize(page);
      const auto flag = int_of(page, "SyncFlag");
      const auto* next = page.if_contains("Cookie");
      // §6.2: an empty Cookie means "nothing" and the rest of the reply is ignored.
      EXPECT_TRUE(next && next->is_string() && !next->as_string().empty()) << json::serialize(page);
      cookie = next && next->is_string() ? std::string(next->as_string()) : "";
      pages.push_back(std::move(page));
      if (code_of(pages.back()) != 0 || flag == 2) return pages;
      EXPECT_TRUE(flag == 0 || flag == 1) << "SyncFlag " << flag;
    }
    ADD_FAILURE() << "getmsg did not reach SyncFlag 2 within " << kMaxPages << " calls";
    return pages;
  }
  std::string last_cookie(const std::vector<json::object>& pages) {
    return pages.empty() ? "" : std::string(pages.back().at("Cookie").as_string());
  }
};

TEST_F(ChatSdkSync, EveryPostLoginRequestAnswersOkAndEveryListEnds) {
  auto client = logged_in("alice");
  const std::string me = "alice";
  std::map<std::string, int> calls;
  const auto call = [&](const std::string& servcmd, const json::object& body) {
    ++calls[servcmd];
    auto reply = client->call(servcmd, body);
    EXPECT_EQ(code_of(reply), 0) << servcmd << ": " << json::serialize(reply);
    return reply;
  };

  call("heartbeat.alive", {});
  call("im_sdk_config_mgr.fetch_imsdk_purchase_bitsv2", {{"uint32_sdkappid", app.sdkappid}});
  call("im_sdk_config_mgr.fetch_config", {{"uint32_sdkappid", app.sdkappid}, {"uint64_version", 0}});
  const auto profile =
      call("profile.portrait_get_all",
           {{"From_Account", me},
            {"UserItem",
             json::array{json::object{{"To_Account", me}, {"StandardSequence", 0}, {"CustomSequence", 0}}}}});
  ASSERT_TRUE(profile.at("UserProfileItem").is_array());
  EXPECT_EQ(profile.at("UserProfileItem").at(0).at("To_Account").as_string(), me);

  // black_list_get: StartIndex 0 is the end (anything else, even missing, refetches for ever).
  json::object black{{"From_Account", me}, {"StartIndex", 0}, {"MaxLimited", 30}};
  std::set<std::string> blocked;
  for (int i = 0;; ++i) {
    ASSERT_LT(i, kMaxPages) << "black_list_get never answered StartIndex 0";
    const auto page = call("sns.black_list_get", black);
    for (const auto& item : page.at("BlackListItem").as_array())
      blocked.insert(std::string(item.at("To_Account").as_string()));
    ASSERT_TRUE(page.contains("StartIndex")) << json::serialize(page);
    if (int_of(page, "StartIndex") == 0) break;
    black["StartIndex"] = page.at("StartIndex");
  }
  EXPECT_EQ(blocked, std::set<std::string>{"eve"});

  // page_get: CompleteFlag 1 ends it; otherwise the next page with the four cursors.
  json::object contacts{{"From_Account", me}, {"TimeStamp", 0}, {"StartIndex", 0},      {"TopTimeStamp", 0},
                        {"TopStartIndex", 0}, {"OrderType", 1}, {"MsgAssistFlags", 15}, {"AssistFlags", 31}};
  std::set<std::string> peers;
  for (int i = 0;; ++i) {
    ASSERT_LT(i, kMaxPages) << "page_get never answered CompleteFlag 1";
    const auto page = call("recentcontact.page_get", contacts);
    for (const auto& item : page.at("SessionItem").as_array())
      peers.insert(std::string(item.at("To_Account").as_string()));
    if (int_of(page, "CompleteFlag") == 1) break;
    for (const char* cursor : {"TimeStamp", "StartIndex", "TopTimeStamp", "TopStartIndex"})
      contacts[cursor] = page.at(cursor);
  }
  EXPECT_EQ(peers, (std::set<std::string>{"bob", "carol"}));

  for (const char* servcmd :
       {"group_open_http_svc.get_joined_group_list", "million_group_open_http_svc.get_joined_group_list"}) {
    const auto groups =
        call(servcmd, {{"Member_Account", me}, {"Limit", 1000}, {"Offset", 0}, {"SupportTopic", 0}});
    EXPECT_TRUE(groups.at("GroupIdList").is_array()) << servcmd;
    EXPECT_EQ(int_of(groups, "TotalCount"), 0) << servcmd;
  }

  const auto pages = sync_all(*client);
  ASSERT_FALSE(pages.empty());
  EXPECT_EQ(int_of(pages.back(), "SyncFlag"), 2);

  // friend_get: CompleteFlag 1 ends it (0 → loop); the next page starts at NextStartIndex.
  json::object friends{
      {"From_Account", me}, {"StartIndex", 0}, {"StandardSequence", 0}, {"CustomSequence", 0}};
  std::set<std::string> friend_ids;
  for (int i = 0;; ++i) {
    ASSERT_LT(i, kMaxPages) << "friend_get never answered CompleteFlag 1";
    const auto page = call("sns.friend_get", friends);
    for (const auto& item : page.at("UserDataItem").as_array())
      friend_ids.insert(std::string(item.at("To_Account").as_string()));
    if (int_of(page, "CompleteFlag") == 1) break;
    friends["StartIndex"] = page.at("NextStartIndex");
  }
  EXPECT_EQ(friend_ids, std::set<std::string>{"bob"});

  const auto friend_groups = call(
      "sns.group_get", {{"From_Account", me}, {"LastSequence", 0}, {"NeedFriend", "Need_Friend_Type_Yes"}});
  EXPECT_TRUE(friend_groups.at("ResultItem").is_array());
  EXPECT_TRUE(friend_groups.contains("LastSequence"));
  const auto pendency = call("sns.pendency_get", {{"From_Account", me},
                                                  {"PendencyType", "Pendency_Type_ComeIn"},
                                                  {"StartTime", 0},
                                                  {"MaxLimited", 100},
                                                  {"LastSequence", 0}});
  EXPECT_TRUE(pendency.at("PendencyItem").is_array());
  EXPECT_TRUE(pendency.contains("UnreadPendencyCount"));

  // get_contact_group: CompleteFlag 1 (0 → loop).
  json::object contact_groups{{"From_Account", me}, {"StartIndex", 0}};
  for (int i = 0;; ++i) {
    ASSERT_LT(i, kMaxPages) << "get_contact_group never answered CompleteFlag 1";
    const auto page = call("recentcontact.get_contact_group", contact_groups);
    EXPECT_TRUE(page.at("GroupItem").is_array());
    if (int_of(page, "CompleteFlag") == 1) break;
    contact_groups["StartIndex"] = page.at("NextStartIndex");
  }

  call("imopenstat.tim_web_report_v2",
       {{"Header", json::object{}}, {"Event", json::array{}}, {"Quality", json::array{}}});
  // 2.27.6 only (§10): a generic OK is enough.
  call("openim.authkey", {});
  call("openim.get_c2c_peer_mute_notifications", {{"UpdateSeq", 0}});
  call("im_open_status.wshello", {{"is_web_uniapp", 0}});

  // Nothing looped: each list took one page here.
  for (const char* servcmd :
       {"sns.black_list_get", "recentcontact.page_get", "sns.friend_get", "recentcontact.get_contact_group"})
    EXPECT_EQ(calls[servcmd], 1) << servcmd;
}

TEST_F(ChatSdkSync, GetMsgPagesThroughMoreThan20UnreadAndEndsWithSyncFlag2) {
  auto client = logged_in("alice");
  const auto pages = sync_all(*client);
  ASSERT_GE(pages.size(), 2u) << "26 unread do not fit one page of 20";
  std::vector<std::string> texts;
  std::set<std::string> keys;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const auto& page = pages[i];
    EXPECT_EQ(int_of(page, "SyncFlag"), i + 1 == pages.size() ? 2 : 1) << "page " << i;
    for (const auto& item : page.at("MsgList").as_array()) {
      texts.push_back(first_text(item));
      // A MsgKey is unique within a conversation (MsgSeq_MsgRandom_MsgTime), so per sender here.
      const auto key =
          std::string(item.at("From_Account").as_string()) + "/" + std::string(item.at("MsgKey").as_string());
      EXPECT_TRUE(keys.insert(key).second) << "a message came twice: " << json::serialize(item);
    }
  }
  EXPECT_EQ(texts.size(), 26u);
  EXPECT_EQ(texts.front(), "m1") << "oldest first";
  // The unread count per peer comes with the last page.
  std::map<std::string, std::int64_t> unread;
  for (const auto& pair : pages.back().at("C2CPairUnreadCount").as_array())
    unread[std::string(pair.at("From_Account").as_string())] = pair.at("UnreadCount").as_int64();
  EXPECT_EQ(unread, (std::map<std::string, std::int64_t>{{"bob", 25}, {"carol", 1}}));
}

TEST_F(ChatSdkSync, GetMsgWithTheLastCookieBringsOnlyWhatArrivedSince) {
  auto client = logged_in("alice");
  auto cookie = last_cookie(sync_all(*client));
  // Asking again and again ends at once, with nothing (no loop, no repeats).
  for (int i = 0; i < 3; ++i) {
    const auto again = sync_all(*client, cookie);
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(int_of(again.back(), "SyncFlag"), 2);
    EXPECT_TRUE(again.back().at("MsgList").as_array().empty()) << json::serialize(again.back());
    cookie = last_cookie(again);
  }
  ASSERT_EQ(code_of(rest_send("bob", "alice", "new one", 100)), 0);
  const auto after = sync_all(*client, cookie);
  ASSERT_EQ(after.size(), 1u);
  const auto& list = after.back().at("MsgList").as_array();
  ASSERT_EQ(list.size(), 1u) << json::serialize(after.back());
  EXPECT_EQ(first_text(list.at(0)), "new one");
}

TEST_F(ChatSdkSync, GetMsgItemsCarryWhatTheSdkBuildsMessageIdsFrom) {
  auto bob = logged_in("bob");
  // A send from the SDK carries MsgClientTime; the receiver's getmsg gives it back with bob's TinyId (§6.4).
  const auto sent =
      bob->call("openim.sendmsg", sendmsg_body("bob", "carol", "for carol", 4242, 777, 1700000001));
  ASSERT_EQ(code_of(sent), 0) << json::serialize(sent);
  auto carol = logged_in("carol");
  const auto pages = sync_all(*carol);
  ASSERT_EQ(pages.size(), 1u);
  const auto& list = pages.back().at("MsgList").as_array();
  ASSERT_EQ(list.size(), 1u) << json::serialize(pages.back());
  const auto& item = list.at(0).as_object();
  EXPECT_EQ(item.at("From_Account").as_string(), "bob");
  EXPECT_EQ(item.at("To_Account").as_string(), "carol");
  EXPECT_EQ(item.at("MsgSeq").to_number<std::int64_t>(), 4242);
  EXPECT_EQ(item.at("MsgRandom").to_number<std::int64_t>(), 777);
  EXPECT_EQ(item.at("MsgClientTime").to_number<std::int64_t>(), 1700000001);
  EXPECT_EQ(item.at("TinyId").as_string(), bob->tinyid());
  EXPECT_EQ(item.at("MsgTimeStamp").to_number<std::int64_t>(), sent.at("MsgTime").to_number<std::int64_t>());
  EXPECT_FALSE(item.at("MsgKey").as_string().empty());
  const auto& pairs = pages.back().at("C2CPairUnreadCount").as_array();
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_EQ(pairs.at(0).at("From_Account").as_string(), "bob");
  EXPECT_EQ(pairs.at(0).at("UnreadCount").as_int64(), 1);
}

TEST_F(ChatSdkSync, FirstGetMsgSkipsWhatWasAlreadyRead) {
  auto client = logged_in("alice");
  // alice reads bob's conversation, then logs in elsewhere: only carol's message is still unread.
  const auto readed = client->call(
      "openim.msgreaded",
      {{"C2CMsgReaded",
        json::object{{"Cookie", ""},
                     {"C2CMsgReadedItem",
                      json::array{json::object{
                          {"To_Account", "bob"}, {"LastedMsgTime", server_now() + 5}, {"Receipt", 1}}}}}}});
  ASSERT_EQ(code_of(readed), 0) << json::serialize(readed);
  auto other = logged_in("alice");
  const auto pages = sync_all(*other);
  std::vector<std::string> texts;
  for (const auto& page : pages)
    for (const auto& item : page.at("MsgList").as_array()) texts.push_back(first_text(item));
  EXPECT_EQ(texts, std::vector<std::string>{"from carol"});
  const auto& pairs = pages.back().at("C2CPairUnreadCount").as_array();
  ASSERT_EQ(pairs.size(), 1u) << json::serialize(pages.back());
  EXPECT_EQ(pairs.at(0).at("From_Account").as_string(), "carol");
}

}  // namespace
}  // namespace timock::testing::chatsdk
