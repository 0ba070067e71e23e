#!/usr/bin/env python3
# test-history-cli.py — `vigiectl inventory --since` on the demo lab: each
# run is recorded, a stopped guest and a removed endpoint show up as
# changes in every format, a filtered run is neither recorded nor reports
# other endpoints, bad times and an empty history are clear errors.
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import io
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from keyring import have_secret_service, reexec_in_private_session  # noqa: E402
from labtap import check, report, with_lab  # noqa: E402

VIGIECTL = os.environ.get("VIGIECTL", "vigiectl")
INNER = "VIGIE_HISTORY_TEST_INNER"


def run(conf, *args, lang="C.UTF-8", now=None):
    env = dict(os.environ, LC_ALL=lang)
    env.pop("LANGUAGE", None)
    if now:
        env["VIGIE_NOW"] = now
    proc = subprocess.run([VIGIECTL, "--config-dir", conf, "--timeout", "60", *args],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env,
                          timeout=180)
    return proc.returncode, proc.stdout, proc.stderr


def snapshots(conf):
    d = os.path.join(conf, "history")
    return sorted(os.listdir(d)) if os.path.isdir(d) else []


def bad_usage(tmp):
    conf = os.path.join(tmp, "usage")
    os.mkdir(conf)
    with open(os.path.join(conf, "endpoints.conf"), "w") as f:
        f.write("[endpoint 11111111-1111-1111-1111-111111111111]\n"
                "name=pve\nkind=proxmox\nurl=https://127.0.0.1:1\n")
    rc, out, err = run(conf, "inventory", "--since", "3x")
    check("a time that is not one: exit 1, says what is accepted",
          rc == 1 and out == "" and "36h" in err and "2026-12-01" in err, (rc, out, err))
    rc, out, err = run(conf, "inventory", "--since", "last")
    check("nothing recorded yet: exit 1 and a message saying how to start",
          rc == 1 and out == "" and "--since" in err, (rc, out, err))
    rc, out, err = run(conf, "inventory", "--since", "1d", lang="fr_FR.UTF-8")
    check("French: the empty history message is translated",
          rc == 1 and "inventaire" in err, err)


def body(conf):
    # 1. A complete run is recorded, privately.
    rc, out, err = run(conf, "inventory", "--format", "json", now="2026-12-06T08:00:00Z")
    check("inventory: exit 0", rc == 0, (rc, err))
    inv = json.loads(out)
    names = sorted(e["name"] for e in inv["endpoints"])
    files = snapshots(conf)
    check("the run is recorded as one snapshot", files == ["inventory-001796544000.json"], files)
    path = os.path.join(conf, "history", files[0]) if files else None
    check("the snapshot is private (0600)",
          path and (os.stat(path).st_mode & 0o777) == 0o600)

    # 2. A filtered run is not recorded.
    run(conf, "inventory", "--endpoint", "lab-esxi", now="2026-12-06T08:30:00Z")
    check("a run with --endpoint is not recorded", len(snapshots(conf)) == 1, snapshots(conf))

    # 3. Nothing changed yet.
    rc, out, err = run(conf, "inventory", "--since", "last", now="2026-12-06T09:00:00Z")
    check("nothing changed: exit 0 and says so with the base's time",
          rc == 0 and "Nothing changed" in out and "2026-12-06T08:00:00Z" in out, (rc, out, err))

    # 4. Stop a running guest, remove an endpoint: both are reported.
    running = [i for e in inv["endpoints"] if e["name"] == "lab-proxmox"
               for i in e["instances"] if i["state"] == "running" and not i.get("template")]
    check("the lab has a running Proxmox guest", running)
    if not running:
        return
    guest = running[0]
    rc, out, err = run(conf, "action", "stop", "--yes", "lab-proxmox/" + guest["id"])
    check("stop the guest", rc == 0, (rc, out, err))
    rc, out, err = run(conf, "endpoint", "remove", "lab-veeam")
    check("remove lab-veeam", rc == 0, (rc, out, err))

    rc, out, err = run(conf, "inventory", "--since", "2026-12-06T08:15:00Z", "--format", "json",
                       now="2026-12-06T10:00:00Z")
    check("--since as a time: exit 0", rc == 0, (rc, err))
    doc = json.loads(out) if rc == 0 else {"changes": []}
    check("JSON: schema and the base it compared with",
          doc.get("schema") == "vigie.changes/1" and
          doc.get("compared_with") == "2026-12-06T08:00:00Z", doc)
    changes = doc["changes"]
    stopped = [c for c in changes if c["change"] == "state" and c["endpoint"] == "lab-proxmox"
               and c["id"] == guest["id"]]
    check("the stopped guest: running → stopped, with its name",
          len(stopped) == 1 and stopped[0]["from"] == "running" and
          stopped[0]["to"] == "stopped" and stopped[0]["name"] == guest["name"], changes)
    check("the removed endpoint", any(c["change"] == "endpoint-removed" and
                                      c["endpoint"] == "lab-veeam" for c in changes), changes)
    check("no other change", len(changes) == 2, changes)

    # 5. The same in CSV, the table, Markdown and French.
    rc, out, err = run(conf, "inventory", "--since", "90m", "--format", "csv",
                       now="2026-12-06T10:30:00Z")
    rows = list(csv.DictReader(io.StringIO(out)))
    kinds = {(r["change"], r["endpoint"]) for r in rows}
    check("CSV: header and the same two changes",
          rc == 0 and {("state", "lab-proxmox"), ("endpoint-removed", "lab-veeam")} <= kinds,
          out)
    # This base (09:00) looked at backups and so does this run: the ESXi VMs
    # that only the lab's Veeam protected have lost their coverage.
    lost = [r for r in rows if r["change"] == "coverage-lost"]
    check("CSV: coverage lost with Veeam, from protected, ESXi VMs only",
          lost and all(r["endpoint"] == "lab-esxi" and r["from"] == "protected" and
                       r["to"] in ("unprotected", "stale", "failed") for r in lost) and
          len(rows) == 2 + len(lost), out)
    rc, out, err = run(conf, "inventory", "--since", "2026-12-06T08:15:00Z",
                       now="2026-12-06T10:45:00Z")
    check("table: a header and a line for the stopped guest",
          rc == 0 and out.startswith("CHANGE") and "State changed" in out and
          guest["name"] in out, out)
    rc, out, err = run(conf, "inventory", "--since", "2026-12-06T08:15:00Z", "--format",
                       "markdown", "--lang", "fr", now="2026-12-06T11:00:00Z")
    check("Markdown in French: title and a table row",
          rc == 0 and "Ce qui a changé" in out and "| " in out and "lab-veeam" in out, out)

    # 6. --endpoint limits the report to that endpoint.
    rc, out, err = run(conf, "inventory", "--since", "2026-12-06T08:15:00Z", "--endpoint",
                       "lab-esxi", "--format", "json", now="2026-12-06T11:30:00Z")
    check("--endpoint: only that endpoint's changes (none here)",
          rc == 0 and json.loads(out)["changes"] == [], out)
    check("every complete run since then was recorded",
          len(snapshots(conf)) == 6 and names, snapshots(conf))


def main():
    if not os.environ.get(INNER) and not have_secret_service():
        rc = reexec_in_private_session(__file__, INNER)
        if rc is not None:
            return rc
    with tempfile.TemporaryDirectory() as tmp:
        bad_usage(tmp)
        # The lab dates its backups from the base run's time: against the
        # real clock, which ESXi VMs count as protected at 09:00 and 10:30
        # would depend on the hour the suite runs.
        skipped = with_lab(tmp, body, now="2026-12-06T08:00:00Z")
        if skipped and os.environ.get("VIGIE_REQUIRE_SECRET_SERVICE") == "1":
            check("demo lab", False, skipped)
    return report([("demo lab", skipped)])


if __name__ == "__main__":
    sys.exit(main())
