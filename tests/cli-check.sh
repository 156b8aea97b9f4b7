#!/bin/sh
# cli-check.sh - checking the shipped hand plan finds its real defects
. "$top_srcdir/tests/lib.sh"

"$OPTPLAN" check "$EXAMPLE" -o "$T/c" >"$T/out" 2>"$T/err"
check "check of the hand plan exits 1 (defects)" test $? -eq 1
R="$T/c/report.md"
check "Security 56 h against 40 h in week 9" has "$R" "Security booked 56 h against 40 h in week 9: P1-001 24 h, P1-002 32 h"
check "Compliance 44 h against 40 h in week 11" has "$R" "Compliance booked 44 h against 40 h in week 11"
check "Compliance 48 h against 40 h in week 13" has "$R" "Compliance booked 48 h against 40 h in week 13"
check "M1 missed: P0-002 in week 4, runbook in week 14" has "$R" \
    "gate M1 missed: passed week 14, deadline week 3: P1-019 in week 14, P0-002 in week 4"
check "M2 missed: P0-012 and P0-013 in week 10" has "$R" \
    "gate M2 missed: passed week 14, deadline week 8: P0-012 in week 10, P0-013 in week 10"
never=$(grep -c 'is never scheduled' "$R")
check "seven items never scheduled (found $never)" test "$never" -eq 7
check "violations.csv lists the over-capacity weeks" has "$T/c/violations.csv" "over_capacity,,Security,9,56,40,"
check "check writes the same report files as solve" test -s "$T/c/allocation.csv" -a -s "$T/c/load.csv" -a -s "$T/c/gantt.svg"
# stdout counts what report.md's headline counts, in the same words: rule
# violations apart from items never scheduled (and from gates missed)
rules=$(sed -n 's/.* \([0-9]*\) rule violations found\..*/\1/p' "$R")
check "report.md counts 3 rule violations (got '$rules')" test "$rules" = 3
check "stdout counts the same rule violations" has "$T/out" ", $rules rule violations found"
check "stdout counts the items never scheduled as report.md does" has "$T/out" \
    "38 of 45 items scheduled (7 never scheduled)"
check "stdout no longer adds them up as '10 violations'" sh -c "! grep -q '10 violations' '$T/out'"

# A plan naming an unknown item or a week out of range: precise errors, nothing written.
printf 'id,week,hours\nP0-001,1,4\nP9-999,2,4\nP0-002,600,8\n' >"$T/bad.csv"
"$OPTPLAN" check "$EXAMPLE" --plan "$T/bad.csv" -o "$T/x" >"$T/out" 2>"$T/err"
check "bad plan rows exit 65" test $? -eq 65
check "unknown item named with its line and field" has "$T/err" "bad.csv:3:1: unknown item \"P9-999\""
check "week out of range named with its line and field" has "$T/err" "bad.csv:4:2: week: expected a whole number from 1 to 520"
check "no report for a bad plan" test ! -e "$T/x"

# A sound plan: exit 0.
printf 'id,title,priority,effort_hours,role\nA,a,P0,40,Dev\nB,b,P1,20,Dev\n' >"$T/items.csv"
printf 'role,headcount\nDev,1\n' >"$T/team.csv"
printf 'gate,deadline_week,items\nG,2,A;B\n' >"$T/gates.csv"
printf 'id,week,hours\nA,1,40\nB,2,\n' >"$T/plan.csv"
"$OPTPLAN" check --items "$T/items.csv" --capacity "$T/team.csv" --gates "$T/gates.csv" \
    --plan "$T/plan.csv" -o "$T/ok" >"$T/out" 2>"$T/err"
check "a sound plan checks clean (exit 0)" test $? -eq 0
check "its gate is met in week 2" has "$T/ok/gates.csv" "G,2,2,0,met,"
finish
