#!/usr/bin/env bash
# Installs AIStore's aisnode, aisloader and the `ais` CLI at the pinned release
# with `go install` from the Go module proxy. Idempotent: does nothing when the
# binaries for the pinned release are already there.
set -euo pipefail
. "$(dirname "$0")/common.sh"

if [ -x "$AIS_BIN/aisnode" ] && [ -x "$AIS_BIN/aisloader" ]; then
  log "AIStore $AIS_VERSION tools present in $AIS_BIN"
  exit 0
fi

command -v go >/dev/null 2>&1 || [ -x /usr/local/go/bin/go ] || die "Go (>= 1.26) is needed to build aisnode; this machine has none"
command -v go >/dev/null 2>&1 || export PATH="/usr/local/go/bin:$PATH"

mkdir -p "$AIS_BIN"
export CGO_ENABLED=0 GOBIN="$AIS_BIN" GOTOOLCHAIN="${GOTOOLCHAIN:-local}"
# Keep the build from eating both cores' worth of memory and from leaving
# per-checkout caches: the Go caches in $HOME are shared and reused.
LDFLAGS="-s -w -X main.build=$AIS_VERSION"

t0=$(date +%s)
# `go install pkg@version` asks the proxy for the module's version list to look
# up deprecations, and the proxy here refuses that list (403). So fetch the exact
# release with `go mod download` and build inside it, with its own go.mod/go.sum.
src=$(go mod download -json "github.com/NVIDIA/aistore@$AIS_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -n "$src" ] && [ -d "$src" ] || die "could not download github.com/NVIDIA/aistore@$AIS_VERSION from the Go module proxy"
for tool in aisnode aisloader; do
  if [ ! -x "$AIS_BIN/$tool" ]; then
    log "building $tool $AIS_VERSION (several minutes on 2 cores)"
    (cd "$src" && go build -mod=readonly -tags=mono -trimpath -ldflags="$LDFLAGS" -o "$AIS_BIN/$tool.tmp" "./cmd/$tool")
    mv -f "$AIS_BIN/$tool.tmp" "$AIS_BIN/$tool"
  fi
done
# The `ais` CLI is a separate Go module (cmd/cli) that the module proxy does not
# serve at any version here (403), so it is optional: the project's scripts and
# tests talk to the cluster over REST and need only aisnode (+ aisloader for
# benchmarks).
if [ ! -x "$AIS_BIN/ais" ]; then
  if go mod download -json "github.com/NVIDIA/aistore/cmd/cli@$AIS_CLI_COMMIT" >/dev/null 2>&1; then
    go install -trimpath "github.com/NVIDIA/aistore/cmd/cli@$AIS_CLI_COMMIT" && mv -f "$AIS_BIN/cli" "$AIS_BIN/ais"
  else
    log "note: the ais CLI (github.com/NVIDIA/aistore/cmd/cli) is not served by the module proxy; skipped"
  fi
fi
log "AIStore tools installed in $AIS_BIN in $(( $(date +%s) - t0 )) s"
"$AIS_BIN/aisnode" version 2>/dev/null || true
