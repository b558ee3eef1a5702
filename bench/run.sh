#!/usr/bin/env bash
# Runs a benchmark suite against a real cluster (started here if none runs,
# and stopped again afterwards). Usage: bench/run.sh storage [options]
# (see bench/storage_bench.py --help), bench/run.sh sampler | loader, or
# bench/run.sh peers (P1, P2, P3, P6 against every peer, each run --repeat
# times, see bench/peers_bench.py --help), bench/run.sh listing (P4 vs the
# SDK and the ais CLI), bench/run.sh gui (P5: GUI stalls and memory on a
# 1M-object bucket), or bench/run.sh python (P7: the Python module vs the SDK
# and the CLI). Results go to bench/results/; after peers and listing the
# README's tables are regenerated from them (bench/tables.py) unless
# --no-readme is given.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/scripts/common.sh"
suite="${1:-storage}"; shift || true
readme=1 args=()
for a in "$@"; do
  if [ "$a" = --no-readme ]; then readme=0; else args+=("$a"); fi
done
set -- ${args[@]+"${args[@]}"}
bash "$root/scripts/setup.sh" all
bash "$root/scripts/build.sh" release >&2
started=0
if ! EP=$(bash "$root/scripts/cluster-status.sh" 2>/dev/null); then
  EP=$(bash "$root/scripts/cluster-start.sh"); started=1
fi
trap '[ "$started" = 1 ] && bash "$root/scripts/cluster-stop.sh"' EXIT
case "$suite" in
  storage)
    "$SHARDSCOPE_VENV/bin/python" "$root/bench/storage_bench.py" --endpoint "$EP" \
      --cli "$root/build/release/app/shardscope-cli" --aisloader "$AIS_BIN/aisloader" \
      --command "bench/run.sh storage $*" "$@";;
  sampler)
    "$SHARDSCOPE_VENV/bin/python" "$root/bench/sampler_bench.py" \
      --cli "$root/build/release/app/shardscope-cli" --command "bench/run.sh sampler $*" "$@";;
  loader)
    "$SHARDSCOPE_VENV/bin/python" "$root/bench/loader_bench.py" --endpoint "$EP" \
      --cli "$root/build/release/app/shardscope-cli" --command "bench/run.sh loader $*" "$@";;
  peers)
    # P1, P2, P3 and P6 against the SDK + DataLoader, aisloader and curl, each run --repeat times.
    (cd "$root/bench" && "$SHARDSCOPE_VENV/bin/python" "$root/bench/peers_bench.py" --endpoint "$EP" \
      --cli "$root/build/release/app/shardscope-cli" --aisloader "$AIS_BIN/aisloader" \
      --command "bench/run.sh peers $*" "$@");;
  listing)
    # P4: listing vs the SDK's list_all_objects_iter and, when on PATH, `ais ls --count-only`.
    (cd "$root/bench" && "$SHARDSCOPE_VENV/bin/python" "$root/bench/listing_bench.py" --endpoint "$EP" \
      --cli "$root/build/release/app/shardscope-cli" --command "bench/run.sh listing $*" "$@");;
  gui)
    # P5: the app listing a 1M-object bucket and benchmarking it, stalls and memory.
    (cd "$root/bench" && "$SHARDSCOPE_VENV/bin/python" "$root/bench/gui_bench.py" --endpoint "$EP" \
      --app "$root/build/release/app/shardscope" --cli "$root/build/release/app/shardscope-cli" \
      --command "bench/run.sh gui $*" "$@");;
  python)
    # P7: shardscope's Python module (installed in the venv by setup-venv.sh) vs the SDK and the CLI.
    (cd "$root/bench" && "$SHARDSCOPE_VENV/bin/python" "$root/bench/python_bench.py" --endpoint "$EP" \
      --cli "$root/build/release/app/shardscope-cli" --command "bench/run.sh python $*" "$@");;
  lint)
    (cd "$root/bench" && "$SHARDSCOPE_VENV/bin/python" "$root/bench/lint_bench.py" --endpoint "$EP" \
      --cli "$root/build/release/app/shardscope-cli" --command "bench/run.sh lint $*" "$@");;
  *) die "unknown suite '$suite' (peers, listing, gui, storage, sampler, loader, lint, python)";;
esac
case "$suite" in
  peers|listing|python|gui|lint)
    if [ "$readme" = 1 ]; then
      (cd "$root/bench" && "$SHARDSCOPE_VENV/bin/python" "$root/bench/tables.py" --readme "$root/README.md")
    fi;;
esac
