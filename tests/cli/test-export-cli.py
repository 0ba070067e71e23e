#!/usr/bin/env python3
# test-export-cli.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# vigiectl export --format rvtools-xlsx|rvtools-csv (contract 1.1, "Estate
# export"), read back with openpyxl: sheet and column names in RVTools'
# order, vInfo rows equal to vigiectl inventory and backups on the demo lab
# (when a Secret Service is there), unknown cells empty, CSV file names, bad
# usage. TAP output.

import csv
import json
import os
import subprocess
import sys
import tempfile

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hostile_incus  # noqa: E402
from labtap import check, run_lab_then_vcsim, with_lab, with_vcsim  # noqa: E402

VIGIECTL = os.environ.get("VIGIECTL", "vigiectl")
MIB = 1024 * 1024
SHEETS = ["vInfo", "vCPU", "vMemory", "vDisk", "vPartition", "vNetwork", "vSnapshot", "vHost",
          "vCluster", "vDatastore", "vSource", "vLicense", "vMetaData"]

# The contract's minimum vInfo columns.
CONTRACT_VINFO = ["VM", "Powerstate", "Template", "SRM Placeholder", "CPUs", "Memory", "NICs",
                  "Disks", "Total disk capacity MiB", "Provisioned MiB", "In Use MiB",
                  "Creation date", "OS according to the configuration file",
                  "OS according to the VMware Tools", "Datacenter", "Cluster", "Host", "VM ID",
                  "VM UUID", "Backup status", "Last backup", "VI SDK Server", "VI SDK UUID",
                  "VI SDK Server type", "VI SDK API Version"]

# RVTools 4.x's own vInfo headers in export order (../shared/research/anchors-2026.md d3; the
# header lists of a real export), without the site's custom attributes.
RVTOOLS_VINFO = [
    "VM", "Powerstate", "Template", "SRM Placeholder", "Config status", "DNS Name",
    "Connection state", "Guest state", "Heartbeat", "Consolidation Needed", "PowerOn",
    "Suspended To Memory", "Suspend time", "Suspend Interval", "Creation date", "Change Version",
    "CPUs", "Overall Cpu Readiness", "Memory", "Active Memory", "NICs", "Disks",
    "Total disk capacity MiB", "Fixed Passthru HotPlug", "min Required EVC Mode Key",
    "Latency Sensitivity", "Op Notification Timeout", "EnableUUID", "CBT", "Primary IP Address",
    "Network #1", "Network #2", "Network #3", "Network #4", "Network #5", "Network #6",
    "Network #7", "Network #8", "Num Monitors", "Video Ram KiB", "Resource pool", "Folder ID",
    "Folder", "vApp", "DAS protection", "FT State", "FT Role", "FT Latency", "FT Bandwidth",
    "FT Sec. Latency", "Vm Failover In Progress", "Provisioned MiB", "In Use MiB", "Unshared MiB",
    "HA Restart Priority", "HA Isolation Response", "HA VM Monitoring", "Cluster rule(s)",
    "Cluster rule name(s)", "Boot Required", "Boot delay", "Boot retry delay",
    "Boot retry enabled", "Boot BIOS setup", "Reboot PowerOff", "EFI Secure boot", "Firmware",
    "HW version", "HW upgrade status", "HW upgrade policy", "HW target", "Path", "Log directory",
    "Snapshot directory", "Suspend directory", "Annotation", "Backup status", "Last backup",
    "Datacenter", "Cluster", "Host", "OS according to the configuration file",
    "OS according to the VMware Tools", "Customization Info", "Guest Detailed Data", "VM ID",
    "SMBIOS UUID", "VM UUID", "VI SDK Server type", "VI SDK API Version", "VI SDK Server",
    "VI SDK UUID"]

# Key columns of the other sheets, in RVTools' order (research d3).
KEY_COLUMNS = {
    "vHost": ["Host", "Datacenter", "Cluster", "in Maintenance Mode", "CPU Model", "Speed",
              "# CPU", "Cores per CPU", "# Cores", "CPU usage %", "# Memory", "Memory usage %",
              "# VMs", "# vCPUs", "vCPUs per Core", "vRAM", "ESX Version", "Boot time",
              "NTP Server(s)", "Vendor", "Model", "Serial number", "BIOS Version",
              "Certificate Expiry Date", "UUID", "VI SDK Server", "VI SDK UUID"],
    "vDisk": ["VM", "Disk", "Disk UUID", "Disk Path", "Capacity MiB", "Raw", "Disk Mode", "Thin",
              "Controller", "Unit #"],
    "vPartition": ["VM", "Disk", "Capacity MiB", "Consumed MiB", "Free MiB", "Free %"],
    "vNetwork": ["VM", "NIC label", "Adapter", "Network", "Switch", "Connected", "Mac Address",
                 "IPv4 Address", "IPv6 Address"],
    "vSnapshot": ["VM", "Name", "Description", "Date / time", "Size MiB (total)", "Quiesced",
                  "State"],
    "vDatastore": ["Name", "Type", "# VMs", "Capacity MiB", "Provisioned MiB", "In Use MiB",
                   "Free MiB", "Free %", "# Hosts", "Cluster name", "URL"],
    "vCluster": ["Name", "NumHosts", "TotalCpu", "NumCpuCores", "TotalMemory", "HA enabled",
                 "DRS enabled"],
    "vSource": ["Name", "OS type", "API type", "API version", "Version", "Patch level", "Build",
                "Fullname", "Product name", "Product version", "Product line", "Vendor",
                "VI SDK Server", "VI SDK UUID"],
    "vMetaData": ["RVTools major version", "RVTools version", "xlsx creation datetime", "Server"],
}

POWERSTATE = {"running": "poweredOn", "stopped": "poweredOff", "paused": "suspended",
              "suspended": "suspended"}


def run(config_dir, *args, timeout=180):
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="")
    proc = subprocess.run([VIGIECTL, "--config-dir", config_dir, "--timeout", "60", *args],
                          capture_output=True, text=True, env=env, timeout=timeout)
    return proc.returncode, proc.stdout, proc.stderr


def in_order(columns, wanted):
    """wanted all present in columns, in the same relative order."""
    positions = [columns.index(c) if c in columns else -1 for c in wanted]
    return -1 not in positions and positions == sorted(positions)


def read_sheets(path):
    workbook = openpyxl.load_workbook(path)
    sheets = {}
    for name in workbook.sheetnames:
        rows = list(workbook[name].iter_rows(values_only=True))
        header = list(rows[0]) if rows else []
        sheets[name] = (header, [dict(zip(header, r)) for r in rows[1:]])
    return workbook.sheetnames, sheets


def shape(tmp):
    """No endpoint at all: every sheet with its headers, vMetaData names Vigie."""
    path = os.path.join(tmp, "empty.xlsx")
    rc, out, err = run(tmp, "export", "--format", "rvtools-xlsx", "--output", path)
    check("no endpoint: exit 0, a file", rc == 0 and os.path.isfile(path), err)
    names, sheets = read_sheets(path)
    check("sheet names and order", names == SHEETS, names)
    vinfo = sheets["vInfo"][0]
    check("vInfo: the contract's columns", all(c in vinfo for c in CONTRACT_VINFO),
          [c for c in CONTRACT_VINFO if c not in vinfo])
    check("vInfo: RVTools' columns in RVTools' order", in_order(vinfo, RVTOOLS_VINFO), vinfo)
    check("vInfo: no row without an endpoint", sheets["vInfo"][1] == [])
    for sheet, wanted in KEY_COLUMNS.items():
        check("%s: RVTools' key columns in order" % sheet, in_order(sheets[sheet][0], wanted),
              sheets[sheet][0])
    meta = sheets["vMetaData"][1]
    check("vMetaData: names Vigie, never claims to be RVTools",
          len(meta) == 1 and any(isinstance(v, str) and v.startswith("Vigie ")
                                 for v in meta[0].values()) and
          meta[0]["RVTools version"] is None and meta[0]["RVTools major version"] is None, meta)

    directory = os.path.join(tmp, "csv")
    rc, out, err = run(tmp, "export", "--format", "rvtools-csv", "--output", directory)
    files = sorted(os.listdir(directory)) if os.path.isdir(directory) else []
    check("csv: exit 0, one RVTools_tab<Sheet>.csv per sheet",
          rc == 0 and files == sorted("RVTools_tab%s.csv" % s for s in SHEETS),
          "%s %s" % (err, files))
    with open(os.path.join(directory, "RVTools_tabvInfo.csv"), newline="") as f:
        header = next(csv.reader(f))
    check("csv: vInfo header equals the workbook's", header == vinfo, header)


def bad_usage(tmp):
    existing = os.path.join(tmp, "a-file")
    with open(existing, "w") as f:
        f.write("x")
    cases = [
        ("no --format", ["--output", os.path.join(tmp, "x.xlsx")]),
        ("unknown format", ["--format", "xlsx", "--output", os.path.join(tmp, "x.xlsx")]),
        ("no --output", ["--format", "rvtools-xlsx"]),
        ("extra argument", ["--format", "rvtools-xlsx", "--output", os.path.join(tmp, "x.xlsx"),
                            "extra"]),
        ("unknown endpoint", ["--format", "rvtools-xlsx", "--output", os.path.join(tmp, "x.xlsx"),
                              "--endpoint", "nope"]),
        ("workbook onto a directory", ["--format", "rvtools-xlsx", "--output", tmp]),
        ("csv into a file", ["--format", "rvtools-csv", "--output", existing]),
    ]
    for name, args in cases:
        rc, out, err = run(tmp, "export", *args)
        check("bad usage, %s: exit 1 with a message" % name, rc == 1 and err.strip(), err)
    check("bad usage: nothing written", not os.path.exists(os.path.join(tmp, "x.xlsx")))


def down(tmp):
    """An endpoint that cannot answer: exit 2, the file is still written."""
    conf = os.path.join(tmp, "down")
    os.mkdir(conf)
    with open(os.path.join(conf, "endpoints.conf"), "w") as f:
        f.write("[endpoint 11111111-1111-1111-1111-111111111111]\n"
                "name=pve-down\nkind=proxmox\nurl=https://127.0.0.1:1\n")
    path = os.path.join(tmp, "down.xlsx")
    rc, out, err = run(conf, "export", "--format", "rvtools-xlsx", "--output", path)
    check("endpoint down: exit 2, file written, the failure named",
          rc == 2 and os.path.isfile(path) and "pve-down" in err, "%d %s" % (rc, err))


def compare_inventory(conf, tmp, label, endpoints):
    """Every vInfo row equals vigiectl inventory; returns the sheets and the inventory."""
    path = os.path.join(tmp, label + ".xlsx")
    rc, out, err = run(conf, "export", "--format", "rvtools-xlsx", "--output", path, timeout=240)
    check("%s: exit 0" % label, rc == 0, err)
    rc, out, err = run(conf, "inventory", "--format", "json", timeout=240)
    inventory = json.loads(out)
    _, sheets = read_sheets(path)
    rows = sheets["vInfo"][1]

    expected = {}
    for endpoint in inventory["endpoints"]:
        if endpoint["kind"] not in ("esxi", "proxmox", "incus"):
            continue
        for instance in endpoint["instances"]:
            expected[(endpoint["name"], instance["id"], instance["project"])] = instance
    got = {(r["Datacenter"], r["VM ID"], r["Folder"]): r for r in rows}
    check("%s: one vInfo row per instance of every hypervisor endpoint" % label,
          len(rows) == len(expected) and set(got) == set(expected) and
          {k[0] for k in expected} == set(endpoints),
          "%d rows, %d instances" % (len(rows), len(expected)))

    mismatches = []
    for key, instance in expected.items():
        row = got.get(key)
        if row is None:
            continue
        want = {
            "VM": instance["name"],
            "Powerstate": POWERSTATE.get(instance["state"]),
            "Template": "True" if instance["template"] else "False",
            "CPUs": instance["cpus"],
            "Memory": (instance["memory_bytes"] // MIB
                       if instance["memory_bytes"] is not None else None),
            "Host": instance["host"],
            "OS according to the configuration file": instance["os"],
        }
        for column, value in want.items():
            if row[column] != value:
                mismatches.append((key, column, row[column], value))
    check("%s: every vInfo row equals the inventory (name, power state, template, CPUs, "
          "memory MiB, host, OS)" % label, not mismatches, mismatches[:5])
    numbers = all(isinstance(r["Memory"], (int, float)) and isinstance(r["CPUs"], (int, float))
                  for r in rows if r["Memory"] is not None)
    check("%s: CPUs and Memory are number cells" % label, numbers)
    unknown = ["DNS Name", "Creation date", "Heartbeat", "HW version",
               "Unshared MiB", "OS according to the VMware Tools", "VI SDK UUID"]
    filled = [(c, r["VM"]) for r in rows for c in unknown if r[c] is not None]
    check("%s: what Vigie does not read stays empty" % label, not filled, filled[:5])
    # Firmware, secure boot and CBT: vSphere's spellings, or empty when unseen;
    # every ESXi VM's firmware is read (config.firmware).
    spelled = all(r["Firmware"] in (None, "bios", "efi") and
                  r["EFI Secure boot"] in (None, "True", "False") and
                  r["CBT"] in (None, "True", "False") for r in rows)
    esxi_fw = [r["Firmware"] for r in rows if r["VI SDK Server type"] in ("HostAgent",
                                                                         "VirtualCenter")]
    check("%s: Firmware, EFI Secure boot and CBT in vSphere's spellings, ESXi firmware known"
          % label, spelled and esxi_fw and None not in esxi_fw,
          [(r["VM"], r["Firmware"], r["EFI Secure boot"], r["CBT"]) for r in rows][:8])
    return sheets, inventory, expected, got


def tristate(value):
    return None if value is None else ("True" if value else "False")


def joined(addresses, ipv6):
    picked = [a for a in addresses if (":" in a) == ipv6]
    return ", ".join(picked) if picked else None


def compare_devices(label, sheets, expected, need_all=False):
    """vDisk, vNetwork and vSnapshot: one row per disk, NIC and snapshot in the inventory
    (none for an instance whose list was not read), each equal to it; NICs and Disks
    counts in vInfo."""
    def by_instance(sheet):
        rows = {}
        for r in sheets[sheet][1]:
            rows.setdefault((r["Datacenter"], r["VM ID"], r["Folder"]), []).append(r)
        return rows

    disks, nics, snaps = by_instance("vDisk"), by_instance("vNetwork"), by_instance("vSnapshot")
    vinfo = {(r["Datacenter"], r["VM ID"], r["Folder"]): r for r in sheets["vInfo"][1]}
    wrong = []
    seen = {"disks": set(), "nics": set(), "snapshot_list": set()}
    for key, inst in expected.items():
        want = [{"Disk": d["label"], "Disk Path": d["path"],
                 "Capacity MiB": (d["capacity_bytes"] // MIB
                                  if d["capacity_bytes"] is not None else None),
                 "Controller": d["controller"], "Disk Mode": d["mode"],
                 "Thin": tristate(d["thin"]), "VM": inst["name"]}
                for d in inst.get("disks") or []]
        got = [{c: r[c] for c in want[0]} for r in disks.get(key, [])] if want else \
            disks.get(key, [])
        if got != want:
            wrong.append(("vDisk", key, got[:2], want[:2]))
        want = [{"NIC label": n["label"], "Adapter": n["adapter"], "Network": n["network"],
                 "Mac Address": n["mac"], "Connected": tristate(n["connected"]),
                 "IPv4 Address": joined(n["addresses"], False),
                 "IPv6 Address": joined(n["addresses"], True), "VM": inst["name"]}
                for n in inst.get("nics") or []]
        got = [{c: r[c] for c in want[0]} for r in nics.get(key, [])] if want else \
            nics.get(key, [])
        if got != want:
            wrong.append(("vNetwork", key, got[:2], want[:2]))
        want = [{"Name": n["name"], "Description": n["description"],
                 "Date / time": n["time"].replace("T", " ").rstrip("Z") if n["time"] else None,
                 "State": n["state"], "Quiesced": tristate(n["quiesced"]), "VM": inst["name"]}
                for n in inst.get("snapshot_list") or []]
        got = [{c: r[c] for c in want[0]} for r in snaps.get(key, [])] if want else \
            snaps.get(key, [])
        if got != want:
            wrong.append(("vSnapshot", key, got[:2], want[:2]))
        if inst.get("snapshot_list") is not None and inst["snapshots"] is not None and \
                len(inst["snapshot_list"]) != inst["snapshots"]:
            wrong.append(("snapshot count", key, len(inst["snapshot_list"]), inst["snapshots"]))
        row = vinfo.get(key, {})
        for member, column in (("disks", "Disks"), ("nics", "NICs")):
            value = len(inst[member]) if inst.get(member) is not None else None
            if row.get(column) != value:
                wrong.append((column, key, row.get(column), value))
        for member in seen:
            if inst.get(member):
                seen[member].add(key[0])
    check("%s: every vDisk, vNetwork and vSnapshot row equals the inventory, vInfo NICs and "
          "Disks too" % label, not wrong, wrong[:4])
    numbers = all(isinstance(r["Capacity MiB"], (int, float))
                  for r in sheets["vDisk"][1] if r["Capacity MiB"] is not None)
    check("%s: vDisk Capacity MiB are number cells" % label,
          numbers and any(r["Capacity MiB"] for r in sheets["vDisk"][1]))
    endpoints = {k[0] for k in expected}
    if need_all:
        check("%s: disks, NICs and snapshots read on every endpoint" % label,
              all(seen[m] == endpoints for m in seen), seen)
    else:
        check("%s: disks and NICs read on every endpoint" % label,
              seen["disks"] == endpoints and seen["nics"] == endpoints, seen)
    return seen


def compare_lab(conf, tmp):
    sheets, inventory, expected, got = compare_inventory(
        conf, tmp, "demo lab", ["lab-esxi", "lab-proxmox", "lab-incus"])
    rows = sheets["vInfo"][1]
    compare_devices("demo lab", sheets, expected, need_all=True)
    unknown = [(s, c) for s, cols in (("vDisk", ["Raw", "Eagerly Scrub", "Shares", "Limit"]),
                                      ("vNetwork", ["Switch", "Direct Path IO"]),
                                      ("vSnapshot", ["Filename", "Size MiB (vmsn)",
                                                     "Size MiB (total)"]))
               for r in sheets[s][1] for c in cols if r[c] is not None]
    check("demo lab: device columns Vigie does not read stay empty", not unknown, unknown[:4])
    rc, out, err = run(conf, "backups", "--format", "json", timeout=240)
    backups = json.loads(out)
    check("demo lab: the power states are RVTools' spellings",
          {r["Powerstate"] for r in rows} <= {"poweredOn", "poweredOff", "suspended", None} and
          "poweredOn" in {r["Powerstate"] for r in rows})

    coverage = {(c["endpoint"], c["instance_id"], c["project"]): c for c in backups["coverage"]}
    wrong = []
    for key, row in got.items():
        c = coverage.get(key)
        last = c["last_backup"].replace("T", " ").rstrip("Z") if c and c["last_backup"] else None
        if c is None and str(row.get("Template")) == "True":
            # A template is never a guest to protect: no coverage row, and
            # its backup cells stay empty (issue 14).
            if row["Backup status"] is not None or row["Last backup"] is not None:
                wrong.append((key, row["Backup status"], row["Last backup"], "template", None))
        elif c is None or row["Backup status"] != c["status"] or row["Last backup"] != last:
            wrong.append((key, row["Backup status"], row["Last backup"], c and c["status"], last))
    check("demo lab: Backup status and Last backup equal vigiectl backups", not wrong, wrong[:5])
    check("demo lab: some VM protected, some not",
          {"protected", "unprotected"} <= {r["Backup status"] for r in rows})

    check("demo lab: SRM Placeholder False off vSphere, empty on it",
          all(r["SRM Placeholder"] == ("False" if r["Datacenter"] != "lab-esxi" else None)
              for r in rows))
    types = {r["Datacenter"]: r["VI SDK Server type"] for r in rows}
    check("demo lab: honest VI SDK Server type",
          types.get("lab-esxi") in ("HostAgent", "VirtualCenter") and
          types.get("lab-proxmox") == "Proxmox VE" and types.get("lab-incus") != "HostAgent",
          types)
    servers = {r["Datacenter"]: r["VI SDK Server"] for r in rows}
    check("demo lab: VM + VI SDK Server is a key", len(set(servers.values())) == len(servers) and
          len({(r["VM ID"], r["Folder"], r["VI SDK Server"]) for r in rows}) == len(rows), servers)

    hosts = sheets["vHost"][1]
    want_hosts = {(e["name"], h["name"]) for e in inventory["endpoints"]
                  if e["kind"] in ("esxi", "proxmox", "incus") for h in e["hosts"]}
    check("demo lab: one vHost row per host",
          {(h["Datacenter"], h["Host"]) for h in hosts} == want_hosts and
          len(hosts) == len(want_hosts), hosts[:2])
    check("demo lab: vSource names every hypervisor endpoint", len(sheets["vSource"][1]) == 3)

    directory = os.path.join(tmp, "lab-csv")
    rc, out, err = run(conf, "export", "--format", "rvtools-csv", "--output", directory,
                       "--endpoint", "lab-proxmox", timeout=240)
    with open(os.path.join(directory, "RVTools_tabvInfo.csv"), newline="") as f:
        csv_rows = list(csv.DictReader(f))
    pve = [k for k in expected if k[0] == "lab-proxmox"]
    check("demo lab csv --endpoint lab-proxmox: its rows only, with backup coverage",
          rc == 0 and len(csv_rows) == len(pve) and
          all(r["Datacenter"] == "lab-proxmox" and
              (r["Backup status"] or r["Template"] == "True") for r in csv_rows) and
          any(r["Backup status"] for r in csv_rows),
          "%d %s %d" % (rc, err, len(csv_rows)))
    check("demo lab csv: Memory written as a plain number",
          all(r["Memory"] == "" or r["Memory"].isdigit() for r in csv_rows))
    pve_sheets = {}
    for sheet in ("vDisk", "vNetwork", "vSnapshot"):
        with open(os.path.join(directory, "RVTools_tab%s.csv" % sheet), newline="") as f:
            pve_sheets[sheet] = list(csv.DictReader(f))
    want = {s: [r for r in sheets[s][1] if r["Datacenter"] == "lab-proxmox"]
            for s in pve_sheets}
    check("demo lab csv: vDisk, vNetwork and vSnapshot rows as in the workbook",
          all(len(pve_sheets[s]) == len(want[s]) > 0 for s in pve_sheets) and
          [r["Disk Path"] for r in pve_sheets["vDisk"]] ==
          [r["Disk Path"] for r in want["vDisk"]] and
          [r["Capacity MiB"] for r in pve_sheets["vDisk"]] ==
          [str(r["Capacity MiB"]) if r["Capacity MiB"] is not None else ""
           for r in want["vDisk"]],
          {s: (len(pve_sheets[s]), len(want[s])) for s in pve_sheets})


def lab(tmp):
    """The demo lab, when a Secret Service can hold its secrets."""
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return "no session bus"
    return with_lab(tmp, lambda conf: compare_lab(conf, tmp))


def hostile(tmp):
    """Names that are formulas, escapes, markup: text cells, never formulas."""
    server = hostile_incus.HostileIncus()
    try:
        server.write_config(tmp)
        path = os.path.join(tmp, "hostile.xlsx")
        rc, out, err = run(tmp, "export", "--format", "rvtools-xlsx", "--output", path)
        check("hostile names: exit 0", rc == 0, err)
        workbook = openpyxl.load_workbook(path)
        cells = [c for ws in workbook for row in ws.iter_rows() for c in row
                 if c.value is not None]
        check("hostile names xlsx: no formula cell", all(c.data_type != "f" for c in cells),
              [c.value for c in cells if c.data_type == "f"])
        names = [r[0].value for r in workbook["vInfo"].iter_rows(min_row=2)]
        check("hostile names xlsx: the formula-like name kept as text",
              hostile_incus.FORMULA in names and hostile_incus.NEGATIVE in names, names)

        directory = os.path.join(tmp, "hostile-csv")
        rc, out, err = run(tmp, "export", "--format", "rvtools-csv", "--output", directory)
        with open(os.path.join(directory, "RVTools_tabvInfo.csv"), newline="") as f:
            rows = list(csv.reader(f))
        starts = [c for r in rows for c in r if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
        check("hostile names csv: no cell starts a formula", rc == 0 and rows and not starts,
              starts)
        check("hostile names csv: formulas quoted as text",
              "'" + hostile_incus.FORMULA in [r[0] for r in rows[1:]], rows[1:3])
    finally:
        server.stop()


def vcsim(tmp):
    """govmomi's vcsim (tests/lab/vcsim-up.sh), as an ESXi host and as a vCenter."""
    def body(conf):
        sheets, inventory, expected, got = compare_inventory(conf, tmp, "vcsim",
                                                             ["sim-esx", "sim-vc"])
        rows = sheets["vInfo"][1]
        counts = {e: sum(1 for k in expected if k[0] == e) for e in ("sim-esx", "sim-vc")}
        want = {"sim-esx": int(os.environ.get("VIGIE_VCSIM_ESX_VMS", "0")),
                "sim-vc": int(os.environ.get("VIGIE_VCSIM_VC_VMS", "0"))}
        check("vcsim: every simulated VM exported", counts == want, (counts, want))
        compare_devices("vcsim", sheets, expected)
        types = {r["Datacenter"]: r["VI SDK Server type"] for r in rows}
        check("vcsim: VI SDK Server type is vSphere's apiType",
              types == {"sim-esx": "HostAgent", "sim-vc": "VirtualCenter"}, types)
        clusters = {r["Cluster"] for r in rows if r["Datacenter"] == "sim-vc"}
        check("vcsim: vCenter VMs carry their cluster", len(clusters - {None}) >= 2, clusters)

    return with_vcsim(tmp, body)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        shape(os.path.join(tmp))
    with tempfile.TemporaryDirectory() as tmp:
        bad_usage(tmp)
        down(tmp)
    with tempfile.TemporaryDirectory() as tmp:
        hostile(tmp)
    return run_lab_then_vcsim(lab, vcsim)


if __name__ == "__main__":
    sys.exit(main())
