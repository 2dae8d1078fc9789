#!/usr/bin/env bash
# Compat: UserSigs from Tencent's own npm libraries against timock, and timock's against theirs.
# Installs tls-sig-api-v2 (v2, HMAC) and tls-sig-api (v1, ECDSA; the seed's) into a temporary folder.
# Usage: usersig_npm.test.sh path/to/timock
set -euo pipefail
timock="$(realpath "$1")"
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/harness.sh"
harness_begin usersig
harness_npm tls-sig-api-v2@1.0.2 tls-sig-api@1.0.2
# A fresh secp256k1 pair, as Tencent's console used to issue (SEC1 private key, SPKI public key).
openssl ecparam -name secp256k1 -genkey -noout -out private.pem
openssl ec -in private.pem -pubout -out public.pem 2>/dev/null

harness_start

TIMOCK="$timock" PORT="$PORT" node "$here/usersig_npm.js"
