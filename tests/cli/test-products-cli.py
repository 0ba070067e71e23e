#!/usr/bin/env python3
# test-products-cli.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# vigiectl products, and the support object of vigiectl inventory (contract 1.1),
# on fixed days given by VIGIE_NOW. TAP output.

import json
import os
import subprocess
import tempfile

import jsonschema

VIGIECTL = os.environ.get("VIGIECTL", "vigiectl")
SRCDIR = os.environ.get("G_TEST_SRCDIR", os.path.join(os.path.dirname(__file__), ".."))
SCHEMA = os.path.join(SRCDIR, "..", "docs", "contract", "inventory.schema.json")
results = []


def run(config_dir, now, *args):
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="")
    if now is not None:
        env["VIGIE_NOW"] = now
    proc = subprocess.run([VIGIECTL, "--config-dir", config_dir, "--timeout", "60", *args],
                          capture_output=True, text=True, env=env, timeout=180)
    return proc.returncode, proc.stdout, proc.stderr


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def main():
    with tempfile.TemporaryDirectory() as empty, tempfile.TemporaryDirectory() as one:
        rc, out, err = run(empty, "2026-12-06T12:00:00Z", "products", "--format", "json")
        doc = json.loads(out)
        lines = {p["id"]: p for p in doc["products"]}
        check("products json: exit 0 and schema", rc == 0 and doc["schema"] == "vigie.products/1", err)
        check("products: the contract's ids", all(i in lines for i in
              ("proxmox-ve-9", "esxi-8", "incus-7-lts", "pbs-4", "veeam-13")))
        check("products: PVE 8 ended 2026-08-31",
              lines["proxmox-ve-8"]["status"] == "end-of-support" and
              lines["proxmox-ve-8"]["ends"] == "2026-08-31", lines["proxmox-ve-8"])
        check("products: Veeam 12 ending soon", lines["veeam-12"]["status"] == "ending-soon")
        check("products: sources are URLs",
              all(p["source"].startswith("http") for p in doc["products"]))

        rc, out, err = run(empty, "2026-08-01T00:00:00Z", "products", "--format", "json")
        lines = {p["id"]: p for p in json.loads(out)["products"]}
        check("products on 2026-08-01: PVE 8 ending soon, Veeam 12 supported",
              lines["proxmox-ve-8"]["status"] == "ending-soon" and
              lines["veeam-12"]["status"] == "supported")

        rc, out, err = run(empty, "2026-12-06T12:00:00Z", "products")
        check("products table: header and a row", rc == 0 and out.startswith("ID") and
              "proxmox-ve-8" in out and "end-of-support" in out, out)
        for bad in (["--format", "csv"], ["extra"]):
            rc, out, err = run(empty, None, "products", *bad)
            check("products bad usage %s: exit 1" % " ".join(bad), rc == 1 and err, err)
        rc, out, err = run(empty, "yesterday", "products")
        check("bad VIGIE_NOW: exit 1 with a message", rc == 1 and "VIGIE_NOW" in err, err)

        # An endpoint that cannot answer: its version is unknown, so is its support.
        with open(os.path.join(one, "endpoints.conf"), "w") as f:
            f.write("[endpoint 11111111-1111-1111-1111-111111111111]\n"
                    "name=pve-down\nkind=proxmox\nurl=https://127.0.0.1:1\n")
        rc, out, err = run(one, "2026-12-06T12:00:00Z", "inventory", "--format", "json")
        doc = json.loads(out)
        with open(SCHEMA) as f:
            schema = json.load(f)
        try:
            jsonschema.validate(doc, schema, format_checker=jsonschema.FormatChecker())
            valid = True
        except jsonschema.ValidationError as e:
            valid = str(e).splitlines()[0]
        check("inventory json: valid against the 1.1 schema", valid is True, valid)
        support = doc["endpoints"][0].get("support")
        check("inventory: unknown support for a down endpoint",
              support is not None and support["status"] == "unknown" and support["line"] is None
              and support["outdated"] is None, support)
        rc, out, err = run(one, "2026-12-06T12:00:00Z", "inventory")
        check("inventory table: SUPPORT column", rc == 2 and "SUPPORT" in out.splitlines()[0], out)

    print("1..%d" % len(results))
    for i, (name, ok, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        if not ok and detail:
            print("# %s" % str(detail).replace("\n", "\n# "))


if __name__ == "__main__":
    main()
