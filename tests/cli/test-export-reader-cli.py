#!/usr/bin/env python3
# test-export-reader-cli.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A real third-party RVTools reader accepts `vigiectl export --format
# rvtools-xlsx`: rvtools2azmigrate (tests/third_party/rvtools2azmigrate, MIT)
# turns the workbook of the demo lab (and of vcsim when it runs) into Azure
# Migrate's import CSV, one row per VM with the inventory's name, cores and
# memory. The reader needs `Provisioned MiB` on every row; Vigie leaves it
# empty only for VMs it could not read, and the whole lab is read without
# those rows. The same reader on a copy whose vInfo `CPUs` header is renamed
# must not give that CSV, so the check can fail. TAP output.

import csv
import json
import os
import shutil
import subprocess
import sys

import openpyxl
from slugify import slugify

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from labtap import check, run_lab_then_vcsim, with_lab, with_vcsim  # noqa: E402

VIGIECTL = os.environ.get("VIGIECTL", "vigiectl")
READER = os.path.join(HERE, "..", "third_party", "rvtools2azmigrate")
MIB = 1024 * 1024


def run(config_dir, *args, timeout=240):
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="")
    proc = subprocess.run([VIGIECTL, "--config-dir", config_dir, "--timeout", "60", *args],
                          capture_output=True, text=True, env=env, timeout=timeout)
    return proc.returncode, proc.stdout, proc.stderr


def reader(workbook, output, *options):
    """Runs the vendored reader as its README says: rvtools2azmigrate convert -i -o."""
    env = dict(os.environ, PYTHONPATH=READER, PYTHONDONTWRITEBYTECODE="1", COLUMNS="200",
               LC_ALL="C.UTF-8")
    proc = subprocess.run([sys.executable, "-m", "rvtools2azmigrate.cli", "convert",
                           "-i", workbook, "-o", output, *options],
                          capture_output=True, text=True, env=env, timeout=240)
    return proc.returncode, proc.stdout + proc.stderr


def azure_name(name, used):
    """The reader's server name: python-slugify keeping case, at most 25
    characters, `-N` added to the Nth repeat (its write_azmigrate_file)."""
    base = slugify(name, lowercase=False, max_length=25)
    forced = "%s-%d" % (base, used.count(base)) if base in used else base
    used.append(base)
    return forced


def vinfo_rows(path):
    rows = list(openpyxl.load_workbook(path)["vInfo"].iter_rows(values_only=True))
    return [dict(zip(rows[0], values)) for values in rows[1:]]


def expected_rows(path, inventory, skip_off):
    """What the reader must write: one row per vInfo row, in the workbook's
    order, with the inventory's name, cores and memory (MiB) for that VM;
    every instance of the workbook's endpoints has its row."""
    rows = vinfo_rows(path)
    endpoints = {r["Datacenter"] for r in rows}
    instances = {(e["name"], i["id"], i["project"]): i for e in inventory["endpoints"]
                 if e["name"] in endpoints for i in e["instances"]}
    used, want = [], []
    for row in rows:
        inst = instances.pop((row["Datacenter"], row["VM ID"], row["Folder"]), None)
        if inst is None:
            want.append(("no such instance", row["VM"]))
            continue
        if skip_off and inst["state"] == "stopped":
            continue
        memory = inst["memory_bytes"] // MIB if inst["memory_bytes"] is not None else ""
        want.append((azure_name(inst["name"], used), str(inst["cpus"]), str(memory)))
    want += [("instance without a row", i["name"]) for i in instances.values()
             if i["state"] != "unknown"]
    return want


def reader_problems(workbook, output, want, *options):
    """Runs the reader; returns what is wrong with its result (empty when it
    accepted the workbook and wrote the rows wanted)."""
    rc, log = reader(workbook, output, *options)
    if rc != 0:
        return ["exit %d" % rc, log[-600:]]
    with open(output, newline="") as f:
        got = [(r["*Server Name"], r["*Cores"], r["*Memory (In MB)"])
               for r in csv.DictReader(f)]
    if got != want:
        return ["rows differ", [(g, w) for g, w in zip(got, want) if g != w][:5],
                "%d rows, %d wanted" % (len(got), len(want))]
    return []


def broken_copy(path, tmp):
    """The same workbook with vInfo's `CPUs` header renamed."""
    copy = os.path.join(tmp, "broken-" + os.path.basename(path))
    shutil.copyfile(path, copy)
    workbook = openpyxl.load_workbook(copy)
    for cell in next(workbook["vInfo"].iter_rows(max_row=1)):
        if cell.value == "CPUs":
            cell.value = "vCPUs"
    workbook.save(copy)
    return copy


def export(conf, tmp, label, *endpoints):
    path = os.path.join(tmp, label + ".xlsx")
    options = [a for e in endpoints for a in ("--endpoint", e)]
    rc, out, err = run(conf, "export", "--format", "rvtools-xlsx", "--output", path, *options)
    check("%s: export exit 0" % label, rc == 0 and os.path.isfile(path), err)
    return path if rc == 0 else None


def accepted(path, inventory, tmp, label):
    """The reader on Vigie's file as written, all VMs, then without the powered-off ones."""
    want = expected_rows(path, inventory, False)
    check("%s: some VM to read" % label, len(want) > 1, want)
    problems = reader_problems(path, os.path.join(tmp, label + ".csv"), want)
    check("%s: rvtools2azmigrate accepts the workbook, one row per VM with the inventory's "
          "name, cores and memory" % label, not problems, problems)
    want_on = expected_rows(path, inventory, True)
    problems = reader_problems(path, os.path.join(tmp, label + "-on.csv"), want_on,
                               "--filter-off-vms")
    off = sum(1 for r in vinfo_rows(path) if r["Powerstate"] == "poweredOff")
    check("%s: rvtools2azmigrate --filter-off-vms keeps the VMs not powered off" % label,
          not problems and len(want_on) == len(want) - off, problems or (len(want_on), off))
    return want


def without_unread(path, inventory, tmp, label):
    """rvtools2azmigrate divides `Provisioned MiB` without checking it is
    there. Vigie leaves it empty only for a VM it could not read (state
    unknown: a guest on an offline Proxmox VE node); a copy without those
    rows is read like the rest."""
    unknown = {(e["name"], i["id"], i["project"]) for e in inventory["endpoints"]
               for i in e["instances"] if i["state"] == "unknown"}
    rows = vinfo_rows(path)
    empty = {(r["Datacenter"], r["VM ID"], r["Folder"]) for r in rows
             if r["Provisioned MiB"] is None}
    check("%s: Provisioned MiB is empty only for the VMs Vigie could not read" % label,
          empty == unknown and unknown, (sorted(empty), sorted(unknown)))
    copy = os.path.join(tmp, "read-" + os.path.basename(path))
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["vInfo"]
    for i in range(len(rows) + 1, 1, -1):
        if rows[i - 2]["Powerstate"] is None:
            sheet.delete_rows(i)
    workbook.save(copy)
    want = expected_rows(copy, inventory, False)
    problems = reader_problems(copy, os.path.join(tmp, label + "-read.csv"), want)
    check("%s without the unread VMs: rvtools2azmigrate accepts it, rows equal the "
          "inventory" % label, not problems and len(want) >= len(rows) - len(unknown),
          problems)


def lab_checks(conf, tmp):
    rc, out, err = run(conf, "inventory", "--format", "json")
    inventory = json.loads(out)
    path = export(conf, tmp, "demo lab esxi incus", "lab-esxi", "lab-incus")
    if path:
        want = accepted(path, inventory, tmp, "demo lab esxi incus")
        problems = reader_problems(broken_copy(path, tmp), os.path.join(tmp, "broken.csv"),
                                   want)
        check("demo lab: the same check fails on a copy whose vInfo CPUs header is renamed",
              problems, "the reader still gave the wanted rows")
    path = export(conf, tmp, "demo lab")
    if path:
        without_unread(path, inventory, tmp, "demo lab")


def lab(tmp):
    return with_lab(tmp, lambda conf: lab_checks(conf, tmp))


def vcsim(tmp):
    """govmomi's vcsim (tests/lab/vcsim-up.sh), as an ESXi host and as a vCenter."""
    def body(conf):
        rc, out, err = run(conf, "inventory", "--format", "json")
        path = export(conf, tmp, "vcsim")
        if path:
            accepted(path, json.loads(out), tmp, "vcsim")

    return with_vcsim(tmp, body)


def main():
    return run_lab_then_vcsim(lab, vcsim)


if __name__ == "__main__":
    sys.exit(main())
