#!/usr/bin/env bash
# Benchmarks Vigie against its peers on the same loopback servers (not run in CI):
#   - vCenter simulator (govmomi's vcsim, 1,020 VMs): vigiectl vs pyvmomi vs govmomi
#   - real LXD daemon (100+ instances): vigiectl vs `lxc list`
#   - the demo lab at --scale: vigiectl over the five kinds
# Needs root (LXD) and Debian's hyperfine, python3-pyvmomi, golang-go,
# golang-github-vmware-govmomi-dev, lxd. Results go to bench/results/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runs=${BENCH_RUNS:-10}
build=${BENCH_BUILD:-_build-bench}

pkgs="hyperfine python3-pyvmomi golang-go golang-github-vmware-govmomi-dev lxd"
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="${missing:-} $p"
done
if [ -n "${missing:-}" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
fi

[ -f "$build/build.ninja" ] || meson setup "$build" --buildtype=release -Dtests=false >/dev/null
meson compile -C "$build" >/dev/null
vigiectl="$root/$build/src/cli/vigiectl"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/vigie-bench.XXXXXX")
downs=()
cleanup() { for d in "${downs[@]}"; do eval "$d" >/dev/null 2>&1 || true; done; rm -rf "$scratch"; }
trap cleanup EXIT
mkdir -p -m 700 "$scratch/runtime" results
export XDG_RUNTIME_DIR="$scratch/runtime" XDG_DATA_HOME="$scratch/data"

for peer in vcsim lxd; do
  if [ -x "tests/lab/$peer-up.sh" ]; then
    eval "$("tests/lab/$peer-up.sh" "$scratch/$peer")"
    downs+=("tests/lab/$peer-down.sh '$scratch/$peer'")
  fi
done

# The govmomi peer, built like the vcsim launcher.
gobin="$scratch/govmomi-inventory"
mkdir -p "$scratch/gosrc/govmomi-inventory"
cp bench/govmomi-inventory/main.go "$scratch/gosrc/govmomi-inventory/"
(cd "$scratch/gosrc" && GOPATH=/usr/share/gocode GO111MODULE=off GOFLAGS='' GOPROXY=off \
   GOTOOLCHAIN=local CGO_ENABLED=0 GOCACHE="$scratch/gocache" go build -o "$gobin" ./govmomi-inventory)

stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="results/$stamp.md"
dbus-run-session -- bash -s "$vigiectl" "$gobin" "$scratch" "$runs" "$out" <<'INNER'
set -euo pipefail
vigiectl=$1 gobin=$2 scratch=$3 runs=$4 out=$5
echo bench | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
kpid=$!
gdbus wait --session --timeout 15 org.freedesktop.secrets
cfg="$scratch/config"
{
  echo "# Vigie benchmarks, $(date -u +%FT%TZ)"
  echo
  echo "Machine: $(nproc) cores, $(uname -r). Each command run $runs times after a warm-up (hyperfine)."
  echo
} > "$out"

if [ -n "${VIGIE_VCSIM_VC_URL:-}" ]; then
  printf %s "$VIGIE_VCSIM_PASSWORD" | "$vigiectl" --config-dir "$cfg" endpoint add vcsim-vc \
    --kind esxi --url "$VIGIE_VCSIM_VC_URL" --user "$VIGIE_VCSIM_USER" --password-stdin \
    --fingerprint "$VIGIE_VCSIM_FINGERPRINT" >/dev/null
  echo "## vCenter simulator, $VIGIE_VCSIM_VC_VMS VMs: full VM inventory" >> "$out"
  hyperfine --warmup 1 --runs "$runs" --export-markdown "$scratch/vc.md" \
    -n vigiectl "$vigiectl --config-dir $cfg inventory --endpoint vcsim-vc --format json" \
    -n pyvmomi "/usr/bin/python3 bench/pyvmomi_inventory.py $VIGIE_VCSIM_VC_URL $VIGIE_VCSIM_USER $VIGIE_VCSIM_PASSWORD" \
    -n govmomi "$gobin $VIGIE_VCSIM_VC_URL $VIGIE_VCSIM_USER $VIGIE_VCSIM_PASSWORD"
  cat "$scratch/vc.md" >> "$out"; echo >> "$out"
fi

if [ -n "${VIGIE_LXD_URL:-}" ] && [ -n "${VIGIE_LXD_CERT:-}" ]; then
  "$vigiectl" --config-dir "$cfg" endpoint add lxd --kind incus --url "$VIGIE_LXD_URL" \
    --client-cert "$VIGIE_LXD_CERT" --client-key "$VIGIE_LXD_KEY" --trust-on-first-use >/dev/null
  echo "## LXD 5.0, every instance of every project" >> "$out"
  hyperfine --warmup 1 --runs "$runs" --export-markdown "$scratch/lxd.md" \
    -n vigiectl "$vigiectl --config-dir $cfg inventory --endpoint lxd --format json" \
    -n "lxc list" "env LXD_DIR=$VIGIE_LXD_DIR LXD_CONF=$VIGIE_LXD_CONF lxc list --all-projects --format json"
  cat "$scratch/lxd.md" >> "$out"; echo >> "$out"
fi

"$vigiectl" --config-dir "$scratch/labcfg" lab --scale 5000 > "$scratch/lab.out" 2>&1 &
lab=$!
for i in $(seq 1 300); do grep -q '^ready' "$scratch/lab.out" && break; sleep 0.1; done
echo "## Demo lab at --scale 5000 ($(grep -c '^lab-' "$scratch/lab.out") endpoints, five kinds)" >> "$out"
hyperfine --warmup 1 --runs "$runs" --export-markdown "$scratch/lab.md" \
  -n "vigiectl inventory" "$vigiectl --config-dir $scratch/labcfg inventory --format json" \
  -n "vigiectl backups" "$vigiectl --config-dir $scratch/labcfg backups --format json"
cat "$scratch/lab.md" >> "$out"
kill $lab $kpid
INNER
echo "## One Proxmox VE cluster, 3,000 guests, 3 ms per request" >> "$out"
BENCH_BUILD="$build" bench/proxmox-big.sh 3000 3 "$runs" >> "$out"
echo "results: $out"
cat "$out"
