#!/usr/bin/env python3
# test-hostile-names.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# vigiectl against a server whose names are hostile (hostile_incus.py):
# CSV cells that a spreadsheet would run as formulas are neutralised with a
# leading quote (numbers stay numbers), no control character reaches a
# table or a CSV file, and JSON keeps every name exactly.

import csv
import io
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hostile_incus  # noqa: E402

VIGIECTL = os.environ.get("VIGIECTL", "vigiectl")
results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def run(config_dir, *args):
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="")
    proc = subprocess.run([VIGIECTL, "--config-dir", config_dir, "--timeout", "60", *args],
                          capture_output=True, env=env, timeout=180)
    return proc.returncode, proc.stdout, proc.stderr.decode(errors="replace")


def controls(data):
    """The control characters in @data (bytes), but newlines and CR."""
    text = data.decode("utf-8", errors="replace")
    return [c for c in text if (ord(c) < 0x20 and c not in "\r\n") or 0x7f <= ord(c) < 0xa0]


def formula_cells(rows):
    return [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


def main():
    server = hostile_incus.HostileIncus()
    try:
        with tempfile.TemporaryDirectory() as config:
            server.write_config(config)

            rc, out, err = run(config, "inventory", "--format", "json")
            check("inventory json: exit 0", rc == 0, err)
            doc = json.loads(out) if rc == 0 else {"endpoints": [{"instances": []}]}
            names = [i["name"] for i in doc["endpoints"][0]["instances"]]
            check("inventory json: every name exactly as the server sent it",
                  sorted(names) == sorted(hostile_incus.NAMES), names)

            for command in ("inventory", "backups"):
                rc, out, err = run(config, command, "--format", "csv")
                check(f"{command} csv: exit 0", rc == 0, err)
                check(f"{command} csv: no control character", not controls(out),
                      repr(controls(out)))
                rows = list(csv.reader(io.StringIO(out.decode(), newline="")))
                check(f"{command} csv: no cell starts a formula", not formula_cells(rows),
                      repr(formula_cells(rows)))
                header = rows[0] if rows else []
                column = "name" if command == "inventory" else "instance_name"
                shown = [r[header.index(column)] for r in rows[1:]] if column in header else []
                check(f"{command} csv: formulas are quoted text, the rest is as it is",
                      "'" + hostile_incus.FORMULA in shown and "'" + hostile_incus.NEGATIVE in shown
                      and hostile_incus.AMPERSAND in shown and hostile_incus.LINK in shown
                      and "evil\\x1b]0;pwned\\x07\\x1b[2J\\u009b" in shown, shown)
                if command == "inventory":
                    cpus = [r[header.index("cpus")] for r in rows[1:]]
                    check("inventory csv: numbers stay numbers", cpus and
                          all(c == "2" for c in cpus), cpus)
                else:
                    counts = [r[header.index("backup_count")] for r in rows[1:]]
                    check("backups csv: numbers stay numbers", counts and
                          all(c.isdigit() for c in counts), counts)

                rc, out, err = run(config, command, "--format", "table")
                check(f"{command} table: exit 0", rc == 0, err)
                check(f"{command} table: no control character", not controls(out),
                      repr(controls(out)))
                check(f"{command} table: escapes shown as text",
                      b"evil\\x1b]0;pwned\\x07\\x1b[2J\\u009b" in out, out[:400])
    finally:
        server.stop()

    print("TAP version 13")
    print("1..%d" % len(results))
    failed = 0
    for i, (name, ok, detail) in enumerate(results, 1):
        print("%s %d %s" % ("ok" if ok else "not ok", i, name))
        if not ok:
            failed += 1
            for line in str(detail).splitlines():
                print("# " + line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
