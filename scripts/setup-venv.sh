#!/usr/bin/env bash
# Creates the Python virtual environment for the peer: AIStore's Python SDK at the
# release that matches the cluster, and PyTorch >= 2.5 from PyPI (the SDK's
# DynamicBatchSampler needs it; Debian's python3-torch 1.13 is too old).
# Idempotent: a complete venv is left alone.
set -euo pipefail
. "$(dirname "$0")/common.sh"

stamp="$SHARDSCOPE_VENV/.shardscope-complete"
if [ -f "$stamp" ] && "$SHARDSCOPE_VENV/bin/python" -c 'import aistore, torch' 2>/dev/null; then
  log "Python venv present: $SHARDSCOPE_VENV"
  exit 0
fi

PY="${PYTHON:-}"
if [ -z "$PY" ]; then
  for c in python3 /usr/bin/python3; do
    if command -v "$c" >/dev/null 2>&1 && "$c" -c 'import venv, ensurepip' 2>/dev/null; then PY="$c"; break; fi
  done
fi
[ -n "$PY" ] || die "no python3 with the venv module (install python3-venv)"

t0=$(date +%s)
rm -rf "$SHARDSCOPE_VENV"
"$PY" -m venv "$SHARDSCOPE_VENV"
"$SHARDSCOPE_VENV/bin/python" -m pip install -q --upgrade pip
log "installing aistore==$AIS_PY_SDK_VERSION and $TORCH_SPEC (large download the first time)"
"$SHARDSCOPE_VENV/bin/python" -m pip install -q --progress-bar off "aistore[pytorch]==$AIS_PY_SDK_VERSION" "$TORCH_SPEC" numpy
"$SHARDSCOPE_VENV/bin/python" - <<'PY'
import aistore, torch
from aistore.pytorch import DynamicBatchSampler, AISMapDataset  # noqa: F401
print("aistore", aistore.__version__, "torch", torch.__version__, "cuda available:", torch.cuda.is_available())
PY
touch "$stamp"
log "venv ready in $(( $(date +%s) - t0 )) s: $SHARDSCOPE_VENV"
