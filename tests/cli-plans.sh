#!/bin/sh
# cli-plans.sh - plans a team can follow: hard gate deadlines kept, progress never assumed silently
. "$top_srcdir/tests/lib.sh"
cd "$T" || exit 99

# --strict-gates with the gate's exit item competing for the room: Backend
# has one person in weeks 1-2; C (P0, 80 h) and A (P1, 40 h, the exit item
# of G, deadline week 3, past the team's last week). A hard deadline is met
# (A scheduled, C deferred) or the run is infeasible; it was once ignored
# (C scheduled, A deferred, G "not passed", exit 0).
mkdir strict
printf 'id,effort_hours,role,priority\nC,80,Backend,P0\nA,40,Backend,P1\n' >strict/items.csv
printf 'role,headcount,hours_per_week,from_week,to_week\nBackend,1,40,1,2\n' >strict/team.csv
printf 'gate,deadline_week,items\nG,3,A\n' >strict/gates.csv
"$OPTPLAN" -q --strict-gates strict -o s1 >out 2>err
rc=$?
check "strict gates: exit 0 with the plan written (got $rc)" test $rc -eq 0 -a -s s1/gates.csv
check "strict gates: G passes by its deadline" grep -q '^G,.*,met,' s1/gates.csv
check "strict gates: A is scheduled" grep -q '^A,' s1/schedule.csv
check "strict gates: C is the item deferred" has s1/report.md "| C | P0 | Backend | 80 |"
check "the reason names the strict gate, not priority" has s1/report.md "strict gate: G needs A (P1) by week 3"
# without --strict-gates the P0 item goes first and G is missed
"$OPTPLAN" -q strict -o s2 >out 2>err
check "soft gates: C is scheduled" grep -q '^C,' s2/schedule.csv

# a strict deadline nothing can meet: exit 3 naming the gate
printf 'gate,deadline_week,items\nG,1,C\n' >strict/gates.csv
"$OPTPLAN" -q --strict-gates strict -o s3 >out 2>err
rc=$?
check "an impossible strict gate is infeasible (exit 3, got $rc)" test $rc -eq 3
check "the reason names the gate" has err "gate G cannot pass"

# due weeks are soft by default: the case (one Backend engineer, open
# team; A a 2-week crew item from week 2, B 40 h with earliest and due week
# 3). It once dropped B silently; now B is done, late if need be, and over
# 10 weeks B takes week 3 and A weeks 4-5, nothing late.
mkdir due
printf 'id,effort_hours,role,earliest_week,due_week,duration_weeks,crew\n' >due/items.csv
printf 'A,,Backend,2,,2,Backend=1\nB,40,Backend,3,3,,\n' >>due/items.csv
printf 'role,headcount,hours_per_week,from_week,to_week\nBackend,1,40,1,\n' >due/team.csv
"$OPTPLAN" -q due -o d1 >out 2>err
check "soft due: exit 0 (got $?)" test $? -eq 0 -a -s d1/schedule.csv
check "soft due: B is scheduled" grep -q '^B,,Backend,P1,[0-9]' d1/schedule.csv
"$OPTPLAN" -q --horizon 10 due -o d2 >out 2>err
check "soft due, 10 weeks: B in week 3, on time" grep -q '^B,,Backend,P1,3,3,40,3,0$' d2/schedule.csv
check "soft due, 10 weeks: A in weeks 4-5" grep -q '^A,,Backend,P1,4,5,80,,$' d2/schedule.csv
# a due week no plan meets: late by default, with its cause; deferred with --strict-due
printf 'id,effort_hours,role,due_week\nA,80,Backend,1\nB,40,Backend,\n' >due/items.csv
"$OPTPLAN" -q due -o d3 >out 2>err
check "soft due: A is done a week late" grep -q '^A,,Backend,P1,1,2,80,1,1$' d3/schedule.csv
check "soft due: item_lateness 1" grep -q '^item_lateness,1$' d3/summary.csv
check "soft due: report.md lists A late with its cause" \
    has d3/report.md "| A | Backend | week 1 | week 2 | 1 | Backend has 40 h in weeks 1..1 for its 80 h |"
"$OPTPLAN" -q --strict-due due -o d4 >out 2>err
check "--strict-due: A is deferred" grep -q '^A,,Backend,P1,,,0,1,$' d4/schedule.csv
check "--strict-due: no item lateness" grep -q '^item_lateness,0$' d4/summary.csv
# check judges a late item by the same rule
"$OPTPLAN" -q check --plan d3/allocation.csv due -o c1 >out 2>err
check "check: a late item is a defect by default (exit 1, got $?)" test $? -eq 1
check "check: but no violation" test ! -s c1/violations.csv -o "$(wc -l <c1/violations.csv)" -eq 1
check "check: report.md lists it late" has c1/report.md "## Late items"
"$OPTPLAN" -q check --strict-due --plan d3/allocation.csv due -o c2 >out 2>err
check "check --strict-due: the late item breaks a rule (exit 1, got $?)" test $? -eq 1
check "check --strict-due: violation after_due" grep -q '^after_due,A,' c2/violations.csv

# --week without a status file: said on stderr, also with -q
"$OPTPLAN" -q --week 4 "$EXAMPLE" -o w4 >out 2>err
check "--week without status.csv still plans (exit 0)" test $? -eq 0
check "and says every item is taken as not started" has err "every item is taken as not started"
finish
