#!/usr/bin/python3
# e2e_focus.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Issue 14, by keyboard in the real `vigie --demo`: from the window's start
# the first Tab stops are in the sidebar (its buttons, then the endpoint
# list) before any control of the pages; on the Instances page, with a row
# of the table focused, one Tab press leaves the table for a control after
# it, one Shift+Tab for a control before it, while the arrow keys still move
# from row to row. The same single Tab out of the Backups page's table.
# Prints TAP.
#
# The harness (starting the app, walking the tree) is e2e_window.py's.

import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e_window as e2e  # noqa: E402  (skips the whole test without a display)
import pyatspi  # noqa: E402

PLAN = 8
TAB = 0xff09
DOWN = 0xff54
SHIFT = 1 << 0     # GDK_SHIFT_MASK, a modifier mask
TABLE_ROLES = ("table", "tree table", "tree", "list", "table row", "list item")
SIDEBAR_BUTTONS = ("Add Endpoint", "Main Menu")


def key(sym, modifier=None):
    """A key, with a modifier mask held (KEY_PRESS would take a keycode)."""
    if modifier is not None:
        pyatspi.Registry.generateKeyboardEvent(modifier, None, pyatspi.KEY_LOCKMODIFIERS)
    pyatspi.Registry.generateKeyboardEvent(sym, None, pyatspi.KEY_SYM)
    if modifier is not None:
        pyatspi.Registry.generateKeyboardEvent(modifier, None, pyatspi.KEY_UNLOCKMODIFIERS)


def has_state(acc, state):
    try:
        return acc.getState().contains(state)
    except Exception:
        return False


def walk_shown(acc):
    """What is on screen under acc: another stack page keeps its last
    extents in GTK 4.8's tree but is not VISIBLE."""
    return e2e.walk(acc, skip=lambda a: not e2e.showing(a))


def focused(frame):
    for acc in walk_shown(frame):
        if has_state(acc, pyatspi.STATE_FOCUSED):
            return acc
    return None


def ancestors(acc):
    node = acc
    for _ in range(40):
        try:
            node = node.parent
        except Exception:
            return
        if node is None or e2e.role(node) in ("frame", "application"):
            return
        yield node


def describe(acc):
    if acc is None:
        return "nothing focused"
    up = " < ".join(f"{e2e.role(a)} “{e2e.name(a)[:30]}”" for a in list(ancestors(acc))[:6])
    return f"{e2e.role(acc)} “{e2e.name(acc)[:40]}” in {up}"


def extents_y(acc):
    try:
        return acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS).y
    except Exception:
        return 1 << 30


def in_sidebar(acc):
    """One of the sidebar's header buttons, or in the endpoint list."""
    if acc is None:
        return False
    if e2e.name(acc) in SIDEBAR_BUTTONS:
        return True
    return any(e2e.name(a) == "Endpoints" and e2e.role(a) in ("list", "list box")
               for a in [acc] + list(ancestors(acc)))


def table_of(acc, table):
    """Whether acc is table or inside it."""
    if acc is None:
        return False
    for node in [acc] + list(ancestors(acc)):
        if node == table:
            return True
    return False


def next_focus(frame, before):
    """The focus after a key press: a focused accessible other than before
    (GTK 4.8 tells AT-SPI a moment after the move)."""
    return e2e.wait_for(lambda: (lambda f: f if f is not None and f != before else None)(
        focused(frame)), 20)


def tab_stops(frame, count):
    stops = []
    current = focused(frame)
    for _ in range(count):
        key(TAB)
        current = next_focus(frame, current)
        stops.append(current)
        if current is None:
            break
    return stops


def table_named(frame, names):
    return e2e.find(frame, lambda a: e2e.role(a) in ("table", "tree table", "tree")
                    and e2e.name(a) in names and e2e.showing(a))


def focus_row(frame, table):
    """Clicks a row's first cell until that row has the focus: while the
    lab's endpoints come in, rows move under the pointer (a click may land
    on the header instead)."""
    def is_cell(acc):
        if e2e.role(acc) != "label" or not e2e.name(acc) or not e2e.showing(acc):
            return False
        up = list(ancestors(acc))
        # Not the header's titles, GtkColumnViewTitle (a row too).
        return any(e2e.role(p) == "table row" for p in up) \
            and not any(e2e.name(p) == "GtkColumnViewTitle" for p in up)

    for _ in range(5):
        cell = e2e.wait_for(lambda: e2e.find(table, is_cell), 60)
        if cell is None:
            return None
        text = e2e.name(cell)
        if os.environ.get("VIGIE_E2E_DEBUG"):
            print(f"# clicking {describe(cell)}")
        ext = cell.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        pyatspi.Registry.generateMouseEvent(ext.x + 5, ext.y + ext.height // 2, "b1c")
        row = e2e.wait_for(lambda: (lambda f: f if f is not None and e2e.role(f) == "table row"
                                    and table_of(f, table)
                                    and e2e.find(f, lambda a: e2e.name(a) == text) is not None
                                    else None)(focused(frame)), 10)
        if row is not None:
            return row
    return None


def open_page(frame, title):
    tab = e2e.wait_for(lambda: e2e.find(frame, lambda a: e2e.role(a) == "page tab"
                                        and e2e.name(a) == title and e2e.showing(a)), 20)
    if tab is None:
        return False
    e2e.click(tab)
    return bool(e2e.wait_for(lambda: e2e.selected(tab), 20))


def main():
    if not e2e.begin(PLAN):
        return 1
    bus = e2e.start_bus()
    scratch = tempfile.mkdtemp(prefix="vigie-e2e-focus-")
    app = None
    try:
        time.sleep(0.5)
        app = e2e.App(scratch, {"LANGUAGE": "en", "LC_ALL": "C.UTF-8"}, ["--demo"])
        frame = app.window("Vigie")
        ready = frame is not None and e2e.wait_for(
            lambda: e2e.find_by_name(frame, "lab-proxmox"), 90)

        # From the window's start: the sidebar's buttons, then its list.
        if ready and os.environ.get("VIGIE_E2E_DEBUG"):
            print(f"# at the start: {describe(focused(frame))}")
        stops = tab_stops(frame, 3) if ready else []
        if os.environ.get("VIGIE_E2E_DEBUG"):
            print("\n".join(f"# stop: {describe(s)}" for s in stops))
        e2e.check(len(stops) == 3 and all(in_sidebar(s) for s in stops),
                  "the first three Tab stops are in the sidebar",
                  "\n".join(describe(s) for s in stops))
        e2e.check(any(s is not None and e2e.role(s) == "list item" or
                      (s is not None and any(e2e.name(a) == "Endpoints" for a in ancestors(s)))
                      for s in stops),
                  "Tab reaches the endpoint list before the pages",
                  "\n".join(describe(s) for s in stops))

        # The Instances table, a row focused: one Tab leaves it.
        table = None
        if ready and open_page(frame, "Instances"):
            table = e2e.wait_for(lambda: table_named(frame, ("Instances",)), 60)
        row = focus_row(frame, table) if table is not None else None
        e2e.check(row is not None, "a click on the Instances table's first row focuses it",
                  describe(focused(frame)) if frame is not None else None)
        after = None
        if row is not None:
            key(DOWN)
            down = next_focus(frame, row)
            e2e.check(down is not None and table_of(down, table),
                      "Down moves to the next row, in the table", describe(down))
            key(TAB)
            after = next_focus(frame, down)
        else:
            e2e.check(False, "Down moves to the next row, in the table", "no row focused")
        e2e.check(after is not None and not table_of(after, table)
                  and e2e.role(after) not in TABLE_ROLES,
                  "one Tab press leaves the Instances table for a control after it",
                  describe(after))
        # Shift+Tab from the second row: one press leaves the table for a
        # control before it (the page's search bar).
        before = None
        row = focus_row(frame, table) if row is not None else None
        if row is not None:
            # Not from the first row: GTK lets Shift+Tab out of that one.
            key(DOWN)
            row = next_focus(frame, row)
        if row is not None:
            key(TAB, SHIFT)
            before = next_focus(frame, row)
        e2e.check(before is not None and not table_of(before, table)
                  and e2e.role(before) not in TABLE_ROLES
                  and extents_y(before) < extents_y(table),
                  "one Shift+Tab press leaves the Instances table for a control before it "
                  "(above it)",
                  describe(before) if row is not None else "no row focused")

        # The Backups page's coverage table.
        table = None
        if ready and open_page(frame, "Backups"):
            table = e2e.wait_for(lambda: table_named(frame, ("Backup coverage of every instance",)),
                                 60)
        row = focus_row(frame, table) if table is not None else None
        after = None
        if row is not None:
            key(TAB)
            after = next_focus(frame, row)
        e2e.check(after is not None and not table_of(after, table)
                  and e2e.role(after) not in TABLE_ROLES,
                  "one Tab press leaves the Backups table",
                  describe(after) if row is not None else
                  f"no row focused in {describe(table) if table else 'no table'}")
        e2e.check_logs(app.stop())
    finally:
        if app is not None:
            app.stop()
        e2e.stop_bus(bus, scratch)
    return 0 if all(e2e.results) else 1


if __name__ == "__main__":
    sys.exit(main())
