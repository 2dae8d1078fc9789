#!/usr/bin/env bash
# Writes tests/data/schema-v4.db, a database as timock's schema version 4 (schema/001..004) leaves it, and
# tests/data/schema-v4.expect.json, what the REST API answered about it. tests/unit/schema_upgrade_test.cpp
# opens a copy with the current code, which migrates it, and asks the same questions: a schema change that
# loses or alters a message, an unread count or a conversation fails there.
#
# Usage: scripts/make_schema_v4_db.sh [path/to/timock]   (or $TIMOCK_BINARY)
# The binary must be one whose newest migration is 004; the script refuses a database of any other version.
# It starts the binary on a free port with the demo fixture, freezes the server clock, stores every kind of
# C2C state through the REST API (and pins through a snapshot: no REST command pins), records the replies
# of admin_getroammsg (every pair with messages), get_c2c_unread_msg_num and recentcontact/get_list (every
# user), stops the server with SIGTERM and compacts the file.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
timock="$(realpath "${1:-${TIMOCK_BINARY:?usage: $0 path/to/timock (or set TIMOCK_BINARY)}}")"
out_db=tests/data/schema-v4.db
out_expect=tests/data/schema-v4.expect.json
app=1400000000
admin=administrator
users=(administrator zhangsan lisi wangwu zhaoliu xiaoming)

work="$(mktemp -d /tmp/timock-schema-v4-XXXXXX)"
pid=""
cleanup() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

"$timock" serve --listen 127.0.0.1:0 --port-file "$work/port" --db "$work/schema-v4.db" \
  --fixture fixtures/demo.json --log-level warn >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 200); do [ -s "$work/port" ] && break; sleep 0.05; done
if [ ! -s "$work/port" ]; then
  cat "$work/server.log" >&2
  echo "timock did not start" >&2
  exit 1
fi
base="http://127.0.0.1:$(cat "$work/port")"

control() {  # METHOD PATH [BODY]: a /mock call that must succeed; prints the reply
  if [ $# -ge 3 ]; then
    curl -sS -f -X "$1" "$base$2" --data-binary "$3"
  else
    curl -sS -f -X "$1" "$base$2"
  fi
}

# The server's clock, frozen: every MsgTime, MsgKey and read mark below is the same on every run.
now=0
at() {
  now=$1
  control PUT /mock/clock "{\"now\":$now,\"frozen\":true}" >/dev/null
}
at 1700100000

sig="$(control POST /mock/apps/$app/usersig "{\"identifier\":\"$admin\"}" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["usersig"])')"
query="sdkappid=$app&identifier=$admin&usersig=$sig&random=1&contenttype=json"

rest() {  # PATH BODY: a REST call that must answer ErrorCode 0; prints the reply
  local reply
  reply="$(curl -sS -X POST "$base/v4/$1?$query" --data-binary "$2")"
  case "$reply" in
    *'"ErrorCode":0'*) printf '%s' "$reply" ;;
    *)
      echo "$1 $2 -> $reply" >&2
      exit 1
      ;;
  esac
}
record() {  # PATH BODY: a question whose reply goes into the expectations
  local reply
  reply="$(rest "$1" "$2")"
  printf '{"path":"%s","body":%s,"reply":%s}\n' "$1" "$2" "$reply" >>"$work/replies.jsonl"
}

# MsgRandom is MsgSeq + 500000 throughout; MsgKey = MsgSeq_MsgRandom_MsgTime (reference/rest-api.md §6.2).
random_of() { echo $(($1 + 500000)); }
key_of() { echo "$1_$(random_of "$1")_$2"; }
text() { printf '[{"MsgType":"TIMTextElem","MsgContent":{"Text":"%s"}}]' "$1"; }
send() {  # FROM TO SEQ TEXT [MORE_FIELDS]
  rest openim/sendmsg "{\"From_Account\":\"$1\",\"To_Account\":\"$2\",\"MsgSeq\":$3,\"MsgRandom\":$(random_of "$3"),\"MsgBody\":$(text "$4")${5:+,$5}}" >/dev/null
}
import_msg() {  # SYNC FROM TO SEQ TIME TEXT
  rest openim/importmsg "{\"SyncFromOldSystem\":$1,\"From_Account\":\"$2\",\"To_Account\":\"$3\",\"MsgSeq\":$4,\"MsgRandom\":$(random_of "$4"),\"MsgTimeStamp\":$5,\"MsgBody\":$(text "$6")}" >/dev/null
}
delete_contact() {  # OWNER PEER [CLEAR_RAMBLE]
  rest recentcontact/delete "{\"From_Account\":\"$1\",\"Type\":1,\"To_Account\":\"$2\",\"ClearRamble\":${3:-0}}" >/dev/null
}
mark() {  # OWNER MARK_ITEM_FIELDS PEER
  rest recentcontact/mark_contact "{\"From_Account\":\"$1\",\"MarkItem\":[{$2,\"ContactItem\":{\"Type\":1,\"To_Account\":\"$3\"}}]}" >/dev/null
}

# The demo fixture holds 8 messages (zhangsan<->lisi, wangwu->zhangsan, zhaoliu->lisi, administrator->xiaoming).
# Pins exist in the store but no REST command sets them (README: recentcontact): they come in through the
# snapshot, as a client's pins would through a fixture. xiaoming's pin of zhangsan is an empty conversation.
control GET /mock/apps/$app/snapshot | python3 -c '
import json, sys
snapshot = json.load(sys.stdin)
snapshot["apps"][0].setdefault("conversations", []).extend(
    {"owner": owner, "peer": peer, "pinned": True}
    for owner, peer in [("zhangsan", "wangwu"), ("lisi", "zhaoliu"), ("wangwu", "zhangsan"), ("xiaoming", "zhangsan")])
json.dump(snapshot, sys.stdout, ensure_ascii=False)' >"$work/pinned.json"
curl -sS -f -X PUT "$base/mock/apps/$app/snapshot" --data-binary @"$work/pinned.json" >/dev/null

t=1700100000
at $t
send zhangsan lisi 101 "明天见"
at $((t += 60))
send lisi zhangsan 102 "好的，明天见！"
at $((t += 60))
send zhangsan wangwu 103 "（不同步到张三的其他终端）" '"SyncOtherMachine":2'
at $((t += 60))
send wangwu zhaoliu 104 "赵六，文件发你了" '"SyncOtherMachine":1'
at $((t += 60))
send zhaoliu wangwu 105 "收到（不计未读）" '"SendMsgControl":["NoUnread"]'
at $((t += 60))
send xiaoming zhaoliu 106 "六哥好" '"CloudCustomData":"{\"ref\":\"x1\"}"'
t_106=$t
at $((t += 60))
send zhaoliu xiaoming 107 "你好小明"
at $((t += 60))
# History from an old system: no unread, and an older message never becomes a conversation's last one.
import_msg 2 wangwu lisi 108 1600000000 "（旧系统）李四你好"
import_msg 2 lisi wangwu 109 1600000060 "（旧系统）王五你好"
import_msg 2 zhangsan lisi 110 1690000000 "（旧系统）老同学"
at $((t += 60))
import_msg 5 zhaoliu zhangsan 111 $t "实时导入：张三你好"
at $((t += 60))
rest openim/batchsendmsg "{\"From_Account\":\"$admin\",\"To_Account\":[\"zhangsan\",\"lisi\",\"wangwu\",\"zhaoliu\",\"xiaoming\"],\"MsgSeq\":112,\"MsgRandom\":$(random_of 112),\"MsgBody\":$(text "系统通知：今晚 22:00 维护")}" >/dev/null
at $((t += 60))
# One MsgKey each way in the same second: a roaming page never ends between them.
send zhangsan lisi 113 "同一秒"
send lisi zhangsan 113 "同一秒"
at $((t += 60))
rest openim/admin_set_msg_read '{"Report_Account":"lisi","Peer_Account":"zhangsan"}' >/dev/null
at $((t += 60))
# Up to the first of wangwu's two demo messages (1700002000, 1700002010) only.
rest openim/admin_set_msg_read '{"Report_Account":"zhangsan","Peer_Account":"wangwu","MsgReadTime":"1700002005"}' >/dev/null
at $((t += 60))
# An unread message (zhangsan's count drops) and a read one.
rest openim/admin_msgwithdraw "{\"From_Account\":\"lisi\",\"To_Account\":\"zhangsan\",\"MsgKey\":\"$(key_of 102 1700100060)\"}" >/dev/null
rest openim/admin_msgwithdraw "{\"From_Account\":\"zhangsan\",\"To_Account\":\"lisi\",\"MsgKey\":\"$(key_of 101 1700100000)\"}" >/dev/null
at $((t += 60))
rest openim/modify_c2c_msg "{\"From_Account\":\"xiaoming\",\"To_Account\":\"zhaoliu\",\"MsgKey\":\"$(key_of 106 $t_106)\",\"MsgBody\":$(text "六哥好（已编辑）"),\"CloudCustomData\":\"{\\\"ref\\\":\\\"x2\\\"}\"}" >/dev/null
at $((t += 60))
delete_contact lisi zhaoliu         # pinned: unpinned and hidden; zhaoliu's next message shows it again
at $((t += 60))
delete_contact xiaoming "$admin"    # hidden for good; its messages still count as unread
at $((t += 60))
delete_contact wangwu zhangsan 1    # pinned, and its history leaves wangwu's view; zhangsan writes again
at $((t += 60))
delete_contact zhaoliu wangwu 1     # gone from zhaoliu's view for good; wangwu keeps it
at $((t += 60))
send zhaoliu lisi 114 "李四，在吗？"
at $((t += 60))
send zhangsan wangwu 115 "王五，周五见"
at $((t += 60))
mark zhangsan '"OptType":3,"SetMark":[0,63],"CustomMark":"同学"' lisi
mark zhangsan '"OptType":1,"SetMark":[1,2]' wangwu
mark lisi '"OptType":2,"CustomMark":"老同学"' zhangsan
mark xiaoming '"OptType":1,"SetMark":[3]' lisi   # an empty conversation, marked
at $((t += 60))
mark zhangsan '"OptType":1,"ClearMark":[1]' wangwu
at $((t += 60))
send wangwu zhangsan 116 "好的"

# The questions, at a later frozen time (get_list answers it when complete).
at $((t += 3600))
for op in "${users[@]}"; do
  for peer in "${users[@]}"; do
    [ "$op" = "$peer" ] && continue
    record openim/admin_getroammsg "{\"Operator_Account\":\"$op\",\"Peer_Account\":\"$peer\",\"MaxCnt\":100,\"MinTime\":0,\"MaxTime\":4000000000}"
  done
done
for owner in "${users[@]}"; do
  record openim/get_c2c_unread_msg_num "{\"To_Account\":\"$owner\"}"
  peers="$(printf '"%s",' "${users[@]}")"
  record openim/get_c2c_unread_msg_num "{\"To_Account\":\"$owner\",\"Peer_Account\":[${peers%,}]}"
  for flags in 0 3; do
    record recentcontact/get_list "{\"From_Account\":\"$owner\",\"TimeStamp\":0,\"StartIndex\":0,\"TopTimeStamp\":0,\"TopStartIndex\":0,\"AssistFlags\":$flags}"
  done
done

# SIGTERM: timock stops cleanly and closes the database.
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=""
if [ "$status" -ne 0 ]; then
  cat "$work/server.log" >&2
  echo "timock exited with status $status" >&2
  exit 1
fi

python3 - "$work/schema-v4.db" "$work/replies.jsonl" "$app" "$now" "$out_expect" <<'PY'
import json, os, sqlite3, sys

db, replies, app, now, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
con = sqlite3.connect(db)
version = con.execute("PRAGMA user_version").fetchone()[0]
if version != 4:
    sys.exit(f"the database is at schema version {version}, not 4: run this script with a binary of schema 004")
if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
    sys.exit("the database fails PRAGMA integrity_check")
con.execute("VACUUM")
con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
counts = {table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
          for table in ("accounts", "c2c_messages", "c2c_conversations")}
con.close()
for companion in ("-wal", "-shm"):
    if os.path.exists(db + companion) and os.path.getsize(db + companion) > 0:
        sys.exit(f"{db}{companion} is left over: the database is not in one file")

# What each answer means; the envelope and get_list's cursors (the clock's time once complete) are left out.
kept = {
    "openim/admin_getroammsg": ["Complete", "MsgCnt", "LastMsgTime", "LastMsgKey", "MsgList"],
    "openim/get_c2c_unread_msg_num": ["AllC2CUnreadMsgNum", "C2CUnreadMsgNumList", "ErrorList"],
    "recentcontact/get_list": ["SessionItem", "CompleteFlag"],
}
calls = [json.loads(line) for line in open(replies, encoding="utf-8")]
# Roaming: every ordered pair of which either side sees a message (an emptied view counts: it must stay so).
seen = {frozenset((c["body"]["Operator_Account"], c["body"]["Peer_Account"]))
        for c in calls if c["path"] == "openim/admin_getroammsg" and c["reply"]["MsgList"]}
calls = [c for c in calls if c["path"] != "openim/admin_getroammsg"
         or frozenset((c["body"]["Operator_Account"], c["body"]["Peer_Account"])) in seen]
for c in calls:
    c["reply"] = {k: c["reply"][k] for k in kept[c["path"]] if k in c["reply"]}
expect = {
    "about": "Replies of timock at schema version 4 about tests/data/schema-v4.db, written by "
             "scripts/make_schema_v4_db.sh; tests/unit/schema_upgrade_test.cpp asks the same questions.",
    "sdkappid": app,
    "schema_version": version,
    "now": now,
    "rows": counts,
    "calls": calls,
}
with open(out, "w", encoding="utf-8") as f:
    json.dump(expect, f, ensure_ascii=False, indent=1)
    f.write("\n")
print(f"schema {version}: {counts}, {len(calls)} calls recorded")
PY
cp "$work/schema-v4.db" "$out_db"
echo "wrote $out_db ($(stat -c %s "$out_db") bytes) and $out_expect"
