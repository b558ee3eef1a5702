#!/usr/bin/env bash
# Sets up what the desktop app needs, builds it and runs it on the embedded
# default store (local folders as buckets under the user's data directory).
# Without a display it runs on a virtual one (Xvfb). Arguments go to the app,
# e.g. --language de, or --screenshot FILE to save a picture of the window and quit.
set -euo pipefail
dir="$(cd "$(dirname "$0")" && pwd)"
. "$dir/common.sh"
bash "$dir/setup.sh" app
bash "$dir/build.sh" release >&2
app="$SHARDSCOPE_ROOT/build/release/app/shardscope"
cli="$SHARDSCOPE_ROOT/build/release/app/shardscope-cli"
# A demo data set on the embedded default store, made once: WebDataset shards
# with real PNG images, class labels, metadata and captions.
if ! "$cli" ls local://demo >/dev/null 2>&1; then
  log "creating the demo data set local://demo"
  "$cli" gen local://demo/train/ --shards 8 --samples 64 --ext png,cls,json,txt --image-size 48 >&2
  "$cli" gen local://demo/val/ --shards 2 --samples 64 --ext png,cls,json,txt --image-size 48 --seed 2 >&2
fi
# With no arguments, open the demo data set.
[ "$#" -gt 0 ] || set -- local://demo
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  log "no display found: running on a virtual X display (xvfb-run)"
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$app" "$@"
fi
exec "$app" "$@"
