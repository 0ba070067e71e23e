#!/usr/bin/env python3
# test-action-cli.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# `vigiectl action` (contract 1.1, "Actions") against the demo lab: one
# snapshot call across ESXi, Proxmox VE and Incus, seen afterwards in the
# inventory; a destructive action refused without --yes and a terminal; a
# target that does not exist reported while the others run; bad usage.
#
# The lab needs a Secret Service: run outside of one, the script starts a
# private D-Bus session with a throwaway gnome-keyring when it can;
# otherwise the lab cases skip (or fail with VIGIE_REQUIRE_SECRET_SERVICE=1).
# TAP output.

import json
import os
import pty
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from keyring import have_secret_service, reexec_in_private_session  # noqa: E402
from labtap import check, report, with_lab  # noqa: E402

VIGIECTL = os.environ.get("VIGIECTL", "vigiectl")
INNER = "VIGIE_ACTION_TEST_INNER"

def run(config_dir, *args, lang="C.UTF-8"):
    env = dict(os.environ, LC_ALL=lang)
    env.pop("LANGUAGE", None)
    proc = subprocess.run([VIGIECTL, "--config-dir", config_dir, "--timeout", "60", *args],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env,
                          timeout=240)
    return proc.returncode, proc.stdout, proc.stderr


def answer(config_dir, typed, *args):
    """Runs vigiectl with a terminal on standard input, where @typed waits."""
    env = dict(os.environ, LC_ALL="C.UTF-8")
    env.pop("LANGUAGE", None)
    master, slave = pty.openpty()
    try:
        os.write(master, typed.encode())
        proc = subprocess.run([VIGIECTL, "--config-dir", config_dir, "--timeout", "60", *args],
                              stdin=slave, capture_output=True, text=True, env=env, timeout=240)
    finally:
        os.close(slave)
        os.close(master)
    return proc.returncode, proc.stdout, proc.stderr


def bad_usage(tmp):
    conf = os.path.join(tmp, "usage")
    os.mkdir(conf)
    with open(os.path.join(conf, "endpoints.conf"), "w") as f:
        f.write("[endpoint 11111111-1111-1111-1111-111111111111]\n"
                "name=pve\nkind=proxmox\nurl=https://127.0.0.1:1\n"
                "[endpoint 22222222-2222-2222-2222-222222222222]\n"
                "name=inc\nkind=incus\nurl=https://127.0.0.1:1\n")
    for args, why in ((["action"], "no action"),
                      (["action", "start"], "no target"),
                      (["action", "explode", "pve/100"], "unknown action"),
                      (["action", "start", "pve"], "malformed target: no id"),
                      (["action", "start", "pve/"], "malformed target: empty id"),
                      (["action", "start", "pve/a/b"], "malformed target: a project off Incus"),
                      (["action", "start", "inc/a/b/c"], "malformed target: too many parts"),
                      (["action", "start", "nope/100"], "unknown endpoint"),
                      (["action", "snapshot", "pve/100"], "snapshot without a name"),
                      (["action", "snapshot", "--param", "name", "pve/100"],
                       "--param not KEY=VALUE"),
                      (["action", "start", "--param", "name=x", "pve/100"],
                       "a parameter start has not"),
                      (["action", "start", "--bogus", "pve/100"], "unknown option")):
        rc, out, err = run(conf, *args)
        check("bad usage (%s): exit 1, a message, nothing printed" % why,
              rc == 1 and err.startswith("vigiectl: ") and out == "", (rc, out, err))
    rc, out, err = run(conf, "action", "start", "pve/100", "pve")
    check("one malformed target among good ones: exit 1 before anything runs",
          rc == 1 and out == "" and "pve" in err, (rc, out, err))
    rc, out, err = run(conf, "--help")
    check("vigiectl --help lists action", rc == 0 and "\n  action " in out, out)
    rc, out, err = run(conf, "action", "--help")
    check("action --help: actions and targets", rc == 0 and "snapshot" in out and
          "ENDPOINT/PROJECT/NAME" in out and "--yes" in out, out)
    rc, out, err = run(conf, "action", "reboot", "pve/100", lang="fr_FR.UTF-8")
    check("French: the refusal without --yes is translated",
          rc == 1 and "--yes" in err and "rien" in err, err)


def instances(conf):
    rc, out, err = run(conf, "inventory", "--format", "json")
    found = {}
    for endpoint in json.loads(out)["endpoints"]:
        for i in endpoint.get("instances", []):
            project = i["project"] + "/" if i.get("project") else ""
            key = endpoint["name"] + "/" + project + i["id"]
            found[key] = i
    return found


def lines_of(out):
    """{target: rest of line} of `TARGET ok|failed: …|not allowed: …` lines."""
    lines = {}
    for line in out.splitlines():
        target, _, rest = line.partition(" ")
        lines[target] = rest
    return lines


def act_on_lab(conf):
    before = instances(conf)
    targets = ["lab-esxi/1", "lab-esxi/2", "lab-proxmox/100",
               "lab-incus/default/web-01", "lab-incus/default/db-01"]
    check("lab: the targets exist", all(t in before for t in targets), sorted(before))
    rc, out, err = run(conf, "action", "snapshot", "--param", "name=before-exam", *targets)
    got = lines_of(out)
    check("snapshot on three kinds in one call: exit 0, one `ok` line per target",
          rc == 0 and len(out.splitlines()) == len(targets) and
          all(got.get(t) == "ok" for t in targets), (rc, out, err))
    after = instances(conf)
    check("the snapshots are in the inventory afterwards",
          all(after[t]["snapshots"] == before[t]["snapshots"] + 1 for t in targets),
          [(t, before[t]["snapshots"], after[t]["snapshots"]) for t in targets])

    # By name works too, and a missing target fails alone.
    rc, out, err = run(conf, "action", "snapshot", "--param", "name=second",
                       "lab-esxi/1", "lab-proxmox/99999", "lab-incus/web-02", "lab-pbs/x")
    got = lines_of(out)
    check("a target that does not exist: `failed` line, exit 2, the others ok",
          rc == 2 and got.get("lab-esxi/1") == "ok" and got.get("lab-incus/web-02") == "ok"
          and got.get("lab-proxmox/99999", "").startswith("failed: ")
          and "99999" in got.get("lab-proxmox/99999", "")
          and got.get("lab-pbs/x", "").startswith("failed: "), (rc, out, err))
    final = instances(conf)
    check("the others ran despite the missing one",
          final["lab-esxi/1"]["snapshots"] == after["lab-esxi/1"]["snapshots"] + 1 and
          final["lab-incus/default/web-02"]["snapshots"] ==
          after["lab-incus/default/web-02"]["snapshots"] + 1)

    # The lab's Proxmox token lacks VM.Snapshot on 101: the model says why.
    rc, out, err = run(conf, "action", "snapshot", "--param", "name=third",
                       "lab-proxmox/101", "lab-proxmox/100")
    got = lines_of(out)
    check("not allowed: its reason, exit 2, the other one ok",
          rc == 2 and got.get("lab-proxmox/101", "").startswith("not allowed: ") and
          len(got["lab-proxmox/101"]) > len("not allowed: ") and
          got.get("lab-proxmox/100") == "ok", (rc, out, err))

    running = [t for t in ("lab-esxi/1", "lab-proxmox/100", "lab-incus/default/web-01")
               if final[t]["state"] == "running"]
    check("lab: running instances to stop", len(running) == 3, running)
    rc, out, err = run(conf, "action", "stop", *running)
    check("stop without --yes and no terminal: exit 1, a message, nothing printed",
          rc == 1 and "--yes" in err and out == "", (rc, out, err))
    now = instances(conf)
    check("stop without --yes: nothing stopped",
          all(now[t]["state"] == "running" for t in running),
          [(t, now[t]["state"]) for t in running])
    target = "lab-incus/default/web-02"
    check("lab: %s runs" % target, now[target]["state"] == "running", now[target])
    rc, out, err = answer(conf, "n\n", "action", "stop", target)
    now = instances(conf)
    check("stop on a terminal answered n: exit 1, the question named, nothing stopped",
          rc == 1 and out == "" and "[y/N]" in err and "1 instance?" in err and
          target in err and now[target]["state"] == "running",
          (rc, out, err, now[target]["state"]))
    rc, out, err = answer(conf, "y\n", "action", "stop", target)
    now = instances(conf)
    check("stop on a terminal answered y: ok, and stopped",
          rc == 0 and out == target + " ok\n" and now[target]["state"] == "stopped",
          (rc, out, err, now[target]["state"]))

    rc, out, err = run(conf, "action", "stop", "--yes", "lab-esxi/1")
    now = instances(conf)
    check("stop --yes: ok, and stopped", rc == 0 and out == "lab-esxi/1 ok\n" and
          now["lab-esxi/1"]["state"] == "stopped", (rc, out, err, now["lab-esxi/1"]["state"]))


def lab(tmp):
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS") or not have_secret_service():
        return "no Secret Service"
    return with_lab(tmp, act_on_lab)


def main():
    if not os.environ.get(INNER) and not have_secret_service():
        rc = reexec_in_private_session(__file__, INNER)
        if rc is not None:
            return rc

    with tempfile.TemporaryDirectory() as tmp:
        bad_usage(tmp)
        skipped = lab(tmp)
        if skipped and os.environ.get("VIGIE_REQUIRE_SECRET_SERVICE") == "1":
            check("demo lab", False, skipped)

    return report([("demo lab", skipped)])


if __name__ == "__main__":
    sys.exit(main())
