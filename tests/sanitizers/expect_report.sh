#!/usr/bin/env bash
# Runs a planted defect and passes only if the sanitizer caught it: the process
# ended with the sanitizers' own exit code and stderr holds the report and the
# planted function's name. Usage: expect_report.sh EXITCODE PATTERN FUNCTION -- COMMAND...
set -u
want_rc="$1" pattern="$2" function="$3"
shift 3
[ "${1:-}" = "--" ] && shift
err=$(mktemp)
trap 'rm -f "$err"' EXIT
"$@" 2>"$err" >/dev/null
rc=$?
fail=0
if [ "$rc" != "$want_rc" ]; then
  echo "canary: exit code $rc, expected the sanitizer's $want_rc" >&2; fail=1
fi
if ! grep -q -- "$pattern" "$err"; then
  echo "canary: no '$pattern' report on stderr: the planted defect went unseen" >&2; fail=1
fi
if ! grep -q -- "$function" "$err"; then
  echo "canary: the report does not name $function" >&2; fail=1
fi
if [ "$fail" = 1 ]; then
  echo "--- stderr of $*:" >&2; cat "$err" >&2
  exit 1
fi
echo "canary caught: $pattern in $function (exit $rc)"
