#!/usr/bin/env bash
# Browser: the web console (/console) in Debian's headless Chromium, driven by playwright-core from npm through
# console.js's scenario. playwright-core is installed at test time into a temporary folder and drives the
# system's Chromium: no browser is downloaded. Screenshots of the main views are taken on every run; with
# TIMOCK_UPDATE_SCREENSHOTS=1 they are written to docs/console/ (README shows them), else to a temporary folder,
# so a test run never leaves the checkout changed.
# Usage: console.test.sh path/to/timock path/to/chromium
set -uo pipefail
timock="$(realpath "$1")"
chromium="${2:-/usr/bin/chromium}"
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../compat/harness.sh"
harness_begin console
harness_npm playwright-core@1.65.1

token="console-test-token"
harness_start --control-token "$token"

shots="$work/screenshots"
[ "${TIMOCK_UPDATE_SCREENSHOTS:-0}" = 1 ] && shots="$here/../../docs/console"
mkdir -p "$shots"
BASE="http://127.0.0.1:$PORT" TOKEN="$token" CHROMIUM="$chromium" SCREENSHOT_DIR="$shots" \
  NODE_PATH="$work/node_modules" timeout 300 node "$here/console.js"
status=$?
[ "$status" -eq 0 ] || tail -20 server.log
exit "$status"
