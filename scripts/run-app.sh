#!/usr/bin/env bash
# Sets up what the desktop app needs, builds it, writes the demo data set to
# the embedded default store (local folders as buckets under the user's data
# directory) and runs the app on its start view.
# Without a display it runs on a virtual one (Xvfb). Arguments go to the app,
# e.g. --language de, or --screenshot FILE to save a picture of the window and quit.
set -euo pipefail
dir="$(cd "$(dirname "$0")" && pwd)"
. "$dir/common.sh"
bash "$dir/setup.sh" app
bash "$dir/build.sh" release >&2
app="$SHARDSCOPE_ROOT/build/release/app/shardscope"
cli="$SHARDSCOPE_ROOT/build/release/app/shardscope-cli"
# The demo data set on the embedded default store, made once: shapes whose
# labels, captions and metadata match the pictures, train/ and val/ shards,
# classes.txt and a dataset config (the app's "Open the demo" makes the same).
if ! "$cli" get local://demo/dataset.json >/dev/null 2>&1; then
  log "creating the demo data set local://demo"
  "$cli" gen local://demo --demo >&2
fi
# With no arguments the app opens on its start view (the demo is one click away).
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  log "no display found: running on a virtual X display (xvfb-run)"
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$app" "$@"
fi
exec "$app" "$@"
