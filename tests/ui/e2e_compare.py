#!/usr/bin/python3
# e2e_compare.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end test of the Compare page in the real `vigie --demo`, through the
# accessibility tree, on a day fixed by VIGIE_NOW: the lab's three hypervisors
# side by side, Incus first with balanced weights; weighing high availability
# (built into Proxmox VE, limited in Incus) puts Proxmox VE first and changes
# the totals; a cell's popover names the source of its value; "Edit Prices…"
# takes the user's own price, writes prices.json and marks the cost lines
# overridden; the hardware profile set on the page is written to hardware.json
# and changes the cost; an open score popover stays open through a refresh
# (the cells are updated in place); "Use Live Hosts" forgets the profile.
# Then in French. Prints TAP. With VIGIE_SCREENSHOT_DIR set, the
# price window is captured there (prices-en.png, prices-fr.png).
#
# The harness (starting the app, walking the tree) is e2e_window.py's.

import os
import re
import json
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e_window as e2e  # noqa: E402  (skips the whole test without a display)

PLAN = 17
NOW = "2026-12-06T12:00:00Z"
TOTAL = re.compile(r"^\d\.\d \(rank \d of 3\)$")


def demo(scratch, language):
    return e2e.App(os.path.join(scratch, language),
                   {"LANGUAGE": language, "LC_ALL": "C.UTF-8", "VIGIE_NOW": NOW}, ["--demo"])


def open_compare(frame, title):
    tab = e2e.wait_for(lambda: e2e.find_by_name(frame, title, ["page tab"]), 30)
    if tab is not None:
        e2e.click(tab)
    return tab


def ranking(frame, prefix):
    """The ranking line once the three lab hypervisors are in it."""
    return e2e.wait_for(lambda: e2e.find(frame, lambda a: e2e.role(a) == "label"
                                         and e2e.name(a).startswith(prefix)
                                         and "lab-esxi" in e2e.name(a)
                                         and "lab-incus" in e2e.name(a)), 60)


def screenshot(language):
    directory = os.environ.get("VIGIE_SCREENSHOT_DIR")
    if directory and shutil.which("import"):
        subprocess.run(["import", "-window", "root",
                        os.path.join(directory, f"prices-{language}.png")], check=False)


def prices_window(app, frame, button, title):
    """Clicks "Edit Prices…" and returns the window it opens."""
    found = frame and e2e.wait_for(lambda: e2e.button_named(frame, button), 60)
    if found is None:
        return None
    e2e.click(found)
    # A window is a child of the application.
    return e2e.wait_for(lambda: next((w for w in children(app.root)
                                      if e2e.role(w) in ("frame", "dialog")
                                      and e2e.name(w) == title), None), 60)


def children(acc):
    try:
        return [acc.getChildAtIndex(i) for i in range(acc.childCount)]
    except Exception:
        return []


def totals(frame):
    return sorted(e2e.name(a) for a in e2e.walk(frame)
                  if e2e.role(a) == "label" and TOTAL.match(e2e.name(a)))


def main():
    if not e2e.begin(PLAN):
        return 1

    bus = e2e.start_bus()
    scratch = tempfile.mkdtemp(prefix="vigie-e2e-compare-")
    logs = ""
    try:
        app = demo(scratch, "en")
        frame = app.window("Vigie")
        tab = frame and open_compare(frame, "Compare")
        rank = tab and ranking(frame, "Ranking: ")
        e2e.check(rank is not None and e2e.name(rank).startswith("Ranking: 1. lab-incus"),
                  "Compare shows the lab's hypervisors, Incus first with balanced weights",
                  e2e.name(rank) if rank else app.stop())
        before = totals(frame) if rank else []

        slider = frame and e2e.find(frame, lambda a: e2e.role(a) == "slider"
                                    and e2e.name(a) == "Weight of High availability")
        value = slider.queryValue() if slider else None
        e2e.check(value is not None and value.currentValue == 1.0,
                  "a slider “Weight of High availability” at 1")
        if value is not None:
            value.currentValue = 5.0
        changed = rank and e2e.wait_for(
            lambda: e2e.name(rank).startswith("Ranking: 1. lab-proxmox"), 10)
        e2e.check(bool(changed), "weighing high availability puts Proxmox VE first",
                  e2e.name(rank) if rank else None)
        after = totals(frame) if rank else []
        e2e.check(len(before) == 3 and len(after) == 3 and before != after,
                  "the weighted totals changed", f"{before} → {after}")

        def support_cell():
            return e2e.find(frame, lambda a: e2e.role(a) == "push button" and e2e.name(a)
                            .startswith("lab-proxmox, Support status: End of support"))

        def popover_label(predicate):
            # The popover is under its cell (VigieCompareCellView): the cell
            # the user clicked must still be there for it to show.
            try:
                holder = cell.parent
            except Exception:
                return None
            return e2e.find(holder, lambda a: e2e.role(a) == "label"
                            and predicate(e2e.name(a)) and e2e.showing(a))

        def popover_title():
            return popover_label(lambda n: n == "Support status — lab-proxmox")

        cell = frame and support_cell()
        e2e.check(cell is not None and e2e.name(cell).endswith("score 0.0 of 5"),
                  "the support status cell of lab-proxmox is named with its value and score")
        source = title = None
        if cell is not None:
            e2e.click(cell)
            source = e2e.wait_for(lambda: popover_label(lambda n: n.startswith("https://")), 60)
            title = popover_title()
        e2e.check(source is not None and title is not None,
                  "its popover explains the score and names its source",
                  e2e.name(source) if source else None)

        # The hardware profile, set on the page: hardware.json and the cost follow.
        hardware = os.path.join(scratch, "en", "hardware.json")

        def cost_section(spin):
            """The page's column of sections, without the grid of a few hundred cells:
            the spin button is in a row of the profile, itself in a wrapping box."""
            try:
                acc = spin.parent
                while acc is not None and (acc.childCount or 0) < 8:
                    acc = acc.parent
                return acc
            except Exception:
                return None

        def in_costs(predicate):
            for acc in children(section):
                if acc is not None and (acc.childCount or 0) < 40:
                    found = e2e.find(acc, predicate)
                    if found is not None:
                        return found
            return None

        def esxi_cost():
            found = in_costs(lambda a: e2e.role(a) == "label"
                             and e2e.name(a).startswith("lab-esxi: "))
            return e2e.name(found) if found else None

        def counted(prefix):
            return in_costs(lambda a: e2e.role(a) == "label" and e2e.name(a).startswith(prefix))

        def profile_file():
            try:
                with open(hardware, encoding="utf-8") as f:
                    return json.load(f)
            except (OSError, ValueError):
                return None

        hosts = frame and e2e.find_by_name(frame, "Hosts in the hardware profile",
                                           ["spin button"])
        section = cost_section(hosts)
        cost_before = e2e.wait_for(esxi_cost, 60)
        if hosts is not None:
            # The lab has 5 hosts: the spin button starts from them.
            hosts.queryValue().currentValue = 12.0
        written = e2e.wait_for(lambda: (profile_file() or {}).get("hosts") == 12, 60)
        cost_after = written and e2e.wait_for(
            lambda: esxi_cost() if esxi_cost() != cost_before else None, 60)
        said = written and e2e.wait_for(
            lambda: counted("Priced for your hardware profile (hardware.json)"), 60)
        e2e.check(hosts is not None and bool(written) and bool(cost_after) and bool(said),
                  "a hardware profile set on the page writes hardware.json, changes the cost "
                  "and the page says it prices the profile",
                  f"{profile_file()}: {cost_before} → {cost_after}")

        # A refresh updates the cells in place: the open popover stays. The
        # refresh reads hardware.json again, so that one changed outside the
        # app tells when the refresh has been shown.
        if popover_title() is None and cell is not None:
            e2e.click(cell)
            e2e.wait_for(popover_title, 60)
        shown_before = popover_title() is not None
        cost_before = esxi_cost()
        with open(hardware, "w", encoding="utf-8") as f:
            json.dump({"hosts": 7, "sockets": 2, "cores": 16}, f)
        refresh = frame and e2e.button_named(frame, "Refresh")
        if refresh is not None:
            e2e.click(refresh)
        refreshed = refresh and e2e.wait_for(
            lambda: esxi_cost() if esxi_cost() != cost_before else None, 30)
        e2e.check(shown_before and bool(refreshed) and popover_title() is not None,
                  "an open score popover stays open through a refresh",
                  f"popover before: {shown_before}, cost {cost_before} → {refreshed}")

        live = section and e2e.button_named(section, "Use Live Hosts")
        if live is not None:
            e2e.click(live)
        back = live and e2e.wait_for(lambda: counted("Priced for the live estate"), 60)
        e2e.check(bool(back) and not os.path.exists(hardware),
                  "“Use Live Hosts” removes hardware.json and prices the live estate")

        # The user's own price: written to prices.json, the cost marked overridden.
        window = prices_window(app, frame, "Edit Prices…", "Your Prices")
        e2e.check(window is not None, "“Edit Prices…” opens the “Your Prices” window")
        if window is not None:
            e2e.wait_for(lambda: e2e.find_by_name(window, "Your price per unit",
                                                  ["spin button"]), 60)
            screenshot("en")
        spin = window and e2e.find_by_name(window, "Your price per unit", ["spin button"])
        if spin is not None:
            spin.queryValue().currentValue = 1.0
        save = window and e2e.button_named(window, "Save")
        if save is not None:
            e2e.click(save)
        path = os.path.join(scratch, "en", "prices.json")
        written = e2e.wait_for(lambda: os.path.exists(path), 60)
        source = None
        if written:
            with open(path, encoding="utf-8") as f:
                source = json.load(f).get("source")
        e2e.check(spin is not None and source == "Entered in Vigie on 2026-12-06",
                  "typing a price and saving writes prices.json, dated", source)
        marked = frame and e2e.wait_for(lambda: e2e.find(
            frame, lambda a: e2e.role(a) == "label"
            and "overridden: your price" in e2e.name(a)), 60)
        e2e.check(bool(marked), "the cost lines say the price is overridden")
        logs += app.stop()

        # French.
        app = demo(scratch, "fr")
        frame = app.window("Vigie")
        tab = frame and open_compare(frame, "Comparer")
        rank = tab and ranking(frame, "Classement : ")
        e2e.check(rank is not None, "in French, the ranking",
                  None if rank else app.stop())
        slider = frame and e2e.find(frame, lambda a: e2e.role(a) == "slider"
                                    and e2e.name(a) == "Poids de Haute disponibilité")
        e2e.check(slider is not None, "in French, the weight sliders are named")
        cores = frame and e2e.find_by_name(frame, "Cœurs par socket de processeur",
                                           ["spin button"])
        e2e.check(cores is not None, "in French, the hardware profile is named")
        window = prices_window(app, frame, "Modifier les prix…", "Vos prix")
        reset = window and e2e.button_named(window, "Revenir aux prix catalogue")
        e2e.check(window is not None and reset is not None,
                  "in French, the price window and its reset button")
        if window is not None:
            screenshot("fr")
            cancel = e2e.button_named(window, "Annuler")
            if cancel is not None:
                e2e.click(cancel)
        logs += app.stop()
        e2e.check_logs(logs)
    finally:
        e2e.stop_bus(bus, scratch)
    return 0 if all(e2e.results) else 1


if __name__ == "__main__":
    sys.exit(main())
