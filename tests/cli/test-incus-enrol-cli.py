#!/usr/bin/env python3
# test-incus-enrol-cli.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# `vigiectl endpoint add --kind incus --trust-token …` against the real LXD
# that tests/lab/lxd-up.sh starts (VIGIE_LXD_*): the token enrols a new key
# pair, pins the server certificate it names, and is saved nowhere. Skipped
# without LXD unless VIGIE_REQUIRE_PEERS=1; needs a Secret Service (the
# harness of test-endpoint-cli.py starts a throwaway one when it can).

import base64
import importlib.util
import json
import os
import subprocess
import sys
import shutil
import tempfile
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("endpoint_cli",
                                               os.path.join(HERE, "test-endpoint-cli.py"))
harness = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(harness)
Cli, SkipTest, Tap, check = harness.Cli, harness.SkipTest, harness.Tap, harness.check

DEBUG = {"G_MESSAGES_DEBUG": "all", "VIGIE_HTTP_DEBUG": "1"}


def require_lxd():
    if all(os.environ.get(v) for v in ("VIGIE_LXD_URL", "VIGIE_LXD_DIR", "VIGIE_LXD_FINGERPRINT")):
        return
    if os.environ.get("VIGIE_REQUIRE_PEERS") == "1":
        raise AssertionError("VIGIE_LXD_* is not set and VIGIE_REQUIRE_PEERS=1")
    raise SkipTest("no LXD peer (run tests/lab/lxd-up.sh)")


def lxc(*args):
    env = dict(os.environ, LXD_DIR=os.environ["VIGIE_LXD_DIR"])
    if os.environ.get("VIGIE_LXD_CONF"):
        env["LXD_CONF"] = os.environ["VIGIE_LXD_CONF"]
    r = subprocess.run(["lxc", *args], capture_output=True, text=True, env=env, timeout=180)
    check(r.returncode == 0, f"lxc {' '.join(args)}: {r.stderr}")
    return r.stdout


def new_token():
    """A fresh trust token (`lxc config trust add --name`), and its name."""
    client = "vigie-cli-" + uuid.uuid4().hex[:8]
    lines = [l.strip() for l in lxc("config", "trust", "add", "--name", client, "-q").splitlines()]
    token = [l for l in lines if l][-1]
    return client, token


def token_secret(token):
    padded = token + "=" * (-len(token) % 4)
    return json.loads(base64.b64decode(padded))["secret"]


def formatted(fingerprint):
    return ":".join(fingerprint[i:i + 2] for i in range(0, len(fingerprint), 2)).upper()


def trusted_names():
    return lxc("config", "trust", "list", "--format", "csv")


def check_saved(debug_cli, name, token):
    """The endpoint is saved with the token's pin and a client certificate,
    the token is in no file, and the inventory answers."""
    cli = Cli(debug_cli.config_dir)   # no debug messages in its output
    r = cli("endpoint", "show", name, "--format", "json")
    check(r.returncode == 0, f"show {name}: exit {r.returncode} {r.stderr!r}")
    shown = json.loads(r.stdout)
    want = formatted(os.environ["VIGIE_LXD_FINGERPRINT"])
    check(shown["fingerprint"] == want, f"pinned {shown['fingerprint']}, want {want}")
    with open(os.path.join(cli.config_dir, "endpoints.conf"), encoding="utf-8") as f:
        saved = f.read()
    check("option-client-cert=-----BEGIN CERTIFICATE-----" in saved, "no client certificate saved")
    check(f"fingerprint={os.environ['VIGIE_LXD_FINGERPRINT']}" in saved,
          "endpoints.conf lacks the fingerprint")
    for f in harness.walk_files(cli.config_dir):
        with open(f, "rb") as fh:
            data = fh.read()
        check(token.encode() not in data and token_secret(token).encode() not in data,
              f"the trust token is in {f}")
        check(b"enrol-token" not in data and b"PRIVATE KEY" not in data, f"a secret is in {f}")

    r = cli("inventory", "--endpoint", name, "--format", "json")
    check(r.returncode == 0, f"inventory: exit {r.returncode} {r.stderr!r}")
    endpoint = json.loads(r.stdout)["endpoints"][0]
    check(endpoint["status"] == "ok", f"inventory status {endpoint['status']}: "
                                      f"{endpoint.get('error')}")
    check(endpoint["product"] == "lxd", f"product {endpoint['product']}")
    check(endpoint["name"] == name and len(endpoint["instances"]) > 0, "no instance listed")


def test_trust_token_argument(tmp):
    require_lxd()
    harness.require_keyring()
    cli = Cli(os.path.join(tmp, "arg"), DEBUG)
    client, token = new_token()
    # Neither --fingerprint nor --trust-on-first-use: the token names the server.
    r = cli("endpoint", "add", "lxd-arg", "--kind", "incus", "--url", os.environ["VIGIE_LXD_URL"],
            "--trust-token", token)
    check(r.returncode == 0, f"add: exit {r.returncode} {r.stderr!r}")
    check(client in trusted_names(), "the server does not list the enrolled client")
    check_saved(cli, "lxd-arg", token)
    for out in cli.outputs:
        check(token_secret(token).encode() not in out, "the token's secret was printed or logged")


def test_trust_token_stdin(tmp):
    require_lxd()
    harness.require_keyring()
    cli = Cli(os.path.join(tmp, "stdin"), DEBUG)
    client, token = new_token()
    r = cli("endpoint", "add", "lxd-stdin", "--kind", "incus",
            "--url", os.environ["VIGIE_LXD_URL"], "--trust-token-stdin", stdin=token + "\n")
    check(r.returncode == 0, f"add: exit {r.returncode} {r.stderr!r}")
    check(client in trusted_names(), "the server does not list the enrolled client")
    check_saved(cli, "lxd-stdin", token)
    for out in cli.outputs:
        check(token.encode() not in out and token_secret(token).encode() not in out,
              "the token was printed or logged")

    # Used once: the same token again is refused, with the reason in one line
    # (without debug messages, which go to stderr).
    cli = Cli(cli.config_dir)
    r = cli("endpoint", "add", "lxd-again", "--kind", "incus",
            "--url", os.environ["VIGIE_LXD_URL"], "--trust-token-stdin", stdin=token)
    check(r.returncode == 2, f"a used token: exit {r.returncode}, want 2; {r.stderr!r}")
    lines = r.stderr.decode().strip().splitlines()
    check(len(lines) == 1 and "trust token" in lines[0], f"want one line naming the token: {lines}")
    r = cli("endpoint", "show", "lxd-again")
    check(r.returncode == 1, "a refused enrolment saved the endpoint")


def test_bad_tokens(tmp):
    require_lxd()
    harness.require_keyring()
    cli = Cli(os.path.join(tmp, "bad"))
    url = os.environ["VIGIE_LXD_URL"]

    r = cli("endpoint", "add", "lxd-junk", "--kind", "incus", "--url", url,
            "--trust-token", "not-a-token")
    check(r.returncode == 2, f"junk token: exit {r.returncode}, want 2")
    check(b"not an Incus trust token" in r.stderr, f"junk token: {r.stderr!r}")

    r = cli("endpoint", "add", "lxd-empty", "--kind", "incus", "--url", url,
            "--trust-token-stdin", stdin="\n")
    check(r.returncode == 1, f"empty stdin: exit {r.returncode}, want 1")

    # A --fingerprint that is not the token's is refused before anything is
    # sent: the token still works afterwards.
    client, token = new_token()
    r = cli("endpoint", "add", "lxd-pin", "--kind", "incus", "--url", url,
            "--trust-token", token, "--fingerprint", "ab" * 32)
    check(r.returncode == 2, f"other pin: exit {r.returncode}, want 2")
    check(formatted("ab" * 32).encode() in r.stderr and b"trust token" in r.stderr,
          f"other pin: {r.stderr!r}")
    check(client not in trusted_names(), "the token was sent despite the other pin")
    r = cli("endpoint", "add", "lxd-pin", "--kind", "incus", "--url", url,
            "--trust-token", token, "--fingerprint", os.environ["VIGIE_LXD_FINGERPRINT"])
    check(r.returncode == 0, f"the token's own pin: exit {r.returncode} {r.stderr!r}")

    r = cli("endpoint", "list", "--format", "json")
    names = [e["name"] for e in json.loads(r.stdout)["endpoints"]]
    check(names == ["lxd-pin"], f"endpoints saved: {names}")

    # Usage errors: exit 1, nothing saved.
    for args, stdin in ((["--trust-token", "x", "--trust-token-stdin"], "x"),
                        (["--trust-token-stdin", "--no-verify"], "x"),
                        (["--trust-token-stdin", "--client-cert", "/nonexistent"], "x")):
        r = cli("endpoint", "add", "lxd-usage", "--kind", "incus", "--url", url, *args,
                stdin=stdin)
        check(r.returncode == 1, f"{args}: exit {r.returncode}, want 1; {r.stderr!r}")
    r = cli("endpoint", "add", "pve", "--kind", "proxmox", "--url", "https://127.0.0.1:9",
            "--trust-token-stdin", stdin="x")
    check(r.returncode == 1 and b"--trust-token-stdin" in r.stderr,
          f"proxmox with a trust token: exit {r.returncode} {r.stderr!r}")


def test_help(tmp):
    r = Cli(os.path.join(tmp, "help"))("endpoint", "add", "--help")
    check(r.returncode == 0 and b"--trust-token-stdin" in r.stdout,
          f"endpoint add --help lacks --trust-token-stdin: {r.stdout!r}")


def main():
    if not os.environ.get(harness.INNER) and not harness.have_secret_service():
        rc = harness.reexec_in_private_session(__file__)
        if rc is not None:
            return rc

    tap = Tap()
    tests = [test_help, test_trust_token_argument, test_trust_token_stdin, test_bad_tokens]
    print(f"1..{len(tests)}")
    tmp = tempfile.mkdtemp(prefix="vigie-incus-cli-")
    try:
        for t in tests:
            tap.run(t.__name__, t, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main())
