#!/bin/sh
# cli-interrupt.sh - SIGINT and SIGTERM stop a long solve within a second and write the best plan
# The 200-item bench plan keeps GLPK busy inside one LP for many seconds:
# the signal must still end the run promptly (issue 13: exit 130 within
# 3 s of the signal, a whole report written).
. "$top_srcdir/tests/lib.sh"
cd "$T" || exit 99
if [ -n "${OPTPLAN_WRAPPER:-}" ]; then
    echo "skip - signal timing: optplan runs under a wrapper (valgrind)"
    exit 77
fi
sh "$top_srcdir/bench/gen" --items 200 --roles 10 --weeks 26 --gates 4 --tightness 0.8 \
    --seed 1 p200 >/dev/null 2>&1 || exit 99

# stop SIGNAL DELAY NAME: sends SIGNAL DELAY s into a 30 s solve; checks
# the exit code, the time to exit after the signal and the report
stop() {
    "$OPTPLAN" -q --time-limit 30 p200 -o "$3" >"$3.out" 2>"$3.err" &
    pid=$!
    sleep "$2"
    t0=$(date +%s.%N)
    kill -"$1" "$pid"
    wait "$pid"
    rc=$?
    t1=$(date +%s.%N)
    took=$(echo "$t0 $t1" | awk '{ printf "%.2f", $2 - $1 }')
    check "$1 after $2 s exits 130 (got $rc)" test "$rc" -eq 130
    check "$1 after $2 s: exit within 3 s of the signal (took $took s)" \
        awk -v t="$took" 'BEGIN { exit !(t < 3) }'
    check "$1 after $2 s writes the plan" test -s "$3/schedule.csv"
    check "$1 after $2 s writes the report" has "$3/report.md" "not proven"
}

stop INT 2 int2
stop INT 5 int5
stop TERM 3 term3
finish
