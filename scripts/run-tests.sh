#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test through ctest.
#   scripts/run-tests.sh              release build, all tests
#   scripts/run-tests.sh --asan-unit  ASan+UBSan build, unit tests only
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test-tools

preset=release
if [[ "${1:-}" == "--asan-unit" ]]; then preset=asan; fi
scripts/build.sh "$preset"

# PoCL compiles kernels once and caches them; keep that cache inside the build tree.
export POCL_CACHE_DIR="$PWD/build/$preset/pocl-cache"
# Checkers the tests use when present (promtool from scripts/install-deps.sh --test-tools).
export PROOFGRID_TOOLS_DIR="$PWD/build/tools"
ctest --preset "$preset" -j "$(nproc)"
