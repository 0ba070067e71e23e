#!/usr/bin/env python3
# test-migrate-cli.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# vigiectl migrate-check (docs/migrate.md) through the real binary: bad usage
# (exit 1), an endpoint down (exit 2, the others still checked), and on the
# demo lab: one check per ESXi VM and target and per Proxmox VE guest, equal
# to vigiectl inventory; the verdicts and reasons of known VMs; every reason
# sourced and dated; the Veeam restore path equal to vigiectl backups; --to,
# --endpoint, csv, markdown, --output and French. On vcsim (when running):
# the ESXi fields the rules read are known. TAP output.

import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labtap import check, run_lab_then_vcsim, with_lab, with_vcsim  # noqa: E402

VIGIECTL = os.environ.get("VIGIECTL", "vigiectl")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def run(config_dir, *args, timeout=90, lang="C.UTF-8"):
    env = dict(os.environ, LC_ALL=lang, LANGUAGE="")
    proc = subprocess.run([VIGIECTL, "--config-dir", config_dir, "--timeout", "10", *args],
                          capture_output=True, text=True, env=env, timeout=timeout)
    return proc.returncode, proc.stdout, proc.stderr


def bad_usage(tmp):
    cases = [
        ("unknown target", ["--to", "xen"]),
        ("unknown format", ["--format", "xml"]),
        ("pdf without --output", ["--format", "pdf"]),
        ("unknown language", ["--lang", "de"]),
        ("extra argument", ["extra"]),
        ("unknown endpoint", ["--endpoint", "nope"]),
    ]
    for name, args in cases:
        rc, out, err = run(tmp, "migrate-check", *args)
        check("bad usage, %s: exit 1 with a message" % name,
              rc == 1 and err.strip() and not out, "%d %r %r" % (rc, out, err))


def down(tmp):
    conf = os.path.join(tmp, "down")
    os.mkdir(conf)
    with open(os.path.join(conf, "endpoints.conf"), "w") as f:
        f.write("[endpoint 11111111-1111-1111-1111-111111111111]\n"
                "name=pve-down\nkind=proxmox\nurl=https://127.0.0.1:1\n")
    rc, out, err = run(conf, "migrate-check", "--format", "json")
    ok = rc == 2 and "pve-down" in err
    try:
        doc = json.loads(out)
        ok = ok and doc["checks"] == [] and doc["endpoints"][0]["status"] != "ok"
    except (ValueError, KeyError, IndexError) as e:
        ok = False
        err += str(e)
    check("endpoint down: exit 2, the failure named, the endpoint's status in the JSON", ok,
          "%d %s" % (rc, err))


def by_key(checks):
    return {(c["endpoint"], c["name"], c["to"]): c for c in checks}


def rules(c):
    return {r["rule"]: r for r in c["reasons"]}


def lab_checks(conf, tmp):
    rc, out, err = run(conf, "migrate-check", "--format", "json")
    check("lab: exit 0", rc == 0, err)
    doc = json.loads(out)
    check("lab: schema vigie.migrate-check/1", doc.get("schema") == "vigie.migrate-check/1")
    checks = doc["checks"]

    rc, out, err = run(conf, "inventory", "--format", "json")
    inventory = json.loads(out)
    expected = set()
    disks = {}
    for ep in inventory["endpoints"]:
        targets = {"esxi": ["proxmox", "incus"], "proxmox": ["incus"]}.get(ep["kind"], [])
        for inst in ep["instances"]:
            for to in targets:
                expected.add((ep["name"], inst["id"], to))
            disks[(ep["name"], inst["id"])] = inst["disk_bytes"]
    got = {(c["endpoint"], c["id"], c["to"]) for c in checks}
    check("lab: one check per ESXi VM and target and per Proxmox VE guest, as in inventory",
          got == expected and len(got) == len(checks), (sorted(got ^ expected), len(checks)))
    check("lab: data to copy is the disk size vigiectl inventory shows",
          all(c["data_bytes"] == disks[(c["endpoint"], c["id"])] for c in checks),
          [(c["name"], c["data_bytes"]) for c in checks
           if c["data_bytes"] != disks[(c["endpoint"], c["id"])]])

    unsourced = [(c["name"], r["rule"]) for c in checks for r in c["reasons"]
                 if not str(r.get("source", "")).startswith("https://")
                 or not DATE.match(str(r.get("checked", ""))) or not r.get("text")]
    check("lab: every reason has a text, a source URL and a checked date", not unsourced,
          unsourced)
    check("lab: verdicts and levels are the documented values",
          {c["verdict"] for c in checks} <= {"ready", "needs-work", "blocked"} and
          {r["level"] for c in checks for r in c["reasons"]} <=
          {"note", "unknown", "needs-work", "blocked"})

    k = by_key(checks)
    win = k[("lab-esxi", "win-ad-01", "proxmox")]
    r = rules(win)
    check("lab: win-ad-01 → Proxmox VE needs work: VirtIO drivers, secure boot, PVSCSI noted",
          win["verdict"] == "needs-work" and r.get("windows-virtio", {}).get("level") ==
          "needs-work" and r.get("secure-boot", {}).get("level") == "needs-work" and
          r.get("controller", {}).get("detail") == "pvscsi", win)
    web = k[("lab-esxi", "web-02", "proxmox")]
    check("lab: web-02 → Proxmox VE ready, only notes (controller, VMware Tools, CBT off)",
          web["verdict"] == "ready" and
          {x["level"] for x in web["reasons"]} == {"note"} and
          {"controller", "vmware-tools", "cbt"} <= set(rules(web)), web)
    web_incus = k[("lab-esxi", "web-02", "incus")]
    check("lab: web-02 → Incus needs CSM for its BIOS",
          rules(web_incus).get("firmware-bios-incus", {}).get("level") == "needs-work",
          web_incus)
    db = k[("lab-esxi", "db-01", "proxmox")]
    check("lab: db-01 has 4 snapshots to consolidate",
          rules(db).get("snapshots", {}).get("detail") == "4", db)
    tmpl = k[("lab-esxi", "tmpl-debian-12", "proxmox")]
    check("lab: the template needs work", "template" in rules(tmpl) and
          tmpl["verdict"] == "needs-work", tmpl)
    unknown = [(c["name"], r["rule"]) for c in checks if c["endpoint"] == "lab-esxi"
               for r in c["reasons"] if r["level"] == "unknown"]
    check("lab: the demo host says firmware, controller, passthrough and datastores: "
          "nothing unknown", not unknown, unknown)
    cts = [c for c in checks if c["type"] == "container"]
    check("lab: Proxmox VE containers need incus-migrate",
          cts and all(rules(c).get("lxc-container", {}).get("level") == "needs-work"
                      for c in cts), cts)

    rc, out, err = run(conf, "backups", "--format", "json")
    coverage = json.loads(out)["coverage"]
    veeam = {(c["endpoint"], c["instance_id"]) for c in coverage
             if str(c.get("source") or "").startswith("veeam:")}
    paths = {(c["endpoint"], c["id"]) for c in checks if c["backup_path"] == "veeam"}
    check("lab: a Veeam restore path exactly for the VMs Veeam protects (vigiectl backups)",
          paths == veeam and veeam, (sorted(paths), sorted(veeam)))
    check("lab: the Veeam path only towards Proxmox VE",
          all(c["to"] == "proxmox" for c in checks if c["backup_path"]))
    return checks


def lab_formats(conf, tmp, checks):
    rc, out, err = run(conf, "migrate-check", "--format", "json", "--to", "incus",
                       "--endpoint", "lab-proxmox")
    doc = json.loads(out)
    check("lab: --to incus --endpoint lab-proxmox keeps only those",
          rc == 0 and doc["checks"] and
          all(c["to"] == "incus" and c["endpoint"] == "lab-proxmox" for c in doc["checks"]),
          err)
    rc, out, err = run(conf, "migrate-check", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    check("lab: csv has the header and one row per check",
          rc == 0 and rows[0][:6] == ["endpoint", "kind", "id", "name", "to", "verdict"] and
          len(rows) == len(checks) + 1, rows[:2])
    rc, out, err = run(conf, "migrate-check", "--to", "proxmox")
    lines = out.strip().splitlines()
    check("lab: the table has a header and one line per Proxmox VE check",
          rc == 0 and "VERDICT" in lines[0] and
          len(lines) == 1 + sum(1 for c in checks if c["to"] == "proxmox"), out)
    path = os.path.join(tmp, "readiness.md")
    rc, out, err = run(conf, "migrate-check", "--format", "markdown", "--output", path)
    text = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    check("lab: markdown to a file, with the rules' sources",
          rc == 0 and not out and "# Migration readiness" in text and
          "https://github.com/proxmox/pve-docs/blob/HEAD/qm.adoc" in text, err)
    rc, out, err = run(conf, "migrate-check", "--to", "proxmox", "--lang", "fr",
                       lang="fr_FR.UTF-8")
    check("lab: French table", rc == 0 and "VERDICT" in out and "à retravailler" in out and
          "prête" in out, out[:400])
    rc, out, err = run(conf, "migrate-check", "--format", "json", "--lang", "fr")
    doc = json.loads(out)
    texts = [r["text"] for c in doc["checks"] for r in c["reasons"]]
    check("lab: French reasons from the knowledge base",
          any("Invité Windows" in t for t in texts), texts[:3])


def compare_appendix(conf, tmp, checks):
    """The Compare report ends with the readiness appendix (not for backups)."""
    rc, out, err = run(conf, "compare", "--format", "markdown")
    appendix = out[out.find("## Appendix: migration readiness"):] \
        if "## Appendix: migration readiness" in out else ""
    rows = [line for line in appendix.splitlines() if line.startswith("| lab-")]
    check("compare markdown: the appendix has one row per check, after the sources",
          rc == 0 and len(rows) == len(checks) and out.find("## Sources") < out.find(appendix),
          (rc, len(rows), len(checks), err))
    rc, out, err = run(conf, "compare", "--format", "html")
    check("compare html: the appendix before </body>",
          rc == 0 and "<h2>Appendix: migration readiness</h2>" in out and
          out.find("Appendix: migration") < out.find("</body>"), err)
    path = os.path.join(tmp, "compare.pdf")
    rc, out, err = run(conf, "compare", "--format", "pdf", "--output", path)
    check("compare pdf: written", rc == 0 and os.path.getsize(path) > 1000, err)
    rc, out, err = run(conf, "compare", "--backup", "--format", "markdown")
    check("compare --backup: no readiness appendix",
          rc == 0 and "Appendix: migration" not in out, err)


def lab(tmp):
    def body(conf):
        checks = lab_checks(conf, tmp)
        lab_formats(conf, tmp, checks)
        compare_appendix(conf, tmp, checks)
    return with_lab(tmp, body)


def vcsim(tmp):
    """govmomi's vcsim: the vim25 properties the rules read exist and are read."""
    def body(conf):
        rc, out, err = run(conf, "migrate-check", "--format", "json", "--to", "proxmox")
        checks = json.loads(out)["checks"] if rc == 0 else []
        want = int(os.environ.get("VIGIE_VCSIM_ESX_VMS", "0"))
        check("vcsim: one check per simulated VM", rc == 0 and len(checks) == want and want > 0,
              "%d %d %d %s" % (rc, len(checks), want, err))
        unknown = sorted({r["rule"] for c in checks for r in c["reasons"]
                          if r["level"] == "unknown"} & {"firmware-efi", "passthrough",
                                                          "controller", "vsan"})
        check("vcsim: firmware, passthrough, controllers and datastores are read", not unknown,
              unknown)
        check("vcsim: data to copy is the disks' capacity (config.hardware.device)",
              checks and all(c["data_bytes"] and c["data_bytes"] > 0 for c in checks),
              [(c["name"], c["data_bytes"]) for c in checks])

    return with_vcsim(tmp, body, ("sim-esx",))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        bad_usage(tmp)
        down(tmp)
    return run_lab_then_vcsim(lab, vcsim)


if __name__ == "__main__":
    sys.exit(main())
