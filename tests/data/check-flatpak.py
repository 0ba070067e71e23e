#!/usr/bin/env python3
"""TAP: the Flatpak manifest parses and names the app id, command and sane permissions."""
import json
import sys

path = sys.argv[1]
checks = []
try:
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)
    checks.append(("manifest is valid JSON", True))
except (OSError, ValueError) as e:
    print("1..1\nnot ok 1 - manifest is valid JSON # %s" % e)
    sys.exit(1)

args = manifest.get("finish-args", [])
modules = manifest.get("modules", [])
names = [m.get("name") for m in modules if isinstance(m, dict)]
checks += [
    ("app id is io.github.vigie.Vigie", manifest.get("id") == "io.github.vigie.Vigie"),
    ("command is vigie", manifest.get("command") == "vigie"),
    ("runtime is the GNOME Platform", manifest.get("runtime") == "org.gnome.Platform"),
    ("network, ipc, wayland, fallback-x11 and dri are granted",
     all(a in args for a in ["--share=network", "--share=ipc", "--socket=wayland",
                             "--socket=fallback-x11", "--device=dri"])),
    ("no host filesystem access", not any(a.startswith("--filesystem=") for a in args)),
    ("no sandbox escape or keyring hole",
     not any("org.freedesktop.Flatpak" in a or "org.freedesktop.secrets" in a for a in args)),
    ("VTE for GTK 4 is built (the runtime lacks it)",
     "vte" in names and any("-Dgtk4=true" in m.get("config-opts", []) for m in modules
                            if isinstance(m, dict) and m.get("name") == "vte")),
    ("libxlsxwriter is built before Vigie (the runtime lacks it; the estate export needs it)",
     "libxlsxwriter" in names and names.index("libxlsxwriter") < names.index("vigie")
     if "vigie" in names else False),
    ("Vigie itself is the last module", names[-1:] == ["vigie"]),
]
print("1..%d" % len(checks))
failed = 0
for i, (name, ok) in enumerate(checks, 1):
    print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
    failed += not ok
sys.exit(1 if failed else 0)
