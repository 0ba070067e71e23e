#!/usr/bin/env python3
"""TAP: the GTK-free layers include only their own headers and those below them.

The include paths already make a wrong include fail to compile (src/meson.build
probes that at every setup); this catches what a path cannot: an include
spelled relative to another layer ("../lab/vigie-lab.h"), a GTK header, and a
meson.build that hands a layer a dependency above it.
"""
import os
import re
import sys

root = sys.argv[1]
src = os.path.join(root, "src")
# layer -> the layers whose headers it may include (itself first)
allowed = {
    "core": ["core"],
    "backends": ["backends", "core"],
    "lab": ["lab", "core"],
}
gui = re.compile(r"^(gtk/|gdk/|adwaita\.h|vte/)")
include = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]')
# meson names a layer's build file must not use
above = {
    "core": ["libvigie_backends", "backends_inc", "libvigie_lab", "lab_inc",
             "gtk_dep", "adw_dep", "vte_dep", "ui_deps"],
    "backends": ["libvigie_lab", "lab_inc", "gtk_dep", "adw_dep", "vte_dep", "ui_deps"],
    "lab": ["libvigie_backends", "backends_inc", "gtk_dep", "adw_dep", "vte_dep", "ui_deps"],
}


def layer_of(path):
    rel = os.path.relpath(os.path.realpath(path), os.path.realpath(src))
    top = rel.split(os.sep)[0]
    return top if not rel.startswith("..") else None


def resolve(name, directory, layer):
    """The file a quoted include names, as the compiler would find it."""
    candidates = [os.path.join(directory, name)]
    candidates += [os.path.join(src, other, name) for other in allowed[layer]]
    # the same name anywhere else, to say which layer it belongs to
    for dirpath, _, files in os.walk(src):
        if os.path.basename(name) in files:
            candidates.append(os.path.join(dirpath, os.path.basename(name)))
    for c in candidates:
        if os.path.isfile(c):
            return c
    return None


checks = []
for layer, ok_layers in allowed.items():
    problems = []
    for dirpath, _, files in os.walk(os.path.join(src, layer)):
        for f in sorted(files):
            if not f.endswith((".c", ".h")):
                continue
            path = os.path.join(dirpath, f)
            with open(path, encoding="utf-8") as fh:
                for number, line in enumerate(fh, 1):
                    m = include.match(line)
                    if not m:
                        continue
                    where = "%s:%d" % (os.path.relpath(path, root), number)
                    kind, name = m.groups()
                    if kind == "<":
                        if gui.match(name):
                            problems.append("%s includes <%s> (GTK)" % (where, name))
                        continue
                    if ".." in name.split("/"):
                        problems.append('%s includes "%s" (a path out of its directory)'
                                        % (where, name))
                        continue
                    # generated in the build tree: config.h, GResources, enum GTypes
                    if name == "config.h" or name.endswith(("-resources.h", "-enum-types.h")):
                        continue
                    found = resolve(name, dirpath, layer)
                    if found is None:
                        problems.append('%s includes "%s", not found' % (where, name))
                    elif layer_of(found) not in ok_layers:
                        problems.append('%s includes "%s" from the %s layer'
                                        % (where, name, layer_of(found)))
    checks.append(("%s includes only %s headers" % (layer, " and ".join(ok_layers)), problems))

    build = os.path.join(src, layer, "meson.build")
    with open(build, encoding="utf-8") as fh:
        text = re.sub(r"#.*", "", fh.read())
    bad = [name for name in above[layer] if re.search(r"\b%s\b" % re.escape(name), text)]
    checks.append(("src/%s/meson.build uses no layer above it nor GTK" % layer,
                   ["src/%s/meson.build names %s" % (layer, b) for b in bad]))

with open(os.path.join(src, "meson.build"), encoding="utf-8") as fh:
    text = fh.read()
m = re.search(r"core_deps\s*=\s*\[([^\]]*)\]", text)
deps = m.group(1) if m else ""
checks.append(("core_deps has no GTK, libadwaita or VTE",
               ["core_deps: %s" % d for d in ("gtk_dep", "adw_dep", "vte_dep", "ui_deps")
                if d in deps] + ([] if m else ["core_deps not found in src/meson.build"])))

print("1..%d" % len(checks))
failed = 0
for i, (name, problems) in enumerate(checks, 1):
    if problems:
        failed += 1
        print("not ok %d - %s" % (i, name))
        for p in problems:
            print("# %s" % p)
    else:
        print("ok %d - %s" % (i, name))
sys.exit(1 if failed else 0)
