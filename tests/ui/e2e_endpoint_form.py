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
# form can work; fixed, Save is available. The kind list shows "Veeam
# Backup & Replication" whole, in the list and in the row once chosen.
# Then the same in French.
# Prints TAP.

import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e_window as e2e  # noqa: E402  (skips the whole test without a display)
import pyatspi  # noqa: E402

PLAN = 15
VEEAM = "Veeam Backup & Replication"
REFERENCE = "VMware ESXi"

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


def text_width(text):
    """The width of @text in a sans font, in pixels: only its ratio to
    another text's is used, so the font's size does not matter."""
    import gi
    gi.require_version("Pango", "1.0")
    gi.require_version("PangoCairo", "1.0")
    from gi.repository import Pango, PangoCairo
    layout = Pango.Layout.new(PangoCairo.FontMap.get_default().create_context())
    layout.set_font_description(Pango.FontDescription.from_string("Sans 11"))
    layout.set_text(text, -1)
    return layout.get_pixel_size()[0]


def extents(acc):
    return acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)


def whole(label, scale, within):
    """@label's text is whole: as wide as its text in the app's font (the
    reference label's width over its text's gives the scale; a name cut at
    20 characters with "…" is a fifth narrower), and inside @within."""
    box, outer = extents(label), extents(within)
    wanted = text_width(e2e.name(label)) * scale
    inside = box.x >= outer.x and box.x + box.width <= outer.x + outer.width
    return box.width >= 0.92 * wanted and inside, \
        f"{e2e.name(label)}: {box.width} px for {wanted:.0f} wanted, inside: {inside}"


def ancestor(acc, wanted):
    while acc is not None and e2e.role(acc) != wanted:
        acc = acc.parent
    return acc


def kind_list(app, dialog, lang):
    """Opens the kind list, checks the Veeam name in it and in the row once
    chosen."""
    combo = e2e.find(dialog, lambda a: e2e.role(a) == "combo box" and e2e.showing(a))
    if combo is None:
        e2e.check(False, f"{lang}: the kind list", "no combo box")
        e2e.check(False, f"{lang}: the kind row")
        return
    ext = extents(combo)
    pyatspi.Registry.generateMouseEvent(ext.x + ext.width - 24, ext.y + ext.height // 2, "b1c")

    def listed(text):
        return e2e.find(app.root, lambda a: e2e.role(a) == "label" and e2e.name(a) == text
                        and e2e.showing(a))
    veeam = e2e.wait_for(lambda: listed(VEEAM), 20)
    reference = veeam and listed(REFERENCE)
    if os.environ.get("VIGIE_SCREENSHOT_DIR"):
        subprocess.run(["import", "-window", "root",
                        os.path.join(os.environ["VIGIE_SCREENSHOT_DIR"],
                                     f"add-endpoint-kinds-{lang}.png")], check=False)
    if not veeam or not reference:
        e2e.check(False, f"{lang}: the kind list shows “{VEEAM}” whole", "no list")
        e2e.check(False, f"{lang}: the kind row shows “{VEEAM}” whole", "no list")
        return
    scale = extents(reference).width / text_width(REFERENCE)
    ok, detail = whole(veeam, scale, ancestor(veeam, "list"))
    e2e.check(ok, f"{lang}: the kind list shows “{VEEAM}” whole", detail)

    ext = extents(veeam)
    pyatspi.Registry.generateMouseEvent(ext.x + 10, ext.y + ext.height // 2, "b1c")
    # The list closes (its other names go) and the row shows the choice.
    chosen = e2e.wait_for(lambda: listed(REFERENCE) is None and listed(VEEAM), 20)
    if chosen is None:
        e2e.check(False, f"{lang}: the kind row shows “{VEEAM}” whole", "not chosen")
        return
    ok, detail = whole(chosen, scale, combo)
    e2e.check(ok, f"{lang}: the kind row shows “{VEEAM}” whole", detail)


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
    kind_list(app, dialog, lang)
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
                while len(e2e.results) < (7 if lang == "en" else 14):
                    e2e.check(False, f"{lang}: needs the form")
        e2e.check_logs(logs)
    finally:
        e2e.stop_bus(bus, scratch)
    return 0 if all(e2e.results) else 1


if __name__ == "__main__":
    sys.exit(main())
