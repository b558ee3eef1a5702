#!/usr/bin/env bash
# Installs everything shardscope needs to build, test and benchmark:
# Debian packages, AIStore (aisnode, aisloader) and the Python peer venv.
# Idempotent: a second run only checks.
set -euo pipefail
dir="$(dirname "$0")"
what="${1:-all}"   # all | app (only what building and running the app needs)
bash "$dir/install-deps.sh"
if [ "$what" = all ]; then
  bash "$dir/install-ais.sh"
  bash "$dir/setup-venv.sh"
fi
