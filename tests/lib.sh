# lib.sh - shared helpers for the CLI tests (sourced)
: "${OPTPLAN:?OPTPLAN must name the optplan binary}"
: "${top_srcdir:?top_srcdir must be set}"
EXAMPLE="$top_srcdir/examples/erlmcp-v3"
fail=0
T=$(mktemp -d "${TMPDIR:-/tmp}/optplan-cli.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT

# check DESCRIPTION COMMAND...: a failing command fails the test, loudly.
check() {
    desc=$1
    shift
    if "$@"; then
        echo "ok - $desc"
    else
        echo "FAIL - $desc"
        fail=1
    fi
}

# has FILE TEXT: FILE contains the fixed string TEXT.
has() {
    grep -qF -- "$2" "$1" || { echo "  '$2' not found in $1"; return 1; }
}

finish() {
    exit $fail
}
