#!/usr/bin/env bash
# Changes the membership of the cluster that cluster-start.sh started, one
# target at a time (target i is the one on port AIS_TARGET_PORT+i):
#   cluster-node.sh add [mountpaths]    start a fresh target that joins; prints its index
#   cluster-node.sh kill I              SIGKILL target I (its state stays)
#   cluster-node.sh start I             start target I again on its state; waits until ready
#   cluster-node.sh maintenance-start I put target I into maintenance (AIStore rebalances its objects away)
#   cluster-node.sh maintenance-stop I  take it out again (rebalance back)
#   cluster-node.sh wait-rebalance [S]  wait up to S seconds (120) until no rebalance runs
#   cluster-node.sh id I | pid I | list
# Tests use it through tests/cluster/cluster_fixture.
set -euo pipefail
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/cluster-lib.sh"

usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
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
cluster_action() { # action index
  local sid body code deadline
  sid=$(target_id_by_port "$(target_port "$2")")
  [ -n "$sid" ] || die "target $2 is not in the cluster map"
  body="{\"action\": \"$1\", \"value\": {\"sid\": \"$sid\", \"skip_rebalance\": false}}"
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

rebalance_idle() {
  local out
  out=$(curl -sf --max-time 5 -X GET -H 'Content-Type: application/json' \
        -d '{"kind": "rebalance"}' "$EP/v1/cluster?what=running_all") || return 1
  [ "$(tr -d ' \n' <<<"$out")" = "[]" ] || [ "$(tr -d ' \n' <<<"$out")" = "null" ]
}

in_smap() { [ -n "$(target_id_by_port "$(target_port "$1")")" ]; }

case "$cmd" in
  add)
    mp=${1:-1}
    last=$(target_indexes | tail -1)
    i=$(( ${last:--1} + 1 ))
    check_port_layout $(( i + 1 ))
    # shellcheck disable=SC2046
    require_free_ports $(node_ports "$(target_port "$i")")
    write_local_config "t$i" "$(target_port "$i")" "$mp"
    start_target "$i"
    wait_until 120 "target $i joining" target_ready "$i"
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
    wait_until 120 "target $i restarting" target_ready "$i"
    log "target $i (pid $(target_pid "$i")) is back"
    ;;
  maintenance-start|maintenance-stop)
    i=$(index_arg "$@")
    cluster_action "${cmd#maintenance-}-maintenance" "$i"
    ;;
  wait-rebalance)
    secs=${1:-120}
    sleep 1 # a rebalance the last change triggered may not show yet
    wait_until "$secs" "rebalance" rebalance_idle
    log "no rebalance running"
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
