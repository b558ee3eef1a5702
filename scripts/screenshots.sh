#!/usr/bin/env bash
# Renders screenshots of the main views into docs/screenshots/ (the README
# shows them): builds the app, makes the demo data set on the embedded
# default store, starts the cluster for the cluster view (and stops it again
# if it started it), and walks the real window through its views on a
# virtual X display (Xvfb). Usage: scripts/screenshots.sh [--language de]
# (English pictures go to docs/screenshots/, another language's to
# docs/screenshots/<code>/).
set -euo pipefail
dir="$(cd "$(dirname "$0")" && pwd)"
. "$dir/common.sh"
bash "$dir/setup.sh" all
bash "$dir/build.sh" release >&2
app="$SHARDSCOPE_ROOT/build/release/app/shardscope"
cli="$SHARDSCOPE_ROOT/build/release/app/shardscope-cli"
out="$SHARDSCOPE_ROOT/docs/screenshots"
if ! "$cli" get local://demo/dataset.json >/dev/null 2>&1; then
  log "creating the demo data set local://demo"
  "$cli" gen local://demo --demo >&2
fi
if ! "$cli" ls local://sizes >/dev/null 2>&1; then
  log "creating local://sizes (objects of many sizes, for batch tuning)"
  i=0
  for spec in 400:2KiB 300:9KiB 250:23KiB 150:47KiB 120:71KiB 60:118KiB 25:190KiB; do
    i=$((i + 1))
    "$cli" gen "local://sizes/g$i/" --objects "${spec%%:*}" --size "${spec##*:}" >&2
  done
fi
started=0
if ! EP=$(bash "$dir/cluster-status.sh" 2>/dev/null); then
  EP=$(bash "$dir/cluster-start.sh"); started=1
fi
trap '[ "$started" = 1 ] && bash "$dir/cluster-stop.sh"' EXIT
# A fresh settings file: the pictures do not depend on this machine's history.
export XDG_CONFIG_HOME="$(mktemp -d)"
export AIS_ENDPOINT="$EP"
lang=""
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  [ "${args[$i]}" = "--language" ] && lang="${args[$((i + 1))]:-}"
done
[ -z "$lang" ] || [ "$lang" = en ] || out="$out/$lang"
mkdir -p "$out"
xvfb-run -a -s "-screen 0 1280x800x24" "$app" --screenshots "$out" "$@" local://demo
log "screenshots in $out"
