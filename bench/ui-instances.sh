#!/usr/bin/env bash
# Times the Instances page of the real app on `vigiectl lab --scale N`
# (default 10,000) under Xvfb, from the app's own instrumentation
# (VIGIE_PROFILE=1, src/ui/vigie-instances-page-profile.c): the list on
# screen after each endpoint's data arrives, a search keystroke, a column
# sort, and the main loop's longest stall during the first load and during
# a refresh of every endpoint. Prints a Markdown table; not run in CI.
#
#   bench/ui-instances.sh [BUILD_DIR] [SCALE]    (VIGIE_BIN=… times another vigie binary)
#
# Then lists every stall over 50 ms of main-thread CPU with the profiled
# steps inside it; BENCH_GDB=SECONDS also samples the main thread's stack
# with gdb that often and shows the samples that fell in a stall (gdb's
# pauses stall the loop too, but cost the app no CPU). BENCH_PERF=1 (or
# =refresh) records the main thread with `perf record -e cpu-clock` into
# $scratch/perf.data (keep it with BENCH_KEEP=1; BENCH_PERF_STACK=32768 copies
# more of each stack than the default 8192 bytes). BENCH_OVERVIEW_SECONDS=N
# leaves the Overview shown N seconds before the Instances page is opened
# (a user who watches the estate come in: its cards are laid out during the
# load).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/_build}" && pwd)
scale=${2:-10000}

scratch=$(mktemp -d "${TMPDIR:-/tmp}/vigie-bench-ui.XXXXXX")
trap '[ -n "${BENCH_KEEP:-}" ] || rm -rf "$scratch"' EXIT
mkdir -p -m 700 "$scratch/runtime"
export XDG_RUNTIME_DIR="$scratch/runtime" XDG_DATA_HOME="$scratch/data" \
       XDG_CONFIG_HOME="$scratch/xdg-config" XDG_CACHE_HOME="$scratch/cache"
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" ADW_DISABLE_PORTAL=1 \
       GSK_RENDERER=cairo GDK_DEBUG=gl-disable VIGIE_LOCALEDIR="$build/po" LC_ALL=C.UTF-8 \
       LANGUAGE=en

xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
  dbus-run-session -- bash -s "$build" "$scale" "$scratch" "$root" <<'INNER'
set -euo pipefail
build=$1 scale=$2 scratch=$3 root=$4
echo bench | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
kpid=$!
gdbus wait --session --timeout 15 org.freedesktop.secrets
/usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
apid=$!
"$build/src/cli/vigiectl" --config-dir "$scratch/config" lab --scale "$scale" > "$scratch/lab.out" 2>&1 &
lpid=$!
for _ in $(seq 600); do grep -q '^ready' "$scratch/lab.out" 2>/dev/null && break; sleep 0.2; done
endpoints=$(grep -vc '^ready' "$scratch/lab.out")
/usr/bin/python3 "$root/bench/ui_instances_driver.py" "${VIGIE_BIN:-$build/src/ui/vigie}" "$scratch" "$endpoints" \
  "$scale" > "$scratch/driver.out" || { cat "$scratch/driver.out"; }
kill "$lpid" "$apid" "$kpid" 2>/dev/null || true
wait "$lpid" 2>/dev/null || true
/usr/bin/python3 "$root/bench/ui_instances_driver.py" --report "$scratch" "$scale" "$endpoints"
echo
/usr/bin/python3 "$root/bench/ui_instances_driver.py" --stalls "$scratch"
INNER
