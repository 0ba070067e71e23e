#!/bin/sh
# run-isolated.sh
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs one test (the command line given) in a place of its own: its own X
# display (Xvfb), session bus (and so its own AT-SPI bus and GApplication
# names), unlocked throwaway keyring and XDG folders. Tests run this way can
# run side by side: no app answers for another test's app, no secret of one
# endpoint overwrites another's, no screenshot shows another window.
#
# Without Xvfb or dbus-run-session the command runs as it is (the UI tests
# then skip for want of a display).

set -u

if ! command -v Xvfb >/dev/null 2>&1 || ! command -v dbus-run-session >/dev/null 2>&1; then
  exec "$@"
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/vigie-test.XXXXXX") || exit 99
xvfb_pid=
cleanup() {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

mkdir -m 700 "$scratch/runtime"
export XDG_RUNTIME_DIR="$scratch/runtime" XDG_DATA_HOME="$scratch/data" \
       XDG_CONFIG_HOME="$scratch/config" XDG_CACHE_HOME="$scratch/cache" \
       XDG_STATE_HOME="$scratch/state"

# Xvfb picks a free display itself and writes its number (-displayfd): two
# tests starting at once cannot race for the same one, as `xvfb-run -a` can.
# No reset when the last client leaves (-noreset): an app started just then
# would be refused.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset \
  3> "$scratch/display" 2> "$scratch/xvfb.log" &
xvfb_pid=$!
tries=0
until grep -q '^[0-9]' "$scratch/display" 2>/dev/null; do
  tries=$((tries + 1))
  if [ "$tries" -gt 300 ] || ! kill -0 "$xvfb_pid" 2>/dev/null; then
    echo "Bail out! Xvfb did not start: $(tail -n 3 "$scratch/xvfb.log")"
    exit 99
  fi
  sleep 0.1
done
DISPLAY=":$(head -n 1 "$scratch/display")"
export DISPLAY
unset WAYLAND_DISPLAY

# The keyring answers on the private bus; the test runs once it is there.
dbus-run-session -- sh -c '
  kpid=
  if command -v gnome-keyring-daemon >/dev/null 2>&1; then
    echo vigie-test | gnome-keyring-daemon --foreground --unlock --components=secrets \
      >/dev/null 2>&1 &
    kpid=$!
    gdbus wait --session --timeout 15 org.freedesktop.secrets >/dev/null 2>&1 || true
  fi
  "$@"
  rc=$?
  [ -n "$kpid" ] && kill "$kpid" 2>/dev/null && wait "$kpid" 2>/dev/null
  exit $rc
' sh "$@"
