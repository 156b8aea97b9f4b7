#!/bin/sh
# cli-period.sh - --period day: inputs in weeks, plans and reports in days
. "$top_srcdir/tests/lib.sh"
cd "$T" || exit 99

# A crew plan where days matter: two 2-day tasks one after the other, then a
# 1-week task; a gate due in week 1. In weeks each takes a whole week.
mkdir p
printf 'id,title,priority,duration_weeks,crew,depends_on\n' >p/items.csv
printf 'A,first,P0,0.4,Dev=1,\nB,second,P0,0.4,Dev=1,A\nC,third,P1,1,Dev=1,B\n' >>p/items.csv
printf 'role,headcount,hours_per_week\nDev,1,40\n' >p/team.csv
printf 'gate,deadline_week,items\nG,1,A;B\n' >p/gates.csv

"$OPTPLAN" validate p >out 2>err
check "in weeks, 0.4 weeks is not a duration (65)" test $? -eq 65
check "it says a whole number is expected" has err "p/items.csv:2:4: duration_weeks: expected a whole number"

"$OPTPLAN" -q --period day p -o d
check "in days the plan solves to proven optimality (exit 0)" test $? -eq 0
check "the summary names the period" has d/summary.csv "period,day"
check "A takes days 1-2, B days 3-4, C days 5-9: last day 9" has d/summary.csv "last_week,9"
check "the gate, due at the end of week 1 (day 5), passes on day 4" has d/gates.csv "G,5,4,0,met,"
check "the report speaks of days" has d/report.md "last item done in day 9"
check "a day is a fifth of the week's hours: B holds 16 h" has d/schedule.csv "B,second,Dev,P0,3,4,16"
"$OPTPLAN" check -q --period day p --plan d/allocation.csv -o dc
check "the day plan's allocation checks clean in days" test $? -eq 0

printf 'id,title,priority,duration_weeks,crew,depends_on\nA,first,P0,0.3,Dev=1,\n' >p/items.csv
"$OPTPLAN" validate --period day p >out 2>err
check "0.3 weeks is not whole days (65)" test $? -eq 65
check "and says so at its cell" has err "p/items.csv:2:4: duration_weeks: not a whole number of days"

# The shipped plan: any weekly plan splits evenly into days, so with the
# same items scheduled the shortest day plan ends by five times the shortest
# weekly one. (Two stages keep it quick enough for the valgrind run: 48 s.)
"$OPTPLAN" -q --objective scheduled,finish --time-limit 600 "$EXAMPLE" -o w
"$OPTPLAN" -q --period day --objective scheduled,finish --time-limit 600 "$EXAMPLE" -o dd
check "the shipped plan solves in days to proven optimality" test $? -eq 0
check "as many items are scheduled in days as in weeks" \
    test "$(grep '^items_scheduled,' dd/summary.csv)" = "$(grep '^items_scheduled,' w/summary.csv)"
lw=$(awk -F, '$1 == "last_week" { print $2 }' w/summary.csv)
ld=$(awk -F, '$1 == "last_week" { print $2 }' dd/summary.csv)
check "last day $ld <= 5 x last week $lw" test "$ld" -le $((5 * lw))
check "gate deadlines become the last day of their week (M1: week 3, day 15)" has dd/gates.csv "M1,15,"
check "week mode has no period row" sh -c "! grep -q '^period,' w/summary.csv"

"$OPTPLAN" staff --period day "$EXAMPLE" -o s >out 2>err
check "staff in days is a usage error (64)" test $? -eq 64
check "it says staff plans whole weeks" has err "--period day: staff plans whole weeks only"
"$OPTPLAN" --period day --week 105 "$EXAMPLE" -o s >out 2>err
check "a day plan holds 104 weeks (64)" test $? -eq 64
"$OPTPLAN" --period month "$EXAMPLE" -o s >out 2>err
check "an unknown period is a usage error (64)" test $? -eq 64
finish
