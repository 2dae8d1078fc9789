#!/usr/bin/env python3
"""Writes the seed corpus of chat_frame_fuzzer (tests/fuzz/corpus/chat_frame_fuzzer/; run from the checkout:
tests/fuzz/make_chat_frame_corpus.py).

An input is one flags byte (bit 0: a /info text socket instead of /binfo) and then frames separated by "\\n##\\n"
(chat_frame_fuzzer.cpp). Frames are the SDK's own (reference/modern-sdk-protocol.md §3.1, §6), with the tokens
$A2, $TINYID, $SIG and $BOBSIG the fuzzer replaces by alice's login and valid sigs, so mutations start inside
the logged-in paths.
"""
import json, os, zlib

ROOT = os.path.dirname(os.path.abspath(__file__))
FOLDER = os.path.join(ROOT, "corpus", "chat_frame_fuzzer")
SDKAPPID = 1400000000
SEP = b"\n##\n"
TEXT = [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "hi"}}]


def frame(servcmd, seq, body, **head):
    h = {"ver": "v4", "platform": 7, "websdkappid": 537048168, "websdkversion": "1.7.3", "sdkappid": SDKAPPID,
         "contenttype": "json", "reqtime": 1700000100, "status_instid": 1, "sdkability": 2, "cappid": 0, "cs": 0}
    h.update(head)
    h["servcmd"] = servcmd
    h["seq"] = seq
    return json.dumps({"head": h, "body": body}, separators=(",", ":"), ensure_ascii=False).encode()


def logged_in(servcmd, seq, body):
    return frame(servcmd, seq, body, a2="$A2", tinyid="$TINYID")


def write(name, frames, text_socket=False):
    os.makedirs(FOLDER, exist_ok=True)
    with open(os.path.join(FOLDER, name), "wb") as out:
        out.write(bytes([1 if text_socket else 0]) + SEP.join(frames))


WSLOGIN = frame("im_open_status.wslogin", 10, {"State": "Online", "is_web_uniapp": 0, "InstType": 0, "CustomInfo": ""},
                identifier="alice", usersig="$SIG")
RELOGIN = frame("im_open_status.wslogin", 11, {"State": "Online"}, a2="$A2", tinyid="$TINYID")
SENDMSG = logged_in("openim.sendmsg", 20, {
    "From_Account": "alice", "To_Account": "bob", "MsgSeq": 1003, "MsgRandom": 2270256370, "MsgBody": TEXT,
    "CloudCustomData": "", "SendMsgControl": [], "MsgClientTime": 1700000100, "IsNeedReadReceipt": 0})
GETMSG = logged_in("openim.getmsg", 30, {"Cookie": "", "SyncFlag": 0, "NeedAbstract": 1, "IsOnlineSync": 0,
                                         "NeedSignaling": 1, "NeedCachedMsg": 1})
GETROAM = logged_in("openim.getroammsg", 40, {"Peer_Account": "bob", "MaxCnt": 15, "LastMsgTime": 0, "MsgKey": "",
                                              "WithRecalledMsg": 1, "GetDirection": 0})
PAGE_GET = logged_in("recentcontact.page_get", 50, {"From_Account": "alice", "TimeStamp": 0, "StartIndex": 0,
                                                    "TopTimeStamp": 0, "TopStartIndex": 0, "OrderType": 1,
                                                    "MsgAssistFlags": 15, "AssistFlags": 31})

write("wslogin", [WSLOGIN])
write("relogin-then-getroammsg", [RELOGIN, GETROAM])
write("sendmsg-twice", [SENDMSG, SENDMSG])
write("getmsg-then-readed", [GETMSG, logged_in("openim.msgreaded", 31, {"C2CMsgReaded": {"Cookie": "", "C2CMsgReadedItem": [
    {"To_Account": "bob", "LastedMsgTime": 1700000100, "Receipt": 1}]}})])
write("sync-set", [
    frame("heartbeat.alive", 1, {}),
    logged_in("profile.portrait_get_all", 2, {"From_Account": "alice", "UserItem": [
        {"To_Account": "alice", "StandardSequence": 0, "CustomSequence": 0}]}),
    logged_in("sns.black_list_get", 3, {"From_Account": "alice", "StartIndex": 0, "MaxLimited": 30}),
    PAGE_GET,
    logged_in("sns.friend_get", 5, {"From_Account": "alice", "StartIndex": 0, "StandardSequence": 0, "CustomSequence": 0}),
    logged_in("recentcontact.get_contact_group", 6, {"From_Account": "alice", "StartIndex": 0}),
    frame("im_sdk_config_mgr.fetch_config", 7, {"uint32_sdkappid": SDKAPPID, "uint64_version": 0}),
    frame("imopenstat.tim_web_report_v2", 8, {"Header": {}, "Event": [], "Quality": []}, identifier="", usersig=""),
])
write("mark-peer-read-logout", [
    logged_in("recentcontact.mark_contact", 60, {"From_Account": "alice", "MarkItem": [
        {"OptType": 1, "ContactItem": {"Type": 1, "To_Account": "bob"}, "SetMark": [0]}]}),
    logged_in("openim.get_peer_read_time", 61, {"To_Account": ["bob", "carol"]}),
    logged_in("openim.ws_msg_push_ack", 62, {"SessionData": "sd-1"}),
    logged_in("im_open_status.wslogout", 63, {"wslogout_type": 0, "is_web_uniapp": 0}),
    PAGE_GET,
])
write("comp-getmsg", [b"COMP" + zlib.compress(GETMSG.replace(b',"a2":"$A2","tinyid":"$TINYID"', b""), 1)])
write("text-socket-sendmsg", [SENDMSG, GETROAM], text_socket=True)
write("unknown-servcmd", [logged_in("im_cos_sign_svr.cos", 70, {"Type": "Public", "Name": "g"})])
# Groups (modern-sdk-groups.md §3): the world's group g1 (alice owns it, bob is in it) and one made here.
write("group-flow", [
    logged_in("group_open_http_svc.create_group", 80, {"Type": "Public", "Name": "g", "GroupId": "made",
              "Owner_Account": "alice", "MemberList": [{"Member_Account": "bob"}], "ApplyJoinOption": "NeedPermission"}),
    logged_in("group_open_http_svc.send_group_msg", 81, {"GroupId": "g1", "Random": 5, "MsgBody": TEXT,
              "MsgClientTime": 1700000100, "GroupAtInfo": [{"GroupAtAllFlag": 0, "GroupAt_Account": "bob"}]}),
    logged_in("group_open_http_svc.group_msg_get", 82, {"GroupId": "g1", "ReqMsgSeq": 3, "ReqMsgNumber": 15}),
    logged_in("group_open_http_svc.msg_read_report", 83, {"GroupId": "g1", "MsgReadedSeq": 2}),
    logged_in("group_open_http_svc.get_group_self_member_info", 84, {"GroupIdList": ["g1", "made"], "ResponseFilter": {
        "GroupBaseInfoFilter": ["Type", "Name", "NextMsgSeq"], "MemberInfoFilter": ["Role", "MsgSeq"]}}),
    logged_in("group_open_http_svc.group_msg_recall", 85, {"GroupId": "g1", "MsgSeqList": [{"MsgSeq": 1}]}),
    logged_in("group_open_http_svc.get_joined_group_list", 86, {"Member_Account": "alice", "Limit": 200, "Offset": 0}),
    PAGE_GET,
])
write("group-membership", [
    logged_in("group_open_http_svc.apply_join_group", 90, {"GroupId": "live1", "ApplyMsg": "hi"}),
    logged_in("group_open_http_svc.quit_group", 91, {"GroupId": "live1"}),
    logged_in("group_open_http_svc.handle_apply_join_group", 92, {"GroupId": "g1", "Applicant_Account": "bob",
              "HandleMsg": "Agree"}),
    logged_in("group_open_http_svc.get_pendency", 93, {"StartTime": 0, "Limit": 20, "Handle_Account": "alice"}),
    logged_in("group_open_http_svc.modify_group_member_info", 94, {"GroupId": "g1", "Member_Account": "bob",
              "ShutUpTime": 60}),
    logged_in("group_open_http_svc.destroy_group", 95, {"GroupId": "g1"}),
])
write("conversation-actions", [
    logged_in("recentcontact.top", 100, {"From_Account": "alice", "OperationType": 1, "RecentContactItem": [
        {"Type": 1, "To_Account": "bob"}, {"Type": 2, "GroupId": "g1"}]}),
    logged_in("recentcontact.batch_delete", 101, {"From_Account": "alice", "ClearRamble": 1, "ContactItem": [
        {"Type": 1, "To_Account": "bob"}, {"Type": 2, "ToGroupid": "g1"}]}),
    logged_in("recentcontact.clear_msg", 102, {"From_Account": "alice", "To_Account": "bob", "Type": 1}),
    logged_in("openim.read_all_unread_msg", 103, {"C2CReadAllMsg": 1, "GroupReadInfo": [{"GroupId": "g1", "MsgSeq": 9}]}),
])
