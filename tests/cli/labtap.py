# labtap.py — shared by the CLI tests that check many things against the
# demo lab: named results printed as TAP, and `vigiectl lab` (or vcsim's
# endpoints) set up around a body of checks.
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


def with_lab(tmp, body, now=None):
    """Serves the demo lab with its endpoints registered in tmp/lab, runs
    body(config_dir), stops the lab. now (RFC 3339) dates the lab's demo
    data from that time instead of the real clock. Returns why it could not
    (a skip reason) or None."""
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return "no session bus"
    conf = os.path.join(tmp, "lab")
    os.mkdir(conf)
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="")
    if now:
        env["VIGIE_NOW"] = now
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


# govmomi's vcsim (tests/lab/vcsim-up.sh): the endpoint names with_vcsim()
# registers and the variable holding each one's URL.
VCSIM_ENDPOINTS = {"sim-esx": "VIGIE_VCSIM_ESX_URL", "sim-vc": "VIGIE_VCSIM_VC_URL"}


def with_vcsim(tmp, body, endpoints=("sim-esx", "sim-vc")):
    """Registers vcsim in tmp/vcsim (sim-esx as an ESXi host, sim-vc as a
    vCenter; endpoints chooses which), then runs body(config_dir). Returns
    why it could not (a skip reason) or None; an endpoint vigiectl refuses
    is a failed check."""
    names = [VCSIM_ENDPOINTS[e] for e in endpoints] + [
        "VIGIE_VCSIM_USER", "VIGIE_VCSIM_PASSWORD", "VIGIE_VCSIM_FINGERPRINT"]
    if not all(os.environ.get(n) for n in names):
        return "vcsim is not running (tests/lab/vcsim-up.sh)"
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return "no session bus"
    conf = os.path.join(tmp, "vcsim")
    os.mkdir(conf)
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="")
    for name in endpoints:
        proc = subprocess.run([VIGIECTL, "--config-dir", conf, "endpoint", "add", name,
                               "--kind", "esxi", "--url", os.environ[VCSIM_ENDPOINTS[name]],
                               "--user", os.environ["VIGIE_VCSIM_USER"], "--password-stdin",
                               "--no-verify",
                               "--fingerprint", os.environ["VIGIE_VCSIM_FINGERPRINT"]],
                              input=os.environ["VIGIE_VCSIM_PASSWORD"] + "\n", text=True,
                              capture_output=True, env=env, timeout=180)
        if proc.returncode != 0:
            check("vcsim: endpoint %s added" % name, False, proc.stderr)
            return None
    body(conf)
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
