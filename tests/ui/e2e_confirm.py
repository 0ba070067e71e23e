#!/usr/bin/python3
# e2e_confirm.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end test of issue 14 in the real `vigie --demo`, with the keyboard:
# on the Instances page, Enter on a running guest opens its actions with the
# focus on Shut Down, and a second Enter must not shut it down: it asks, in
# a dialog naming the guest and its endpoint, whose default is Cancel. A
# third Enter cancels; the guest still runs. Confirmed with its own button,
# the guest stops. Prints TAP.
#
# The harness (starting the app, walking the tree) is e2e_window.py's.

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e_window as e2e  # noqa: E402  (skips the whole test without a display)
import pyatspi  # noqa: E402

PLAN = 7
GUEST = "app02"            # a running VM of the lab's Proxmox VE cluster
ENDPOINT = "lab-proxmox"


def state_cell(frame, text):
    return e2e.find(frame, lambda a: e2e.role(a) == "label" and e2e.name(a) == text
                    and e2e.showing(a))


def body(scratch):
    app = e2e.App(scratch, {"LANGUAGE": "en", "LC_ALL": "C.UTF-8"}, ["--demo"])
    frame = app.window("Vigie")
    cell = e2e.search_instances(frame, ENDPOINT, GUEST, GUEST)
    running = cell and e2e.wait_for(lambda: state_cell(frame, "Running"), 30)
    e2e.check(bool(running), f"the lab's {GUEST} is listed, running",
              None if running else app.stop())
    if not running:
        for _ in range(PLAN - len(e2e.results)):
            e2e.check(False, "needs the running guest")
        return

    # Select the row with a click, then Enter twice.
    ext = cell.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    pyatspi.Registry.generateMouseEvent(ext.x + 5, ext.y + 5, "b1c")
    e2e.wait_for(lambda: e2e.find_by_name(frame, f"{GUEST} · {ENDPOINT}", ("label",)), 10)
    e2e.key(e2e.ENTER)
    item = e2e.wait_for(lambda: e2e.button_named(frame, "Shut Down"), 10)
    e2e.check(item is not None, "Enter on the row opens its actions, Shut Down first")
    e2e.key(e2e.ENTER)
    asked = e2e.wait_for(lambda: e2e.find_dialog(app.root), 10)
    e2e.check(asked is not None and e2e.name(asked) == f"Shut Down “{GUEST}”?"
              and e2e.find(asked, lambda a: ENDPOINT in e2e.name(a)) is not None,
              "a second Enter asks first, naming the guest and its endpoint",
              asked and e2e.name(asked))
    # Enter on the dialog: its default, Cancel. Leave the tree alone while
    # the dialog goes (GTK 4.8 may crash if walked during a destroy).
    e2e.key(e2e.ENTER)
    time.sleep(1.5)
    gone = e2e.wait_for(lambda: e2e.find_dialog(app.root) is None, 10)
    e2e.check(bool(gone), "a third Enter cancels")
    refresh = e2e.button_named(frame, "Refresh") or e2e.find(
        frame, lambda a: e2e.name(a) == "Refresh" and e2e.showing(a))
    if refresh is not None:
        e2e.click(refresh)
    time.sleep(2)
    still = e2e.wait_for(lambda: state_cell(frame, "Running"), 20)
    e2e.check(bool(still) and state_cell(frame, "Stopped") is None,
              f"after a refresh {GUEST} is still running")

    # Confirmed explicitly: it stops. The step that did not happen is
    # reported.
    stopped = None
    asked, confirm, step = e2e.ask_action(app, frame, "Shut Down")
    if confirm is not None:
        e2e.click(confirm)
        step = "the guest did not show as stopped"
        time.sleep(1.5)
        stopped = e2e.wait_for(lambda: state_cell(frame, "Stopped"), 90)
    e2e.check(bool(stopped), f"confirmed with Shut Down, {GUEST} stops", step)
    e2e.check_logs(app.stop())


def main():
    return e2e.run(PLAN, "vigie-e2e-confirm-", body)


if __name__ == "__main__":
    sys.exit(main())
