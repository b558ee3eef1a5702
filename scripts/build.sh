#!/usr/bin/env bash
# Configures and builds shardscope with a CMake preset: release (default),
# debug, asan (AddressSanitizer + UBSan) or tsan (ThreadSanitizer).
# The build directory is build/<preset>.
set -euo pipefail
. "$(dirname "$0")/common.sh"
preset="${1:-release}"
case "$preset" in release|debug|asan|tsan|fuzz) ;; *) die "unknown preset '$preset' (release, debug, asan, tsan, fuzz)";; esac

cd "$SHARDSCOPE_ROOT"
extra=()
[ -x "$SHARDSCOPE_VENV/bin/python" ] && extra+=("-DSHARDSCOPE_VENV=$SHARDSCOPE_VENV")
t0=$(date +%s)
cmake --preset "$preset" "${extra[@]}" > "build-$preset.configure.log" 2>&1 || { cat "build-$preset.configure.log" >&2; die "cmake configure failed"; }
rm -f "build-$preset.configure.log"
cmake --build --preset "$preset" -j "$(nproc)"
log "built preset $preset in $(( $(date +%s) - t0 )) s: build/$preset"
