#!/usr/bin/env bash
# Changes the membership of the cluster that cluster-start.sh started, one
# target at a time (target i is the one on port AIS_TARGET_PORT+i):
#   cluster-node.sh add [mountpaths]    start a fresh target that joins; prints its index
#   cluster-node.sh kill I              SIGKILL target I (its state stays)
#   cluster-node.sh start I             start target I again on its state; waits until ready
#   cluster-node.sh maintenance-start I put target I into maintenance (AIStore rebalances its objects away)
#   cluster-node.sh maintenance-stop I  take it out again (rebalance back)
#   cluster-node.sh remove I            decommission target I (rebalance, it shuts down), delete its state
#   cluster-node.sh wait-rebalance [S]  wait up to S seconds (180) until the rebalance of the last change ended
#   cluster-node.sh wait-settled [S]    wait up to S seconds (180) until every target is in the map and no rebalance runs (3 s in a row)
#   cluster-node.sh id I | pid I | list
# Tests use it through tests/cluster/cluster_fixture.
set -euo pipefail
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/cluster-lib.sh"

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 1 ] || usage
cmd=$1; shift

index_arg() {
  [ $# -ge 1 ] && [[ "$1" =~ ^[0-9]+$ ]] || die "$cmd needs a target index"
  [ -d "$R/t$1" ] || die "no target $1 in $R"
  echo "$1"
}

wait_until() { # seconds what command...
  local secs=$1 what=$2; shift 2
  local deadline=$(( $(date +%s) + secs ))
  until "$@"; do
    [ "$(date +%s)" -lt "$deadline" ] || die "$what: not done after $secs s"
    sleep 0.5
  done
}

# AIStore's own action on a node: PUT /v1/cluster {"action": ..., "value": {"sid": ...}}.
# Answers 409 while a rebalance runs; retried for a while.
cluster_action() { # action index [extra value fields]
  local sid body code deadline
  sid=$(target_id_by_port "$(target_port "$2")")
  [ -n "$sid" ] || die "target $2 is not in the cluster map"
  body="{\"action\": \"$1\", \"value\": {\"sid\": \"$sid\", \"skip_rebalance\": false${3:-}}}"
  deadline=$(( $(date +%s) + 120 ))
  while :; do
    code=$(curl -s -o "$R/action.out" -w '%{http_code}' --max-time 30 -X PUT \
      -H 'Content-Type: application/json' -d "$body" "$EP/v1/cluster")
    case "$code" in
      2??) log "$1 $sid (target $2): done"; return 0;;
      409) [ "$(date +%s)" -lt "$deadline" ] || die "$1 $sid: still 409 after 120 s: $(cat "$R/action.out")"; sleep 1;;
      *) die "$1 $sid: HTTP $code: $(cat "$R/action.out" 2>/dev/null)";;
    esac
  done
}

# The id of the latest rebalance ("g7"), and whether it ended: "g7 1".
latest_rebalance() {
  curl -sf --max-time 5 -X GET -H 'Content-Type: application/json' -d '{"kind": "rebalance"}' \
    "$EP/v1/cluster?what=status" 2>/dev/null | python3 -c '
import json, sys
try:
    x = json.load(sys.stdin)
    print(x.get("uuid", ""), 1 if x.get("end_time", 0) else 0)
except Exception:
    print("", 1)
' || echo " 1"
}
# Remembers the latest rebalance before a membership change, for wait-rebalance.
mark_rebalance() { latest_rebalance | cut -d' ' -f1 > "$R/rebalance.before"; }
new_rebalance_seen() { [ "$(latest_rebalance | cut -d' ' -f1)" != "$(cat "$R/rebalance.before" 2>/dev/null)" ]; }
rebalance_done() { rebalance_idle && [ "$(latest_rebalance | cut -d' ' -f2)" = 1 ]; }

# Ready, or fails the script at once when the node exited.
up_and_ready() {
  ais_ours "$(target_pid "$1")" || { show_output "target $1" "t$1"; die "target $1 exited"; }
  target_ready "$1"
}

in_smap() { [ -n "$(target_id_by_port "$(target_port "$1")")" ]; }
not_in_smap() { ! in_smap "$1"; }

case "$cmd" in
  add)
    mp=${1:-1}
    last=$(target_indexes | tail -1)
    i=$(( ${last:--1} + 1 ))
    check_port_layout $(( i + 1 ))
    # shellcheck disable=SC2046
    require_free_ports $(node_ports "$(target_port "$i")")
    mark_rebalance
    [ -f "$R/ais.json" ] || write_cluster_config
    write_local_config "t$i" "$(target_port "$i")" "$mp"
    start_target "$i"
    wait_until 120 "target $i joining" up_and_ready "$i"
    wait_until 60 "target $i in the cluster map" in_smap "$i"
    log "target $i ($(target_id_by_port "$(target_port "$i")"), pid $(target_pid "$i")) joined"
    echo "$i"
    ;;
  kill)
    i=$(index_arg "$@")
    pid=$(target_pid "$i")
    ais_ours "$pid" || die "target $i is not running"
    kill -KILL "$pid"
    for _ in $(seq 1 100); do ais_ours "$pid" || break; sleep 0.1; done
    log "killed target $i (pid $pid)"
    ;;
  start)
    i=$(index_arg "$@")
    ais_ours "$(target_pid "$i")" && die "target $i is running already"
    # shellcheck disable=SC2046
    require_free_ports $(node_ports "$(target_port "$i")")
    start_target "$i"
    wait_until 120 "target $i restarting" up_and_ready "$i"
    log "target $i (pid $(target_pid "$i")) is back"
    ;;
  maintenance-start|maintenance-stop)
    i=$(index_arg "$@")
    mark_rebalance
    cluster_action "${cmd#maintenance-}-maintenance" "$i"
    ;;
  remove)
    i=$(index_arg "$@")
    [ "$i" != 0 ] || die "target 0 stays (target.pid names it)"
    pid=$(target_pid "$i")
    mark_rebalance
    # The node would shut itself down, but only after a long grace period:
    # wait until the map has lost it, then stop it ourselves.
    cluster_action decommission-node "$i" ', "rm_user_data": true, "keep_initial_config": true, "no_shutdown": true'
    wait_until 180 "target $i leaving the cluster map" not_in_smap "$i"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do ais_ours "$pid" || break; sleep 0.2; done
    if ais_ours "$pid"; then log "target $i ignored SIGTERM; killing pid $pid"; kill -KILL "$pid"; fi
    rm -rf "${R:?}/t$i" "$R/t$i.pid"
    log "target $i decommissioned and removed"
    ;;
  wait-rebalance)
    # The rebalance the last change (add, maintenance-*, remove) started may
    # not show at once: wait a little for one newer than before it, then for
    # it to end.
    secs=${1:-180}
    for _ in $(seq 1 20); do new_rebalance_seen && break; sleep 0.5; done
    wait_until "$secs" "rebalance" rebalance_done
    log "no rebalance running (latest: $(latest_rebalance | cut -d' ' -f1))"
    ;;
  wait-settled)
    secs=${1:-180}
    n=0 # the targets running now (a killed one is not waited for)
    for i in $(target_indexes); do if ais_ours "$(target_pid "$i")"; then n=$((n + 1)); fi; done
    wait_settled "$secs" "$n" || die "not settled after $secs s: $(smap_targets) of $n target(s) in the map, or a rebalance still runs"
    log "all $n target(s) in the map, no rebalance running for 3 s"
    ;;
  id) i=$(index_arg "$@"); target_id_by_port "$(target_port "$i")";;
  pid) i=$(index_arg "$@"); target_pid "$i";;
  list)
    for i in $(target_indexes); do
      printf '%s\t%s\t%s\t%s\n' "$i" "$(target_id_by_port "$(target_port "$i")")" "$(target_pid "$i")" "$(target_url "$i")"
    done
    ;;
  *) usage;;
esac
