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
. "$here/harness.sh"
harness_begin cbexpress
harness_npm express@4.21.2
harness_start

PORT="$PORT" NODE_PATH="$work/node_modules" timeout 120 node "$here/callbacks_express.js"
status=$?
[ "$status" -eq 0 ] || { echo "-- timock log (tail)"; tail -20 server.log; }
exit "$status"
