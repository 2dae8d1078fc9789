#!/usr/bin/env python3
"""Memory plateau: how far timock's RSS grows under a long write load, and where it stops.

Starts timock (a database file in a temporary folder), then sends rounds of 1,500 openim/sendmsg calls with
8 KB texts (the writer's 64 MiB page cache fills as the database grows) and 1,500 account_check calls with
100 KB bodies (each journaled with 64 KiB of body: the journal's 64 MiB per-app byte budget binds in the first
round), printing the server's RSS after each round. Both bounds are named constants: store/store.cpp
kWriterCacheKib and core/journal.hpp kMaxBytesPerApp. Only 127.0.0.1 is contacted; it stops by itself.
  bench/memory_plateau.py [TIMOCK_BINARY]      (default build/timock)
"""
import http.client
import json
import os
import subprocess
import sys
import tempfile
import time

ROUNDS = 8
CALLS_PER_ROUND = 1500


def status_kib(pid, field):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "build/timock"
    folder = tempfile.mkdtemp(prefix="timock-plateau-")
    port_file = os.path.join(folder, "port")
    server = subprocess.Popen([binary, "serve", "--listen", "127.0.0.1:0", "--port-file", port_file,
                               "--db", os.path.join(folder, "state.db"), "--log-level", "error"],
                              stdout=subprocess.DEVNULL)
    try:
        deadline = time.time() + 30
        while not (os.path.exists(port_file) and open(port_file).read().strip()):
            if time.time() > deadline:
                sys.exit("timock did not start")
            time.sleep(0.05)
        connection = http.client.HTTPConnection("127.0.0.1", int(open(port_file).read()))

        def call(method, path, body=None):
            connection.request(method, path, body=json.dumps(body) if body is not None else None)
            reply = connection.getresponse().read()
            return json.loads(reply) if reply else None

        app = call("POST", "/mock/apps", {})["sdkappid"]
        sig = call("POST", f"/mock/apps/{app}/usersig", {"identifier": "administrator"})["usersig"]
        query = f"?sdkappid={app}&identifier=administrator&usersig={sig}&random=1&contenttype=json"
        for user in ("alice", "bob"):
            call("POST", "/v4/im_open_login_svc/account_import" + query, {"UserID": user})
        mib = lambda field: status_kib(server.pid, field) / 1024
        print(f"{'calls':>8} {'rss_mib':>8} {'anon_mib':>9} {'file_mib':>9}")
        print(f"{0:>8} {mib('VmRSS'):>8.1f} {mib('RssAnon'):>9.1f} {mib('RssFile'):>9.1f}", flush=True)
        text = "x" * 8000
        big = {"CheckItem": [{"UserID": f"u{i}"} for i in range(100)], "Padding": "y" * 100000}
        for round_number in range(1, ROUNDS + 1):
            for i in range(CALLS_PER_ROUND):
                call("POST", "/v4/openim/sendmsg" + query,
                     {"From_Account": "alice", "To_Account": "bob", "MsgRandom": round_number * 100000 + i,
                      "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": text}}]})
                call("POST", "/v4/im_open_login_svc/account_check" + query, big)
            calls = 2 * round_number * CALLS_PER_ROUND
            print(f"{calls:>8} {mib('VmRSS'):>8.1f} {mib('RssAnon'):>9.1f} {mib('RssFile'):>9.1f}", flush=True)
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
