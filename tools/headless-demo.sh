#!/usr/bin/env bash
# With no display: serve the demo lab and print its inventory, in a private
# D-Bus session with a throwaway keyring (vigiectl keeps secrets there).
set -uo pipefail
build=${1:?build dir}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/vigie-demo.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
mkdir -p -m 700 "$scratch/runtime"
export XDG_RUNTIME_DIR="$scratch/runtime" XDG_DATA_HOME="$scratch/data"
dbus-run-session -- sh -c '
  echo vigie-demo | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
  kpid=$!
  gdbus wait --session --timeout 15 org.freedesktop.secrets || { kill $kpid; exit 1; }
  "$1/src/cli/vigiectl" --config-dir "$2/config" lab > "$2/lab.out" 2>&1 &
  lab=$!
  for i in $(seq 1 100); do grep -q "^ready" "$2/lab.out" 2>/dev/null && break; sleep 0.1; done
  "$1/src/cli/vigiectl" --config-dir "$2/config" inventory
  rc=$?
  kill $lab $kpid 2>/dev/null; wait $lab 2>/dev/null
  exit $rc
' sh "$build" "$scratch" 2> >(grep -v 'fd limit' >&2)
