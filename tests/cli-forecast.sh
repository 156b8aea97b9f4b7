#!/bin/sh
# cli-forecast.sh - forecast: ranged estimates, reproducible draws, the plan itself at zero width, bad ranges
. "$top_srcdir/tests/lib.sh"
cd "$T" || exit 99
# The shipped plan's runs solve it to proven optimality: under valgrind
# (OPTPLAN_REAL set by .ci/run) they use the plain binary, as cli-fixes does.
PLAIN=${OPTPLAN_REAL:-$OPTPLAN}

"$PLAIN" forecast "$EXAMPLE" --uncertainty 30 --simulate 2000 --explain off -q -o f1
check "forecast on the shipped plan exits 0" test $? -eq 0
check "forecast.csv is written" test -s f1/forecast.csv
check "forecast.csv: a row per gate, the last week, a row per item" \
    test "$(grep -c '^gate,' f1/forecast.csv),$(grep -c '^last_week,' f1/forecast.csv),$(grep -c '^item,' f1/forecast.csv)" = "4,1,45"
check "report.md has the Forecast section" has f1/report.md "2000 scenarios: efforts drawn from PERT ranges (items without effort_low and effort_high: +-30 %), seed 1"
check "and the gates' table" has f1/report.md "| gate | deadline | planned | P50 | P80 | P95 | chance by the deadline |"
check "forecast.svg is written" test -s f1/forecast.svg
if command -v xmllint >/dev/null 2>&1; then
    check "forecast.svg is well-formed" xmllint --noout f1/forecast.svg
fi
# P50 <= P80 <= P95 on every gate row (an empty cell: not within the team's weeks)
check "P50 <= P80 <= P95 everywhere" awk -F, '$1 == "gate" || $1 == "last_week" {
        a = $5 == "" ? 1e9 : $5; b = $6 == "" ? 1e9 : $6; c = $7 == "" ? 1e9 : $7
        if (!(a + 0 <= b + 0 && b + 0 <= c + 0)) bad = 1 } END { exit bad }' f1/forecast.csv

# With a start date: dates beside the weeks, date columns in forecast.csv.
"$PLAIN" forecast "$EXAMPLE" --start 2027-01-04 --uncertainty 30 --simulate 500 --explain off -q -o fd
check "dated forecast: the Friday of each week" has fd/report.md "| M1 | 3 (2027-01-22) | 13 (2027-04-02) |"
check "dated forecast.csv: p50_date, p80_date, p95_date" has fd/forecast.csv "criticality,p50_date,p80_date,p95_date"

# Same seed, same figures; another seed, others.
"$PLAIN" forecast "$EXAMPLE" --uncertainty 30 --simulate 2000 --explain off -q -o f2
check "the same seed gives a byte-identical forecast.csv" cmp -s f1/forecast.csv f2/forecast.csv
"$PLAIN" forecast "$EXAMPLE" --uncertainty 30 --simulate 2000 --seed 7 --explain off -q -o f3
check "another seed draws otherwise" sh -c '! cmp -s f1/forecast.csv f3/forecast.csv'

# Zero width (no range, no --uncertainty): every gate at its planned week, chances 0 or 1.
"$PLAIN" forecast "$EXAMPLE" --simulate 50 --explain off -q -o z
check "zero width: P50 = P80 = P95 = the planned week, chance 0 or 1" awk -F, '$1 == "gate" {
        if (!($4 == $5 && $5 == $6 && $6 == $7)) bad = 1
        if ($8 != 0 && $8 != 1) bad = 1; n++ } END { exit bad || n != 4 }' z/forecast.csv

# A small plan with ranges: a chain A -> B on one person, G needs B by week 2.
mkdir p
printf 'id,effort_hours,role,depends_on,effort_low,effort_high\nA,40,Dev,,30,80\nB,40,Dev,A,40,40\n' >p/items.csv
printf 'role,headcount\nDev,1\n' >p/team.csv
printf 'gate,deadline_week,items\nG,2,B\n' >p/gates.csv
"$OPTPLAN" p --simulate 400 -q -o s
check "solve --simulate forecasts too" test -s s/forecast.csv
check "G: planned week 2, P95 later (A may take 80 h)" awk -F, '$1 == "gate" && $2 == "G" && $4 == 2 && $7 > 2 { ok = 1 } END { exit !ok }' s/forecast.csv
"$OPTPLAN" p --simulate 400 --distribution triangular --start-rule early -q -o t
check "triangular draws and early starts run" test -s t/forecast.csv
check "the report says how" has t/report.md "efforts drawn from triangular ranges (items without effort_low and effort_high: no range), seed 1, the plan followed as a policy (items start as soon as they can)"
"$OPTPLAN" p -q -o none
check "without --simulate no forecast" test ! -e none/forecast.csv

# compare and sweep show P80 and the chance by the deadline beside the weeks.
printf 'id,effort_hours,role,depends_on,effort_low,effort_high\nA,40,Dev,,30,80\nB,40,Dev,A,40,40\n' >p/items.csv
"$OPTPLAN" p --simulate 400 --add-staff Dev=1@1 -q -o s2
"$OPTPLAN" compare s s2 -q -o cmp
check "compare: P80 and chance in the gates table" has cmp/comparison.md "| G | week 2 (2) P80 3,"
check "compare: gate_p80_week rows" has cmp/comparison.csv "gate_p80_week,G,"
check "compare: gate_on_time rows" has cmp/comparison.csv "gate_on_time,G,"
"$OPTPLAN" sweep p --simulate 400 -q -o sw
check "sweep passes --simulate to its scenarios" test -s sw/base/forecast.csv
check "sweep.csv: the forecast columns after the old ones" has sw/sweep.csv ",G_week,G_p80_week,G_on_time"
check "sweep.md: P80 beside the gate week" has sw/sweep.md " P80 "

# The same-week hand-off limit holds in scenarios too: A (40..60 h) then B
# (40 h) on two Dev people; B may start in A's week only when both fit one
# person's 40 h, so any draw of A over 40 h puts G in week 3.
mkdir h
printf 'id,effort_hours,role,depends_on,effort_low,effort_high\nA,40,Dev,,40,60\nB,40,Dev,A,,\n' >h/items.csv
printf 'role,headcount\nDev,2\n' >h/team.csv
printf 'gate,deadline_week,items\nG,2,B\n' >h/gates.csv
"$OPTPLAN" forecast h --simulate 500 --reoptimize 5 -q -o ho
check "hand-off limit: G planned week 2, P50 week 3, no chance by the deadline" \
    has ho/report.md "| G | 2 | 2 | 3 | 3 | 3 | 0 % |"
check "and re-planning agrees: none of 5 on time either way" has ho/report.md "| G | 0 of 5 | 0 of 5 |"
# --uncertainty 100: the range is 0..2m (a draw may be no work at all).
mkdir u
printf 'id,effort_hours,role\nA,40,Dev\n' >u/items.csv
printf 'role,headcount\nDev,1\n' >u/team.csv
printf 'gate,deadline_week,items\nG,1,A\n' >u/gates.csv
"$OPTPLAN" forecast u --simulate 2000 --uncertainty 100 -q -o uo
check "--uncertainty 100 draws below the most likely too (about half on time)" \
    awk -F, '$1 == "gate" && $8 > 0.4 && $8 < 0.6 { ok = 1 } END { exit !ok }' uo/forecast.csv

# A gate whose exit item the plan leaves out is "not planned", not "after N".
mkdir dd
printf 'id,effort_hours,role\nA,40,Dev\nX,40,Ops\n' >dd/items.csv
printf 'role,headcount,from_week,to_week\nDev,1,1,3\nOps,0,1,3\n' >dd/team.csv
printf 'gate,deadline_week,items\nG1,2,A\nG2,3,X\n' >dd/gates.csv
"$OPTPLAN" forecast dd --simulate 100 --uncertainty 20 --explain off -q -o ddo
check "a gate the plan never passes: not passed, never (not planned)" \
    has ddo/report.md "| G2 | 3 | not passed | never (not planned) | never (not planned) | never (not planned) | 0 % |"
check "no 'After N' note when no cell says after" sh -c "! grep -q '\"After ' ddo/report.md"

# --reoptimize: scenarios solved again with their efforts known, beside the plan followed.
"$OPTPLAN" p --simulate 50 --reoptimize 5 -q -o ro
check "--reoptimize writes what re-planning could recover" has ro/report.md "What re-planning could recover: the first 5 scenarios solved again"
check "with both columns per gate" awk '/^\| G \| [0-9]+ of 5 \| [0-9]+ of 5 \|/ { ok = 1 } END { exit !ok }' ro/report.md
"$OPTPLAN" p --reoptimize 5 -q -o x 2>err
check "--reoptimize without a forecast is a usage error" test $? -eq 64

# Options out of range are usage errors (64).
"$OPTPLAN" p --simulate 0 -q -o x 2>err
check "--simulate 0 is a usage error" test $? -eq 64
"$OPTPLAN" p --simulate 10 --distribution normal -q -o x 2>err
check "an unknown distribution is a usage error" test $? -eq 64
"$OPTPLAN" p --simulate 10 --uncertainty 150 -q -o x 2>err
check "--uncertainty over 100 is a usage error" test $? -eq 64

# Bad ranges: FILE:LINE:FIELD errors, exit 65, no report.
printf 'id,effort_hours,role,effort_low,effort_high,duration_weeks,crew,duration_low,duration_high\nA,40,Dev,50,60,,,,\nB,40,Dev,20,30,,,,\nC,40,Dev,-1,,,,,\nD,40,Dev,,,,,1,\nE,,,,,2,Dev=1,3,\nF,,,,,2,Dev=1,1,1\nG,,,30,,2,Dev=1,,\nH,40,Dev,10,abc,,,,\n' >p/items.csv
"$OPTPLAN" forecast p -q -o bad 2>err
check "bad ranges exit 65" test $? -eq 65
check "and write no report" test ! -e bad
check "low above the most likely" has err "optplan: p/items.csv:2:4: effort_low: 50 is more than effort_hours (40)"
check "high below the most likely" has err "optplan: p/items.csv:3:5: effort_high: 30 is less than effort_hours (40)"
check "negative" has err "optplan: p/items.csv:4:4: effort_low: expected a number > 0, got \"-1\""
check "a duration range on an effort item" has err "optplan: p/items.csv:5:8: duration_low: only a fixed-duration item (duration_weeks) has a duration range; use effort_low and effort_high"
check "duration low above duration_weeks" has err "optplan: p/items.csv:6:8: duration_low: 3 is more than duration_weeks (2)"
check "duration high below it" has err "optplan: p/items.csv:7:9: duration_high: 1 is less than duration_weeks (2)"
check "an effort range on a fixed-duration item" has err "optplan: p/items.csv:8:4: effort_low: a fixed-duration item's range is duration_low and duration_high"
check "not a number" has err "optplan: p/items.csv:9:5: effort_high: expected a number, got \"abc\""
finish
