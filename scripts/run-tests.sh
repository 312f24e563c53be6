#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test through ctest.
#   scripts/run-tests.sh              release build, all tests (the `fuzz` ones build the clang
#                                     tree build/fuzz on first use, then fuzz each target briefly)
#   scripts/run-tests.sh --asan-unit  ASan+UBSan build, unit tests only
#   scripts/run-tests.sh --asan       ASan+UBSan build, unit and integration tests
#   scripts/run-tests.sh --tsan       ThreadSanitizer build of the `tsan` subset, and its tests
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
  "") preset=release tests=release ;;
  --asan-unit) preset=asan tests=asan ;;
  --asan) preset=asan tests=asan-all ;;
  --tsan) preset=tsan tests=tsan ;;
  *) echo "usage: $0 [--asan-unit | --asan | --tsan]" >&2; exit 2 ;;
esac

scripts/install-deps.sh --test-tools
scripts/build.sh "$preset"

# PoCL compiles kernels once and caches them; keep that cache inside the build tree.
export POCL_CACHE_DIR="$PWD/build/$preset/pocl-cache"
# Checkers the tests use when present (promtool from scripts/install-deps.sh --test-tools).
export PROOFGRID_TOOLS_DIR="$PWD/build/tools"
ctest --preset "$tests" -j "$(nproc)"
