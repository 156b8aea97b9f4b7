#!/bin/sh
# cli-defer.sh - each reason a deferred item is given, on plans where it is the true one (issue 16)
. "$top_srcdir/tests/lib.sh"
cd "$T" || exit 99

# plan DIR ITEMS TEAM [GATES]: a plan directory from printf formats.
plan() {
    mkdir -p "$1" && printf "$2" >"$1/items.csv" && printf "$3" >"$1/team.csv" || exit 99
    [ -z "$4" ] || printf "$4" >"$1/gates.csv" || exit 99
}

# The shipped plan at week 30: the team's weeks are all past. Every item gets
# the team reason; deferring is no error, so the exit stays 0 (README).
"$OPTPLAN" "$EXAMPLE" --week 30 -o w30 >out 2>err
check "--week 30: exit 0" test $? -eq 0
check "--week 30: every item deferred" test "$(grep -c '  deferred ' out)" -eq 45
check "--week 30: every reason is the team's" test "$(grep -c ': team: it may start in week 30 at the earliest; the team has ' out)" -eq 45
check "--week 30: Backend's weeks" has out "deferred P0-005: team: it may start in week 30 at the earliest; the team has Backend in weeks 2, 4..8"
check "--week 30: no 'cannot fit' text" test "$(grep -c 'cannot fit' out)" -eq 0
"$OPTPLAN" -q "$EXAMPLE" --week 30 --require-all -o w30r >out 2>err
check "--week 30 --require-all: exit 3" test $? -eq 3

# The shipped plan at week 4 with P0-011 6 h from done: Operations worked
# weeks 2-3 only; the table shows the 6 h left, not the 16 h effort.
mkdir p4 && cp "$EXAMPLE"/items.csv "$EXAMPLE"/team.csv "$EXAMPLE"/gates.csv p4/ || exit 99
printf 'id,state,remaining_hours\nP0-011,doing,6\n' >p4/status.csv
"$OPTPLAN" p4 --week 4 -o o4 >out 2>err
check "week 4: Operations items get the team reason" has out "deferred P0-011: team: no Operations capacity in weeks 4..14 (the team has Operations in weeks 2..3)"
check "week 4: the deferred table shows the remaining hours" has o4/report.md "| P0-011 | P0 | Operations | 6 | team: no Operations capacity"
check "week 4: Security is booked by P0 and P1 work" has out "deferred P1-001: capacity: Security has 80 h in weeks 4..14, 68 h booked by other items (P0-003 P0 24 h, P0-002 P0 16 h, P1-004 P1 16 h), this item needs 24 h"

# No Documentation left at all.
"$OPTPLAN" "$EXAMPLE" --add-staff Documentation=-1@13 -o nd >out 2>err
check "no one of the role: said so" has out "deferred P1-019: team: no Documentation capacity in weeks 1..14 (the team has no Documentation at all)"

# --horizon cuts the plan before the item's earliest week.
plan h 'id,effort_hours,role,earliest_week\nA,40,Dev,5\nB,40,Dev,\n' 'role,headcount,hours_per_week\nDev,1,40\n'
"$OPTPLAN" h --horizon 3 -o ho >out 2>err
check "horizon" has out "deferred A: horizon: it may start in week 5 at the earliest, the horizon ends with week 3 (the team has Dev in weeks 1 onwards)"

# --strict-due: B needs 100 h by week 2 (80 h there), C's role starts in
# week 3, D waits for B; at week 3 every due week 2 is past.
plan d 'id,effort_hours,role,due_week,depends_on\nB,100,Dev,2,\nC,40,Ops,2,\nD,40,Dev,4,B\nE,8,Dev,2,\n' \
    'role,headcount,hours_per_week,from_week,to_week\nDev,1,40,1,\nOps,1,40,3,\n'
"$OPTPLAN" d --strict-due -o do >out 2>err
check "due week: too few hours" has out "deferred B: due week: in weeks 1..2 it can get at most 80 h of Dev (capacity and max_people), it needs 100 h"
check "due week: no role hours" has out "deferred C: due week: no Ops capacity in weeks 1..2, up to its due week (the team has Ops in weeks 3 onwards)"
check "dependency that cannot be scheduled" has out "deferred D: dependency: it depends on B, which cannot be scheduled"
printf 'id,state\n' >d/status.csv
"$OPTPLAN" d --strict-due --week 3 -o do3 >out 2>err
check "due week before the earliest week" has out "deferred E: due week: its due week 2 comes before its earliest week 3 (--strict-due)"

# A dependency done in the team's last week, hand-offs a week apart.
plan dep 'id,effort_hours,role,depends_on\nA,80,Dev,\nB,40,Ops,A\n' \
    'role,headcount,hours_per_week,from_week,to_week\nDev,1,40,1,2\nOps,1,40,1,2\n'
"$OPTPLAN" dep --handoff next-week -o depo >out 2>err
check "dependency pushes the start past the horizon" has out "deferred B: dependency: A is done in week 2 at the earliest, so this item could start in week 3, after the horizon's last week 2"

# A dependency done after the last week of the dependent's role.
plan da 'id,effort_hours,role,depends_on\nA,120,Dev,\nB,40,Ops,A\n' \
    'role,headcount,hours_per_week,from_week,to_week\nDev,1,40,1,4\nOps,1,40,1,2\n'
"$OPTPLAN" da -o dao >out 2>err
check "dependency leaves no role hours" has out "deferred B: dependency: after A (done in week 3 at the earliest), no Ops capacity is left in weeks 3..4 (the team has Ops in weeks 1..2)"

# A two-week crew item; the team has Dev in weeks 1 and 3 only.
plan cr 'id,duration_weeks,crew\nA,2,Dev=1\nB,1,Dev=1\n' \
    'role,headcount,hours_per_week,from_week,to_week\nDev,1,40,1,1\nDev,1,40,3,3\n'
"$OPTPLAN" cr -o cro >out 2>err
check "crew: no start has its whole crew" has out "deferred A: team: no start in weeks 1..3 has its whole crew for 2 weeks"

# X (P0) takes all of Dev; A (P1) is left out for it, and B waits for A.
plan dd 'id,priority,effort_hours,role,depends_on\nX,P0,80,Dev,\nA,P1,40,Dev,\nB,P1,8,Ops,A\n' \
    'role,headcount,hours_per_week,from_week,to_week\nDev,1,40,1,2\nOps,1,40,1,2\n'
"$OPTPLAN" dd -o ddo >out 2>err
check "priority" has out "deferred A: priority: left out for higher-priority work: Dev has 80 h in weeks 1..2, 80 h booked by higher-priority items (X P0 80 h), this item needs 40 h"
check "dependency deferred" has out "deferred B: dependency: it depends on A, which is deferred"

# --gate-entry phase: G2's exit item starts after G1 passes, in the last week.
plan ge 'id,effort_hours,role\nA,80,Dev\nB,40,Ops\n' \
    'role,headcount,hours_per_week,from_week,to_week\nDev,1,40,1,2\nOps,1,40,1,2\n' \
    'gate,name,deadline_week,requires,items\nG1,a,2,,A\nG2,b,2,G1,B\n'
"$OPTPLAN" ge --gate-entry phase -o geo >out 2>err
check "gate entry" has out "deferred B: gate entry: it starts after gate G1 passes, in week 2 at the earliest, after the horizon's last week 2"

# Three items of one priority, room for two.
plan cap 'id,effort_hours,role\nA,40,Dev\nB,40,Dev\nC,60,Dev\n' 'role,headcount,hours_per_week,from_week,to_week\nDev,1,40,1,2\n'
"$OPTPLAN" cap -o capo >out 2>err
check "capacity" has out "deferred C: capacity: Dev has 80 h in weeks 1..2, 80 h booked by other items (A P1 40 h, B P1 40 h), this item needs 60 h"

# A crew item left out for a P0 effort item.
plan crew 'id,priority,effort_hours,role,duration_weeks,crew\nA,P1,,,2,Dev=1\nB,P0,40,Dev,,\n' \
    'role,headcount,hours_per_week,from_week,to_week\nDev,1,40,1,2\n'
"$OPTPLAN" crew -o crewo >out 2>err
check "crew: priority" has out "deferred A: priority: left out for higher-priority work: Dev has 80 h in weeks 1..2, 40 h booked by higher-priority items (B P0 40 h), its crew needs 40 h of it a week for 2 weeks"

# --strict-gates: Backend has one person in weeks 1-2; C (P0, 80 h), A (P1,
# 40 h, G's exit item, deadline week 3). The gate, not priority, defers C;
# without --strict-gates, C's priority defers A.
plan sg 'id,priority,effort_hours,role\nC,P0,80,Backend\nA,P1,40,Backend\n' \
    'role,headcount,hours_per_week,from_week,to_week\nBackend,1,40,1,2\n' \
    'gate,name,deadline_week,requires,items\nG,g,3,,A\n'
"$OPTPLAN" sg --strict-gates -o sgo >out 2>err
check "strict gate" has out "deferred C: strict gate: G needs A (P1) by week 3; Backend has 80 h in weeks 1..2, 40 h booked by other items (A P1 40 h), this item needs 80 h"
"$OPTPLAN" sg -o sgo2 >out 2>err
check "without --strict-gates: priority" has out "deferred A: priority: left out for higher-priority work: Backend has 80 h in weeks 1..2, 80 h booked by higher-priority items (C P0 80 h), this item needs 40 h"

finish
