# keyring.py — shared by the CLI tests that need a Secret Service: is one on
# the session bus, and running the calling script again inside a private
# D-Bus session with an unlocked throwaway gnome-keyring.
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import subprocess
import sys
import tempfile

_SCRIPT = ('echo throwaway | gnome-keyring-daemon --foreground --unlock '
           '--components=secrets >/dev/null 2>&1 & kp=$!; '
           'gdbus wait --session --timeout 15 org.freedesktop.secrets >/dev/null 2>&1; '
           '"$0" "$1"; rc=$?; kill $kp; exit $rc')


def have_secret_service():
    """Whether org.freedesktop.secrets has an owner on the session bus."""
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS") or not shutil.which("gdbus"):
        return False
    r = subprocess.run(["gdbus", "call", "--session", "--dest", "org.freedesktop.DBus",
                        "--object-path", "/org/freedesktop/DBus",
                        "--method", "org.freedesktop.DBus.NameHasOwner",
                        "org.freedesktop.secrets"],
                       capture_output=True, text=True, timeout=10)
    return r.returncode == 0 and "true" in r.stdout


def reexec_in_private_session(script, inner, private_xdg=False, root_var=None):
    """Runs @script again inside dbus-run-session with an unlocked throwaway
    gnome-keyring and @inner set in its environment; returns its exit
    status, or None when this is already the inner run or the tools are
    missing. With @private_xdg the config, cache and state directories are private
    too and the session bus of the caller is not inherited; @root_var, if
    given, names a variable that receives the private root directory."""
    if os.environ.get(inner) or not shutil.which("dbus-run-session") or \
            not shutil.which("gnome-keyring-daemon"):
        return None
    tmp = tempfile.mkdtemp(prefix="vigie-keyring-")
    runtime = os.path.join(tmp, "run")
    os.makedirs(runtime, mode=0o700)
    env = dict(os.environ, XDG_RUNTIME_DIR=runtime, XDG_DATA_HOME=os.path.join(tmp, "data"))
    if private_xdg:
        env.update(XDG_CONFIG_HOME=os.path.join(tmp, "config"),
                   XDG_CACHE_HOME=os.path.join(tmp, "cache"),
                   XDG_STATE_HOME=os.path.join(tmp, "state"))
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    if root_var:
        env[root_var] = tmp
    env[inner] = "1"
    try:
        return subprocess.run(["dbus-run-session", "--", "sh", "-c", _SCRIPT, sys.executable,
                               os.path.abspath(script)], env=env).returncode
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
