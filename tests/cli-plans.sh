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
check "the reason does not call A higher-ranked" has s1/report.md "used by work of the same or lower priority"
# without --strict-gates the P0 item goes first and G is missed
"$OPTPLAN" -q strict -o s2 >out 2>err
check "soft gates: C is scheduled" grep -q '^C,' s2/schedule.csv

# a strict deadline nothing can meet: exit 3 naming the gate
printf 'gate,deadline_week,items\nG,1,C\n' >strict/gates.csv
"$OPTPLAN" -q --strict-gates strict -o s3 >out 2>err
rc=$?
check "an impossible strict gate is infeasible (exit 3, got $rc)" test $rc -eq 3
check "the reason names the gate" has err "gate G cannot pass"

# --week without a status file: said on stderr, also with -q
"$OPTPLAN" -q --week 4 "$EXAMPLE" -o w4 >out 2>err
check "--week without status.csv still plans (exit 0)" test $? -eq 0
check "and says every item is taken as not started" has err "every item is taken as not started"
finish
