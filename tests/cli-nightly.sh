#!/bin/sh
# cli-nightly.sh - three nights of re-planning on the shipped plan: stable plans, changes reported
. "$top_srcdir/tests/lib.sh"
cd "$T" || exit 99

# status_after DIR WEEK [SLIP_ID SLIP_HOURS]: made-up progress at the start of
# week WEEK from the plan in DIR: what ended before WEEK is done, what started
# before WEEK is doing with its planned remaining hours, one item may slip.
status_after() {
    { echo "id,state,remaining_hours"; awk -F, -v w="$2" -v slip="$3" -v left="$4" '
        FNR == 1 { next }
        FILENAME ~ /schedule/ { if ($6 != "" && $6 < w) done[$1] = 1; else if ($5 != "" && $5 < w) doing[$1] = 1; next }
        { if ($2 >= w) rem[$1] += $3 }
        END {
            for (i in done) if (i != slip) print i ",done,"
            for (i in doing) if (i != slip) print i ",doing," rem[i]
            if (slip != "") print slip ",doing," left
        }' "$1/schedule.csv" "$1/allocation.csv" | sort; } >"$5"
}

# Night 0: the plan as it stands.
"$OPTPLAN" -q "$EXAMPLE" --no-baseline -o n0
check "night 0 solves" test -s n0/allocation.csv

# Unchanged inputs with --previous: no changes, the same schedule.
"$OPTPLAN" -q "$EXAMPLE" --previous n0 -o same
check "unchanged inputs report no changes" has same/report.md "No changes: every item keeps its weeks."
check "unchanged inputs give the same schedule" cmp -s n0/allocation.csv same/allocation.csv
check "changes.csv lists nothing" test "$(wc -l <same/changes.csv)" -eq 1

# Night 1 (week 3): everything planned for weeks 1-2 is done, except that
# P0-004 slips: 8 h are still left.
mkdir plan && cp "$EXAMPLE"/items.csv "$EXAMPLE"/team.csv "$EXAMPLE"/gates.csv plan/
status_after n0 3 P0-004 8 plan/status.csv
"$OPTPLAN" -q plan --week 3 --previous n0 -o n1
check "night 1 solves" test -s n1/changes.csv
check "the slipped item is reported moved" has n1/changes.csv "P0-004,moved,2,2,"
check "the slipped item overran: its own cause" has n1/changes.csv ",P0-004 (overran by 8 h)"
check "the overrun is the root cause" \
    has n1/report.md "- P0-004 overran by 8 h: 8 h left at week 3, the previous plan had 0 h for it from week 3 on"
check "only the slipped item moved" test "$(wc -l <n1/changes.csv)" -eq 2
# items not affected keep their hours in every week from 3 on
awk -F, 'NR > 1 && $2 >= 3 && $1 != "P0-004"' n0/allocation.csv | sort >a0
awk -F, 'NR > 1 && $1 != "P0-004"' n1/allocation.csv | sort >a1
check "items not affected do not move" cmp -s a0 a1

# Night 2 (week 5): P0-005 finishes early and a new item appears.
status_after n1 5 "" "" plan/status.csv
grep -v '^P0-005,' plan/status.csv >s && echo "P0-005,done," >>s && mv s plan/status.csv
echo "P1-029,Queue dashboards,Scalability,P1,8,Backend,MEDIUM,YES," >>plan/items.csv
"$OPTPLAN" -q plan --week 5 --previous n1 -o n2 --fail-on-late
check "a late gate with --fail-on-late exits 4" test $? -eq 4
check "the early finish is reported" has n2/changes.csv "P0-005,done early,"
check "the new item is reported" has n2/changes.csv "P1-029,new,,,"
# P0-005's week 5 (24 h of Backend, its only engineer) frees up: the two
# Backend items queued behind it each move one week earlier (weighted
# completion ranks before stability); nothing else changes.
check "the freed Backend week pulls P0-008 forward" has n2/changes.csv "P0-008,moved,5,6,5,5,-1,P0-005 (done early)"
check "the freed Backend week pulls P0-006 forward" has n2/changes.csv "P0-006,moved,6,7,6,6,-1,P0-005 (done early)"
check "the early finish is a root cause" \
    has n2/report.md "- P0-005 done early: done before week 5, the previous plan ended it in week 5"
check "the new item is a root cause" has n2/report.md "- P1-029 is new: 8 h of Backend"
check "nothing else changed" test "$(wc -l <n2/changes.csv)" -eq 5
awk -F, 'NR > 1 && $2 >= 5 && $1 !~ /^P0-00[568]$/' n1/allocation.csv | sort >b1
awk -F, 'NR > 1 && $1 != "P1-029" && $1 !~ /^P0-00[68]$/' n2/allocation.csv | sort >b2
check "items not affected do not move on night 2" cmp -s b1 b2
check "the report has the changes section" has n2/report.md "## What changed since the previous plan"

# Week 1 with a done item that another one depends on (history is not judged).
mkdir w1
printf 'id,effort_hours,role,depends_on\nA,40,Dev,\nB,40,Dev,A\n' >w1/items.csv
printf 'role,headcount\nDev,1\n' >w1/team.csv
printf 'gate,deadline_week,items\nG,5,B\n' >w1/gates.csv
printf 'id,state\nA,done\n' >w1/status.csv
"$OPTPLAN" -q --week 1 w1 -o w1out
check "week 1 with a done dependency plans normally (exit 0)" test $? -eq 0
"$OPTPLAN" staff -q --week 3 w1 -o w1staff
check "staff with a done item plans normally (exit 0)" test $? -eq 0
printf 'id,state\n' >w1/status.csv
"$OPTPLAN" -q --week 2 w1 -o w1empty
check "a status file with no rows means nothing started (exit 0)" test $? -eq 0

# Bad progress is a precise error.
printf 'id,state\nP0-001,finished\n' >bad.csv
"$OPTPLAN" -q plan --week 2 --status bad.csv -o x >out 2>err
check "a bad state is a data error (65)" test $? -eq 65
check "it is named at its cell" has err "bad.csv:2:2: state: expected one of todo, doing, done"
"$OPTPLAN" -q plan --status bad.csv -o x >out 2>err
check "--status without --week is a usage error" test $? -eq 64
finish
