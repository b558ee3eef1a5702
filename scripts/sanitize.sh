#!/usr/bin/env bash
# Builds shardscope with sanitizers and runs the whole suite (unit, cluster,
# gui, peer) under each: asan = AddressSanitizer + UndefinedBehaviorSanitizer,
# tsan = ThreadSanitizer. Usage: scripts/sanitize.sh [asan] [tsan] (default both).
# Each run starts with the canaries (tests/sanitizers): it fails unless every
# planted defect is reported.
# Prints how long each took. Starts/stops the cluster like scripts/test.sh.
set -euo pipefail
dir="$(cd "$(dirname "$0")" && pwd)"
. "$dir/common.sh"
presets=("$@")
[ "${#presets[@]}" -gt 0 ] || presets=(asan tsan)
bash "$dir/setup.sh" all
started=0
if ! EP=$(bash "$dir/cluster-status.sh" 2>/dev/null); then
  EP=$(bash "$dir/cluster-start.sh"); started=1
fi
trap '[ "$started" = 1 ] && bash "$dir/cluster-stop.sh"' EXIT
export AIS_ENDPOINT="$EP" QT_QPA_PLATFORM=offscreen
rc=0
for p in "${presets[@]}"; do
  t0=$(date +%s)
  bash "$dir/build.sh" "$p"
  t1=$(date +%s)
  # First the canaries: planted defects the sanitizer must report (a suppression
  # or option that hid them would hide shardscope's own bugs too), then the suite.
  (cd "$SHARDSCOPE_ROOT/build/$p" && ctest --output-on-failure -L canary) || { log "$p: a planted defect went unseen"; rc=1; }
  # The membership-change fault test (three ~50 s rebalances) runs once
  # under ThreadSanitizer, where its concurrency (map refresh beside the
  # loader's workers) is what is checked, and not again under ASan: CI's
  # time on 2 cores is bounded.
  skip=()
  [ "$p" = asan ] && skip=(-E '^test_membership_faults$')
  (cd "$SHARDSCOPE_ROOT/build/$p" && ctest --output-on-failure -j "$(nproc)" -LE canary "${skip[@]}") || rc=1
  t2=$(date +%s)
  log "$p: build $((t1 - t0)) s, tests $((t2 - t1)) s"
done
exit $rc
