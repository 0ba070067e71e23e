# labtap.py — shared by the CLI tests that check many things against the
# demo lab: named results printed as TAP, and `vigiectl lab` run around a
# body of checks.
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import tempfile

VIGIECTL = os.environ.get("VIGIECTL", "vigiectl")

results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def with_lab(tmp, body):
    """Serves the demo lab with its endpoints registered in tmp/lab, runs
    body(config_dir), stops the lab. Returns why it could not (a skip
    reason) or None."""
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return "no session bus"
    conf = os.path.join(tmp, "lab")
    os.mkdir(conf)
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="")
    proc = subprocess.Popen([VIGIECTL, "--config-dir", conf, "lab"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    try:
        ready = False
        for line in proc.stdout:
            if line.strip() == "ready":
                ready = True
                break
        if not ready:
            return "the lab did not start: " + proc.stderr.read()[-300:]
        body(conf)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return None


def report(skips=()):
    """Prints the results as TAP, then one SKIP line per (name, reason)
    whose reason is set; returns the exit status."""
    skips = [(name, reason) for name, reason in skips if reason]
    print("TAP version 13")
    print("1..%d" % (len(results) + len(skips)))
    failed = 0
    for i, (name, ok, detail) in enumerate(results, 1):
        print("%s %d %s" % ("ok" if ok else "not ok", i, name))
        if not ok:
            failed += 1
            for line in str(detail).splitlines():
                print("# " + line)
    for i, (name, reason) in enumerate(skips, len(results) + 1):
        print("ok %d %s # SKIP %s" % (i, name, reason))
    return 1 if failed else 0


def run_lab_then_vcsim(lab, vcsim):
    """Runs lab(tmp) then vcsim(tmp), each in a directory of its own; each
    returns a skip reason or None. A skip is a failure where the
    environment says the peer is there (VIGIE_REQUIRE_SECRET_SERVICE for
    the lab, VIGIE_REQUIRE_PEERS for vcsim). Prints the report and returns
    the exit status."""
    skips = []
    for name, body, required in (("demo lab", lab, "VIGIE_REQUIRE_SECRET_SERVICE"),
                                 ("vcsim", vcsim, "VIGIE_REQUIRE_PEERS")):
        with tempfile.TemporaryDirectory() as tmp:
            skipped = body(tmp)
        if skipped and os.environ.get(required) == "1":
            check(name, False, skipped)
            skipped = None
        skips.append((name, skipped))
    return report(skips)
