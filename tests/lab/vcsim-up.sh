#!/usr/bin/env bash
# vcsim-up.sh STATE_DIR - start two vSphere API simulators (govmomi's vcsim) on
# 127.0.0.1 for the ESXi backend's integration tests, and print the variables
# test-esxi-vcsim reads, as `export VAR=…` lines for eval.
#
#   esx: `-esx` mode (HostAgent, standalone ESXi), a few VMs
#   vc:  vCenter mode, 1 datacenter, 2 clusters of 2 hosts and 1 standalone
#        host, 340 VMs per resource pool: 1,020 VMs
#
# vcsim is built offline in GOPATH mode from Debian's golang-go and
# golang-github-vmware-govmomi-dev with the launcher in tests/lab/vcsim/ (Debian
# ships the library, not the vcsim command). The binary is cached under
# $VIGIE_VCSIM_CACHE (default ~/.cache/vigie-vcsim), keyed on the Go and
# govmomi package versions and the launcher's hash, so reruns do not rebuild.
# Stop with vcsim-down.sh STATE_DIR.
#
# The benchmarks size them: VCSIM_ESX_VMS (default 4), and for the vCenter
# VCSIM_VC_CLUSTERS (2), VCSIM_VC_HOSTS (hosts per cluster, 2),
# VCSIM_VC_STANDALONE (1) and VCSIM_VC_VMS_PER_POOL (340; one pool per
# cluster and per standalone host).
set -euo pipefail
ESX_VMS=${VCSIM_ESX_VMS:-4}
VC_CLUSTERS=${VCSIM_VC_CLUSTERS:-2}
VC_HOSTS=${VCSIM_VC_HOSTS:-2}
VC_STANDALONE=${VCSIM_VC_STANDALONE:-1}
VC_PER_POOL=${VCSIM_VC_VMS_PER_POOL:-340}

STATE=${1:?usage: vcsim-up.sh STATE_DIR}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$STATE"
STATE=$(cd "$STATE" && pwd)
log() { printf 'vcsim-up: %s\n' "$*" >&2; }

command -v go >/dev/null || { log "go not found (apt install golang-go)"; exit 1; }
command -v openssl >/dev/null || { log "openssl not found"; exit 1; }
GOVMOMI=/usr/share/gocode/src/github.com/vmware/govmomi
[ -d "$GOVMOMI/simulator" ] || { log "$GOVMOMI/simulator missing (apt install golang-github-vmware-govmomi-dev)"; exit 1; }

go_ver=$(go version | awk '{print $3}')
govmomi_ver=$(dpkg-query -W -f='${Version}' golang-github-vmware-govmomi-dev 2>/dev/null || echo unknown)
src_hash=$(sha256sum "$here/vcsim/main.go" | cut -c1-16)
cache_root=${VIGIE_VCSIM_CACHE:-$HOME/.cache/vigie-vcsim}
cache="$cache_root/$go_ver-govmomi$govmomi_ver-$src_hash"
bin="$cache/vcsim"

if [ ! -x "$bin" ]; then
  log "building vcsim ($go_ver, govmomi $govmomi_ver) into $cache"
  mkdir -p "$cache/src/vcsim"
  cp "$here/vcsim/main.go" "$cache/src/vcsim/main.go"
  (
    cd "$cache/src"
    export GOPATH=/usr/share/gocode GO111MODULE=off GOFLAGS='' GOPROXY=off GOTOOLCHAIN=local \
           CGO_ENABLED=0 GOCACHE="$cache_root/.gocache"
    go build -trimpath -o "$bin.tmp.$$" ./vcsim
  ) >&2
  mv -f "$bin.tmp.$$" "$bin"
fi

# Two test certificates: 1 is served, 2 lets tests pin a different one.
for n in 1 2; do
  if [ ! -s "$STATE/cert$n.pem" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=vigie-vcsim-$n" \
      -addext "subjectAltName=IP:127.0.0.1" \
      -keyout "$STATE/key$n.pem" -out "$STATE/cert$n.pem" 2>/dev/null
    chmod 600 "$STATE/key$n.pem"
  fi
done
wrong_sha=$(openssl x509 -in "$STATE/cert2.pem" -noout -fingerprint -sha256 | cut -d= -f2)

user=vigie
pass=vcsim-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
printf '%s' "$pass" > "$STATE/password"
chmod 600 "$STATE/password"

start() { # name flags...
  local name=$1; shift
  local dir="$STATE/$name"
  mkdir -p "$dir"
  if [ -s "$dir/vcsim.pid" ] && kill -0 "$(cat "$dir/vcsim.pid")" 2>/dev/null; then
    log "$name already running"; return 0
  fi
  rm -f "$dir/vcsim.env"
  "$bin" -l 127.0.0.1:0 -E "$dir/vcsim.env" -username "$user" -password "$pass" \
    -tlscert "$STATE/cert1.pem" -tlskey "$STATE/key1.pem" "$@" \
    </dev/null >"$dir/vcsim.log" 2>&1 &
  echo $! > "$dir/vcsim.pid"
}

wait_ready() { # name
  local dir="$STATE/$1" pid end
  pid=$(cat "$dir/vcsim.pid")
  end=$(( $(date +%s) + ${VCSIM_TIMEOUT:-180} ))
  until [ -s "$dir/vcsim.env" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "$1 exited:"; cat "$dir/vcsim.log" >&2; exit 1
    fi
    if [ "$(date +%s)" -ge "$end" ]; then
      log "$1 not ready in time"; kill "$pid"; exit 1
    fi
    sleep 0.2
  done
}

start esx -esx -vm "$ESX_VMS"
start vc -dc 1 -cluster "$VC_CLUSTERS" -host "$VC_HOSTS" -standalone-host "$VC_STANDALONE" \
  -vm "$VC_PER_POOL"
wait_ready esx
wait_ready vc

value() { sed -n "s/^$2=//p" "$STATE/$1/vcsim.env"; }
cat <<OUT
export VIGIE_VCSIM_ESX_URL=$(value esx URL)
export VIGIE_VCSIM_VC_URL=$(value vc URL)
export VIGIE_VCSIM_USER=$user
export VIGIE_VCSIM_PASSWORD=$pass
export VIGIE_VCSIM_FINGERPRINT=$(value esx SHA256)
export VIGIE_VCSIM_WRONG_FINGERPRINT=$wrong_sha
export VIGIE_VCSIM_ESX_VMS=$ESX_VMS
export VIGIE_VCSIM_VC_VMS=$(( (VC_CLUSTERS + VC_STANDALONE) * VC_PER_POOL ))
export VIGIE_VCSIM_VC_HOSTS=$(( VC_CLUSTERS * VC_HOSTS + VC_STANDALONE ))
export VIGIE_VCSIM_PIDS="$STATE/esx/vcsim.pid $STATE/vc/vcsim.pid"
OUT
