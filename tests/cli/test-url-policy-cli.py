#!/usr/bin/env python3
# test-url-policy-cli.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Which addresses `vigiectl endpoint add` and `endpoint import` take: plain
# http:// to another computer is refused (exit 1, the reason on stderr,
# nothing saved); to this computer it is accepted. And `endpoint export
# --help` prints help instead of writing a file named "--help".
# No keyring needed: nothing here stores a secret.

import json
import os
import shutil
import subprocess
import sys
import tempfile

VIGIECTL = os.environ.get("VIGIECTL", "vigiectl")


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def run(self, name, func, *args):
        self.n += 1
        try:
            func(*args)
        except Exception as e:  # noqa: BLE001 - report every failure as TAP
            self.failed += 1
            print(f"not ok {self.n} {name}")
            for line in str(e).splitlines() or [repr(e)]:
                print(f"# {line}")
        else:
            print(f"ok {self.n} {name}")
        sys.stdout.flush()


def check(cond, message):
    if not cond:
        raise AssertionError(message)


def run(config_dir, *args, cwd=None, lang="C.UTF-8"):
    env = dict(os.environ, LC_ALL=lang)
    env.pop("LANGUAGE", None)
    return subprocess.run([VIGIECTL, "--config-dir", config_dir, *args], capture_output=True,
                          text=True, env=env, timeout=60, cwd=cwd, stdin=subprocess.DEVNULL)


def names(config_dir):
    r = run(config_dir, "endpoint", "list", "--format", "json")
    check(r.returncode == 0, f"list: exit {r.returncode} {r.stderr!r}")
    return [e["name"] for e in json.loads(r.stdout)["endpoints"]]


def test_add_plain_http(tmp):
    config = os.path.join(tmp, "add")
    for url in ("http://10.0.0.1", "http://10.0.0.1:8006", "http://pve.example.org"):
        r = run(config, "endpoint", "add", "remote", "--kind", "proxmox", "--url", url,
                "--no-verify")
        check(r.returncode == 1, f"{url}: exit {r.returncode}, want 1; {r.stderr!r}")
        check("http://" in r.stderr and "https://" in r.stderr,
              f"{url}: the reason does not say why: {r.stderr!r}")
        check(len(r.stderr.strip().splitlines()) == 1, f"{url}: not one line: {r.stderr!r}")
    check(not os.path.exists(os.path.join(config, "endpoints.conf")),
          "a refused add saved something")
    for i, url in enumerate(("http://127.0.0.1:8006", "http://localhost:8443",
                             "http://[::1]:8007", "https://10.0.0.1:8006")):
        r = run(config, "endpoint", "add", f"ok-{i}", "--kind", "proxmox", "--url", url,
                "--no-verify")
        check(r.returncode == 0, f"{url}: exit {r.returncode}; {r.stderr!r}")
    check(names(config) == ["ok-0", "ok-1", "ok-2", "ok-3"], f"saved: {names(config)}")


def test_add_plain_http_french(tmp):
    r = run(os.path.join(tmp, "fr"), "endpoint", "add", "remote", "--kind", "proxmox", "--url",
            "http://10.0.0.1", "--no-verify", lang="fr_FR.UTF-8")
    check(r.returncode == 1, f"exit {r.returncode}")
    locales = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
    if "fr_fr.utf8" in locales:
        check("chiffr" in r.stderr, f"the reason is not in French: {r.stderr!r}")


IMPORT_TEMPLATE = """[endpoint 0b7a3f7e-0000-4000-8000-000000000001]
name=local
kind=proxmox
url=https://127.0.0.1:8006

[endpoint 0b7a3f7e-0000-4000-8000-000000000002]
name=remote
kind=pbs
url={url}
"""


def test_import_plain_http(tmp):
    config = os.path.join(tmp, "import")
    bad = os.path.join(tmp, "bad.conf")
    with open(bad, "w") as f:
        f.write(IMPORT_TEMPLATE.format(url="http://10.0.0.1:8007"))
    r = run(config, "endpoint", "import", bad)
    check(r.returncode == 1, f"exit {r.returncode}, want 1; {r.stderr!r}")
    check("remote" in r.stderr and "http://10.0.0.1:8007" in r.stderr,
          f"the reason does not name the endpoint and address: {r.stderr!r}")
    check(names(config) == [], "a refused import added endpoints")

    good = os.path.join(tmp, "good.conf")
    with open(good, "w") as f:
        f.write(IMPORT_TEMPLATE.format(url="http://127.0.0.1:8007"))
    r = run(config, "endpoint", "import", good)
    check(r.returncode == 0, f"exit {r.returncode}; {r.stderr!r}")
    check(names(config) == ["local", "remote"], f"imported: {names(config)}")


def test_export_help(tmp):
    work = os.path.join(tmp, "help")
    os.makedirs(work)
    config = os.path.join(tmp, "help-config")
    for args in (["endpoint", "export", "--help"], ["endpoint", "export", "-h"],
                 ["endpoint", "import", "--help"], ["endpoint", "remove", "--help"]):
        r = run(config, *args, cwd=work)
        check(r.returncode == 0, f"{args}: exit {r.returncode}; {r.stderr!r}")
        check("vigiectl endpoint export FILE" in r.stdout, f"{args}: no usage: {r.stdout!r}")
    r = run(config, "endpoint", "export", "--bogus", cwd=work)
    check(r.returncode == 1 and "--bogus" in r.stderr, f"--bogus: {r.returncode} {r.stderr!r}")
    check(os.listdir(work) == [], f"files were written: {os.listdir(work)}")
    # `--` ends the options: a file whose name starts with a dash.
    r = run(config, "endpoint", "export", "--", "-dash.conf", cwd=work)
    check(r.returncode == 0, f"export -- -dash.conf: {r.returncode} {r.stderr!r}")
    check(os.listdir(work) == ["-dash.conf"], f"files: {os.listdir(work)}")


def main():
    tap = Tap()
    tests = [test_add_plain_http, test_add_plain_http_french, test_import_plain_http,
             test_export_help]
    print(f"1..{len(tests)}")
    tmp = tempfile.mkdtemp(prefix="vigie-url-cli-")
    try:
        for t in tests:
            tap.run(t.__name__, t, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main())
