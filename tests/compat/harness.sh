# Sourced by the compat test scripts (and tests/browser/console.test.sh): a temporary folder with npm packages
# in it, and a timock started there on port 0 with an in-memory store, stopped (and the folder removed) when the
# script exits.
# Usage, after `timock="$(realpath "$1")"`:
#   . "$here/harness.sh"; harness_begin NAME; harness_npm PACKAGE...; harness_start [EXTRA_SERVE_ARGS...]
# harness_start sets PORT. A failed install or start prints what went wrong and "0 passed, 1 failed" (the line
# the runner reads) and exits 1.
harness_pid=""
harness_cleanup() {
  [ -n "$harness_pid" ] && kill "$harness_pid" 2>/dev/null
  wait 2>/dev/null || true
  rm -rf "$work"
}

harness_begin() {  # harness_begin NAME: makes $work and enters it
  work="$(mktemp -d "/tmp/timock-$1-XXXXXX")"
  trap harness_cleanup EXIT
  cd "$work" || exit 1
}

harness_npm() {  # harness_npm PACKAGE...: installs them into $work/node_modules
  npm init -y >/dev/null
  if ! npm install --no-audit --no-fund --loglevel=error "$@" >npm.log 2>&1; then
    cat npm.log
    echo "0 passed, 1 failed"
    exit 1
  fi
}

harness_start() {  # harness_start [ARGS...]: timock serve on port 0 with --db :memory:, log in server.log
  "$timock" serve --listen 127.0.0.1:0 --port-file port --db :memory: "$@" >server.log 2>&1 &
  harness_pid=$!
  for _ in $(seq 1 200); do [ -s port ] && break; sleep 0.05; done
  if [ ! -s port ]; then
    cat server.log
    echo "timock did not start"
    echo "0 passed, 1 failed"
    exit 1
  fi
  PORT="$(cat port)"
}
