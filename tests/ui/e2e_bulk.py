#!/usr/bin/python3
# e2e_bulk.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end test of issue 14's bulk actions in the real `vigie --demo`: a
# search for “web” lists guests on ESXi, Proxmox VE and Incus; a click and
# Ctrl+A select them all. Enter opens their actions, a second Enter asks
# (Shut Down, naming how many and where, Cancel the default), a third
# cancels: no guest stops. Then Take Snapshot from the Actions menu, asked
# once, lists each instance with its outcome. Prints TAP.
#
# The harness (starting the app, walking the tree) is e2e_window.py's.

import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e_window as e2e  # noqa: E402  (skips the whole test without a display)
import pyatspi  # noqa: E402

PLAN = 10
SEARCH = "web"
# The guests the search finds, one name per kind at least.
EXPECTED = [("web-01", "lab-esxi"), ("web01", "lab-proxmox"), ("web-01", "lab-incus")]
CONTROL_L_KEYCODE = 37


def ctrl_a():
    # KEY_PRESS takes a keycode: Control_L's in Xvfb's (evdev) keymap.
    pyatspi.Registry.generateKeyboardEvent(CONTROL_L_KEYCODE, None, pyatspi.KEY_PRESS)
    pyatspi.Registry.generateKeyboardEvent(ord("a"), None, pyatspi.KEY_SYM)
    pyatspi.Registry.generateKeyboardEvent(CONTROL_L_KEYCODE, None, pyatspi.KEY_RELEASE)


def selection_count(frame):
    """N of the action bar's “N instances selected”, or 0."""
    label = e2e.find(frame, lambda a: e2e.role(a) == "label" and e2e.showing(a)
                     and re.fullmatch(r"\d+ instances selected", e2e.name(a)))
    return int(e2e.name(label).split()[0]) if label is not None else 0


def outcomes(window):
    """{“name on endpoint”: outcome} of the results window's rows."""
    found = {}
    for acc in e2e.walk(window):
        text = e2e.name(acc)
        if e2e.role(acc) in ("list item", "list box item", "row") and ": " in text:
            who, _, outcome = text.partition(": ")
            found[who] = outcome
    return found


def finished(window):
    rows = outcomes(window)
    return rows if rows and all(o not in ("Waiting", "Running…") for o in rows.values()) \
        else None


def body(scratch):
    app = e2e.App(scratch, {"LANGUAGE": "en", "LC_ALL": "C.UTF-8"}, ["--demo"])
    frame = app.window("Vigie")
    cell = e2e.search_instances(frame, "lab-incus", SEARCH, "web01")
    listed = cell is not None and e2e.wait_for(
        lambda: e2e.find_by_name(frame, "lab-esxi", ("label",))
        and e2e.find_by_name(frame, "lab-incus", ("label",)), 30)
    e2e.check(bool(listed), "a search for “web” lists guests of ESXi, Proxmox VE and Incus",
              None if listed else app.stop())
    if not listed:
        for _ in range(PLAN - len(e2e.results)):
            e2e.check(False, "needs the search results")
        return

    # A click on a row, then Ctrl+A: every row shown.
    # The list may still be settling after the search: click again (on
    # the cell found anew) until the row is selected and has the focus.
    for _ in range(4):
        cell = e2e.find_by_name(frame, "web01", ("label",)) or cell
        ext = cell.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        pyatspi.Registry.generateMouseEvent(ext.x + 5, ext.y + 5, "b1c")
        if e2e.wait_for(lambda: e2e.find_by_name(frame, "web01 · lab-proxmox",
                                                 ("label",)), 5):
            break
    ctrl_a()
    count = e2e.wait_for(lambda: selection_count(frame) >= 5 and selection_count(frame), 20)
    e2e.check(bool(count), "Ctrl+A selects every guest shown", count)
    summary = e2e.wait_for(lambda: e2e.find_by_name(frame, f"{count} Instances Selected",
                                                    ("label",)), 10)
    e2e.check(summary is not None, "the details pane sums the selection up")

    # Enter, Enter, Enter: the actions, a confirmation, Cancel.
    e2e.key(e2e.ENTER)
    item = e2e.wait_for(lambda: e2e.button_named(frame, "Shut Down"), 10)
    e2e.key(e2e.ENTER)
    asked = e2e.wait_for(lambda: e2e.find_dialog(app.root), 10)
    heading = asked and e2e.name(asked)
    e2e.check(item is not None and heading == f"Shut Down: {count} Instances?"
              and e2e.find(asked, lambda a: "lab-esxi (" in e2e.name(a)
                           and "lab-incus (" in e2e.name(a)) is not None,
              "a second Enter asks, naming how many and on which endpoints", heading)
    e2e.key(e2e.ENTER)
    time.sleep(1.5)      # no tree walk while the dialog goes (GTK 4.8)
    gone = e2e.wait_for(lambda: e2e.find_dialog(app.root) is None, 10)
    e2e.check(bool(gone) and e2e.find(app.root, lambda a: e2e.name(a)
                                      == "Shut Down: Results") is None,
              "a third Enter cancels: nothing runs")
    e2e.check(e2e.find_by_name(frame, "Stopped", ("label",)) is None
              and selection_count(frame) == count,
              "no guest stopped, the selection is still there")

    # Take Snapshot on all of them, its name asked once.
    results = None
    asked, run, step = e2e.ask_action(app, frame, "Take Snapshot")
    if run is not None:
        e2e.check(e2e.name(asked) == f"Take Snapshot: {count} Instances?"
                  and e2e.find(asked, lambda a: e2e.name(a) == "Name") is not None,
                  "the snapshot's name is asked once, for all", e2e.name(asked))
        e2e.click(run)
        step = "no results window"
        time.sleep(1.5)
        results = e2e.wait_for(lambda: e2e.find(app.root, lambda a: e2e.role(a) == "frame"
                                                and e2e.name(a)
                                                == "Take Snapshot: Results"), 30)
    else:
        e2e.check(False, "the snapshot's name is asked once, for all", step)
    rows = results and e2e.wait_for(lambda: finished(results), 90)
    e2e.check(bool(rows) and len(rows) == count,
              "the results list one row per instance, each with its outcome",
              rows or step)
    done = rows and all(rows.get(f"{n} on {ep}") == "Done" for n, ep in EXPECTED)
    e2e.check(bool(done), "the guests on ESXi, Proxmox VE and Incus are snapshotted", rows)
    e2e.check_logs(app.stop())


def main():
    return e2e.run(PLAN, "vigie-e2e-bulk-", body)


if __name__ == "__main__":
    sys.exit(main())
