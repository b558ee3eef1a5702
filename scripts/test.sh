#!/usr/bin/env bash
# Sets up everything, builds, starts a real AIStore cluster on loopback, runs
# the whole test suite against it and stops the cluster again (unless it was
# already running before). Extra arguments go to ctest (e.g. -L unit).
# The cluster has AIS_TARGETS targets (3; AIS_TARGETS=1 for one).
set -euo pipefail
dir="$(cd "$(dirname "$0")" && pwd)"
. "$dir/common.sh"
preset="${SHARDSCOPE_PRESET:-release}"

t_start=$(date +%s)
bash "$dir/setup.sh" all
t_setup=$(date +%s)
bash "$dir/build.sh" "$preset"
t_build=$(date +%s)

started=0
if ! EP=$(bash "$dir/cluster-status.sh" 2>/dev/null); then
  EP=$(bash "$dir/cluster-start.sh")
  started=1
fi
cleanup() { if [ "$started" = 1 ]; then bash "$dir/cluster-stop.sh" || true; fi; }
trap cleanup EXIT
export AIS_ENDPOINT="$EP"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"

cd "$SHARDSCOPE_ROOT/build/$preset"
rc=0
ctest --output-on-failure -j "$(nproc)" "$@" || rc=$?
t_end=$(date +%s)
log "setup $((t_setup - t_start)) s, build $((t_build - t_setup)) s, tests $((t_end - t_build)) s (cluster at $EP)"
exit $rc
