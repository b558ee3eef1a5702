#!/usr/bin/env bash
# Builds AIStore's `ais` CLI at the release the cluster runs ($AIS_VERSION,
# scripts/common.sh) into $AIS_BIN, for the listing benchmark only: no test and
# no README command needs it. Idempotent: does nothing when $AIS_BIN/ais is
# already that release.
#
# The CLI is its own Go module (github.com/NVIDIA/aistore/cmd/cli, no version
# tags, pinned by $AIS_CLI_COMMIT). Sources, first that works:
#   1. the Go module proxy (the CLI module at $AIS_CLI_COMMIT);
#   2. a shallow git clone of https://github.com/NVIDIA/aistore at the tag;
#   3. a local clone named by AIS_SRC=<dir> (any clone that has the tag; it is
#      read with `git archive`, never changed).
# For 2 and 3 the CLI is built against the aistore tree of the same tag
# (go mod edit -replace github.com/NVIDIA/aistore=../..), its other
# dependencies come from the module proxy.
set -euo pipefail
. "$(dirname "$0")/common.sh"

want="$AIS_VERSION"
if [ -x "$AIS_BIN/ais" ] && [ "$(cat "$AIS_BIN/ais.version" 2>/dev/null)" = "$want" ]; then
  log "ais CLI $want present in $AIS_BIN"
  exit 0
fi
command -v go >/dev/null 2>&1 || [ -x /usr/local/go/bin/go ] || die "Go (>= 1.26) is needed to build the ais CLI"
command -v go >/dev/null 2>&1 || export PATH="/usr/local/go/bin:$PATH"
export CGO_ENABLED=0 GOTOOLCHAIN="${GOTOOLCHAIN:-local}"
mkdir -p "$AIS_BIN"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tried=()

# Builds the CLI from an aistore source tree whose cmd/cli is at $1/cmd/cli.
build_from_tree() {
  (cd "$1/cmd/cli" && go mod edit -replace github.com/NVIDIA/aistore=../.. &&
    go build -p 2 -mod=mod -trimpath -ldflags="-s -w" -o "$AIS_BIN/ais.tmp" .)
}

built=""
# 1. the module proxy
if go mod download -json "github.com/NVIDIA/aistore/cmd/cli@$AIS_CLI_COMMIT" >"$work/dl.json" 2>&1 &&
  ! grep -q '"Error"' "$work/dl.json"; then
  src=$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p' "$work/dl.json")
  mkdir -p "$work/proxy" && cp -r "$src/." "$work/proxy/" && chmod -R u+w "$work/proxy"
  (cd "$work/proxy" && go build -p 2 -mod=mod -trimpath -ldflags="-s -w" -o "$AIS_BIN/ais.tmp" .) && built="module proxy"
else
  tried+=("module proxy: $(grep -o '"Error": "[^\\]*' "$work/dl.json" | head -1 | cut -c11-)")
fi
# 2. GitHub
if [ -z "$built" ]; then
  if git clone -q --depth 1 --branch "$AIS_VERSION" https://github.com/NVIDIA/aistore "$work/gh" 2>"$work/git.err"; then
    build_from_tree "$work/gh" && built="github.com clone at $AIS_VERSION"
  else
    tried+=("git clone https://github.com/NVIDIA/aistore: $(tail -1 "$work/git.err")")
  fi
fi
# 3. a local clone
if [ -z "$built" ] && [ -n "${AIS_SRC:-}" ]; then
  if git -C "$AIS_SRC" rev-parse -q --verify "refs/tags/$AIS_VERSION" >/dev/null 2>&1 ||
    git --git-dir="$AIS_SRC" rev-parse -q --verify "refs/tags/$AIS_VERSION" >/dev/null 2>&1; then
    mkdir -p "$work/local"
    { git -C "$AIS_SRC" archive "$AIS_VERSION" 2>/dev/null || git --git-dir="$AIS_SRC" archive "$AIS_VERSION"; } |
      tar -x -C "$work/local"
    build_from_tree "$work/local" && built="local clone $AIS_SRC at $AIS_VERSION"
  else
    tried+=("AIS_SRC=$AIS_SRC: no tag $AIS_VERSION there")
  fi
elif [ -z "$built" ]; then
  tried+=("AIS_SRC: not set")
fi

if [ -z "$built" ]; then
  for t in "${tried[@]}"; do log "tried: $t"; done
  die "could not build the ais CLI $want; the listing benchmark runs without it"
fi
mv -f "$AIS_BIN/ais.tmp" "$AIS_BIN/ais"
echo "$want" >"$AIS_BIN/ais.version"
log "ais CLI $want built from the $built into $AIS_BIN"
"$AIS_BIN/ais" version 2>/dev/null || true
