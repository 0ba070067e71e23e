#!/usr/bin/python3
# e2e_endpoint_form.py
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Issue 14: the Add Endpoint form of the real `vigie`, through the
# accessibility tree. Its examples are shown under the fields (not hidden
# in tooltips); an address the app would refuse (plain http to another
# computer) is said on the field as it is typed, and Save waits until the
# form can work; fixed, Save is available. Then the same in French.
# Prints TAP.

import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e_window as e2e  # noqa: E402  (skips the whole test without a display)
import pyatspi  # noqa: E402

PLAN = 11
CONTROL = 0xffe3

TEXTS = {
    "en": {"title": "Add Endpoint", "add": "Add an Endpoint", "save": "Save", "name": "Name", "address": "Address",
           "user": "User", "password": "Password", "example": "For example: root",
           "https": "https://", "port": "(port 443 when none is given)"},
    "fr": {"title": "Ajouter un point d’accès", "add": "Ajouter un point d’accès", "save": "Enregistrer", "name": "Nom",
           "address": "Adresse", "user": "Utilisateur", "password": "Mot de passe",
           "example": "Par exemple : root", "https": "https://",
           "port": "(port 443 si aucun n’est donné)"},
}


def sensitive(acc):
    try:
        return acc.getState().contains(pyatspi.STATE_SENSITIVE)
    except Exception:
        return None


def label_text(acc):
    return " ".join(e2e.name(a) for a in e2e.walk(acc, 0, 6)
                    if a is not acc and e2e.role(a) == "label")


def save_button(dialog, text):
    return e2e.find(dialog, lambda a: e2e.role(a) == "push button" and e2e.showing(a)
                    and (e2e.name(a) == text or label_text(a).replace("_", "") == text))


def entry(dialog, title):
    """The text field of the row titled @title."""
    return e2e.find(dialog, lambda a: e2e.role(a) in ("text", "entry", "password text")
                    and e2e.name(a) == title and e2e.showing(a))


def shown_label(dialog, predicate):
    return e2e.find(dialog, lambda a: e2e.role(a) == "label" and e2e.showing(a)
                    and predicate(e2e.name(a)))


def form(scratch, lang):
    t = TEXTS[lang]
    env = {"LANGUAGE": lang, "LC_ALL": "C.UTF-8"}
    app = e2e.App(os.path.join(scratch, lang), env)
    frame = app.window("Vigie")
    dialog = None
    add = frame and e2e.wait_for(lambda: e2e.button_named(frame, t["add"]), 30)
    if add is not None:
        e2e.click(add)
        dialog = e2e.wait_for(lambda: e2e.find(app.root, lambda a: e2e.role(a) in
                                               ("frame", "dialog") and e2e.name(a) == t["title"]),
                              30)
    if dialog is None:
        logs = app.stop()
        e2e.check(False, f"{lang}: “{t['add']}” opens the Add Endpoint dialog", logs)
        return logs, False
    fields = {k: e2e.wait_for(lambda: entry(dialog, t[k]), 20)
              for k in ("name", "address", "user", "password")}
    save = save_button(dialog, t["save"])
    e2e.check(all(fields.values()) and save is not None,
              f"{lang}: the form's fields are named after their rows, and Save",
              str({k: bool(v) for k, v in fields.items()}))
    if not all(fields.values()) or save is None:
        return app.stop(), False

    # The examples are shown, not hidden in tooltips.
    example = e2e.wait_for(lambda: shown_label(dialog, lambda n: n == t["example"]), 10)
    port = shown_label(dialog, lambda n: n.endswith(t["port"]))
    e2e.check(bool(example) and bool(port),
              f"{lang}: the examples show under the fields (user, address with its port)")

    # A new form is not all red, and Save waits.
    e2e.check(sensitive(save) is False, f"{lang}: Save waits while the form is empty")

    fields["name"].queryEditableText().setTextContents("esxi")
    fields["user"].queryEditableText().setTextContents("root")
    fields["password"].queryEditableText().setTextContents("secret")
    fields["address"].queryEditableText().setTextContents("http://10.0.0.1")
    error = e2e.wait_for(lambda: shown_label(dialog, lambda n: "http://10.0.0.1" in n
                                             and t["https"] in n), 20)
    if os.environ.get("VIGIE_SCREENSHOT_DIR"):
        subprocess.run(["import", "-window", "root",
                        os.path.join(os.environ["VIGIE_SCREENSHOT_DIR"],
                                     f"add-endpoint-error-{lang}.png")], check=False)
    e2e.check(bool(error) and e2e.wait_for(lambda: sensitive(save) is False, 10),
              f"{lang}: plain http to another computer: said on the field, Save insensitive",
              f"error label: {bool(error)}, save sensitive: {sensitive(save)}")

    fields["address"].queryEditableText().setTextContents("https://10.0.0.1")
    fixed = e2e.wait_for(lambda: sensitive(save) is True, 20)
    gone = e2e.wait_for(lambda: shown_label(dialog, lambda n: "http://10.0.0.1" in n) is None,
                        10)
    e2e.check(bool(fixed) and bool(gone),
              f"{lang}: with https the error goes and Save is available",
              f"save sensitive: {sensitive(save)}, error gone: {bool(gone)}")
    return app.stop(), True


def main():
    if not e2e.begin(PLAN):
        return 1
    bus = e2e.start_bus()
    scratch = tempfile.mkdtemp(prefix="vigie-e2e-form-")
    logs = ""
    try:
        time.sleep(0.5)
        for lang in ("en", "fr"):
            out, ok = form(scratch, lang)
            logs += out
            if not ok:
                while len(e2e.results) < (5 if lang == "en" else 10):
                    e2e.check(False, f"{lang}: needs the form")
        e2e.check_logs(logs)
    finally:
        e2e.stop_bus(bus, scratch)
    return 0 if all(e2e.results) else 1


if __name__ == "__main__":
    sys.exit(main())
