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
work="$(mktemp -d /tmp/timock-console-XXXXXX)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

cd "$work"
npm init -y >/dev/null
if ! npm install --no-audit --no-fund --loglevel=error playwright-core@1.65.1 >npm.log 2>&1; then
  cat npm.log
  echo "0 passed, 1 failed"
  exit 1
fi

token="console-test-token"
"$timock" serve --listen 127.0.0.1:0 --port-file port --db :memory: --control-token "$token" >server.log 2>&1 &
pid=$!
for _ in $(seq 1 200); do [ -s port ] && break; sleep 0.05; done
[ -s port ] || { cat server.log; echo "timock did not start"; echo "0 passed, 1 failed"; exit 1; }

shots="$work/screenshots"
[ "${TIMOCK_UPDATE_SCREENSHOTS:-0}" = 1 ] && shots="$here/../../docs/console"
mkdir -p "$shots"
BASE="http://127.0.0.1:$(cat port)" TOKEN="$token" CHROMIUM="$chromium" SCREENSHOT_DIR="$shots" \
  NODE_PATH="$work/node_modules" timeout 300 node "$here/console.js"
status=$?
[ "$status" -eq 0 ] || tail -20 server.log
exit "$status"
