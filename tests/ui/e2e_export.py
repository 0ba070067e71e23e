#!/usr/bin/python3
# e2e_export.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end test of "Export Estate…" in the real `vigie --demo`, through the
# accessibility tree (issue 15): the main menu opens the dialog, which lists
# the lab's hypervisor endpoints; with lab-esxi unticked, Export writes the
# workbook (to VIGIE_TEST_EXPORT_PATH: Xvfb has no file chooser portal to
# drive), a toast names the path, and the workbook read back with openpyxl
# has one vInfo row per instance of the ticked endpoints, as `vigiectl
# inventory --format json` reports them for the same lab, and none of
# lab-esxi. With VIGIE_SCREENSHOT_DIR set, screenshots in English and French.
# Prints TAP.

import json
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e_window as e2e  # noqa: E402  (skips the whole test without a display)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
import labtap  # noqa: E402

PLAN = 10
NOW = "2026-12-06T12:00:00Z"
VIGIECTL = os.environ.get("VIGIECTL", os.path.join(e2e.BUILD_ROOT, "src", "cli", "vigiectl"))
labtap.VIGIECTL = VIGIECTL
HYPERVISORS = ("esxi", "proxmox", "incus")
SUMMARY = re.compile(r"(\d+) VMs, (\d+) containers$")
SUMMARY_FR = re.compile(r"(\d+) VM, (\d+) conteneurs$")


def expected_from_lab(scratch):
    """Instances per hypervisor endpoint, from vigiectl's JSON for the lab."""
    found = {}

    def body(conf):
        out = subprocess.run([VIGIECTL, "--config-dir", conf, "inventory", "--format", "json"],
                             capture_output=True, text=True, timeout=240,
                             env=dict(os.environ, VIGIE_NOW=NOW, LC_ALL="C.UTF-8"))
        found["json"] = json.loads(out.stdout) if out.returncode == 0 else None
        found["error"] = out.stderr

    why = labtap.with_lab(scratch, body)
    data = found.get("json")
    if data is None:
        return None, why or found.get("error")
    return {e["name"]: sorted(i["name"] for i in e["instances"])
            for e in data["endpoints"] if e["kind"] in HYPERVISORS}, None


def children(acc):
    try:
        return [acc.getChildAtIndex(i) for i in range(acc.childCount)]
    except Exception:
        return []


def dialog(app, title):
    return next((w for w in children(app.root) if e2e.name(w) == title
                 and e2e.role(w) in ("dialog", "frame", "alert")), None)


def loaded(frame, total, pattern):
    """The Overview counts every lab instance: the monitor has them all."""
    def done():
        label = e2e.find(frame, lambda a: e2e.role(a) == "label"
                         and pattern.search(e2e.name(a)))
        match = label and pattern.search(e2e.name(label))
        return match and int(match.group(1)) + int(match.group(2)) == total
    return e2e.wait_for(done, 90)


def open_export(app, frame, menu, item, title):
    # GtkMenuButton's inner toggle button is the one with an action.
    button = e2e.wait_for(lambda: e2e.find(frame, lambda a: e2e.name(a) == menu
                                           and e2e.showing(a) and e2e.n_actions(a) > 0), 30)
    if button is None:
        return None, "no main menu button"
    e2e.click(button)
    entry = e2e.wait_for(lambda: e2e.find(app.root, lambda a: e2e.name(a) == item
                                          and e2e.showing(a) and e2e.n_actions(a) > 0), 30)
    if entry is None:
        return None, "no menu item " + item
    e2e.click(entry)
    found = e2e.wait_for(lambda: dialog(app, title), 30)
    return found, None if found else "no dialog " + title


def read_vinfo(path):
    import openpyxl
    workbook = openpyxl.load_workbook(path)
    rows = list(workbook["vInfo"].iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, r)) for r in rows[1:]], workbook


def body(scratch):
    expected, why = expected_from_lab(scratch)
    e2e.check(expected is not None and len(expected) == 3,
              "vigiectl inventory lists the lab's three hypervisor endpoints", why)
    expected = expected or {}
    total = sum(len(v) for v in expected.values())
    target = os.path.join(scratch, "estate.xlsx")

    time.sleep(0.5)
    app = e2e.App(os.path.join(scratch, "en"),
                  {"LANGUAGE": "en", "LC_ALL": "C.UTF-8", "VIGIE_NOW": NOW,
                   "VIGIE_TEST_EXPORT_PATH": target}, ["--demo"])
    frame = app.window("Vigie")
    ready = frame is not None and loaded(frame, total, SUMMARY)
    e2e.check(bool(ready), "the demo lab is loaded (the Overview counts %d instances)" % total)

    found, step = (None, "no window") if frame is None else \
        open_export(app, frame, "Main Menu", "Export Estate…", "Export Estate")
    e2e.check(found is not None, "Main Menu → Export Estate… opens the dialog", step)
    boxes = {}
    if found is not None:
        for endpoint in expected:
            boxes[endpoint] = e2e.wait_for(
                lambda: e2e.find(found, lambda a: e2e.name(a) == endpoint
                                 and e2e.role(a) == "check box"), 20)
    e2e.check(len(boxes) == 3 and all(boxes.values()) and
              all(b.getState().contains(e2e.pyatspi.STATE_CHECKED) for b in boxes.values()),
              "the dialog offers each hypervisor endpoint, ticked", boxes)
    e2e.screenshot("export-dialog-en")

    written = None
    toast = None
    if found is not None and boxes.get("lab-esxi") is not None:
        # A check box has no AT-SPI action in GTK 4.8: a real click on it.
        if e2e.n_actions(boxes["lab-esxi"]) > 0:
            e2e.click(boxes["lab-esxi"])
        else:
            e2e.click_middle(boxes["lab-esxi"])
        e2e.wait_for(lambda: not boxes["lab-esxi"].getState().contains(
            e2e.pyatspi.STATE_CHECKED), 10)
        button = e2e.wait_for(lambda: e2e.button_named(found, "Export…"), 20)
        if button is not None:
            e2e.click(button)
            written = e2e.wait_for(lambda: os.path.isfile(target), 120)
            toast = e2e.wait_for(lambda: e2e.find(
                frame, lambda a: e2e.name(a) == "Estate exported to " + target), 60)
    e2e.check(bool(written), "Export writes the workbook")
    e2e.check(toast is not None, "a toast names the path")
    e2e.screenshot("export-toast-en")

    rows, workbook = read_vinfo(target) if written else ([], None)
    got = {}
    for row in rows:
        got.setdefault(row["Datacenter"], []).append(row["VM"])
    want = {k: v for k, v in expected.items() if k != "lab-esxi"}
    e2e.check({k: sorted(v) for k, v in got.items()} == want and want,
              "vInfo has a row per instance of the ticked endpoints, as vigiectl "
              "inventory lists them, and none of the unticked lab-esxi",
              {k: len(v) for k, v in got.items()})
    e2e.check(workbook is not None and workbook["vDisk"].max_row > 1 and
              all(r["Backup status"] or str(r.get("Template")) == "True" for r in rows)
              and any(r["Backup status"] for r in rows),
              "the workbook has vDisk rows and the backup coverage")
    logs = app.stop()
    e2e.check_logs(logs)

    # French: the dialog's words, for the screenshot.
    app = e2e.App(os.path.join(scratch, "fr"),
                  {"LANGUAGE": "fr", "LC_ALL": "C.UTF-8", "VIGIE_NOW": NOW,
                   "VIGIE_TEST_EXPORT_PATH": os.path.join(scratch, "fr.xlsx")}, ["--demo"])
    frame = app.window("Vigie")
    french = frame is not None and loaded(frame, total, SUMMARY_FR)
    found, step = (None, "the lab did not load") if not french else \
        open_export(app, frame, "Menu principal", "E_xporter le parc…".replace("_", ""),
                    "Exporter le parc")
    shown = found is not None and e2e.wait_for(lambda: e2e.find_by_name(found, "Format"), 20)
    e2e.check(bool(shown), "French: Menu principal → Exporter le parc… opens it", step)
    e2e.screenshot("export-dialog-fr")
    app.stop()


def main():
    return e2e.run(PLAN, "vigie-e2e-export-", body)


if __name__ == "__main__":
    sys.exit(main())
