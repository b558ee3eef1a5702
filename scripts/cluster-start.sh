#!/usr/bin/env bash
# Starts a throwaway AIStore cluster on loopback: one proxy and one target,
# state under $AIS_CLUSTER_DIR (default /var/tmp/shardscope-ais, a real disk:
# AIStore needs xattrs and O_DIRECT, which tmpfs on Debian 12 lacks).
# Waits until the cluster is ready, then prints its endpoint on stdout.
# Running it again while the cluster is up just prints the endpoint; a stale
# directory from a killed run is cleaned up first.
set -euo pipefail
. "$(dirname "$0")/common.sh"

R="$AIS_CLUSTER_DIR"
EP="http://127.0.0.1:$AIS_PROXY_PORT"
TARGET_EP="http://127.0.0.1:$AIS_TARGET_PORT"
AISNODE="$AIS_BIN/aisnode"
[ -x "$AISNODE" ] || die "aisnode is not installed; run scripts/install-ais.sh"
command -v curl >/dev/null || die "curl is needed; run scripts/install-deps.sh"

# Is a process one of our aisnodes (and not a recycled pid)?
ours() { [ -n "${1:-}" ] && [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' < "/proc/$1/cmdline" | grep -q "aisnode.*$R/"; }
ready() {
  curl -sf -o /dev/null --max-time 2 "$EP/v1/health?prr=true" &&
  curl -sf -o /dev/null --max-time 2 "$TARGET_EP/v1/health?readiness=true"
}

if EP_RUNNING=$(bash "$(dirname "$0")/cluster-status.sh" 2>/dev/null); then
  log "cluster already running"
  echo "$EP"
  exit 0
fi

# Anything left from an earlier run (killed, half-started) goes first.
# --keep-state: restart on the buckets and objects of the last run (a node
# restart, as after a crash); otherwise start from nothing.
keep=""
[ "${1:-}" = "--keep-state" ] && keep="--keep-state"
"$(dirname "$0")/cluster-stop.sh" $keep >&2

for port in "$AIS_PROXY_PORT" $((AIS_PROXY_PORT + 1000)) $((AIS_PROXY_PORT + 2000)) \
            "$AIS_TARGET_PORT" $((AIS_TARGET_PORT + 1000)) $((AIS_TARGET_PORT + 2000)); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port $port on 127.0.0.1 is in use by another program; stop it or set AIS_PROXY_PORT/AIS_TARGET_PORT"
  fi
done

mkdir -p "$R/p0" "$R/t0" "$R/data"
fstype=$(stat -f -c %T "$R")
case "$fstype" in
  tmpfs|ramfs|nfs*|overlayfs) die "$R is on $fstype; AIStore needs a real disk filesystem (set AIS_CLUSTER_DIR)";;
esac

# Cluster config (used on first start only; the directory is new every time).
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

local_config() { # role dir port count
  cat > "$R/$2/ais_local.json" <<JSON
{
  "confdir": "$R/$2",
  "log_dir": "$R/$2/log",
  "host_net": {"hostname": "127.0.0.1", "hostname_intra_control": "127.0.0.1", "hostname_intra_data": "127.0.0.1",
               "port": "$3", "port_intra_control": "$(( $3 + 1000 ))", "port_intra_data": "$(( $3 + 2000 ))"},
  "fspaths": {},
  "test_fspaths": {"root": "$R/data", "count": $4, "instance": 0}
}
JSON
}
local_config proxy p0 "$AIS_PROXY_PORT" 0
local_config target t0 "$AIS_TARGET_PORT" 1

start_node() { # role dir extra-args...
  local role=$1 dir=$2; shift 2
  env -u KUBERNETES_SERVICE_HOST -u KUBERNETES_SERVICE_PORT -u AIS_HOST_IP -u AIS_HOST_PORT \
    setsid "$AISNODE" -config="$R/ais.json" -local_config="$R/$dir/ais_local.json" -role="$role" "$@" \
    > "$R/$dir/aisnode.out" 2>&1 < /dev/null &
  echo $! > "$R/$role.pid"
}

t0=$(date +%s)
log "starting AIStore $("$AISNODE" version 2>&1 | head -1 | sed -n 's/^version //p') in $R"
start_node proxy p0 -ntargets=1
sleep 1
start_node target t0

deadline=$(( t0 + ${AIS_START_TIMEOUT:-120} ))
until ready; do
  for role in proxy target; do
    if ! ours "$(cat "$R/$role.pid")"; then
      log "the $role exited during start-up; its output:"
      tail -n 30 "$R/$([ $role = proxy ] && echo p0 || echo t0)/aisnode.out" >&2 || true
      "$(dirname "$0")/cluster-stop.sh" >&2
      die "AIStore did not start"
    fi
  done
  if [ "$(date +%s)" -ge "$deadline" ]; then
    log "not ready after ${AIS_START_TIMEOUT:-120} s; last output:"
    tail -n 20 "$R/p0/aisnode.out" "$R/t0/aisnode.out" >&2 || true
    "$(dirname "$0")/cluster-stop.sh" >&2
    die "AIStore did not become ready"
  fi
  sleep 0.5
done
log "cluster ready in $(( $(date +%s) - t0 )) s: proxy pid $(cat "$R/proxy.pid"), target pid $(cat "$R/target.pid")"
echo "$EP"
