#!/usr/bin/env bash
# The fixture of `ctest -L fuzz`: configures (once) and builds the clang tree of the fuzz
# targets, build/fuzz, with the `fuzz` presets. Later runs rebuild only what changed.
#   tests/fuzz/build_tree.sh SOURCE_DIR
set -euo pipefail
cd "$1"
for tool in clang++-14 clang-14; do
  if ! command -v "$tool" >/dev/null; then
    echo "fuzz: $tool not found; the fuzz targets need clang 14 and libFuzzer:" \
         "run scripts/install-deps.sh as root (it installs clang-14 and libclang-rt-14-dev)" >&2
    exit 1
  fi
done
if [[ ! -f build/fuzz/CMakeCache.txt ]]; then
  cmake --preset fuzz >/dev/null
fi
cmake --build --preset fuzz -j "$(nproc)"
