#!/usr/bin/env python3
# test-backups-cli.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# vigiectl backups: options, exit codes, and the vigie.backups/1 document
# (checked against the contract's schema when python3-jsonschema exists).

import json
import os
import subprocess
import sys
import tempfile

VIGIECTL = os.environ.get("VIGIECTL", "vigiectl")
SRCDIR = os.environ.get("G_TEST_SRCDIR", os.path.join(os.path.dirname(__file__), ".."))
SCHEMA = os.path.join(SRCDIR, "..", "docs", "contract", "backups.schema.json")

results = []


def run(config_dir, *args):
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="")
    proc = subprocess.run([VIGIECTL, "--config-dir", config_dir, "--timeout", "60", "backups", *args],
                          capture_output=True, text=True, env=env, timeout=180)
    return proc.returncode, proc.stdout, proc.stderr


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def validate(doc):
    try:
        import jsonschema
    except ImportError:
        return "skipped: python3-jsonschema not installed"
    with open(SCHEMA) as f:
        schema = json.load(f)
    try:
        jsonschema.validate(doc, schema, format_checker=jsonschema.FormatChecker())
    except jsonschema.ValidationError as e:
        print("# " + str(e).splitlines()[0])
        return "invalid"
    return "valid"


def main():
    with tempfile.TemporaryDirectory() as empty, tempfile.TemporaryDirectory() as one:
        rc, out, err = run(empty, "--format", "json", "--rpo", "12.5")
        doc = json.loads(out)
        check("empty config: exit 0", rc == 0, err)
        check("empty config: schema and rpo", doc["schema"] == "vigie.backups/1" and
              doc["rpo_hours"] == 12.5 and doc["summary"]["instances"] == 0)
        check("empty config: valid document", validate(doc) != "invalid")

        rc, out, err = run(empty)
        check("table: exit 0 and summary line", rc == 0 and "0 instances" in out, out)
        rc, out, err = run(empty, "--format", "csv")
        check("csv: header", rc == 0 and out.startswith("endpoint,instance_id,instance_name,"), out)

        for bad in (["--rpo", "0"], ["--rpo", "-3"], ["--rpo", "soon"], ["--rpo", "nan"],
                    ["--format", "xml"], ["--endpoint", "nowhere"], ["extra"]):
            rc, out, err = run(empty, *bad)
            check("bad usage %s: exit 1" % " ".join(bad), rc == 1 and err != "", err)

        # An endpoint that cannot answer: complete output, exit 2.
        with open(os.path.join(one, "endpoints.conf"), "w") as f:
            f.write("[endpoint 11111111-1111-1111-1111-111111111111]\n"
                    "name=pve-down\nkind=proxmox\nurl=https://127.0.0.1:1\n")
        rc, out, err = run(one, "--format", "json")
        doc = json.loads(out)
        check("failed endpoint: exit 2", rc == 2, err)
        check("failed endpoint: listed with status and error",
              doc["endpoints"][0]["name"] == "pve-down" and doc["endpoints"][0]["status"] != "ok"
              and doc["endpoints"][0]["error"])
        check("failed endpoint: valid document", validate(doc) != "invalid")
        rc, out, err = run(one, "--endpoint", "pve-down")
        check("failed endpoint, table: exit 2 and error shown", rc == 2 and "pve-down" in out, out)

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
