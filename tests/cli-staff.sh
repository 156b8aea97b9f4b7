#!/bin/sh
# cli-staff.sh - the cheapest team: hand-computable cases and a replay of the shipped plan
. "$top_srcdir/tests/lib.sh"
cd "$T" || exit 99

# 120 h of one role in three 40 h one-person items, due by week 2: 2 people.
mkdir small
printf 'id,effort_hours,role\nA,40,Dev\nB,40,Dev\nC,40,Dev\n' >small/items.csv
printf 'role,headcount\nDev,1\n' >small/team.csv
printf 'gate,deadline_week,items\nG,2,A;B;C\n' >small/gates.csv
"$OPTPLAN" staff -q small -o s2
check "120 h due week 2: staff exits 0 (proven cheapest)" test $? -eq 0
check "120 h due week 2 needs 2 people" has s2/staff.csv "Dev,2,40,1,2,"
printf 'gate,deadline_week,items\nG,3,A;B;C\n' >small/gates.csv
"$OPTPLAN" staff -q small -o s3
check "120 h due week 3 needs 1 person" has s3/staff.csv "Dev,1,40,1,3,"
# a cap that cannot hold: infeasible (3) with the reason
printf 'gate,deadline_week,items\nG,2,A;B;C\n' >small/gates.csv
"$OPTPLAN" staff -q small --max-headcount Dev=1 -o sx >out 2>err
check "a cap below the need is infeasible (3)" test $? -eq 3
check "the reason is given" has err "optplan: infeasible:"
"$OPTPLAN" staff -q small --max-headcount Nobody=1 -o sx >out 2>err
check "an unknown role in --max-headcount is a usage error" test $? -eq 64

# A single item is no special case (once reported infeasible).
mkdir one
printf 'id,effort_hours,role\nA,40,Dev\n' >one/items.csv
printf 'role,headcount\nDev,1\n' >one/team.csv
printf 'gate,deadline_week,items\nG,3,A\n' >one/gates.csv
"$OPTPLAN" staff -q one -o s1
check "one 40 h item due week 3: one person (exit 0)" test $? -eq 0
check "one person for weeks 1-3" has s1/staff.csv "Dev,1,40,1,3,"

# --keep-team with a team larger than the work needs keeps it.
printf 'role,headcount\nDev,2\n' >one/team.csv
"$OPTPLAN" staff -q --keep-team one -o s2k
check "--keep-team with a larger team is feasible (exit 0)" test $? -eq 0
check "and keeps both people" has s2k/staff.csv "Dev,2,40,1,3,"

# A role whose items are all done needs nobody: the replay keeps it with 0
# people (the old CSV round trip dropped it and failed with 65).
mkdir done
printf 'id,effort_hours,role,depends_on\nA,40,Dev,\nB,40,Dev,A\nD,20,Doc,\n' >done/items.csv
printf 'role,headcount\nDev,1\nDoc,1\n' >done/team.csv
printf 'gate,deadline_week,items\nG,5,B\n' >done/gates.csv
printf 'id,state\nA,done\nD,done\n' >done/status.csv
"$OPTPLAN" staff -q --week 3 done -o sd >out 2>err
rc=$?
check "staff with a role whose items are all done exits 0 (got $rc)" test $rc -eq 0
check "that role needs nobody" has sd/report.md "| Doc | 1 | 5 | 0 | 0 | 200 | 0 |"
check "and staff.csv has no row for it" sh -c "! grep -q '^Doc,' sd/staff.csv"

# The shipped plan: a constant team that meets all four gates, proven cheapest.
# The proof takes a few seconds; under valgrind (some 50 times slower, and
# on a busy machine more) the default 60 s limit cut it short, so give it time.
limit=60
[ -n "${OPTPLAN_WRAPPER:-}" ] && limit=1200
"$OPTPLAN" staff --time-limit $limit "$EXAMPLE" -o staffed >out 2>err
check "staff on the shipped plan exits 0 (proven cheapest)" test $? -eq 0
check "stdout says proven cheapest" has out "proven cheapest"
check "report states the current team's 24 person-weeks" has staffed/report.md "| **total** | 3 | 24 |"
met=$(grep -c ',met,' staffed/gates.csv)
check "the staffed plan meets all four gates ($met)" test "$met" -eq 4
# replay: the team found, given as --capacity, meets every gate
"$OPTPLAN" -q --capacity staffed/staff.csv "$EXAMPLE" -o replay
met=$(grep -c ',met,' replay/gates.csv)
check "replaying staff.csv with --capacity meets all four gates ($met)" test "$met" -eq 4
finish
