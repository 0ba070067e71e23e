#!/usr/bin/env python3
# test-faults-cli.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# One run of `vigiectl inventory` over the demo lab (healthy) and servers on
# 127.0.0.1 that hang, answer garbage, reset, cut the body short, announce a
# body over the size limit, answer 401 or 503, or present another certificate
# than the pinned one: exit 2, every lab endpoint complete and ok, each
# faulty one with its contract status, and the endpoint list byte for byte
# as it was. The lab's secrets need a Secret
# Service: the test runs itself in a private session with a throwaway
# gnome-keyring when there is none (as test-endpoint-cli.py does).

import hashlib
import importlib.util
import json
import os
import shutil
import signal
import socket
import ssl
import struct
import subprocess
import sys
import tempfile
import threading

VIGIECTL = os.environ.get("VIGIECTL", "vigiectl")
HERE = os.path.dirname(os.path.abspath(__file__))
FAULTS = {"hang": "timeout", "garbage": "protocol-error", "reset": "unreachable",
          "truncate": "protocol-error", "oversize": "protocol-error",
          "unauthorized": "auth-failed", "unavailable": "error",
          "certificate": "certificate-changed"}
MAX_RESPONSE = 64 * 1024 * 1024  # VIGIE_HTTP_DEFAULT_MAX_RESPONSE


def load_endpoint_cli():
    spec = importlib.util.spec_from_file_location("endpoint_cli",
                                                  os.path.join(HERE, "test-endpoint-cli.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class FaultyServer:
    """A TLS server on 127.0.0.1 that reads one request per connection,
    then misbehaves."""

    def __init__(self, tmp, mode):
        self.mode = mode
        self.held = []
        cert, key = make_certificate(tmp, "faulty")
        with open(cert) as f:
            der = ssl.PEM_cert_to_DER_cert(f.read())
        # The pin: this certificate's, but the "certificate" server shows
        # another one (a changed or intercepted certificate).
        self.fingerprint = hashlib.sha256(der).hexdigest()
        if mode == "certificate":
            cert, key = make_certificate(tmp, "other")
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(cert, key)
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = "https://127.0.0.1:%d" % self.sock.getsockname()[1]
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self.handle, args=(conn,), daemon=True).start()

    def handle(self, conn):
        try:
            tls = self.context.wrap_socket(conn, server_side=True)
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = tls.recv(4096)
                if not chunk:
                    return
                data += chunk
        except (OSError, ssl.SSLError):
            return
        if self.mode == "hang":
            self.held.append(tls)
        elif self.mode == "garbage":
            tls.sendall(b"\x16\x03 this is \xff not HTTP\r\n\r\n")
            tls.close()
        elif self.mode == "reset":
            # wrap_socket took the descriptor over; no TLS close_notify, an RST.
            tls.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            tls.close()
        elif self.mode == "truncate":
            self.answer(tls, 200, b'{"data": {"version": "3.', length=400)
        elif self.mode == "oversize":
            self.answer(tls, 200, b"", length=MAX_RESPONSE + 1)
        elif self.mode == "unauthorized":
            self.answer(tls, 401, b'{"data": null, "message": "authentication failure"}')
        elif self.mode == "unavailable":
            self.answer(tls, 503, b'{"data": null, "message": "service unavailable"}')
        else:  # certificate: the handshake is refused before any request
            tls.close()

    @staticmethod
    def answer(tls, status, body, length=None):
        head = ("HTTP/1.1 %d Fault\r\nContent-Type: application/json\r\n"
                "Content-Length: %d\r\nConnection: close\r\n\r\n"
                % (status, len(body) if length is None else length))
        try:
            tls.sendall(head.encode() + body)
            tls.close()
        except (OSError, ssl.SSLError):
            pass

    def close(self):
        self.sock.close()
        for tls in self.held:
            tls.close()


def make_certificate(tmp, name):
    cert, key = os.path.join(tmp, name + ".pem"), os.path.join(tmp, name + "-key.pem")
    if not os.path.exists(cert):
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                        "-subj", "/CN=" + name, "-keyout", key, "-out", cert],
                       check=True, capture_output=True)
    return cert, key


def run(config_dir, *args, stdin=""):
    env = dict(os.environ, LC_ALL="C.UTF-8")
    env.pop("LANGUAGE", None)
    return subprocess.run([VIGIECTL, "--config-dir", config_dir, *args], input=stdin,
                          capture_output=True, text=True, env=env, timeout=180)


def test_faulty_beside_healthy(tmp):
    config = os.path.join(tmp, "config")
    env = dict(os.environ, LC_ALL="C.UTF-8")
    lab = subprocess.Popen([VIGIECTL, "--config-dir", config, "lab"], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, env=env)
    servers = []
    try:
        lab_names = []
        for line in lab.stdout:
            if line.strip() == "ready":
                break
            lab_names.append(line.split()[0])
        assert len(lab_names) == 5, "the lab did not start: %s" % lab.stderr.read()

        for mode in FAULTS:
            server = FaultyServer(tmp, mode)
            servers.append(server)
            r = run(config, "endpoint", "add", "faulty-" + mode, "--kind", "pbs", "--url",
                    server.url, "--token-id", "root@pam!vigie", "--secret-stdin",
                    "--fingerprint", server.fingerprint, "--no-verify", stdin="s3cret\n")
            assert r.returncode == 0, "endpoint add: %s" % r.stderr

        conf = os.path.join(config, "endpoints.conf")
        with open(conf, "rb") as f:
            before = f.read()
        r = run(config, "--timeout", "30", "inventory", "--format", "json")
        assert r.returncode == 2, "exit %d, not 2: %s" % (r.returncode, r.stderr)
        doc = json.loads(r.stdout)
        status = {e["name"]: e["status"] for e in doc["endpoints"]}
        for name in lab_names:
            assert status.get(name) == "ok", "%s: %s" % (name, status.get(name))
        for mode, expected in FAULTS.items():
            got = status.get("faulty-" + mode)
            assert got == expected, "faulty-%s: %s, not %s" % (mode, got, expected)
        for e in doc["endpoints"]:
            assert (e["status"] == "ok") == (e.get("error") is None), e["name"]
        hosts = {e["name"]: len(e.get("hosts") or []) for e in doc["endpoints"]}
        assert all(hosts[n] > 0 for n in lab_names), "a lab endpoint is incomplete: %s" % hosts
        with open(conf, "rb") as f:
            assert f.read() == before, "the endpoint list changed"
    finally:
        for server in servers:
            server.close()
        lab.send_signal(signal.SIGINT)
        try:
            lab.wait(timeout=30)
        except subprocess.TimeoutExpired:
            lab.kill()


def main():
    cli = load_endpoint_cli()
    if not os.environ.get(cli.INNER) and not cli.have_secret_service():
        rc = cli.reexec_in_private_session(__file__, cli.INNER)
        if rc is not None:
            return rc
    print("1..1")
    if not shutil.which("openssl"):
        print("ok 1 faulty beside healthy # SKIP openssl is not installed")
        return 0
    if not cli.have_secret_service():
        if os.environ.get("VIGIE_REQUIRE_SECRET_SERVICE") == "1":
            print("not ok 1 faulty beside healthy\n# no Secret Service")
            return 1
        print("ok 1 faulty beside healthy # SKIP no Secret Service on the session bus")
        return 0
    tmp = tempfile.mkdtemp(prefix="vigie-faults-")
    try:
        test_faulty_beside_healthy(tmp)
    except AssertionError as e:
        print("not ok 1 faulty beside healthy")
        for line in str(e).splitlines():
            print("# " + line)
        return 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("ok 1 faulty beside healthy")
    return 0


if __name__ == "__main__":
    sys.exit(main())
