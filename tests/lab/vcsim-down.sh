#!/usr/bin/env bash
# vcsim-down.sh STATE_DIR - stop the simulators vcsim-up.sh started, by PID.
set -uo pipefail
STATE=${1:?usage: vcsim-down.sh STATE_DIR}
for name in esx vc; do
  pidfile="$STATE/$name/vcsim.pid"
  [ -s "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$pidfile" "$STATE/$name/vcsim.env"
done
exit 0
