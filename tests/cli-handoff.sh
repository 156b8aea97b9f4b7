#!/bin/sh
# cli-handoff.sh - same-week hand-offs (the default) and --handoff next-week, in solve and check
. "$top_srcdir/tests/lib.sh"

mkdir -p "$T/p" || exit 99
printf 'id,effort_hours,role,depends_on\nA,4,Dev,\nB,4,Dev,A\nC,4,Dev,B\nD,4,Dev,C\n' >"$T/p/items.csv"
printf 'role,headcount,hours_per_week\nDev,1,40\n' >"$T/p/team.csv"
"$OPTPLAN" "$T/p" -o "$T/same" >"$T/out" 2>"$T/err"
check "four chained 4 h items solve (exit 0)" test $? -eq 0
check "all four done in week 1" has "$T/same/schedule.csv" "D,,Dev,P1,1,1,4"
"$OPTPLAN" "$T/p" --handoff next-week -o "$T/next" >"$T/out" 2>"$T/err"
check "--handoff next-week solves (exit 0)" test $? -eq 0
check "next-week: the last one in week 4" has "$T/next/schedule.csv" "D,,Dev,P1,4,4,4"
"$OPTPLAN" "$T/p" --handoff tomorrow -o "$T/bad" >"$T/out" 2>"$T/err"
check "a bad --handoff value is a usage error (64)" test $? -eq 64
check "it names the choices" has "$T/err" "expected 'same-week' or 'next-week'"

# Two chained 30 h items of one role in one week: 60 h past one 40 h person-week.
mkdir -p "$T/h" || exit 99
printf 'id,effort_hours,role,depends_on\nA,30,Dev,\nB,30,Dev,A\n' >"$T/h/items.csv"
printf 'role,headcount,hours_per_week\nDev,2,40\n' >"$T/h/team.csv"
printf 'id,week,hours\nA,1,30\nB,1,30\n' >"$T/h/baseline.csv"
"$OPTPLAN" check "$T/h" -o "$T/c" >"$T/out" 2>"$T/err"
check "check of the over-long chain exits 1" test $? -eq 1
check "violations.csv names the hand-off" has "$T/c/violations.csv" "handoff,B,Dev,1,60,40,"
"$OPTPLAN" check "$T/h" --handoff next-week -o "$T/c2" >"$T/out" 2>"$T/err"
check "next-week: the same plan breaks the dependency" has "$T/c2/violations.csv" "dependency,B,Dev,1,"
printf 'id,week,hours\nA,1,30\nB,1,10\nB,2,20\n' >"$T/h/fits.csv"
"$OPTPLAN" check "$T/h" --plan "$T/h/fits.csv" -o "$T/c3" >"$T/out" 2>"$T/err"
check "30 h then 10 h in one week checks clean (exit 0)" test $? -eq 0
# lag_weeks: C waits two weeks after B, D one week after C (the next-week
# rule for that link alone); A -> B keeps the same-week hand-off.
mkdir -p "$T/l" || exit 99
printf 'id,effort_hours,role,depends_on,lag_weeks\nA,4,Dev,,\nB,4,Dev,A,\nC,4,Dev,B,2\nD,4,Dev,C,1\n' >"$T/l/items.csv"
printf 'role,headcount,hours_per_week\nDev,1,40\n' >"$T/l/team.csv"
"$OPTPLAN" "$T/l" -o "$T/lo" >"$T/out" 2>"$T/err"
check "lag_weeks: solves (exit 0)" test $? -eq 0
check "lag_weeks: B hands off in week 1" has "$T/lo/schedule.csv" "B,,Dev,P1,1,1,4"
check "lag_weeks 2: C in week 3" has "$T/lo/schedule.csv" "C,,Dev,P1,3,3,4"
check "lag_weeks 1: D in week 4" has "$T/lo/schedule.csv" "D,,Dev,P1,4,4,4"
"$OPTPLAN" "$T/l" --period day -o "$T/ld" >"$T/out" 2>"$T/err"
check "lag_weeks in days: C ten days after B" has "$T/ld/schedule.csv" "C,,Dev,P1,11,11,4"
printf 'id,week,hours\nA,1,4\nB,1,4\nC,2,4\nD,3,4\n' >"$T/l/early.csv"
"$OPTPLAN" check "$T/l" --plan "$T/l/early.csv" -o "$T/lc" >"$T/out" 2>"$T/err"
check "check: C a week early breaks its lag (exit 1)" test $? -eq 1
check "the violation names the lag" has "$T/lc/violations.csv" "may start no earlier than week 3 (lag_weeks)"
printf 'id,effort_hours,role,lag_weeks\nA,4,Dev,53\n' >"$T/l/items.csv"
"$OPTPLAN" "$T/l" -o "$T/lx" >"$T/out" 2>"$T/err"
check "lag_weeks past 52 is a data error (65)" test $? -eq 65
check "named at its cell" has "$T/err" "items.csv:2:4: lag_weeks"
finish
