#!/usr/bin/env bash
# Configures and builds one CMake preset (release by default): scripts/build.sh [preset]
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-release}
extra=()
# CI builds treat warnings as errors.
[[ "${CI:-}" == "true" || "${PROOFGRID_WERROR:-}" == "ON" ]] && extra+=(-DPROOFGRID_WERROR=ON)
cmake --preset "$preset" "${extra[@]}" >/dev/null
cmake --build --preset "$preset" -j "$(nproc)"
