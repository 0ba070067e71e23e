#!/usr/bin/env python3
"""TAP: vigiectl's outside contract — help, version, usage errors, exit codes, JSON shape."""
import json
import os
import subprocess
import sys
import tempfile

VIGIECTL = os.environ["VIGIECTL"]
SRC = os.environ.get("VIGIE_SOURCE_ROOT", ".")
results = []


def run(*args, stdin=None, env=None):
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([VIGIECTL, *args], input=stdin, capture_output=True, text=True,
                          env=e, timeout=180)


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))


def validate(doc, schema_name):
    try:
        import jsonschema
    except ImportError:
        return True, "jsonschema not installed"
    with open(os.path.join(SRC, "docs", "contract", schema_name)) as f:
        schema = json.load(f)
    try:
        jsonschema.validate(doc, schema)
        return True, ""
    except jsonschema.ValidationError as e:
        return False, e.message


with tempfile.TemporaryDirectory() as tmp:
    env = {"LANGUAGE": "en", "LC_ALL": "C.UTF-8"}
    r = run("--help", env=env)
    check("--help exits 0", r.returncode == 0, r.stderr)
    for command in ["endpoint", "inventory", "backups", "compare", "lab"]:
        check("--help lists %s" % command, command in r.stdout)
    r = run("--version", env=env)
    check("--version prints the version", r.returncode == 0 and r.stdout.startswith("vigiectl "),
          r.stdout)
    r = run(env=env)
    check("no command is bad usage (exit 1)", r.returncode == 1)
    r = run("frobnicate", env=env)
    check("unknown command exits 1 and says so", r.returncode == 1 and "frobnicate" in r.stderr)
    r = run("--timeout", "soon", "inventory", env=env)
    check("a bad --timeout exits 1", r.returncode == 1)
    r = run("--config-dir", tmp, "inventory", "--format", "yaml", env=env)
    check("an unknown format exits 1", r.returncode == 1)
    r = run("--config-dir", tmp, "inventory", "--endpoint", "nope", env=env)
    check("an unknown endpoint exits 1", r.returncode == 1 and "nope" in r.stderr)
    r = run("--config-dir", tmp, "inventory", "--format", "json", env=env)
    doc = None
    try:
        doc = json.loads(r.stdout)
    except ValueError:
        pass
    check("inventory of no endpoint is a JSON document, exit 0",
          r.returncode == 0 and doc is not None and doc.get("schema") == "vigie.inventory/1"
          and doc.get("endpoints") == [], r.stdout + r.stderr)
    if doc is not None:
        ok, why = validate(doc, "inventory.schema.json")
        check("inventory JSON follows the contract's schema", ok, why)
    # An unreadable configuration is bad usage, and the damaged file is kept.
    os.makedirs(os.path.join(tmp, "bad"), exist_ok=True)
    with open(os.path.join(tmp, "bad", "endpoints.conf"), "w") as f:
        f.write("[endpoint x\nthis is not a keyfile\n")
    r = run("--config-dir", os.path.join(tmp, "bad"), "inventory", env=env)
    kept = [n for n in os.listdir(os.path.join(tmp, "bad")) if n.endswith(".bak")]
    check("a damaged endpoint list exits 1 and is kept aside",
          r.returncode == 1 and len(kept) == 1, r.stderr)
    r = run("--help", env={"LANGUAGE": "fr", "LC_ALL": "C.UTF-8"})
    check("vigiectl speaks French with LANGUAGE=fr", "Commandes" in r.stdout, r.stdout[:200])

print("1..%d" % len(results))
failed = 0
for i, (name, ok, detail) in enumerate(results, 1):
    print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
    if not ok and detail:
        for line in str(detail).splitlines()[:10]:
            print("# " + line)
    failed += not ok
sys.exit(1 if failed else 0)
