#!/usr/bin/env bash
# Builds Vigie twice (with -Dwerror=true, then with ASan+UBSan) and the
# libFuzzer targets once (clang, fuzz/, ~20 s each from the committed
# corpus), brings up the
# real peers (vcsim, LXD) on loopback, runs the whole suite under Xvfb in a
# private D-Bus session with an unlocked throwaway keyring, and prints
# "N passed, N failed" from meson's own logs as its last line.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

fail_line() { echo "0 passed, 1 failed"; exit 1; }

scratch=$(mktemp -d "${TMPDIR:-/tmp}/vigie-ci.XXXXXX")
peers_down=()
cleanup() {
  for down in "${peers_down[@]}"; do eval "$down" >/dev/null 2>&1 || true; done
  rm -rf "$scratch"
}
trap cleanup EXIT

mkdir -p -m 700 "$scratch/runtime"
export XDG_RUNTIME_DIR="$scratch/runtime" XDG_DATA_HOME="$scratch/data" \
       XDG_CONFIG_HOME="$scratch/config" XDG_CACHE_HOME="$scratch/cache"
export GSETTINGS_BACKEND=memory GTK_A11Y=none ADW_DISABLE_PORTAL=1 GSK_RENDERER=cairo \
       GDK_DEBUG=gl-disable VIGIE_REQUIRE_SECRET_SERVICE=1 VIGIE_REQUIRE_PEERS=1
# French locale for the translation tests that use LC_ALL=fr_FR.UTF-8 too.
if command -v locale-gen >/dev/null && ! locale -a 2>/dev/null | grep -qi '^fr_FR.utf8'; then
  sed -i 's/^# *fr_FR.UTF-8/fr_FR.UTF-8/' /etc/locale.gen 2>/dev/null && locale-gen >/dev/null 2>&1 || true
fi

# Real peers, on loopback only. Each up script prints shell assignments to eval.
for peer in tests/lab/*-up.sh; do
  [ -x "$peer" ] || continue
  name=$(basename "$peer" -up.sh)
  echo "== starting peer: $name"
  if out=$("$peer" "$scratch/$name" 2> "$scratch/$name-up.log"); then
    eval "$out"
    peers_down+=("tests/lab/$name-down.sh '$scratch/$name'")
  else
    echo "warning: peer $name did not start; its tests will report it" >&2
    tail -20 "$scratch/$name-up.log" >&2
  fi
done

run_suite() {
  local build=$1
  rm -f "$build/meson-logs/testlog.json" "$build/meson-logs/testlog.junit.xml"
  xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
    dbus-run-session -- sh -c '
      echo ci-throwaway | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
      kpid=$!
      if ! gdbus wait --session --timeout 15 org.freedesktop.secrets; then
        echo "Secret Service did not appear on the session bus" >&2; kill $kpid; exit 1
      fi
      # Time limits guard against hangs; a loaded machine (or ASan) must not
      # trip them, so they are tripled here.
      meson test -C "$1" --print-errorlogs --num-processes 2 --timeout-multiplier 3
      rc=$?
      kill $kpid 2>/dev/null; wait $kpid 2>/dev/null
      exit $rc
    ' sh "$build"
}

total_pass=0; total_fail=0
failures=()
count() {
  local out line
  out=$(python3 tools/summarize.py "$1/meson-logs")
  line=$(printf '%s\n' "$out" | tail -n 1)
  while IFS= read -r f; do failures+=("$2: $f"); done < <(printf '%s\n' "$out" | grep '^FAILED' || true)
  echo "$2: $line"
  total_pass=$((total_pass + $(echo "$line" | awk '{print $1}')))
  total_fail=$((total_fail + $(echo "$line" | awk '{print $3}')))
}

echo "== build (werror)"
if meson setup --reconfigure _build-ci -Dwerror=true >/dev/null 2>&1 || meson setup _build-ci -Dwerror=true; then
  if meson compile -C _build-ci; then
    run_suite _build-ci
    count _build-ci "werror build"
  else
    echo "werror build: compile failed"; total_fail=$((total_fail + 1))
  fi
else
  total_fail=$((total_fail + 1))
fi

if [ "${VIGIE_SKIP_ASAN:-0}" != 1 ]; then
  echo "== build (address,undefined sanitizers)"
  if (meson setup --reconfigure _build-asan -Db_sanitize=address,undefined -Db_lundef=false >/dev/null 2>&1 || \
      meson setup _build-asan -Db_sanitize=address,undefined -Db_lundef=false) && meson compile -C _build-asan; then
    # GTK, fontconfig and friends keep caches for the process lifetime: leaks
    # there are not ours and would drown the signal.
    ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      run_suite _build-asan
    count _build-asan "sanitizer build"
  else
    echo "sanitizer build: compile failed"; total_fail=$((total_fail + 1))
  fi
fi

if [ "${VIGIE_SKIP_FUZZ:-0}" != 1 ]; then
  echo "== build (libFuzzer targets, clang)"
  if (CC=clang meson setup --reconfigure _build-fuzz -Dfuzzing=true >/dev/null 2>&1 || \
      CC=clang meson setup _build-fuzz -Dfuzzing=true) && meson compile -C _build-fuzz; then
    # Each target runs ~20 s from fuzz/corpus/<target>/; no display or bus needed.
    rm -f _build-fuzz/meson-logs/testlog.json _build-fuzz/meson-logs/testlog.junit.xml
    meson test -C _build-fuzz --suite fuzz --print-errorlogs --num-processes 2
    count _build-fuzz "fuzz smoke"
  else
    echo "fuzz build: compile failed"; total_fail=$((total_fail + 1))
  fi
fi

# The failing tests' names come just before the last line, so that a log
# cut to its tail still says what failed.
for f in "${failures[@]}"; do echo "$f"; done
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
