#!/usr/bin/env python3
# test-secrets-cli.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# No secret leaves the keyring. Every vigiectl command runs against the demo
# lab (`vigiectl lab`, in the background) with full debug logging
# (G_MESSAGES_DEBUG=all, VIGIE_HTTP_DEBUG=1), a private XDG_CONFIG_HOME,
# XDG_DATA_HOME, XDG_CACHE_HOME and XDG_STATE_HOME (the inventory history),
# and a private session bus with a
# throwaway gnome-keyring. Then none of the secrets — the lab's own (read
# back from the keyring), passwords and token secrets given on standard
# input, a wrong password, the login tickets the lab handed out — may appear
# in any output, log, exported file, or file under those directories (the
# keyring's own encrypted file aside).
#
# Needs gnome-keyring and python3-gi with gir1.2-secret-1; skips without
# them unless VIGIE_REQUIRE_SECRET_SERVICE=1.

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from keyring import reexec_in_private_session  # noqa: E402

VIGIECTL = os.environ.get("VIGIECTL", "vigiectl")
INNER = "VIGIE_SECRETS_TEST_INNER"
TICKET = re.compile(rb"P(VE|BS):root@pam:[0-9A-F]{8}::[^\s\"';]+")
DEBUG_ENV = {"G_MESSAGES_DEBUG": "all", "VIGIE_HTTP_DEBUG": "1", "LC_ALL": "C.UTF-8"}


def tap_skip(reason):
    if os.environ.get("VIGIE_REQUIRE_SECRET_SERVICE") == "1":
        print("1..1\nnot ok 1 secrets # " + reason)
        return 1
    print(f"1..0 # SKIP {reason}")
    return 0


def keyring_secrets():
    """Every secret Vigie stored, read back through libsecret."""
    import gi
    gi.require_version("Secret", "1")
    from gi.repository import Secret
    schema = Secret.Schema.new("io.github.vigie.Vigie.Secret", Secret.SchemaFlags.NONE,
                               {"uuid": Secret.SchemaAttributeType.STRING,
                                "purpose": Secret.SchemaAttributeType.STRING})
    flags = Secret.SearchFlags.ALL | Secret.SearchFlags.UNLOCK | Secret.SearchFlags.LOAD_SECRETS
    found = {}
    for item in Secret.password_search_sync(schema, {}, flags, None):
        value = item.retrieve_secret_sync(None)
        if value is not None:
            attrs = item.get_attributes()
            found[(attrs.get("uuid"), attrs.get("purpose"))] = value.get_text()
    return found


def needles(secret):
    """What to look for: the secret itself, or for a PEM key each line of
    its body (a line is as telling as the whole). Short secrets (the demo
    ESXi password is "vigie-lab", also a log domain) would only match by
    chance and are left out."""
    if "-----BEGIN" in secret:
        return [line.encode() for line in secret.splitlines()
                if len(line) >= 40 and not line.startswith("-----")]
    return [secret.encode()] if len(secret) >= 12 else []


class Run:
    def __init__(self, root):
        self.root = root
        self.outputs = []   # (label, bytes)
        self.env = dict(os.environ, **DEBUG_ENV)
        self.env.pop("LANGUAGE", None)

    def __call__(self, *args, stdin=None, config_dir=None):
        argv = [VIGIECTL]
        if config_dir:
            argv += ["--config-dir", config_dir]
        argv += ["--timeout", "60", *args]
        r = subprocess.run(argv, input=stdin.encode() if stdin is not None else b"",
                           capture_output=True, env=self.env, timeout=240)
        label = " ".join(args)
        self.outputs.append((label + " (stdout)", r.stdout))
        self.outputs.append((label + " (stderr)", r.stderr))
        return r


def check(cond, message):
    if not cond:
        raise AssertionError(message)


def start_lab(run):
    """Starts `vigiectl lab`; its output (debug log included, which GLib
    writes to stdout) goes to files, so it never blocks on a full pipe."""
    out_path = os.path.join(run.root, "lab.stdout")
    err_path = os.path.join(run.root, "lab.stderr")
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        lab = subprocess.Popen([VIGIECTL, "lab"], stdout=out, stderr=err,
                               stdin=subprocess.DEVNULL, env=run.env)
    # Waits for "ready"; the bound only guards against a lab that hangs.
    for _ in range(1200):
        with open(out_path, "rb") as f:
            lines = f.read().splitlines()
        if b"ready" in lines or lab.poll() is not None:
            break
        time.sleep(0.1)
    if b"ready" not in lines:
        lab.kill()
        lab.wait()
        raise AssertionError(f"the lab did not get ready: {lines[-5:]!r}")
    services = {}
    for line in lines:
        words = line.decode(errors="replace").split()
        if len(words) == 3 and words[0].startswith("lab-"):
            services[words[0]] = (words[1], words[2])
    return lab, services


def stop_lab(run, lab):
    lab.send_signal(signal.SIGTERM)
    lab.wait(timeout=180)
    for name in ("lab.stdout", "lab.stderr"):
        with open(os.path.join(run.root, name), "rb") as f:
            run.outputs.append((name, f.read()))


def walk(root, skip):
    for dirpath, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if os.path.join(dirpath, d) not in skip]
        for name in files:
            yield os.path.join(dirpath, name)


def scenario(root):
    run = Run(root)
    other = os.path.join(root, "other-config")
    export = os.path.join(root, "endpoints-export.conf")
    canary_pw = "Canary-Password-" + uuid.uuid4().hex
    canary_token = "Canary-Token-" + uuid.uuid4().hex
    canary_wrong = "Canary-Wrong-" + uuid.uuid4().hex

    lab, services = start_lab(run)
    try:
        for name in ("lab-esxi", "lab-proxmox", "lab-pbs", "lab-incus", "lab-veeam"):
            check(name in services, f"the lab did not list {name}: {services}")
        lab_secrets = keyring_secrets()
        check(len(lab_secrets) >= 5, f"the lab stored {len(lab_secrets)} secrets, want 5 or more")

        r = run("endpoint", "show", "lab-proxmox", "--format", "json")
        check(r.returncode == 0, f"show lab-proxmox: {r.returncode} {r.stderr[-400:]!r}")
        pve = json.loads(r.stdout)
        pve_secret = lab_secrets[(pve["uuid"], "token")]
        r = run("endpoint", "show", "lab-pbs", "--format", "json")
        pbs = json.loads(r.stdout)
        pbs_secret = lab_secrets[(pbs["uuid"], "token")]

        # The whole lab, every format.
        for args in (["inventory", "--format", "json"], ["inventory"],
                     ["inventory", "--format", "csv"], ["backups", "--format", "json"],
                     ["backups"], ["backups", "--format", "csv"]):
            r = run(*args)
            check(r.returncode == 0, f"{args}: exit {r.returncode} {r.stderr[-400:]!r}")

        # The comparison in every format (reports are files a user hands
        # out), the knowledge base, and an action that logs in and acts.
        reports = os.path.join(root, "reports")
        os.makedirs(reports, exist_ok=True)
        for fmt in ("json", "table", "csv", "markdown", "html", "pdf"):
            for backup in ([], ["--backup"]):
                out = os.path.join(reports, f"compare{'-backup' if backup else ''}.{fmt}")
                r = run("compare", *backup, "--format", fmt, "--output", out)
                check(r.returncode == 0, f"compare {backup} {fmt}: exit {r.returncode} "
                                         f"{r.stderr[-400:]!r}")
        for fmt, out in (("rvtools-xlsx", "estate.xlsx"), ("rvtools-csv", "estate-csv")):
            r = run("export", "--format", fmt, "--output", os.path.join(reports, out))
            check(r.returncode == 0, f"export {fmt}: exit {r.returncode} {r.stderr[-400:]!r}")
        for fmt in ("json", "table", "csv", "markdown", "html", "pdf"):
            r = run("migrate-check", "--format", fmt,
                    "--output", os.path.join(reports, f"migrate.{fmt}"))
            check(r.returncode == 0, f"migrate-check {fmt}: exit {r.returncode} "
                                     f"{r.stderr[-400:]!r}")
        # What changed since the runs above, read back from the history.
        for args in (["inventory", "--since", "1d"],
                     ["inventory", "--since", "1d", "--format", "json"]):
            r = run(*args)
            check(r.returncode == 0, f"{args}: exit {r.returncode} {r.stderr[-400:]!r}")
        for args in (["products"], ["products", "--format", "json"]):
            r = run(*args)
            check(r.returncode == 0, f"{args}: exit {r.returncode}")
        r = run("inventory", "--endpoint", "lab-proxmox", "--format", "json")
        guests = [i["id"] for e in json.loads(r.stdout)["endpoints"]
                  for i in e.get("instances") or [] if i.get("state") == "running"]
        check(guests, "no running guest on lab-proxmox to act on")
        r = run("action", "snapshot", "--param", "name=secrets-test",
                f"lab-proxmox/{guests[0]}")
        check(r.returncode == 0, f"action snapshot: exit {r.returncode} {r.stderr[-400:]!r}")

        # Adding with a password (the lab's secret is root@pam's password too:
        # a login, so a ticket and a CSRF token) and with a token secret.
        r = run("endpoint", "add", "pve-pw", "--kind", "proxmox", "--url",
                services["lab-proxmox"][1], "--user", "root@pam", "--password-stdin", "--fingerprint", pve["fingerprint"],
                stdin=pve_secret + "\n")
        check(r.returncode == 0, f"add pve-pw: {r.returncode} {r.stderr[-400:]!r}")
        r = run("endpoint", "add", "pbs-tok", "--kind", "pbs", "--url", services["lab-pbs"][1],
                "--token-id", "root@pam!vigie", "--secret-stdin", "--fingerprint",
                pbs["fingerprint"], stdin=pbs_secret)
        check(r.returncode == 0, f"add pbs-tok: {r.returncode} {r.stderr[-400:]!r}")
        r = run("endpoint", "add", "pve-wrong", "--kind", "proxmox", "--url",
                services["lab-proxmox"][1], "--user", "root@pam", "--password-stdin",
                "--fingerprint", pve["fingerprint"], stdin=canary_wrong + "\n")
        check(r.returncode == 2, f"add with a wrong password: exit {r.returncode}")
        r = run("endpoint", "add", "canary", "--kind", "proxmox", "--url", "https://127.0.0.1:9",
                "--user", "root@pam", "--password-stdin", "--no-verify", stdin=canary_pw + "\n")
        check(r.returncode == 0, f"add canary: {r.returncode} {r.stderr[-400:]!r}")
        r = run("endpoint", "add", "canary-tok", "--kind", "pbs", "--url", "https://127.0.0.1:9",
                "--token-id", "root@pam!t", "--secret-stdin", "--no-verify", stdin=canary_token)
        check(r.returncode == 0, f"add canary-tok: {r.returncode} {r.stderr[-400:]!r}")

        # What was added, used: the password endpoint logs in for real.
        r = run("inventory", "--endpoint", "pve-pw", "--endpoint", "pbs-tok", "--format", "json")
        check(r.returncode == 0, f"inventory of the added: {r.returncode} {r.stderr[-400:]!r}")
        statuses = {e["name"]: e["status"] for e in json.loads(r.stdout)["endpoints"]}
        check(statuses == {"pve-pw": "ok", "pbs-tok": "ok"}, f"statuses {statuses}")
        r = run("backups", "--endpoint", "pve-pw", "--endpoint", "pbs-tok", "--format", "json")
        check(r.returncode == 0, f"backups of the added: {r.returncode}")
        r = run("inventory", "--endpoint", "canary", "--format", "json")
        check(r.returncode == 2, f"inventory of an unreachable endpoint: exit {r.returncode}")

        for args in (["endpoint", "list"], ["endpoint", "list", "--format", "json"],
                     ["endpoint", "show", "pve-pw"], ["endpoint", "show", "lab-incus"],
                     ["endpoint", "show", "lab-incus", "--format", "json"],
                     ["endpoint", "export", export], ["endpoint", "export", "-"]):
            r = run(*args)
            check(r.returncode == 0, f"{args}: exit {r.returncode} {r.stderr[-400:]!r}")
        r = run("endpoint", "import", export, config_dir=other)
        check(r.returncode == 0, f"import: exit {r.returncode} {r.stderr[-400:]!r}")
        r = run("endpoint", "list", "--format", "json", config_dir=other)
        check(len(json.loads(r.stdout)["endpoints"]) >= 4, "the import lost endpoints")

        # Every secret the keyring holds now: the lab's and the added ones.
        stored = keyring_secrets()
        check(canary_pw in stored.values() and canary_token in stored.values(),
              "the canaries did not reach the keyring")
        r = run("endpoint", "remove", "canary")
        check(r.returncode == 0, f"remove: exit {r.returncode}")
    finally:
        stop_lab(run, lab)

    secrets = set(stored.values()) | {canary_pw, canary_token, canary_wrong, pve_secret,
                                      pbs_secret}
    patterns = [n for s in secrets for n in needles(s)]
    check(len(patterns) >= 7, f"too few secrets to look for: {len(patterns)}")

    # The logs did run: a test that sees nothing proves nothing.
    everything = b"".join(out for _, out in run.outputs)
    check(b"-DEBUG:" in everything, "no debug log in the outputs")
    check(re.search(rb"[<>] (GET|POST) /api2/json/", everything) is not None,
          "no HTTP request line in the debug log")
    check(b"access/ticket" in everything, "the password login did not show in the log")

    leaks = []
    for label, out in run.outputs:
        leaks += [f"{label}: {p[:4]!r}…" for p in patterns if p in out]
        if TICKET.search(out):
            leaks.append(f"{label}: a login ticket {TICKET.search(out).group(0)[:24]!r}…")
    xdg = [os.environ["XDG_CONFIG_HOME"], os.environ["XDG_DATA_HOME"],
           os.environ["XDG_CACHE_HOME"], os.environ["XDG_STATE_HOME"], other, export,
           os.path.join(root, "reports")]
    keyrings = {os.path.join(os.environ["XDG_DATA_HOME"], "keyrings")}
    files = [export] + [f for d in xdg if os.path.isdir(d) for f in walk(d, keyrings)]
    check(any(f.endswith("endpoints.conf") for f in files), f"no endpoint list in {files}")
    check(any(os.sep + "history" + os.sep in f for f in files), f"no history in {files}")
    for path in files:
        with open(path, "rb") as fh:
            data = fh.read()
        leaks += [f"{path}: {p[:4]!r}…" for p in patterns if p in data]
        if TICKET.search(data):
            leaks.append(f"{path}: a login ticket")
    check(not leaks, "secrets found:\n" + "\n".join(sorted(set(leaks))))


def main():
    if not os.environ.get(INNER):
        for tool in ("dbus-run-session", "gnome-keyring-daemon", "gdbus"):
            if not shutil.which(tool):
                return tap_skip(f"no {tool}")
        try:
            import gi
            gi.require_version("Secret", "1")
        except (ImportError, ValueError):
            return tap_skip("no python3-gi with gir1.2-secret-1")
        return reexec_in_private_session(__file__, INNER, private_xdg=True,
                                         root_var="VIGIE_SECRETS_TEST_ROOT")

    print("1..1")
    root = os.environ["VIGIE_SECRETS_TEST_ROOT"]
    try:
        scenario(root)
    except Exception as e:  # noqa: BLE001 - report as TAP
        print("not ok 1 no secret outside the keyring")
        for line in str(e).splitlines() or [repr(e)]:
            print(f"# {line}")
        return 1
    print("ok 1 no secret outside the keyring")
    return 0


if __name__ == "__main__":
    sys.exit(main())
