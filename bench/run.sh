#!/usr/bin/env bash
# Benchmarks Vigie against its peers on the same loopback servers, every
# scenario of issue 13 in one run (not run in CI):
#   - vcsim -esx, 1,000 VMs: vigiectl vs govmomi vs pyvmomi vs curl (the SOAP floor)
#   - vcsim vCenter, 5,000 VMs in 4 clusters of 4 hosts: the same four
#   - a real LXD daemon, 200 instances: vigiectl vs `lxc list` vs pylxd
#   - the demo lab at --scale 10000 (100 small endpoints) and --big --scale 10000
#   - one Proxmox VE cluster of 3,000 guests answering 3 ms late (proxmox-big.sh)
# For each: medians and spread of wall and CPU time (hyperfine, warm-up,
# BENCH_RUNS runs; bench/hyperfine_table.py), then
# one more run of each command for what load does not change: peak RSS
# (/usr/bin/time), and for vigiectl the requests and connections it made
# (VIGIE_HTTP_DEBUG). Needs root (LXD) and Debian's hyperfine,
# python3-pyvmomi, python3-pylxd, golang-go, golang-github-vmware-govmomi-dev,
# lxd. Results go to results/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runs=${BENCH_RUNS:-10}
# BENCH_SCENARIOS picks some of: esx vc lxd lab proxmox (default: all).
scenarios=" ${BENCH_SCENARIOS:-esx vc lxd lab proxmox} "
want() { case "$scenarios" in *" $1 "*) return 0;; esac; return 1; }
build=${BENCH_BUILD:-_build-bench}

pkgs="hyperfine python3-pyvmomi python3-pylxd golang-go golang-github-vmware-govmomi-dev lxd curl"
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="${missing:-} $p"
done
if [ -n "${missing:-}" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
fi

[ -f "$build/build.ninja" ] || meson setup "$build" --buildtype=release -Dtests=false >/dev/null
meson compile -C "$build" src/cli/vigiectl >/dev/null
vigiectl="$root/$build/src/cli/vigiectl"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/vigie-bench.XXXXXX")
downs=()
cleanup() { for d in "${downs[@]}"; do eval "$d" >/dev/null 2>&1 || true; done; rm -rf "$scratch"; }
trap cleanup EXIT
mkdir -p -m 700 "$scratch/runtime" results
export XDG_RUNTIME_DIR="$scratch/runtime" XDG_DATA_HOME="$scratch/data"

# ESXi with 1,000 VMs; a vCenter with 5,000 VMs in 4 clusters of 4 hosts.
if want esx || want vc; then
eval "$(VCSIM_ESX_VMS=1000 VCSIM_VC_CLUSTERS=4 VCSIM_VC_HOSTS=4 VCSIM_VC_STANDALONE=0 \
        VCSIM_VC_VMS_PER_POOL=1250 VCSIM_TIMEOUT=900 tests/lab/vcsim-up.sh "$scratch/vcsim")"
downs+=("tests/lab/vcsim-down.sh '$scratch/vcsim'")
fi
if want lxd && [ -x tests/lab/lxd-up.sh ]; then
  eval "$(LXD_LAB_INSTANCES=${BENCH_LXD_INSTANCES:-200} tests/lab/lxd-up.sh "$scratch/lxd")"
  downs+=("tests/lab/lxd-down.sh '$scratch/lxd'")
fi

# The govmomi peer, built like the vcsim launcher.
gobin="$scratch/govmomi-inventory"
mkdir -p "$scratch/gosrc/govmomi-inventory"
cp bench/govmomi-inventory/main.go "$scratch/gosrc/govmomi-inventory/"
(cd "$scratch/gosrc" && GOPATH=/usr/share/gocode GO111MODULE=off GOFLAGS='' GOPROXY=off \
   GOTOOLCHAIN=local CGO_ENABLED=0 GOCACHE="$scratch/gocache" go build -o "$gobin" ./govmomi-inventory)

stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="results/$stamp.md"
dbus-run-session -- bash -s "$vigiectl" "$gobin" "$scratch" "$runs" "$out" "$scenarios" <<'INNER'
set -euo pipefail
vigiectl=$1 gobin=$2 scratch=$3 runs=$4 out=$5 scenarios=$6
want() { case "$scenarios" in *" $1 "*) return 0;; esac; return 1; }
echo bench | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
kpid=$!
gdbus wait --session --timeout 15 org.freedesktop.secrets
cfg="$scratch/config"
{
  echo "# Vigie benchmarks, $(date -u +%FT%TZ)"
  echo
  echo "Machine: $(nproc) cores, $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg) at start."
  echo "Each command run $runs times after a warm-up (hyperfine: medians and spread of wall and of CPU time). Peak RSS,"
  echo "requests and connections come from one more run of each and do not depend on load."
  echo
} > "$out"

# footprint NAME CMD…: one run; peak RSS, and for vigiectl its requests and
# connections (SoupLogger's per-session socket numbers).
footprint() {
  local name=$1; shift
  # Peak RSS without the HTTP log (its copies of headers and bodies would
  # count), then the requests and connections from a logged run.
  /usr/bin/time -f '%M' -o "$scratch/rss" "$@" > /dev/null 2>&1 || true
  VIGIE_HTTP_DEBUG=1 G_MESSAGES_DEBUG=all "$@" > /dev/null 2> "$scratch/fp.log" || true
  local rss req conns
  rss=$(( $(tail -1 "$scratch/rss") / 1024 ))
  req=$(grep -c ' > \(GET\|POST\|PUT\|DELETE\) ' "$scratch/fp.log" || true)
  conns=$( (grep -o 'SoupSession [0-9]* (0x[0-9a-f]*), SoupMessage [0-9]* (0x[0-9a-f]*), GSocket [0-9]*' \
            "$scratch/fp.log" || true) | sed 's/SoupMessage [^,]*, //' | sort -u | wc -l)
  if [ "$req" -gt 0 ]; then
    echo "| $name | $rss | $req | $conns |"
  else
    echo "| $name | $rss | — | — |"
  fi
}
footprint_header() {
  echo
  echo "| command | peak RSS (MB) | requests | connections |"
  echo "|---|---|---|---|"
}

vsphere() { # name url vms
  local name=$1 url=$2 vms=$3
  printf %s "$VIGIE_VCSIM_PASSWORD" | "$vigiectl" --config-dir "$cfg" endpoint add "$name" \
    --kind esxi --url "$url" --user "$VIGIE_VCSIM_USER" --password-stdin \
    --fingerprint "$VIGIE_VCSIM_FINGERPRINT" >/dev/null
  local vig="$vigiectl --config-dir $cfg inventory --endpoint $name --format json"
  local py="/usr/bin/python3 bench/pyvmomi_inventory.py $url $VIGIE_VCSIM_USER $VIGIE_VCSIM_PASSWORD"
  local go="$gobin $url $VIGIE_VCSIM_USER $VIGIE_VCSIM_PASSWORD"
  local floor="bench/soap_floor.sh $url $VIGIE_VCSIM_USER $VIGIE_VCSIM_PASSWORD"
  echo "## $name: full VM inventory, $vms VMs" >> "$out"
  hyperfine --warmup 1 --runs "$runs" --export-json "$scratch/$name.json" \
    -n vigiectl "$vig" -n govmomi "$go" -n pyvmomi "$py" -n "curl (floor)" "$floor" >&2
  /usr/bin/python3 bench/hyperfine_table.py "$scratch/$name.json" >> "$out"
  {
    footprint_header
    footprint vigiectl $vig
    footprint govmomi $go
    footprint pyvmomi $py
    echo
  } >> "$out"
}
if want esx; then vsphere vcsim-esx "$VIGIE_VCSIM_ESX_URL" "$VIGIE_VCSIM_ESX_VMS"; fi
if want vc; then vsphere vcsim-vc "$VIGIE_VCSIM_VC_URL" "$VIGIE_VCSIM_VC_VMS"; fi

if [ -n "${VIGIE_LXD_URL:-}" ] && [ -n "${VIGIE_LXD_CERT:-}" ]; then
  "$vigiectl" --config-dir "$cfg" endpoint add lxd --kind incus --url "$VIGIE_LXD_URL" \
    --client-cert "$VIGIE_LXD_CERT" --client-key "$VIGIE_LXD_KEY" --trust-on-first-use >/dev/null
  vig="$vigiectl --config-dir $cfg inventory --endpoint lxd --format json"
  lxc="env LXD_DIR=$VIGIE_LXD_DIR LXD_CONF=$VIGIE_LXD_CONF lxc list --all-projects --format json"
  pylxd="/usr/bin/python3 bench/pylxd_inventory.py $VIGIE_LXD_URL $VIGIE_LXD_CERT $VIGIE_LXD_KEY"
  # The floor: the one request that carries the list (what lxc list and
  # vigiectl both ask), over the unix socket, read and thrown away.
  lxd_floor="curl -s --unix-socket $VIGIE_LXD_SOCKET -o /dev/null 'http://lxd/1.0/instances?recursion=2&all-projects=true'"
  echo "## LXD, $(env LXD_DIR=$VIGIE_LXD_DIR lxc list --all-projects -c n -f csv | wc -l) instances, every project" >> "$out"
  hyperfine --warmup 1 --runs "$runs" --export-json "$scratch/lxd.json" \
    -n vigiectl "$vig" -n "lxc list" "$lxc" -n pylxd "$pylxd" -n "curl (the list only)" "$lxd_floor" >&2
  /usr/bin/python3 bench/hyperfine_table.py "$scratch/lxd.json" >> "$out"
  { footprint_header; footprint vigiectl $vig; footprint "lxc list" $lxc; footprint pylxd $pylxd; echo; } >> "$out"
fi

lab() { # title lab-args…
  local title=$1; shift
  local dir="$scratch/lab-$RANDOM"
  "$vigiectl" --config-dir "$dir" lab "$@" > "$dir.out" 2>&1 &
  local pid=$!
  for i in $(seq 1 1200); do grep -q '^ready' "$dir.out" 2>/dev/null && break; sleep 0.1; done
  echo "## Demo lab $title ($(grep -c '^lab-' "$dir.out") endpoints)" >> "$out"
  hyperfine --warmup 1 --runs "$runs" --export-json "$scratch/lab.json" \
    -n "vigiectl inventory" "$vigiectl --config-dir $dir inventory --format json" \
    -n "vigiectl backups" "$vigiectl --config-dir $dir backups --format json" >&2
  /usr/bin/python3 bench/hyperfine_table.py "$scratch/lab.json" >> "$out"
  {
    footprint_header
    footprint "vigiectl inventory" "$vigiectl" --config-dir "$dir" inventory --format json
    footprint "vigiectl backups" "$vigiectl" --config-dir "$dir" backups --format json
    echo
  } >> "$out"
  kill $pid
}
if want lab; then
  lab "--scale 10000" --scale 10000
  lab "--big --scale 10000" --big --scale 10000
fi
kill $kpid
INNER
if want proxmox; then
  echo "## One Proxmox VE cluster, 3,000 guests, 3 ms per request" >> "$out"
  BENCH_BUILD="$build" bench/proxmox-big.sh 3000 3 "$runs" >> "$out"
fi
echo "results: $out"
cat "$out"
