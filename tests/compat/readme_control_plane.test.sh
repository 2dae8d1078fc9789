#!/usr/bin/env bash
# Compat: the curl lines of README.md's "Driving timock from a test suite", taken from between its
# readme-test markers and run as written against a timock started here, then their replies checked.
# The README and this test cannot drift apart: change a line there and this test runs the change.
# Usage: readme_control_plane.test.sh path/to/timock
set -uo pipefail
timock="$(realpath "$1")"
here="$(cd "$(dirname "$0")" && pwd)"
readme="$here/../../README.md"
. "$here/harness.sh"
harness_begin readme

passed=0
failed=0
check() {  # check "what it shows" COMMAND...: passes when the command succeeds
  local what="$1"
  shift
  if "$@" >/dev/null 2>&1; then
    passed=$((passed + 1))
    echo "ok   $what"
  else
    failed=$((failed + 1))
    echo "FAIL $what"
  fi
}
count_of() { grep -c -- "$1" out.txt; }
all_in() {  # all_in FILE PATTERN...: every pattern is found in FILE
  local file="$1"
  shift
  for pattern in "$@"; do grep -q -- "$pattern" "$file" || return 1; done
}

# The block between the markers, without its code fence.
sed -n '/<!-- readme-test:begin -->/,/<!-- readme-test:end -->/p' "$readme" | grep -v -e '^<!--' -e '^```' >block.sh
check "the README has the marked block, written for 127.0.0.1:9000" grep -q '^BASE=http://127.0.0.1:9000$' block.sh

harness_start
base="http://127.0.0.1:$PORT"

sed "s#http://127.0.0.1:9000#$base#g" block.sh >run.sh
bash run.sh >out.txt 2>err.txt
status=$?
echo "--- what the README's lines printed:"
cat out.txt err.txt
echo "---"
check "the lines run without an error" test "$status" -eq 0 -a ! -s err.txt

# 1. The app, created with the given id and secret.
check "1. the app is created" grep -q '^{"sdkappid":1400000123,"secret_key":"my-test-secret"' out.txt
# 2. The fixture is loaded: the reply is the app's new state.
grep -m1 '^{"apps":\[{"sdkappid":1400000123,' out.txt >fixture.txt
check "2. the fixture is loaded with alice, bob and their message" \
  all_in fixture.txt '"user_id":"alice"' '"user_id":"bob"' '"Text":"hi"'
# 3. Twice 20003, then OK.
check "3. the fault rule is added" \
  grep -q '^{"id":"flaky","match":{"service":"openim","command":"sendmsg","identifier":"alice"}' out.txt
check "3. sendmsg fails exactly twice with 20003" test "$(count_of '^{"ActionStatus":"FAIL","ErrorCode":20003,')" -eq 2
first_fail="$(grep -n -m1 '^{"ActionStatus":"FAIL","ErrorCode":20003,' out.txt | cut -d: -f1)"
sed -n "$((${first_fail:-0} + 2))p" out.txt >third.txt
check "3. then the third sendmsg succeeds with a MsgKey" \
  grep -q '^{"ActionStatus":"OK","ErrorCode":0,.*"MsgKey":"[0-9]*_3_[0-9]*"' third.txt
msg_key="$(sed 's/.*"MsgKey":"\([^"]*\)".*/\1/' third.txt)"
# 4. The clock moves 61 s, the 60-second sig is refused, the clock comes back.
check "4. the clock moves 61 s ahead" grep -q '^{"now":[0-9]*,"offset_s":61,"frozen":false}' out.txt
check "4. the short sig is refused with 70001" test "$(count_of '^{"ActionStatus":"FAIL","ErrorCode":70001,')" -eq 1
grep '^{"now":' out.txt | tail -1 >clock.txt
check "4. the clock is put back" grep -q '"offset_s":0,' clock.txt
# 5. The journal shows the three sends: what was sent and what each got.
grep -m1 '^{"entries":' out.txt >journal.txt
check "5. the journal has the three sends as they were sent" \
  all_in journal.txt '"request":{"From_Account":"alice","To_Account":"bob","MsgRandom":1,' '"Text":"try 2"' \
  '"Text":"try 3"'
check "5. two entries carry 20003 and name the fault rule" \
  test "$(grep -o '"error_code":20003,"latency_ms":[^,]*,"fault_rule":"flaky"' journal.txt | wc -l)" -eq 2
check "5. the journal holds the reply the client got" grep -q "\"MsgKey\":\"${msg_key:-none}\"" journal.txt
# 6. The copy under another id: same keys, same data, and only the sdkappid differs.
grep -m1 '^{"apps":\[{"sdkappid":1400000124,' out.txt >copy.txt
check "6. the snapshot is loaded into 1400000124" all_in copy.txt '"secret_key":"my-test-secret"' '"Text":"try 3"'
curl -s "$base/mock/apps/1400000123/snapshot" | sed 's/"sdkappid":1400000123,//' >a.json
curl -s "$base/mock/apps/1400000124/snapshot" | sed 's/"sdkappid":1400000124,//' >b.json
check "6. both apps export the same JSON apart from the sdkappid" cmp -s a.json b.json
sig="$(curl -s -X POST "$base/mock/apps/1400000124/usersig" -d '{"identifier":"administrator"}' |
  sed 's/.*"usersig":"\([^"]*\)".*/\1/')"
curl -s -X POST "$base/v4/openim/admin_getroammsg?sdkappid=1400000124&identifier=administrator&usersig=$sig" \
  -d '{"Operator_Account":"alice","Peer_Account":"bob","MaxCnt":10,"MinTime":0,"MaxTime":4000000000}' >roam.txt
check "6. the copy answers REST calls with the copied messages" \
  all_in roam.txt '"ErrorCode":0,' '"MsgCnt":2,' "\"MsgKey\":\"${msg_key:-none}\""

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
