#!/usr/bin/env bash
# Stops the cluster that cluster-start.sh started, by its own process ids
# (and any aisnode still running from its directory), then wipes all its state
# (with --keep-state the buckets and objects stay, for a restart).
# Safe to run when nothing runs.
set -euo pipefail
. "$(dirname "$0")/common.sh"

R="$AIS_CLUSTER_DIR"
case "$R" in ""|/|/var|/var/tmp|/tmp|"$HOME") die "refusing to wipe AIS_CLUSTER_DIR=$R";; esac

ours() { ais_ours "$@"; }

pids=()
for f in "$R"/t[0-9]*.pid "$R/proxy.pid"; do   # targets first, as AIStore's own scripts do
  pid=$(cat "$f" 2>/dev/null || true)
  if ours "$pid"; then pids+=("$pid"); fi
done
# Nodes whose pid files were lost (a killed start script).
for p in /proc/[0-9]*; do
  pid=${p#/proc/}
  if ours "$pid" && [[ ! " ${pids[*]-} " =~ " $pid " ]]; then pids+=("$pid"); fi
done

if [ "${#pids[@]}" -gt 0 ]; then
  log "stopping aisnode pids ${pids[*]}"
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for _ in $(seq 1 40); do
    alive=()
    for pid in "${pids[@]}"; do ours "$pid" && alive+=("$pid"); done
    [ "${#alive[@]}" -eq 0 ] && break
    sleep 0.25
  done
  for pid in "${pids[@]}"; do
    if ours "$pid"; then log "pid $pid ignored SIGTERM; killing"; kill -KILL "$pid" 2>/dev/null || true; fi
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 40); do ours "$pid" || break; sleep 0.1; done
  done
fi

if [ "${1:-}" = "--keep-state" ]; then
  log "kept the cluster's state in $R (cluster-start.sh --keep-state restarts on it)"
elif [ -e "$R" ]; then
  rm -rf "$R"
  log "wiped $R"
else
  log "no cluster state at $R"
fi
