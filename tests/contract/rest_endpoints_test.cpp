// The error codes of each REST command, one table per command (reference/rest-api.md §3.1, §3.3, §3.5, §4):
// every code the reference lists for the command that can arise offline, produced by its real cause.
// Codes of internal failures (70169, 70500, 30006, 90992, 91000 …) need a fault rule and are not here.
#include "rest_endpoints.hpp"

namespace timock::testing {
namespace {

struct ErrorCase {
  std::string name;  // the cause; the test is named "<name>Returns<code>"
  std::string path;
  std::string body;  // sent as is (it may be broken JSON)
  int code;
  // Per-item codes: the list the failed item is in (the call itself succeeds). Empty for whole-call codes.
  std::string item_list = {};
  bool as_user = false;  // called by an ordinary user, not the admin
};

void PrintTo(const ErrorCase& c, std::ostream* os) {
  *os << c.name << " → " << c.code;
}

// Every case runs against an app where alice and bob are friends both ways and carol is imported.
class RestEndpointsErrors : public RestEndpointsBase, public ::testing::TestWithParam<ErrorCase> {
 protected:
  void SetUp() override {
    import({"alice", "bob", "carol"});
    ASSERT_EQ(add_friends("alice", {"bob"}).at("ErrorCode").as_int64(), 0);
  }
};

TEST_P(RestEndpointsErrors, ReturnsTheDocumentedCode) {
  const auto& c = GetParam();
  const auto reply = c.as_user ? call_as("alice", c.path, c.body) : post_raw(c.path, c.body);
  SCOPED_TRACE(json::serialize(reply));
  const bool sns = c.path.starts_with("sns/");
  EXPECT_EQ(reply.contains("ErrorDisplay"), sns) << "§1.3: sns replies carry ErrorDisplay, even failed ones";
  if (c.item_list.empty()) {
    EXPECT_EQ(reply.at("ActionStatus").as_string(), "FAIL");
    EXPECT_EQ(reply.at("ErrorCode").as_int64(), c.code);
    EXPECT_FALSE(reply.at("ErrorInfo").as_string().empty());
    return;
  }
  // §1.3: a batch stays OK when only items fail; the failure is on the item (§5).
  EXPECT_EQ(reply.at("ActionStatus").as_string(), "OK");
  EXPECT_EQ(reply.at("ErrorCode").as_int64(), 0);
  const auto& item = reply.at(c.item_list).at(0).as_object();
  EXPECT_EQ(item.at("ResultCode").as_int64(), c.code);
  EXPECT_FALSE(item.at("ResultInfo").as_string().empty());
  if (sns) {
    EXPECT_EQ(strings_of(reply.at("Fail_Account")),
              std::vector<std::string>{std::string(item.at("To_Account").as_string())});
  }
}

std::string name_of(const ::testing::TestParamInfo<ErrorCase>& info) {
  return info.param.name + "Returns" + std::to_string(info.param.code);
}

std::string repeated(const std::string& element, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) out += (i ? "," : "") + element;
  return out;
}

const std::string kLong501(501, 'x');
const std::string kText = R"([{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}])";

// ---- im_open_login_svc (§3.1) ----

INSTANTIATE_TEST_SUITE_P(
    RestEndpointsAccountImport, RestEndpointsErrors,
    ::testing::Values(
        ErrorCase{
            "NonAdminCaller", "im_open_login_svc/account_import", R"({"UserID":"dave"})", 70403, {}, true},
        ErrorCase{"BodyNotJson", "im_open_login_svc/account_import", R"({"UserID":)", 70402},
        ErrorCase{"MissingUserID", "im_open_login_svc/account_import", R"({"Nick":"Dave"})", 70402},
        ErrorCase{"UserIDNotAString", "im_open_login_svc/account_import", R"({"UserID":42})", 70402},
        ErrorCase{"UserIDOf33Bytes", "im_open_login_svc/account_import",
                  R"({"UserID":")" + std::string(33, 'u') + R"("})", 70402},
        ErrorCase{"NickNotAString", "im_open_login_svc/account_import", R"({"UserID":"dave","Nick":1})",
                  70402},
        ErrorCase{"NickOver500Bytes", "im_open_login_svc/account_import",
                  R"({"UserID":"dave","Nick":")" + kLong501 + R"("})", 40601},
        ErrorCase{"FaceUrlOver500Bytes", "im_open_login_svc/account_import",
                  R"({"UserID":"dave","FaceUrl":")" + kLong501 + R"("})", 40601}),
    name_of);

INSTANTIATE_TEST_SUITE_P(
    RestEndpointsMultiAccountImport, RestEndpointsErrors,
    ::testing::Values(ErrorCase{"NonAdminCaller",
                                "im_open_login_svc/multiaccount_import",
                                R"({"Accounts":["d"]})",
                                70403,
                                {},
                                true},
                      ErrorCase{"BodyNotJson", "im_open_login_svc/multiaccount_import", "Accounts", 70402},
                      ErrorCase{"MissingAccounts", "im_open_login_svc/multiaccount_import", "{}", 70402},
                      ErrorCase{"EmptyAccounts", "im_open_login_svc/multiaccount_import",
                                R"({"Accounts":[]})", 70402},
                      ErrorCase{"AccountsNotAnArray", "im_open_login_svc/multiaccount_import",
                                R"({"Accounts":"d"})", 70402},
                      ErrorCase{"Over100Accounts", "im_open_login_svc/multiaccount_import",
                                R"({"Accounts":[)" + repeated(R"("d")", 101) + "]}", 70402},
                      ErrorCase{"NonStringAccount", "im_open_login_svc/multiaccount_import",
                                R"({"Accounts":["d",7]})", 70402}),
    name_of);

INSTANTIATE_TEST_SUITE_P(
    RestEndpointsAccountCheck, RestEndpointsErrors,
    ::testing::Values(ErrorCase{"NonAdminCaller",
                                "im_open_login_svc/account_check",
                                R"({"CheckItem":[{"UserID":"bob"}]})",
                                70403,
                                {},
                                true},
                      ErrorCase{"BodyNotJson", "im_open_login_svc/account_check", "[", 70402},
                      ErrorCase{"MissingCheckItem", "im_open_login_svc/account_check", "{}", 70402},
                      ErrorCase{"EmptyCheckItem", "im_open_login_svc/account_check", R"({"CheckItem":[]})",
                                70402},
                      ErrorCase{"Over100CheckItems", "im_open_login_svc/account_check",
                                R"({"CheckItem":[)" + repeated(R"({"UserID":"bob"})", 101) + "]}", 70402},
                      ErrorCase{"CheckItemWithoutUserID", "im_open_login_svc/account_check",
                                R"({"CheckItem":[{"User":"bob"}]})", 70402},
                      ErrorCase{"CheckItemNotAnObject", "im_open_login_svc/account_check",
                                R"({"CheckItem":["bob"]})", 70402}),
    name_of);

INSTANTIATE_TEST_SUITE_P(
    RestEndpointsAccountDelete, RestEndpointsErrors,
    ::testing::Values(ErrorCase{"NonAdminCaller",
                                "im_open_login_svc/account_delete",
                                R"({"DeleteItem":[{"UserID":"bob"}]})",
                                70403,
                                {},
                                true},
                      ErrorCase{"BodyNotJson", "im_open_login_svc/account_delete", "{,}", 70402},
                      ErrorCase{"MissingDeleteItem", "im_open_login_svc/account_delete", "{}", 70402},
                      ErrorCase{"Over100DeleteItems", "im_open_login_svc/account_delete",
                                R"({"DeleteItem":[)" + repeated(R"({"UserID":"bob"})", 101) + "]}", 70402},
                      ErrorCase{"UnimportedAccountItem", "im_open_login_svc/account_delete",
                                R"({"DeleteItem":[{"UserID":"ghost"}]})", 70107, "ResultItem"}),
    name_of);

// ---- sns (§3.5) ----

const std::string kAddBob = R"("AddFriendItem":[{"To_Account":"bob","AddSource":"AddSource_Type_Web"}])";

INSTANTIATE_TEST_SUITE_P(
    RestEndpointsFriendAdd, RestEndpointsErrors,
    ::testing::Values(
        ErrorCase{"NonAdminCaller",
                  "sns/friend_add",
                  R"({"From_Account":"alice",)" + kAddBob + "}",
                  30004,
                  {},
                  true},
        ErrorCase{"BodyNotJson", "sns/friend_add", "From_Account=alice", 30001},
        ErrorCase{"MissingFromAccount", "sns/friend_add", "{" + kAddBob + "}", 30001},
        ErrorCase{"FromAccountNotAString", "sns/friend_add", R"({"From_Account":["alice"],)" + kAddBob + "}",
                  30001},
        ErrorCase{"MissingAddFriendItem", "sns/friend_add", R"({"From_Account":"alice"})", 30001},
        ErrorCase{"EmptyAddFriendItem", "sns/friend_add", R"({"From_Account":"alice","AddFriendItem":[]})",
                  30001},
        ErrorCase{"UnknownAddType", "sns/friend_add",
                  R"({"From_Account":"carol","AddType":"Add_Type_All",)" + kAddBob + "}", 30001},
        ErrorCase{"ForceAddFlagsNotAnInteger", "sns/friend_add",
                  R"({"From_Account":"carol","ForceAddFlags":"1",)" + kAddBob + "}", 30001},
        ErrorCase{"UnimportedFromAccount", "sns/friend_add", R"({"From_Account":"ghost",)" + kAddBob + "}",
                  30003},
        ErrorCase{"AlreadyFriendsItem", "sns/friend_add",
                  R"({"From_Account":"alice","ForceAddFlags":1,)" + kAddBob + "}", 30001, "ResultItem"},
        ErrorCase{
            "UnimportedToAccountItem", "sns/friend_add",
            R"({"From_Account":"alice","AddFriendItem":[{"To_Account":"ghost","AddSource":"AddSource_Type_Web"}]})",
            30003, "ResultItem"},
        ErrorCase{"AddSourceWithoutPrefixItem", "sns/friend_add",
                  R"({"From_Account":"alice","AddFriendItem":[{"To_Account":"carol","AddSource":"Web"}]})",
                  30001, "ResultItem"},
        ErrorCase{
            "AddSourceSuffixOver8LettersItem", "sns/friend_add",
            R"({"From_Account":"alice","AddFriendItem":[{"To_Account":"carol","AddSource":"AddSource_Type_Abcdefghi"}]})",
            30001, "ResultItem"},
        ErrorCase{
            "AddingOneselfItem", "sns/friend_add",
            R"({"From_Account":"alice","AddFriendItem":[{"To_Account":"alice","AddSource":"AddSource_Type_Web"}]})",
            30001, "ResultItem"},
        ErrorCase{
            "RemarkOver96BytesItem", "sns/friend_add",
            R"({"From_Account":"alice","AddFriendItem":[{"To_Account":"carol","AddSource":"AddSource_Type_Web","Remark":")" +
                std::string(97, 'r') + R"("}]})",
            30001, "ResultItem"},
        // §3.5: without ForceAddFlags the target's AllowType applies; an account that never set it needs
        // confirmation.
        ErrorCase{
            "TargetNeedsConfirmationItem", "sns/friend_add",
            R"({"From_Account":"alice","AddFriendItem":[{"To_Account":"carol","AddSource":"AddSource_Type_Web"}]})",
            30539, "ResultItem"}),
    name_of);

INSTANTIATE_TEST_SUITE_P(
    RestEndpointsFriendGet, RestEndpointsErrors,
    ::testing::Values(ErrorCase{"NonAdminCaller",
                                "sns/friend_get",
                                R"({"From_Account":"alice","StartIndex":0})",
                                30004,
                                {},
                                true},
                      ErrorCase{"BodyNotJson", "sns/friend_get", R"({"From_Account":"alice")", 30001},
                      ErrorCase{"MissingFromAccount", "sns/friend_get", R"({"StartIndex":0})", 30001},
                      ErrorCase{"MissingStartIndex", "sns/friend_get", R"({"From_Account":"alice"})", 30001},
                      ErrorCase{"StartIndexNotAnInteger", "sns/friend_get",
                                R"({"From_Account":"alice","StartIndex":"0"})", 30001},
                      ErrorCase{"NegativeStartIndex", "sns/friend_get",
                                R"({"From_Account":"alice","StartIndex":-1})", 30001},
                      ErrorCase{"UnimportedFromAccount", "sns/friend_get",
                                R"({"From_Account":"ghost","StartIndex":0})", 30003}),
    name_of);

INSTANTIATE_TEST_SUITE_P(
    RestEndpointsFriendCheck, RestEndpointsErrors,
    ::testing::Values(
        ErrorCase{"NonAdminCaller",
                  "sns/friend_check",
                  R"({"From_Account":"alice","To_Account":["bob"],"CheckType":"CheckResult_Type_Both"})",
                  30004,
                  {},
                  true},
        ErrorCase{"BodyNotJson", "sns/friend_check", "CheckType", 30001},
        ErrorCase{"MissingFromAccount", "sns/friend_check",
                  R"({"To_Account":["bob"],"CheckType":"CheckResult_Type_Both"})", 30001},
        ErrorCase{"MissingToAccount", "sns/friend_check",
                  R"({"From_Account":"alice","CheckType":"CheckResult_Type_Both"})", 30001},
        ErrorCase{"EmptyToAccount", "sns/friend_check",
                  R"({"From_Account":"alice","To_Account":[],"CheckType":"CheckResult_Type_Both"})", 30001},
        ErrorCase{"Over1000ToAccounts", "sns/friend_check",
                  R"({"From_Account":"alice","To_Account":[)" + repeated(R"("bob")", 1001) +
                      R"(],"CheckType":"CheckResult_Type_Both"})",
                  30001},
        ErrorCase{"NonStringToAccount", "sns/friend_check",
                  R"({"From_Account":"alice","To_Account":[1],"CheckType":"CheckResult_Type_Both"})", 30001},
        ErrorCase{"MissingCheckType", "sns/friend_check", R"({"From_Account":"alice","To_Account":["bob"]})",
                  30001},
        ErrorCase{"UnknownCheckType", "sns/friend_check",
                  R"({"From_Account":"alice","To_Account":["bob"],"CheckType":"CheckResult_Type_All"})",
                  30001},
        ErrorCase{"UnimportedFromAccount", "sns/friend_check",
                  R"({"From_Account":"ghost","To_Account":["bob"],"CheckType":"CheckResult_Type_Both"})",
                  30003},
        // An item fails for an account that was never imported (the code is friend_add's, §3.5).
        ErrorCase{"UnimportedToAccountItem", "sns/friend_check",
                  R"({"From_Account":"alice","To_Account":["ghost"],"CheckType":"CheckResult_Type_Single"})",
                  30003, "InfoItem"}),
    name_of);

// ---- openim (§3.3, §6) ----

std::string sendmsg(const std::string& fields) {
  return "{" + fields + "}";
}
const std::string kAliceToBob = R"("From_Account":"alice","To_Account":"bob",)";

INSTANTIATE_TEST_SUITE_P(
    RestEndpointsSendMsg, RestEndpointsErrors,
    ::testing::Values(
        ErrorCase{"NonAdminCaller",
                  "openim/sendmsg",
                  sendmsg(kAliceToBob + R"("MsgRandom":1,"MsgBody":)" + kText),
                  90009,
                  {},
                  true},
        ErrorCase{"BodyNotJson", "openim/sendmsg", R"({"To_Account":"bob",)", 90001},
        ErrorCase{"MissingToAccount", "openim/sendmsg",
                  sendmsg(R"("From_Account":"alice","MsgRandom":1,"MsgBody":)" + kText), 90003},
        ErrorCase{"ToAccountNotAString", "openim/sendmsg",
                  sendmsg(R"("To_Account":["bob"],"MsgRandom":1,"MsgBody":)" + kText), 90003},
        ErrorCase{"MissingMsgRandom", "openim/sendmsg", sendmsg(kAliceToBob + R"("MsgBody":)" + kText),
                  90005},
        ErrorCase{"MsgRandomNotAnInteger", "openim/sendmsg",
                  sendmsg(kAliceToBob + R"("MsgRandom":"1","MsgBody":)" + kText), 90005},
        ErrorCase{"MsgRandomOverUint32", "openim/sendmsg",
                  sendmsg(kAliceToBob + R"("MsgRandom":4294967296,"MsgBody":)" + kText), 90005},
        ErrorCase{"NegativeMsgSeq", "openim/sendmsg",
                  sendmsg(kAliceToBob + R"("MsgRandom":1,"MsgSeq":-1,"MsgBody":)" + kText), 90004},
        ErrorCase{"MissingMsgBody", "openim/sendmsg", sendmsg(kAliceToBob + R"("MsgRandom":1)"), 90007},
        ErrorCase{"MsgBodyNotAnArray", "openim/sendmsg",
                  sendmsg(kAliceToBob +
                          R"("MsgRandom":1,"MsgBody":{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}})"),
                  90007},
        ErrorCase{"EmptyMsgBody", "openim/sendmsg", sendmsg(kAliceToBob + R"("MsgRandom":1,"MsgBody":[])"),
                  90002},
        ErrorCase{
            "UnknownMsgType", "openim/sendmsg",
            sendmsg(kAliceToBob + R"("MsgRandom":1,"MsgBody":[{"MsgType":"TIMPollElem","MsgContent":{}}])"),
            90002},
        ErrorCase{"MsgBodyOver12KB", "openim/sendmsg",
                  sendmsg(kAliceToBob +
                          R"("MsgRandom":1,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":")" +
                          std::string(12 * 1024, 'a') + R"("}}])"),
                  93000},
        ErrorCase{"FromAccountNotAString", "openim/sendmsg",
                  sendmsg(R"("From_Account":1,"To_Account":"bob","MsgRandom":1,"MsgBody":)" + kText), 90008},
        ErrorCase{"SyncOtherMachineNotAnInteger", "openim/sendmsg",
                  sendmsg(kAliceToBob + R"("MsgRandom":1,"SyncOtherMachine":"2","MsgBody":)" + kText), 90031},
        ErrorCase{"MsgLifeTimeNotAnInteger", "openim/sendmsg",
                  sendmsg(kAliceToBob + R"("MsgRandom":1,"MsgLifeTime":"60","MsgBody":)" + kText), 90044},
        ErrorCase{"NegativeMsgLifeTime", "openim/sendmsg",
                  sendmsg(kAliceToBob + R"("MsgRandom":1,"MsgLifeTime":-1,"MsgBody":)" + kText), 90026},
        ErrorCase{"CloudCustomDataNotAString", "openim/sendmsg",
                  sendmsg(kAliceToBob + R"("MsgRandom":1,"CloudCustomData":{"a":1},"MsgBody":)" + kText),
                  90010},
        ErrorCase{"UnimportedReceiver", "openim/sendmsg",
                  sendmsg(R"("From_Account":"alice","To_Account":"ghost","MsgRandom":1,"MsgBody":)" + kText),
                  20003},
        ErrorCase{"UnimportedSender", "openim/sendmsg",
                  sendmsg(R"("From_Account":"ghost","To_Account":"bob","MsgRandom":1,"MsgBody":)" + kText),
                  20003}),
    name_of);

const std::string kWindow = R"("MaxCnt":10,"MinTime":0,"MaxTime":4000000000)";

INSTANTIATE_TEST_SUITE_P(
    RestEndpointsGetRoamMsg, RestEndpointsErrors,
    ::testing::Values(
        ErrorCase{"NonAdminCaller",
                  "openim/admin_getroammsg",
                  R"({"Operator_Account":"alice","Peer_Account":"bob",)" + kWindow + "}",
                  90009,
                  {},
                  true},
        ErrorCase{"BodyNotJson", "openim/admin_getroammsg", "MaxCnt", 90001},
        ErrorCase{"MissingOperatorAccount", "openim/admin_getroammsg",
                  R"({"Peer_Account":"bob",)" + kWindow + "}", 90008},
        ErrorCase{"UnimportedOperatorAccount", "openim/admin_getroammsg",
                  R"({"Operator_Account":"ghost","Peer_Account":"bob",)" + kWindow + "}", 90008},
        ErrorCase{"MissingPeerAccount", "openim/admin_getroammsg",
                  R"({"Operator_Account":"alice",)" + kWindow + "}", 90003},
        ErrorCase{"UnimportedPeerAccount", "openim/admin_getroammsg",
                  R"({"Operator_Account":"alice","Peer_Account":"ghost",)" + kWindow + "}", 90003},
        ErrorCase{"MissingMaxCnt", "openim/admin_getroammsg",
                  R"({"Operator_Account":"alice","Peer_Account":"bob","MinTime":0,"MaxTime":1})", 90001},
        ErrorCase{"ZeroMaxCnt", "openim/admin_getroammsg",
                  R"({"Operator_Account":"alice","Peer_Account":"bob","MaxCnt":0,"MinTime":0,"MaxTime":1})",
                  90001},
        ErrorCase{"MissingMinTime", "openim/admin_getroammsg",
                  R"({"Operator_Account":"alice","Peer_Account":"bob","MaxCnt":1,"MaxTime":1})", 90001},
        ErrorCase{"MaxTimeNotAnInteger", "openim/admin_getroammsg",
                  R"({"Operator_Account":"alice","Peer_Account":"bob","MaxCnt":1,"MinTime":0,"MaxTime":"1"})",
                  90001},
        ErrorCase{
            "MalformedLastMsgKey", "openim/admin_getroammsg",
            R"({"Operator_Account":"alice","Peer_Account":"bob",)" + kWindow + R"(,"LastMsgKey":"1_2"})",
            90001}),
    name_of);

}  // namespace
}  // namespace timock::testing
