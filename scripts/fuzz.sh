#!/usr/bin/env bash
# Builds the libFuzzer targets (clang 14 from Debian, ASan + UBSan) and runs
# each for a time budget on its corpus in tests/fuzz/corpus/<target>/.
# New inputs that add coverage are merged back into that corpus (minimised),
# so the replay test of the normal suite keeps them; a crash stops with the
# reproducer in build/fuzz/artifacts/ (add it to the corpus once fixed).
# Usage: scripts/fuzz.sh [seconds per target (default 600)] [target ...]
set -euo pipefail
dir="$(cd "$(dirname "$0")" && pwd)"
. "$dir/common.sh"
seconds="${1:-600}"
shift || true
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(shard_grouping archive_stream list_objects list_objects_msgpack config_parse brace_expand
  decode_npy decode_wav decode_json decode_png decode_jpeg ais_errors s3_list config_export)

need=()
for p in clang-14 libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ "${#need[@]}" -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  log "installing ${need[*]}"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

# Configure the fuzz preset and build only the targets to run (not the app).
build="$SHARDSCOPE_ROOT/build/fuzz"
(cd "$SHARDSCOPE_ROOT" && cmake --preset fuzz > /dev/null)
cmake --build "$build" -j "$(nproc)" --target "${targets[@]/#/fuzz_}"
mkdir -p "$build/artifacts"
summary="$build/fuzz-summary.txt"
: > "$summary"
for t in "${targets[@]}"; do
  corpus="$SHARDSCOPE_ROOT/tests/fuzz/corpus/$t"
  work="$build/work/$t"
  mkdir -p "$corpus" "$work"
  log "fuzzing $t for $seconds s"
  set +e
  "$build/tests/fuzz/fuzz_$t" "$work" "$corpus" -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 \
    -timeout=20 -artifact_prefix="$build/artifacts/$t-" -print_final_stats=1 2> "$build/$t.log"
  rc=$?
  set -e
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$build/$t.log" | grep -o '[0-9]*$' || echo 0)
  if [ "$rc" -ne 0 ]; then
    log "$t: FAILED after $execs executions; see $build/$t.log and $build/artifacts/"
    echo "$t executions=$execs seconds=$seconds result=crash" >> "$summary"
    tail -40 "$build/$t.log" >&2
    exit 1
  fi
  # Keep only what adds coverage: merge the new inputs into the repo corpus.
  "$build/tests/fuzz/fuzz_$t" -merge=1 "$corpus" "$work" -max_len=65536 2>> "$build/$t.log" >/dev/null
  echo "$t executions=$execs seconds=$seconds result=ok corpus=$(ls "$corpus" | wc -l)" >> "$summary"
  log "$t: $execs executions, no crash, corpus $(ls "$corpus" | wc -l) files"
done
cat "$summary"
