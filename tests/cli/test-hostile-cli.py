#!/usr/bin/env python3
# test-hostile-cli.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A hostile endpoint must not take the others down: vigiectl inventory over
# two Incus endpoints on local sockets, one answering from the test fixtures,
# the other with 200 KB of "[" to every request (json-glib alone recurses
# once per "[" and overflows its stack). Expected: exit 2, the healthy
# endpoint complete in the JSON document, the hostile one "protocol-error".
# The same over 256 KiB, where replies are parsed in a worker thread: a
# third endpoint answers 400 KB of "[" (the same clear error), a fourth a
# healthy list of 2,000 instances (all of them listed).

import http.server
import json
import os
import socketserver
import subprocess
import sys
import tempfile
import threading

VIGIECTL = os.environ.get("VIGIECTL", "vigiectl")
SRCDIR = os.environ.get("G_TEST_SRCDIR", os.path.join(os.path.dirname(__file__), ".."))
DATA = os.path.join(SRCDIR, "backends", "incus", "data")

# Healthy replies: request path (without query) -> fixture.
FIXTURES = {
    "/1.0": "lxd-server.json",
    "/1.0/instances": "lxd-instances.json",
    "/1.0/projects": "lxd-projects.json",
    "/1.0/storage-pools": "lxd-storage-pools.json",
    "/1.0/resources": "lxd-resources.json",
}

results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


class UnixHTTPServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


def handler(reply):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            status, body = reply(self.path.split("?")[0])
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def address_string(self):
            return "local"

        def log_message(self, *args):
            pass

    return Handler


def healthy(path):
    name = FIXTURES.get(path)
    if name is None and path.startswith("/1.0/storage-pools/") and path.endswith("/resources"):
        name = "lxd-storage-pool-resources.json"
    if name is None:
        with open(os.path.join(DATA, "lxd-error-404.json"), "rb") as f:
            return 404, f.read()
    with open(os.path.join(DATA, name), "rb") as f:
        return 200, f.read()


def hostile(path):
    return 200, b"[" * (200 * 1024)


def hostile_big(path):
    return 200, b"[" * (400 * 1024)


BIG_COUNT = 2000


def big(path):
    status, body = healthy(path)
    if path != "/1.0/instances":
        return status, body
    doc = json.loads(body)
    model = doc["metadata"][0]
    doc["metadata"] = [dict(model, name="big-%04d" % i) for i in range(BIG_COUNT)]
    body = json.dumps(doc).encode()
    assert len(body) > 256 * 1024
    return status, body


def serve(path, reply):
    server = UnixHTTPServer(path, handler(reply))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    with tempfile.TemporaryDirectory() as tmp:
        good_sock = os.path.join(tmp, "good.socket")
        bad_sock = os.path.join(tmp, "bad.socket")
        bad_big_sock = os.path.join(tmp, "bad-big.socket")
        big_sock = os.path.join(tmp, "big.socket")
        servers = [serve(good_sock, healthy), serve(bad_sock, hostile),
                   serve(bad_big_sock, hostile_big), serve(big_sock, big)]
        with open(os.path.join(tmp, "endpoints.conf"), "w") as f:
            f.write("[endpoint 11111111-1111-1111-1111-111111111111]\n"
                    "name=good\nkind=incus\nurl=unix:%s\n\n"
                    "[endpoint 22222222-2222-2222-2222-222222222222]\n"
                    "name=hostile\nkind=incus\nurl=unix:%s\n\n"
                    "[endpoint 33333333-3333-3333-3333-333333333333]\n"
                    "name=hostile-big\nkind=incus\nurl=unix:%s\n\n"
                    "[endpoint 44444444-4444-4444-4444-444444444444]\n"
                    "name=big\nkind=incus\nurl=unix:%s\n"
                    % (good_sock, bad_sock, bad_big_sock, big_sock))
        env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="")
        proc = subprocess.run([VIGIECTL, "--config-dir", tmp, "--timeout", "60", "inventory",
                               "--format", "json"],
                              capture_output=True, text=True, env=env, timeout=240)
        for server in servers:
            server.shutdown()
            server.server_close()

    check("vigiectl did not crash (exit %d)" % proc.returncode, proc.returncode >= 0,
          proc.stderr)
    check("exit 2: one endpoint failed", proc.returncode == 2, proc.stderr)
    try:
        doc = json.loads(proc.stdout)
    except ValueError:
        doc = {"endpoints": []}
    by_name = {e.get("name"): e for e in doc.get("endpoints", [])}
    good, bad = by_name.get("good", {}), by_name.get("hostile", {})
    check("healthy endpoint complete", good.get("status") == "ok" and
          len(good.get("instances", [])) > 0 and len(good.get("hosts", [])) > 0,
          json.dumps(good)[:2000])
    check("hostile endpoint: protocol-error with a message",
          bad.get("status") == "protocol-error" and bad.get("error"), json.dumps(bad)[:2000])
    check("hostile endpoint: depth named in the error", "128" in (bad.get("error") or ""),
          bad.get("error"))
    bad_big, big_ep = by_name.get("hostile-big", {}), by_name.get("big", {})
    check("hostile endpoint over 256 KiB: the same error",
          bad_big.get("status") == "protocol-error" and
          bad_big.get("error") == bad.get("error"), json.dumps(bad_big)[:2000])
    names = sorted(i.get("name", "") for i in big_ep.get("instances", []))
    check("big endpoint: all %d instances" % BIG_COUNT,
          big_ep.get("status") == "ok" and
          names == ["big-%04d" % i for i in range(BIG_COUNT)],
          json.dumps(big_ep)[:500])

    print("TAP version 13")
    print("1..%d" % len(results))
    failed = 0
    for i, (name, ok, detail) in enumerate(results, 1):
        print("%s %d %s" % ("ok" if ok else "not ok", i, name))
        if not ok:
            failed += 1
            for line in str(detail).splitlines():
                print("# " + line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
