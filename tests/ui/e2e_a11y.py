#!/usr/bin/python3
# e2e_a11y.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Issue 14: every control has a proper accessible name. Walks the real
# `vigie --demo` through the accessibility tree, as a screen reader sees
# it: every page (the Instances page with an instance selected, so that its
# details pane shows; the Terminals page with a terminal open on the lab's
# Incus container), an endpoint's ⋮ menu, the Add Endpoint dialog, the
# Preferences, and the folded window (narrow, with its back button). Every
# scrolled list is scrolled to its end, so that the rows below the window
# are checked too. Fails on a focusable or actionable control (button,
# toggle, menu button, entry, spin button, check box, combo, switch, link,
# tab, menu item, a drop-down's item) that has no name, a GTK class-like
# name, a mnemonic underscore or the same text twice; and on a row of the
# Instances table shown whose name is not its instance's, or a cell not
# named by its text. Then again in French, the pages with controls of
# their own, as shown (not scrolled): what a translation breaks. A few
# steps per app (see SESSIONS). Prints TAP, and how long each app took.
#
# The harness (starting the app, walking the tree) is e2e_window.py's.

import gettext
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e_window as e2e  # noqa: E402  (skips the whole test without a display)
import pyatspi  # noqa: E402

ESCAPE = 0xff1b
COMMA = 0x2c

CONTROL_ROLES = {
    "push button", "toggle button", "check box", "radio button", "combo box", "text", "entry",
    "password text", "spin button", "switch", "link", "page tab", "menu item",
    "check menu item", "radio menu item", "slider", "menu button", "list item", "terminal",
}
# A terminal's text is not walked: GTK 4.8 stops answering about VTE's cells.
LEAF_ROLES = {"table row", "table cell", "terminal"}
WHEEL_DOWN = "b5c"
CLASS_NAME = re.compile(r"^(Gtk|Adw|Vigie|Vte)[A-Z][A-Za-z]+$|^(button|toggle button|"
                        r"menu button|entry|text|label|image|icon|box)$", re.IGNORECASE)
MNEMONIC = re.compile(r"(^|\s)_[^\s_]")


SCREEN = {"height": 10000}


def hidden(acc):
    """Not on screen. A GtkStackPage has no extents and no VISIBLE state of
    its own: only what has a place on screen can be hidden. What is
    scrolled out of the window is not walked either: GTK 4.8 stops
    answering on some rows far below (the Overview's job rows)."""
    try:
        extents = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    except Exception:
        return False
    if extents.width <= 0 or extents.height <= 0 or extents.y >= SCREEN["height"] \
            or extents.y + extents.height <= 0:
        return True
    try:
        return not acc.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return False


PAGES = {}


def find_pages(acc, depth=0):
    """The pages' own subtrees. GTK 4.8 keeps every page of a stack in the
    tree, with its last extents: each page is found by its widget, which
    GTK 4.8 names after its class when it has no name of its own. Only the
    top of the tree is searched: the lists below are long to walk."""
    name = e2e.name(acc)
    if re.match(r"^Vigie\w+Page$", name):
        PAGES[name] = acc
        return
    if depth >= 10 or e2e.role(acc) in ("list", "table", "tree table"):
        return
    try:
        count = acc.childCount
    except Exception:
        return
    for i in range(count):
        try:
            find_pages(acc.getChildAtIndex(i), depth + 1)
        except Exception:
            continue


def page_root(frame, class_name):
    return PAGES.get(class_name, frame)


def walk_showing(acc):
    """The accessibles shown on screen under acc: a subtree that is not
    shown (another stack page, a closed popover) is not walked. A table's
    rows hold text, no control; GTK 4.8 also stops answering on some
    recycled rows of a long GtkColumnView."""
    return e2e.walk(acc, skip=hidden, leaf=lambda a: e2e.role(a) in LEAF_ROLES)


def content_text(acc):
    """A control's name from its content, as a screen reader falls back to
    it: GTK 4.8 names a button's label, not the button."""
    texts = []
    for sub in e2e.walk(acc, 0, 6):
        if sub is acc:
            continue
        if e2e.role(sub) == "label" and e2e.name(sub).strip():
            texts.append(e2e.name(sub).strip())
    return " ".join(texts)


def where(acc):
    """Names up the tree, to find the control in the code."""
    path = []
    node = acc
    for _ in range(8):
        try:
            node = node.parent
        except Exception:
            break
        if node is None or e2e.role(node) == "frame":
            break
        if e2e.name(node):
            path.append(f"{e2e.role(node)} “{e2e.name(node)[:40]}”")
    return " < ".join(path[:3])


def problem(acc):
    """What is wrong with a control's name, or None."""
    text = e2e.name(acc).strip()
    if not text:
        # Only then its content: walking every control's subtree is slow.
        text = content_text(acc)
    if not text:
        return "no name"
    if CLASS_NAME.match(text):
        return f"a class-like name “{text}”"
    if MNEMONIC.search(text):
        return f"a mnemonic underscore in “{text}”"
    words = text.split()
    half = len(words) // 2
    if len(words) >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]:
        return f"the same text twice “{text}”"
    return None


def extents(acc):
    try:
        return acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    except Exception:
        return None


def scrolled_content(pane):
    """The child of a scroll pane that holds what scrolls (its viewport's
    child, or the list itself), with its extents; None without one taller
    than the pane."""
    outer = extents(pane)
    for node in e2e.walk(pane, 0, 2):
        if node is pane or e2e.role(node) == "scroll bar":
            continue
        ext = extents(node)
        if ext is not None and outer is not None and ext.height > outer.height + 2:
            return node
    return None


def scroll_panes(root):
    """The scroll panes shown under root whose content goes past their
    bottom, outermost first."""
    panes = []
    for acc in walk_showing(root):
        if e2e.role(acc) == "scroll pane" and scrolled_content(acc) is not None:
            panes.append(acc)
    return panes


def at_end(pane, content):
    outer, inner = extents(pane), extents(content)
    return outer is None or inner is None or inner.y + inner.height <= outer.y + outer.height + 2


def scroll_down(pane, content):
    """Wheel clicks in the middle of pane until its content has moved by
    most of the pane's height (each walk of the pane then sees new rows,
    and none is skipped) or stops moving; True if it moved at all. Each
    click waits on the content's move, not a fixed time."""
    outer = extents(pane)
    start = extents(content).y
    moved = False
    while True:
        before = extents(content)
        if before is None:
            return moved
        pyatspi.Registry.generateMouseEvent(outer.x + outer.width // 2,
                                            outer.y + outer.height // 2, WHEEL_DOWN)
        if not e2e.wait_for(lambda: extents(content) is not None
                            and extents(content).y != before.y, 3 if moved else 10):
            return moved
        moved = True
        if start - extents(content).y >= outer.height * 0.6 or at_end(pane, content):
            return True


def is_control(acc):
    """A control by its role, or a widget of no standard role that takes
    the focus (the terminal, a list's row: a drop-down's items, which GTK
    4.8 names after their class and the app names by their text). Out of
    the app's reach in libadwaita 1.2: its own gizmos (a tab's focus
    target)."""
    if e2e.role(acc) in CONTROL_ROLES:
        return True
    try:
        return e2e.role(acc) == "filler" and acc.getState().contains(pyatspi.STATE_FOCUSABLE) \
            and not e2e.name(acc).startswith("Adw")
    except Exception:
        return False


def controls(root, found):
    """Every control shown under root, by id, into found."""
    for acc in walk_showing(root):
        if is_control(acc):
            found.setdefault(id_of(acc), acc)


def id_of(acc):
    try:
        return (acc.path, e2e.role(acc))
    except Exception:
        return (id(acc), e2e.role(acc))


# Off in the French pass: the rows below are the same widgets as those
# above, checked in English.
SCROLL = {"on": True}


def audit(root, what, may_be_empty=False, scroll=True, quiet=False):
    """One check: every control under root has a proper name, those on
    screen and those below it, each scrolled list scrolled to its end."""
    bad = []
    seen = 0
    found = {}
    controls(root, found)
    if not found and not may_be_empty:
        # A page just shown is laid out over the next frames (a hidden page
        # is not measured, VigiePageBin): its controls have no place on
        # screen until then. Wait for them.
        def some():
            controls(root, found)
            return bool(found)
        e2e.wait_for(some, 30)
    if scroll and SCROLL["on"]:
        for pane in scroll_panes(root):
            content = scrolled_content(pane)
            for _ in range(400):
                if content is None or at_end(pane, content) or not scroll_down(pane, content):
                    break
                controls(pane, found)
    for acc in found.values():
        if not e2e.role(acc):
            continue    # gone since (a row recycled while scrolling)
        seen += 1
        why = problem(acc)
        if why is not None:
            desc = ""
            try:
                desc = acc.description or ""
            except Exception:
                pass
            bad.append(f"{e2e.role(acc)}: {why}"
                       + (f" (description “{desc[:60]}”)" if desc else "")
                       + (f" in {where(acc)}" if where(acc) else ""))
    if os.environ.get("VIGIE_E2E_DEBUG"):
        print(f"# {what}: {seen} controls")
    if quiet:
        return bad if seen > 0 or may_be_empty else [f"{what}: no control seen"]
    e2e.check((seen > 0 or may_be_empty) and not bad,
              f"{what}: every control has a proper name ({seen} seen)",
              "\n".join(sorted(set(bad))) if bad else None)
    return bad


def page_tab(frame, title):
    return e2e.find(frame, lambda a: e2e.role(a) == "page tab" and e2e.name(a) == title
                    and e2e.showing(a))


def open_page(frame, title, expected=None):
    tab = e2e.wait_for(lambda: page_tab(frame, title), 20)
    if tab is None:
        return False
    e2e.click(tab)
    if not e2e.wait_for(lambda: e2e.selected(tab), 20):
        return False
    if expected is not None:
        return bool(e2e.wait_for(expected, 60))
    return True


def press(acc):
    """A mouse click in the middle of acc: a GtkMenuButton offers no
    action of its own in GTK 4.8."""
    ext = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    pyatspi.Registry.generateMouseEvent(ext.x + ext.width // 2, ext.y + ext.height // 2, "b1c")


def shot(name):
    directory = os.environ.get("VIGIE_SCREENSHOT_DIR")
    if directory:
        subprocess.run(["import", "-window", "root", os.path.join(directory, name + ".png")],
                       check=False)


def top_window(app, title):
    """The application's window or dialog titled title, among its
    toplevels only: searching the whole tree walks the main window first."""
    try:
        tops = [app.root.getChildAtIndex(i) for i in range(app.root.childCount)]
    except Exception:
        return None
    return next((w for w in tops if w is not None and e2e.role(w) in ("frame", "dialog")
                 and e2e.name(w) == title), None)


def expanded(acc):
    try:
        return acc.getState().contains(pyatspi.STATE_EXPANDED)
    except Exception:
        return False


def gone(acc):
    """No longer on screen: hidden, or destroyed."""
    try:
        return not acc.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return True


def find_window(app, title):
    return e2e.wait_for(lambda: top_window(app, title), 30)


def close_window(app, title):
    """Escape, then wait until the window titled title has gone."""
    e2e.key(ESCAPE)
    e2e.wait_for(lambda: top_window(app, title) is None, 20)


def open_window(app):
    """The window once the lab answers, its pages found."""
    frame = app.window("Vigie")
    if frame is None or not e2e.wait_for(lambda: e2e.find_by_name(frame, "lab-proxmox"), 90):
        return None
    find_pages(frame)
    SCREEN["height"] = frame.queryComponent().getExtents(pyatspi.DESKTOP_COORDS).height
    return frame


def step_overview(app, frame, lang, names):
    if os.environ.get("VIGIE_E2E_DEBUG"):
        print(f"# pages: {sorted(PAGES)}")
    open_page(frame, names["Overview"],
              lambda: e2e.find(frame, lambda a: e2e.role(a) == "label" and e2e.showing(a)
                               and e2e.name(a).startswith("lab-proxmox")))
    audit(frame, f"{lang}: the Overview")
    shot(f"a11y-overview-{lang}")


def step_menu(app, frame, lang, names):
    # The ⋮ menu of lab-proxmox, opened.
    menu = e2e.find(frame, lambda a: e2e.role(a) in ("toggle button", "push button",
                                                      "menu button")
                    and e2e.name(a) == names["Menu for"] % "lab-proxmox" and e2e.showing(a))
    items = None
    if menu is not None:
        press(menu)
        # The popover is the menu button's child: no need to walk the window.
        items = e2e.wait_for(lambda: e2e.find(menu, lambda a: e2e.role(a) == "menu item"
                                              and e2e.showing(a)), 20)
    # The lab's pve3 is offline: its console is there, greyed (issue 14).
    offline = items and e2e.find(menu, lambda a: e2e.role(a) == "menu item"
                                 and e2e.name(a) == names["offline console"])
    e2e.check(menu is not None and items is not None and offline is not None
              and not offline.getState().contains(pyatspi.STATE_SENSITIVE),
              f"{lang}: lab-proxmox's ⋮ menu is named “{names['Menu for'] % 'lab-proxmox'}”, "
              "opens, and greys the console of its offline node")
    if items is not None:
        # The popover alone: walking the whole application again is slow.
        popover = items
        for _ in range(3):
            if popover.parent is not None and e2e.role(popover.parent) != "frame":
                popover = popover.parent
        audit(popover, f"{lang}: lab-proxmox's ⋮ menu")
        shot(f"a11y-menu-{lang}")
        # Closed: the menu button is no longer EXPANDED (GTK 4.8 keeps the
        # closed popover's items VISIBLE: gone() waited to its limit).
        e2e.key(ESCAPE)
        e2e.wait_for(lambda: not expanded(menu) or gone(items), 20)
    else:
        e2e.check(False, f"{lang}: lab-proxmox's ⋮ menu", "no menu")


def step_add(app, frame, lang, names):
    # The Add Endpoint dialog, then the Preferences from the main menu.
    add = e2e.button_named(frame, names["Add Endpoint"], shown_only=True)
    if add is not None:
        press(add)
    dialog = find_window(app, names["Add Endpoint"])
    if dialog is not None:
        audit(dialog, f"{lang}: the Add Endpoint dialog")
        shot(f"a11y-add-endpoint-{lang}")
        close_window(app, names["Add Endpoint"])
    else:
        e2e.check(False, f"{lang}: the Add Endpoint dialog", "no dialog")


def step_prefs(app, frame, lang, names):
    # Ctrl+comma, the Preferences' shortcut: GTK 4.8 offers no action on
    # the main menu's items through AT-SPI.
    e2e.key(COMMA, e2e.CONTROL_MASK)
    prefs = find_window(app, names["Preferences"])
    if prefs is not None:
        # Its pages are a view switcher's: each one in turn.
        tabs = [a for a in e2e.walk(prefs) if e2e.role(a) == "page tab" and e2e.showing(a)]
        bad = []
        for tab in tabs or [None]:
            if tab is not None:
                e2e.click(tab)
                e2e.wait_for(lambda: e2e.selected(tab), 20)
            bad += audit(prefs, f"{lang}: the Preferences, page “{e2e.name(tab) if tab else ''}”",
                         quiet=True)
        e2e.check(not bad, f"{lang}: the Preferences: every control has a proper name "
                  f"({len(tabs)} pages)", "\n".join(sorted(set(bad))))
        shot(f"a11y-preferences-{lang}")
        close_window(app, names["Preferences"])
    else:
        e2e.check(False, f"{lang}: the Preferences", "no window")

def step_backups(app, frame, lang, names):
    open_page(frame, names["Backups"])
    audit(page_root(frame, "VigieBackupsPage"), f"{lang}: the Backups page")


def select_instance(frame, names, search, name, detail):
    """The Instances page with one instance selected: its details pane
    shows detail."""
    entry = None
    # The page alone: the whole window holds every other page too.
    page = page_root(frame, "VigieInstancesPage")
    if open_page(frame, names["Instances"]):
        entry = e2e.wait_for(lambda: e2e.find(page, lambda a: e2e.role(a) == "entry"
                                              and e2e.showing(a)), 30)
    cell = None
    if entry is not None:
        entry.queryEditableText().setTextContents(search)
        cell = e2e.wait_for(lambda: e2e.find(page, lambda a: e2e.name(a) == name
                                             and e2e.role(a) == "label" and e2e.showing(a)), 30)
    if cell is None:
        return False
    ext = cell.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    pyatspi.Registry.generateMouseEvent(ext.x + 5, ext.y + 5, "b1c")
    return bool(e2e.wait_for(lambda: e2e.find(page, lambda a: e2e.name(a) == detail
                                              and e2e.showing(a)), 30))


def children(acc):
    try:
        return [acc.getChildAtIndex(i) for i in range(acc.childCount)]
    except Exception:
        return []


def shown_rows(table):
    """The table's rows of data inside its visible part (GTK 4.8 keeps a
    few rows above and below it)."""
    outer = extents(table)
    rows = []
    for node in e2e.walk(table, 0, 3, leaf=lambda a: e2e.role(a) == "table row"):
        if e2e.role(node) != "table row":
            continue
        ext = extents(node)
        if ext is None or outer is None or ext.height <= 0 or ext.y < outer.y \
                or ext.y + ext.height > outer.y + outer.height:
            continue
        cells = [c for c in children(node) if e2e.role(c) == "table cell"]
        if cells:           # not the header row
            rows.append((node, cells))
    return rows


def step_rows(app, frame, lang, names):
    # The Instances table as a screen reader reads it: each row shown is
    # named after its instance (its first cell), each cell by its text.
    page = page_root(frame, "VigieInstancesPage")
    rows = []
    if open_page(frame, names["Instances"]):
        table = e2e.wait_for(lambda: e2e.find(page, lambda a: e2e.role(a) == "tree table"
                                              and e2e.showing(a)), 30)
        rows = e2e.wait_for(lambda: table is not None and len(shown_rows(table)) >= 5
                            and shown_rows(table), 60) or []
    bad = []
    for row, cells in rows:
        instance = content_text(cells[0])
        row_name = e2e.name(row).strip()
        if not instance or instance not in row_name or CLASS_NAME.match(row_name):
            bad.append(f"row “{row_name}” of instance “{instance}”")
        for cell in cells:
            cell_name = e2e.name(cell).strip()
            if not cell_name or CLASS_NAME.match(cell_name):
                bad.append(f"a cell “{cell_name}” of “{content_text(cell)}” in “{instance}”")
    e2e.check(len(rows) >= 5 and not bad,
              f"{lang}: the Instances table's rows are named after their instances, their "
              f"cells by their text ({len(rows)} rows shown)",
              "\n".join(bad[:20]) if bad else "no rows" if not rows else None)


def step_instances(app, frame, lang, names):
    # The Instances page with web01 selected: its details pane and actions.
    select_instance(frame, names, "web01", "web01", "VMID")
    audit(page_root(frame, "VigieInstancesPage"), f"{lang}: the Instances page with web01's details")
    shot(f"a11y-instances-{lang}")


def step_terminal_open(app, frame, lang, names):
    # A terminal open on the lab's Incus container web-01: its tab, its
    # buttons and the terminal itself.
    tab = None
    if select_instance(frame, names, "web-01 endpoint:lab-incus", "web-01", "lab-incus"):
        button = e2e.wait_for(lambda: e2e.button_named(frame, names["Open Terminal"]), 30)
        if button is not None:
            e2e.click(button)
            # The tab's title (AdwTab has no role of its own in 1.2).
            tab = e2e.wait_for(lambda: e2e.find(page_root(frame, "VigieTerminalPage"),
                                                lambda a: e2e.role(a) == "label"
                                                and e2e.name(a) == "lab-incus — web-01"
                                                and e2e.showing(a)), 60)
    terminal = tab and e2e.wait_for(lambda: e2e.find(page_root(frame, "VigieTerminalPage"),
                                                     lambda a: is_control(a)
                                                     and e2e.role(a) == "filler"
                                                     and e2e.showing(a)), 60)
    if terminal is None:
        e2e.check(False, f"{lang}: the Terminals page with web-01's terminal open",
                  "no terminal tab" if tab is None else "no terminal in the tab")
        return
    shot(f"a11y-terminal-{lang}")
    audit(page_root(frame, "VigieTerminalPage"),
          f"{lang}: the Terminals page with web-01's terminal open")




def step_compare(app, frame, lang, names):
    # Last: after walking the Compare page's grid, GTK 4.8 answers slowly.
    open_page(frame, names["Compare"])
    audit(page_root(frame, "VigieComparePage"), f"{lang}: the Compare page")



def folded(scratch):
    """A narrow window folds: the back button is named."""
    config = os.path.join(scratch, "narrow-config")
    os.makedirs(os.path.join(config, "glib-2.0", "settings"), exist_ok=True)
    with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w") as f:
        f.write("[io/github/vigie/Vigie]\nwindow-width=520\nwindow-height=700\n")
    app = e2e.App(os.path.join(scratch, "narrow"),
                  {"LANGUAGE": "en", "LC_ALL": "C.UTF-8", "GSETTINGS_BACKEND": "keyfile",
                   "XDG_CONFIG_HOME": config}, ["--demo"])
    frame = app.window("Vigie")
    row = frame and e2e.wait_for(lambda: e2e.find_by_name(frame, "lab-proxmox"), 90)
    if row is not None:
        # Activating an endpoint shows its content, with a way back.
        e2e.click(row) if "click" in [row.queryAction().getName(i)
                                      for i in range(row.queryAction().nActions)] else None
    back = frame and e2e.wait_for(lambda: e2e.find(
        frame, lambda a: e2e.role(a) == "push button" and e2e.name(a) == "Back"
        and e2e.showing(a)), 30)
    shot("a11y-folded-en")
    e2e.check(bool(back), "the folded window's back button is named “Back”",
              None if back else "no button named Back")
    if frame is not None:
        audit(frame, "en: the folded window")
    return app.stop()


# The steps, a few apps in all: a fresh app costs a start and a read of the
# whole demo lab. Within an app, what makes GTK 4.8 slow once walked (the
# Compare page's grid, a terminal) comes last. French: the pages that have
# controls of their own, shown but not scrolled (the rows below are the
# same widgets as those above, already checked in English), for what a
# translation breaks: a mnemonic underscore left, a label doubled, a
# name left to GTK (its class name).
SESSIONS = [
    ("en", [step_overview, step_menu, step_add, step_prefs]),
    ("en", [step_rows, step_instances, step_terminal_open]),
    ("en", [step_backups, step_compare]),
    ("fr", [step_overview, step_menu, step_add, step_prefs]),
    ("fr", [step_rows, step_instances, step_backups, step_compare]),
]
CHECKS = {step_overview: 1, step_menu: 2, step_add: 1, step_prefs: 1, step_rows: 1,
          step_instances: 1, step_terminal_open: 1, step_backups: 1, step_compare: 1}
# VIGIE_A11Y_STEPS=step_prefs,step_compare runs only those (to debug one).
if os.environ.get("VIGIE_A11Y_STEPS"):
    _only = os.environ["VIGIE_A11Y_STEPS"].split(",")
    SESSIONS = [(lang, [s for s in steps if s.__name__ in _only]) for lang, steps in SESSIONS]
    SESSIONS = [(lang, steps) for lang, steps in SESSIONS if steps]
if os.environ.get("VIGIE_A11Y_LANGS"):
    SESSIONS = [(lang, steps) for lang, steps in SESSIONS
                if lang in os.environ["VIGIE_A11Y_LANGS"].split(",")]
# The steps', the folded window's two and the logs'.
PLAN = sum(CHECKS[s] for _, steps in SESSIONS for s in steps) + 3


def names_for(lang):
    """The names the steps look for, in lang: from the build's catalogue,
    as the app shows them (mnemonics stripped)."""
    if lang == "en":
        tr = gettext.NullTranslations()
    else:
        tr = gettext.translation("vigie", os.path.join(e2e.BUILD_ROOT, "po"), [lang])

    def t(msgid):
        return tr.gettext(msgid).replace("_", "")

    return {"Overview": t("Overview"), "Instances": t("Instances"), "Backups": t("Backups"),
            "Compare": t("Compare"), "Terminals": t("Terminals"),
            "Open Terminal": t("Open _Terminal"), "Menu for": t("Menu for %s"),
            "Add Endpoint": t("Add Endpoint"), "Preferences": t("Preferences"),
            "Back": t("Back"),
            "offline console": t("Open Console on %s (offline)") % "pve3"}


LOCALES = {"en": "C.UTF-8", "fr": "fr_FR.UTF-8"}


def main():
    if not e2e.begin(PLAN):
        return 1
    bus = e2e.start_bus()
    scratch = tempfile.mkdtemp(prefix="vigie-e2e-a11y-")
    logs = ""
    try:
        for n, (lang, steps) in enumerate(SESSIONS):
            start = time.monotonic()
            names = names_for(lang)
            SCROLL["on"] = lang == "en"
            app = e2e.App(os.path.join(scratch, f"{lang}-{n}"),
                          {"LANGUAGE": lang, "LC_ALL": LOCALES[lang]}, ["--demo"])
            frame = open_window(app)
            for step in steps:
                before = len(e2e.results)
                if frame is not None:
                    step_start = time.monotonic()
                    step(app, frame, lang, names)
                    if os.environ.get("VIGIE_E2E_DEBUG"):
                        print(f"# {step.__name__}: {time.monotonic() - step_start:.0f} s")
                while len(e2e.results) < before + CHECKS[step]:
                    e2e.check(False, f"{lang}: {step.__name__}: needs the demo lab's window")
            logs += app.stop()
            print(f"# {lang}: {', '.join(s.__name__ for s in steps)}: "
                  f"{time.monotonic() - start:.0f} s")
        start = time.monotonic()
        logs += folded(scratch)
        print(f"# the folded window: {time.monotonic() - start:.0f} s")
        e2e.check_logs(logs)
    finally:
        e2e.stop_bus(bus, scratch)
    return 0 if all(e2e.results) else 1


if __name__ == "__main__":
    sys.exit(main())
