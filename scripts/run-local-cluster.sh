#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build, and run the node on loopback with
# a generated config: the control process plus one data worker per core, minus the core the
# control process keeps (at least one worker).
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

echo "run-local-cluster: starting the node: $bin --config $config $*"
status=0
"$bin" --config "$config" "$@" || status=$?
if [[ $status -eq 2 ]]; then
  echo "run-local-cluster: this build prepared the config, the identity and the slot plan shown" \
       "above, but it has no cluster runtime yet: no worker was started and nothing was proved."
fi
exit "$status"
