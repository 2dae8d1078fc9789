#!/usr/bin/env bash
# Compat: timock's third-party callbacks (reference/rest-api.md §7) received by an Express app from npm that
# checks them as a Node back end would: SdkAppid, and Sign = hex(sha256(Token + RequestTime)) with node:crypto.
# The receiver allows, refuses ("forbidden" → 20006) and rewrites ("swear" → "***") C2C sends, sees the after-
# callbacks follow the replies, and refuses (401) once timock's token no longer matches its own, which the
# default on_failure "allow" lets through and the journal records. Installed at test time, never vendored.
# Usage: callbacks_express.test.sh path/to/timock
set -uo pipefail
timock="$(realpath "$1")"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d /tmp/timock-cbexpress-XXXXXX)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

cd "$work"
npm init -y >/dev/null
if ! npm install --no-audit --no-fund --loglevel=error express@4.21.2 >npm.log 2>&1; then
  cat npm.log
  echo "0 passed, 1 failed"
  exit 1
fi

"$timock" serve --listen 127.0.0.1:0 --port-file port --db :memory: >server.log 2>&1 &
pid=$!
for _ in $(seq 1 200); do [ -s port ] && break; sleep 0.05; done
[ -s port ] || { cat server.log; echo "timock did not start"; echo "0 passed, 1 failed"; exit 1; }

PORT="$(cat port)" NODE_PATH="$work/node_modules" timeout 120 node "$here/callbacks_express.js"
status=$?
[ "$status" -eq 0 ] || { echo "-- timock log (tail)"; tail -20 server.log; }
exit "$status"
