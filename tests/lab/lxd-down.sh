#!/usr/bin/env bash
# lxd-down.sh STATE_DIR - stop the LXD daemon that lxd-up.sh STATE_DIR started:
# by its recorded PID only, after force-stopping its instances; then kill
# what is left of its own children (monitors, fork helpers) and unmount what
# it mounted inside STATE_DIR. Anything else on the machine is left alone.
set -uo pipefail

STATE=${1:?usage: lxd-down.sh STATE_DIR}
[ -d "$STATE" ] || exit 0
STATE=$(cd "$STATE" && pwd)
export LXD_DIR=$STATE/lxd
export LXD_CONF=$STATE/lxc-conf
PIDFILE=$STATE/lxd.pid

log() { printf '[lxd-down %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
pid_is_lxd() { [ -n "${1:-}" ] && [ -r "/proc/$1/comm" ] && [ "$(cat "/proc/$1/comm")" = lxd ]; }

PID=$(cat "$PIDFILE" 2>/dev/null || true)
if pid_is_lxd "$PID"; then
  timeout 30 lxc stop --all --force >/dev/null 2>&1 || true
  timeout 30 lxc stop --all --force --project vigie-b >/dev/null 2>&1 || true
  # --force: an exec operation nobody connected to would block a clean shutdown.
  timeout 20 lxd shutdown --force --timeout=15 >/dev/null 2>&1 || true
  for _ in $(seq 15); do kill -0 "$PID" 2>/dev/null || break; sleep 1; done
  if kill -0 "$PID" 2>/dev/null; then
    log "daemon $PID still running; SIGTERM"; kill -TERM "$PID" 2>/dev/null || true
    for _ in $(seq 10); do kill -0 "$PID" 2>/dev/null || break; sleep 1; done
  fi
  if kill -0 "$PID" 2>/dev/null; then
    log "daemon $PID still running; SIGKILL"; kill -KILL "$PID" 2>/dev/null || true; sleep 1
  fi
  log "daemon $PID stopped"
fi

# Leftovers that belong to this LXD_DIR only: container monitors and the
# daemon's fork helpers name it on their command line.
for p in /proc/[0-9]*; do
  cmd=$(tr '\0' ' ' 2>/dev/null <"$p/cmdline" || true)
  case $cmd in
    "[lxc monitor] $LXD_DIR/"*|"lxd fork"*"$LXD_DIR/"*)
      log "killing leftover ${p#/proc/}: $cmd"; kill -KILL "${p#/proc/}" 2>/dev/null || true ;;
  esac
done
# Mounts inside STATE_DIR, deepest first.
findmnt -rn -o TARGET 2>/dev/null | grep "^$STATE/" | sort -r | while read -r m; do
  umount -l "$m" 2>/dev/null && log "unmounted $m"
done
rm -f "$PIDFILE"
exit 0
