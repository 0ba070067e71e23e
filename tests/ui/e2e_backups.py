#!/usr/bin/python3
# e2e_backups.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end test of the Backups page and of "What Changed" in the real
# `vigie --demo`, through the accessibility tree (issue 14):
# - the jobs are a tab of their own, shown without scrolling a table; a
#   job's type and result are two facts ("Type: Replica", "Result: …");
# - the source column speaks words ("lab-pbs · datastore …"), the technical
#   path is in its tooltip only;
# - the page follows the sidebar: lab-esxi selected, a Proxmox guest is gone;
# - an unprotected Proxmox VE guest's pane says so and "Back Up Now" runs a
#   vzdump on the lab: after it, the guest is protected; an ESXi VM's
#   button is insensitive and says why;
# - a first session records the inventory; the second one, after the record
#   was made to differ (a guest missing, another stopped, an older
#   version), lists those changes since the last session;
# - the French page.
# With VIGIE_SCREENSHOT_DIR set, screenshots. Prints TAP.

import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e_window as e2e  # noqa: E402  (skips the whole test without a display)
import pyatspi  # noqa: E402

PLAN = 14
UNPROTECTED = "build01"    # a running Proxmox VE VM no job backs up in the lab
PROTECTED = "web01"        # backed up daily to the lab's PBS
SEARCH_FR = "Rechercher des instances"
ENTER = 0xff0d


def screenshot(name):
    directory = os.environ.get("VIGIE_SCREENSHOT_DIR")
    if directory and shutil.which("import"):
        subprocess.run(["import", "-window", "root", os.path.join(directory, name + ".png")],
                       check=False)


def shown(frame, text, roles=("label",)):
    return e2e.find(frame, lambda a: e2e.role(a) in roles and e2e.name(a) == text
                    and e2e.showing(a))


def label_matching(frame, pattern):
    return e2e.find(frame, lambda a: e2e.role(a) == "label" and re.search(pattern, e2e.name(a))
                    and e2e.showing(a))


def in_sidebar(acc):
    for _ in range(8):
        try:
            acc = acc.parent
        except Exception:
            return False
        if acc is None:
            return False
        if e2e.role(acc) == "list box" and e2e.name(acc) == "Endpoints":
            return True
    return False


def page_tab(frame, title):
    return e2e.find(frame, lambda a: e2e.name(a) == title and e2e.role(a) == "page tab")


def toggle(frame, title):
    """A tab of the page's own switcher (GtkStackSwitcher: page tabs)."""
    return e2e.find(frame, lambda a: e2e.name(a) == title and e2e.showing(a)
                    and e2e.role(a) in ("page tab", "toggle button", "radio button"))


def click_at(acc, middle=False):
    """A real click on the widget (what selects a row of a column view);
    @middle: at mid-height, 40 px in (a sidebar row, not its margin)."""
    for _ in range(4):
        try:
            ext = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
            break
        except Exception:
            acc = acc.parent
            if acc is None:
                return
    else:
        return
    if middle:
        pyatspi.Registry.generateMouseEvent(ext.x + 40, ext.y + ext.height // 2, "b1c")
    else:
        pyatspi.Registry.generateMouseEvent(ext.x + 5, ext.y + 5, "b1c")


def click_until(frame, text, condition, exclude=lambda a: False):
    """Clicks the cell showing @text until @condition holds: the table lays
    its columns out again as rows come, and a click may land beside."""
    found = condition()
    if not found:
        cell = e2e.find(frame, lambda a: e2e.role(a) == "label" and e2e.name(a) == text
                        and e2e.showing(a) and not exclude(a))
        if cell is not None:
            click_at(cell)
        found = condition()
    return found


def search(frame, text):
    entry = e2e.wait_for(lambda: e2e.find(frame, lambda a: e2e.role(a) == "entry"
                                          and e2e.name(a) in ("Search instances",
                                                              SEARCH_FR)
                                          and e2e.showing(a)), 20)
    if entry is not None:
        entry.queryEditableText().setTextContents(text)
    return entry


def select_sidebar(frame, name):
    """Clicks the sidebar's row until it is selected."""
    def attempt():
        row = e2e.find(frame, lambda a: e2e.role(a) == "list item" and e2e.name(a) == name)
        if row is not None and e2e.selected(row):
            return row
        if row is not None:
            click_at(row, middle=True)
        return None
    return e2e.wait_for(attempt, 30)


def demo(scratch, language, config="demo"):
    env = {"LANGUAGE": language, "LC_ALL": "C.UTF-8"}
    return e2e.App(os.path.join(scratch, config), env, ["--demo"])


def open_backups(app):
    frame = app.window("Vigie")
    if frame is None or not e2e.wait_for(lambda: e2e.find_by_name(frame, "lab-proxmox"), 90):
        return None
    tab = page_tab(frame, "Backups") or page_tab(frame, "Sauvegardes")
    if tab is not None:
        e2e.click(tab)
    return frame


def main():
    if not e2e.begin(PLAN):
        return 1

    bus = e2e.start_bus()
    scratch = tempfile.mkdtemp(prefix="vigie-e2e-backups-")
    logs = ""
    app = None
    try:
        app = demo(scratch, "en")
        frame = open_backups(app)
        # The lab's PBS answers: web01's newest backup is there, in words.
        words = None
        if frame is not None and search(frame, PROTECTED):
            words = e2e.wait_for(lambda: label_matching(frame, r"^lab-pbs · datastore \S+"), 90)
        e2e.check(words is not None, "the source column says “lab-pbs · datastore …” in words",
                  None if words else app.stop())
        path = frame and label_matching(frame, r"^pbs:")
        tooltip = ""
        if words is not None:
            try:
                tooltip = words.description or ""
            except Exception:
                tooltip = ""
        e2e.check(path is None and (tooltip == "" or "pbs:" in tooltip),
                  "the technical path is not shown as text, only in the tooltip",
                  f"label {path and e2e.name(path)!r}, tooltip {tooltip!r}")

        # The jobs: a tab, its rows showing at once.
        jobs = frame and toggle(frame, "Jobs")
        if jobs:
            e2e.click(jobs)
        job_rows = jobs and e2e.wait_for(lambda: label_matching(frame, r"· last run "), 20)
        e2e.check(bool(job_rows), "the Jobs tab shows the backup jobs without scrolling")
        # A job's type and result are read as two facts, not "Succeeded Replica".
        kind = job_rows and e2e.wait_for(lambda: shown(frame, "Type: Replica"), 20)
        result = kind and e2e.find(kind.parent, lambda a: e2e.role(a) == "label"
                                   and re.match(r"^Result: (Succeeded|Warnings|Failed|Running|"
                                                r"Never run)$", e2e.name(a)))
        e2e.check(bool(kind) and bool(result),
                  "a job row reads its type and its result as two named facts",
                  [e2e.name(a) for a in e2e.walk(frame) if e2e.role(a) == "label"
                   and re.search(r"Replica|Succeeded", e2e.name(a))] if not result else None)
        screenshot("backups-jobs-en")
        instances = frame and toggle(frame, "Coverage")
        if instances:
            e2e.click(instances)

        # Back Up Now on an unprotected Proxmox VE guest.
        cell = None
        if frame is not None and search(frame, UNPROTECTED):
            cell = e2e.wait_for(lambda: shown(frame, UNPROTECTED), 30)
        status = cell and e2e.wait_for(lambda: shown(frame, "Unprotected"), 20)
        e2e.check(bool(status), f"{UNPROTECTED} is listed as unprotected")
        hint = cell and e2e.wait_for(lambda: click_until(frame, UNPROTECTED, lambda: label_matching(
            frame, r"^This instance is not protected: no backup")), 30)
        button = cell and e2e.wait_for(lambda: e2e.button_named(frame, "Back Up Now"), 20)
        sensitive = button is not None and button.getState().contains(pyatspi.STATE_SENSITIVE)
        e2e.check(bool(hint) and sensitive,
                  "its pane says it is not protected and offers Back Up Now")
        screenshot("backups-unprotected-en")
        protected = None
        step = "no Back Up Now button"
        if sensitive:
            e2e.click(button)
            step = "no dialog asking where the backup goes"
            question = f"Where should the backup of “{UNPROTECTED}” go?"
            asked = e2e.wait_for(lambda: e2e.find(app.root, lambda a: e2e.name(a) == question),
                                 30)
            if asked is None:
                screenshot("backups-no-dialog")
            else:
                # Its default response runs the backup.
                step = f"after Enter in the dialog, {UNPROTECTED} did not become protected"
                pyatspi.Registry.generateKeyboardEvent(ENTER, None, pyatspi.KEY_SYM)
                # Leave the tree alone while the dialog goes (GTK 4.8).
                time.sleep(1.5)
                protected = e2e.wait_for(lambda: shown(frame, "Protected"), 120)
                if not protected:
                    screenshot("backups-not-protected")
        e2e.check(bool(protected), "Back Up Now runs a vzdump: the guest is then protected",
                  None if protected else step)

        # The page follows the sidebar.
        search(frame, "")
        select_sidebar(frame, "lab-esxi")
        gone = frame and e2e.wait_for(lambda: shown(frame, PROTECTED) is None
                                      and label_matching(frame, r"^lab-esxi$") is not None, 30)
        if not gone:
            screenshot("backups-esxi-failed")
        e2e.check(bool(gone), "with lab-esxi selected, the Backups page shows its VMs only")
        esxi_cell = frame and e2e.find(frame, lambda a: e2e.role(a) == "label"
                                       and e2e.name(a) == "lab-esxi" and e2e.showing(a)
                                       and not in_sidebar(a))
        # backup-proxy: a VM of the lab's ESXi host only.
        reason = esxi_cell and e2e.wait_for(lambda: click_until(frame, "backup-proxy", lambda: (
            label_matching(frame, r"^VMware ESXi cannot start a backup itself")), in_sidebar), 30)
        button = e2e.button_named(frame, "Back Up Now") if frame else None
        if not reason:
            screenshot("backups-esxi-reason-failed")
        e2e.check(bool(reason) and button is not None
                  and not button.getState().contains(pyatspi.STATE_SENSITIVE),
                  "an ESXi VM's Back Up Now is insensitive and says why")
        select_sidebar(frame, "All Endpoints")
        history = os.path.join(scratch, "demo", "history")
        recorded = e2e.wait_for(lambda: glob.glob(os.path.join(history, "inventory-*.json")), 60)
        e2e.check(bool(recorded), "the app records the inventory in its history", history)
        logs += app.stop()

        # The record, made older and different: web01 missing, app01
        # stopped, lab-proxmox at an older version.
        changed = False
        if recorded:
            newest = sorted(recorded)[-1]
            with open(newest, encoding="utf-8") as f:
                snapshot = json.load(f)
            for path in recorded:
                os.unlink(path)
            for endpoint in snapshot["endpoints"]:
                if endpoint["name"] != "lab-proxmox":
                    continue
                endpoint["version"] = "8.3.0"
                endpoint["instances"] = [i for i in endpoint["instances"]
                                         if i.get("name") != PROTECTED]
                for instance in endpoint["instances"]:
                    if instance.get("name") == "app01":
                        instance["state"] = "stopped"
                changed = True
            taken = int(time.time()) - 3 * 3600
            snapshot["taken_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(taken))
            with open(os.path.join(history, "inventory-%012d.json" % taken), "w",
                      encoding="utf-8") as f:
                json.dump(snapshot, f)

        app = demo(scratch, "en")
        frame = app.window("Vigie")
        if frame is not None:
            e2e.wait_for(lambda: e2e.find_by_name(frame, "lab-proxmox"), 90)
            tab = page_tab(frame, "Overview")
            if tab is not None:
                e2e.click(tab)
        what = frame and e2e.wait_for(lambda: e2e.button_named(frame, "What Changed…"), 30)
        if what:
            e2e.wait_for(lambda: what.getState().contains(pyatspi.STATE_SENSITIVE), 30)
            e2e.click(what)
        dialog = what and e2e.wait_for(lambda: e2e.find(
            app.root, lambda a: e2e.role(a) == "frame" and e2e.name(a) == "What Changed"), 30)
        added = dialog and e2e.wait_for(lambda: shown(dialog, "Instance added · lab-proxmox")
                                        and shown(dialog, PROTECTED), 120)
        state = dialog and shown(dialog, "State changed: Stopped → Running · lab-proxmox")
        version = dialog and label_matching(dialog, r"^Version changed: 8\.3\.0 → \S+$")
        e2e.check(changed and bool(added) and bool(state) and bool(version),
                  "What Changed lists, since the last session, the guest added, the state "
                  "change and the upgrade", f"added {bool(added)}, state {bool(state)}, "
                  f"version {bool(version)}")
        screenshot("changes-en")
        logs += app.stop()

        # French.
        app = demo(scratch, "fr", "fr")
        frame = open_backups(app)
        words = None
        if frame is not None and search(frame, PROTECTED):
            words = e2e.wait_for(lambda: label_matching(frame, r"^lab-pbs · datastore \S+"), 90)
        jobs = frame and toggle(frame, "Tâches")
        e2e.check(words is not None and jobs is not None,
                  "in French, the source in words and the Jobs tab (“Tâches”)")
        if frame is not None and search(frame, UNPROTECTED):
            e2e.wait_for(lambda: shown(frame, UNPROTECTED), 30)
        button = frame and e2e.wait_for(lambda: click_until(frame, UNPROTECTED, lambda: (
            e2e.button_named(frame, "Sauvegarder maintenant"))), 30)
        e2e.check(bool(button), "in French, “Sauvegarder maintenant”")
        screenshot("backups-fr")
        logs += app.stop()
        e2e.check_logs(logs)
    finally:
        if app is not None:
            app.stop()
        e2e.stop_bus(bus, scratch)
    return 0 if all(e2e.results) else 1


if __name__ == "__main__":
    sys.exit(main())
