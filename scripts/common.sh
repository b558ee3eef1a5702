# shellcheck shell=bash
# Shared settings for shardscope's scripts. Source it; do not run it.
# Everything here can be overridden from the environment.

SHARDSCOPE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SHARDSCOPE_ROOT

# Where installed tools (aisnode, ais, aisloader) and the Python venv live:
# outside the repo, shared between checkouts, rebuilt only when the pin changes.
SHARDSCOPE_TOOLS="${SHARDSCOPE_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/shardscope}"
export SHARDSCOPE_TOOLS

# AIStore release pinned for the cluster, the ais CLI and aisloader.
# v1.5.0 = AIStore 5.0. The CLI lives in its own Go module without version tags,
# so it is pinned by commit (the commit that made cmd/cli require v1.5.0).
AIS_VERSION="${AIS_VERSION:-v1.5.0}"
AIS_CLI_COMMIT="${AIS_CLI_COMMIT:-ad7b5519cb21}"
# The Python SDK release that ships with AIStore 5.0, and the PyTorch the peer uses.
AIS_PY_SDK_VERSION="${AIS_PY_SDK_VERSION:-1.25.0}"
TORCH_SPEC="${TORCH_SPEC:-torch==2.15.0}"  # >= 2.5 needed by the SDK; pinned for repeatable runs

AIS_BIN="$SHARDSCOPE_TOOLS/ais-$AIS_VERSION/bin"
SHARDSCOPE_VENV="$SHARDSCOPE_TOOLS/venv-ais$AIS_PY_SDK_VERSION"
export AIS_BIN SHARDSCOPE_VENV

# The throwaway cluster: on a real filesystem (xattrs, O_DIRECT), never tmpfs.
AIS_CLUSTER_DIR="${AIS_CLUSTER_DIR:-/var/tmp/shardscope-ais}"
AIS_PROXY_PORT="${AIS_PROXY_PORT:-8080}"
AIS_TARGET_PORT="${AIS_TARGET_PORT:-8081}"
export AIS_CLUSTER_DIR AIS_PROXY_PORT AIS_TARGET_PORT

BUILD_DIR="${BUILD_DIR:-$SHARDSCOPE_ROOT/build}"
export BUILD_DIR

log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }
die() { log "error: $*"; exit 1; }
