#!/usr/bin/env bash
# Starts a throwaway AIStore cluster on loopback: one proxy and N targets
# (--targets N, default $AIS_TARGETS = 3; the second target has 2 mountpaths),
# state under $AIS_CLUSTER_DIR (default /var/tmp/shardscope-ais, a real disk:
# AIStore needs xattrs and O_DIRECT, which tmpfs on Debian 12 lacks).
# Ports: the proxy AIS_PROXY_PORT (8080), target i AIS_TARGET_PORT+i (8081,
# 8082, ...); each node's intra-cluster ports are its port +1000 and +2000.
# Waits until the cluster is ready and settled (every target in the map, no
# rebalance running, for 3 s in a row), then prints its endpoint on stdout;
# when it has not settled within AIS_START_TIMEOUT it says so and still
# succeeds (the cluster runs). --no-settle: ready is enough (a test that
# restarts again at once, and settles at its end).
# Running it again while the cluster is up just prints the endpoint; a stale
# directory from a killed run is cleaned up first.
# --keep-state: restart on the buckets and objects of the last run (a node
# restart, as after a crash), with the targets that run had.
set -euo pipefail
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/cluster-lib.sh"

keep=""
settle=1
n="$AIS_TARGETS"
while [ $# -gt 0 ]; do
  case "$1" in
    --keep-state) keep="--keep-state";;
    --no-settle) settle="";;
    --targets) [ $# -ge 2 ] || die "--targets needs a number"; n=$2; shift;;
    --targets=*) n=${1#--targets=};;
    *) die "unknown argument '$1' (--targets N, --keep-state, --no-settle)";;
  esac
  shift
done
[[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -ge 1 ] && [ "$n" -le "$AIS_MAX_TARGETS" ] ||
  die "--targets must be a number from 1 to $AIS_MAX_TARGETS, not '$n'"
[ -x "$AISNODE" ] || die "aisnode is not installed; run scripts/install-ais.sh"
command -v curl >/dev/null || die "curl is needed; run scripts/install-deps.sh"

if EP_RUNNING=$(bash "$(dirname "$0")/cluster-status.sh" 2>/dev/null); then
  log "cluster already running"
  echo "$EP"
  exit 0
fi

if [ -n "$keep" ]; then
  kept=$(target_indexes | wc -l)
  [ "$kept" -ge 1 ] || die "--keep-state: no targets in $R to restart on"
  n=$kept
fi

# Anything left from an earlier run (killed, half-started) goes first.
"$(dirname "$0")/cluster-stop.sh" $keep >&2

check_port_layout "$n"
ports=$(node_ports "$AIS_PROXY_PORT")
for ((i = 0; i < n; i++)); do ports="$ports $(node_ports "$(target_port "$i")")"; done
# shellcheck disable=SC2086
require_free_ports $ports

mkdir -p "$R/p0"
fstype=$(stat -f -c %T "$R")
case "$fstype" in
  tmpfs|ramfs|nfs*|overlayfs) die "$R is on $fstype; AIStore needs a real disk filesystem (set AIS_CLUSTER_DIR)";;
esac

write_cluster_config

write_local_config p0 "$AIS_PROXY_PORT" 0
if [ -z "$keep" ]; then
  for ((i = 0; i < n; i++)); do write_local_config "t$i" "$(target_port "$i")" "$(target_mountpaths "$i" "$n")"; done
fi

t0=$(date +%s)
log "starting AIStore $("$AISNODE" version 2>&1 | head -1 | sed -n 's/^version //p') in $R with $n target(s)"
start_aisnode proxy p0 proxy.pid -ntargets="$n"
sleep 1
for ((i = 0; i < n; i++)); do start_target "$i"; done

all_ready() {
  proxy_ready || return 1
  for ((i = 0; i < n; i++)); do target_ready "$i" || return 1; done
}
deadline=$(( t0 + ${AIS_START_TIMEOUT:-120} ))
until all_ready; do
  ais_ours "$(cat "$R/proxy.pid")" || { show_output proxy p0; "$(dirname "$0")/cluster-stop.sh" >&2; die "AIStore did not start: the proxy exited"; }
  for ((i = 0; i < n; i++)); do
    if ! ais_ours "$(target_pid "$i")"; then
      show_output "target $i" "t$i"
      "$(dirname "$0")/cluster-stop.sh" >&2
      die "AIStore did not start: target $i exited"
    fi
  done
  if [ "$(date +%s)" -ge "$deadline" ]; then
    log "not ready after ${AIS_START_TIMEOUT:-120} s"
    show_output proxy p0
    for ((i = 0; i < n; i++)); do target_ready "$i" || show_output "target $i" "t$i"; done
    "$(dirname "$0")/cluster-stop.sh" >&2
    die "AIStore did not become ready"
  fi
  sleep 0.5
done
# Ready nodes may still be joining, or rebalancing after a restart on kept
# state: objects written now would land where the next map no longer puts them.
if [ -n "$settle" ] && ! wait_settled "${AIS_START_TIMEOUT:-120}" "$n"; then
  log "warning: not settled after ${AIS_START_TIMEOUT:-120} s ($(smap_targets) of $n target(s) in the map, or a rebalance still runs); the cluster runs, tests that check placement may fail"
fi
pids=""
for ((i = 0; i < n; i++)); do pids="$pids $(target_pid "$i")"; done
log "cluster ready in $(( $(date +%s) - t0 )) s: proxy pid $(cat "$R/proxy.pid"), target pids$pids"
echo "$EP"
