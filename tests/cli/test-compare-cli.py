#!/usr/bin/env python3
# test-compare-cli.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# vigiectl compare (contract 1.1): product lines without endpoint, every
# format (JSON against the schema, Markdown table shape, well-formed HTML,
# PDF pages and text), French headings, price overrides, hardware profile,
# bad usage; and the demo lab when a Secret Service is there. TAP output.

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import jsonschema

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labtap import check, report, with_lab  # noqa: E402

VIGIECTL = os.environ.get("VIGIECTL", "vigiectl")
SRCDIR = os.environ.get("G_TEST_SRCDIR", os.path.join(os.path.dirname(__file__), ".."))
SCHEMA = os.path.join(SRCDIR, "..", "docs", "contract", "compare.schema.json")
NOW = "2026-12-06T12:00:00Z"

def run(config_dir, *args, timeout=180):
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="", VIGIE_NOW=NOW)
    proc = subprocess.run([VIGIECTL, "--config-dir", config_dir, "--timeout", "60", "compare",
                           *args], capture_output=True, text=True, env=env, timeout=timeout)
    return proc.returncode, proc.stdout, proc.stderr


def validate(doc):
    with open(SCHEMA) as f:
        schema = json.load(f)
    try:
        jsonschema.validate(doc, schema, format_checker=jsonschema.FormatChecker())
    except jsonschema.ValidationError as e:
        return str(e).splitlines()[0]
    return True


def products_only(empty, tmp):
    rc, out, err = run(empty, "--product", "proxmox-ve-9", "--product", "esxi-8",
                       "--format", "json")
    doc = json.loads(out)
    valid = validate(doc)
    check("products only: exit 0, valid against compare.schema.json", rc == 0 and valid is True,
          "%s %s" % (err, valid))
    keys = [c["key"] for c in doc["columns"]]
    check("products only: two columns keyed product:LINE",
          keys == ["product:proxmox-ve-9", "product:esxi-8"] and doc["endpoints"] == [], keys)
    crit = {c["id"]: c for c in doc["criteria"]}
    for cid in ("product", "version", "support_status", "license_cost", "cost_model",
                "virtualization", "clustering", "live_migration", "high_availability",
                "distributed_storage", "backup_integration", "guest_os_support",
                "windows_guests", "container_support", "management_interfaces", "migration_in",
                "instances_total", "instances_running", "cpu_usage", "memory_usage",
                "storage_usage", "backup_coverage", "api_access", "ease_of_administration"):
        check("criterion %s present with both columns" % cid,
              cid in crit and set(crit[cid]["values"]) == set(keys))
    cost = crit["license_cost"]["values"]
    check("ESXi 8 on the default profile: 16 cores × 135 USD",
          cost["product:esxi-8"]["amount"] == 2160 and cost["product:esxi-8"]["currency"] == "USD",
          cost["product:esxi-8"])
    check("Proxmox VE 9: free", cost["product:proxmox-ve-9"]["amount"] == 0)
    check("support_status values are the enum",
          all(v["value"] in ("supported", "ending-soon", "end-of-support", "unknown")
              for v in crit["support_status"]["values"].values()))
    check("every scored value explains its score",
          all(v["explanation"] for c in doc["criteria"] for v in c["values"].values()))
    check("facts are sourced by URL",
          all(v["source"].startswith("https://") for v in crit["clustering"]["values"].values()))
    check("scores for both columns, 0..5",
          set(doc["scores"]) == set(keys) and all(0 <= s <= 5 for s in doc["scores"].values()))
    check("claims about both products", len(doc["claims"]) >= 3 and
          all(c["verdict"] in ("true", "false", "partly") and c["sources"] for c in doc["claims"]))
    check("cost counted from the default hardware profile",
          doc["cost"]["counted"]["from"] == "hardware-profile" and
          doc["cost"]["counted"]["cores"] == 16)

    # Hardware profile: 3 hosts × 2 sockets × 12 cores: 72 cores, VVF counts 96.
    rc, out, err = run(empty, "--product", "esxi-8", "--hosts", "3", "--sockets", "2",
                       "--cores", "12", "--format", "json")
    doc = json.loads(out)
    lines = [l for l in doc["cost"]["lines"] if l["column"] == "product:esxi-8"]
    check("profile: per-core line and the 16-core minimum as its own line",
          [(l["quantity"], l["total"]) for l in lines] == [(72, 9720), (24, 3240)], lines)

    # Presets and weights.
    rc, out, err = run(empty, "--product", "esxi-8", "--product", "incus-7-lts", "--preset",
                       "cost-first", "--format", "json")
    doc = json.loads(out)
    check("preset cost-first: licence cost weighs 5", rc == 0 and
          doc["weights"]["license_cost"] == 5 and doc["preset"] == "cost-first")
    weights = os.path.join(tmp, "weights.json")
    with open(weights, "w") as f:
        json.dump({c["id"]: (1 if c["id"] == "high_availability" else 0)
                   for c in doc["criteria"]}, f)
    rc, out, err = run(empty, "--product", "esxi-8", "--product", "incus-7-lts", "--weights",
                       weights, "--format", "json")
    scored = json.loads(out)["scores"]
    check("--weights changes the ranking",
          doc["scores"]["product:incus-7-lts"] > doc["scores"]["product:esxi-8"] and
          scored["product:esxi-8"] > scored["product:incus-7-lts"], (doc["scores"], scored))

    # Price overrides in the configuration directory.
    with tempfile.TemporaryDirectory() as conf:
        with open(os.path.join(conf, "prices.json"), "w") as f:
            json.dump({"source": "reseller quote", "products": {
                "proxmox-ve": {"plan": "Basic", "subscribe": True, "amount": 400}}}, f)
        rc, out, err = run(conf, "--product", "proxmox-ve-9", "--sockets", "2", "--format",
                           "json")
        doc = json.loads(out)
        amount = doc["criteria"][3]["values"]["product:proxmox-ve-9"]
        check("prices.json: overridden and counted", rc == 0 and
              doc["cost"]["prices_overridden"] is True and amount["amount"] == 800, amount)
        rc, out, err = run(conf, "--product", "proxmox-ve-9")
        check("table says the prices were overridden", "overridden by" in out, out[:400])
        with open(os.path.join(conf, "prices.json"), "w") as f:
            f.write('{"products": {"esxi": {"amount": "cheap"}}}')
        rc, out, err = run(conf, "--product", "esxi-8")
        check("bad prices.json: exit 1 with the reason", rc == 1 and "prices.json" in err, err)

    # hardware.json in the configuration directory; the options win over it.
    with tempfile.TemporaryDirectory() as conf:
        hardware = os.path.join(conf, "hardware.json")
        with open(hardware, "w") as f:
            json.dump({"hosts": 3, "sockets": 2, "cores": 12, "instances": 40}, f)
        rc, out, err = run(conf, "--product", "esxi-8", "--format", "json")
        counted = json.loads(out)["cost"]["counted"] if rc == 0 else {}
        check("hardware.json: its hosts, sockets, cores and instances are priced",
              counted.get("from") == "hardware-profile" and counted.get("hosts") == 3 and
              counted.get("sockets") == 6 and counted.get("cores") == 72 and
              counted.get("instances") == 40, (rc, err, counted))
        rc, out, err = run(conf, "--product", "esxi-8", "--cores", "16", "--format", "json")
        counted = json.loads(out)["cost"]["counted"] if rc == 0 else {}
        check("--cores over hardware.json", counted.get("cores") == 96, counted)
        for bad in ('{"hosts": 3,', '{"sockets": 2.5}', '{"cores": 100001}', '[3]'):
            with open(hardware, "w") as f:
                f.write(bad)
            rc, out, err = run(conf, "--product", "esxi-8")
            with open(hardware) as f:
                kept = f.read()
            check("bad hardware.json %s: exit 1 naming the file, file kept" % bad,
                  rc == 1 and "hardware.json" in err and out == "" and kept == bad, err)


def markdown_tables_ok(text):
    blocks, current = [], []
    for line in text.splitlines() + [""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            blocks.append(current)
            current = []

    def pipes(line):
        return len(re.findall(r"(?<!\\)\|", line))

    return len(blocks) >= 3 and all(
        len(b) >= 3 and re.fullmatch(r"\|(---\|)+", b[1]) and
        all(pipes(line) == pipes(b[0]) for line in b) for b in blocks)


def formats(empty, tmp):
    args = ["--product", "proxmox-ve-9", "--product", "esxi-8", "--product", "incus-7-lts"]
    rc, out, err = run(empty, *args, "--format", "markdown")
    check("markdown: heading and well-shaped pipe tables",
          rc == 0 and out.startswith("# ") and markdown_tables_ok(out), out[:300])
    check("markdown: numbered sources", "\n1. <https://" in out)

    rc, out, err = run(empty, *args, "--format", "csv")
    check("csv: header and one row per criterion and column", rc == 0 and
          out.splitlines()[0] == "criterion,group,weight,column,value,score,source,explanation"
          and len(out.splitlines()) > 3 * 20, out[:200])

    html = os.path.join(tmp, "compare.html")
    rc, out, err = run(empty, *args, "--format", "html", "--output", html)
    with open(html) as f:
        text = f.read()
    check("html: written to --output, self-contained", rc == 0 and out == "" and
          "<style>" in text and "src=" not in text and "<link" not in text, err)
    if shutil.which("xmllint"):
        lint = subprocess.run(["xmllint", "--html", "--noout", html], capture_output=True,
                              text=True)
        check("html: well formed (xmllint --html)", lint.returncode == 0 and lint.stderr == "",
              lint.stderr)

    pdf = os.path.join(tmp, "compare.pdf")
    rc, out, err = run(empty, *args, "--format", "pdf", "--output", pdf)
    check("pdf: written", rc == 0 and os.path.getsize(pdf) > 1000, err)
    if shutil.which("pdfinfo") and shutil.which("pdftotext"):
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
        pages = int([l.split()[-1] for l in info.splitlines() if l.startswith("Pages:")][0])
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
        check("pdf: several A4 pages", pages >= 2 and "595.28 x 841.89" in info, info)
        check("pdf: title, scores, cost, sources and page numbers",
              "Comparison of hypervisors" in text and "Weighted scores" in text and
              "Cost of the estate" in text and "Sources" in text and
              "Page %d" % pages in text, text[:500])
    rc, out, err = run(empty, *args, "--format", "pdf")
    check("pdf without --output: exit 1", rc == 1 and "--output" in err, err)

    rc, out, err = run(empty, *args, "--format", "markdown", "--lang", "fr")
    check("--lang fr: French headings and knowledge-base texts",
          rc == 0 and "# Comparaison des hyperviseurs" in out and "Coût du parc" in out and
          "Sources" in out, out[:300])
    rc, out, err = run(empty, *args, "--format", "json", "--lang", "fr")
    doc = json.loads(out)
    check("--lang fr: JSON labels in French, ids unchanged",
          doc["criteria"][0]["id"] == "product" and doc["criteria"][0]["label"] == "Produit")


def bad_usage(empty):
    for bad in (["--format", "xml"], ["--product", "esxi-42"], ["--product", "pbs-4"],
                ["--preset", "fastest"], ["--lang", "de"], ["--endpoint", "nowhere"],
                ["--weights", "/nonexistent.json"], ["--hosts", "-1"], ["--cores", "100001"], ["extra"]):
        rc, out, err = run(empty, *bad)
        check("bad usage %s: exit 1" % " ".join(bad), rc == 1 and err != "", err)
    rc, out, err = run(empty, "--backup", "--product", "pbs-4", "--product", "veeam-13",
                       "--format", "json")
    doc = json.loads(out)
    ids = [c["id"] for c in doc["criteria"]]
    check("--backup: backup criteria, valid", rc == 0 and validate(doc) is True and
          "deduplication" in ids and "protected_instances" in ids and "clustering" not in ids)


def compare_demo_lab(conf):
    rc, out, err = run(conf, "--format", "json", timeout=240)
    doc = json.loads(out)
    valid = validate(doc)
    check("demo lab: exit 0, valid against the schema", rc == 0 and valid is True,
          "%s %s" % (err, valid))
    keys = [c["key"] for c in doc["columns"]]
    check("demo lab: the hypervisor endpoints are the columns",
          keys == ["lab-esxi", "lab-proxmox", "lab-incus"], keys)
    crit = {c["id"]: c for c in doc["criteria"]}
    live = crit["instances_total"]["values"]["lab-proxmox"]
    check("demo lab: live values", live["source"] == "live" and live["value"] > 0 and
          0 <= crit["memory_usage"]["values"]["lab-esxi"]["value"] <= 1, live)
    check("demo lab: backup coverage from the coverage engine",
          crit["backup_coverage"]["values"]["lab-proxmox"]["score"] is not None)
    check("demo lab: counted from the live hosts", doc["cost"]["counted"]["from"] == "live"
          and doc["cost"]["counted"]["hosts"] >= 3)
    rc, out, err = run(conf, "--backup", "--format", "json", timeout=240)
    doc = json.loads(out)
    check("demo lab --backup: PBS and Veeam columns", rc == 0 and validate(doc) is True and
          "lab-pbs" in [c["key"] for c in doc["columns"]] and
          "lab-veeam" in [c["key"] for c in doc["columns"]])


def lab(tmp):
    """The demo lab, when a Secret Service can hold its secrets."""
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return "no session bus"
    return with_lab(tmp, compare_demo_lab)


def main():
    with tempfile.TemporaryDirectory() as empty, tempfile.TemporaryDirectory() as tmp:
        products_only(empty, tmp)
        formats(empty, tmp)
        bad_usage(empty)
        skipped = lab(tmp)
        if skipped and os.environ.get("VIGIE_REQUIRE_SECRET_SERVICE") == "1":
            check("demo lab", False, skipped)

    return report([("demo lab", skipped)])


if __name__ == "__main__":
    sys.exit(main())
