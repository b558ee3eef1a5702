#!/usr/bin/env bash
# clang-format check (the repository's .clang-format) on the lines changed
# since the merge base with main (or $SHARDSCOPE_BASE_REF): new code follows
# the style, existing code is not reformatted wholesale. Prints the diff that
# would fix it and fails when there is one.
set -euo pipefail
. "$(dirname "$0")/common.sh"
cd "$SHARDSCOPE_ROOT"
command -v git-clang-format >/dev/null || die "git-clang-format missing (scripts/install-deps.sh installs clang-format)"
ref="${SHARDSCOPE_BASE_REF:-main}"
git rev-parse -q --verify "$ref^{commit}" >/dev/null || ref="origin/main"
base=$(git merge-base HEAD "$ref") || die "no merge base with $ref"
# git clang-format 14 exits 0 whether or not it finds something: read its output.
out=$(git clang-format --diff --extensions c,cc,cpp,cxx,h,hh,hpp "$base" 2>&1) || true
case "$out" in
  "" | "no modified files to format" | "clang-format did not modify any files")
    log "formatting OK (lines changed since $(git rev-parse --short "$base"))" ;;
  *)
    printf '%s\n' "$out"
    die "lines changed since $(git rev-parse --short "$base") do not follow .clang-format (apply the diff above, or run: git clang-format $base)" ;;
esac
