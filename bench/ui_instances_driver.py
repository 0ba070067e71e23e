#!/usr/bin/python3
# ui_instances_driver.py — drives the real `vigie` for bench/ui-instances.sh
# through the accessibility tree, then summarises the app's VIGIE_PROFILE log.
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import statistics
import subprocess
import sys
import time

SEARCH = "lab-esxi-1"


def log_events(path):
    events = []
    pattern = re.compile(r"vigie-profile: t=([\d.]+) event=(\S+) ms=([\d.]+) rows=(\d+)"
                         r"(?: cpu=([\d.]+))?")
    with open(path, errors="replace") as f:
        for line in f:
            m = pattern.search(line)
            if m:
                events.append((float(m[1]), m[2], float(m[3]), int(m[4]),
                               float(m[5] or 0)))
    return events


def marks(path):
    result = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                key, value = line.split()
                result[key] = float(value)
    return result


def spread(values):
    if not values:
        return "—"
    return f"{statistics.median(values):.1f} ms (max {max(values):.1f}, n={len(values)})"


def report(scratch, scale, endpoints):
    events = log_events(os.path.join(scratch, "app.err"))
    m = marks(os.path.join(scratch, "marks"))
    loaded = m.get("loaded", float("inf"))
    refresh = m.get("refresh", float("inf"))

    def of(name, lo=0.0, hi=float("inf"), field=2):
        return [e[field] for e in events if e[1] == name and lo <= e[0] < hi]

    first = min([e[0] for e in events if e[1] == "update" and e[3] > 0] or [0])
    stalls_load = of("stall", first, loaded)
    stalls_refresh = of("stall", refresh)
    print(f"| measure ({scale} asked, {endpoints} endpoints, "
          f"{max([e[3] for e in events if e[1] == 'update'] or [0])} rows) | median (max, n) |")
    print("|---|---|")
    print(f"| model update per endpoint arrival | {spread(of('update', 0, loaded))} |")
    print(f"| list painted after an endpoint's data arrived | "
          f"{spread(of('update-painted', 0, loaded))} |")
    last = of('update-painted', 0, loaded)
    print(f"| last endpoint's data → list painted | {last[-1] if last else float('nan'):.1f} ms |")
    print(f"| search keystroke: filter (wall) | {spread(of('filter'))} |")
    print(f"| search keystroke: filter (main-thread CPU) | {spread(of('filter', field=4))} |")
    print(f"| search keystroke: until painted | {spread(of('filter-painted'))} |")
    print(f"| column sort (wall) | {spread(of('sort'))} |")
    print(f"| column sort (main-thread CPU) | {spread(of('sort', field=4))} |")
    print(f"| column sort: until painted | {spread(of('sort-painted'))} |")
    cpu_load = of("stall", first, loaded, field=4)
    cpu_refresh = of("stall", refresh, field=4)
    print(f"| main-loop stalls ≥ 20 ms, first load | {len(stalls_load)}, max "
          f"{max(stalls_load or [0]):.0f} ms |")
    print(f"| main-loop stalls, first load: main-thread CPU in them | max "
          f"{max(cpu_load or [0]):.0f} ms, {sum(c >= 50 for c in cpu_load)} over 50 ms |")
    print(f"| main-loop stalls ≥ 20 ms, refresh of every endpoint | {len(stalls_refresh)}, max "
          f"{max(stalls_refresh or [0]):.0f} ms |")
    print(f"| main-loop stalls, refresh: main-thread CPU in them | max "
          f"{max(cpu_refresh or [0]):.0f} ms, {sum(c >= 50 for c in cpu_refresh)} over 50 ms |")
    print(f"| peak RSS | {m.get('rss', 0) / 1024:.0f} MB |")


def stalls(scratch, threshold=50.0):
    """Every stall over @threshold ms of main-thread CPU after the first
    data arrived, with the profiled steps that ran inside it (by time)."""
    events = log_events(os.path.join(scratch, "app.err"))
    m = marks(os.path.join(scratch, "marks"))
    refresh = m.get("refresh", float("inf"))
    loaded = m.get("loaded", float("inf"))
    first = min([e[0] for e in events if e[1] == "update" and e[3] > 0] or [0])
    monos = {}
    samples = stack_samples(scratch)
    with open(os.path.join(scratch, "app.err"), errors="replace") as f:
        for line in f:
            mm = re.search(r"t=([\d.]+) event=stall .* mono=([\d.]+)", line)
            if mm:
                monos[float(mm[1])] = float(mm[2])
    print("| phase | at (s) | stall wall ms | stall CPU ms | steps inside (CPU ms) |")
    print("|---|---|---|---|---|")
    for t, name, ms, rows, cpu in events:
        if name != "stall" or t < first or cpu < threshold:
            continue
        begin = t - ms / 1000.0
        inside = {}
        for t2, name2, ms2, rows2, cpu2 in events:
            if name2 == "stall" or name2.endswith("-painted"):
                continue
            if t2 - ms2 / 1000.0 >= begin - 0.001 and t2 <= t + 0.001:
                n, c = inside.get(name2, (0, 0.0))
                inside[name2] = (n + 1, c + cpu2)
        steps = ", ".join(f"{k}×{n} ({c:.0f})" for k, (n, c) in sorted(inside.items()))
        phase = "refresh" if t >= refresh else "search, sort" if t >= loaded else "load"
        print(f"| {phase} | {t:.1f} | {ms:.0f} | {cpu:.0f} "
              f"| {steps or '?'} |")
        if t in monos:
            end = monos[t]
            for stamp, frames in samples:
                if end - ms / 1000.0 <= stamp <= end:
                    print(f"|   | sample | | | {' < '.join(frames[:24])} |")


def stack_samples(scratch):
    """(monotonic time, [function names, innermost first]) per gdb sample."""
    path = os.path.join(scratch, "stacks.txt")
    samples = []
    if not os.path.exists(path):
        return samples
    frame = re.compile(r"^#\d+\s+(?:0x[0-9a-f]+ in )?(\S+) \(")
    with open(path, errors="replace") as f:
        for block in f.read().split("=== ")[1:]:
            lines = block.splitlines()
            names = [m[1] for m in map(frame.match, lines[1:]) if m]
            # What tells the widgets apart: the generic frames dropped.
            names = [n for n in names if not n.startswith(("g_", "??", "poll", "__", "hb_"))
                     and n not in ("gtk_widget_measure", "gtk_layout_manager_measure",
                                   "gtk_widget_allocate", "gtk_widget_size_allocate",
                                   "gtk_widget_get_preferred_size")]
            samples.append((float(lines[0]), names))
    return samples


def drive(vigie, scratch, endpoints, expected):
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                    "..", "tests", "ui"))
    import e2e_window as e2e
    import pyatspi

    env = dict(os.environ)
    env.pop("GTK_A11Y", None)
    env["VIGIE_PROFILE"] = "1"
    err = open(os.path.join(scratch, "app.err"), "w")
    app = subprocess.Popen([vigie, "--config-dir", os.path.join(scratch, "config")],
                           env=env, stdout=subprocess.DEVNULL, stderr=err)
    out = open(os.path.join(scratch, "marks"), "w")
    t0 = time.monotonic()
    perf = None
    if os.environ.get("BENCH_PERF"):
        # The main thread's CPU profile (software clock: no hardware
        # counters here), from the start or (=refresh) for the refresh.
        def start_perf():
            return subprocess.Popen(["perf", "record", "-q", "-e", "cpu-clock", "-F", "199",
                                     "--call-graph",
                                     "dwarf," + os.environ.get("BENCH_PERF_STACK", "8192"), "-t", str(app.pid),
                                     "-o", os.path.join(scratch, "perf.data")],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if os.environ["BENCH_PERF"] != "refresh":
            perf = start_perf()
    if os.environ.get("BENCH_GDB"):
        # Stacks of the main thread every few seconds, stamped with the
        # monotonic clock (the profile's mono=), for `--stalls`.
        import threading

        def sample():
            with open(os.path.join(scratch, "stacks.txt"), "w") as f:
                while app.poll() is None:
                    stamp = time.monotonic()
                    r = subprocess.run(["gdb", "-p", str(app.pid), "-batch", "-nx",
                                        "-ex", "thread 1", "-ex", "bt"],
                                       capture_output=True, text=True)
                    f.write(f"=== {stamp:.3f}\n{r.stdout}\n")
                    f.flush()
                    time.sleep(float(os.environ["BENCH_GDB"]))
        threading.Thread(target=sample, daemon=True).start()

    def mark(key, value=None):
        out.write(f"{key} {value if value is not None else time.monotonic() - t0}\n")
        out.flush()

    try:
        root = e2e.wait_for(lambda: e2e.find_app(app.pid), 60)
        frame = e2e.wait_for(lambda: e2e.find(root, lambda a: e2e.role(a) == "frame"
                                              and e2e.name(a) == "Vigie"), 60)
        tab = e2e.wait_for(lambda: e2e.find(frame, lambda a: e2e.name(a) == "Instances"
                                            and e2e.role(a) == "page tab"), 60)
        # BENCH_OVERVIEW_SECONDS: the Overview shown that long first, as
        # for a user who watches the estate come in.
        time.sleep(float(os.environ.get("BENCH_OVERVIEW_SECONDS", "0")))
        e2e.click(tab)

        # Loaded when the list holds about the lab's size and no endpoint's
        # data came for 5 s.
        seen = {"n": -1, "since": time.monotonic()}

        def loaded():
            ups = [e for e in log_events(err.name) if e[1] == "update"]
            if len(ups) != seen["n"]:
                seen["n"], seen["since"] = len(ups), time.monotonic()
                return False
            return ups and max(e[3] for e in ups) >= expected * 0.95 and \
                time.monotonic() - seen["since"] > 5
        e2e.wait_for(loaded, 900)
        last = max(e[0] for e in log_events(err.name))
        mark("loaded", last + 0.001)

        # The headers' places, found while the app is idle (a walk of the
        # tree during the searches' stalls timed out before): clicked by
        # position below.
        headers = {}
        for title in ("Name", "Host", "Memory"):
            header = e2e.wait_for(lambda: e2e.find(
                frame, lambda a: e2e.name(a) == title
                and e2e.role(a) in ("push button", "button", "column header",
                                    "table column header", "label")
                and e2e.showing(a)), 20)
            if header is not None:
                ext = header.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
                headers[title] = (ext.x + ext.width // 2, ext.y + ext.height // 2)
        mark("headers", len(headers))

        if os.environ.get("BENCH_NO_SEARCH"):
            # Only the load and the refresh of every endpoint.
            headers = {}
        entry = None if os.environ.get("BENCH_NO_SEARCH") else \
            e2e.wait_for(lambda: e2e.find(frame, lambda a: e2e.role(a) == "entry"
                                               and e2e.showing(a)), 20)
        if entry is not None:
            ext = entry.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
            pyatspi.Registry.generateMouseEvent(ext.x + ext.width // 2,
                                                ext.y + ext.height // 2, "b1c")
            time.sleep(0.5)
        for _ in range(3 if entry is not None else 0):
            for ch in SEARCH:
                pyatspi.Registry.generateKeyboardEvent(ord(ch), None, pyatspi.KEY_SYM)
                time.sleep(0.4)
            for _ in SEARCH:
                pyatspi.Registry.generateKeyboardEvent(0xff08, None, pyatspi.KEY_SYM)
                time.sleep(0.4)
        time.sleep(1)

        for title in ("Name", "Host", "Name", "Memory", "Name") * 2:
            if title not in headers:
                continue
            # Found again: a sort may have moved the columns' edges.
            header = e2e.find(frame, lambda a: e2e.name(a) == title
                              and e2e.role(a) in ("column header", "table column header",
                                                  "label") and e2e.showing(a))
            if header is not None:
                ext = header.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
                headers[title] = (ext.x + ext.width // 2, ext.y + ext.height // 2)
            x, y = headers[title]
            pyatspi.Registry.generateMouseEvent(x, y, "b1c")
            # The next click once this sort is logged (or after 30 s).
            n = len([e for e in log_events(err.name) if e[1] == "sort-painted"])
            e2e.wait_for(lambda: len([e for e in log_events(err.name)
                                      if e[1] == "sort-painted"]) > n, 10)
            time.sleep(0.5)

        mark("refresh", max(e[0] for e in log_events(err.name)) + 0.001)
        if os.environ.get("BENCH_PERF") == "refresh":
            perf = start_perf()
        pyatspi.Registry.generateKeyboardEvent(0xffc2, None, pyatspi.KEY_SYM)  # F5
        time.sleep(30)
        if perf is not None:
            perf.send_signal(2)
            perf.wait(120)
        with open(f"/proc/{app.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    mark("rss", int(line.split()[1]))
    finally:
        app.terminate()
        try:
            app.wait(10)
        except subprocess.TimeoutExpired:
            app.kill()
        out.close()


if __name__ == "__main__":
    if sys.argv[1] == "--stalls":
        stalls(sys.argv[2])
    elif sys.argv[1] == "--report":
        report(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        drive(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
