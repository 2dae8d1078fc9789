// recentcontact get_list / delete / mark_contact called directly (reference/rest-api.md §3.6, §3.8), and the
// conversation list every message path keeps (store::ConversationRepository), which the WebIM client's
// recentcontact/get reads too.
#include "rest_c2c_fixture.hpp"
#include "store/conversation_repository.hpp"
#include "store/inbox_repository.hpp"

namespace timock::api::testing {
namespace {

class Contacts : public C2cHandlers {
 protected:
  void pin(const std::string& owner, const std::string& peer, bool pinned = true) {
    auto locked = store.lock();
    store::ConversationRepository(locked.db(), app->sdkappid).set_pinned(owner, peer, pinned);
  }
  std::vector<std::string> webim_list(const std::string& owner) {
    auto locked = store.lock();
    std::vector<std::string> out;
    for (const auto& c : store::InboxRepository(locked.db(), app->sdkappid, owner).conversations(100))
      out.push_back(c.peer + ":" + std::to_string(c.unread));
    return out;
  }
};

TEST_F(Contacts, GetListListsConversationsNewestFirstWithTheDocumentedFields) {
  import({"id1", "id2", "id4"});
  ASSERT_EQ(send("id2", "id1", 1, 1).code, 0);
  clock.set_now(kNow + 3, true);
  ASSERT_EQ(send("id1", "id4", 2, 2).code, 0);
  const auto list = contacts("id1");
  EXPECT_EQ(list,
            json::parse(R"({"SessionItem":[{"Type":1,"To_Account":"id4","MsgTime":1700000003,"TopFlag":0},
      {"Type":1,"To_Account":"id2","MsgTime":1700000000,"TopFlag":0}],"CompleteFlag":1,"TimeStamp":1700000003,
      "StartIndex":0,"TopTimeStamp":1700000003,"TopStartIndex":0})"));
  EXPECT_EQ(peers_of(contacts("id4")), std::vector<std::string>{"id1"});
  // SyncOtherMachine 2 leaves no conversation on the sender's side.
  ASSERT_EQ(send("id2", "id4", 3, 3, {{"SyncOtherMachine", 2}}).code, 0);
  EXPECT_EQ(peers_of(contacts("id2")), std::vector<std::string>{"id1"});
}

TEST_F(Contacts, GetListPagesOf100WithTimeStampAndStartIndexAcrossTies) {
  import({"owner"});
  json::array targets;
  for (int i = 0; i < 150; ++i) targets.emplace_back("p" + std::to_string(1000 + i));
  ASSERT_EQ(call("im_open_login_svc/multiaccount_import",
                 json::object{{"Accounts", json::array(targets.begin(), targets.begin() + 100)}})
                .code,
            0);
  ASSERT_EQ(call("im_open_login_svc/multiaccount_import",
                 json::object{{"Accounts", json::array(targets.begin() + 100, targets.end())}})
                .code,
            0);
  // 150 conversations sharing one MsgTime: only StartIndex tells the pages apart.
  ASSERT_EQ(
      call("openim/batchsendmsg",
           json::object{
               {"From_Account", "owner"}, {"To_Account", targets}, {"MsgRandom", 1}, {"MsgBody", text("hi")}})
          .code,
      0);
  const auto first = contacts("owner");
  EXPECT_EQ(first.at("SessionItem").as_array().size(), 100u);
  EXPECT_EQ(first.at("CompleteFlag").as_int64(), 0);
  EXPECT_EQ(first.at("TimeStamp").as_int64(), kNow);
  EXPECT_EQ(first.at("StartIndex").as_int64(), 100);
  const auto second = contacts("owner", 7, kNow, 100, first.at("TopTimeStamp").as_int64(),
                               first.at("TopStartIndex").as_int64());
  EXPECT_EQ(second.at("SessionItem").as_array().size(), 50u);
  EXPECT_EQ(second.at("CompleteFlag").as_int64(), 1);
  std::set<std::string> seen;
  for (const auto& page : {first, second})
    for (const auto& peer : peers_of(page)) seen.insert(peer);
  EXPECT_EQ(seen.size(), 150u);
}

TEST_F(Contacts, PinnedConversationsComeFirstWithTopFlagOnlyWhenAssistFlagsSupportsIt) {
  import({"me", "a", "b", "c"});
  ASSERT_EQ(send("a", "me", 1, 1).code, 0);
  clock.set_now(kNow + 1, true);
  ASSERT_EQ(send("b", "me", 2, 2).code, 0);
  clock.set_now(kNow + 2, true);
  ASSERT_EQ(send("c", "me", 3, 3).code, 0);
  pin("me", "a");
  const auto with_pins = contacts("me", 1);
  EXPECT_EQ(peers_of(with_pins), (std::vector<std::string>{"a", "c", "b"}));
  EXPECT_EQ(with_pins.at("SessionItem").at(0).at("TopFlag").as_int64(), 1);
  EXPECT_EQ(with_pins.at("SessionItem").at(1).at("TopFlag").as_int64(), 0);
  const auto without = contacts("me", 0);
  EXPECT_EQ(peers_of(without), (std::vector<std::string>{"c", "b", "a"}));
  for (const auto& item : without.at("SessionItem").as_array()) EXPECT_EQ(item.at("TopFlag").as_int64(), 0);
  // A later page of the other conversations does not repeat the pinned ones (without pinned paging).
  EXPECT_EQ(peers_of(contacts("me", 1, kNow + 2, 1)), std::vector<std::string>{"b"});
}

TEST_F(Contacts, PinnedPagingWalksThePinnedConversationsFirstThenTheOthersWithoutRepeats) {
  import({"me"});
  json::array targets;
  for (int i = 0; i < 125; ++i) targets.emplace_back("p" + std::to_string(1000 + i));
  for (int at = 0; at < 125; at += 100)
    ASSERT_EQ(call("im_open_login_svc/multiaccount_import",
                   json::object{{"Accounts", json::array(targets.begin() + at,
                                                         targets.begin() + std::min(at + 100, 125))}})
                  .code,
              0);
  ASSERT_EQ(
      call("openim/batchsendmsg",
           json::object{
               {"From_Account", "me"}, {"To_Account", targets}, {"MsgRandom", 1}, {"MsgBody", text("x")}})
          .code,
      0);
  for (int i = 0; i < 120; ++i) pin("me", std::string(targets[i].as_string()));
  std::multiset<std::string> seen;
  std::size_t pinned_seen = 0;
  auto page = contacts("me", 7);
  for (int guard = 0; guard < 5; ++guard) {
    for (const auto& item : page.at("SessionItem").as_array()) {
      seen.emplace(item.at("To_Account").as_string());
      pinned_seen += item.at("TopFlag").as_int64() == 1;
    }
    if (page.at("CompleteFlag").as_int64() == 1) break;
    page = contacts("me", 7, page.at("TimeStamp").as_int64(), page.at("StartIndex").as_int64(),
                    page.at("TopTimeStamp").as_int64(), page.at("TopStartIndex").as_int64());
  }
  EXPECT_EQ(page.at("CompleteFlag").as_int64(), 1);
  EXPECT_EQ(seen.size(), 125u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 125u) << "no conversation twice";
  EXPECT_EQ(pinned_seen, 120u);
}

TEST_F(Contacts, EmptyConversationsAreListedOnlyWithAssistFlagsBit1) {
  import({"me", "a"});
  pin("me", "a");  // a conversation without a message
  EXPECT_TRUE(peers_of(contacts("me", 1)).empty());
  const auto list = contacts("me", 3);
  EXPECT_EQ(peers_of(list), std::vector<std::string>{"a"});
  EXPECT_EQ(list.at("SessionItem").at(0).at("MsgTime").as_int64(), 0);
}

TEST_F(Contacts, DeleteHidesTheConversationUntilTheNextMessageAndKeepsTheHistory) {
  import({"me", "a"});
  ASSERT_EQ(send("a", "me", 1, 1).code, 0);
  ASSERT_EQ(call("recentcontact/delete", R"({"From_Account":"me","Type":1,"To_Account":"a"})").code, 0);
  EXPECT_TRUE(peers_of(contacts("me")).empty());
  EXPECT_TRUE(webim_list("me").empty());
  EXPECT_EQ(roam("me", "a").size(), 1u);
  EXPECT_EQ(peers_of(contacts("a")), std::vector<std::string>{"me"}) << "the peer's list is its own";
  clock.set_now(kNow + 1, true);
  ASSERT_EQ(send("a", "me", 2, 2).code, 0);
  EXPECT_EQ(peers_of(contacts("me")), std::vector<std::string>{"a"});
  EXPECT_EQ(webim_list("me"), std::vector<std::string>{"a:2"});
}

TEST_F(Contacts, DeleteWithClearRambleAlsoEmptiesThatUsersRoamingView) {
  import({"me", "a"});
  ASSERT_EQ(send("a", "me", 1, 1).code, 0);
  ASSERT_EQ(send("me", "a", 2, 2).code, 0);
  ASSERT_EQ(
      call("recentcontact/delete", R"({"From_Account":"me","type":1,"To_Account":"a","ClearRamble":1})").code,
      0);
  EXPECT_TRUE(roam("me", "a").empty());
  EXPECT_EQ(roam("a", "me").size(), 2u);
  EXPECT_EQ(unread("me", "a"), 0);
  clock.set_now(kNow + 5, true);
  ASSERT_EQ(send("a", "me", 3, 3).code, 0);
  const auto list = contacts("me");
  EXPECT_EQ(list.at("SessionItem").at(0).at("MsgTime").as_int64(), kNow + 5);
  EXPECT_EQ(roam("me", "a").size(), 1u);
  EXPECT_EQ(unread("me", "a"), 1);
}

TEST_F(Contacts, WebImListAndUnreadAgreeWithRestAfterEveryMessagePath) {
  import({"me", "a", "b", "c"});
  ASSERT_EQ(send("a", "me", 1, 1).code, 0);
  clock.set_now(kNow + 1, true);
  ASSERT_EQ(call("openim/batchsendmsg", R"({"From_Account":"b","To_Account":["me"],"MsgRandom":2,
      "MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"x"}}]})")
                .code,
            0);
  ASSERT_EQ(import_msg(5, "c", "me", 3, 3, kNow + 2).code, 0);
  ASSERT_EQ(import_msg(2, "c", "me", 4, 4, kNow - 100).code, 0);
  ASSERT_EQ(
      call("openim/admin_msgwithdraw", R"({"From_Account":"a","To_Account":"me","MsgKey":"1_1_1700000000"})")
          .code,
      0);
  EXPECT_EQ(peers_of(contacts("me")), (std::vector<std::string>{"c", "b", "a"}));
  EXPECT_EQ(webim_list("me"), (std::vector<std::string>{"c:1", "b:1", "a:0"}));
  EXPECT_EQ(unread_total("me"), 2);
}

TEST_F(Contacts, MarkContactSetsStandardAndCustomMarksShownByGetList) {
  import({"user0", "user1"});
  ASSERT_EQ(send("user1", "user0", 1, 1).code, 0);
  const auto r = call("recentcontact/mark_contact", R"({"From_Account":"user0","MarkItem":[
      {"OptType":3,"ContactItem":{"Type":1,"To_Account":"user1"},"SetMark":[1,2,3],"CustomMark":"abcd"},
      {"OptType":1,"ContactItem":{"Type":1,"To_Account":"ghost"},"SetMark":[0]},
      {"OptType":2,"ContactItem":{"Type":2,"ToGroupId":"@TGS#1"},"CustomMark":"g"}]})");
  ASSERT_EQ(r.code, 0) << r.info;
  EXPECT_EQ(r.fields, json::parse(R"({"ResultItem":[
      {"ContactItem":{"Type":1,"To_Account":"user1"},"ResultCode":0,"ResultInfo":""},
      {"ContactItem":{"Type":1,"To_Account":"ghost"},"ResultCode":50001,
       "ResultInfo":"account does not exist or was not imported"},
      {"ContactItem":{"Type":2,"ToGroupId":"@TGS#1"},"ResultCode":51007,
       "ResultInfo":"failed to convert GroupID to GroupCode"}]})"));
  auto item = contacts("user0").at("SessionItem").at(0).as_object();
  EXPECT_EQ(item.at("StandardMark").as_string(), "1110");
  EXPECT_EQ(item.at("CustomMark").as_string(), "abcd");
  ASSERT_EQ(call("recentcontact/mark_contact", R"({"From_Account":"user0","MarkItem":[
      {"OptType":1,"ContactItem":{"Type":1,"To_Account":"user1"},"ClearMark":[1,3],"CustomMark":"ignored"}]})")
                .code,
            0);
  item = contacts("user0").at("SessionItem").at(0).as_object();
  EXPECT_EQ(item.at("StandardMark").as_string(), "100");
  EXPECT_EQ(item.at("CustomMark").as_string(), "abcd");
}

TEST_F(Contacts, Errors) {
  import({"me"});
  json::array many;
  for (int i = 0; i < 101; ++i)
    many.push_back(json::object{{"OptType", 2}, {"ContactItem", {{"Type", 1}, {"To_Account", "me"}}}});
  const std::tuple<const char*, json::value, int> cases[] = {
      {"recentcontact/get_list",
       json::parse(R"({"TimeStamp":0,"StartIndex":0,"TopTimeStamp":0,"TopStartIndex":0,"AssistFlags":7})"),
       50002},
      {"recentcontact/get_list",
       json::parse(
           R"({"From_Account":"me","StartIndex":0,"TopTimeStamp":0,"TopStartIndex":0,"AssistFlags":7})"),
       50002},
      {"recentcontact/get_list",
       json::parse(
           R"({"From_Account":"me","TimeStamp":0,"StartIndex":0,"TopTimeStamp":0,"TopStartIndex":0})"),
       50002},
      {"recentcontact/get_list",
       json::parse(
           R"({"From_Account":"me","TimeStamp":"0","StartIndex":0,"TopTimeStamp":0,"TopStartIndex":0,"AssistFlags":7})"),
       50002},
      {"recentcontact/get_list",
       json::parse(
           R"({"From_Account":"ghost","TimeStamp":0,"StartIndex":0,"TopTimeStamp":0,"TopStartIndex":0,"AssistFlags":7})"),
       50001},
      {"recentcontact/delete", json::parse(R"({"Type":1,"To_Account":"a"})"), 50002},
      {"recentcontact/delete", json::parse(R"({"From_Account":"me","To_Account":"a"})"), 50002},
      {"recentcontact/delete", json::parse(R"({"From_Account":"me","Type":3,"To_Account":"a"})"), 50002},
      {"recentcontact/delete", json::parse(R"({"From_Account":"me","Type":1})"), 50002},
      {"recentcontact/delete", json::parse(R"({"From_Account":"me","Type":2,"To_Account":"a"})"), 50002},
      {"recentcontact/delete",
       json::parse(R"({"From_Account":"me","Type":1,"To_Account":"a","ClearRamble":"1"})"), 50002},
      {"recentcontact/delete", json::parse(R"({"From_Account":"ghost","Type":1,"To_Account":"a"})"), 50001},
      {"recentcontact/delete", json::parse(R"({"From_Account":"me","Type":2,"ToGroupid":"@TGS#1"})"), 0},
      {"recentcontact/mark_contact", json::parse(R"({"From_Account":"me","MarkItem":[]})"), 51006},
      {"recentcontact/mark_contact", json::object{{"From_Account", "me"}, {"MarkItem", many}}, 51006},
      {"recentcontact/mark_contact", json::parse(R"({"From_Account":"me"})"), 50002},
      {"recentcontact/mark_contact",
       json::parse(
           R"({"From_Account":"me","MarkItem":[{"OptType":4,"ContactItem":{"Type":1,"To_Account":"me"}}]})"),
       50002},
      {"recentcontact/mark_contact",
       json::parse(
           R"({"From_Account":"me","MarkItem":[{"OptType":1,"ContactItem":{"Type":1,"To_Account":"me"},"SetMark":[64]}]})"),
       50002},
      {"recentcontact/mark_contact",
       json::parse(R"({"From_Account":"me","MarkItem":[{"OptType":2,"ContactItem":{"Type":1}}]})"), 50002},
      {"recentcontact/mark_contact",
       json::object{
           {"From_Account", "me"},
           {"MarkItem", json::array{json::object{{"OptType", 2},
                                                 {"ContactItem", {{"Type", 1}, {"To_Account", "me"}}},
                                                 {"CustomMark", std::string(257, 'c')}}}}},
       50002},
      {"recentcontact/mark_contact",
       json::parse(
           R"({"From_Account":"ghost","MarkItem":[{"OptType":2,"ContactItem":{"Type":1,"To_Account":"me"}}]})"),
       50001},
  };
  for (const auto& [path, body, code] : cases)
    EXPECT_EQ(call(path, body.as_object()).code, code) << path << " " << json::serialize(body);
}

}  // namespace
}  // namespace timock::api::testing
