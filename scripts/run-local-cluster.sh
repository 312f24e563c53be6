#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build, and run the node on loopback with
# a generated config: the control process plus one data worker per core, minus the core the
# control process keeps (at least one worker), producing rounds until Ctrl-C.
#   scripts/run-local-cluster.sh [proofgrid options...]
# Environment: PROOFGRID_CONFIG (default ./.config), PROOFGRID_DEMO_DIFFICULTY (default 5000,
# a fixed VDF difficulty small enough for quick rounds; 0 would follow the chain's schedule).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh release

bin=build/release/node/proofgrid
config=${PROOFGRID_CONFIG:-./.config}
difficulty=${PROOFGRID_DEMO_DIFFICULTY:-5000}
if [[ ! -f "$config/config.yml" ]]; then
  echo "run-local-cluster: no $config/config.yml; creating one (fixed difficulty $difficulty)"
  "$bin" config init --config "$config" --difficulty "$difficulty"
fi
echo "run-local-cluster: slots of $config/config.yml"
"$bin" config check --config "$config"

echo "run-local-cluster: starting the node (Ctrl-C stops it): $bin --config $config $*"
exec "$bin" --config "$config" "$@"
