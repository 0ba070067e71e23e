#!/usr/bin/env bash
# lxd-up.sh STATE_DIR - start a private LXD 5.x daemon (Debian's lxd package)
# as the real Incus-API peer for the integration tests.
#
# Everything lives in STATE_DIR (LXD_DIR=STATE_DIR/lxd, never /var/lib/lxd).
# HTTPS on 127.0.0.1 and a free port only; a dir storage pool; NO network:
# no managed network or bridge is ever created (LXD probes random 10.x
# subnets when it picks one), the default profile has only a root disk.
# A busybox image is built offline from the busybox-static .deb. About
# LXD_LAB_INSTANCES (default 110) stopped containers are made over two
# projects ("default" and "vigie-b"); two of them are started.
#
# Prints `export VAR=…` lines on stdout (eval them); logs go to stderr.
# Stop with lxd-down.sh STATE_DIR. Needs root.
set -euo pipefail

STATE=${1:?usage: lxd-up.sh STATE_DIR}
mkdir -p "$STATE"
STATE=$(cd "$STATE" && pwd)
COUNT=${LXD_LAB_INSTANCES:-110}
PARALLEL=${LXD_LAB_PARALLEL:-4}
CACHE=${VIGIE_LXD_CACHE:-/var/tmp/vigie-lxd-cache}

export LXD_DIR=$STATE/lxd
export LXD_CONF=$STATE/lxc-conf
PIDFILE=$STATE/lxd.pid
LOG=$STATE/lxd.log

log() { printf '[lxd-up %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[lxd-up] ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root"
command -v lxd >/dev/null || die "lxd is not installed (apt-get install lxd)"
command -v ip >/dev/null || die "LXD needs ip(8) (apt-get install iproute2)"
for tool in openssl python3; do command -v $tool >/dev/null || die "$tool is missing"; done
mkdir -p "$LXD_DIR" "$LXD_CONF" "$CACHE"
# Unprivileged containers run as uid 100000, which must be able to pass
# through every directory above their rootfs (mktemp -d makes 0700 ones):
# add the search bit only, never read.
d=$STATE
while [ "$d" != / ]; do
  case $(stat -c %A "$d") in
    *[xt]) ;;
    *) chmod o+x "$d"; log "made $d traversable (o+x) for the containers' uid" ;;
  esac
  d=$(dirname "$d")
done

# ------------------------------------------------------------ busybox
BUSYBOX=
if [ -x /bin/busybox ] && LC_ALL=C ldd /bin/busybox 2>&1 | grep -q 'not a dynamic'; then
  BUSYBOX=/bin/busybox
else
  BUSYBOX=$CACHE/busybox-static/bin/busybox
  if [ ! -x "$BUSYBOX" ]; then
    deb=$(ls /var/cache/apt/archives/busybox-static_*.deb 2>/dev/null | head -n1 || true)
    if [ -z "$deb" ]; then
      log "downloading the busybox-static .deb (not installing it)"
      (cd "$CACHE" && rm -f busybox-static_*.deb &&
         apt-get download -qq -o APT::Sandbox::User=root busybox-static) >&2
      deb=$(ls "$CACHE"/busybox-static_*.deb | head -n1)
    fi
    dpkg-deb -x "$deb" "$CACHE/busybox-static"
  fi
fi
[ -x "$BUSYBOX" ] || die "no static busybox"

# ------------------------------------------------------------ daemon
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
pid_is_lxd() { [ -n "${1:-}" ] && [ -r "/proc/$1/comm" ] && [ "$(cat "/proc/$1/comm")" = lxd ]; }
if [ -f "$PIDFILE" ] && pid_is_lxd "$(cat "$PIDFILE")"; then
  log "daemon already running (pid $(cat "$PIDFILE"))"
else
  log "starting lxd in $LXD_DIR"
  # Loopback proxies: the daemon's own outbound fetches (instance types,
  # image servers) fail on 127.0.0.1:9 instead of reaching out.
  setsid env https_proxy=http://127.0.0.1:9 http_proxy=http://127.0.0.1:9 \
      HTTPS_PROXY=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9 \
      no_proxy=127.0.0.1,localhost,::1 NO_PROXY=127.0.0.1,localhost,::1 \
      LXD_DIR="$LXD_DIR" \
      lxd --group root --logfile "$LOG" </dev/null >>"$STATE/lxd.out" 2>&1 &
  echo $! >"$PIDFILE"
  lxd waitready --timeout=60 || { tail -n 30 "$LOG" >&2 || true; die "lxd did not become ready"; }
  spid=$(lxc query /1.0 2>/dev/null | sed -n 's/.*"server_pid": *\([0-9][0-9]*\).*/\1/p' | head -n1)
  if pid_is_lxd "$spid"; then echo "$spid" >"$PIDFILE"; fi
fi

if ! lxc storage show default >/dev/null 2>&1; then
  lxd init --preseed >&2 <<PRESEED
config:
  images.auto_update_interval: "0"
  core.proxy_https: http://127.0.0.1:9
  core.proxy_http: http://127.0.0.1:9
  core.proxy_ignore_hosts: 127.0.0.1,localhost,::1
networks: []
storage_pools:
- name: default
  driver: dir
  config: {}
profiles:
- name: default
  description: "vigie lab: root disk only, no NIC"
  config: {}
  devices:
    root:
      path: /
      pool: default
      type: disk
PRESEED
fi
lxc config set core.https_address "127.0.0.1:$PORT"
# No core.trust_password: tests enrol with tokens (`lxc config trust add
# --name X` with LXD_DIR=$VIGIE_LXD_DIR), which LXD 5.0 reads from the
# "password" field of POST /1.0/certificates.

# ------------------------------------------------------------ client certificate
CERT=$STATE/client.crt
KEY=$STATE/client.key
if [ ! -s "$CERT" ]; then
  (umask 077; openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:secp384r1 -nodes \
     -keyout "$KEY" -out "$CERT" -days 3650 -subj "/CN=vigie-tests" \
     -addext "extendedKeyUsage=clientAuth" 2>/dev/null)
fi
FP=$(openssl x509 -in "$CERT" -noout -fingerprint -sha256 | cut -d= -f2 | tr -d : | tr 'A-F' 'a-f')
SFP=$(openssl x509 -in "$LXD_DIR/server.crt" -noout -fingerprint -sha256 | cut -d= -f2 | tr -d : | tr 'A-F' 'a-f')
lxc query "/1.0/certificates/$FP" >/dev/null 2>&1 || lxc config trust add "$CERT" --name vigie-tests >&2

# ------------------------------------------------------------ image (cached, deterministic)
TARBALL=$CACHE/busybox-image.tar.gz
if [ ! -s "$TARBALL" ]; then
  B=$(mktemp -d "$STATE/image.XXXXXX")
  mkdir -p "$B/rootfs" "$B/templates"
  (
    cd "$B/rootfs"
    mkdir -p bin sbin usr/bin usr/sbin etc/init.d dev proc sys tmp root run var/log
    chmod 1777 tmp; chmod 700 root
    cp "$BUSYBOX" bin/busybox
    for a in $(./bin/busybox --list-full); do [ -e "$a" ] || ln -s /bin/busybox "$a"; done
    printf '::sysinit:/etc/init.d/rcS\n::respawn:/bin/sleep 2147483647\n::shutdown:/bin/sync\n' >etc/inittab
    printf '#!/bin/sh\nmount -t tmpfs tmpfs /tmp 2>/dev/null\nhostname -F /etc/hostname 2>/dev/null\n' >etc/init.d/rcS
    chmod 755 etc/init.d/rcS
    printf 'root:x:0:0:root:/root:/bin/sh\n' >etc/passwd
    printf 'root:x:0:\n' >etc/group
    echo busybox >etc/hostname
  )
  printf '{{ container.name }}\n' >"$B/templates/hostname.tpl"
  cat >"$B/metadata.yaml" <<META
architecture: $(uname -m)
creation_date: 1700000000
properties:
  description: vigie lab busybox
  os: busybox
  release: "static"
templates:
  /etc/hostname:
    when: [create, copy]
    template: hostname.tpl
META
  tar -C "$B" --sort=name --mtime=@1700000000 --owner=0 --group=0 --numeric-owner \
      -cf - metadata.yaml templates rootfs | gzip -n >"$TARBALL.tmp"
  mv "$TARBALL.tmp" "$TARBALL"
  rm -rf "$B"
fi
lxc image info busybox >/dev/null 2>&1 || lxc image import "$TARBALL" --alias busybox >&2

# ------------------------------------------------------------ projects and instances
# vigie-b shares the default project's images and profiles.
lxc project show vigie-b >/dev/null 2>&1 ||
  lxc project create vigie-b -c features.images=false -c features.profiles=false >&2
NB=$(( COUNT * 2 / 5 ))
NA=$(( COUNT - NB ))
want() {
  for i in $(seq 1 "$NA"); do printf 'default inv-%03d\n' "$i"; done
  for i in $(seq 1 "$NB"); do printf 'vigie-b b-%03d\n' "$i"; done
}
have=$(lxc list --all-projects -c n -f csv 2>/dev/null || lxc list -c n -f csv)
missing=$(want | while read -r p n; do grep -qx "$n" <<<"$have" || echo "$p $n"; done)
if [ -n "$missing" ]; then
  log "creating $(wc -l <<<"$missing") containers ($PARALLEL in parallel)"
  printf '%s\n' "$missing" | xargs -P "$PARALLEL" -L1 sh -c \
    'lxc init busybox "$2" --project "$1" -q >/dev/null 2>&1' _
fi
for n in inv-001 inv-002; do
  [ "$(lxc list "^$n\$" -c s -f csv)" = RUNNING ] || lxc start "$n" >&2 ||
    die "cannot start $n (see $LOG)"
done

# ------------------------------------------------------------ self-check
if command -v curl >/dev/null; then
  resp=$(curl -sS --max-time 10 --cert "$CERT" --key "$KEY" -k "https://127.0.0.1:$PORT/1.0")
  grep -q '"auth":"trusted"' <<<"$resp" || die "self-check failed: $(head -c 300 <<<"$resp")"
fi
log "ready on https://127.0.0.1:$PORT ($(lxc list --all-projects -c n -f csv | wc -l) instances)"

cat <<ENV
export VIGIE_LXD_URL=https://127.0.0.1:$PORT
export VIGIE_LXD_CERT=$CERT
export VIGIE_LXD_KEY=$KEY
export VIGIE_LXD_FINGERPRINT=$SFP
export VIGIE_LXD_CLIENT_FINGERPRINT=$FP
export VIGIE_LXD_SOCKET=$LXD_DIR/unix.socket
export VIGIE_LXD_PIDFILE=$PIDFILE
export VIGIE_LXD_DIR=$LXD_DIR
export VIGIE_LXD_CONF=$LXD_CONF
ENV
