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
"$OPTPLAN" staff one -o s1 >out 2>err
check "one 40 h item due week 3: one person (exit 0)" test $? -eq 0
check "one person for two weeks, the shortest stay (cost 80)" has out "proven cheapest): cost 80"
check "staff.csv has one block of one person" grep -qE "^Dev,1,40,[12],[23],$" s1/staff.csv
"$OPTPLAN" staff --min-weeks 1 one -o s1w >out 2>err
check "--min-weeks 1: one week is enough (cost 40)" has out "proven cheapest): cost 40"
"$OPTPLAN" staff --staff-model constant one -o s1c >out 2>err
check "constant model: one person for all three weeks (cost 120)" has out "(constant, proven cheapest): cost 120"
check "the report says the constant model pays every week" has s1c/report.md "is paid for all of them"

# --keep-team with a team larger than the work needs keeps it.
printf 'role,headcount\nDev,2\n' >one/team.csv
"$OPTPLAN" staff -q --keep-team one -o s2k
check "--keep-team with a larger team is feasible (exit 0)" test $? -eq 0
check "and keeps both people" has s2k/staff.csv "Dev,2,40,1,3,"
check "the current team meets the gate: the report says so" has s2k/report.md "**The current team already meets every gate** (cost 240)"

# --keep-team is week by week: two people in weeks 1-2 only stay two people
# in weeks 1-2 (not in every week); the work after them gets a block of its own.
mkdir kt
printf 'id,effort_hours,role,earliest_week\nA,80,Dev,\nB,80,Dev,3\n' >kt/items.csv
printf 'role,headcount,hours_per_week,from_week,to_week\nDev,2,40,1,2\n' >kt/team.csv
printf 'gate,deadline_week,items\nG,4,A;B\n' >kt/gates.csv
"$OPTPLAN" staff --keep-team kt -o skt >out 2>err
check "--keep-team week by week: exit 0" test $? -eq 0
check "the team kept: 2 people in weeks 1-2" has skt/staff.csv "Dev,2,40,1,2,"
check "one person added for weeks 3-4" has skt/staff.csv "Dev,1,40,3,4,"
check "cost 240 (160 kept + 80 added)" has out "proven cheapest): cost 240"

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
check "that role needs nobody" has sd/report.md "| Doc | none | 1 | 5 | 0 | 0 | 200 | 0 |"
check "and staff.csv has no row for it" sh -c "! grep -q '^Doc,' sd/staff.csv"

# The shipped plan: a block team that meets all four gates, proven cheapest.
# The proof takes a few seconds; under valgrind (some 50 times slower, and
# on a busy machine more) the default 60 s limit cut it short, so give it time.
limit=60
[ -n "${OPTPLAN_WRAPPER:-}" ] && limit=1200
"$OPTPLAN" staff --time-limit $limit "$EXAMPLE" -o staffed >out 2>err
check "staff on the shipped plan exits 0 (proven cheapest)" test $? -eq 0
check "stdout says proven cheapest" has out "proven cheapest"
check "report states the current team's 24 person-weeks" has staffed/report.md "| **total** |  | 3 | 24 |"
check "the current team's gates beside the cheapest team" has staffed/report.md "The current team (cost 960) meets 1 of 4 gates."
cost=$(sed -n 's/^cheapest team (block, proven cheapest): cost \([0-9]*\)$/\1/p' out)
check "the cheapest block team costs at most 1,680 (got $cost)" test "${cost:-99999}" -le 1680
met=$(grep -c ',met,' staffed/gates.csv)
check "the staffed plan meets all four gates ($met)" test "$met" -eq 4
# replay: the team found, given as --capacity, meets every gate
"$OPTPLAN" -q --capacity staffed/staff.csv "$EXAMPLE" -o replay
met=$(grep -c ',met,' replay/gates.csv)
check "replaying staff.csv with --capacity meets all four gates ($met)" test "$met" -eq 4
finish
