#!/usr/bin/env bash
# Installs the Debian 12 packages proofgrid needs, and nothing else.
# Idempotent: when every package is present it returns at once without touching apt.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git ca-certificates
  libgmp-dev libssl-dev libtbb-dev libeigen3-dev
  libyaml-cpp-dev libboost-dev libboost-system-dev libcli11-dev libspdlog-dev libfmt-dev
  nlohmann-json3-dev libsqlite3-dev catch2 libhwy-dev
  opencl-headers opencl-clhpp-headers ocl-icd-opencl-dev ocl-icd-libopencl1 pocl-opencl-icd
  clang-14 libclang-rt-14-dev iproute2 procps
  nftables prometheus  # ops tests: nft -c on generated rules, promtool check metrics
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: missing packages: ${missing[*]}" >&2
  echo "install-deps: run as root (or: sudo $0)" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
