#!/usr/bin/python3
# screenshots.py OUTPUT_DIR [BUILD_DIR]
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Not a test: screenshots of every page of the real `vigie --demo`, in
# English and French (LC_ALL=fr_FR.UTF-8), wide (1200 px) and narrow
# (360 px), to look at: the Add Endpoint dialog, each page, and the
# Instances page with an instance's details.
# Run under Xvfb with a session bus:
#   xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
#     /usr/bin/python3 tools/screenshots.py /tmp/shots _build

import os
import subprocess
import sys
import tempfile
import time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if len(sys.argv) > 2:
    os.environ["VIGIE_BUILD_ROOT"] = os.path.abspath(sys.argv[2])
sys.path.insert(0, os.path.join(root, "tests", "ui"))
import e2e_window as e2e  # noqa: E402

PAGES = {"en": ["Overview", "Instances", "Backups", "Compare", "Terminals"],
         "fr": ["Aperçu", "Instances", "Sauvegardes", "Comparer", "Terminaux"]}
SIZES = {"wide": (1200, 760), "narrow": (360, 720)}
ADD = {"en": ("Add Endpoint", "Cancel"), "fr": ("Ajouter un point d’accès", "Annuler")}
ALL = ("All Endpoints", "Tous les points d’accès")
LOCALES = {"en": "C.UTF-8", "fr": "fr_FR.UTF-8"}


def shoot(path, width, height):
    subprocess.run(["import", "-window", "root", "-crop", f"{width}x{height}+0+0", "+repage",
                    path], check=False)


def add_endpoint(app, frame, language, size, out, width, height):
    """The Add Endpoint dialog, shot and closed."""
    title, cancel = ADD[language]
    button = e2e.find(frame, lambda a: e2e.name(a) == title and e2e.showing(a)
                      and e2e.role(a) in ("push button", "button"))
    if button is None:
        print(f"{language} {size}: no Add Endpoint button", file=sys.stderr)
        return
    e2e.click(button)
    dialog = e2e.wait_for(lambda: e2e.find(app.root, lambda a: e2e.role(a) in ("frame", "dialog")
                                           and e2e.name(a) == title), 20)
    if dialog is None:
        return
    time.sleep(2)
    shoot(os.path.join(out, f"add-endpoint-{language}-{size}.png"), width, height)
    close = e2e.button_named(dialog, cancel)
    if close is not None:
        e2e.click(close)
    # Not a walk of the tree while the dialog goes: GTK 4.8 then answers
    # for a destroyed accessible and crashes (NULL object path).
    time.sleep(3)


def main():
    out = os.path.abspath(sys.argv[1])
    os.makedirs(out, exist_ok=True)
    bus = e2e.start_bus()
    scratch = tempfile.mkdtemp(prefix="vigie-shots-")
    try:
        for language, pages in PAGES.items():
            if os.environ.get("SHOTS_LANG", language) != language:
                continue
            for size, (width, height) in SIZES.items():
                if os.environ.get("SHOTS_SIZE", size) != size:
                    continue
                # The window's size comes from the settings: a keyfile of our own.
                config = os.path.join(scratch, f"xdg-{language}-{size}")
                os.makedirs(os.path.join(config, "glib-2.0", "settings"))
                with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w") as f:
                    f.write(f"[io/github/vigie/Vigie]\nwindow-width={width}\n"
                            f"window-height={height}\n")
                env = {"LANGUAGE": language, "LC_ALL": LOCALES[language],
                       "GSETTINGS_BACKEND": "keyfile",
                       "XDG_CONFIG_HOME": config}
                app = e2e.App(os.path.join(scratch, f"{language}-{size}"), env, ["--demo"])
                frame = app.window("Vigie")
                if frame is None or not e2e.wait_for(
                        lambda: e2e.find_by_name(frame, "lab-proxmox", visible=False), 90):
                    print(f"{language} {size}: no window or no lab", file=sys.stderr)
                    app.stop()
                    continue
                time.sleep(3)
                add_endpoint(app, frame, language, size, out, width, height)
                if size == "narrow":
                    # Folded: the sidebar shows first; a row leads to the pages.
                    shoot(os.path.join(out, f"sidebar-{language}-{size}.png"), width, height)
                    row = e2e.find(frame, lambda a: e2e.role(a) == "label" and e2e.showing(a)
                                   and e2e.name(a) in ALL)
                    if row is not None:
                        ext = row.queryComponent().getExtents(e2e.pyatspi.DESKTOP_COORDS)
                        e2e.pyatspi.Registry.generateMouseEvent(ext.x + 10,
                                                                ext.y + ext.height // 2, "b1c")
                        time.sleep(2)
                for page in pages:
                    tab = e2e.find(frame, lambda a: e2e.name(a) == page
                                   and e2e.role(a) == "page tab" and e2e.showing(a))
                    if tab is None:
                        tab = e2e.find(frame, lambda a: e2e.name(a) == page
                                       and e2e.role(a) == "page tab")
                    if tab is not None:
                        e2e.click(tab)
                    time.sleep(2)
                    name = page.lower().replace(" ", "-").replace("’", "")
                    shoot(os.path.join(out, f"{name}-{language}-{size}.png"), width, height)
                    if name != "instances":
                        continue
                    # The first row, under the Name column's header.
                    header = e2e.wait_for(lambda: e2e.find(
                        frame, lambda a: e2e.name(a) in ("Name", "Nom") and e2e.showing(a)
                        and ("header" in e2e.role(a) or e2e.role(a) == "label")), 20)
                    if header is not None:
                        ext = header.queryComponent().getExtents(e2e.pyatspi.DESKTOP_COORDS)
                        e2e.pyatspi.Registry.generateMouseEvent(ext.x + 20,
                                                                ext.y + ext.height + 10, "b1c")
                        time.sleep(2)
                        shoot(os.path.join(out, f"instances-details-{language}-{size}.png"),
                              width, height)
                app.stop()
    finally:
        e2e.stop_bus(bus, scratch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
