#!/usr/bin/env bash
# Exits 0 and prints the endpoint when the cluster started by cluster-start.sh
# is running and ready (the proxy and every target it set up); exits 1
# otherwise. With --verbose, says which node is not.
set -euo pipefail
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/cluster-lib.sh"
say() { [ "${1:-}" = "--verbose" ] && log "${*:2}"; return 0; }
v="${1:-}"
ais_ours "$(cat "$R/proxy.pid" 2>/dev/null)" || { say "$v" "the proxy is not running"; exit 1; }
proxy_ready || { say "$v" "the proxy at $EP is not ready"; exit 1; }
n=0
for i in $(target_indexes); do
  ais_ours "$(target_pid "$i")" || { say "$v" "target $i is not running"; exit 1; }
  target_ready "$i" || { say "$v" "target $i at $(target_url "$i") is not ready"; exit 1; }
  n=$((n + 1))
done
[ "$n" -ge 1 ] || { say "$v" "no targets in $R"; exit 1; }
echo "$EP"
