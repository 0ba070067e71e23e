#!/usr/bin/python3
# e2e_incus_enrol.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The Add Endpoint dialog of the real `vigie`, through the accessibility
# tree, enrolling with the real LXD of tests/lab/lxd-up.sh (VIGIE_LXD_*):
# kind Incus, address, trust token; Test Connection, then Save; the
# endpoint shows up connected in the sidebar, pinned, and the token is saved
# nowhere. A used token is refused in the dialog. Skipped without LXD unless
# VIGIE_REQUIRE_PEERS=1. Uses e2e_window.py's harness; needs a Secret
# Service (started in a private session when there is none). Prints TAP.

import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid

PLAN = 11
HERE = os.path.dirname(os.path.abspath(__file__))
REEXEC = "VIGIE_E2E_ENROL_SESSION"

KEY_TAB = 0xff09
KEY_RETURN = 0xff0d
KEY_DOWN = 0xff54


def skip_all(reason):
    print(f"1..0 # SKIP {reason}")
    sys.exit(0)


LXD_VARS = ("VIGIE_LXD_URL", "VIGIE_LXD_DIR", "VIGIE_LXD_FINGERPRINT")
if not all(os.environ.get(v) for v in LXD_VARS):
    if os.environ.get("VIGIE_REQUIRE_PEERS") == "1":
        print("1..1\nnot ok 1 - VIGIE_LXD_* is not set and VIGIE_REQUIRE_PEERS=1")
        sys.exit(1)
    skip_all("no LXD peer (run tests/lab/lxd-up.sh)")


def have_secret_service():
    if not shutil.which("gdbus") or "DBUS_SESSION_BUS_ADDRESS" not in os.environ:
        return False
    r = subprocess.run(["gdbus", "call", "--session", "--dest", "org.freedesktop.DBus",
                        "--object-path", "/org/freedesktop/DBus",
                        "--method", "org.freedesktop.DBus.NameHasOwner",
                        "org.freedesktop.secrets"],
                       capture_output=True, text=True, timeout=10)
    return r.returncode == 0 and "true" in r.stdout


# The app keeps the new key in the keyring: run in a private session with a
# throwaway one when there is none.
if not have_secret_service() and not os.environ.get(REEXEC) and \
        shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon"):
    scratch = tempfile.mkdtemp(prefix="vigie-e2e-keyring-")
    os.makedirs(os.path.join(scratch, "run"), mode=0o700)
    env = dict(os.environ, XDG_RUNTIME_DIR=os.path.join(scratch, "run"),
               XDG_DATA_HOME=os.path.join(scratch, "data"), VIGIE_E2E_REEXEC="1")
    env[REEXEC] = "1"
    wrapper = ('echo throwaway | gnome-keyring-daemon --foreground --unlock '
               '--components=secrets >/dev/null 2>&1 & kp=$!; '
               'gdbus wait --session --timeout 15 org.freedesktop.secrets >/dev/null 2>&1; '
               '"$0" "$1"; rc=$?; kill $kp; exit $rc')
    try:
        rc = subprocess.run(["dbus-run-session", "--", "sh", "-c", wrapper, sys.executable,
                             os.path.abspath(__file__)], env=env).returncode
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    sys.exit(rc)

sys.path.insert(0, HERE)
import e2e_window as e  # noqa: E402 - after the checks above; it may skip or re-exec
import pyatspi  # noqa: E402

if not have_secret_service():
    if os.environ.get("VIGIE_REQUIRE_SECRET_SERVICE") == "1":
        print("1..1\nnot ok 1 - VIGIE_REQUIRE_SECRET_SERVICE=1 but no Secret Service")
        sys.exit(1)
    skip_all("no Secret Service on the session bus")


def new_token():
    env = dict(os.environ, LXD_DIR=os.environ["VIGIE_LXD_DIR"])
    if os.environ.get("VIGIE_LXD_CONF"):
        env["LXD_CONF"] = os.environ["VIGIE_LXD_CONF"]
    client = "vigie-ui-" + uuid.uuid4().hex[:8]
    out = subprocess.run(["lxc", "config", "trust", "add", "--name", client, "-q"],
                         capture_output=True, text=True, env=env, timeout=60, check=True).stdout
    return [line.strip() for line in out.splitlines() if line.strip()][-1]


def key(keysym):
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)


def focused(root):
    return e.find(root, lambda a: a.getState().contains(pyatspi.STATE_FOCUSED))


def labels_under(acc):
    return [e.name(a) for a in e.walk(acc) if e.role(a) == "label"]


def choose_kind(app, dialog, product):
    """AdwComboRow has no accessible action: reach it with Tab, open it with
    Return, go down to the product and pick it with Return."""
    # Each Tab is waited for until the focus has moved, however loaded the
    # machine: pressing on regardless overshoots the Kind row.
    e.wait_for(lambda: focused(dialog), 30)
    for _ in range(12):
        now = focused(dialog)
        if now is not None and e.role(now) == "combo box" and e.name(now) == "Kind":
            break
        key(KEY_TAB)
        e.wait_for(lambda: focused(dialog) != now, 30)
    else:
        return False
    key(KEY_RETURN)
    item = e.wait_for(lambda: (lambda f: f if f is not None and e.role(f) == "list item"
                               else None)(focused(app.root)), 30)
    for _ in range(8):
        if item is None:
            return False
        if product in labels_under(item):
            key(KEY_RETURN)
            return e.wait_for(lambda: text_row(dialog, "Trust token") is not None, 30) is not None
        key(KEY_DOWN)
        previous = item
        item = e.wait_for(lambda: (lambda f: f if f is not None and f != previous
                                   and e.role(f) == "list item" else None)(focused(app.root)), 30)
    return False


def text_row(dialog, title):
    return e.find(dialog, lambda a: e.role(a) in ("text", "password text") and e.name(a) == title
                  and e.showing(a))


def set_text(dialog, title, text):
    row = text_row(dialog, title)
    if row is None:
        return False
    return row.queryEditableText().setTextContents(text)


def row_text(dialog, title):
    row = text_row(dialog, title)
    if row is None:
        return None
    text = row.queryText()
    return text.getText(0, text.characterCount)


# The status label while there is no result yet: GTK 4.8 names an empty
# label by its accessible label.
IDLE = ("", "Connection test result", "Connecting…")


def status_text(dialog):
    """The label after the Test Connection button (GTK 4.8 names a label by
    its text and gives it no Text interface)."""
    button = e.button_named(dialog, "Test Connection")
    try:
        box = button.parent
        labels = [box.getChildAtIndex(i) for i in range(box.childCount)]
        labels = [a for a in labels if e.role(a) == "label"]
        return e.name(labels[-1]) if labels else ""
    except Exception:
        return ""


def open_dialog(app, frame):
    add = e.button_named(frame, "Add an Endpoint") or \
        e.find(frame, lambda a: e.name(a) == "Add Endpoint" and e.role(a) == "push button")
    if add is None:
        return None
    e.click(add)
    return app.window("Add Endpoint")


def fill(app, dialog, name, token):
    return (choose_kind(app, dialog, "Incus")
            and set_text(dialog, "Name", name)
            and set_text(dialog, "Address", os.environ["VIGIE_LXD_URL"])
            and set_text(dialog, "Trust token", token))


def saved_names(config):
    """The endpoint names in the saved list. Saving is watched there, not in
    the accessibility tree: GTK 4.8 crashes answering a query about a window
    being destroyed."""
    try:
        with open(os.path.join(config, "endpoints.conf"), encoding="utf-8") as f:
            return [line[5:].strip() for line in f if line.startswith("name=")]
    except FileNotFoundError:
        return []


def sidebar_row(frame, name):
    """The endpoint's sidebar row once connected: its description is the
    version and the instance count (“5.0.2 · 12 instances”)."""
    def connected(acc):
        try:
            description = acc.description or ""
        except Exception:
            description = ""
        return e.name(acc) == name and " · " in description and "instance" in description
    return e.find(frame, connected)


def describe(frame, name):
    found = e.find(frame, lambda a: e.name(a) == name and e.role(a) == "list item")
    try:
        return f"{name}: {found.description!r}" if found is not None else f"no row {name}"
    except Exception as ex:
        return f"{name}: {ex}"


def main():
    if not e.begin(PLAN):
        return 1

    bus = e.start_bus()
    scratch = tempfile.mkdtemp(prefix="vigie-e2e-enrol-")
    config = os.path.join(scratch, "config")
    app = None
    try:
        time.sleep(0.5)
        token = new_token()
        app = e.App(config, {"LANGUAGE": "en", "LC_ALL": "C.UTF-8"})
        frame = app.window("Vigie")
        dialog = open_dialog(app, frame) if frame is not None else None
        e.check(dialog is not None, "the Add Endpoint dialog opens")
        if dialog is None:
            return 1

        e.check(fill(app, dialog, "lxd-ui", token) and row_text(dialog, "Trust token") == token,
                "kind Incus, name, address and trust token filled in")
        e.click(e.button_named(dialog, "Test Connection"))
        status = e.wait_for(lambda: (lambda t: t if t not in IDLE else None)(status_text(dialog)),
                            60)
        e.check(status == "Connected", "Test Connection enrols and connects", status)
        e.check(row_text(dialog, "Trust token") == "", "the used token is taken out of the form",
                "the Trust token field is still filled in")

        # Saving after the test reuses the key pair the token got trusted.
        e.click(e.button_named(dialog, "Save"))
        saved = e.wait_for(lambda: saved_names(config) == ["lxd-ui"], 60)
        e.check(saved, "Save saves the endpoint", None if saved else status_text(dialog))
        row = e.wait_for(lambda: sidebar_row(frame, "lxd-ui"), 60)
        e.check(row is not None, "the endpoint is in the sidebar, connected",
                None if row else describe(frame, "lxd-ui"))

        with open(os.path.join(config, "endpoints.conf"), encoding="utf-8") as f:
            saved = f.read()
        secret = json.loads(base64.b64decode(token + "=" * (-len(token) % 4)))["secret"]
        e.check(f"fingerprint={os.environ['VIGIE_LXD_FINGERPRINT']}" in saved
                and "option-client-cert=-----BEGIN CERTIFICATE-----" in saved,
                "the saved endpoint has the token's pin and the client certificate")
        e.check(token not in saved and secret not in saved and "enrol-token" not in saved,
                "the trust token is not saved")

        # The same token again: refused in the dialog, nothing saved.
        dialog = open_dialog(app, frame)
        ok = dialog is not None and fill(app, dialog, "lxd-ui-2", token)
        if ok:
            e.click(e.button_named(dialog, "Save"))
            status = e.wait_for(lambda: (lambda t: t if "trust token" in t else None)(
                status_text(dialog)), 60)
        e.check(ok and status is not None, "a used token is refused in the dialog",
                status_text(dialog) if ok else "the form could not be filled in")
        e.check(saved_names(config) == ["lxd-ui"], "the refused endpoint is not saved",
                saved_names(config))
    finally:
        logs = app.stop() if app is not None else ""
        e.stop_bus(bus, scratch)
    e.check_logs(logs)
    if not all(e.results) and logs:
        for line in logs.splitlines()[-30:]:
            print(f"# {line}")
    return 0 if all(e.results) and len(e.results) == PLAN else 1


if __name__ == "__main__":
    sys.exit(main())
