#!/usr/bin/env bash
# Installs the Debian 12 packages proofgrid needs, and nothing else.
# Idempotent: when every package is present it returns at once without touching apt.
#   scripts/install-deps.sh               build and run proofgrid
#   scripts/install-deps.sh --test-tools  also the checkers the tests use: nft, and promtool
#                                         unpacked from Debian's prometheus package into
#                                         build/tools (no Prometheus server is installed)
set -euo pipefail
cd "$(dirname "$0")/.."
test_tools=0
[[ "${1:-}" == "--test-tools" ]] && test_tools=1

packages=(
  build-essential cmake pkg-config git ca-certificates
  libgmp-dev libssl-dev libtbb-dev libeigen3-dev
  libyaml-cpp-dev libboost-dev libboost-system-dev libcli11-dev libspdlog-dev libfmt-dev
  nlohmann-json3-dev libsqlite3-dev catch2 libhwy-dev
  opencl-headers opencl-clhpp-headers ocl-icd-opencl-dev ocl-icd-libopencl1 pocl-opencl-icd
  clang-14 libclang-rt-14-dev iproute2 procps
)
(( test_tools )) && packages+=(nftables)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

fetch_promtool() {
  local tools=build/tools
  [[ -x $tools/promtool ]] && return 0
  command -v apt-get >/dev/null || return 0
  local tmp
  tmp=$(mktemp -d)
  if (cd "$tmp" && apt-get download -qq prometheus >/dev/null 2>&1); then
    dpkg -x "$tmp"/prometheus_*.deb "$tmp/x"
    mkdir -p "$tools" && cp "$tmp/x/usr/bin/promtool" "$tools/"
    echo "install-deps: promtool unpacked into $tools"
  else
    echo "install-deps: could not download prometheus for promtool; metrics tests use their own parser only"
  fi
  rm -rf "$tmp"
}

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages present"
  (( test_tools )) && fetch_promtool
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
(( test_tools )) && fetch_promtool
exit 0
