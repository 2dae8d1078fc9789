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
. "$here/harness.sh"
harness_begin chatgroups
harness_npm @tencentcloud/chat@3.6.6 ws@8
harness_start

PORT="$PORT" NODE_PATH="$work/node_modules" timeout 240 node "$here/chat_sdk_groups.js" >out.txt 2>&1
status=$?
grep -E '^(ok|FAIL) |passed, ' out.txt
[ "$status" -eq 0 ] || { echo "-- output (tail)"; grep -v '^ \(Chat\|TIM\) ' out.txt | tail -20; echo "-- timock log (tail)"; tail -20 server.log; }
exit "$status"
