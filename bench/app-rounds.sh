#!/usr/bin/env bash
# The app's memory over many refresh rounds: `vigie` alone on `vigiectl lab
# --scale N` (default 10,000) under Xvfb, the Overview shown, a refresh every
# INTERVAL seconds (default 10), for SECONDS (default 300). Samples the app's
# RSS every second and prints it every 30 s, its peak, and how fast it still
# grows over the second half (MB a minute), and after each settled round
# what malloc has in use and what it holds (VIGIE_PROFILE=1: a leak grows
# the first, what the heap keeps of freed pages the second). Not run in CI.
#
#   bench/app-rounds.sh [BUILD_DIR] [SCALE] [SECONDS] [INTERVAL]
#   (VIGIE_BIN=… measures another vigie binary; BENCH_KEEP=1 keeps the samples)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/_build}" && pwd)
scale=${2:-10000} seconds=${3:-300} interval=${4:-10}
bin=${VIGIE_BIN:-$build/src/ui/vigie}

scratch=$(mktemp -d "${TMPDIR:-/tmp}/vigie-bench-rounds.XXXXXX")
trap '[ -n "${BENCH_KEEP:-}" ] && echo "kept $scratch" || rm -rf "$scratch"' EXIT
mkdir -p -m 700 "$scratch/runtime" "$scratch/xdg-config/glib-2.0/settings"
printf '[io/github/vigie/Vigie]\nrefresh-interval=uint32 %s\n' "$interval" \
  > "$scratch/xdg-config/glib-2.0/settings/keyfile"
export XDG_RUNTIME_DIR="$scratch/runtime" XDG_DATA_HOME="$scratch/data" \
       XDG_CONFIG_HOME="$scratch/xdg-config" XDG_CACHE_HOME="$scratch/cache"
export GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$build/data" ADW_DISABLE_PORTAL=1 \
       GSK_RENDERER=cairo GDK_DEBUG=gl-disable VIGIE_LOCALEDIR="$build/po" LC_ALL=C.UTF-8 \
       LANGUAGE=en

xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
  dbus-run-session -- bash -s "$build" "$scale" "$scratch" "$bin" "$seconds" <<'INNER'
set -euo pipefail
build=$1 scale=$2 scratch=$3 bin=$4 seconds=$5
echo bench | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
kpid=$!
gdbus wait --session --timeout 15 org.freedesktop.secrets
"$build/src/cli/vigiectl" --config-dir "$scratch/config" lab --scale "$scale" > "$scratch/lab.out" 2>&1 &
lpid=$!
for _ in $(seq 600); do grep -q '^ready' "$scratch/lab.out" 2>/dev/null && break; sleep 0.2; done
VIGIE_PROFILE=1 "$bin" --config-dir "$scratch/config" > "$scratch/app.out" 2>&1 &
apid=$!
for t in $(seq "$seconds"); do
  sleep 1
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$apid/status" 2>/dev/null) || break
  echo "$t $rss" >> "$scratch/rss"
done
kill "$apid" "$lpid" "$kpid" 2>/dev/null || true
wait "$lpid" 2>/dev/null || true
INNER

awk -v seconds="$seconds" '
  { rss[$1] = $2 / 1024; if ($2 > peak) peak = $2; last = $1 }
  END {
    printf "| seconds |"; for (t = 30; t <= last; t += 30) printf " %d |", t; print ""
    printf "|---|"; for (t = 30; t <= last; t += 30) printf "---|"; print ""
    printf "| RSS (MB) |"; for (t = 30; t <= last; t += 30) printf " %.0f |", rss[t]; print ""
    half = int(last / 2)
    printf "\npeak %.0f MB; over the second half (%d–%d s) %+.1f MB a minute\n", peak / 1024,
           half, last, (rss[last] - rss[half]) / ((last - half) / 60)
  }' "$scratch/rss"
if grep -q '^vigie-heap:' "$scratch/app.out"; then
  echo
  echo "after each settled round's trim: malloc in use / the size of its heaps (MB), the trim's time"
  sed -n 's/^vigie-heap: in_use_kb=\([0-9]*\) held_kb=\([0-9]*\) mmapped_kb=\([0-9]*\) trim_ms=\([0-9]*\)/\1 \2 \3 \4/p' \
    "$scratch/app.out" |
    awk '{ printf "%.0f/%.0f (%d ms)  ", $1 / 1024, ($2 + $3) / 1024, $4 } END { print "" }'
fi
