#!/usr/bin/env bash
# Exits 0 and prints the endpoint when the cluster started by cluster-start.sh
# is running and ready; exits 1 otherwise.
set -euo pipefail
. "$(dirname "$0")/common.sh"
R="$AIS_CLUSTER_DIR"
EP="http://127.0.0.1:$AIS_PROXY_PORT"
ours() { [ -n "${1:-}" ] && [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' < "/proc/$1/cmdline" | grep -q "aisnode.*$R/"; }
ours "$(cat "$R/proxy.pid" 2>/dev/null)" && ours "$(cat "$R/target.pid" 2>/dev/null)" || exit 1
curl -sf -o /dev/null --max-time 2 "$EP/v1/health?prr=true" || exit 1
curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$AIS_TARGET_PORT/v1/health?readiness=true" || exit 1
echo "$EP"
