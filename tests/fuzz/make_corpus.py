#!/usr/bin/env python3
"""Writes the seed corpora of tests/fuzz/corpus/<fuzzer>/ (run from the checkout: tests/fuzz/make_corpus.py).

Seeds are a few well-formed inputs per fuzzer, with sigs minted for the fuzzers' fixed app (fuzz_world.hpp:
sdkappid 1400000000, the v2 vectors' key, clock frozen at 1700000100), so mutations start inside the happy
paths. rest_command seeds begin with the command's index in the sorted command table at the time they were
made; the fuzzer mutates that byte anyway.
"""
import base64, hashlib, hmac, json, os, re, zlib

ROOT = os.path.dirname(os.path.abspath(__file__))
SDKAPPID, KEY, NOW, EXPIRE = 1400000000, "f6a6ce52a93ad06a6861ce8e5b3b030d864e8c8cb9cfd01f35b1350edd872f54", 1700000100, 86400 * 365


def sig(identifier):
    text = f"TLS.identifier:{identifier}\nTLS.sdkappid:{SDKAPPID}\nTLS.time:{NOW}\nTLS.expire:{EXPIRE}\n"
    mac = base64.b64encode(hmac.new(KEY.encode(), text.encode(), hashlib.sha256).digest()).decode()
    doc = json.dumps({"TLS.ver": "2.0", "TLS.identifier": identifier, "TLS.sdkappid": SDKAPPID, "TLS.time": NOW,
                      "TLS.expire": EXPIRE, "TLS.sig": mac}, separators=(",", ":"))
    raw = base64.b64encode(zlib.compress(doc.encode())).decode()
    return raw.replace("+", "*").replace("/", "-").replace("=", "_")


def write(fuzzer, name, data):
    folder = os.path.join(ROOT, "corpus", fuzzer)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as out:
        out.write(data if isinstance(data, bytes) else data.encode())


def body(obj):
    return json.dumps(obj, separators=(",", ":"))


TEXT = [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "hi"}}]
ADMIN_Q = f"sdkappid={SDKAPPID}&identifier=administrator&usersig={sig('administrator')}&random=1&contenttype=json"

# usersig: the vectors' own sigs, valid and not.
USERSIG_SEEDS = {"v1-node-style", "v1-userbuf", "v1-prime256v1-key", "v1-neg-tampered-signature",
                 "v1-neg-missing-time", "v2-ascii-basic", "v2-userbuf-arbitrary-bytes", "v2-privmap-string-room"}
for version in ("v1", "v2"):
    for case in json.load(open(os.path.join(ROOT, "..", "data", f"usersig-{version}.json")))["cases"]:
        if case["id"] in USERSIG_SEEDS and isinstance(case.get("usersig"), str):
            write("usersig_fuzzer", case["id"], case["usersig"])
write("usersig_fuzzer", "minted-admin", sig("administrator"))

# http: whole requests as they come off a socket.
def request(method, target, data="", extra=""):
    return (f"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n{extra}Content-Length: {len(data)}\r\n\r\n{data}")

write("http_fuzzer", "sendmsg", request("POST", f"/v4/openim/sendmsg?{ADMIN_Q}",
      body({"From_Account": "alice", "To_Account": "bob", "MsgRandom": 1, "MsgBody": TEXT})))
write("http_fuzzer", "account-check-chunked",
      f"POST /v4/im_open_login_svc/account_check?{ADMIN_Q} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      "10\r\n{\"CheckItem\":[{\r\n13\r\n\"UserID\":\"alice\"}]}\r\n0\r\n\r\n")
write("http_fuzzer", "mock-apps-then-snapshot",
      request("POST", "/mock/apps", body({"sdkappid": 1400000001, "secret_key": "k"})) +
      request("PUT", "/mock/apps/1400000001/snapshot", body({"apps": [{"sdkappid": 1400000001, "secret_key": "k",
              "accounts": [{"user_id": "a"}], "messages": [{"from": "a", "to": "a", "time": 1, "body": TEXT}]}]})))
write("http_fuzzer", "fault-rule",
      request("POST", f"/mock/apps/{SDKAPPID}/faults", body({"match": {"service": "openim"}, "error_code": 20003,
                                                                "times": 1})) +
      request("GET", f"/mock/apps/{SDKAPPID}/journal?service=openim&limit=5", "", "Connection: close\r\n"))
write("http_fuzzer", "webim-login",
      request("POST", f"/v4/openim/login?websdkappid=537048168&v=1.7.2&platform=10&identifier=alice&usersig={sig('alice')}"
              f"&contenttype=json&sdkappid={SDKAPPID}&accounttype=36862&apn=1&reqtime=1", body({"State": "Online"})))
write("http_fuzzer", "options-preflight", "OPTIONS /v4/openim/sendmsg HTTP/1.1\r\nHost: x\r\n\r\n")

# rest_command: index byte + body, for a few commands of each service.
names = []
for path in sorted(os.listdir(os.path.join(ROOT, "..", "..", "src", "api"))):
    if path.endswith(".cpp"):
        text = open(os.path.join(ROOT, "..", "..", "src", "api", path)).read()
        names += re.findall(r'table\.add\("([^"]+)", "([^"]+)"', text)
        # group.cpp registers its commands from a {"name", handler} list under kGroup.
        if path == "group.cpp":
            names += [("group_open_http_svc", c) for c in re.findall(r'\{"(\w+)", \w+\},', text)]
names = sorted(f"{s}/{c}" for s, c in set(names))
seeds = {
    "openim/sendmsg": {"From_Account": "alice", "To_Account": "bob", "MsgRandom": 9, "SyncOtherMachine": 1,
                       "MsgBody": TEXT + [{"MsgType": "TIMCustomElem", "MsgContent": {"Data": "d", "Desc": "", "Ext": ""}}]},
    "openim/admin_getroammsg": {"Operator_Account": "alice", "Peer_Account": "bob", "MaxCnt": 20, "MinTime": 0,
                                "MaxTime": 4000000000},
    "im_open_login_svc/account_import": {"UserID": "dave", "Nick": "Dave", "FaceUrl": "http://x/y.png"},
    "im_open_login_svc/multiaccount_import": {"Accounts": ["erin", "frank"]},
    "im_open_login_svc/account_delete": {"DeleteItem": [{"UserID": "carol"}]},
    "sns/friend_add": {"From_Account": "alice", "AddFriendItem": [{"To_Account": "carol", "AddSource": "AddSource_Type_X"}],
                       "AddType": "Add_Type_Both", "ForceAddFlags": 1},
    "sns/friend_get": {"From_Account": "alice", "StartIndex": 0},
    "sns/friend_check": {"From_Account": "alice", "To_Account": ["bob", "carol"], "CheckType": "CheckResult_Type_Both"},
    "sns/friend_import": {"From_Account": "alice", "AddFriendItem": [{"To_Account": "carol", "AddSource": "AddSource_Type_X",
                          "GroupName": ["g"], "CustomItem": [{"Tag": "Tag_SNS_Custom_Lv", "Value": 1}]}]},
    "sns/friend_update": {"From_Account": "alice", "UpdateItem": [{"To_Account": "bob", "SnsItem": [
                          {"Tag": "Tag_SNS_IM_Remark", "Value": "r"}, {"Tag": "Tag_SNS_IM_Group", "Value": ["g1", "g2"]}]}]},
    "sns/friend_delete": {"From_Account": "alice", "To_Account": ["bob"], "DeleteType": "Delete_Type_Both"},
    "sns/friend_get_list": {"From_Account": "alice", "To_Account": ["bob"],
                            "TagList": ["Tag_SNS_IM_Remark", "Tag_Profile_IM_Nick", "Tag_SNS_Custom_Lv"]},
    "sns/black_list_add": {"From_Account": "alice", "To_Account": ["bob", "carol"]},
    "sns/black_list_get": {"From_Account": "alice", "StartIndex": 0, "MaxLimited": 30, "LastSequence": 0},
    "sns/group_add": {"From_Account": "alice", "GroupName": ["g1"], "To_Account": ["bob"]},
    "sns/group_update": {"From_Account": "alice", "GroupOldName": "g1", "GroupNewName": "g2",
                         "UpdateGroupItem": [{"To_Account": "bob", "UpdateType": "Update_Type_Delete"}]},
    "sns/friend_response": {"From_Account": "bob", "ResponseFriendItem": [{"To_Account": "alice",
                            "ResponseAction": "Response_Action_AgreeAndAdd", "Remark": "a", "TagName": "t"}]},
    "sns/pendency_get": {"From_Account": "bob", "PendencyType": "Pendency_Type_Both"},
    "profile/portrait_get": {"To_Account": ["alice"], "TagList": ["Tag_Profile_IM_Nick"]},
    "profile/portrait_set": {"From_Account": "alice", "ProfileItem": [{"Tag": "Tag_Profile_IM_Nick", "Value": "A"}]},
    "recentcontact/get_list": {"From_Account": "alice", "TimeStamp": 0, "StartIndex": 0, "TopTimeStamp": 0,
                               "TopStartIndex": 0, "AssistFlags": 7},
    # Groups: the fuzz world holds a Public group "g1" (alice, bob; one message, a mute) and a live room "live1".
    "group_open_http_svc/create_group": {"Owner_Account": "alice", "Type": "Private", "Name": "n", "GroupId": "g2",
                                         "MemberList": [{"Member_Account": "bob", "Role": "Admin",
                                                         "AppMemberDefinedData": [{"Key": "k", "Value": "v"}]}],
                                         "AppDefinedData": [{"Key": "a", "Value": "b"}], "MaxMemberCount": 5},
    "group_open_http_svc/send_group_msg": {"GroupId": "g1", "From_Account": "alice", "Random": 5, "MsgBody": TEXT,
                                           "To_Account": ["bob"], "GroupAtInfo": [{"GroupAtAllFlag": 1}],
                                           "SendMsgControl": ["NoUnread"], "MsgPriority": "High"},
    "group_open_http_svc/get_group_info": {"GroupIdList": ["g1", "live1", "x"],
                                           "ResponseFilter": {"GroupBaseInfoFilter": ["Name"], "MemberInfoFilter": ["Role"],
                                                              "AppDefinedDataFilter_GroupMember": ["k"]}},
    "group_open_http_svc/add_group_member": {"GroupId": "g1", "MemberList": [{"Member_Account": "carol"}]},
    "group_open_http_svc/group_msg_get_simple": {"GroupId": "g1", "ReqMsgNumber": 5, "ReqMsgSeq": 2, "WithRecalledMsg": 1},
    "group_open_http_svc/import_group_msg": {"GroupId": "g1", "MsgList": [{"From_Account": "bob", "SendTime": 1700000000,
                                                                          "Random": 1, "MsgBody": TEXT}]},
    "group_open_http_svc/modify_group_member_info": {"GroupId": "g1", "Member_Account": "bob", "Role": "Admin",
                                                     "MuteTime": 0, "NameCard": "b"},
    "group_open_http_svc/set_group_attr": {"GroupId": "g1", "GroupAttr": [{"key": "k", "value": "v"}]},
    "group_open_http_svc/update_group_counter": {"GroupId": "g1", "Mode": "Increase",
                                                 "GroupCounter": [{"Key": "k", "Value": 2}]},
    "group_open_http_svc/get_specified_group_member_info": {"GroupId": "g1", "Member_List_Account": ["bob", "x"],
                                                            "MemberInfoFilter": ["Role"], "MemberRoleFilter": ["Member"]},
    "group_open_http_svc/group_msg_receipt": {"GroupId": "g1", "Member_Account": "bob", "MsgSeqList": [{"MsgSeq": 1}]},
    "group_open_http_svc/get_group_msg_receipt_detail": {"GroupId": "g1", "MsgSeq": 1, "Filter": 1, "Cursor": "",
                                                         "Count": 2},
    "group_open_http_svc/clear_group_msg": {"GroupId": "g1", "MsgSeq": 1},
    "group_open_http_svc/send_broadcast_msg": {"From_Account": "alice", "Random": 3, "MsgBody": TEXT},
    "million_group_open_http_svc/create_topic": {"GroupId": "g1", "TopicName": "t", "CustomString": "c"},
    "million_group_open_http_svc/get_topic": {"GroupId": "g1", "TopicIdList": ["g1@TOPIC#_x"], "From_Account": "alice"},
    "group_open_avchatroom_http_svc/get_members": {"GroupId": "live1", "Timestamp": 0, "Mark": 1000},
    "group_open_avchatroom_http_svc/modify_user_info": {"GroupId": "live1", "CommandType": 1,
                                                        "MemberList": [{"Member_Account": "alice", "Marks": [1000]}]},
    "group_open_avchatroom_http_svc/modify_admin": {"GroupId": "live1", "CommandType": 1, "Admin_Account": ["bob"]},
}
for name, obj in seeds.items():
    if name in names:
        write("rest_command_fuzzer", name.replace("/", "."), bytes([names.index(name)]) + body(obj).encode())

# fixture: the demo fixture and a small one with every section.
write("fixture_fuzzer", "demo", open(os.path.join(ROOT, "..", "..", "fixtures", "demo.json")).read())
write("fixture_fuzzer", "every-section", body({"apps": [{"sdkappid": 1400000009, "secret_key": "s", "admin": "root",
      "accounts": [{"user_id": "a", "nick": "A", "profile": {"Tag_Profile_IM_Gender": "Gender_Type_Female"},
                    "pendency_read_time": 1700000000},
                   {"user_id": "b"}],
      "friends": [{"owner": "a", "friend": "b", "remark": "r", "groups": ["g"], "add_source": "AddSource_Type_Web",
                   "add_time": 1700000000, "custom": [{"Tag": "Tag_SNS_Custom_Lv", "Value": 2}]}],
      "friend_requests": [{"from": "b", "to": "a", "groups": ["h"]}], "friend_groups": [{"owner": "a", "name": "e"}],
      "blacklist": [{"owner": "b", "blocked": "a"}],
      "messages": [{"from": "a", "to": "b", "time": 1700000100, "seq": 1, "random": 7, "body": TEXT}]}]}))
# Groups: members (one muted), a former member's mute, a tip, a recalled message, a seq gap, a live room's ban and
# a group conversation.
write("fixture_fuzzer", "groups", body({"apps": [{"sdkappid": 1400000010, "secret_key": "s",
      "accounts": [{"user_id": "a"}, {"user_id": "b"}, {"user_id": "c"}],
      "groups": [{"group_id": "@TGS#2FUZZ", "type": "Public", "name": "G", "owner": "a",
                  "app_defined_data": [{"Key": "k", "Value": "v"}], "attributes": {"x": "y"}, "counters": {"n": 1},
                  "members": [{"user_id": "a", "read_seq": 2}, {"user_id": "b", "role": "Admin", "mute_until": 4000000000}],
                  "mutes": [{"user_id": "c", "mute_until": 4000000000}],
                  "messages": [{"seq": 1, "from": "a", "time": 1700000100, "body": TEXT},
                               {"seq": 2, "kind": "tip", "time": 1700000200, "body": {"OpType": 1, "List_Account": ["b"]}},
                               {"seq": 4, "from": "b", "time": 1700000300, "flag_bits": 8, "body": TEXT}],
                  "receipts": [{"seq": 1, "user_id": "b", "read_time": 1700000400}]},
                 {"group_id": "@TGS#aLIVE", "type": "AVChatRoom", "name": "L", "members": [{"user_id": "c"}],
                  "bans": [{"user_id": "b", "banned_until": 4000000000, "description": "d"}], "admins": ["a"]},
                 {"group_id": "@TGS#_C", "type": "Community", "name": "C", "support_topic": True,
                  "members": [{"user_id": "a"}]},
                 {"group_id": "@TGS#_C@TOPIC#_t", "type": "Community", "name": "T", "topic_of": "@TGS#_C",
                  "custom_string": "cs", "messages": [{"seq": 1, "from": "a", "time": 1700000100, "body": TEXT}]}],
      "conversations": [{"owner": "b", "type": 2, "group_id": "@TGS#2FUZZ", "hidden": True, "pinned": True}]}]}))

# client_query: target line, newline, body; $TINYID/$A2/$SIG/$LPID are alice's (client_query_fuzzer.cpp).
COMMON = f"websdkappid=537048168&v=1.7.2&platform=10&contenttype=json&sdkappid={SDKAPPID}&accounttype=36862&apn=1"
def client(service, command, obj, login=False):
    ver = "v3" if service == "webim" else "v4"
    auth = "identifier=alice&usersig=$SIG" if login else "tinyid=$TINYID&a2=$A2"
    return f"/{ver}/{service}/{command}?{COMMON}&{auth}\n{body(obj)}"
write("client_query_fuzzer", "accesslayer", client("webim", "accesslayer", {}, True))
write("client_query_fuzzer", "login", client("openim", "login", {"State": "Online"}, True))
write("client_query_fuzzer", "longpolling", client("openim", "longpolling", {"Timeout": 60000, "Cookie": {"NoticeSeq": 0},
                                                                             "LongPollingId": "$LPID"}))
write("client_query_fuzzer", "getmsg", client("openim", "getmsg", {"Cookie": "", "SyncFlag": 1, "needAbstract": 1}))
write("client_query_fuzzer", "sendmsg", client("openim", "sendmsg", {"To_Account": "bob", "MsgSeq": 3, "MsgRandom": 4,
                                                                     "MsgTimeStamp": 1700000100, "MsgBody": TEXT}))
write("client_query_fuzzer", "portrait", client("profile", "portrait_get", {"To_Account": ["bob"], "TagList": ["Tag_Profile_IM_Nick"]}))
