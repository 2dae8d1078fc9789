#!/usr/bin/env bash
# Compat: UserSigs from Tencent's own npm libraries against timock, and timock's against theirs.
# Installs tls-sig-api-v2 (v2, HMAC) and tls-sig-api (v1, ECDSA; the seed's) into a temporary folder.
# Usage: usersig_npm.test.sh path/to/timock
set -euo pipefail
timock="$(realpath "$1")"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d /tmp/timock-compat-XXXXXX)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --loglevel=error tls-sig-api-v2@1.0.2 tls-sig-api@1.0.2 >/dev/null
# A fresh secp256k1 pair, as Tencent's console used to issue (SEC1 private key, SPKI public key).
openssl ecparam -name secp256k1 -genkey -noout -out private.pem
openssl ec -in private.pem -pubout -out public.pem 2>/dev/null

"$timock" serve --listen 127.0.0.1:0 --port-file port --db :memory: >server.log 2>&1 &
pid=$!
for _ in $(seq 1 200); do [ -s port ] && break; sleep 0.05; done
[ -s port ] || { cat server.log; echo "timock did not start"; exit 1; }

TIMOCK="$timock" PORT="$(cat port)" node "$here/usersig_npm.js"
