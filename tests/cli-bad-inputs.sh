#!/bin/sh
# cli-bad-inputs.sh - runs `optplan validate` on every fixture under
# tests/data/invalid and tests/data/valid and compares the result exactly.
#
#   invalid/<case>/  a plan with one defect; expected.err is the exact stderr,
#                    expected.rc the exit code; stdout must stay empty.
#   valid/<case>/    a plan that must load; expected.out is the first line of
#                    the summary; the exit code must be 0 and stderr empty.
#
# Each case runs from inside its data directory so that messages read
# "optplan: <case>/items.csv:LINE:FIELD: ..." wherever the build tree is.
# Environment: OPTPLAN (the optplan binary), srcdir (absolute source dir).
# Exit status: 0 when every case passed, 1 otherwise (99: setup error).

: "${OPTPLAN:?OPTPLAN must name the optplan binary}"
: "${srcdir:?srcdir must name the source directory}"

data=$srcdir/tests/data
tmp=$(mktemp -d "${TMPDIR:-/tmp}/optplan-bad-inputs.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 99' HUP INT TERM

pass=0
fail=0

# fail_case CASE WHAT [FILE_EXPECTED FILE_ACTUAL]
fail_case() {
    echo "FAIL: $1: $2"
    if [ $# -ge 4 ]; then
        diff -u "$3" "$4" | sed 's/^/    /'
    fi
    fail=$((fail + 1))
}

if [ ! -d "$data/invalid" ] || [ ! -d "$data/valid" ]; then
    echo "cli-bad-inputs.sh: no fixtures under $data" >&2
    exit 99
fi

for dir in "$data"/invalid/*/; do
    dir=${dir%/}
    case=$(basename "$dir")
    if [ ! -f "$dir/expected.err" ] || [ ! -f "$dir/expected.rc" ]; then
        fail_case "$case" "expected.err or expected.rc is missing"
        continue
    fi
    (cd "$data/invalid" && "$OPTPLAN" validate "$case" >"$tmp/out" 2>"$tmp/err")
    rc=$?
    ok=1
    want_rc=$(cat "$dir/expected.rc")
    if [ "$rc" != "$want_rc" ]; then
        fail_case "$case" "exit code $rc, expected $want_rc"
        ok=0
    fi
    if ! cmp -s "$dir/expected.err" "$tmp/err"; then
        fail_case "invalid/$case" "stderr differs" "$dir/expected.err" "$tmp/err"
        ok=0
    fi
    if [ -s "$tmp/out" ]; then
        fail_case "invalid/$case" "stdout is not empty" /dev/null "$tmp/out"
        ok=0
    fi
    [ $ok = 1 ] && pass=$((pass + 1))
done

for dir in "$data"/valid/*/; do
    dir=${dir%/}
    case=$(basename "$dir")
    if [ ! -f "$dir/expected.out" ]; then
        fail_case "valid/$case" "expected.out is missing"
        continue
    fi
    (cd "$data/valid" && "$OPTPLAN" validate "$case" >"$tmp/out" 2>"$tmp/err")
    rc=$?
    ok=1
    if [ "$rc" != 0 ]; then
        fail_case "valid/$case" "exit code $rc, expected 0"
        ok=0
    fi
    if [ -s "$tmp/err" ]; then
        fail_case "valid/$case" "stderr is not empty" /dev/null "$tmp/err"
        ok=0
    fi
    sed -n 1p "$tmp/out" >"$tmp/first"
    if ! cmp -s "$dir/expected.out" "$tmp/first"; then
        fail_case "valid/$case" "first line of stdout differs" "$dir/expected.out" "$tmp/first"
        ok=0
    fi
    [ $ok = 1 ] && pass=$((pass + 1))
done

echo "cli-bad-inputs: $pass passed, $fail failed"
[ "$fail" = 0 ] || exit 1
exit 0
