#!/usr/bin/env bash
# Where the time of a 1 KiB-sample shard epoch goes: runs
# `shardscope-cli bench URL --mode shard --duration S` (epochs over and over,
# 1 KiB samples; one 20,000-sample epoch is too short to sample) under perf
# (Debian's linux-perf, see scripts/install-deps.sh; DWARF call graphs, as
# libc and libarchive have no frame pointers) and writes the self time by
# shared object, the top symbols and the call chains of the top three to
# bench/results/profile-<stamp>.txt.
# Usage: bench/profile_shards.sh [--workers W] [--samples N] [--seconds S] [--out DIR]
# (cluster running, shardscope-cli built; the shard set is generated once, as
# bench/run.sh peers does).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/scripts/common.sh"
workers=2 samples=20000 seconds=5 out="$root/bench/results"
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) workers="$2"; shift 2;;
    --samples) samples="$2"; shift 2;;
    --seconds) seconds="$2"; shift 2;;
    --out) out="$2"; shift 2;;
    *) die "unknown option '$1' (--workers W, --samples N, --seconds S, --out DIR)";;
  esac
done
command -v perf >/dev/null || die "perf not found: bash scripts/install-deps.sh installs linux-perf"
cli="$root/build/release/app/shardscope-cli"
[ -x "$cli" ] || die "$cli not built: bash scripts/build.sh release"
EP="${AIS_ENDPOINT:-http://127.0.0.1:8080}"
bucket="bench-shards-1kib-$samples"
(cd "$root/bench" && AIS_ENDPOINT="$EP" "$SHARDSCOPE_VENV/bin/python" -c "
import sys, datasets
from aistore.sdk import Client
n, per = datasets.shard_layout(1024, $samples * 1024)
assert n == $samples, f'--samples must be a multiple of {per}'
datasets.ensure_shards(Client('$EP'), '$bucket', n, per, 1024)")
mkdir -p "$out"
stamp="$(date -u +%Y%m%d-%H%M%S)"
data="$(mktemp -d)/perf.data"
trap 'rm -rf "$(dirname "$data")"' EXIT
cmd=("$cli" bench "ais://$bucket" --mode shard --duration "$seconds" --workers "$workers" --json)
AIS_ENDPOINT="$EP" perf record -q --call-graph dwarf,16384 -F 999 -o "$data" -- "${cmd[@]}" > "$data.json"
report="$out/profile-$stamp.txt"
{
  echo "# perf profile of shard reading for $seconds s, $samples samples of 1 KiB, W=$workers, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "# machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, kernel $(uname -r), load $(cut -d' ' -f1 /proc/loadavg)"
  echo "# command: perf record --call-graph dwarf,16384 -F 999 -- shardscope-cli bench ais://$bucket --mode shard --duration $seconds --workers $workers --json"
  echo "# the run's own report (items, seconds, cpu_percent):"
  sed 's/^/#   /' "$data.json" | grep -E '"(items|seconds|items_per_s|cpu_percent|errors)"'
  echo
  echo "## self time by shared object"
  perf report -i "$data" --stdio --no-children --sort dso -g none --percent-limit 1 2>/dev/null | grep -v '^#' | grep -v '^$' \
    | sed -E 's/[[:space:]]+-[[:space:]]+-[[:space:]]*$//; s/[[:space:]]+$//'
  echo
  echo "## top symbols by self time (>= 0.7%)"
  perf report -i "$data" --stdio --no-children --sort dso,symbol -g none --percent-limit 0.7 2>/dev/null \
    | grep -v '^#' | grep -v '^$' | sed -E 's/[[:space:]]+-[[:space:]]+-[[:space:]]*$//; s/[[:space:]]+$//' | cut -c1-160
  top=$(perf report -i "$data" --stdio --no-children --sort symbol -g none --percent-limit 2 2>/dev/null \
    | grep -v '^#' | grep -v '^$' | awk 'NR<=3' | sed -E 's/^ *[0-9.]+% +\[.\] //; s/[[:space:]]+-[[:space:]]+-[[:space:]]*$//; s/[[:space:]]+$//')
  while IFS= read -r sym; do
    [ -n "$sym" ] || continue
    echo
    echo "## call chains into $sym (caller first)"
    perf report -i "$data" --stdio --no-children -S "$sym" -G 2>/dev/null | grep -v '^#' | grep -v '^$' \
      | sed -E 's/[[:space:]]+$//' | grep -v -E '^[ |]*0x[0-9a-f]+$' | cut -c1-160 | awk 'NR<=40'
  done <<< "$top"
} > "$report"
cat "$report"
echo "wrote $report" >&2
