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
# Target i (0, 1, ...) listens on AIS_TARGET_PORT+i, its intra-cluster control
# and data ports are that +1000 and +2000 (the proxy's: AIS_PROXY_PORT +1000,
# +2000). cluster-start.sh refuses a layout where two of these collide.
# The suite's cluster has 3 targets; the second one has 2 mountpaths.
AIS_TARGETS="${AIS_TARGETS:-3}"
AIS_MAX_TARGETS=64
export AIS_CLUSTER_DIR AIS_PROXY_PORT AIS_TARGET_PORT AIS_TARGETS

# The ports of target i and of the proxy (public, intra-control, intra-data).
target_port() { echo $(( AIS_TARGET_PORT + $1 )); }
node_ports() { echo "$1" $(( $1 + 1000 )) $(( $1 + 2000 )); }
# Mountpaths of target i in a cluster of n targets: 2 on the second target.
target_mountpaths() { if [ "$2" -ge 2 ] && [ "$1" -eq 1 ]; then echo 2; else echo 1; fi; }
# Is a process one of the aisnodes of the cluster in $AIS_CLUSTER_DIR (and not a recycled pid)?
ais_ours() { [ -n "${1:-}" ] && [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' < "/proc/$1/cmdline" | grep -q "aisnode.*$AIS_CLUSTER_DIR/"; }
# The indexes of the targets that cluster-start.sh / cluster-node.sh set up, in order.
target_indexes() { for d in "$AIS_CLUSTER_DIR"/t[0-9]*; do if [ -d "$d" ]; then echo "${d##*/t}"; fi; done | sort -n; }

BUILD_DIR="${BUILD_DIR:-$SHARDSCOPE_ROOT/build}"
export BUILD_DIR

log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }
die() { log "error: $*"; exit 1; }
