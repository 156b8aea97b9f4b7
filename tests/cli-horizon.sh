#!/bin/sh
# cli-horizon.sh - the automatic horizon reaches the better plans a longer one holds (issue 14's cases)
. "$top_srcdir/tests/lib.sh"

# One Backend engineer, open-ended: A, a 2-week crew item from week 2; B,
# 40 h, earliest and due week 3. Both fit: B in week 3, A in weeks 4-5.
mkdir -p "$T/a" || exit 99
printf 'id,effort_hours,role,earliest_week,due_week,duration_weeks,crew\nA,,,2,,2,Backend=1\nB,40,Backend,3,3,,\n' >"$T/a/items.csv"
printf 'role,headcount,hours_per_week\nBackend,1,40\n' >"$T/a/team.csv"
"$OPTPLAN" "$T/a" -o "$T/ao" >"$T/out" 2>"$T/err"
check "crew and due week: solves (exit 0)" test $? -eq 0
check "B in week 3" has "$T/ao/schedule.csv" "B,,Backend,P1,3,3,40"
check "A in weeks 4-5" has "$T/ao/schedule.csv" "A,,Backend,P1,4,5,80"
check "both scheduled, proven" has "$T/out" "2 of 2 items scheduled, proven optimal"
check "report.md states the weeks planned" grep -q "planning weeks 1\.\.[5-9]" "$T/ao/report.md"

# Dev (one person, open-ended): A 160 h, B 20 h (gate G, deadline week 1);
# Ops: C 40 h after A. B goes first and G is on time; C still fits.
mkdir -p "$T/b" || exit 99
printf 'id,effort_hours,role,depends_on\nA,160,Dev,\nB,20,Dev,\nC,40,Ops,A\n' >"$T/b/items.csv"
printf 'role,headcount,hours_per_week\nDev,1,40\nOps,1,40\n' >"$T/b/team.csv"
printf 'gate,name,deadline_week,requires,items\nG,g,1,,B\n' >"$T/b/gates.csv"
"$OPTPLAN" "$T/b" -o "$T/bo" >"$T/out" 2>"$T/err"
check "gate before a long item: solves (exit 0)" test $? -eq 0
check "G passes on time in week 1" has "$T/out" "G: passed week 1, deadline 1"
check "B in week 1" has "$T/bo/schedule.csv" "B,,Dev,P1,1,1,20"
check "A in weeks 1-5" has "$T/bo/schedule.csv" "A,,Dev,P1,1,5,160"
check "C is scheduled, done in week 6" has "$T/bo/schedule.csv" "C,,Ops,P1,5,6,40"

# --strict-gates: Backend has one person in weeks 1-2; C (P0, 80 h) and A
# (P1, 40 h, G's exit item, deadline week 3). The hard deadline is kept.
mkdir -p "$T/c" || exit 99
printf 'id,priority,effort_hours,role\nC,P0,80,Backend\nA,P1,40,Backend\n' >"$T/c/items.csv"
printf 'role,headcount,hours_per_week,from_week,to_week\nBackend,1,40,1,2\n' >"$T/c/team.csv"
printf 'gate,name,deadline_week,requires,items\nG,g,3,,A\n' >"$T/c/gates.csv"
"$OPTPLAN" "$T/c" --strict-gates -o "$T/co" >"$T/out" 2>"$T/err"
check "strict gate: solves (exit 0)" test $? -eq 0
check "strict gate: G passes by its deadline" has "$T/out" "G: passed week 1, deadline 3"
check "strict gate: C is the item deferred" has "$T/out" "deferred C:"
# With a one-week team the gate cannot pass: exit 3, naming the gate.
printf 'role,headcount,hours_per_week,from_week,to_week\nBackend,1,10,1,1\n' >"$T/c/team.csv"
"$OPTPLAN" "$T/c" --strict-gates -o "$T/co2" >"$T/out" 2>"$T/err"
check "strict gate out of reach: exit 3" test $? -eq 3
check "it names the gate" grep -q "gate G" "$T/err"
check "no report is written" test ! -e "$T/co2/report.md"
finish
