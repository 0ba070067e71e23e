#!/usr/bin/python3
# e2e_overview.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end test of the Overview in the real `vigie --demo`, through the
# accessibility tree (issues 13 and 14): the estate summary counts what
# `vigiectl inventory --format json` reports for the same demo lab; the
# lab's Proxmox VE 8.4, out of support on the day fixed by VIGIE_NOW, has an
# alert whose button selects the endpoint; the page keeps its scroll
# position across a refresh; a backup server selected in the sidebar shows
# its datastores and jobs on the Instances page. Then the French summary.
# With VIGIE_SCREENSHOT_DIR set, screenshots of the page. Prints TAP.
#
# The harness (starting the app, walking the tree) is e2e_window.py's.

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e_window as e2e  # noqa: E402  (skips the whole test without a display)
import pyatspi  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
import labtap  # noqa: E402

PLAN = 12
NOW = "2026-12-06T12:00:00Z"
VIGIECTL = os.environ.get("VIGIECTL", os.path.join(e2e.BUILD_ROOT, "src", "cli", "vigiectl"))
labtap.VIGIECTL = VIGIECTL

INSTANCES = re.compile(r"^(\d+) running, (\d+) stopped, (\d+) paused, (\d+) unknown, "
                       r"(\d+) templates\n(\d+) VMs, (\d+) containers$")
INSTANCES_FR = re.compile(r"^(\d+) en marche, (\d+) arrêtées, (\d+) en pause, "
                          r"(\d+) d’état inconnu, (\d+) modèles\n(\d+) VM, (\d+) conteneurs$")


def expected_from_lab(scratch):
    """The counts the summary must show, from vigiectl's JSON for the lab."""
    found = {}

    def body(conf):
        out = subprocess.run([VIGIECTL, "--config-dir", conf, "inventory", "--format", "json"],
                             capture_output=True, text=True, timeout=120,
                             env=dict(os.environ, VIGIE_NOW=NOW, LC_ALL="C.UTF-8"))
        found["json"] = json.loads(out.stdout) if out.returncode == 0 else None
        found["error"] = out.stderr

    why = labtap.with_lab(scratch, body)
    data = found.get("json")
    if data is None:
        return None, why or found.get("error")
    counts = {"endpoints": 0, "ok": 0, "failing": 0, "online": 0, "offline": 0,
              "maintenance": 0, "running": 0, "stopped": 0, "paused": 0, "unknown": 0,
              "templates": 0, "vms": 0, "containers": 0}
    versions = {}
    for endpoint in data["endpoints"]:
        counts["endpoints"] += 1
        versions[endpoint["name"]] = endpoint.get("version")
        if endpoint["status"] != "ok":
            counts["failing"] += 1
            continue
        counts["ok"] += 1
        for host in endpoint.get("hosts", []):
            if host["state"] in ("online", "offline", "maintenance"):
                counts[host["state"]] += 1
        for instance in endpoint.get("instances", []):
            counts["vms" if instance["type"] == "vm" else "containers"] += 1
            if instance.get("template"):
                counts["templates"] += 1
            elif instance["state"] in ("running", "stopped"):
                counts[instance["state"]] += 1
            elif instance["state"] in ("paused", "suspended"):
                counts["paused"] += 1
            else:
                counts["unknown"] += 1
    return (counts, versions), None


def label_matching(frame, pattern, visible=True):
    return e2e.find(frame, lambda a: e2e.role(a) == "label"
                    and re.search(pattern, e2e.name(a))
                    and (not visible or e2e.showing(a)))


def demo(scratch, language):
    env = {"LANGUAGE": language, "LC_ALL": "C.UTF-8", "VIGIE_NOW": NOW}
    return e2e.App(os.path.join(scratch, language), env, ["--demo"])


def screenshot(name):
    directory = os.environ.get("VIGIE_SCREENSHOT_DIR")
    if directory and shutil.which("import"):
        subprocess.run(["import", "-window", "root", os.path.join(directory, name + ".png")],
                       check=False)


def top(acc):
    """Where a widget is in its window: it moves up as the page scrolls down
    (GTK 4.8 has no Value on scroll bars, nor GrabFocus to scroll to it)."""
    try:
        return acc.queryComponent().getExtents(pyatspi.WINDOW_COORDS).y
    except Exception:
        return None


def in_sidebar(acc):
    for _ in range(6):
        try:
            acc = acc.parent
        except Exception:
            return False
        if acc is None:
            return False
        if e2e.role(acc) == "list item":
            return True
    return False


def card_title(frame, endpoint):
    """The title of an endpoint's card on the Overview (not its sidebar row)."""
    return e2e.find(frame, lambda a: e2e.role(a) == "label" and e2e.name(a) == endpoint
                    and e2e.showing(a) and not in_sidebar(a))


def steady(acc):
    """The widget's place once two reads agree (wheel events all handled)."""
    first = top(acc)
    e2e.time.sleep(0.5)
    second = top(acc)
    return second if first == second and second is not None else None


def latencies(frame):
    return sorted(e2e.name(a) for a in e2e.walk(frame)
                  if e2e.role(a) == "label" and re.match(r"^\d+ ms$", e2e.name(a)))


def main():
    if not e2e.begin(PLAN):
        return 1

    bus = e2e.start_bus()
    scratch = tempfile.mkdtemp(prefix="vigie-e2e-overview-")
    logs = ""
    try:
        expected, why = expected_from_lab(scratch)
        e2e.check(expected is not None, "vigiectl inventory reads the demo lab", why)
        if expected is None:
            for _ in range(PLAN - 1):
                e2e.check(False, "no expected counts")
            return 1
        counts, versions = expected

        app = demo(scratch, "en")
        frame = app.window("Vigie")
        endpoints = None
        if frame is not None:
            endpoints = e2e.wait_for(lambda: label_matching(
                frame, rf"^{counts['ok']} answering, {counts['failing']} failing, 0 waiting$"), 90)
        e2e.check(endpoints is not None, "the summary counts the endpoints as vigiectl does",
                  None if endpoints else app.stop())

        instances = frame and e2e.wait_for(lambda: label_matching(frame, INSTANCES.pattern), 30)
        got = tuple(int(n) for n in INSTANCES.match(e2e.name(instances)).groups()) \
            if instances else None
        want = (counts["running"], counts["stopped"], counts["paused"], counts["unknown"],
                counts["templates"], counts["vms"], counts["containers"])
        e2e.check(got == want, "the summary counts instances by state and type, templates apart",
                  f"shown {got}, vigiectl {want}")

        hosts = frame and label_matching(
            frame, rf"^{counts['online']} online, {counts['offline']} offline, "
            rf"{counts['maintenance']} in maintenance$")
        e2e.check(bool(hosts), "the summary counts the hosts by state",
                  f"expected {counts['online']} online, {counts['offline']} offline")

        coverage = frame and label_matching(
            frame, r"^\d+ protected, \d+ stale, \d+ unprotected, \d+ failed$")
        # The lab's templates have no backup: they are not unprotected
        # guests, so the coverage counts every instance but them.
        covered = sum(int(n) for n in re.findall(r"\d+", e2e.name(coverage))) \
            if coverage else None
        guests = counts["vms"] + counts["containers"] - counts["templates"]
        e2e.check(covered == guests and counts["templates"] > 0,
                  "the summary's backup coverage counts every guest, not the templates",
                  f"coverage “{coverage and e2e.name(coverage)}”, {guests} guests, "
                  f"{counts['templates']} templates")
        screenshot("overview-en")

        # The end-of-support alert of the lab's Proxmox VE 8.4, with a button
        # (the row names the button too: "Show lab-proxmox <the alert>").
        title = f"lab-proxmox runs {versions.get('lab-proxmox')}, out of support"
        alert = frame and e2e.wait_for(lambda: e2e.find_by_name(frame, title, ["label"]), 30)
        show = frame and e2e.find(frame, lambda a: e2e.role(a) == "push button"
                                  and e2e.name(a).startswith("Show lab-proxmox")
                                  and title in e2e.name(a))
        e2e.check(bool(alert) and bool(show),
                  "an alert says the lab's Proxmox VE 8.4 is out of support, with a button")

        # The page keeps its place across a refresh: scroll down with the
        # wheel until the last card's button moves up, refresh, and what the
        # window shows is where it was.
        marker = None
        if frame is not None:
            for acc in e2e.walk(frame):
                if e2e.role(acc) == "push button" and e2e.name(acc) == "Open SSH Terminal":
                    marker = acc
        start = top(marker)
        scrolled = None
        if start is not None:
            def scroll_down():
                pyatspi.Registry.generateMouseEvent(700, 500, "b5c")
                now = top(marker)
                return now is not None and now < start - 200 and now
            scrolled = e2e.wait_for(scroll_down, 30)
        refreshed = None
        seen = seen_at = None
        if scrolled:
            # Settle: the wheel's last events are handled before we compare.
            scrolled = e2e.wait_for(lambda: steady(marker), 10)
            # What the user reads: a label of a card in the window (the
            # marker may be below it, where cards are built as they near
            # the view and move what is under them, not what is shown).
            seen = next((a for a in e2e.walk(frame)
                         if e2e.role(a) == "label" and not in_sidebar(a)
                         and 150 < (top(a) or -1) < 550), None)
            seen_at = top(seen) if seen is not None else None
            before = latencies(frame)
            refresh = e2e.find(frame, lambda a: e2e.role(a) == "push button"
                               and e2e.name(a) == "Refresh")
            if refresh is not None:
                e2e.click(refresh)
            refreshed = e2e.wait_for(lambda: latencies(frame) != before, 60)
        after = top(seen) if seen is not None else None
        e2e.check(bool(scrolled) and bool(refreshed) and seen_at is not None and after == seen_at,
                  "the Overview keeps its scroll position across a refresh",
                  f"marker at {start}, scrolled to {scrolled}, refreshed {bool(refreshed)}, "
                  f"label {e2e.name(seen) if seen is not None else None!r} at {seen_at}, "
                  f"after {after}")
        screenshot("overview-scrolled-en")

        # The alert's button selects the endpoint: the page narrows to it.
        if show:
            e2e.click(show)
        narrowed = frame and e2e.wait_for(
            lambda: card_title(frame, "lab-proxmox") and not card_title(frame, "lab-esxi")
            and e2e.find_by_name(frame, "Estate", ["label"]) is None
            and e2e.find(frame, lambda a: e2e.role(a) == "list item"
                         and e2e.name(a) == "lab-proxmox" and e2e.selected(a)), 20)
        e2e.check(bool(narrowed), "the alert's button selects lab-proxmox in the sidebar: the "
                  "Overview shows it alone")

        # A backup server on the Instances page: its datastores and jobs. The
        # failed PBS job's alert selects lab-pbs (on the Backups page).
        back = frame and e2e.button_named(frame, "All Endpoints")
        if back:
            e2e.click(back)
        pbs = frame and e2e.wait_for(lambda: e2e.find_by_name(frame, "Estate", ["label"]), 20) \
            and frame and e2e.find(frame, lambda a: e2e.role(a) == "push button"
                                 and e2e.name(a).startswith("Show the backups of lab-pbs"))
        if pbs:
            e2e.click(pbs)
        tab = frame and e2e.find(frame, lambda a: e2e.name(a) == "Instances"
                                 and e2e.role(a) == "page tab")
        if tab:
            e2e.click(tab)
        jobs = frame and e2e.wait_for(lambda: e2e.find_by_name(frame, "Jobs", ["label"]), 20)
        datastores = frame and e2e.find_by_name(frame, "Storage", ["label"])
        nothing = frame and e2e.find_by_name(frame, "No Matching Instances", None)
        e2e.check(bool(pbs) and bool(jobs) and bool(datastores) and not nothing,
                  "lab-pbs on the Instances page shows its datastores and jobs")
        screenshot("overview-pbs-en")
        logs += app.stop()

        # French.
        app = demo(scratch, "fr")
        frame = app.window("Vigie")
        instances = None
        if frame is not None:
            e2e.wait_for(lambda: label_matching(frame, rf"^{counts['ok']} répondent"), 90)
            instances = e2e.wait_for(lambda: label_matching(frame, INSTANCES_FR.pattern), 30)
        got = tuple(int(n) for n in INSTANCES_FR.match(e2e.name(instances)).groups()) \
            if instances else None
        e2e.check(got == want, "in French, the same instance counts", f"shown {got}")
        alert = frame and e2e.wait_for(lambda: e2e.find_by_name(
            frame, f"lab-proxmox exécute {versions.get('lab-proxmox')}, hors support",
            ["label"]), 30)
        e2e.check(bool(alert), "in French, the end-of-support alert")
        screenshot("overview-fr")
        logs += app.stop()
        e2e.check_logs(logs)
    finally:
        e2e.stop_bus(bus, scratch)
    return 0 if all(e2e.results) else 1


if __name__ == "__main__":
    sys.exit(main())
