#!/usr/bin/python3
# screenshots.py OUTPUT_DIR [BUILD_DIR]
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Not a test: screenshots of every page of the real `vigie --demo`, in
# English and French, wide (1200 px) and narrow (360 px), to look at.
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
         "fr": ["Vue d’ensemble", "Instances", "Sauvegardes", "Comparer", "Terminaux"]}
SIZES = {"wide": (1200, 760), "narrow": (360, 720)}


def shoot(path, width, height):
    subprocess.run(["import", "-window", "root", "-crop", f"{width}x{height}+0+0", "+repage",
                    path], check=False)


def main():
    out = os.path.abspath(sys.argv[1])
    os.makedirs(out, exist_ok=True)
    bus = e2e.start_bus()
    scratch = tempfile.mkdtemp(prefix="vigie-shots-")
    try:
        for language, pages in PAGES.items():
            for size, (width, height) in SIZES.items():
                # The window's size comes from the settings: a keyfile of our own.
                config = os.path.join(scratch, f"xdg-{language}-{size}")
                os.makedirs(os.path.join(config, "glib-2.0", "settings"))
                with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w") as f:
                    f.write(f"[io/github/vigie/Vigie]\nwindow-width={width}\n"
                            f"window-height={height}\n")
                env = {"LANGUAGE": language, "LC_ALL": "C.UTF-8", "GSETTINGS_BACKEND": "keyfile",
                       "XDG_CONFIG_HOME": config}
                app = e2e.App(os.path.join(scratch, f"{language}-{size}"), env, ["--demo"])
                frame = app.window("Vigie")
                if frame is None or not e2e.wait_for(
                        lambda: e2e.find_by_name(frame, "lab-proxmox", visible=False), 90):
                    print(f"{language} {size}: no window or no lab", file=sys.stderr)
                    app.stop()
                    continue
                time.sleep(3)
                if size == "narrow":
                    # Folded: the sidebar shows first; a row leads to the pages.
                    shoot(os.path.join(out, f"sidebar-{language}-{size}.png"), width, height)
                    row = e2e.find(frame, lambda a: e2e.role(a) == "list item"
                                   and e2e.showing(a))
                    if row is not None:
                        ext = row.queryComponent().getExtents(e2e.pyatspi.DESKTOP_COORDS)
                        e2e.pyatspi.Registry.generateMouseEvent(ext.x + 20, ext.y + 10, "b1c")
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
                app.stop()
    finally:
        e2e.stop_bus(bus, scratch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
