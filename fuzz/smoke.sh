#!/bin/sh
# fuzz/smoke.sh TARGET CORPUS SECONDS
#
# Runs one libFuzzer target for SECONDS from its committed corpus. New inputs
# go to a scratch directory, never into the source tree; a crash leaves its
# reproducer next to the build (crash-*, see docs/fuzzing.md) and fails.
set -eu
# meson passes the target relative to the build directory: make it absolute.
exec_dir=$(cd "$(dirname "$1")" && pwd)
target=$exec_dir/$(basename "$1") corpus=$2 seconds=${3:-20}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/vigie-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/new"
cd "$exec_dir"
"$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$exec_dir/$(basename "$target")-" "$scratch/new" "$corpus"
