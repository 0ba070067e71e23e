#!/usr/bin/env python3
# test-endpoint-cli.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# `vigiectl endpoint` against the contract: exit codes, JSON shapes, and that
# a secret given on standard input reaches the keyring and nothing else — no
# file under the config dir, no output, no debug log.
#
# The keyring cases need a Secret Service. Run outside of one, the script
# starts a private D-Bus session with a throwaway gnome-keyring when it can;
# otherwise those cases skip (or fail with VIGIE_REQUIRE_SECRET_SERVICE=1).

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from keyring import have_secret_service, reexec_in_private_session  # noqa: E402

VIGIECTL = os.environ.get("VIGIECTL", "vigiectl")
INNER = "VIGIE_CLI_TEST_INNER"
FP = "ab" * 32
FP_FORMATTED = ":".join(["AB"] * 32)


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def run(self, name, func, *args):
        self.n += 1
        try:
            func(*args)
        except SkipTest as e:
            print(f"ok {self.n} {name} # SKIP {e}")
        except Exception as e:  # noqa: BLE001 - report every failure as TAP
            self.failed += 1
            print(f"not ok {self.n} {name}")
            for line in str(e).splitlines() or [repr(e)]:
                print(f"# {line}")
        else:
            print(f"ok {self.n} {name}")
        sys.stdout.flush()


class SkipTest(Exception):
    pass


def check(cond, message):
    if not cond:
        raise AssertionError(message)


class Cli:
    """Runs vigiectl with one config dir, and keeps every byte it printed."""

    def __init__(self, config_dir, extra_env=None):
        self.config_dir = config_dir
        self.outputs = []
        self.env = dict(os.environ, LC_ALL="C.UTF-8")
        self.env.pop("LANGUAGE", None)
        if extra_env:
            self.env.update(extra_env)

    def __call__(self, *args, stdin=None):
        r = subprocess.run([VIGIECTL, "--config-dir", self.config_dir, *args],
                           input=stdin.encode() if stdin is not None else b"",
                           capture_output=True, env=self.env, timeout=180)
        self.outputs.append(r.stdout)
        self.outputs.append(r.stderr)
        return r


def require_keyring():
    if have_secret_service():
        return
    if os.environ.get("VIGIE_REQUIRE_SECRET_SERVICE") == "1":
        raise AssertionError("VIGIE_REQUIRE_SECRET_SERVICE=1 but no Secret Service")
    raise SkipTest("no Secret Service on the session bus")


def keyring_lookup(endpoint_uuid, purpose):
    if not shutil.which("secret-tool"):
        return None
    r = subprocess.run(["secret-tool", "lookup", "uuid", endpoint_uuid, "purpose", purpose],
                       capture_output=True, timeout=30)
    return r.stdout if r.returncode == 0 else b""


def test_usage_errors(tmp):
    cli = Cli(os.path.join(tmp, "usage"))
    cases = [
        ["endpoint"],
        ["endpoint", "frobnicate"],
        ["endpoint", "add"],
        ["endpoint", "add", "x", "--url", "https://h"],
        ["endpoint", "add", "x", "--kind", "hyperv", "--url", "https://h"],
        ["endpoint", "add", "x", "--kind", "proxmox", "--url", "https://h", "--password-stdin"],
        ["endpoint", "add", "x", "--kind", "proxmox", "--url", "https://h", "--user", "root@pam"],
        ["endpoint", "add", "x", "--kind", "esxi", "--url", "https://h", "--token-id", "a@b!c",
         "--secret-stdin"],
        ["endpoint", "add", "x", "--kind", "proxmox", "--url", "https://h", "--fingerprint",
         "zz:11"],
        ["endpoint", "add", "x", "--kind", "proxmox", "--url", "ftp://h", "--no-verify"],
        ["endpoint", "add", "x", "--kind", "proxmox", "--url", "https://h",
         "--trust-on-first-use", "--no-verify"],
        ["endpoint", "add", "x", "--kind", "incus", "--url", "https://h", "--trust-token",
         "tok", "--no-verify"],
        ["endpoint", "add", "x", "y", "--kind", "proxmox", "--url", "https://h"],
        ["endpoint", "list", "--format", "xml"],
        ["endpoint", "list", "extra"],
        ["endpoint", "show"],
        ["endpoint", "remove"],
        ["endpoint", "export"],
        ["endpoint", "import"],
    ]
    for args in cases:
        r = cli(*args, stdin="pw\n")
        check(r.returncode == 1, f"{args}: exit {r.returncode}, want 1; stderr {r.stderr!r}")
        check(r.stderr.strip() != b"", f"{args}: nothing on stderr")
    check(not os.path.exists(os.path.join(cli.config_dir, "endpoints.conf")),
          "a usage error saved something")
    # The kinds named come from the backends' registry: every one of them.
    r = cli("endpoint", "add", "x", "--kind", "hyperv", "--url", "https://h")
    check(b"esxi, proxmox, incus, pbs, veeam" in r.stderr, f"kinds not listed: {r.stderr!r}")
    r = cli("endpoint", "add", "--help")
    check(b"esxi, proxmox, incus, pbs, veeam" in r.stdout, f"kinds not in help: {r.stdout!r}")


def test_unknown_endpoint(tmp):
    cli = Cli(os.path.join(tmp, "unknown"))
    for args in (["endpoint", "show", "nope"], ["endpoint", "show", "nope", "--format", "json"],
                 ["endpoint", "remove", "nope"]):
        r = cli(*args)
        check(r.returncode == 1, f"{args}: exit {r.returncode}, want 1")
        check(b"nope" in r.stderr, f"{args}: stderr does not name it: {r.stderr!r}")


def test_unreadable_config(tmp):
    cli = Cli(os.path.join(tmp, "damaged"))
    os.makedirs(cli.config_dir)
    with open(os.path.join(cli.config_dir, "endpoints.conf"), "wb") as f:
        f.write(b"[[[ not a keyfile \xff")
    r = cli("endpoint", "list")
    check(r.returncode == 1, f"exit {r.returncode}, want 1")
    baks = [n for n in os.listdir(cli.config_dir) if n.endswith(".bak")]
    check(len(baks) == 1, f"damaged file not kept aside: {os.listdir(cli.config_dir)}")


def test_nul_bytes_config(tmp):
    """A list zeroed at its start is damaged, not empty: exit 1, kept aside,
    and a later add does not write over it."""
    cli = Cli(os.path.join(tmp, "zeroed"))
    os.makedirs(cli.config_dir)
    zeroed = b"\0" * 64 + b"\n[endpoint 1234]\nname=mine\nkind=pbs\nurl=https://h:8007\n"
    with open(os.path.join(cli.config_dir, "endpoints.conf"), "wb") as f:
        f.write(zeroed)
    r = cli("endpoint", "list", "--format", "json")
    check(r.returncode == 1, f"exit {r.returncode}, want 1; stdout {r.stdout!r}")
    check(b"NUL" in r.stderr, f"the reason is not said: {r.stderr!r}")
    baks = [n for n in os.listdir(cli.config_dir) if n.endswith(".bak")]
    check(len(baks) == 1, f"damaged file not kept aside: {os.listdir(cli.config_dir)}")
    with open(os.path.join(cli.config_dir, baks[0]), "rb") as f:
        check(f.read() == zeroed, "the copy kept aside differs")
    check(os.path.basename(baks[0]) in r.stderr.decode(), "stderr does not say where it is")
    r = cli("inventory", "--format", "json")
    check(r.returncode == 0, f"the list kept aside, a new empty one works: {r.returncode}")


def test_export_mode(tmp):
    """An export names the servers a person administers: 0600, even over
    an existing world-readable file and with a permissive umask."""
    cli = Cli(os.path.join(tmp, "export"))
    os.makedirs(cli.config_dir)
    with open(os.path.join(cli.config_dir, "endpoints.conf"), "w") as f:
        f.write("[endpoint 22222222-2222-2222-2222-222222222222]\n"
                "name=pbs-1\nkind=pbs\nurl=https://127.0.0.1:8007\n")
    old = os.umask(0o022)
    try:
        fresh = os.path.join(tmp, "export-fresh.conf")
        r = cli("endpoint", "export", fresh)
        check(r.returncode == 0, f"export: exit {r.returncode} {r.stderr!r}")
        mode = stat.S_IMODE(os.stat(fresh).st_mode)
        check(mode == 0o600, f"a new export has mode {mode:o}")
        existing = os.path.join(tmp, "export-existing.conf")
        with open(existing, "w") as f:
            f.write("old")
        os.chmod(existing, 0o644)
        r = cli("endpoint", "export", existing)
        check(r.returncode == 0, f"export over a file: exit {r.returncode} {r.stderr!r}")
        mode = stat.S_IMODE(os.stat(existing).st_mode)
        check(mode == 0o600, f"an export over a 0644 file has mode {mode:o}")
        with open(existing) as f:
            check("pbs-1" in f.read(), "the export does not hold the list")
    finally:
        os.umask(old)


def start_lab(cli):
    """Starts `vigiectl lab` on the config dir; returns (process, names)
    once it printed "ready", or (process, None) when it exited."""
    proc = subprocess.Popen([VIGIECTL, "--config-dir", cli.config_dir, "lab"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli.env)
    names = []
    for line in proc.stdout:
        line = line.decode().strip()
        if line == "ready":
            return proc, names
        names.append(line.split()[0])
    proc.wait()
    return proc, None


def stop_lab(proc):
    if proc.poll() is None:
        proc.terminate()
    proc.communicate(timeout=180)


def test_lab_keeps_own_endpoints(tmp):
    """`vigiectl lab` replaces what an earlier lab registered, never a
    person's own lab-* endpoint; one that takes a lab name stops it."""
    require_keyring()
    cli = Cli(os.path.join(tmp, "lab"))
    os.makedirs(cli.config_dir)
    with open(os.path.join(cli.config_dir, "endpoints.conf"), "w") as f:
        f.write("[endpoint 33333333-3333-3333-3333-333333333333]\n"
                "name=lab-mine\nkind=pbs\nurl=https://127.0.0.1:8007\n"
                "[endpoint 44444444-4444-4444-4444-444444444444]\n"
                "name=lab-old\nkind=pbs\nurl=https://127.0.0.1:8007\noption-lab=true\n")
    proc, names = start_lab(cli)
    try:
        if names is None:
            raise AssertionError(f"the lab did not start: {proc.stderr.read()!r}")
        r = cli("endpoint", "list", "--format", "json")
        listed = {e["name"]: e for e in json.loads(r.stdout)["endpoints"]}
        check("lab-mine" in listed, f"the lab removed a person's lab-mine: {sorted(listed)}")
        check("lab-old" not in listed, f"an earlier lab's endpoint stayed: {sorted(listed)}")
        for name in names:
            check(listed.get(name, {}).get("options", {}).get("lab") == "true",
                  f"{name} is not marked as the lab's")
        check(listed["lab-mine"]["options"].get("lab") is None, "lab-mine got marked")
        check("lab-veeam" in names, f"no lab-veeam in {names}")

        # Veeam: every job the server runs, each with its type.
        r = cli("--timeout", "60", "backups", "--endpoint", "lab-veeam", "--format", "json")
        check(r.returncode == 0, f"backups: exit {r.returncode} {r.stderr!r}")
        jobs = {j["name"]: j for j in json.loads(r.stdout)["jobs"]}
        want = {"Web tier": "backup", "Legacy": "backup", "DR replica": "replica",
                "Offsite copy": "backup-copy", "File shares": "file-backup",
                "Laptops": "agent-backup", "Linux servers": "agent-backup",
                "Microsoft 365 tenant": "entra-id-backup"}
        for name, kind in want.items():
            check(jobs.get(name, {}).get("type") == kind,
                  f"job {name}: {jobs.get(name)!r}, want type {kind}")
        check(jobs["Laptops"]["last_result"] == "failed", "the agent job's failure is lost")
        r = cli("--timeout", "60", "backups", "--endpoint", "lab-veeam")
        check(r.returncode == 0 and b"DR replica" in r.stdout and b"replica" in r.stdout,
              f"the table lacks the replica job: {r.stdout!r}")
    finally:
        stop_lab(proc)

    # A person's own endpoint named like one of the lab's: refused, unchanged.
    with open(os.path.join(cli.config_dir, "endpoints.conf")) as f:
        before = f.read()
    with open(os.path.join(cli.config_dir, "endpoints.conf"), "w") as f:
        f.write(before + "[endpoint 55555555-5555-5555-5555-555555555555]\n"
                "name=lab-pbs-own\nkind=pbs\nurl=https://127.0.0.1:8007\n")
    r = cli("endpoint", "remove", "lab-pbs")
    check(r.returncode == 0, f"remove lab-pbs: {r.stderr!r}")
    with open(os.path.join(cli.config_dir, "endpoints.conf")) as f:
        text = f.read().replace("name=lab-pbs-own", "name=lab-pbs")
    with open(os.path.join(cli.config_dir, "endpoints.conf"), "w") as f:
        f.write(text)
    proc, names = start_lab(cli)
    stop_lab(proc)
    check(names is None and proc.returncode == 1, f"lab over a person's lab-pbs: {names}")
    with open(os.path.join(cli.config_dir, "endpoints.conf")) as f:
        check(f.read() == text, "a refused lab changed the endpoint list")
    for name in ("lab-esxi", "lab-proxmox", "lab-incus", "lab-veeam"):
        cli("endpoint", "remove", name)


def test_add_failure_saves_nothing(tmp):
    cli = Cli(os.path.join(tmp, "fail"))
    secret = "Fail-Canary-" + uuid.uuid4().hex
    # Port 9 on loopback: nothing listens there; and no backend may be ready.
    r = cli("endpoint", "add", "pve", "--kind", "proxmox", "--url", "https://127.0.0.1:9",
            "--user", "root@pam", "--password-stdin", stdin=secret + "\n")
    check(r.returncode != 0, "a failed add exited 0")
    lines = r.stderr.decode().strip().splitlines()
    check(len(lines) == 1, f"want the reason in one line, got {lines!r}")
    check(secret.encode() not in r.stderr + r.stdout, "the secret was printed")
    r = cli("endpoint", "list", "--format", "json")
    check(r.returncode == 0, f"list after failed add: exit {r.returncode}")
    check(json.loads(r.stdout)["endpoints"] == [], "a failed add saved an endpoint")


def walk_files(root):
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            yield os.path.join(dirpath, name)


def test_secret_goes_to_keyring_only(tmp):
    require_keyring()
    debug = {"G_MESSAGES_DEBUG": "all", "VIGIE_HTTP_DEBUG": "1"}
    cli = Cli(os.path.join(tmp, "leak"), debug)
    secret = "Leak-Canary-" + uuid.uuid4().hex

    r = cli("endpoint", "add", "pve-1", "--kind", "proxmox", "--url", "127.0.0.1",
            "--user", "root@pam", "--password-stdin", "--no-verify", "--fingerprint", FP,
            stdin=secret + "\n")
    check(r.returncode == 0, f"add: exit {r.returncode}, stderr {r.stderr!r}")
    r = cli("endpoint", "add", "pbs-1", "--kind", "pbs", "--url", "https://127.0.0.1:8007",
            "--token-id", "root@pam!vigie", "--secret-stdin", "--no-verify",
            stdin=secret + "-token")
    check(r.returncode == 0, f"add token: exit {r.returncode}, stderr {r.stderr!r}")

    path = os.path.join(cli.config_dir, "endpoints.conf")
    mode = stat.S_IMODE(os.stat(path).st_mode)
    check(mode == 0o600, f"endpoints.conf has mode {mode:o}")

    r = cli("endpoint", "list", "--format", "json")
    check(r.returncode == 0, "list json failed")
    doc = json.loads(r.stdout)
    check(doc["schema"] == "vigie.endpoints/1", f"schema {doc.get('schema')!r}")
    check([e["name"] for e in doc["endpoints"]] == ["pve-1", "pbs-1"], "names or order")
    pve = doc["endpoints"][0]
    for key in ("name", "uuid", "kind", "url", "user", "token_id", "fingerprint", "options"):
        check(key in pve, f"endpoint JSON lacks {key}")
    check(pve["kind"] == "proxmox", "kind")
    check(pve["url"] == "https://127.0.0.1:8006", f"bare host not completed: {pve['url']}")
    check(pve["user"] == "root@pam" and pve["token_id"] is None, "user/token_id")
    check(pve["fingerprint"] == FP_FORMATTED, f"fingerprint {pve['fingerprint']}")
    check(doc["endpoints"][1]["fingerprint"] is None, "unpinned endpoint has a fingerprint")

    r = cli("endpoint", "show", "pve-1", "--format", "json")
    check(r.returncode == 0, "show json failed")
    shown = json.loads(r.stdout)
    check(shown["schema"] == "vigie.endpoint/1", "show schema")
    check(shown["uuid"] == pve["uuid"] and shown["fingerprint"] == FP_FORMATTED, "show fields")
    r = cli("endpoint", "show", "pve-1")
    check(r.returncode == 0 and FP_FORMATTED.encode() in r.stdout,
          f"show table lacks the formatted fingerprint: {r.stdout!r}")
    r = cli("endpoint", "list")
    check(r.returncode == 0 and b"pve-1" in r.stdout and b"pbs-1" in r.stdout, "list table")

    # The keyring has it, without the trailing newline echo left.
    stored = keyring_lookup(pve["uuid"], "password")
    if stored is not None:
        check(stored == secret.encode(), "the keyring does not hold the exact password")
        token = keyring_lookup(doc["endpoints"][1]["uuid"], "token")
        check(token == (secret + "-token").encode(), "the keyring does not hold the token")

    export = os.path.join(tmp, "leak-export.conf")
    r = cli("endpoint", "export", export)
    check(r.returncode == 0, "export failed")
    other = Cli(os.path.join(tmp, "leak-import"), debug)
    r = other("endpoint", "import", export)
    check(r.returncode == 0, f"import: exit {r.returncode} {r.stderr!r}")
    cli.outputs += other.outputs
    r = other("endpoint", "list", "--format", "json")
    imported = json.loads(r.stdout)["endpoints"]
    check(len(imported) == 2, "import count")
    check(imported[0]["uuid"] != pve["uuid"], "import kept the uuid")
    r = other("endpoint", "import", export)
    check(r.returncode == 0 and b"pve-1" in r.stderr, "a clashing import is not reported")
    r = other("endpoint", "list", "--format", "json")
    check(len(json.loads(r.stdout)["endpoints"]) == 2, "a clashing import added endpoints")

    # Nothing secret anywhere but the keyring.
    everything = list(walk_files(cli.config_dir)) + list(walk_files(other.config_dir)) + [export]
    for f in everything:
        with open(f, "rb") as fh:
            check(secret.encode() not in fh.read(), f"the secret is in {f}")
    for out in cli.outputs + other.outputs:
        check(secret.encode() not in out, "the secret was printed or logged")
    check(any(b"DEBUG" in o or b"vigie" in o for o in cli.outputs), "no debug output seen")

    r = cli("endpoint", "remove", "pve-1")
    check(r.returncode == 0, f"remove: exit {r.returncode} {r.stderr!r}")
    if stored is not None:
        check(keyring_lookup(pve["uuid"], "password") == b"", "remove left the secret")
        check(keyring_lookup(doc["endpoints"][1]["uuid"], "token") != b"",
              "remove cleared another endpoint's secret")
    r = cli("endpoint", "remove", "pbs-1")
    check(r.returncode == 0, "remove pbs-1")
    r = cli("endpoint", "list", "--format", "json")
    check(json.loads(r.stdout)["endpoints"] == [], "remove left endpoints")
    r = cli("endpoint", "show", "pve-1")
    check(r.returncode == 1, "a removed endpoint is still shown")


def main():
    if not os.environ.get(INNER) and not have_secret_service():
        rc = reexec_in_private_session(__file__, INNER)
        if rc is not None:
            return rc

    tap = Tap()
    tests = [
        test_usage_errors,
        test_unknown_endpoint,
        test_unreadable_config,
        test_nul_bytes_config,
        test_export_mode,
        test_add_failure_saves_nothing,
        test_lab_keeps_own_endpoints,
        test_secret_goes_to_keyring_only,
    ]
    print(f"1..{len(tests)}")
    tmp = tempfile.mkdtemp(prefix="vigie-cli-")
    try:
        for t in tests:
            tap.run(t.__name__, t, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main())
