#!/usr/bin/python3
# test-french-numbers-cli.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Issue 14: in French, numbers for people use the French decimal separator
# (“3,4”, “2,5 Gio”), in the tables of vigiectl as in the app; machine
# output (JSON, CSV) keeps the dot whatever the locale, as the contract
# says. Runs vigiectl on the demo lab with LC_ALL=fr_FR.UTF-8. Prints TAP.

import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labtap import VIGIECTL, check, report, with_lab  # noqa: E402

NOW = "2026-12-06T12:00:00Z"
FRENCH = "fr_FR.UTF-8"


def have_french():
    out = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
    return "fr_fr.utf8" in out or "fr_fr.utf-8" in out


def run(conf, *args, lang=FRENCH):
    env = dict(os.environ, LC_ALL=lang, LANGUAGE="fr" if lang == FRENCH else "",
               VIGIE_NOW=NOW)
    proc = subprocess.run([VIGIECTL, "--config-dir", conf, "--timeout", "60", *args],
                          capture_output=True, text=True, env=env, timeout=240)
    return proc.returncode, proc.stdout, proc.stderr


def body(conf):
    # The comparison table: weighted scores with a decimal comma.
    rc, out, err = run(conf, "compare")
    # Scores are the numbers in brackets after each cell and the weighted
    # totals; versions ("8.4.1", "la 9.2") and licence names keep their dots.
    scores = re.findall(r"\((\d+[.,]\d)\)", out)
    totals = [line for line in out.splitlines() if line.startswith("WEIGHTED SCORE")]
    scores += re.findall(r"\d+[.,]\d", totals[0]) if totals else []
    check("compare, table, French: scores use a decimal comma",
          rc == 0 and len(scores) > 10 and all("," in s for s in scores),
          f"rc {rc}: {err[-300:]}\n{[s for s in scores if ',' not in s][:10]}")

    # Its CSV: dots, whatever the locale.
    rc, out, err = run(conf, "compare", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out))) if rc == 0 else []
    numbers = [r["score"] for r in rows if r.get("score")] + [r["weight"] for r in rows]
    check("compare, CSV, French: scores and weights are numbers with a dot",
          rows and all(re.fullmatch(r"-?\d+(\.\d+)?", n) for n in numbers),
          f"rc {rc}: {err[-300:]}\n{[n for n in numbers if ',' in n][:10]}")

    # JSON parses with dots.
    rc, out, err = run(conf, "inventory", "--format", "json")
    try:
        json.loads(out)
        parsed = True
    except ValueError:
        parsed = False
    check("inventory, JSON, French: valid JSON", rc == 0 and parsed, err[-300:])

    # The inventory table: sizes in French units with a decimal comma.
    rc, out, err = run(conf, "inventory")
    sizes = re.findall(r"\d+[.,]\d+\s?[kMGT]io", out)
    check("inventory, table, French: sizes like “2,5 Gio”",
          rc == 0 and sizes and all("," in s for s in sizes),
          f"rc {rc}: {err[-300:]}\n{sizes[:10]}")


def main():
    if not have_french():
        print("1..0 # SKIP no fr_FR.UTF-8 locale")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        why = with_lab(tmp, body)
        return report([("the demo lab", why)])


if __name__ == "__main__":
    sys.exit(main())
