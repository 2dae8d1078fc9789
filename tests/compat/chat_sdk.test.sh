#!/usr/bin/env bash
# Compat: the real modern Chat SDKs from npm against timock over its WebSocket (`proxyServer`):
# @tencentcloud/chat 3.6.6, tim-js-sdk 2.27.6 (with a minimal browser shim) and tim-wx-sdk 2.27.6 (with a
# minimal `wx` shim, as in a WeChat mini program), each through chat_sdk.js's
# scenario — login, conversation list, history, chat both ways, a friend request accepted and a block (20007),
# a REST send received live, read marks, a
# conversation mark, a read receipt, a read report, an edit, a delete, a pin seen by another device, a receive
# option (and Discard's effect), a mark and conversation-group changes seen live by another device, user status,
# a ninth device's kick (exactly one KICKED_OUT), a fault rule, logout, a REST kick, sig expiry, and an AVChatRoom in
# long-poll mode (app option chatsdk_avchatroom_delivery). Installed at test time, never vendored.
# Usage: chat_sdk.test.sh path/to/timock
set -uo pipefail
timock="$(realpath "$1")"
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/harness.sh"
harness_begin chatsdk
harness_npm @tencentcloud/chat@3.6.6 tim-js-sdk@2.27.6 tim-wx-sdk@2.27.6 ws@8
harness_start

passed=0
failed=0
run() {  # run LABEL ENV...: the scenario with one SDK build
  local label="$1"
  shift
  echo "== $label"
  env "$@" PORT="$PORT" NODE_PATH="$work/node_modules" timeout 180 node "$here/chat_sdk.js" >"out-$label.txt" 2>&1
  grep -v '^ \(Chat\|TIM\) ' "out-$label.txt" | grep -E '^(ok|FAIL) |passed, ' | sed 's/^/  /'
  local line
  line="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "out-$label.txt" | tail -1)"
  if [ -z "$line" ]; then
    tail -30 "out-$label.txt"
    failed=$((failed + 1))
    return
  fi
  passed=$((passed + $(echo "$line" | cut -d' ' -f1)))
  failed=$((failed + $(echo "$line" | cut -d' ' -f3)))
}
run chat-3.6.6 SDK_MODULE=@tencentcloud/chat
run tim-js-sdk-2.27.6 SDK_MODULE=tim-js-sdk BROWSER_SHIMS=1
run tim-wx-sdk-2.27.6 SDK_MODULE=tim-wx-sdk WX_SHIM=1

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
