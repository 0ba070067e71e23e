#!/usr/bin/python3
# e2e_changes.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Issue 14: "What Changed" in the real `vigie --demo` says what
# `vigiectl inventory --since` says for the same history. A first session
# records the demo lab's inventory; the record is made three hours older
# and different (a guest missing, one that is gone now, another stopped,
# an older Proxmox VE); the same record is put in the history of a
# `vigiectl lab` config. The second session's What Changed lists, row for
# row, the changes vigiectl prints as JSON (kinds, endpoints, names,
# states), and those include the four planted ones. Prints TAP.

import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e_window as e2e  # noqa: E402  (skips the whole test without a display)
import pyatspi  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
import labtap  # noqa: E402

PLAN = 6
VIGIECTL = os.environ.get("VIGIECTL", os.path.join(e2e.BUILD_ROOT, "src", "cli", "vigiectl"))
labtap.VIGIECTL = VIGIECTL

ADDED = "web01"          # missing from the record: added since
GONE = "retired-vm"      # only in the record: removed since
STOPPED = "app01"        # stopped in the record, running now
OLD_VERSION = "8.3.0"

# The English labels of the app's rows for vigiectl's spellings.
KINDS = {"endpoint-added": "Endpoint added", "endpoint-removed": "Endpoint removed",
         "endpoint-unreachable": "Endpoint no longer answers", "version": "Version changed",
         "instance-added": "Instance added", "instance-removed": "Instance removed",
         "state": "State changed", "coverage-lost": "Backup coverage lost"}
WITH_VALUES = ("state", "version", "coverage-lost", "endpoint-unreachable")
VALUES = {"running": "Running", "stopped": "Stopped", "paused": "Paused",
          "suspended": "Suspended", "unknown": "Unknown", "protected": "Protected",
          "stale": "Stale", "failed": "Failed", "unprotected": "Unprotected"}


def expected_row(change):
    """(title, subtitle) of the app's row for one of vigiectl's changes."""
    label = KINDS.get(change["change"], "Unknown")
    if change["change"] in WITH_VALUES:
        def value(v):
            if v is None:
                return "—"
            return v if change["change"] == "version" else VALUES.get(v, v)
        label = f"{label}: {value(change.get('from'))} → {value(change.get('to'))}"
    if change.get("id"):
        label = f"{label} · {change['endpoint']}"
    title = change.get("name") or change.get("id") or change["endpoint"]
    return (title, label)


def plant(snapshot):
    """The record made different; True when the lab's Proxmox VE was in it."""
    planted = False
    for endpoint in snapshot["endpoints"]:
        if endpoint["name"] != "lab-proxmox":
            continue
        endpoint["version"] = OLD_VERSION
        instances = [i for i in endpoint["instances"] if i.get("name") != ADDED]
        for instance in instances:
            if instance.get("name") == STOPPED:
                instance["state"] = "stopped"
        retired = dict(instances[0])
        retired.update({"id": "9999", "name": GONE, "state": "stopped"})
        instances.append(retired)
        endpoint["instances"] = instances
        planted = True
    return planted


def vigiectl_changes(scratch, record, name):
    """vigiectl inventory --since last --format json over the lab, with
    @record as its history."""
    result = {}

    def body(conf):
        history = os.path.join(conf, "history")
        os.makedirs(history, mode=0o700, exist_ok=True)
        shutil.copy(record, os.path.join(history, name))
        proc = subprocess.run([VIGIECTL, "--config-dir", conf, "--timeout", "90", "inventory",
                               "--since", "last", "--format", "json"],
                              capture_output=True, text=True, timeout=300,
                              env=dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="en"))
        result["rc"], result["out"], result["err"] = proc.returncode, proc.stdout, proc.stderr

    why = labtap.with_lab(os.path.join(scratch, "cli"), body)
    if why or result.get("rc") != 0:
        return None, why or f"exit {result.get('rc')}: {result.get('err', '')[-400:]}"
    try:
        return json.loads(result["out"])["changes"], None
    except (ValueError, KeyError) as error:
        return None, f"{error}: {result['out'][:400]}"


def dialog_rows(dialog):
    """(title, subtitle) of every row of the dialog's list."""
    rows = []
    for acc in e2e.walk(dialog):
        if e2e.role(acc) not in ("list", "list box"):
            continue
        for i in range(acc.childCount):
            labels = [e2e.name(a) for a in e2e.walk(acc.getChildAtIndex(i))
                      if e2e.role(a) == "label"]
            if len(labels) >= 2:
                rows.append((labels[0], labels[1]))
    return rows


def demo(scratch):
    return e2e.App(os.path.join(scratch, "demo"), {"LANGUAGE": "en", "LC_ALL": "C.UTF-8"},
                   ["--demo"])


def main():
    if not e2e.begin(PLAN):
        return 1
    bus = e2e.start_bus()
    scratch = tempfile.mkdtemp(prefix="vigie-e2e-changes-")
    os.makedirs(os.path.join(scratch, "cli"))
    logs = ""
    app = None
    try:
        time.sleep(0.5)
        # 1. A first session records the lab's inventory.
        app = demo(scratch)
        frame = app.window("Vigie")
        if frame is not None:
            e2e.wait_for(lambda: e2e.find_by_name(frame, "lab-proxmox", visible=False), 90)
        history = os.path.join(scratch, "demo", "history")
        recorded = e2e.wait_for(lambda: glob.glob(os.path.join(history, "inventory-*.json")), 90)
        e2e.check(bool(recorded), "the first session records the inventory", history)
        logs += app.stop()

        # 2. The record, older and different, in both histories.
        planted = False
        record = os.path.join(scratch, "record.json")
        taken = int(time.time()) - 3 * 3600
        name = "inventory-%012d.json" % taken
        if recorded:
            with open(sorted(recorded)[-1], encoding="utf-8") as f:
                snapshot = json.load(f)
            for path in recorded:
                os.unlink(path)
            planted = plant(snapshot)
            snapshot["taken_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(taken))
            with open(record, "w", encoding="utf-8") as f:
                json.dump(snapshot, f)
            shutil.copy(record, os.path.join(history, name))

        # 3. What vigiectl says changed since that record.
        changes, why = vigiectl_changes(scratch, record, name) if planted else (None, "no record")
        expected = sorted(expected_row(c) for c in changes or [])
        wanted = {("web01", "Instance added · lab-proxmox"),
                  (GONE, "Instance removed · lab-proxmox"),
                  (STOPPED, "State changed: Stopped → Running · lab-proxmox"),
                  ("lab-proxmox", f"Version changed: {OLD_VERSION} → ")}
        found = {w for w in wanted if any(r[0] == w[0] and r[1].startswith(w[1])
                                          for r in expected)}
        e2e.check(changes is not None and found == wanted,
                  "vigiectl inventory --since reports the planted changes",
                  why or f"missing {wanted - found} in {expected}")

        # 4. The second session's What Changed.
        # Once the app has read every endpoint, it records the inventory
        # (a second file): What Changed then compares a complete one.
        app = demo(scratch)
        frame = app.window("Vigie")
        if frame is not None:
            e2e.wait_for(lambda: e2e.find_by_name(frame, "lab-proxmox"), 90)
            e2e.wait_for(lambda: len(glob.glob(os.path.join(history, "inventory-*.json"))) > 1,
                         120)
            tab = e2e.find(frame, lambda a: e2e.name(a) == "Overview"
                           and e2e.role(a) == "page tab")
            if tab is not None:
                e2e.click(tab)
        what = frame and e2e.wait_for(lambda: e2e.button_named(frame, "What Changed…"), 30)
        if what:
            e2e.wait_for(lambda: what.getState().contains(pyatspi.STATE_SENSITIVE), 30)
            e2e.click(what)
        dialog = what and e2e.wait_for(lambda: e2e.find(
            app.root, lambda a: e2e.role(a) == "frame" and e2e.name(a) == "What Changed"), 30)
        e2e.check(bool(dialog), "What Changed… opens the dialog")

        # The list is there once the count says so.
        def settled():
            counted = e2e.find(dialog, lambda a: e2e.role(a) == "label" and (
                " changes since the inventory recorded on " in e2e.name(a)
                or " change since the inventory recorded on " in e2e.name(a)))
            if counted is None:
                return None
            count = int(e2e.name(counted).split(" ")[0])
            rows = dialog_rows(dialog)
            return (count, rows) if len(rows) == count else None
        shown = dialog and e2e.wait_for(settled, 120)
        if not shown and dialog:
            print("# " + " | ".join(f"{e2e.role(a)}:{e2e.name(a)}" for a in e2e.walk(dialog)))
        count, rows = shown if shown else (None, [])
        e2e.check(count is not None and count == len(expected),
                  "What Changed counts as many changes as vigiectl",
                  f"shown {count}, vigiectl {len(expected)}")
        e2e.check(sorted(rows) == expected,
                  "What Changed shows the same rows as vigiectl inventory --since "
                  "(added, removed, state, version)",
                  f"only in the app: {sorted(set(rows) - set(expected))}\n"
                  f"only in vigiectl: {sorted(set(expected) - set(rows))}")
        if os.environ.get("VIGIE_SCREENSHOT_DIR"):
            subprocess.run(["import", "-window", "root",
                            os.path.join(os.environ["VIGIE_SCREENSHOT_DIR"],
                                         "changes-en.png")], check=False)
        logs += app.stop()
        app = None
        e2e.check_logs(logs)
    finally:
        if app is not None:
            app.stop()
        e2e.stop_bus(bus, scratch)
    return 0 if all(e2e.results) else 1


if __name__ == "__main__":
    sys.exit(main())
