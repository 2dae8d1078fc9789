#!/usr/bin/env bash
# Compat: a group screen on the real @tencentcloud/chat 3.6.6 from npm against timock (`proxyServer`), as a new
# user would build it: a Public group that needs approval (search, apply, the owner's notice and answer), member
# lists and profiles, roles, name cards, mutes (one member, then everyone), @-mentions that show in the
# conversation list and clear on read, a custom message revoked by an admin, history paged to the start, invite,
# kick with a reason, a new owner, Meeting, Community and AVChatRoom groups, a Work group's rules. Installed at
# test time, never vendored.
# Usage: chat_sdk_groups.test.sh path/to/timock
set -uo pipefail
timock="$(realpath "$1")"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d /tmp/timock-chatgroups-XXXXXX)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

cd "$work"
npm init -y >/dev/null
if ! npm install --no-audit --no-fund --loglevel=error @tencentcloud/chat@3.6.6 ws@8 >npm.log 2>&1; then
  cat npm.log
  echo "0 passed, 1 failed"
  exit 1
fi

"$timock" serve --listen 127.0.0.1:0 --port-file port --db :memory: >server.log 2>&1 &
pid=$!
for _ in $(seq 1 200); do [ -s port ] && break; sleep 0.05; done
[ -s port ] || { cat server.log; echo "timock did not start"; echo "0 passed, 1 failed"; exit 1; }

PORT="$(cat port)" NODE_PATH="$work/node_modules" timeout 240 node "$here/chat_sdk_groups.js" >out.txt 2>&1
status=$?
grep -E '^(ok|FAIL) |passed, ' out.txt
[ "$status" -eq 0 ] || { echo "-- output (tail)"; grep -v '^ \(Chat\|TIM\) ' out.txt | tail -20; echo "-- timock log (tail)"; tail -20 server.log; }
exit "$status"
