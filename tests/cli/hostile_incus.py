# hostile_incus.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A fake Incus server on a unix socket (no TLS, no keyring: the socket's
# permissions are the authentication) whose names are hostile: spreadsheet
# formulas, terminal escape sequences, Pango markup. Shared by the CLI test
# (test-hostile-names.py) and the window's end-to-end test (e2e_window.py).

import json
import os
import socketserver
import tempfile
import threading
from http.server import BaseHTTPRequestHandler

FORMULA = "=cmd|' /C calc'!A0"
ESCAPES = "evil\x1b]0;pwned\x07\x1b[2J\x9b"
LINK = '<a href="http://x">link</a>'
AMPERSAND = "a & b"
NEGATIVE = "-2+3"
HOST = "@host\x1b[31m"
NAMES = [FORMULA, ESCAPES, LINK, AMPERSAND, NEGATIVE]


def _instance(name, i):
    return {
        "name": name,
        "type": "container" if i % 2 else "virtual-machine",
        "status": "Running" if i % 2 else "Stopped",
        "status_code": 103 if i % 2 else 102,
        "project": "default",
        "location": "none",
        "architecture": "x86_64",
        "description": "+" + name,
        "config": {"image.os": "@Debian\x1b[0m", "limits.cpu": "2"},
        "devices": {},
        "expanded_config": {"image.os": "@Debian\x1b[0m", "limits.cpu": "2"},
        "expanded_devices": {},
    }


ROUTES = {
    "/1.0": {
        "api_version": "1.0",
        "auth": "trusted",
        "api_extensions": [],
        "environment": {"server": "incus", "server_version": "6.0.0", "server_name": HOST,
                        "server_clustered": False},
    },
    "/1.0/instances": [_instance(name, i) for i, name in enumerate(NAMES)],
    "/1.0/storage-pools": [{"name": "=pool", "driver": "dir", "config": {}}],
    "/1.0/storage-pools/=pool/resources": {"space": {"used": 1 << 30, "total": 1 << 34}},
    "/1.0/resources": {"cpu": {"total": 4}, "memory": {"used": 1 << 30, "total": 1 << 33}},
}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def address_string(self):
        return "unix"

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path in ROUTES:
            body = {"type": "sync", "status": "Success", "status_code": 200,
                    "metadata": ROUTES[path]}
            code = 200
        else:
            body = {"type": "error", "error": "not found", "error_code": 404}
            code = 404
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class _Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


class HostileIncus:
    """Serves on a socket in a private directory until stop()."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="vigie-hostile-")
        self.path = os.path.join(self.dir, "incus.socket")
        self.server = _Server(self.path, _Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = "unix:" + self.path

    def write_config(self, config_dir, name="=hostile"):
        os.makedirs(config_dir, exist_ok=True)
        with open(os.path.join(config_dir, "endpoints.conf"), "w") as f:
            f.write("[endpoint 22222222-2222-2222-2222-222222222222]\n"
                    f"name={name}\nkind=incus\nurl={self.url}\n")

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        try:
            os.unlink(self.path)
            os.rmdir(self.dir)
        except OSError:
            pass
