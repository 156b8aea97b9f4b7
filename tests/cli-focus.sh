#!/bin/sh
# cli-focus.sh - the focus stage on the shipped plan: --focus soft (default), off, hard; reports
. "$top_srcdir/tests/lib.sh"

"$OPTPLAN" "$EXAMPLE" --no-baseline -o "$T/soft" >"$T/out" 2>"$T/err"
check "the shipped plan solves (exit 0)" test $? -eq 0
check "P0-005 in consecutive weeks 4-5" test "$(grep '^P0-005,' "$T/soft/allocation.csv" | tr '\n' ' ')" = "P0-005,4,8 P0-005,5,24 "
check "P1-002 in one week" test "$(grep -c '^P1-002,' "$T/soft/allocation.csv")" -eq 1
check "no paused weeks" has "$T/soft/summary.csv" "paused_weeks,0"
check "the earlier stages keep their values" has "$T/soft/summary.csv" "total_lateness,16"
check "the last week stays 14" has "$T/soft/summary.csv" "last_week,14"
check "proven optimal" has "$T/soft/summary.csv" "status,proven optimal"
check "no Paused work section without pauses" test "$(grep -c 'Paused work' "$T/soft/report.md")" -eq 0
check "report.md lists stage focus" has "$T/soft/report.md" "| focus | optimal | 0 | 0 | 0% |"

"$OPTPLAN" "$EXAMPLE" --no-baseline --focus off -o "$T/off" >"$T/out" 2>"$T/err"
check "--focus off solves (exit 0)" test $? -eq 0
check "off: P0-005 waits in weeks 5 and 6" has "$T/off/report.md" "| P0-005 | Backend | 5, 6 |"
check "off: two paused weeks" has "$T/off/summary.csv" "paused_weeks,2"
check "off: no stage focus" test "$(grep -c '| focus |' "$T/off/report.md")" -eq 0

"$OPTPLAN" "$EXAMPLE" --no-baseline --focus hard -o "$T/hard" >"$T/out" 2>"$T/err"
check "--focus hard solves (exit 0)" test $? -eq 0
check "hard: no paused weeks" has "$T/hard/summary.csv" "paused_weeks,0"
check "hard: the same lateness" has "$T/hard/summary.csv" "total_lateness,16"

"$OPTPLAN" "$EXAMPLE" --focus sometimes -o "$T/bad" >"$T/out" 2>"$T/err"
check "a bad --focus value is a usage error (64)" test $? -eq 64
check "it names the choices" has "$T/err" "expected 'soft', 'hard' or 'off'"
"$OPTPLAN" "$EXAMPLE" --objective scheduled,focus -o "$T/obj" >"$T/out" 2>"$T/err"
check "--objective takes focus (exit 0)" test $? -eq 0

finish
