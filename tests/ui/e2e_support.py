#!/usr/bin/python3
# e2e_support.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end test of the support status in the real `vigie --demo`, through
# the accessibility tree, on a day fixed by VIGIE_NOW: the lab's Proxmox VE 8.4
# is past its end of support and its Veeam 12 ends soon. The overview says so
# in an alert, and the sidebar in an icon whose description names the line and
# the date. In English, then in French. Prints TAP.
#
# The harness (starting the app, walking the tree) is e2e_window.py's.

import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e_window as e2e  # noqa: E402  (skips the whole test without a display)

PLAN = 9
NOW = "2026-12-06T12:00:00Z"


def description(acc):
    try:
        return acc.description or ""
    except Exception:
        return ""


def label_matching(frame, pattern, visible=True):
    return e2e.find(frame, lambda a: e2e.role(a) == "label"
                    and re.match(pattern, e2e.name(a))
                    and (not visible or e2e.showing(a)))


def icon_described(frame, status, text):
    return e2e.find(frame, lambda a: e2e.role(a) in ("image", "icon")
                    and e2e.name(a) == status and description(a) == text
                    and e2e.showing(a))


def demo(scratch, language):
    return e2e.App(os.path.join(scratch, language),
                   {"LANGUAGE": language, "LC_ALL": "C.UTF-8", "VIGIE_NOW": NOW}, ["--demo"])


def main():
    if not e2e.begin(PLAN):
        return 1

    bus = e2e.start_bus()
    scratch = tempfile.mkdtemp(prefix="vigie-e2e-support-")
    logs = ""
    try:
        app = demo(scratch, "en")
        frame = app.window("Vigie")
        e2e.check(frame is not None, "the demo window is in the accessibility tree")
        alert = None
        if frame is not None:
            alert = e2e.wait_for(lambda: label_matching(
                frame, r"^Proxmox VE 8 reached end of support on 31 August 2026\.$"), 60)
        e2e.check(alert is not None, "the overview alerts that the lab's Proxmox VE 8 "
                  "reached end of support, with the date", None if alert else app.stop())
        advice = frame and label_matching(frame, r"^Upgrade to Proxmox VE 9\.$")
        e2e.check(bool(advice), "the alert says what to do: upgrade to Proxmox VE 9")
        badge = frame and label_matching(frame, r"^End of support$")
        e2e.check(bool(badge), "the lab Proxmox's card has an “End of support” badge")
        icon = frame and icon_described(frame, "End of support",
                                        "Proxmox VE 8: end of support since 31 August 2026")
        e2e.check(bool(icon), "the sidebar icon of lab-proxmox names the line and the date")
        icon = frame and icon_described(
            frame, "Support ending soon",
            "Veeam Backup & Replication 12: support ends on 1 February 2027")
        e2e.check(bool(icon), "the sidebar icon of lab-veeam says its support ends soon")
        soon = frame and label_matching(
            frame, r"^Veeam Backup & Replication 12 reaches end of support on "
            r"1 February 2027, in 57 days\.$", visible=False)
        e2e.check(bool(soon), "the overview warns that Veeam 12's support ends in 57 days")
        logs += app.stop()

        # French: the month's name comes from the C library's locale.
        app = demo(scratch, "fr")
        frame = app.window("Vigie")
        alert = icon = None
        if frame is not None:
            alert = e2e.wait_for(lambda: label_matching(
                frame, r"^Proxmox VE 8 a atteint sa fin de support le 31 \w+ 2026\.$"), 60)
            icon = e2e.wait_for(lambda: icon_described(
                frame, "Fin de support", "Proxmox VE 8 : fin de support depuis le 31 "
                + alert_month(alert) + " 2026") if alert else None, 10)
        e2e.check(alert is not None and bool(icon),
                  "in French, the alert and the sidebar icon", None if alert else app.stop())
        logs += app.stop()
        e2e.check_logs(logs)
    finally:
        e2e.stop_bus(bus, scratch)
    return 0 if all(e2e.results) else 1


def alert_month(alert):
    return re.search(r"le 31 (\w+) 2026", e2e.name(alert)).group(1)


if __name__ == "__main__":
    sys.exit(main())
