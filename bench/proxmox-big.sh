#!/usr/bin/env bash
# One big Proxmox VE cluster: `vigiectl inventory` of the demo lab's cluster
# at `lab --big --scale 3N` (N guests on one endpoint) while the lab answers
# each request LATENCY ms late, like a busy pveproxy. Reports, per run, the
# wall time, the peak RSS, the requests made and the requests per guest, for
# a first refresh (a new vigiectl) — each `vigiectl inventory` is a first
# refresh; the app's later refreshes read no more (see
# tests/backends/proxmox/test-proxmox-lab.c, big-cluster).
# Usage: bench/proxmox-big.sh [GUESTS [LATENCY_MS [RUNS]]]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
guests=${1:-3000}
latency=${2:-3}
runs=${3:-5}
build=${BENCH_BUILD:-_build-bench}

[ -f "$build/build.ninja" ] || meson setup "$build" --buildtype=release -Dtests=false >/dev/null
meson compile -C "$build" >/dev/null
vigiectl="$root/$build/src/cli/vigiectl"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/vigie-bench.XXXXXX")
trap '[ -n "${BENCH_KEEP:-}" ] || rm -rf "$scratch"' EXIT
mkdir -p -m 700 "$scratch/runtime"
export XDG_RUNTIME_DIR="$scratch/runtime" XDG_DATA_HOME="$scratch/data"

dbus-run-session -- bash -s "$vigiectl" "$scratch" "$guests" "$latency" "$runs" <<'INNER'
set -euo pipefail
vigiectl=$1 scratch=$2 guests=$3 latency=$4 runs=$5
echo bench | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
kpid=$!
gdbus wait --session --timeout 15 org.freedesktop.secrets
cfg="$scratch/config"
VIGIE_LAB_LATENCY_MS=$latency "$vigiectl" --config-dir "$cfg" lab --big --scale $((guests * 3)) \
  > "$scratch/lab.out" 2>&1 &
lab=$!
for i in $(seq 1 600); do grep -q '^ready' "$scratch/lab.out" && break; sleep 0.1; done
echo "Proxmox VE cluster, $guests guests, ${latency} ms per request, $(nproc) cores"
echo "| run | wall (s) | peak RSS (MB) | requests | per guest | guests listed | details pending |"
echo "|---|---|---|---|---|---|---|"
for run in $(seq 1 "$runs"); do
  VIGIE_HTTP_DEBUG=1 G_MESSAGES_DEBUG=all /usr/bin/time -f '%e %M' -o "$scratch/time" \
    "$vigiectl" --config-dir "$cfg" inventory --endpoint lab-proxmox --format json \
    > "$scratch/inv.json" 2> "$scratch/log" || true
  read -r wall rss < <(tail -1 "$scratch/time")
  requests=$(grep -c ' > GET \| > POST ' "$scratch/log" || true)
  listed=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sum(len(e.get("instances") or []) for e in d["endpoints"]))' "$scratch/inv.json")
  pending=$(grep -o 'of [0-9]* guests are still loading' "$scratch/inv.json" | grep -o '[0-9]*' || echo 0)
  echo "| $run | $wall | $((rss / 1024)) | $requests | $(python3 -c "print(round($requests / $guests, 3))") | $listed | $pending |"
done
kill $lab $kpid
INNER
