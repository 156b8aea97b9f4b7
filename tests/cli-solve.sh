#!/bin/sh
# cli-solve.sh - solving the shipped plan: optimality, gates, causes, determinism, round trip
. "$top_srcdir/tests/lib.sh"

"$OPTPLAN" "$EXAMPLE" -o "$T/a" >"$T/out" 2>"$T/err"
check "solve of the shipped plan is proven optimal (exit 0)" test $? -eq 0
check "stdout says proven optimal" has "$T/out" "proven optimal"
for f in schedule.csv allocation.csv load.csv gates.csv report.md gantt.svg solve.log; do
    check "report file $f written" test -s "$T/a/$f"
done
check "M4 is met with the shipped team" has "$T/a/gates.csv" "M4,14,14,0,met,"
# (the exact text is tests/cli-fixes.sh's: under valgrind the re-solves may
# be cut short by their share of the time limit)
check "M1 is late, its cause found by re-solving names Documentation" \
    grep -q '^M1,3,13,10,late,".*Documentation' "$T/a/gates.csv"
check "report headline states gates met and solver status" has "$T/a/report.md" \
    "**1 of 4 gates met**, last item done in week 14"
check "report names the deferred item with its reason" has "$T/a/report.md" "| P2-004 | P2 | Compliance | 40 | priority: left out for higher-priority work: Compliance"
last=$(awk -F, 'NR > 1 && $6 != "" && $6 > m { m = $6 } END { print m + 0 }' "$T/a/schedule.csv")
check "last item done no later than week 14 (got $last)" test "$last" -le 14
check "report shows the hand plan beside the optimum" has "$T/a/report.md" "## Hand plan beside the optimized plan"
check "gantt.svg is an SVG with gates marked" has "$T/a/gantt.svg" "M1 due"

# Same inputs, same options: byte-identical reports (solve.log holds the times).
"$OPTPLAN" -q "$EXAMPLE" -o "$T/b"
same=0
for f in schedule.csv allocation.csv load.csv gates.csv report.md gantt.svg; do
    cmp -s "$T/a/$f" "$T/b/$f" || { echo "  $f differs between runs"; same=1; }
done
check "two runs give byte-identical reports" test $same -eq 0

# Round trip: the optimized allocation, checked as a plan, gives the same gates and loads.
"$OPTPLAN" check -q "$EXAMPLE" --plan "$T/a/allocation.csv" -o "$T/c"
cut -d, -f1-5 "$T/a/gates.csv" >"$T/a/gate-weeks"
cut -d, -f1-5 "$T/c/gates.csv" >"$T/c/gate-weeks"
check "allocation.csv checked as a plan has the same gate weeks" cmp -s "$T/a/gate-weeks" "$T/c/gate-weeks"
check "allocation.csv checked as a plan has the same loads" cmp -s "$T/a/load.csv" "$T/c/load.csv"

# One person per role in every week: all four gates met.
printf 'role,headcount,from_week,to_week\n' >"$T/team1.csv"
for r in Security Backend Performance Operations Compliance Testing Documentation; do
    printf '%s,1,1,14\n' "$r" >>"$T/team1.csv"
done
"$OPTPLAN" --capacity "$T/team1.csv" "$EXAMPLE" -o "$T/d" >"$T/out" 2>&1
check "one person per role: solve exits 0" test $? -eq 0
met=$(grep -c ',met,' "$T/d/gates.csv")
check "one person per role meets all four gates (met: $met)" test "$met" -eq 4

# Hard constraints that cannot hold: exit 3 with the reason, nothing written.
"$OPTPLAN" --strict-gates "$EXAMPLE" -o "$T/e" >"$T/out" 2>"$T/err"
check "--strict-gates with the shipped team is infeasible (3)" test $? -eq 3
check "the infeasibility names gate M1" has "$T/err" "optplan: infeasible: gate M1 cannot pass before week 13"
check "an infeasible run writes no reports" test ! -e "$T/e"
"$OPTPLAN" --require-all "$EXAMPLE" -o "$T/e" >"$T/out" 2>"$T/err"
check "--require-all with an item that cannot fit exits 3" test $? -eq 3
check "--require-all names the item" has "$T/err" "P2-004 cannot be scheduled"

# A failed run leaves the previous reports as they were.
cp "$T/a/report.md" "$T/before.md"
"$OPTPLAN" --items "$T/nonexistent.csv" "$EXAMPLE" -o "$T/a" >"$T/out" 2>"$T/err"
check "bad input exits 66" test $? -eq 66
check "previous reports survive a failed run" cmp -s "$T/before.md" "$T/a/report.md"
check "no temporary directory is left behind" test -z "$(ls -A "$T" | grep '^\.a\.tmp')"

# A directory optplan did not write is never replaced.
mkdir "$T/mine" && echo keep >"$T/mine/notes.txt"
"$OPTPLAN" -q "$EXAMPLE" -o "$T/mine" >"$T/out" 2>"$T/err"
check "refuses to replace a foreign directory (73)" test $? -eq 73
check "the foreign directory is untouched" has "$T/mine/notes.txt" keep

# --write-lp: a model glpsol can read.
"$OPTPLAN" -q "$EXAMPLE" -o "$T/f" --write-lp "$T/model.lp"
check "--write-lp writes the first stage model" test -s "$T/model.lp"
if command -v glpsol >/dev/null 2>&1; then
    glpsol --lp "$T/model.lp" --tmlim 20 >"$T/glpsol.out" 2>&1
    check "glpsol reads the exported model" has "$T/glpsol.out" "OPTIMAL"
fi
finish
