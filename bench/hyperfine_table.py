#!/usr/bin/python3
"""Turn hyperfine's JSON export into the Markdown table of bench/run.sh.

Wall time is what a user waits; CPU time (user + system of the command and
its children) is what the client itself spends, and load on a shared machine
changes it far less. Both are given as medians with their spread, and both as
a ratio of the first command (Vigie) to each peer.
"""
import json
import statistics
import sys


def stats(values):
    med = statistics.median(values)
    lo, hi = min(values), max(values)
    return med, lo, hi


def main(path):
    with open(path) as f:
        results = json.load(f)["results"]
    rows = []
    for r in results:
        wall = stats(r["times"])
        # hyperfine before 1.16 (Debian 12 has 1.15) records only the mean
        # CPU time of the runs, not each run's.
        if "user_times" in r and "system_times" in r:
            cpu = stats([u + s for u, s in zip(r["user_times"], r["system_times"])])
        else:
            cpu = (r["user"] + r["system"], None, None)
        rows.append((r["command"], wall, cpu))
    first = rows[0]
    print("| command | wall median [s] (min–max) | CPU [s] (min–max) "
          f"| {first[0]} ÷ this, wall | {first[0]} ÷ this, CPU |")
    print("|---|---:|---:|---:|---:|")
    for name, wall, cpu in rows:
        cpu_range = f" ({cpu[1]:.3f}–{cpu[2]:.3f})" if cpu[1] is not None else " (mean)"
        print(f"| {name} | {wall[0]:.3f} ({wall[1]:.3f}–{wall[2]:.3f}) "
              f"| {cpu[0]:.3f}{cpu_range} "
              f"| {first[1][0] / wall[0]:.2f}× | {first[2][0] / cpu[0]:.2f}× |")
    print()


if __name__ == "__main__":
    main(sys.argv[1])
