#!/bin/sh
# cli-crew.sh - fixed-duration crew items, alone (PSPLIB) and mixed with effort items
. "$top_srcdir/tests/lib.sh"
cd "$T" || exit 99
D="$top_srcdir/tests/data/psplib"

# PSPLIB j301_1 (published optimum 43): import, then solve for the makespan.
"$OPTPLAN" import-psplib -q "$D/j301_1.sm" j301 >out 2>err
check "import-psplib exits 0" test $? -eq 0
check "30 jobs become 30 items" test "$(($(wc -l <j301/items.csv) - 1))" -eq 30
check "4 resources become 4 roles at their capacity" has j301/team.csv "R1,12,40,1,"
check "a job keeps its duration, crew and predecessors" has j301/items.csv "J5,job 5,P1,,,3,R1=3,J4"
"$OPTPLAN" -q --objective finish j301 -o s
check "the imported instance solves to proven optimality" test $? -eq 0
check "its makespan is the published optimum 43" has s/summary.csv "last_week,43"
"$OPTPLAN" check -q j301 --plan s/allocation.csv -o c
check "the solver's schedule checks clean" test $? -eq 0

"$OPTPLAN" import-psplib "$D/truncated.sm" x >out 2>err
check "a truncated .sm is a data error (65)" test $? -eq 65
check "it says what is missing" has err "incomplete instance"
"$OPTPLAN" import-psplib "$D/badrow.sm" x >out 2>err
check "a bad precedence row is a data error (65)" test $? -eq 65
check "it names the line" has err "badrow.sm:25: bad precedence row"

# Crew items mixed with effort items in one plan.
mkdir mix
printf 'id,title,priority,effort_hours,role,duration_weeks,crew,depends_on\n' >mix/items.csv
printf 'MIG,migration,P0,,,2,Backend=1;Operations=1,\nAPI,api,P1,40,Backend,,,\n' >>mix/items.csv
printf 'OPS,ops,P1,20,Operations,,,MIG\n' >>mix/items.csv
printf 'role,headcount\nBackend,1\nOperations,1\n' >mix/team.csv
printf 'gate,deadline_week,items\nG,3,MIG;OPS\n' >mix/gates.csv
"$OPTPLAN" -q mix -o m
check "a mixed plan solves (exit 0)" test $? -eq 0
check "the crew item runs two weeks in a row with both roles" has m/schedule.csv "MIG,migration,Backend,P0,1,2,160"
check "its dependent starts after it" has m/schedule.csv "OPS,ops,Operations,P1,3,3,20"
check "the gate is met" has m/gates.csv "G,3,3,0,met,"
printf 'id,week\nMIG,1\nMIG,3\nAPI,2\nOPS,4\n' >split.csv
"$OPTPLAN" check -q mix --plan split.csv -o c2
check "a crew item split in two is a defect (exit 1)" test $? -eq 1
check "the break is reported" has c2/violations.csv "crew_broken,MIG"

printf 'id,duration_weeks,crew\nX,2,Nobody=1\n' >mix/items.csv
"$OPTPLAN" validate mix >out 2>err
check "an unknown crew role is a data error" test $? -eq 65
check "named at its cell" has err "mix/items.csv:2:3: unknown role \"Nobody\" in crew"
printf 'id,duration_weeks,crew\nX,2,Backend=3\n' >mix/items.csv
"$OPTPLAN" validate mix >out 2>err
check "a crew larger than the team is a data error" test $? -eq 65
check "with the numbers" has err "crew needs 3 Backend, more than the team ever has (1)"
finish
