// The error codes of the one-to-one chat commands over HTTP, one table per command (reference/rest-api.md
// §3.1–3.6, §4, §5): every code the reference lists for the command that can arise offline, produced by its
// real cause. Codes of internal failures and timeouts (70169, 70500, 90992, 90994, 90995, 91000, 40006,
// 50004, 50005) only come from fault rules; 90008 cannot arise for get_c2c_unread_msg_num (it names no
// From_Account).
#include "rest_endpoints.hpp"

namespace timock::testing {
namespace {

struct ErrorCase {
  std::string name;  // the cause; the test is named "<name>Returns<code>"
  std::string path;
  std::string body;  // sent as is (it may be broken JSON)
  int code;
  // Per-item codes: the list holding the failed item (its first entry) and the item's code field.
  std::string item_list = {};
  std::string item_code = "ResultCode";
  bool as_user = false;  // called by an ordinary user, not the admin
};

void PrintTo(const ErrorCase& c, std::ostream* os) {
  *os << c.name << " → " << c.code;
}

// alice and bob are imported, alice sent bob message 5_6_1700000000 (which carol never saw), and
// "recalled" 9_9_1700000000 was withdrawn.
class RestC2cErrors : public RestEndpointsBase, public ::testing::TestWithParam<ErrorCase> {
 protected:
  void SetUp() override {
    import({"alice", "bob", "carol"});
    pin_clock(kT0);
    ASSERT_EQ(send("alice", "bob", 5, 6).at("ErrorCode").as_int64(), 0);
    ASSERT_EQ(send("alice", "bob", 9, 9).at("ErrorCode").as_int64(), 0);
    ASSERT_EQ(call("openim/admin_msgwithdraw", json::parse(R"({"From_Account":"alice","To_Account":"bob",
        "MsgKey":"9_9_1700000000"})"))
                  .at("ErrorCode")
                  .as_int64(),
              0);
  }
};

TEST_P(RestC2cErrors, ReturnsTheDocumentedCode) {
  const auto& c = GetParam();
  const auto reply = c.as_user ? call_as("alice", c.path, c.body) : post_raw(c.path, c.body);
  SCOPED_TRACE(json::serialize(reply));
  const bool error_display =
      c.path.starts_with("sns/") || c.path.starts_with("profile/") || c.path.starts_with("recentcontact/");
  EXPECT_EQ(reply.contains("ErrorDisplay"), error_display)
      << "§1.3: ErrorDisplay in sns, profile, recentcontact";
  if (c.item_list.empty()) {
    EXPECT_EQ(reply.at("ActionStatus").as_string(), "FAIL");
    EXPECT_EQ(reply.at("ErrorCode").as_int64(), c.code);
    EXPECT_FALSE(reply.at("ErrorInfo").as_string().empty());
    return;
  }
  EXPECT_EQ(reply.at("ErrorCode").as_int64(), 0);
  const auto& item = reply.at(c.item_list).at(0).as_object();
  EXPECT_EQ(item.at(c.item_code).as_int64(), c.code);
}

std::string name_of(const ::testing::TestParamInfo<ErrorCase>& info) {
  return info.param.name + "Returns" + std::to_string(info.param.code);
}

std::string accounts(int count) {
  std::string out = "[";
  for (int i = 0; i < count; ++i) out += (i ? ",\"u" : "\"u") + std::to_string(i) + "\"";
  return out + "]";
}

const std::string kText = R"([{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}])";
const std::string kLong13k =
    R"([{"MsgType":"TIMTextElem","MsgContent":{"Text":")" + std::string(13000, 'x') + R"("}}])";

// ---- openim (§3.2, §3.3) ----

INSTANTIATE_TEST_SUITE_P(
    RestC2cBatchSendMsg, RestC2cErrors,
    ::testing::Values(
        ErrorCase{"NonAdminCaller", "openim/batchsendmsg", R"({"To_Account":["bob"]})", 90009, {}, {}, true},
        ErrorCase{"BodyNotJson", "openim/batchsendmsg", R"({"To_Account":)", 90001},
        // A number beyond a double would be stored as `Infinity`, which no reader parses back (fuzzer find).
        ErrorCase{"NumberBeyondADouble", "openim/batchsendmsg",
                  R"({"To_Account":["bob"],"MsgRandom":1,"MsgBody":[{"MsgType":"TIMLocationElem","MsgContent":)"
                  R"({"Desc":"x","Latitude":1e400,"Longitude":1}}]})",
                  90001},
        ErrorCase{"EmptyToAccount", "openim/batchsendmsg",
                  R"({"To_Account":[],"MsgRandom":1,"MsgBody":)" + kText + "}", 90001},
        ErrorCase{"MoreThan500Targets", "openim/batchsendmsg",
                  R"({"To_Account":)" + accounts(501) + R"(,"MsgRandom":1,"MsgBody":)" + kText + "}", 90011},
        ErrorCase{"BadMsgSeq", "openim/batchsendmsg",
                  R"({"To_Account":["bob"],"MsgSeq":"1","MsgRandom":1,"MsgBody":)" + kText + "}", 90004},
        ErrorCase{"MissingMsgRandom", "openim/batchsendmsg",
                  R"({"To_Account":["bob"],"MsgBody":)" + kText + "}", 90005},
        ErrorCase{"MsgBodyNotArray", "openim/batchsendmsg",
                  R"({"To_Account":["bob"],"MsgRandom":1,"MsgBody":{}})", 90007},
        ErrorCase{
            "BadElement", "openim/batchsendmsg",
            R"({"To_Account":["bob"],"MsgRandom":1,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{}}]})",
            90002},
        ErrorCase{"EmptyFromAccount", "openim/batchsendmsg",
                  R"({"From_Account":"","To_Account":["bob"],"MsgRandom":1,"MsgBody":)" + kText + "}", 90008},
        ErrorCase{"CloudCustomDataNotString", "openim/batchsendmsg",
                  R"({"To_Account":["bob"],"MsgRandom":1,"CloudCustomData":1,"MsgBody":)" + kText + "}",
                  90010},
        ErrorCase{"NegativeMsgLifeTime", "openim/batchsendmsg",
                  R"({"To_Account":["bob"],"MsgRandom":1,"MsgLifeTime":-1,"MsgBody":)" + kText + "}", 90026},
        ErrorCase{"UnimportedSender", "openim/batchsendmsg",
                  R"({"From_Account":"ghost","To_Account":["bob"],"MsgRandom":1,"MsgBody":)" + kText + "}",
                  90048},
        ErrorCase{"EveryTargetUnimported", "openim/batchsendmsg",
                  R"({"To_Account":["x","y"],"MsgRandom":1,"MsgBody":)" + kText + "}", 90012},
        ErrorCase{"SomeTargetUnimported", "openim/batchsendmsg",
                  R"({"To_Account":["x","bob"],"MsgRandom":1,"MsgBody":)" + kText + "}", 70107, "ErrorList",
                  "ErrorCode"},
        ErrorCase{"BodyOver12KB", "openim/batchsendmsg",
                  R"({"To_Account":["bob"],"MsgRandom":1,"MsgBody":)" + kLong13k + "}", 93000}),
    name_of);

const std::string kImport =
    R"("From_Account":"alice","To_Account":"bob","MsgRandom":1,"MsgTimeStamp":1600000000)";

INSTANTIATE_TEST_SUITE_P(
    RestC2cImportMsg, RestC2cErrors,
    ::testing::Values(
        ErrorCase{"NonAdminCaller", "openim/importmsg", "{}", 90009, {}, {}, true},
        ErrorCase{"BodyNotJson", "openim/importmsg", "{", 90001},
        ErrorCase{"MissingSyncFromOldSystem", "openim/importmsg",
                  "{" + kImport + R"(,"MsgBody":)" + kText + "}", 90030},
        ErrorCase{"SyncFromOldSystem1", "openim/importmsg",
                  R"({"SyncFromOldSystem":1,)" + kImport + R"(,"MsgBody":)" + kText + "}", 90030},
        ErrorCase{
            "MissingMsgTimeStamp", "openim/importmsg",
            R"({"SyncFromOldSystem":2,"From_Account":"alice","To_Account":"bob","MsgRandom":1,"MsgBody":)" +
                kText + "}",
            90006},
        ErrorCase{"MissingFromAccount", "openim/importmsg",
                  R"({"SyncFromOldSystem":2,"To_Account":"bob","MsgRandom":1,"MsgTimeStamp":1,"MsgBody":)" +
                      kText + "}",
                  90008},
        ErrorCase{
            "MissingToAccount", "openim/importmsg",
            R"({"SyncFromOldSystem":2,"From_Account":"alice","MsgRandom":1,"MsgTimeStamp":1,"MsgBody":)" +
                kText + "}",
            90003},
        ErrorCase{"BadMsgSeq", "openim/importmsg",
                  R"({"SyncFromOldSystem":2,)" + kImport + R"(,"MsgSeq":-4,"MsgBody":)" + kText + "}", 90004},
        ErrorCase{"MsgRandomNotInteger", "openim/importmsg",
                  R"({"SyncFromOldSystem":2,"From_Account":"alice","To_Account":"bob","MsgRandom":"1",
                      "MsgTimeStamp":1,"MsgBody":)" +
                      kText + "}",
                  90005},
        ErrorCase{"MsgBodyNotArray", "openim/importmsg",
                  R"({"SyncFromOldSystem":2,)" + kImport + R"(,"MsgBody":"hi"})", 90007},
        ErrorCase{"EmptyMsgBody", "openim/importmsg",
                  R"({"SyncFromOldSystem":2,)" + kImport + R"(,"MsgBody":[]})", 90002},
        ErrorCase{
            "CloudCustomDataNotString", "openim/importmsg",
            R"({"SyncFromOldSystem":2,)" + kImport + R"(,"CloudCustomData":[],"MsgBody":)" + kText + "}",
            90010},
        ErrorCase{"UnimportedSender", "openim/importmsg",
                  R"({"SyncFromOldSystem":2,"From_Account":"ghost","To_Account":"bob","MsgRandom":1,
                      "MsgTimeStamp":1,"MsgBody":)" +
                      kText + "}",
                  90048},
        ErrorCase{"UnimportedReceiver", "openim/importmsg",
                  R"({"SyncFromOldSystem":2,"From_Account":"alice","To_Account":"ghost","MsgRandom":1,
                      "MsgTimeStamp":1,"MsgBody":)" +
                      kText + "}",
                  90012},
        ErrorCase{"BodyOver12KB", "openim/importmsg",
                  R"({"SyncFromOldSystem":2,)" + kImport + R"(,"MsgBody":)" + kLong13k + "}", 93000}),
    name_of);

INSTANTIATE_TEST_SUITE_P(
    RestC2cWithdraw, RestC2cErrors,
    ::testing::Values(
        ErrorCase{"NonAdminCaller", "openim/admin_msgwithdraw", "{}", 90009, {}, {}, true},
        ErrorCase{"BodyNotJson", "openim/admin_msgwithdraw", "[", 90001},
        ErrorCase{"UnknownMsgKey", "openim/admin_msgwithdraw",
                  R"({"From_Account":"alice","To_Account":"bob","MsgKey":"1_2_3"})", 20022},
        ErrorCase{"MessageOfAnotherConversation", "openim/admin_msgwithdraw",
                  R"({"From_Account":"alice","To_Account":"carol","MsgKey":"5_6_1700000000"})", 20022},
        ErrorCase{"AlreadyRecalled", "openim/admin_msgwithdraw",
                  R"({"From_Account":"alice","To_Account":"bob","MsgKey":"9_9_1700000000"})", 20023},
        ErrorCase{"MalformedMsgKey", "openim/admin_msgwithdraw",
                  R"({"From_Account":"alice","To_Account":"bob","MsgKey":"5_6_x"})", 90054},
        ErrorCase{"MissingMsgKey", "openim/admin_msgwithdraw",
                  R"({"From_Account":"alice","To_Account":"bob"})", 90054},
        ErrorCase{"MissingFromAccount", "openim/admin_msgwithdraw",
                  R"({"To_Account":"bob","MsgKey":"5_6_1700000000"})", 90008},
        ErrorCase{"UnimportedToAccount", "openim/admin_msgwithdraw",
                  R"({"From_Account":"alice","To_Account":"ghost","MsgKey":"5_6_1700000000"})", 90003}),
    name_of);

INSTANTIATE_TEST_SUITE_P(
    RestC2cModify, RestC2cErrors,
    ::testing::Values(
        ErrorCase{"NonAdminCaller", "openim/modify_c2c_msg", "{}", 90009, {}, {}, true},
        ErrorCase{"UnknownMsgKey", "openim/modify_c2c_msg",
                  R"({"From_Account":"alice","To_Account":"bob","MsgKey":"1_2_3","CloudCustomData":"x"})",
                  20022},
        ErrorCase{"MalformedMsgKey", "openim/modify_c2c_msg",
                  R"({"From_Account":"alice","To_Account":"bob","MsgKey":"","CloudCustomData":"x"})", 90054},
        ErrorCase{"BadMsgBody", "openim/modify_c2c_msg",
                  R"({"From_Account":"alice","To_Account":"bob","MsgKey":"5_6_1700000000","MsgBody":[{}]})",
                  90002},
        ErrorCase{"MissingFromAccount", "openim/modify_c2c_msg",
                  R"({"To_Account":"bob","MsgKey":"5_6_1700000000"})", 90008},
        ErrorCase{"MissingToAccount", "openim/modify_c2c_msg",
                  R"({"From_Account":"alice","MsgKey":"5_6_1700000000"})", 90003}),
    name_of);

INSTANTIATE_TEST_SUITE_P(
    RestC2cSetMsgRead, RestC2cErrors,
    ::testing::Values(
        ErrorCase{"NonAdminCaller", "openim/admin_set_msg_read", "{}", 90009, {}, {}, true},
        ErrorCase{"BodyNotJson", "openim/admin_set_msg_read", "x", 90001},
        ErrorCase{"BadMsgReadTime", "openim/admin_set_msg_read",
                  R"({"Report_Account":"bob","Peer_Account":"alice","MsgReadTime":"yesterday"})", 90001},
        ErrorCase{"UnimportedReportAccount", "openim/admin_set_msg_read",
                  R"({"Report_Account":"ghost","Peer_Account":"alice"})", 90008},
        ErrorCase{"MissingPeerAccount", "openim/admin_set_msg_read", R"({"Report_Account":"bob"})", 90003}),
    name_of);

INSTANTIATE_TEST_SUITE_P(
    RestC2cUnreadNum, RestC2cErrors,
    ::testing::Values(
        ErrorCase{"NonAdminCaller", "openim/get_c2c_unread_msg_num", "{}", 90009, {}, {}, true},
        ErrorCase{"PeerAccountNotArray", "openim/get_c2c_unread_msg_num",
                  R"({"To_Account":"bob","Peer_Account":"a"})", 90001},
        ErrorCase{"MoreThan10Peers", "openim/get_c2c_unread_msg_num",
                  R"({"To_Account":"bob","Peer_Account":)" + accounts(11) + "}", 90001},
        ErrorCase{"UnimportedToAccount", "openim/get_c2c_unread_msg_num", R"({"To_Account":"ghost"})", 90003},
        ErrorCase{"UnimportedPeer", "openim/get_c2c_unread_msg_num",
                  R"({"To_Account":"bob","Peer_Account":["x"]})", 70107, "ErrorList", "ErrorCode"}),
    name_of);

INSTANTIATE_TEST_SUITE_P(
    RestC2cOnlineStatus, RestC2cErrors,
    ::testing::Values(
        ErrorCase{
            "NonAdminCaller", "openim/query_online_status", R"({"To_Account":["bob"]})", 90009, {}, {}, true},
        ErrorCase{"EmptyToAccount", "openim/query_online_status", R"({"To_Account":[]})", 90001},
        ErrorCase{"ToAccountNotArray", "openim/query_online_status", R"({"To_Account":"bob"})", 90003},
        ErrorCase{"MoreThan500Accounts", "openim/query_online_status",
                  R"({"To_Account":)" + accounts(501) + "}", 90011},
        ErrorCase{"OnlyUnimportedAccounts", "openim/query_online_status", R"({"To_Account":["x"]})", 70107},
        ErrorCase{"AnUnimportedAccount", "openim/query_online_status", R"({"To_Account":["x","bob"]})", 70107,
                  "ErrorList", "ErrorCode"},
        ErrorCase{"QuerystateEmptyToAccount", "openim/querystate", R"({"To_Account":[]})", 90001},
        ErrorCase{"QuerystateMoreThan500Accounts", "openim/querystate",
                  R"({"To_Account":)" + accounts(501) + "}", 90011}),
    name_of);

// ---- im_open_login_svc kick (§3.1) ----

INSTANTIATE_TEST_SUITE_P(
    RestC2cKick, RestC2cErrors,
    ::testing::Values(
        ErrorCase{"NonAdminCaller", "im_open_login_svc/kick", R"({"UserID":"bob"})", 70403, {}, {}, true},
        ErrorCase{"BodyNotJson", "im_open_login_svc/kick", "{", 70402},
        ErrorCase{"MissingUserID", "im_open_login_svc/kick", "{}", 70402},
        ErrorCase{"UnimportedUser", "im_open_login_svc/kick", R"({"UserID":"ghost"})", 70107},
        ErrorCase{"UnimportedIdentifier", "im_open_login_svc/kick", R"({"Identifier":"ghost"})", 70107},
        ErrorCase{"DeleteOfAnUnimportedAccount", "im_open_login_svc/account_delete",
                  R"({"DeleteItem":[{"UserID":"ghost"}]})", 70107, "ResultItem"}),
    name_of);

// ---- profile (§3.4) ----

INSTANTIATE_TEST_SUITE_P(
    RestProfile, RestC2cErrors,
    ::testing::Values(
        ErrorCase{"NonAdminCaller", "profile/portrait_get", "{}", 40004, {}, {}, true},
        ErrorCase{"BodyNotJson", "profile/portrait_get", "{", 40001},
        ErrorCase{"MissingToAccount", "profile/portrait_get", R"({"TagList":["Tag_Profile_IM_Nick"]})",
                  40002},
        ErrorCase{"MissingTagList", "profile/portrait_get", R"({"To_Account":["bob"]})", 40001},
        ErrorCase{"UnknownTag", "profile/portrait_get",
                  R"({"To_Account":["bob"],"TagList":["Tag_Profile_IM_Age"]})", 40009},
        ErrorCase{"NoImportedAccount", "profile/portrait_get",
                  R"({"To_Account":["ghost"],"TagList":["Tag_Profile_IM_Nick"]})", 40003},
        ErrorCase{"AnUnimportedAccount", "profile/portrait_get",
                  R"({"To_Account":["ghost","bob"],"TagList":["Tag_Profile_IM_Nick"]})", 40003,
                  "UserProfileItem"},
        ErrorCase{"SetNonAdminCaller", "profile/portrait_set", "{}", 40004, {}, {}, true},
        ErrorCase{"SetBodyNotJson", "profile/portrait_set", "]", 40001},
        ErrorCase{"SetMissingProfileItem", "profile/portrait_set", R"({"From_Account":"bob"})", 40001},
        ErrorCase{"SetUnimportedAccount", "profile/portrait_set",
                  R"({"From_Account":"ghost","ProfileItem":[{"Tag":"Tag_Profile_IM_Nick","Value":"n"}]})",
                  40003},
        ErrorCase{
            "SetUnknownTag", "profile/portrait_set",
            R"({"From_Account":"bob","ProfileItem":[{"Tag":"Tag_Profile_Custom_TooLong12","Value":"n"}]})",
            40009},
        ErrorCase{"SetNickOver500Bytes", "profile/portrait_set",
                  R"({"From_Account":"bob","ProfileItem":[{"Tag":"Tag_Profile_IM_Nick","Value":")" +
                      std::string(501, 'n') + R"("}]})",
                  40601},
        ErrorCase{"SetUndocumentedGender", "profile/portrait_set",
                  R"({"From_Account":"bob","ProfileItem":[{"Tag":"Tag_Profile_IM_Gender","Value":"Male"}]})",
                  40605},
        ErrorCase{
            "SetBirthDayAsString", "profile/portrait_set",
            R"({"From_Account":"bob","ProfileItem":[{"Tag":"Tag_Profile_IM_BirthDay","Value":"20190419"}]})",
            40610}),
    name_of);

// ---- recentcontact (§3.6, §3.8) ----

const std::string kListCursor =
    R"("TimeStamp":0,"StartIndex":0,"TopTimeStamp":0,"TopStartIndex":0,"AssistFlags":7)";

INSTANTIATE_TEST_SUITE_P(
    RestRecentContact, RestC2cErrors,
    ::testing::Values(
        ErrorCase{"NonAdminCaller", "recentcontact/get_list", "{}", 50003, {}, {}, true},
        ErrorCase{"BodyNotJson", "recentcontact/get_list", "{", 50002},
        ErrorCase{"MissingFromAccount", "recentcontact/get_list", "{" + kListCursor + "}", 50002},
        ErrorCase{"MissingAssistFlags", "recentcontact/get_list",
                  R"({"From_Account":"bob","TimeStamp":0,"StartIndex":0,"TopTimeStamp":0,"TopStartIndex":0})",
                  50002},
        ErrorCase{"UnimportedFromAccount", "recentcontact/get_list",
                  R"({"From_Account":"ghost",)" + kListCursor + "}", 50001},
        ErrorCase{"DeleteNonAdminCaller", "recentcontact/delete", "{}", 50003, {}, {}, true},
        ErrorCase{"DeleteMissingType", "recentcontact/delete",
                  R"({"From_Account":"bob","To_Account":"alice"})", 50002},
        ErrorCase{"DeleteMissingToAccount", "recentcontact/delete", R"({"From_Account":"bob","Type":1})",
                  50002},
        ErrorCase{"DeleteUnimportedFromAccount", "recentcontact/delete",
                  R"({"From_Account":"ghost","Type":1,"To_Account":"alice"})", 50001},
        ErrorCase{"MarkNoItems", "recentcontact/mark_contact", R"({"From_Account":"bob","MarkItem":[]})",
                  51006},
        ErrorCase{
            "MarkBadOptType", "recentcontact/mark_contact",
            R"({"From_Account":"bob","MarkItem":[{"OptType":9,"ContactItem":{"Type":1,"To_Account":"alice"}}]})",
            50002},
        ErrorCase{"MarkUnknownGroup", "recentcontact/mark_contact",
                  R"({"From_Account":"bob","MarkItem":[{"OptType":2,"ContactItem":{"Type":2,"ToGroupId":"g"},
                      "CustomMark":"x"}]})",
                  51007, "ResultItem"},
        ErrorCase{
            "MarkUnimportedPeer", "recentcontact/mark_contact",
            R"({"From_Account":"bob","MarkItem":[{"OptType":2,"ContactItem":{"Type":1,"To_Account":"ghost"},
                      "CustomMark":"x"}]})",
            50001, "ResultItem"}),
    name_of);

// ---- sns friend_get_all (§3.5, the 2018 name) ----

INSTANTIATE_TEST_SUITE_P(
    RestFriendGetAll, RestC2cErrors,
    ::testing::Values(ErrorCase{"NonAdminCaller", "sns/friend_get_all", "{}", 30004, {}, {}, true},
                      ErrorCase{"BodyNotJson", "sns/friend_get_all", "{", 30001},
                      ErrorCase{"MissingStartIndex", "sns/friend_get_all", R"({"From_Account":"bob"})",
                                30001},
                      ErrorCase{"UnimportedFromAccount", "sns/friend_get_all",
                                R"({"From_Account":"ghost","StartIndex":0})", 30003}),
    name_of);

}  // namespace
}  // namespace timock::testing
