#!/usr/bin/env bash
# Creates the Python virtual environment for the peer: AIStore's Python SDK at the
# release that matches the cluster, and PyTorch >= 2.5 from PyPI (the SDK's
# DynamicBatchSampler needs it; Debian's python3-torch 1.13 is too old).
# Then installs shardscope's own Python module (python/, `import shardscope`)
# into it, rebuilt only when its sources changed.
# Idempotent: a complete venv is left alone.
set -euo pipefail
. "$(dirname "$0")/common.sh"

NANOBIND_SPEC="${NANOBIND_SPEC:-nanobind==2.9.2}"
SKBUILD_SPEC="${SKBUILD_SPEC:-scikit-build-core==1.1.2}"
# botocore signs the same S3 request as shardscope in tests/peer/test_s3_signature.py.
BOTOCORE_SPEC="${BOTOCORE_SPEC:-botocore==1.44.8}"

# Test-only peers, added to an existing venv as well as a new one.
install_test_peers() {
  local py="$SHARDSCOPE_VENV/bin/python"
  if ! "$py" -c 'import botocore' 2>/dev/null; then
    log "installing $BOTOCORE_SPEC"
    "$py" -m pip install -q --progress-bar off "$BOTOCORE_SPEC"
  fi
}

# shardscope's module: built from the repo's core/ and python/ with CMake
# (incrementally, in python/build), installed only when a source changed.
install_module() {
  local py="$SHARDSCOPE_VENV/bin/python" hash mstamp
  hash=$(cd "$SHARDSCOPE_ROOT" && cat CMakeLists.txt cmake/*.cmake core/CMakeLists.txt \
           $(find core python/src python/shardscope -type f \( -name '*.h' -o -name '*.cpp' -o -name '*.in' \
               -o -name '*.py' -o -name '*.pyi' -o -name 'CMakeLists.txt' \) | sort) python/pyproject.toml \
           python/CMakeLists.txt | sha256sum | cut -c1-16)
  mstamp="$SHARDSCOPE_VENV/.shardscope-module"
  if [ "$(cat "$mstamp" 2>/dev/null)" = "$hash" ] && "$py" -c 'import shardscope' 2>/dev/null; then
    log "shardscope Python module up to date in $SHARDSCOPE_VENV"
    return
  fi
  if ! "$py" -c 'import nanobind, scikit_build_core' 2>/dev/null; then
    "$py" -m pip install -q --progress-bar off "$NANOBIND_SPEC" "$SKBUILD_SPEC"
  fi
  log "building and installing the shardscope Python module"
  # No build isolation: nanobind and scikit-build-core come from the venv, and
  # python/build keeps CMake's state, so a small change rebuilds little.
  "$py" -m pip install -q --no-build-isolation --progress-bar off "$SHARDSCOPE_ROOT/python"
  "$py" -c 'import shardscope; print("shardscope module", shardscope.__version__)'
  echo "$hash" > "$mstamp"
}

stamp="$SHARDSCOPE_VENV/.shardscope-complete"
if [ -f "$stamp" ] && "$SHARDSCOPE_VENV/bin/python" -c 'import aistore, torch' 2>/dev/null; then
  log "Python venv present: $SHARDSCOPE_VENV"
  install_test_peers
  install_module
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
install_test_peers
install_module
log "venv ready in $(( $(date +%s) - t0 )) s: $SHARDSCOPE_VENV"
