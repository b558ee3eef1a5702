#!/usr/bin/env bash
# Installs the Debian packages shardscope builds, tests and benchmarks with.
# Idempotent: installs only what is missing; runs apt-get update only then.
set -euo pipefail
. "$(dirname "$0")/common.sh"

PKGS=(
  build-essential cmake ninja-build ccache pkg-config git curl ca-certificates
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-translations-l10n qt6-svg-dev qt6-qpa-plugins libgl-dev
  libqcustomplot-dev libqcustomplot2.1-qt6
  libcurl4-openssl-dev libarchive-dev nlohmann-json3-dev libmsgpack-cxx-dev liblz4-dev zlib1g-dev libpugixml-dev libxxhash-dev libpng-dev libjpeg62-turbo-dev
  libtorch-dev
  xvfb xauth fonts-dejavu-core fonts-wqy-microhei
  python3-venv python3-dev
  clang-format desktop-file-utils dpkg-dev
  tar gzip lz4 zip unzip attr openssl python3
  time linux-perf
)

missing=()
for p in "${PKGS[@]}"; do
  case "$p" in *-) continue ;; esac   # a trailing '-' marks a package we deliberately skip
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  log "all Debian packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
log "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
