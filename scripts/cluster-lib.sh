# shellcheck shell=bash
# Node-level helpers shared by cluster-start.sh, cluster-node.sh and
# cluster-status.sh. Source it after common.sh; do not run it.
#
# State under $AIS_CLUSTER_DIR ($R):
#   ais.json              cluster config (first start only)
#   p0/                   the proxy's confdir, log and output; proxy.pid
#   t<i>/                 target i's confdir, log, output; its mountpaths are
#                         t<i>/data/mp1 .. mpK; t<i>.pid
#   target.pid            -> t0.pid (what single-target tools read)

R="$AIS_CLUSTER_DIR"
EP="http://127.0.0.1:$AIS_PROXY_PORT"
AISNODE="$AIS_BIN/aisnode"

# The cluster config: every node reads it on its first start only (later
# starts use the copy in their confdir), so it stays for nodes that join.
write_cluster_config() {
  cat > "$R/ais.json" <<JSON
{
  "backend": {},
  "auth": {},
  "proxy": {"primary_url": "$EP", "original_url": "$EP", "discovery_url": ""},
  "timeout": {"cplane_operation": "2s", "max_keepalive": "5s", "max_host_busy": "20s",
              "startup_time": "30s", "join_startup_time": "3m", "send_file_time": "5m",
              "cold_get_conflict": "5s", "ec_streams_time": "10m", "object_md": "2h"},
  "net": {"l4": {"proto": "tcp", "sndrcv_buf_size": 131072},
          "http": {"use_https": false, "idle_conn_time": "6s", "idle_conns_per_host": 32, "idle_conns": 256,
                   "write_buffer_size": 65536, "read_buffer_size": 65536, "chunked_transfer": true}},
  "memsys": {"min_free": "2gb", "default_buf": "32kb", "to_gc": "4gb", "hk_time": "3m"},
  "versioning": {"enabled": true, "validate_warm_get": false},
  "resilver": {"enabled": true},
  "space": {"cleanupwm": 90, "lowwm": 93, "highwm": 96, "out_of_space": 99},
  "fshc": {"enabled": false, "test_files": 4, "error_limit": 2, "io_err_limit": 10, "io_err_time": "10s"},
  "log": {"level": "3", "flush_time": "5s"}
}
JSON
}

# A node's local config: dir port mountpath-count.
write_local_config() {
  local dir=$1 port=$2 count=$3
  mkdir -p "$R/$dir"
  cat > "$R/$dir/ais_local.json" <<JSON
{
  "confdir": "$R/$dir",
  "log_dir": "$R/$dir/log",
  "host_net": {"hostname": "127.0.0.1", "hostname_intra_control": "127.0.0.1", "hostname_intra_data": "127.0.0.1",
               "port": "$port", "port_intra_control": "$(( port + 1000 ))", "port_intra_data": "$(( port + 2000 ))"},
  "fspaths": {},
  "test_fspaths": {"root": "$R/$dir/data", "count": $count, "instance": 0}
}
JSON
}

# Starts aisnode in the background: role dir pidfile extra-args...
start_aisnode() {
  local role=$1 dir=$2 pidfile=$3; shift 3
  env -u KUBERNETES_SERVICE_HOST -u KUBERNETES_SERVICE_PORT -u AIS_HOST_IP -u AIS_HOST_PORT \
    setsid "$AISNODE" -config="$R/ais.json" -local_config="$R/$dir/ais_local.json" -role="$role" "$@" \
    >> "$R/$dir/aisnode.out" 2>&1 < /dev/null &
  echo $! > "$R/$pidfile"
}

start_target() { # index [extra-args]
  local i=$1; shift
  start_aisnode target "t$i" "t$i.pid" "$@"
  [ "$i" = 0 ] && ln -sfn t0.pid "$R/target.pid"
  return 0
}

target_pid() { cat "$R/t$1.pid" 2>/dev/null || true; }
target_url() { echo "http://127.0.0.1:$(target_port "$1")"; }
target_ready() { curl -sf -o /dev/null --max-time 2 "$(target_url "$1")/v1/health?readiness=true"; }
proxy_ready() { curl -sf -o /dev/null --max-time 2 "$EP/v1/health?prr=true"; }

# Fails when one of the given ports is taken by some program.
require_free_ports() {
  local port
  for port in "$@"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      die "port $port on 127.0.0.1 is in use by another program; stop it or set AIS_PROXY_PORT/AIS_TARGET_PORT"
    fi
  done
}

# Fails when the proxy's and targets 0..n-1's ports are not all distinct.
check_port_layout() {
  local n=$1 all i
  all="$(node_ports "$AIS_PROXY_PORT")"
  for ((i = 0; i < n; i++)); do all="$all $(node_ports "$(target_port "$i")")"; done
  local dup
  dup=$(tr ' ' '\n' <<<"$all" | sort | uniq -d | head -1)
  [ -z "$dup" ] || die "port $dup would be used twice (AIS_PROXY_PORT=$AIS_PROXY_PORT, AIS_TARGET_PORT=$AIS_TARGET_PORT, $n targets; target i uses AIS_TARGET_PORT+i, +1000, +2000)"
  for p in $all; do [ "$p" -lt 65536 ] || die "port $p is out of range"; done
}

# The cluster map as the proxy has it (JSON), or nothing.
smap_json() { curl -sf --max-time 5 "$EP/v1/cluster?what=smap"; }

# No rebalance running in the cluster (asked of the proxy).
rebalance_idle() {
  local out
  out=$(curl -sf --max-time 5 -X GET -H 'Content-Type: application/json' \
        -d '{"kind": "rebalance"}' "$EP/v1/cluster?what=running_all") || return 1
  [ "$(tr -d ' \n' <<<"$out")" = "[]" ] || [ "$(tr -d ' \n' <<<"$out")" = "null" ]
}

# Number of targets in the cluster map.
smap_targets() {
  smap_json | python3 -c 'import json, sys; print(len(json.load(sys.stdin).get("tmap", {})))' 2>/dev/null || echo 0
}

# N targets in the map and no rebalance running: objects stay where the map
# says (a restart or a kill may leave a rebalance behind it).
cluster_settled() { [ "$(smap_targets)" -ge "$1" ] && rebalance_idle; }

# Waits up to S seconds until cluster_settled N has held for 3 s in a row (a
# rebalance starts a moment after the map changes, so one look is not
# enough); fails when it has not.
wait_settled() { # S N
  local deadline=$(( $(date +%s) + $1 )) since=""
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if cluster_settled "$2"; then
      since=${since:-$(date +%s)}
      [ $(( $(date +%s) - since )) -lt 3 ] || return 0
    else
      since=""
    fi
    sleep 0.5
  done
  return 1
}

# The node id of the target listening on a public port, from the cluster map.
target_id_by_port() {
  smap_json | python3 -c '
import json, sys
port = sys.argv[1]
for sid, n in json.load(sys.stdin).get("tmap", {}).items():
    if n["public_net"]["daemon_port"] == port:
        print(sid)
' "$1"
}

# Prints the output of a node that failed (role dir).
show_output() { log "output of $1 ($R/$2/aisnode.out):"; tail -n 30 "$R/$2/aisnode.out" >&2 || true; }
