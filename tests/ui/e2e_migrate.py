#!/usr/bin/python3
# e2e_migrate.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end test of the migration readiness view of the Compare page in the
# real `vigie --demo`, through the accessibility tree (issue 15): its verdict
# counts for each target equal `vigiectl migrate-check --format json` on the
# same lab; the verdict and endpoint filters narrow the rows; a guest's
# reasons link to their sources. With VIGIE_SCREENSHOT_DIR set, screenshots
# in English and French. Prints TAP.

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

PLAN = 9
NOW = "2026-12-06T12:00:00Z"
VIGIECTL = os.environ.get("VIGIECTL", os.path.join(e2e.BUILD_ROOT, "src", "cli", "vigiectl"))
labtap.VIGIECTL = VIGIECTL
NAMES = set()   # lab-proxmox's guests that need work to move to Incus
COUNTS = re.compile(r"^Ready: (\d+) · Needs work: (\d+) · Blocked: (\d+)$")
COUNTS_FR = re.compile(r"^Prêtes : (\d+) · à retravailler : (\d+) · bloquées : (\d+)$")


def expected_from_lab(scratch):
    """Verdict counts per target (and per endpoint), from vigiectl's JSON."""
    found = {}

    def body(conf):
        out = subprocess.run([VIGIECTL, "--config-dir", conf, "migrate-check", "--format",
                              "json"], capture_output=True, text=True, timeout=240,
                             env=dict(os.environ, VIGIE_NOW=NOW, LC_ALL="C.UTF-8"))
        found["json"] = json.loads(out.stdout) if out.stdout.strip() else None
        found["error"] = out.stderr

    why = labtap.with_lab(scratch, body)
    data = found.get("json")
    if data is None:
        return None, why or found.get("error")
    counts = {}
    for check in data["checks"]:
        if check["to"] == "incus" and check["endpoint"] == "lab-proxmox" and \
                check["verdict"] == "needs-work":
            NAMES.add(check["name"])
        for key in (check["to"], (check["to"], check["endpoint"])):
            c = counts.setdefault(key, {"ready": 0, "needs-work": 0, "blocked": 0})
            c[check["verdict"]] += 1
    return counts, None


def as_tuple(c):
    return (c["ready"], c["needs-work"], c["blocked"]) if c else None


def counts_shown(frame, pattern):
    label = e2e.find(frame, lambda a: e2e.role(a) == "label" and pattern.match(e2e.name(a))
                     and e2e.showing(a))
    if label is None:
        return None
    return tuple(int(x) for x in pattern.match(e2e.name(label)).groups())


def wait_counts(frame, pattern, want):
    return e2e.wait_for(lambda: counts_shown(frame, pattern) == want, 60)


def choose(app, frame, dropdown_name, item, downs):
    """Opens a drop-down by its accessible name and picks the item @downs rows
    below the selected one, with the keyboard: the popover's list has the
    focus, and GTK 4.8 gives its rows no screen position to click."""
    dropdown = e2e.wait_for(lambda: e2e.find(frame, lambda a: e2e.name(a) == dropdown_name
                                             and e2e.showing(a)), 20)
    if dropdown is None:
        return "no drop-down " + dropdown_name
    e2e.click_middle(dropdown)
    entry = e2e.wait_for(lambda: e2e.find(dropdown, lambda a: e2e.name(a) == item
                                          and e2e.role(a) == "label" and e2e.showing(a)
                                          and list_item(a)), 20)
    if entry is None:
        return "no item " + item
    time.sleep(0.5)
    for _ in range(downs):
        e2e.key(e2e.DOWN)
    e2e.key(e2e.ENTER)
    shown = e2e.wait_for(lambda: e2e.find(dropdown, lambda a: e2e.name(a) == item
                                          and e2e.showing(a) and not list_item(a)), 20)
    return None if shown else "the drop-down does not show " + item


def list_item(acc):
    """Inside a list of the popover, not the button's own label."""
    try:
        acc = acc.parent
        while acc is not None:
            if e2e.role(acc) in ("list", "list box", "list item", "table", "tree table"):
                return True
            if e2e.role(acc) in ("toggle button", "push button", "combo box"):
                return False
            acc = acc.parent
    except Exception:
        pass
    return False


def open_migration(frame, tab_name, button_name):
    tab = e2e.wait_for(lambda: e2e.find_by_name(frame, tab_name, ["page tab", "toggle button",
                                                                  "radio button"]), 30)
    if tab is None:
        return False
    e2e.click(tab)
    # The toggle button has no name of its own: its label does.
    button = e2e.wait_for(lambda: e2e.find(frame, lambda a: e2e.name(a) == button_name
                                           and e2e.showing(a)), 30)
    if button is None:
        return False
    e2e.click_middle(button)
    return True


def body(scratch):
    expected, why = expected_from_lab(scratch)
    e2e.check(expected is not None and "proxmox" in expected and "incus" in expected,
              "vigiectl migrate-check gives verdicts for both targets", why)
    expected = expected or {}

    time.sleep(0.5)
    app = e2e.App(os.path.join(scratch, "en"),
                  {"LANGUAGE": "en", "LC_ALL": "C.UTF-8", "VIGIE_NOW": NOW}, ["--demo"])
    frame = app.window("Vigie")
    opened = frame is not None and open_migration(frame, "Compare", "Migration")
    e2e.check(opened, "Compare → Migration opens the readiness view")

    want = as_tuple(expected.get("proxmox"))
    got = opened and wait_counts(frame, COUNTS, want)
    e2e.check(bool(got), "to Proxmox VE: the counts equal vigiectl migrate-check",
              (counts_shown(frame, COUNTS) if frame else None, want))
    e2e.screenshot("migrate-en")

    step = choose(app, frame, "Target", "To Incus", 1) if opened else "not opened"
    want = as_tuple(expected.get("incus"))
    got = step is None and wait_counts(frame, COUNTS, want)
    e2e.check(bool(got), "to Incus: the counts equal vigiectl migrate-check",
              (step, counts_shown(frame, COUNTS) if frame else None, want))

    step = choose(app, frame, "Endpoint", "lab-proxmox", 2) if opened else "not opened"
    want = as_tuple(expected.get(("incus", "lab-proxmox")))
    got = step is None and wait_counts(frame, COUNTS, want)
    e2e.check(bool(got), "the endpoint filter: lab-proxmox's guests to Incus only",
              (step, counts_shown(frame, COUNTS) if frame else None, want))

    step = choose(app, frame, "Verdict", "Needs Work", 2) if opened else "not opened"
    work = (want or (0, 0, 0))[1]
    got = step is None and wait_counts(frame, COUNTS, (0, work, 0))
    rows = frame and e2e.find(frame, lambda a: e2e.name(a) == "Migration readiness"
                              and e2e.showing(a))
    e2e.check(bool(got) and work > 0,
              "the verdict filter keeps the guests that need work only", (step, work))

    # A guest's reasons, each with a link to its source: a click on its
    # name expands it.
    link = None
    title = rows and e2e.find(rows, lambda a: e2e.role(a) == "label" and e2e.showing(a)
                              and e2e.name(a) in NAMES)
    if title:
        e2e.click_middle(title)
        link = e2e.wait_for(lambda: e2e.find(rows, lambda a: e2e.name(a) == "Source"
                                             and e2e.showing(a)), 30)
    e2e.check(link is not None, "an expanded guest shows its reasons with a Source link")
    e2e.screenshot("migrate-expanded-en")
    logs = app.stop()
    e2e.check_logs(logs)

    app = e2e.App(os.path.join(scratch, "fr"),
                  {"LANGUAGE": "fr", "LC_ALL": "C.UTF-8", "VIGIE_NOW": NOW}, ["--demo"])
    frame = app.window("Vigie")
    opened = frame is not None and open_migration(frame, "Comparer", "Migration")
    want = as_tuple(expected.get("proxmox"))
    got = opened and wait_counts(frame, COUNTS_FR, want)
    e2e.check(bool(got), "French: the same counts, in French",
              counts_shown(frame, COUNTS_FR) if frame else None)
    e2e.screenshot("migrate-fr")
    app.stop()


def main():
    return e2e.run(PLAN, "vigie-e2e-migrate-", body)


if __name__ == "__main__":
    sys.exit(main())
