#!/usr/bin/env python3
# test-reports-cli.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# vigiectl inventory and vigiectl backups as reports: Markdown table shape,
# well-formed self-contained HTML, PDF pages and text, French headings with
# --lang fr, pdf without --output, and JSON/CSV unchanged by the new options.
# The content checks use the demo lab when a Secret Service is there. TAP.

import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labtap import check, report, with_lab  # noqa: E402

VIGIECTL = os.environ.get("VIGIECTL", "vigiectl")
NOW = "2026-12-06T12:00:00Z"

def run(config_dir, command, *args, timeout=240):
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="", VIGIE_NOW=NOW)
    proc = subprocess.run([VIGIECTL, "--config-dir", config_dir, "--timeout", "60", command,
                           *args], capture_output=True, text=True, env=env, timeout=timeout)
    return proc.returncode, proc.stdout, proc.stderr


def markdown_tables(text):
    blocks, current = [], []
    for line in text.splitlines() + [""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    return blocks


def tables_well_shaped(blocks):
    def pipes(line):
        return len(re.findall(r"(?<!\\)\|", line))

    return all(len(b) >= 2 and re.fullmatch(r"\|(---\|)+", b[1]) and
               all(pipes(line) == pipes(b[0]) for line in b) for b in blocks)


def html_ok(name, path, needles):
    with open(path) as f:
        text = f.read()
    check("%s html: self-contained, headings" % name,
          "<style>" in text and "src=" not in text and "<link" not in text and
          all(n in text for n in needles), text[:400])
    if shutil.which("xmllint"):
        lint = subprocess.run(["xmllint", "--html", "--noout", path], capture_output=True,
                              text=True)
        check("%s html: well formed (xmllint --html)" % name,
              lint.returncode == 0 and lint.stderr == "", lint.stderr)


def pdf_text(path):
    if not (shutil.which("pdfinfo") and shutil.which("pdftotext")):
        return None, None
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    pages = int([l.split()[-1] for l in info.splitlines() if l.startswith("Pages:")][0])
    text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True).stdout
    check("%s: A4" % os.path.basename(path), "595.28 x 841.89" in info, info)
    return pages, text


def no_endpoint(empty, tmp):
    """Formats and usage without any endpoint."""
    for command, title in (("inventory", "Inventory report"),
                           ("backups", "Backup coverage report")):
        rc, out, err = run(empty, command, "--format", "markdown")
        check("%s markdown without endpoints: title, date" % command,
              rc == 0 and out.startswith("# %s\n" % title) and
              "Generated: 2026-12-06" in out, out[:300] + err)
        rc, out, err = run(empty, command, "--format", "pdf")
        check("%s pdf without --output: exit 1" % command,
              rc == 1 and "--output" in err and out == "", err)
        for bad in (["--format", "xml"], ["--lang", "de"], ["extra"]):
            rc, out, err = run(empty, command, *bad)
            check("%s bad usage %s: exit 1" % (command, " ".join(bad)), rc == 1 and err != "",
                  err)
        rc, out, err = run(empty, command, "--format", "markdown", "--lang", "fr")
        check("%s --lang fr: French title" % command,
              rc == 0 and out.startswith("# Rapport ") and "Produit le" in out, out[:300])
        pdf = os.path.join(tmp, "empty-%s.pdf" % command)
        rc, out, err = run(empty, command, "--format", "pdf", "--output", pdf)
        pages, text = pdf_text(pdf)
        check("%s pdf without endpoints: one page, title, page number" % command,
              rc == 0 and (text is None or (pages == 1 and title in text and "Page 1" in text)),
              "%s %s" % (err, text))


def lab_reports(conf, tmp):
    # Inventory.
    rc, out, err = run(conf, "inventory", "--format", "markdown")
    blocks = markdown_tables(out)
    check("lab inventory markdown: exit 0, endpoints + hosts and instances per endpoint",
          rc == 0 and len(blocks) == 1 + 2 * 5 and tables_well_shaped(blocks),
          "%d %s %s" % (len(blocks), err, out[:600]))
    check("lab inventory markdown: endpoint table with support status and end date",
          blocks and blocks[0][0].startswith("| ENDPOINT | KIND | STATUS | PRODUCT | VERSION "
                                             "| SUPPORT |") and
          any(re.search(r"\| (supported|ending-soon|end-of-support) \d{4}-\d\d-\d\d", l)
              for l in blocks[0]), blocks[:1])
    check("lab inventory markdown: a section per endpoint",
          all("\n## %s\n" % e in out for e in
              ("lab-esxi", "lab-proxmox", "lab-incus", "lab-pbs", "lab-veeam")), out[:600])
    rc, table_out, err = run(conf, "inventory")
    check("lab inventory table still the table view",
          rc == 0 and table_out.startswith("ENDPOINT") and not table_out.startswith("#"))

    html = os.path.join(tmp, "inventory.html")
    rc, out, err = run(conf, "inventory", "--format", "html", "--output", html)
    check("lab inventory html: written to --output only", rc == 0 and out == "", err)
    html_ok("lab inventory", html, ["<h1>Inventory report</h1>", "<h2>lab-proxmox</h2>",
                                    "<th>SUPPORT</th>"])

    pdf = os.path.join(tmp, "inventory.pdf")
    rc, out, err = run(conf, "inventory", "--format", "pdf", "--output", pdf, "--lang", "fr")
    pages, text = pdf_text(pdf)
    check("lab inventory pdf --lang fr: written", rc == 0 and os.path.getsize(pdf) > 1000, err)
    if text is not None:
        check("lab inventory pdf: French title, endpoints, instances, page numbers",
              "Rapport d’inventaire" in text and "lab-proxmox" in text and
              "Produit le" in text and "Page %d" % pages in text, text[:600])

    # Backups.
    rc, out, err = run(conf, "backups", "--format", "markdown")
    blocks = markdown_tables(out)
    check("lab backups markdown: summary, instances and jobs tables",
          rc == 0 and len(blocks) == 2 and tables_well_shaped(blocks) and
          re.search(r"\d+ instances: \d+ protected, \d+ stale, \d+ unprotected, \d+ failed", out)
          and "## Jobs" in out and "Recovery point objective: 24 hours" in out,
          "%s %s" % (err, out[:600]))
    rc, csv_out, err = run(conf, "backups", "--format", "csv", "--lang", "fr")
    check("lab backups csv: the contract header whatever --lang",
          rc == 0 and csv_out.startswith("endpoint,instance_id,instance_name,"), csv_out[:200])

    html = os.path.join(tmp, "backups.html")
    rc, out, err = run(conf, "backups", "--format", "html", "--output", html, "--lang", "fr")
    check("lab backups html --lang fr: written", rc == 0 and out == "", err)
    html_ok("lab backups", html, ['<html lang="fr">', "<h1>Rapport de couverture des sauvegardes"])

    pdf = os.path.join(tmp, "backups.pdf")
    rc, out, err = run(conf, "backups", "--format", "pdf", "--output", pdf)
    pages, text = pdf_text(pdf)
    check("lab backups pdf: written", rc == 0 and os.path.getsize(pdf) > 1000, err)
    if text is not None:
        check("lab backups pdf: summary, instances, jobs, page numbers",
              "Backup coverage report" in text and "protected" in text and
              "Jobs" in text and "Page %d" % pages in text, text[:600])


def lab(tmp):
    """The demo lab, when a Secret Service can hold its secrets."""
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return "no session bus"
    return with_lab(tmp, lambda conf: lab_reports(conf, tmp))


def main():
    with tempfile.TemporaryDirectory() as empty, tempfile.TemporaryDirectory() as tmp:
        no_endpoint(empty, tmp)
        skipped = lab(tmp)
        if skipped and os.environ.get("VIGIE_REQUIRE_SECRET_SERVICE") == "1":
            check("demo lab", False, skipped)

    return report([("demo lab", skipped)])


if __name__ == "__main__":
    raise SystemExit(main())
