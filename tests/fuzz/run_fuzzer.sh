#!/usr/bin/env bash
# One bounded libFuzzer run, as `ctest -L fuzz` does it:
#   tests/fuzz/run_fuzzer.sh BINARY SEED_DIR WORK_DIR SECONDS [libFuzzer flags...]
# Every seed runs first (so a reproducer kept in the corpus is a regression test), then the
# target is fuzzed for SECONDS ($PROOFGRID_FUZZ_SECONDS overrides it). New inputs go to
# WORK_DIR/corpus, never into the seed directory; a crash leaves WORK_DIR/crash-*.
set -euo pipefail
binary=$1 seeds=$2 work=$3 seconds=${PROOFGRID_FUZZ_SECONDS:-$4}
shift 4
if [[ ! -x "$binary" ]]; then
  echo "fuzz: $binary is missing; build the clang tree: cmake --preset fuzz && cmake --build --preset fuzz" >&2
  exit 1
fi
rm -rf "$work"
mkdir -p "$work/corpus"
# -rss_limit_mb/-malloc_limit_mb: no input may need much memory; -timeout: nor much time.
status=0
"$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=512 \
  -print_final_stats=1 -artifact_prefix="$work/" "$@" "$work/corpus" "$seeds" || status=$?
if [[ $status -ne 0 ]]; then
  shopt -s nullglob
  for crash in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do
    echo "fuzz: reproduce with: $binary $crash"
    echo "fuzz: once fixed, keep it as a regression seed: cp $crash $seeds/"
  done
  exit "$status"
fi
