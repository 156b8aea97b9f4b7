#!/bin/sh
# golden.sh - reports of the shipped plan compared byte for byte with committed copies
# Scenarios: solve, a one-per-role --capacity what-if, check, staff, a
# sweep of two roles, and solve with dates (--start). Every report file is compared; solve.log and stdout
# are compared with their seconds masked (the only thing that varies).
# Regenerate after an intended change: GOLDEN_UPDATE=1 make check TESTS=tests/golden.sh
. "$top_srcdir/tests/lib.sh"
cd "$T" || exit 99
cp -R "$EXAMPLE" erlmcp-v3 || exit 99
G="$top_srcdir/tests/data/golden"
# Under valgrind (OPTPLAN_REAL set by .ci/run) a solve runs some 50 times
# slower and staff would reach its time limit: the golden runs use the plain
# binary, whose memory the other tests check.
OPTPLAN=${OPTPLAN_REAL:-$OPTPLAN}

# mask: seconds vary from run to run ("0.26 s", "(0.14 s)")
mask() {
    sed -E 's/[0-9]+\.[0-9]+ s/N s/g' "$1"
}

# run NAME ARGS...: runs optplan with ARGS, reports into out/NAME, keeps
# stdout, stderr and the exit code beside them
run() {
    name=$1
    shift
    mkdir -p "out/$name"
    "$OPTPLAN" "$@" -o "out/$name/reports" >"out/$name/stdout.raw" 2>"out/$name/stderr.raw"
    echo $? >"out/$name/exit"
    mask "out/$name/stdout.raw" >"out/$name/stdout"
    mask "out/$name/stderr.raw" >"out/$name/stderr"
    rm -f "out/$name/stdout.raw" "out/$name/stderr.raw"
    for log in $(find "out/$name/reports" -name solve.log); do
        mask "$log" >"$log.masked" && mv "$log.masked" "$log"
    done
}

printf 'role,headcount\nSecurity,1\nBackend,1\nPerformance,1\nOperations,1\nCompliance,1\nTesting,1\nDocumentation,1\n' >one-per-role.csv
run solve erlmcp-v3
run capacity --capacity one-per-role.csv erlmcp-v3
run check check erlmcp-v3
run staff staff erlmcp-v3
run sweep sweep --roles Backend,Testing erlmcp-v3
run dates --start 2027-01-04 erlmcp-v3

if [ -n "${GOLDEN_UPDATE:-}" ]; then
    rm -rf "$G" && cp -R out "$G" && echo "golden files updated in $G"
    exit 0
fi
check "golden files exist" test -d "$G/solve"
# every file of both trees, byte for byte (diff -r also names missing files)
if diff -r "$G" out >diff.txt; then
    echo "ok - every report matches its golden copy"
else
    echo "FAIL - reports differ from tests/data/golden:"
    head -n 80 diff.txt
    fail=1
fi
finish
