// REST handlers called directly, without a socket (STYLE §1): a store in memory, a frozen clock, and each
// command found through the same table the router uses. Happy paths and error codes of
// reference/rest-api.md §3.1 (account), §3.3 (openim), §3.5 (sns).
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <set>

#include "api/command.hpp"
#include "core/clock.hpp"
#include "store/app_registry.hpp"
#include "store/database.hpp"
#include "store/friend_repository.hpp"
#include "store/profile_repository.hpp"
#include "store/store.hpp"

namespace timock::api {
namespace {

namespace json = boost::json;

constexpr std::int64_t kNow = 1700000000;

struct Result {
  int code = 0;
  std::string info;
  json::object fields;  // as the wire would carry them (numbers read back as int64)
};

class RestHandlers : public ::testing::Test {
 protected:
  store::Store store{":memory:"};
  store::AppRegistry apps{store};
  core::Clock clock;
  CommandTable commands = make_rest_commands();
  std::shared_ptr<const core::App> app;

  void SetUp() override {
    clock.set_now(kNow, true);
    core::App fresh;
    fresh.sdkappid = 1400000042;
    fresh.secret_key = "secret";
    fresh.admin = "administrator";
    fresh.created_at = kNow;
    app = apps.save(fresh);
  }

  Result call(std::string_view path, const json::object& body) {
    const auto slash = path.find('/');
    const Handler* handler = commands.find(path.substr(0, slash), path.substr(slash + 1));
    if (!handler) {
      ADD_FAILURE() << "no handler for " << path;
      return {};
    }
    const CallContext context{*app, app->admin, store, clock};
    const Reply reply = (*handler)(context, body);
    return {core::to_int(reply.code), reply.error_info,
            json::parse(json::serialize(reply.wire_fields())).as_object()};
  }
  Result call(std::string_view path, std::string_view body) {
    return call(path, json::parse(body).as_object());
  }

  void import(std::initializer_list<std::string> ids) {
    json::array accounts;
    for (const auto& id : ids) accounts.emplace_back(id);
    ASSERT_EQ(call("im_open_login_svc/multiaccount_import", json::object{{"Accounts", accounts}}).code, 0);
  }
  void befriend(const std::string& a, const std::string& b, const char* add_type = "Add_Type_Both") {
    const auto r = call(
        "sns/friend_add",
        json::object{{"From_Account", a},
                     {"AddFriendItem",
                      json::array{json::object{{"To_Account", b}, {"AddSource", "AddSource_Type_Test"}}}},
                     {"AddType", add_type},
                     {"ForceAddFlags", 1}});
    ASSERT_EQ(r.code, 0);
    ASSERT_EQ(r.fields.at("ResultItem").at(0).at("ResultCode").as_int64(), 0) << json::serialize(r.fields);
  }
  Result send(const std::string& from, const std::string& to, std::int64_t seq, std::int64_t random,
              const std::string& text = "hi", json::object extra = {}) {
    json::object body{{"From_Account", from},
                      {"To_Account", to},
                      {"MsgSeq", seq},
                      {"MsgRandom", random},
                      {"MsgBody", json::array{json::object{{"MsgType", "TIMTextElem"},
                                                           {"MsgContent", json::object{{"Text", text}}}}}}};
    for (auto& [key, value] : extra) body[key] = value;
    return call("openim/sendmsg", body);
  }
  Result roam(const std::string& op, const std::string& peer, std::int64_t max_cnt, std::int64_t min_time,
              std::int64_t max_time, const std::string& last_key = {}) {
    json::object body{{"Operator_Account", op},
                      {"Peer_Account", peer},
                      {"MaxCnt", max_cnt},
                      {"MinTime", min_time},
                      {"MaxTime", max_time}};
    if (!last_key.empty()) body["LastMsgKey"] = last_key;
    return call("openim/admin_getroammsg", body);
  }
  store::FriendRepository friends(store::Store::Locked& locked) { return {locked.db(), app->sdkappid}; }
};

std::vector<std::string> strings(const json::value& array) {
  std::vector<std::string> out;
  for (const auto& v : array.as_array()) out.emplace_back(v.as_string());
  return out;
}

// ---- im_open_login_svc (§3.1) ----

TEST_F(RestHandlers, AccountImportMakesTheAccountImportedForAccountCheck) {
  EXPECT_EQ(call("im_open_login_svc/account_import", R"({"UserID":"alice","Nick":"Alice"})").code, 0);
  const auto r =
      call("im_open_login_svc/account_check", R"({"CheckItem":[{"UserID":"alice"},{"UserID":"bob"}]})");
  ASSERT_EQ(r.code, 0);
  const auto& items = r.fields.at("ResultItem").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0],
            json::parse(R"({"UserID":"alice","ResultCode":0,"ResultInfo":"","AccountStatus":"Imported"})"));
  EXPECT_EQ(items[1],
            json::parse(R"({"UserID":"bob","ResultCode":0,"ResultInfo":"","AccountStatus":"NotImported"})"));
}

TEST_F(RestHandlers, AccountImportIsIdempotentAndAcceptsTheLegacyIdentifier) {
  EXPECT_EQ(call("im_open_login_svc/account_import", R"({"Identifier":"alice","type":0})").code, 0);
  EXPECT_EQ(call("im_open_login_svc/account_import", R"({"UserID":"alice","Nick":"again"})").code, 0);
  const auto r = call("im_open_login_svc/account_check", R"({"CheckItem":[{"UserID":"alice"}]})");
  EXPECT_EQ(r.fields.at("ResultItem").at(0).at("AccountStatus").as_string(), "Imported");
}

TEST_F(RestHandlers, AccountImportErrors) {
  const std::string long_text(501, 'n');
  const std::pair<json::object, int> cases[] = {
      {{}, 70402},                                                         // no UserID
      {{{"UserID", 7}}, 70402},                                            // not a String
      {{{"UserID", ""}}, 70402},                                           // empty
      {{{"UserID", std::string(33, 'u')}}, 70402},                         // over 32 bytes
      {{{"UserID", "alice"}, {"Nick", 5}}, 70402},                         // Nick not a String
      {{{"UserID", "alice"}, {"Nick", long_text}}, 40601},                 // Nick over 500 bytes
      {{{"UserID", "alice"}, {"FaceUrl", "http://" + long_text}}, 40601},  // FaceUrl over 500 bytes
  };
  for (const auto& [body, code] : cases)
    EXPECT_EQ(call("im_open_login_svc/account_import", body).code, code) << json::serialize(body);
  EXPECT_EQ(call("im_open_login_svc/account_import", json::object{{"UserID", std::string(32, 'u')}}).code, 0);
}

TEST_F(RestHandlers, MultiAccountImportListsOnlyInvalidIdsInFailAccounts) {
  const auto r = call("im_open_login_svc/multiaccount_import",
                      json::object{{"Accounts", json::array{"a1", "", std::string(33, 'x'), "a2"}}});
  ASSERT_EQ(r.code, 0);
  EXPECT_EQ(strings(r.fields.at("FailAccounts")), (std::vector<std::string>{"", std::string(33, 'x')}));
  const auto check =
      call("im_open_login_svc/account_check", R"({"CheckItem":[{"UserID":"a1"},{"UserID":"a2"}]})");
  for (const auto& item : check.fields.at("ResultItem").as_array())
    EXPECT_EQ(item.at("AccountStatus").as_string(), "Imported");
  EXPECT_TRUE(call("im_open_login_svc/multiaccount_import", R"({"Accounts":["a3"]})")
                  .fields.at("FailAccounts")
                  .as_array()
                  .empty());
}

TEST_F(RestHandlers, MultiAccountImportAcceptsTheAccountListFormAndReportsItsBadIds) {
  const auto r =
      call("im_open_login_svc/multiaccount_import",
           json::object{{"AccountList", json::array{json::object{{"UserID", "n1"}, {"Nick", "N"}},
                                                    json::object{{"UserID", std::string(40, 'y')}}}}});
  ASSERT_EQ(r.code, 0);
  EXPECT_EQ(strings(r.fields.at("FailAccounts")), std::vector<std::string>{std::string(40, 'y')});
  EXPECT_EQ(call("im_open_login_svc/account_check", R"({"CheckItem":[{"UserID":"n1"}]})")
                .fields.at("ResultItem")
                .at(0)
                .at("AccountStatus")
                .as_string(),
            "Imported");
}

TEST_F(RestHandlers, MultiAccountImportErrorsReturn70402) {
  json::array too_many;
  for (int i = 0; i < 101; ++i) too_many.emplace_back("u" + std::to_string(i));
  for (const auto& body :
       {json::object{}, json::object{{"Accounts", json::array{}}}, json::object{{"Accounts", "alice"}},
        json::object{{"Accounts", too_many}}, json::object{{"Accounts", json::array{"alice", 42}}},
        json::object{{"AccountList", json::array{json::object{{"Nick", "no id"}}}}}})
    EXPECT_EQ(call("im_open_login_svc/multiaccount_import", body).code, 70402) << json::serialize(body);
}

TEST_F(RestHandlers, AccountCheckErrorsReturn70402) {
  json::array too_many;
  for (int i = 0; i < 101; ++i) too_many.push_back(json::object{{"UserID", "u" + std::to_string(i)}});
  for (const auto& body :
       {json::object{}, json::object{{"CheckItem", json::array{}}}, json::object{{"CheckItem", too_many}},
        json::object{{"CheckItem", json::array{"alice"}}},
        json::object{{"CheckItem", json::array{json::object{{"UserId", "alice"}}}}}})
    EXPECT_EQ(call("im_open_login_svc/account_check", body).code, 70402) << json::serialize(body);
}

TEST_F(RestHandlers, AccountDeleteRemovesAccountsAndReports70107ForUnknownOnes) {
  import({"alice"});
  const auto r =
      call("im_open_login_svc/account_delete", R"({"DeleteItem":[{"UserID":"alice"},{"UserID":"ghost"}]})");
  ASSERT_EQ(r.code, 0);
  EXPECT_EQ(r.fields.at("ResultItem"), json::parse(R"([{"ResultCode":0,"ResultInfo":"","UserID":"alice"},
      {"ResultCode":70107,"ResultInfo":"Err_TLS_PT_Open_Login_Account_Not_Exist","UserID":"ghost"}])"));
  EXPECT_EQ(call("im_open_login_svc/account_check", R"({"CheckItem":[{"UserID":"alice"}]})")
                .fields.at("ResultItem")
                .at(0)
                .at("AccountStatus")
                .as_string(),
            "NotImported");
  EXPECT_EQ(call("im_open_login_svc/account_delete", R"({"DeleteItem":[]})").code, 70402);
  EXPECT_EQ(call("im_open_login_svc/account_delete", R"({})").code, 70402);
}

TEST_F(RestHandlers, AccountDeleteTakesTheRelationChainAndMovesFriendsSequences) {
  import({"alice", "bob"});
  befriend("alice", "bob");
  const auto before = call("sns/friend_get", R"({"From_Account":"bob","StartIndex":0})");
  ASSERT_EQ(before.fields.at("FriendNum").as_int64(), 1);
  ASSERT_EQ(call("im_open_login_svc/account_delete", R"({"DeleteItem":[{"UserID":"alice"}]})").code, 0);
  const auto after = call("sns/friend_get", R"({"From_Account":"bob","StartIndex":0})");
  EXPECT_EQ(after.fields.at("FriendNum").as_int64(), 0);
  EXPECT_GT(after.fields.at("StandardSequence").as_int64(), before.fields.at("StandardSequence").as_int64());
  // Imported again, alice starts with no friends.
  import({"alice"});
  EXPECT_EQ(
      call("sns/friend_get", R"({"From_Account":"alice","StartIndex":0})").fields.at("FriendNum").as_int64(),
      0);
}

// ---- sns (§3.5) ----

TEST_F(RestHandlers, FriendAddForcedBothMakesTwoWayFriends) {
  import({"alice", "bob"});
  const auto r = call("sns/friend_add", R"({"From_Account":"alice","ForceAddFlags":1,
      "AddFriendItem":[{"To_Account":"bob","AddSource":"AddSource_Type_Web","Remark":"B","GroupName":"G"}]})");
  ASSERT_EQ(r.code, 0);
  EXPECT_EQ(r.fields.at("ResultItem"),
            json::parse(R"([{"To_Account":"bob","ResultCode":0,"ResultInfo":""}])"));
  EXPECT_FALSE(r.fields.contains("Fail_Account"));
  const auto check =
      call("sns/friend_check",
           R"({"From_Account":"alice","To_Account":["bob"],"CheckType":"CheckResult_Type_Both"})");
  EXPECT_EQ(check.fields.at("InfoItem").at(0).at("Relation").as_string(), "CheckResult_Type_BothWay");
}

TEST_F(RestHandlers, FriendAddSingleAddsOneDirection) {
  import({"alice", "bob"});
  befriend("alice", "bob", "Add_Type_Single");
  const auto check =
      call("sns/friend_check",
           R"({"From_Account":"bob","To_Account":["alice"],"CheckType":"CheckResult_Type_Both"})");
  EXPECT_EQ(check.fields.at("InfoItem").at(0).at("Relation").as_string(), "CheckResult_Type_BWithA");
  // Adding back "both" completes the other direction.
  befriend("bob", "alice");
  const auto again =
      call("sns/friend_check",
           R"({"From_Account":"bob","To_Account":["alice"],"CheckType":"CheckResult_Type_Both"})");
  EXPECT_EQ(again.fields.at("InfoItem").at(0).at("Relation").as_string(), "CheckResult_Type_BothWay");
}

TEST_F(RestHandlers, FriendAddPerItemCodesAndFailAccount) {
  import({"alice", "bob", "carol", "dave", "erin", "frank"});
  befriend("alice", "bob");
  {
    auto locked = store.lock();
    store::ProfileRepository profiles(locked.db(), app->sdkappid);
    profiles.set_tag("dave", "Tag_Profile_IM_AllowType", R"("AllowType_Type_DenyAny")");
    profiles.set_tag("frank", "Tag_Profile_IM_AllowType", R"("AllowType_Type_AllowAny")");
    friends(locked).block("alice", "erin", kNow);
  }
  const auto r = call("sns/friend_add", R"({"From_Account":"alice","AddFriendItem":[
      {"To_Account":"bob","AddSource":"AddSource_Type_Web"},
      {"To_Account":"carol","AddSource":"AddSource_Type_Web"},
      {"To_Account":"dave","AddSource":"AddSource_Type_Web"},
      {"To_Account":"erin","AddSource":"AddSource_Type_Web"},
      {"To_Account":"ghost","AddSource":"AddSource_Type_Web"},
      {"To_Account":"alice","AddSource":"AddSource_Type_Web"},
      {"To_Account":"frank","AddSource":"Web"},
      {"To_Account":"frank","AddSource":"AddSource_Type_Web","Remark":7},
      {"To_Account":"frank","AddSource":"AddSource_Type_Web"}]})");
  ASSERT_EQ(r.code, 0) << r.info;
  const auto& items = r.fields.at("ResultItem").as_array();
  const std::pair<const char*, int> expected[] = {{"bob", 30001},   {"carol", 30539}, {"dave", 30516},
                                                  {"erin", 30515},  {"ghost", 30003}, {"alice", 30001},
                                                  {"frank", 30001}, {"frank", 30001}, {"frank", 0}};
  ASSERT_EQ(items.size(), std::size(expected));
  for (std::size_t i = 0; i < items.size(); ++i) {
    EXPECT_EQ(items[i].at("To_Account").as_string(), expected[i].first) << i;
    EXPECT_EQ(items[i].at("ResultCode").as_int64(), expected[i].second) << i;
    EXPECT_EQ(items[i].at("ResultInfo").as_string().empty(), expected[i].second == 0) << i;
  }
  EXPECT_EQ(items[0].at("ResultInfo").as_string(), "Err_SNS_FriendAdd_Friend_Exist");
  EXPECT_EQ(items[2].at("ResultInfo").as_string(), "Err_SNS_FriendAdd_Friend_Allow_Type_Forbid");
  EXPECT_EQ(strings(r.fields.at("Fail_Account")),
            (std::vector<std::string>{"bob", "carol", "dave", "erin", "ghost", "alice", "frank", "frank"}));
}

TEST_F(RestHandlers, FriendAddByAnAccountInThePeersBlacklistReturnsItem30525) {
  import({"alice", "bob"});
  {
    auto locked = store.lock();
    friends(locked).block("bob", "alice", kNow);
  }
  const auto r = call("sns/friend_add", R"({"From_Account":"alice","ForceAddFlags":1,
      "AddFriendItem":[{"To_Account":"bob","AddSource":"AddSource_Type_Web"}]})");
  EXPECT_EQ(r.fields.at("ResultItem").at(0).at("ResultCode").as_int64(), 30525);
}

TEST_F(RestHandlers, FriendAddRequestErrors) {
  import({"alice"});
  const std::pair<const char*, int> cases[] = {
      {R"({"AddFriendItem":[{"To_Account":"b","AddSource":"AddSource_Type_W"}]})", 30001},
      {R"({"From_Account":1,"AddFriendItem":[{"To_Account":"b","AddSource":"AddSource_Type_W"}]})", 30001},
      {R"({"From_Account":"alice"})", 30001},
      {R"({"From_Account":"alice","AddFriendItem":[]})", 30001},
      {R"({"From_Account":"alice","AddFriendItem":{}})", 30001},
      {R"({"From_Account":"alice","AddFriendItem":[{"To_Account":"b","AddSource":"AddSource_Type_W"}],
           "AddType":"Add_Type_Triple"})",
       30001},
      {R"({"From_Account":"alice","AddFriendItem":[{"To_Account":"b","AddSource":"AddSource_Type_W"}],
           "ForceAddFlags":"1"})",
       30001},
      {R"({"From_Account":"ghost","AddFriendItem":[{"To_Account":"alice","AddSource":"AddSource_Type_W"}]})",
       30003},
  };
  for (const auto& [body, code] : cases) EXPECT_EQ(call("sns/friend_add", body).code, code) << body;
}

TEST_F(RestHandlers, FriendAddStopsAt3000FriendsOnEitherSide) {
  json::array ids;
  for (int i = 0; i < 3001; ++i) ids.emplace_back("f" + std::to_string(i));
  for (std::size_t i = 0; i < ids.size(); i += 100) {
    json::array chunk(ids.begin() + i, ids.begin() + std::min(ids.size(), i + 100));
    ASSERT_EQ(call("im_open_login_svc/multiaccount_import", json::object{{"Accounts", chunk}}).code, 0);
  }
  import({"alice", "bob"});
  auto add_many = [&](const std::string& from, std::size_t begin, std::size_t end) {
    json::array items;
    for (std::size_t i = begin; i < end; ++i)
      items.push_back(json::object{{"To_Account", ids[i]}, {"AddSource", "AddSource_Type_Bulk"}});
    return call("sns/friend_add", json::object{{"From_Account", from},
                                               {"AddFriendItem", items},
                                               {"AddType", "Add_Type_Single"},
                                               {"ForceAddFlags", 1}});
  };
  for (std::size_t i = 0; i < 3000; i += 1000) {
    const auto r = add_many("alice", i, i + 1000);
    ASSERT_EQ(r.code, 0);
    ASSERT_FALSE(r.fields.contains("Fail_Account"));
  }
  const auto full = add_many("alice", 3000, 3001);
  EXPECT_EQ(full.fields.at("ResultItem").at(0).at("ResultCode").as_int64(), 30010);
  // bob may not add alice both ways: alice's list is full.
  const auto peer_full = call("sns/friend_add", R"({"From_Account":"bob","ForceAddFlags":1,
      "AddFriendItem":[{"To_Account":"alice","AddSource":"AddSource_Type_Web"}]})");
  EXPECT_EQ(peer_full.fields.at("ResultItem").at(0).at("ResultCode").as_int64(), 30014);
}

TEST_F(RestHandlers, FriendAddIntoA33rdGroupReturnsItem30011) {
  json::array ids;
  json::array items;
  for (int i = 0; i < 34; ++i) {
    ids.emplace_back("g" + std::to_string(i));
    items.push_back(json::object{{"To_Account", ids.back()},
                                 {"AddSource", "AddSource_Type_Web"},
                                 {"GroupName", "group" + std::to_string(i < 33 ? i : 0)}});
  }
  ASSERT_EQ(call("im_open_login_svc/multiaccount_import", json::object{{"Accounts", ids}}).code, 0);
  import({"alice"});
  const auto r =
      call("sns/friend_add",
           json::object{{"From_Account", "alice"}, {"AddFriendItem", items}, {"ForceAddFlags", 1}});
  ASSERT_EQ(r.code, 0);
  const auto& results = r.fields.at("ResultItem").as_array();
  for (int i = 0; i < 32; ++i) EXPECT_EQ(results[i].at("ResultCode").as_int64(), 0) << i;
  EXPECT_EQ(results[32].at("ResultCode").as_int64(), 30011);
  EXPECT_EQ(results[33].at("ResultCode").as_int64(), 0) << "an existing group takes more friends";
  EXPECT_EQ(strings(r.fields.at("Fail_Account")), std::vector<std::string>{"g32"});
}

TEST_F(RestHandlers, FriendGetListsStandardTagsOfEachFriend) {
  import({"alice", "bob"});
  ASSERT_EQ(call("sns/friend_add", R"({"From_Account":"alice","ForceAddFlags":1,"AddType":"Add_Type_Single",
      "AddFriendItem":[{"To_Account":"bob","AddSource":"AddSource_Type_Android","Remark":"Bobby",
                        "GroupName":"Work","AddWording":"hello"}]})")
                .code,
            0);
  const auto r = call("sns/friend_get", R"({"From_Account":"alice","StartIndex":0})");
  ASSERT_EQ(r.code, 0);
  EXPECT_EQ(r.fields.at("UserDataItem"), json::parse(R"([{"To_Account":"bob","ValueItem":[
      {"Tag":"Tag_SNS_IM_AddSource","Value":"AddSource_Type_Android"},
      {"Tag":"Tag_SNS_IM_Remark","Value":"Bobby"},
      {"Tag":"Tag_SNS_IM_Group","Value":["Work"]},
      {"Tag":"Tag_SNS_IM_AddWording","Value":"hello"},
      {"Tag":"Tag_SNS_IM_AddTime","Value":1700000000}]}])"));
  EXPECT_EQ(r.fields.at("FriendNum").as_int64(), 1);
  EXPECT_EQ(r.fields.at("CompleteFlag").as_int64(), 1);
  EXPECT_EQ(r.fields.at("NextStartIndex").as_int64(), 0);
  const auto sequence = r.fields.at("StandardSequence").as_int64();
  EXPECT_GT(sequence, 0);
  // A caller holding the current StandardSequence gets the friends without their standard tags.
  const auto cached =
      call("sns/friend_get",
           json::object{{"From_Account", "alice"}, {"StartIndex", 0}, {"StandardSequence", sequence}});
  EXPECT_TRUE(cached.fields.at("UserDataItem").at(0).at("ValueItem").as_array().empty());
}

TEST_F(RestHandlers, FriendGetPagesAHundredAtATime) {
  json::array ids;
  for (int i = 0; i < 250; ++i) ids.emplace_back("p" + std::to_string(1000 + i));
  for (std::size_t i = 0; i < ids.size(); i += 100) {
    json::array chunk(ids.begin() + i, ids.begin() + std::min(ids.size(), i + 100));
    ASSERT_EQ(call("im_open_login_svc/multiaccount_import", json::object{{"Accounts", chunk}}).code, 0);
  }
  import({"alice"});
  json::array items;
  for (const auto& id : ids)
    items.push_back(json::object{{"To_Account", id}, {"AddSource", "AddSource_Type_B"}});
  ASSERT_EQ(call("sns/friend_add",
                 json::object{{"From_Account", "alice"}, {"AddFriendItem", items}, {"ForceAddFlags", 1}})
                .code,
            0);
  std::set<std::string> seen;
  std::int64_t start = 0;
  const std::pair<std::int64_t, std::int64_t> pages[] = {{100, 100}, {100, 200}, {50, 0}};  // size, next
  for (std::size_t page = 0; page < std::size(pages); ++page) {
    const auto r = call("sns/friend_get", json::object{{"From_Account", "alice"}, {"StartIndex", start}});
    ASSERT_EQ(r.code, 0);
    EXPECT_EQ(r.fields.at("FriendNum").as_int64(), 250);
    EXPECT_EQ(static_cast<std::int64_t>(r.fields.at("UserDataItem").as_array().size()), pages[page].first);
    EXPECT_EQ(r.fields.at("NextStartIndex").as_int64(), pages[page].second);
    EXPECT_EQ(r.fields.at("CompleteFlag").as_int64(), page + 1 == std::size(pages) ? 1 : 0);
    for (const auto& item : r.fields.at("UserDataItem").as_array())
      EXPECT_TRUE(seen.insert(std::string(item.at("To_Account").as_string())).second);
    start = r.fields.at("NextStartIndex").as_int64();
  }
  EXPECT_EQ(seen.size(), 250u);
}

TEST_F(RestHandlers, FriendGetErrors) {
  import({"alice"});
  EXPECT_EQ(call("sns/friend_get", R"({"StartIndex":0})").code, 30001);
  EXPECT_EQ(call("sns/friend_get", R"({"From_Account":"alice"})").code, 30001);
  EXPECT_EQ(call("sns/friend_get", R"({"From_Account":"alice","StartIndex":"0"})").code, 30001);
  EXPECT_EQ(call("sns/friend_get", R"({"From_Account":"alice","StartIndex":-1})").code, 30001);
  EXPECT_EQ(call("sns/friend_get", R"({"From_Account":"ghost","StartIndex":0})").code, 30003);
}

TEST_F(RestHandlers, FriendCheckRelationsForSingleAndBoth) {
  import({"alice", "bob", "carol", "dave"});
  befriend("alice", "bob");
  befriend("alice", "carol", "Add_Type_Single");
  befriend("dave", "alice", "Add_Type_Single");
  const auto both =
      call("sns/friend_check", R"({"From_Account":"alice","To_Account":["bob","carol","dave","alice"],
      "CheckType":"CheckResult_Type_Both"})");
  ASSERT_EQ(both.code, 0);
  EXPECT_EQ(both.fields.at("InfoItem"), json::parse(R"([
      {"To_Account":"bob","Relation":"CheckResult_Type_BothWay","ResultCode":0,"ResultInfo":""},
      {"To_Account":"carol","Relation":"CheckResult_Type_AWithB","ResultCode":0,"ResultInfo":""},
      {"To_Account":"dave","Relation":"CheckResult_Type_BWithA","ResultCode":0,"ResultInfo":""},
      {"To_Account":"alice","Relation":"CheckResult_Type_NoRelation","ResultCode":0,"ResultInfo":""}])"));
  EXPECT_FALSE(both.fields.contains("Fail_Account"));
  const auto single = call("sns/friend_check", R"({"From_Account":"alice","To_Account":["bob","carol","dave"],
      "CheckType":"CheckResult_Type_Single"})");
  std::vector<std::string> relations;
  for (const auto& item : single.fields.at("InfoItem").as_array())
    relations.emplace_back(item.at("Relation").as_string());
  EXPECT_EQ(relations, (std::vector<std::string>{"CheckResult_Type_AWithB", "CheckResult_Type_AWithB",
                                                 "CheckResult_Type_NoRelation"}));
}

TEST_F(RestHandlers, FriendCheckOfAnUnimportedAccountFailsThatItem) {
  import({"alice"});
  const auto r =
      call("sns/friend_check",
           R"({"From_Account":"alice","To_Account":["ghost"],"CheckType":"CheckResult_Type_Single"})");
  ASSERT_EQ(r.code, 0);
  EXPECT_EQ(r.fields.at("InfoItem").at(0).at("ResultCode").as_int64(), 30003);
  EXPECT_EQ(strings(r.fields.at("Fail_Account")), std::vector<std::string>{"ghost"});
}

TEST_F(RestHandlers, FriendCheckErrors) {
  import({"alice"});
  json::array too_many;
  for (int i = 0; i < 1001; ++i) too_many.emplace_back("x");
  const std::pair<json::object, int> cases[] = {
      {{{"To_Account", json::array{"b"}}, {"CheckType", "CheckResult_Type_Both"}}, 30001},
      {{{"From_Account", "alice"}, {"CheckType", "CheckResult_Type_Both"}}, 30001},
      {{{"From_Account", "alice"}, {"To_Account", json::array{}}, {"CheckType", "CheckResult_Type_Both"}},
       30001},
      {{{"From_Account", "alice"}, {"To_Account", too_many}, {"CheckType", "CheckResult_Type_Both"}}, 30001},
      {{{"From_Account", "alice"}, {"To_Account", json::array{"b"}}}, 30001},
      {{{"From_Account", "alice"}, {"To_Account", json::array{"b"}}, {"CheckType", "Both"}}, 30001},
      {{{"From_Account", "alice"}, {"To_Account", json::array{1}}, {"CheckType", "CheckResult_Type_Both"}},
       30001},
      {{{"From_Account", "ghost"}, {"To_Account", json::array{"b"}}, {"CheckType", "CheckResult_Type_Both"}},
       30003},
  };
  for (const auto& [body, code] : cases)
    EXPECT_EQ(call("sns/friend_check", body).code, code) << json::serialize(body);
}

// ---- openim (§3.3, §6) ----

TEST_F(RestHandlers, SendMsgReturnsMsgTimeAndMsgKeyOfSeqRandomTime) {
  import({"alice", "bob"});
  const auto r = send("alice", "bob", 549396494, 2578554);
  ASSERT_EQ(r.code, 0) << r.info;
  EXPECT_EQ(r.fields.at("MsgTime").as_int64(), kNow);
  EXPECT_EQ(r.fields.at("MsgKey").as_string(), "549396494_2578554_1700000000");
}

TEST_F(RestHandlers, SendMsgWithoutMsgSeqFillsAUint32) {
  import({"alice", "bob"});
  const auto r = call("openim/sendmsg", R"({"From_Account":"alice","To_Account":"bob","MsgRandom":9,
      "MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"x"}}]})");
  ASSERT_EQ(r.code, 0);
  const std::string key(r.fields.at("MsgKey").as_string());
  ASSERT_TRUE(key.ends_with("_9_1700000000")) << key;
  const auto seq = std::stoll(key.substr(0, key.find('_')));
  EXPECT_GE(seq, 0);
  EXPECT_LE(seq, 0xFFFFFFFFll);
}

TEST_F(RestHandlers, SendMsgWithoutFromAccountSendsAsTheAdmin) {
  import({"bob"});
  ASSERT_EQ(call("openim/sendmsg", R"({"To_Account":"bob","MsgRandom":1,"MsgSeq":1,
      "MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"x"}}]})")
                .code,
            0);
  const auto r = roam("bob", "administrator", 10, 0, kNow);
  ASSERT_EQ(r.fields.at("MsgCnt").as_int64(), 1);
  EXPECT_EQ(r.fields.at("MsgList").at(0).at("From_Account").as_string(), "administrator");
}

TEST_F(RestHandlers, SendMsgErrors) {
  import({"alice", "bob"});
  const std::string text = R"({"MsgType":"TIMTextElem","MsgContent":{"Text":"x"}})";
  const auto body = [&](const std::string& fields) { return "{" + fields + "}"; };
  const std::string ok_body = R"("MsgBody":[)" + text + "]";
  const std::pair<std::string, int> cases[] = {
      {body(R"("From_Account":"alice","MsgRandom":1,)" + ok_body), 90003},
      {body(R"("From_Account":"alice","To_Account":["bob"],"MsgRandom":1,)" + ok_body), 90003},
      {body(R"("From_Account":"alice","To_Account":"bob",)" + ok_body), 90005},
      {body(R"("From_Account":"alice","To_Account":"bob","MsgRandom":"1",)" + ok_body), 90005},
      {body(R"("From_Account":"alice","To_Account":"bob","MsgRandom":-1,)" + ok_body), 90005},
      {body(R"("From_Account":"alice","To_Account":"bob","MsgRandom":4294967296,)" + ok_body), 90005},
      {body(R"("From_Account":"alice","To_Account":"bob","MsgRandom":1,"MsgSeq":-1,)" + ok_body), 90004},
      {body(R"("From_Account":"alice","To_Account":"bob","MsgRandom":1)"), 90007},
      {body(R"("From_Account":"alice","To_Account":"bob","MsgRandom":1,"MsgBody":)" + text), 90007},
      {body(R"("From_Account":"alice","To_Account":"bob","MsgRandom":1,"MsgBody":[])"), 90002},
      {body(
           R"("From_Account":"alice","To_Account":"bob","MsgRandom":1,"MsgBody":[{"MsgType":"TIMNopeElem","MsgContent":{}}])"),
       90002},
      {body(R"("From_Account":"alice","To_Account":"bob","MsgRandom":1,"MsgBody":[{"MsgType":"TIMRelayElem",)"
            R"("MsgContent":{"Title":"t","MsgNum":1}}])"),
       90002},
      {body(R"("From_Account":7,"To_Account":"bob","MsgRandom":1,)" + ok_body), 90008},
      {body(R"("From_Account":"","To_Account":"bob","MsgRandom":1,)" + ok_body), 90008},
      {body(R"("From_Account":"alice","To_Account":"bob","MsgRandom":1,"SyncOtherMachine":"1",)" + ok_body),
       90031},
      {body(R"("From_Account":"alice","To_Account":"bob","MsgRandom":1,"MsgLifeTime":"60",)" + ok_body),
       90044},
      {body(R"("From_Account":"alice","To_Account":"bob","MsgRandom":1,"MsgLifeTime":-1,)" + ok_body), 90026},
      {body(R"("From_Account":"alice","To_Account":"bob","MsgRandom":1,"CloudCustomData":{},)" + ok_body),
       90010},
      {body(R"("From_Account":"alice","To_Account":"ghost","MsgRandom":1,)" + ok_body), 20003},
      {body(R"("From_Account":"ghost","To_Account":"bob","MsgRandom":1,)" + ok_body), 20003},
  };
  for (const auto& [request, code] : cases) EXPECT_EQ(call("openim/sendmsg", request).code, code) << request;
}

TEST_F(RestHandlers, SendMsgOver12KbReturns93000) {
  import({"alice", "bob"});
  EXPECT_EQ(send("alice", "bob", 1, 1, std::string(12 * 1024, 'a')).code, 93000);
  EXPECT_EQ(send("alice", "bob", 1, 1, std::string(11 * 1024, 'a')).code, 0);
  EXPECT_EQ(send("alice", "bob", 2, 2, std::string(8 * 1024, 'a'),
                 {{"CloudCustomData", std::string(5 * 1024, 'c')}})
                .code,
            93000)
      << "CloudCustomData counts toward the message size";
}

TEST_F(RestHandlers, SendMsgRepeatedInTheSameSecondIsStoredOnce) {
  import({"alice", "bob"});
  ASSERT_EQ(send("alice", "bob", 5, 6).code, 0);
  ASSERT_EQ(send("alice", "bob", 5, 6).code, 0);
  EXPECT_EQ(roam("bob", "alice", 10, 0, kNow).fields.at("MsgCnt").as_int64(), 1);
  // The same key the other way is another message.
  ASSERT_EQ(send("bob", "alice", 5, 6).code, 0);
  EXPECT_EQ(roam("bob", "alice", 10, 0, kNow).fields.at("MsgCnt").as_int64(), 2);
}

TEST_F(RestHandlers, SyncOtherMachine2HidesTheMessageFromTheSenderOnly) {
  import({"alice", "bob"});
  ASSERT_EQ(send("alice", "bob", 1, 1, "kept", {{"SyncOtherMachine", 1}}).code, 0);
  ASSERT_EQ(send("alice", "bob", 2, 2, "hidden", {{"SyncOtherMachine", 2}}).code, 0);
  EXPECT_EQ(roam("alice", "bob", 10, 0, kNow).fields.at("MsgCnt").as_int64(), 1);
  EXPECT_EQ(roam("bob", "alice", 10, 0, kNow).fields.at("MsgCnt").as_int64(), 2);
}

TEST_F(RestHandlers, GetRoamMsgListsNewestFirstWithEveryField) {
  import({"alice", "bob"});
  ASSERT_EQ(send("alice", "bob", 11, 21, "first", {{"CloudCustomData", "ccd"}}).code, 0);
  clock.set_now(kNow + 5, true);
  ASSERT_EQ(send("bob", "alice", 12, 22, "second").code, 0);
  const auto r = roam("alice", "bob", 10, kNow, kNow + 5);
  ASSERT_EQ(r.code, 0);
  EXPECT_EQ(r.fields.at("Complete").as_int64(), 1);
  EXPECT_EQ(r.fields.at("MsgCnt").as_int64(), 2);
  EXPECT_EQ(r.fields.at("LastMsgTime").as_int64(), kNow);
  EXPECT_EQ(r.fields.at("LastMsgKey").as_string(), "11_21_1700000000");
  EXPECT_EQ(r.fields.at("MsgList"), json::parse(R"([
      {"From_Account":"bob","To_Account":"alice","MsgSeq":12,"MsgRandom":22,"MsgTimeStamp":1700000005,
       "MsgFlagBits":0,"IsPeerRead":0,"MsgKey":"12_22_1700000005",
       "MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"second"}}]},
      {"From_Account":"alice","To_Account":"bob","MsgSeq":11,"MsgRandom":21,"MsgTimeStamp":1700000000,
       "MsgFlagBits":0,"IsPeerRead":0,"MsgKey":"11_21_1700000000",
       "MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"first"}}],"CloudCustomData":"ccd"}])"));
}

TEST_F(RestHandlers, GetRoamMsgOrdersOneSecondByMsgSeq) {
  import({"alice", "bob"});
  ASSERT_EQ(send("alice", "bob", 50, 1).code, 0);
  ASSERT_EQ(send("bob", "alice", 30, 1).code, 0);
  ASSERT_EQ(send("alice", "bob", 40, 1).code, 0);
  const auto r = roam("alice", "bob", 10, kNow, kNow);
  std::vector<std::int64_t> seqs;
  for (const auto& m : r.fields.at("MsgList").as_array()) seqs.push_back(m.at("MsgSeq").as_int64());
  EXPECT_EQ(seqs, (std::vector<std::int64_t>{50, 40, 30}));  // §6.2: time, then MsgSeq; newest first
}

TEST_F(RestHandlers, GetRoamMsgPagingVisitsEachMessageOnceEvenWhenKeysRepeat) {
  import({"alice", "bob"});
  std::set<std::string> sent;
  for (int i = 0; i < 23; ++i) {
    clock.set_now(kNow + i / 4, true);  // four messages a second
    // Every third message repeats the previous MsgSeq and MsgRandom the other way round: the same MsgKey
    // when both fall in one second.
    const bool echo = i % 3 == 2;
    const auto r = echo ? send("bob", "alice", i - 1, 7, "echo") : send("alice", "bob", i, 7);
    ASSERT_EQ(r.code, 0);
    sent.insert(std::string(r.fields.at("MsgKey").as_string()) + (echo ? "<" : ">"));
  }
  for (const std::int64_t max_cnt : {1, 2, 3, 5, 100}) {
    std::multiset<std::string> seen;
    std::string last_key;
    std::int64_t max_time = kNow + 10;
    int pages = 0;
    for (;;) {
      ASSERT_LT(++pages, 40) << "paging does not end";
      const auto r = roam("bob", "alice", max_cnt, kNow, max_time, last_key);
      ASSERT_EQ(r.code, 0) << r.info;
      for (const auto& m : r.fields.at("MsgList").as_array())
        seen.insert(std::string(m.at("MsgKey").as_string()) +
                    (m.at("From_Account").as_string() == "bob" ? "<" : ">"));
      if (r.fields.at("Complete").as_int64() == 1) break;
      EXPECT_GE(r.fields.at("MsgCnt").as_int64(), 1);
      EXPECT_LE(r.fields.at("MsgCnt").as_int64(), max_cnt + 1);
      last_key = std::string(r.fields.at("LastMsgKey").as_string());
      max_time = r.fields.at("LastMsgTime").as_int64();
    }
    EXPECT_EQ(seen, std::multiset<std::string>(sent.begin(), sent.end())) << "MaxCnt " << max_cnt;
  }
}

TEST_F(RestHandlers, GetRoamMsgKeepsToTheTimeWindow) {
  import({"alice", "bob"});
  for (int i = 0; i < 5; ++i) {
    clock.set_now(kNow + 10 * i, true);
    ASSERT_EQ(send("alice", "bob", i + 1, 1).code, 0);
  }
  const auto r = roam("bob", "alice", 100, kNow + 10, kNow + 30);
  std::vector<std::int64_t> times;
  for (const auto& m : r.fields.at("MsgList").as_array()) times.push_back(m.at("MsgTimeStamp").as_int64());
  EXPECT_EQ(times, (std::vector<std::int64_t>{kNow + 30, kNow + 20, kNow + 10}));
  EXPECT_EQ(roam("bob", "alice", 100, kNow + 41, kNow + 99).fields.at("MsgCnt").as_int64(), 0);
}

TEST_F(RestHandlers, GetRoamMsgErrors) {
  import({"alice", "bob"});
  const std::pair<const char*, int> cases[] = {
      {R"({"Peer_Account":"bob","MaxCnt":1,"MinTime":0,"MaxTime":1})", 90008},
      {R"({"Operator_Account":"ghost","Peer_Account":"bob","MaxCnt":1,"MinTime":0,"MaxTime":1})", 90008},
      {R"({"Operator_Account":"alice","MaxCnt":1,"MinTime":0,"MaxTime":1})", 90003},
      {R"({"Operator_Account":"alice","Peer_Account":"ghost","MaxCnt":1,"MinTime":0,"MaxTime":1})", 90003},
      {R"({"Operator_Account":"alice","Peer_Account":"bob","MinTime":0,"MaxTime":1})", 90001},
      {R"({"Operator_Account":"alice","Peer_Account":"bob","MaxCnt":0,"MinTime":0,"MaxTime":1})", 90001},
      {R"({"Operator_Account":"alice","Peer_Account":"bob","MaxCnt":1,"MinTime":"0","MaxTime":1})", 90001},
      {R"({"Operator_Account":"alice","Peer_Account":"bob","MaxCnt":1,"MinTime":0})", 90001},
      {R"({"Operator_Account":"alice","Peer_Account":"bob","MaxCnt":1,"MinTime":0,"MaxTime":1,"LastMsgKey":"x_y"})",
       90001},
  };
  for (const auto& [body, code] : cases) EXPECT_EQ(call("openim/admin_getroammsg", body).code, code) << body;
}

}  // namespace
}  // namespace timock::api
