#!/bin/sh
# cli-sweep.sh - one person more or fewer per role; --list lines run by GNU parallel agree
. "$top_srcdir/tests/lib.sh"
cd "$T" || exit 99

"$OPTPLAN" sweep "$EXAMPLE" --roles Documentation,Compliance,Backend -j 2 -o sw >out 2>err
check "sweep exits 0" test $? -eq 0
check "sweep.md names the hire that removes the most lateness" has sw/sweep.md \
    "**The single hire that helps most: +1 Documentation from week 1** removes 16 weeks"
first=$(sed -n 2p sw/sweep.csv | cut -d, -f1)
check "sweep.csv is sorted by benefit (first: $first)" test "$first" = "Documentation+1"
check "the base scenario is in the table" has sw/sweep.csv "base,,0,1,1,16,0,14,"
check "every scenario wrote a full report" test -s sw/Backend-1/report.md -a -s sw/base/gates.csv

# A scenario that defers a must-have ranks below the base, however cheap:
# "Performance-1" is 80 h cheaper than the base, meets the same gate, but
# drops P0-004 (decision = must) and four more items.
"$OPTPLAN" sweep -q "$EXAMPLE" --roles Performance -j 2 -o perf >out 2>err
check "sweep --roles Performance exits 0" test $? -eq 0
# field NAME of the row of scenario ROW in perf/sweep.csv (by header, not position)
field() {
    awk -F, -v row="$1" -v col="$2" \
        'NR == 1 { for (k = 1; k <= NF; k++) if ($k == col) c = k; next }
         $1 == row { print $c }' perf/sweep.csv
}
rank() { awk -F, -v row="$1" '$1 == row { print NR - 1 }' perf/sweep.csv; }
check "Performance-1 ranks below the base ($(rank Performance-1) vs $(rank base))" \
    test "$(rank Performance-1)" -gt "$(rank base)"
check "Performance-1 defers one must-have ($(field Performance-1 must_deferred))" \
    test "$(field Performance-1 must_deferred)" = 1
check "the base defers none" test "$(field base must_deferred)" = 0
pf=$(field Performance-1 items_scheduled),$(field Performance-1 items_deferred)
pf=$pf,$(field Performance-1 first_go_week)
check "Performance-1 schedules 40 items, defers 5, never reaches Go ($pf)" test "$pf" = "40,5,"
check "the base reaches Go in week 11" test "$(field base first_go_week)" = 11
check "sweep.md names the must-have Performance-1 defers" \
    has perf/sweep.md "- Performance-1: P0-004"
check "sweep.md says how scenarios are ranked" has perf/sweep.md \
    "Scenarios are ranked by gates met (more first), then must-haves deferred (fewer first)"

"$OPTPLAN" sweep "$EXAMPLE" --roles Documentation,Compliance,Backend --list -o pl >lines
check "--list prints one line per scenario (7)" test "$(wc -l <lines)" -eq 7
check "--list lines are self-contained commands" has lines "--add-staff Documentation=+1@1"
if command -v parallel >/dev/null 2>&1; then
    parallel --will-cite -j 2 <lines
    check "scenarios run by GNU parallel succeed" test -s pl/base/summary.csv
    "$OPTPLAN" sweep "$EXAMPLE" --roles Documentation,Compliance,Backend --gather -o pl >out 2>err
    check "--gather tabulates them" test $? -eq 0
    check "GNU parallel gives the same table as -j" cmp sw/sweep.csv pl/sweep.csv
else
    echo "skip - GNU parallel not installed"
fi

# A scenario that no plan can satisfy is a row of the table, not a failure.
mkdir tight
printf 'id,effort_hours,role\nA,40,Dev\nB,40,Dev\n' >tight/items.csv
printf 'role,headcount\nDev,1\n' >tight/team.csv
printf 'gate,deadline_week,items\nG,2,A;B\n' >tight/gates.csv
"$OPTPLAN" sweep -q --strict-gates tight -o tsw >out 2>err
check "a sweep with an infeasible scenario exits 0" test $? -eq 0
check "the infeasible scenario is tabulated as no plan" has tsw/sweep.csv "Dev-1,Dev,-1,1,no plan"

# --add-staff on its own is a what-if solve
"$OPTPLAN" -q --add-staff Documentation=+1@1 "$EXAMPLE" -o plus
met=$(grep -c ',met,' plus/gates.csv)
check "--add-staff Documentation=+1 meets all four gates ($met)" test "$met" -eq 4
"$OPTPLAN" -q --add-staff Nobody=+1 "$EXAMPLE" -o x >out 2>err
check "--add-staff with an unknown role is a usage error (64), like --max-headcount" test $? -eq 64
check "and says so" has err "optplan: --add-staff: unknown role in 'Nobody=+1'"
finish
