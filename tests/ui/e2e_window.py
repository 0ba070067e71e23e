#!/usr/bin/python3
# e2e_window.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end test of the real `vigie` binary through the accessibility tree,
# the way a screen reader or a person sees it: the window, its empty state
# and its buttons, every page of the view switcher, and the French UI.
#
# Needs a display and a session bus (CI runs meson test under Xvfb inside
# dbus-run-session); it starts its own AT-SPI bus. Prints TAP.

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

PLAN = 18


def skip_all(reason):
    print(f"1..0 # SKIP {reason}")
    sys.exit(0)


if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    skip_all("no display")
if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
    # Run ourselves again inside a session bus of our own.
    if shutil.which("dbus-run-session") and not os.environ.get("VIGIE_E2E_REEXEC"):
        os.environ["VIGIE_E2E_REEXEC"] = "1"
        os.execvp("dbus-run-session", ["dbus-run-session", "--", sys.executable] + sys.argv)
    skip_all("no session bus")

try:
    import pyatspi
except ImportError:
    skip_all("pyatspi is not installed (python3-pyatspi)")

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
import hostile_incus  # noqa: E402

BUILD_ROOT = os.environ.get("VIGIE_BUILD_ROOT")
if not BUILD_ROOT:
    BUILD_ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "_build")
VIGIE = os.path.join(BUILD_ROOT, "src", "ui", "vigie")
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
# Keysyms for key().
ENTER, DOWN = 0xff0d, 0xff54

results = []


def check(ok, description, detail=None):
    n = len(results) + 1
    results.append(ok)
    print(f"{'ok' if ok else 'not ok'} {n} - {description}")
    if not ok and detail:
        for line in str(detail).splitlines():
            print(f"# {line}")
    sys.stdout.flush()


def walk(acc, depth=0, max_depth=60, skip=None, leaf=None):
    """Every accessible under acc, depth first. skip(a): a (not acc itself)
    and its subtree are left out; leaf(a): a is yielded, not walked into."""
    if acc is None or depth > max_depth:
        return
    if depth > 0 and skip is not None and skip(acc):
        return
    yield acc
    if leaf is not None and leaf(acc):
        return
    try:
        count = acc.childCount
    except Exception:
        return
    for i in range(count):
        try:
            child = acc.getChildAtIndex(i)
        except Exception:
            continue
        yield from walk(child, depth + 1, max_depth, skip, leaf)


def role(acc):
    try:
        return acc.getRoleName()
    except Exception:
        return ""


def name(acc):
    try:
        return acc.name or ""
    except Exception:
        return ""


def showing(acc):
    """GTK 4.8 only sets VISIBLE below the frame, and keeps every stack page
    in the tree: a widget that was never shown has empty extents."""
    try:
        if not acc.getState().contains(pyatspi.STATE_VISIBLE):
            return False
        extents = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        return extents.width > 0 and extents.height > 0
    except Exception:
        return True


def selected(acc):
    try:
        return acc.getState().contains(pyatspi.STATE_SELECTED) or \
            acc.getState().contains(pyatspi.STATE_CHECKED)
    except Exception:
        return False


def button_named(root, text, shown_only=False):
    """A button by its name, or by the label inside it (GTK 4.8 names the
    label, not the button). shown_only: what is not shown (another stack
    page) is not walked, which is faster in a big window."""
    def is_button(acc):
        return role(acc) in ("push button", "button", "toggle button")

    nodes = walk(root, skip=(lambda a: not showing(a)) if shown_only else None)
    found = next((a for a in nodes if name(a) == text and showing(a)
                  and (is_button(a) or role(a) == "label")), None)
    while found is not None and not is_button(found):
        try:
            found = found.parent
        except Exception:
            return None
        if found is None or role(found) == "frame":
            return None
    return found


def find(root, predicate):
    for acc in walk(root):
        if predicate(acc):
            return acc
    return None


# Waits end as soon as the state is there; their limits only matter when it
# never comes. A loaded machine under ASan is several times slower than a
# desktop: VIGIE_TEST_WAIT_SCALE (default 3) stretches every limit.
WAIT_SCALE = float(os.environ.get("VIGIE_TEST_WAIT_SCALE", "3"))


def wait_for(function, timeout=20.0):
    deadline = time.monotonic() + timeout * WAIT_SCALE
    while time.monotonic() < deadline:
        value = function()
        if value:
            return value
        time.sleep(0.2)
    return None


def find_app(pid):
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        try:
            app = desktop.getChildAtIndex(i)
            if app is not None and app.get_process_id() == pid:
                return app
        except Exception:
            continue
    return None


def find_by_name(root, text, roles=None, visible=True):
    return find(root, lambda a: name(a) == text
                and (roles is None or role(a) in roles)
                and (not visible or showing(a)))


def n_actions(acc):
    try:
        return acc.queryAction().nActions
    except Exception:
        return 0


def click(acc):
    """Clicks @acc; a GtkMenuButton named for its role has no action of its
    own in GTK 4.8, the toggle button inside it does."""
    n = n_actions(acc)
    action = acc.queryAction() if n > 0 else None
    if n == 0:
        inner = find(acc, lambda a: a is not acc and role(a) in
                     ("push button", "button", "toggle button") and n_actions(a) > 0)
        if inner is not None:
            return click(inner)
    for i in range(n):
        if action.getName(i) in ("click", "activate", "press"):
            return action.doAction(i)
    return acc.queryAction().doAction(0)


def click_middle(acc):
    """A real click in the middle of @acc: labels of buttons and list items,
    and check boxes, have no action of their own in GTK 4.8."""
    box = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    pyatspi.Registry.generateMouseEvent(box.x + box.width // 2, box.y + box.height // 2, "b1c")
    return True


CONTROL_MASK = 1 << 2


def key(keysym, modifier=None):
    """Presses and releases a key, by its keysym (ENTER, DOWN…), with a
    modifier mask held (CONTROL_MASK…): KEY_PRESS would take a keycode."""
    if modifier is not None:
        pyatspi.Registry.generateKeyboardEvent(modifier, None, pyatspi.KEY_LOCKMODIFIERS)
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)
    if modifier is not None:
        pyatspi.Registry.generateKeyboardEvent(modifier, None, pyatspi.KEY_UNLOCKMODIFIERS)


def find_dialog(root):
    """The first dialog or alert under root."""
    return find(root, lambda a: role(a) in ("dialog", "alert"))


def screenshot(name):
    """With VIGIE_SCREENSHOT_DIR set, the whole screen to <dir>/<name>.png."""
    directory = os.environ.get("VIGIE_SCREENSHOT_DIR")
    if directory and shutil.which("import"):
        subprocess.run(["import", "-window", "root", os.path.join(directory, name + ".png")],
                       check=False)


def ask_action(app, frame, action, timeout=30):
    """Actions → @action on the selection, up to its confirmation. Returns
    (the dialog, its @action button, None), or what there is and the step
    that did not happen. Waits are long: this runs on loaded machines under
    ASan."""
    button = button_named(frame, "Actions")
    if button is None:
        return None, None, "no Actions button"
    click(button)
    item = wait_for(lambda: button_named(frame, action), timeout)
    if item is None:
        return None, None, f"no {action} in the actions"
    click(item)
    asked = wait_for(lambda: find_dialog(app.root), timeout)
    run = asked and button_named(asked, action)
    if run is None:
        return asked, None, "no confirmation"
    return asked, run, None


def search_instances(frame, endpoint, text, cell):
    """Once @endpoint is in the sidebar, opens the Instances page and types
    @text in its search entry; returns the label @cell once the list shows
    it, or None."""
    if frame is None or not wait_for(lambda: find_by_name(frame, endpoint), 60):
        return None
    tab = find(frame, lambda a: name(a) == "Instances" and role(a) == "page tab")
    if tab is not None:
        click(tab)
    entry = wait_for(lambda: find(frame, lambda a: role(a) == "entry" and showing(a)), 20)
    if entry is None:
        return None
    entry.queryEditableText().setTextContents(text)
    return wait_for(lambda: find_by_name(frame, cell, ("label",)), 30)


# What every e2e test does around its checks.

def begin(plan):
    """Prints the TAP plan; without a vigie binary, fails every check and
    returns False."""
    print(f"1..{plan}")
    sys.stdout.flush()
    if os.access(VIGIE, os.X_OK):
        return True
    for _ in range(plan):
        check(False, "vigie binary", f"not found: {VIGIE}")
    return False


def start_bus():
    """The private session bus (AT-SPI's) the app and the test talk on."""
    return subprocess.Popen([BUS_LAUNCHER, "--launch-immediately"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stop_bus(bus, scratch):
    """Stops the bus from start_bus() and removes the test's scratch folder."""
    bus.terminate()
    try:
        bus.wait(5)
    except subprocess.TimeoutExpired:
        bus.kill()
    shutil.rmtree(scratch, ignore_errors=True)


def run(plan, prefix, body):
    """A whole e2e test: prints the TAP plan, starts the AT-SPI bus and a
    scratch folder (named after @prefix), runs body(scratch), then stops
    every App still running (even after an exception), the bus, and removes
    the folder. Returns the exit status: 0 when every check passed."""
    if not begin(plan):
        return 1
    bus = start_bus()
    scratch = tempfile.mkdtemp(prefix=prefix)
    try:
        body(scratch)
    finally:
        while started:
            started.pop().stop()
        stop_bus(bus, scratch)
    return 0 if all(results) else 1


def check_logs(logs):
    """The app's stderr holds no critical and no sanitizer report."""
    bad = [line for line in logs.splitlines()
           if "CRITICAL" in line or "AddressSanitizer" in line or "runtime error:" in line]
    check(not bad, "the app logged no critical and no sanitizer report", "\n".join(bad))


# The apps started and not stopped yet: run() stops them at the end.
started = []


class App:
    def __init__(self, config_dir, extra_env=None, extra_args=None):
        env = dict(os.environ)
        env.pop("GTK_A11Y", None)          # the tests' default hides the tree
        env.pop("NO_AT_BRIDGE", None)
        env.setdefault("GSETTINGS_BACKEND", "memory")
        env.setdefault("GSK_RENDERER", "cairo")
        env.setdefault("GDK_DEBUG", "gl-disable")
        env.setdefault("ADW_DISABLE_PORTAL", "1")
        env.setdefault("VIGIE_LOCALEDIR", os.path.join(BUILD_ROOT, "po"))
        env.setdefault("GSETTINGS_SCHEMA_DIR", os.path.join(BUILD_ROOT, "data"))
        env.pop("G_DEBUG", None)
        env.update(extra_env or {})
        # Xvfb resets when its last client leaves (the previous test): a client
        # that comes during the reset is refused. Try again a few times.
        #
        # Its stderr goes to a file, not a pipe: GTK 4.8 warns “Screen
        # coordinates not supported” on every GetExtents in screen coordinates
        # (gtk/a11y/gtkatspicomponent.c, X11), which showing() asks for on each
        # widget it looks at. A pipe read only at stop() fills (64 KiB) after a
        # few walks of a big tree (a multi-selection's), the app blocks in
        # write(2) on its main thread, and every AT-SPI call then times out
        # (childCount -1).
        for attempt in range(5):
            self.stderr = tempfile.TemporaryFile()
            self.process = subprocess.Popen([VIGIE, "--config-dir", config_dir]
                                            + (extra_args or []), env=env,
                                            stdout=subprocess.DEVNULL, stderr=self.stderr)
            try:
                self.process.wait(1.5)
            except subprocess.TimeoutExpired:
                break
            stderr = self.read_stderr()
            if "cannot open display" not in stderr:
                break
            print(f"# display not ready (attempt {attempt + 1}), trying again")
            time.sleep(1)
        started.append(self)
        self.root = wait_for(lambda: find_app(self.process.pid), 30)

    def window(self, title):
        if self.root is None:
            return None
        return wait_for(lambda: find(self.root, lambda a: role(a) == "frame"
                                     and name(a) == title), 20)

    def stop(self):
        if self in started:
            started.remove(self)
        if getattr(self, "logs", None) is not None:
            return self.logs
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.logs = self.read_stderr()
        self.stderr.close()
        return self.logs

    def read_stderr(self):
        self.stderr.seek(0)
        return self.stderr.read().decode(errors="replace")


def main():
    if not begin(PLAN):
        return 1

    bus = start_bus()
    scratch = tempfile.mkdtemp(prefix="vigie-e2e-")
    try:
        time.sleep(0.5)
        app = App(os.path.join(scratch, "en"), {"LANGUAGE": "en", "LC_ALL": "C.UTF-8"})
        frame = app.window("Vigie")
        check(frame is not None, "the window is in the accessibility tree")
        if frame is None:
            stderr = app.stop()
            for _ in range(PLAN - len(results)):
                check(False, "window needed", stderr)
            return 1

        empty = wait_for(lambda: find_by_name(frame, "No Endpoints"), 10)
        check(empty is not None, "the sidebar shows the “No Endpoints” empty state")
        add = button_named(frame, "Add an Endpoint")
        check(add is not None, "an “Add an Endpoint” button")
        demo = button_named(frame, "Try the Demo Lab")
        check(demo is not None, "a “Try the Demo Lab” button")

        # Every page of the view switcher, by name, shows its own content.
        pages = [("Instances", "No Instances"), ("Terminals", "No Terminals"),
                 ("Backups", None), ("Compare", None), ("Overview", "Nothing to Watch Yet")]
        for page, expected in pages:
            button = find(frame, lambda a: name(a) == page and showing(a)
                          and role(a) in ("page tab", "toggle button", "push button",
                                          "radio button"))
            if button is None:
                check(False, f"view switcher page “{page}”", "no such button")
                continue
            click(button)
            opened = wait_for(lambda: selected(button), 10)
            if expected is None:
                check(opened, f"view switcher page “{page}” opens")
                continue
            shown = wait_for(lambda: find_by_name(frame, expected), 10)
            check(opened and shown is not None,
                  f"view switcher page “{page}” opens and shows “{expected}”")
        logs = app.stop()

        # The same window in French.
        app = App(os.path.join(scratch, "fr"), {"LANGUAGE": "fr", "LC_ALL": "C.UTF-8"})
        frame = app.window("Vigie")
        french = None
        if frame is not None:
            french = wait_for(lambda: find_by_name(frame, "Aucun point d’accès"), 10)
        french_logs = app.stop()

        # The demo lab, served in-process on loopback: the real backends fill
        # the sidebar and the instance list.
        app = App(os.path.join(scratch, "demo"), {"LANGUAGE": "en", "LC_ALL": "C.UTF-8"},
                  ["--demo"])
        frame = app.window("Vigie")
        lab_row = None
        if frame is not None:
            lab_row = wait_for(lambda: find_by_name(frame, "lab-proxmox"), 60)
        check(lab_row is not None, "with --demo the sidebar lists the lab's endpoints")
        counted = None
        if frame is not None:
            tab = find(frame, lambda a: name(a) == "Instances" and role(a) == "page tab")
            if tab is not None:
                click(tab)
            counted = wait_for(lambda: find(frame, lambda a: role(a) == "label"
                                            and re.match(r"^[1-9][0-9]* instances?$", name(a))
                                            and showing(a)), 60)
        check(counted is not None, "the instance list counts the lab's instances",
              None if counted else app.stop())
        summary = []
        if frame is not None:
            summary = [a for a in walk(frame)
                       if role(a) == "label" and re.match(r"^[1-9][0-9]* instances", name(a))
                       and showing(a)]
        # The page's count and the sidebar's "All Endpoints" summary.
        check(len(summary) >= 2, "the All Endpoints row sums the instances up",
              ", ".join(name(a) for a in summary))
        french_logs += app.stop()
        check(french is not None, "with LANGUAGE=fr the empty state is in French",
              None if french else french_logs)
        logs += french_logs

        # A server whose names are markup: shown as they are, parsed nowhere.
        server = hostile_incus.HostileIncus()
        try:
            hostile_dir = os.path.join(scratch, "hostile")
            server.write_config(hostile_dir, hostile_incus.AMPERSAND)
            app = App(hostile_dir, {"LANGUAGE": "en", "LC_ALL": "C.UTF-8"})
            frame = app.window("Vigie")
            row = None
            if frame is not None:
                row = wait_for(lambda: find_by_name(frame, hostile_incus.AMPERSAND), 30)
            check(row is not None, "an endpoint named “a & b” shows as “a & b”")
            host = None
            if frame is not None:
                tab = find(frame, lambda a: name(a) == "Overview" and role(a) == "page tab")
                if tab is not None:
                    click(tab)
                host = wait_for(lambda: find(frame, lambda a: name(a).startswith("@host")
                                             and showing(a)), 30)
            check(host is not None, "the overview shows the server's host name")
            link = None
            if frame is not None:
                tab = find(frame, lambda a: name(a) == "Instances" and role(a) == "page tab")
                if tab is not None:
                    click(tab)
                link = wait_for(lambda: find_by_name(frame, hostile_incus.LINK, ("label",)), 30)
            check(link is not None, "an instance named <a href=…> shows its markup as text")
            hostile_logs = app.stop()
        finally:
            server.stop()
        check("from markup" not in hostile_logs,
              "no label parsed a server's name as markup", hostile_logs)
        logs += hostile_logs
        check_logs(logs)
    finally:
        stop_bus(bus, scratch)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
