#!/usr/bin/python3
# e2e_instances.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end test of the Instances page (issue 14) in the real `vigie --demo`,
# through the accessibility tree: a `node:` search filters the list, Escape
# clears it, the details pane of web01 shows its VMID and its tags, the list
# is in natural order by name, and the selection survives a refresh. Then the
# French page. (Both sort directions and ties: tests/ui/test-instances.c.)
# Prints TAP.
#
# The harness (starting the app, walking the tree) is e2e_window.py's.

import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e_window as e2e  # noqa: E402  (skips the whole test without a display)
import pyatspi  # noqa: E402

PLAN = 9
ESCAPE = 0xff1b


def shown_label(frame, text):
    return e2e.find(frame, lambda a: e2e.role(a) == "label" and e2e.name(a) == text
                    and e2e.showing(a))


def count_label(frame):
    return e2e.find(frame, lambda a: e2e.role(a) == "label" and e2e.showing(a)
                    and re.match(r"^\d+ (instances?|instances? of \d+)$", e2e.name(a)))


def entry_text(entry):
    """The text of an entry or a label, read now (not a cached name)."""
    try:
        return entry.queryText().getText(0, -1)
    except Exception:
        return None


def natural_key(text):
    return [int(part) if part.isdigit() else part.casefold()
            for part in re.split(r"(\d+)", text)]


def column_names(frame, names):
    """The instance names shown, top to bottom."""
    cells = []
    for acc in e2e.walk(frame):
        if e2e.name(acc) in names and e2e.showing(acc):
            ext = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
            cells.append((ext.x, ext.y, e2e.name(acc)))
    if os.environ.get("VIGIE_E2E_DEBUG"):
        print(f"# cells: {[(e2e.role(a), e2e.name(a)) for a in e2e.walk(frame) if e2e.name(a) in names]}")
        print(f"# {sorted(cells)}")
    # The Name column is the leftmost (the details pane's title is right of it).
    left = min((x for x, _, _ in cells), default=0)
    return [n for _, _, n in sorted((c for c in cells if c[0] == left), key=lambda c: c[1])]


def open_instances(app):
    frame = app.window("Vigie")
    if frame is None or not e2e.wait_for(lambda: e2e.find_by_name(frame, "lab-proxmox"), 60):
        return frame, None
    tab = e2e.find(frame, lambda a: e2e.role(a) == "page tab" and e2e.showing(a)
                   and e2e.name(a) in ("Instances",))
    if tab is None:
        tab = e2e.find(frame, lambda a: e2e.role(a) == "page tab" and e2e.showing(a)
                       and e2e.name(a) == "Instances")
    if tab is not None:
        e2e.click(tab)
    entry = e2e.wait_for(lambda: e2e.find(frame, lambda a: e2e.role(a) == "entry"
                                          and e2e.showing(a)), 20)
    return frame, entry


def main():
    if not e2e.begin(PLAN):
        return 1

    bus = e2e.start_bus()
    scratch = tempfile.mkdtemp(prefix="vigie-e2e-instances-")
    shots = os.environ.get("VIGIE_SCREENSHOTS")
    app = None
    logs = ""
    try:
        app = e2e.App(os.path.join(scratch, "en"), {"LANGUAGE": "en", "LC_ALL": "C.UTF-8"},
                      ["--demo"])
        frame, entry = open_instances(app)
        listed = None
        if entry is not None:
            entry.queryEditableText().setTextContents("web01")
            listed = e2e.wait_for(lambda: e2e.find_by_name(frame, "web01", ("label",)), 60)
        e2e.check(bool(listed), "a search for web01 shows it", None if listed else app.stop())
        if not listed:
            for _ in range(PLAN - len(e2e.results)):
                e2e.check(False, "needs the list")
            return 1

        # node:pve2 keeps app01/app02 (pve2) and hides web01 (pve1).
        entry.queryEditableText().setTextContents("node:pve2")
        filtered = e2e.wait_for(lambda: e2e.find_by_name(frame, "web01", ("label",)) is None
                                and e2e.find_by_name(frame, "app02", ("label",)), 20)
        label = count_label(frame)
        e2e.check(bool(filtered) and label is not None and " of " in e2e.name(label),
                  "a node:pve2 search shows app02, hides web01 and counts “N of M”",
                  label and e2e.name(label))

        # Ctrl+F focuses the search (no pointer over the entry: GTK 4.8's
        # tooltip there stalls the accessibility tree), Escape clears it.
        e2e.key(ord("f"), e2e.CONTROL_MASK)
        focused = e2e.wait_for(lambda: entry.getState().contains(pyatspi.STATE_FOCUSED), 20)
        e2e.check(bool(focused), "Ctrl+F puts the focus in the search")
        pyatspi.Registry.generateKeyboardEvent(ESCAPE, None, pyatspi.KEY_SYM)
        # Leave the tree alone while the list fills again.
        time.sleep(2)
        # Only the entry is read: with every row back, the label's cached
        # name lags and walking the tree is too slow for AT-SPI on a loaded
        # machine (test-instances checks that an empty search shows all).
        text = e2e.wait_for(lambda: entry_text(entry) == "" and [""], 20)
        e2e.check(bool(text), "Ctrl+F then Escape empties the search",
                  f"entry: “{entry_text(entry)}”")

        # Select web01: the details pane shows its VMID and its tags. (Its
        # cell's label: the row and the cell are named web01 too.)
        entry.queryEditableText().setTextContents("web01")
        cell = e2e.wait_for(lambda: e2e.find_by_name(frame, "web01", ("label",)), 20)
        if cell is not None:
            ext = cell.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
            pyatspi.Registry.generateMouseEvent(ext.x + 5, ext.y + 5, "b1c")
        vmid = e2e.wait_for(lambda: shown_label(frame, "VMID") and shown_label(frame, "100"), 20)
        tags = e2e.wait_for(lambda: shown_label(frame, "Tags")
                            and shown_label(frame, "web, prod"), 10)
        e2e.check(bool(vmid) and bool(tags),
                  "the details pane shows web01's VMID (100) and tags (web, prod)")
        if shots:
            subprocess.run(["import", "-window", "root", os.path.join(shots, "instances-en.png")])

        # The selection survives a refresh, which replaces every object.
        refresh = e2e.button_named(frame, "Refresh")
        if refresh is not None:
            e2e.click(refresh)
        time.sleep(3)
        kept = e2e.wait_for(lambda: shown_label(frame, "web01 · lab-proxmox")
                            and shown_label(frame, "VMID"), 30)
        e2e.check(bool(kept), "after a refresh web01 is still selected, its details shown")

        # Sort by name, both ways: natural order of what is shown.
        names = {"web01", "db01", "win-ad", "build01", "ct-dns", "ct-proxy", "test-vm",
                 "app01", "app02", "ct-cache", "ct-monitor", "incoming", "legacy-erp",
                 "ct-mail", "staging", "gpu01", "ct-old", "archive"}
        entry.queryEditableText().setTextContents("endpoint:lab-proxmox")
        time.sleep(2)
        e2e.wait_for(lambda: e2e.find_by_name(frame, "app02", ("label",)), 20)
        shown = column_names(frame, names)
        e2e.check(len(shown) >= 5 and shown == sorted(shown, key=natural_key),
                  "sorted by name in natural order", shown)
        logs += app.stop()

        # French: the placeholder and the details speak French.
        app = e2e.App(os.path.join(scratch, "fr"), {"LANGUAGE": "fr", "LC_ALL": "C.UTF-8"},
                      ["--demo"])
        frame = app.window("Vigie")
        entry = None
        if frame is not None and e2e.wait_for(lambda: e2e.find_by_name(frame, "lab-proxmox"), 60):
            tab = e2e.find(frame, lambda a: e2e.role(a) == "page tab" and e2e.showing(a)
                           and e2e.name(a) == "Instances")
            if tab is not None:
                e2e.click(tab)
            entry = e2e.wait_for(lambda: e2e.find(frame, lambda a: e2e.role(a) == "entry"
                                                  and e2e.showing(a)), 20)
        cell = None
        if entry is not None:
            entry.queryEditableText().setTextContents("vmid:100")
            cell = e2e.wait_for(lambda: e2e.find_by_name(frame, "web01", ("label",)), 30)
        if cell is not None:
            ext = cell.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
            pyatspi.Registry.generateMouseEvent(ext.x + 5, ext.y + 5, "b1c")
        french = e2e.wait_for(lambda: shown_label(frame, "Étiquettes")
                              and shown_label(frame, "Système d’exploitation"), 20)
        e2e.check(bool(french), "in French, a vmid:100 search and the details pane in French")
        if shots:
            subprocess.run(["import", "-window", "root", os.path.join(shots, "instances-fr.png")])
        logs += app.stop()
        e2e.check_logs(logs)
    finally:
        if app is not None:
            app.stop()
        e2e.stop_bus(bus, scratch)
    return 0 if all(e2e.results) else 1


if __name__ == "__main__":
    sys.exit(main())
