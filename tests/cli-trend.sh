#!/bin/sh
# cli-trend.sh - the milestone trend over three nightly runs with a slip (--history)
. "$top_srcdir/tests/lib.sh"
cd "$T" || exit 99

# Dev does A, then B (needs A), then C. G1 needs B by week 2, G2 needs C by 4.
mkdir t R
printf 'id,effort_hours,role,depends_on\nA,40,Dev,\nB,40,Dev,A\nC,40,Dev,\n' >t/items.csv
printf 'role,headcount\nDev,1\n' >t/team.csv
printf 'gate,deadline_week,items\nG1,2,B\nG2,4,C\n' >t/gates.csv

# Night 1 (week 1): G1 week 2, G2 week 3. "latest" points at it, as nightly.sh does.
"$OPTPLAN" -q t -o R/2027-01-04
ln -s 2027-01-04 R/latest
# Night 2 (week 2): A overran (20 h left): G1 slips to week 3, G2 to 4.
printf 'id,state,remaining_hours\nA,doing,20\n' >t/status.csv
"$OPTPLAN" -q t --week 2 --previous R/latest -o R/2027-01-11 --history R
check "night 2 with --history exits 0" test $? -eq 0
# Night 3 (week 3): A done, B not started: G1 stays at 3.
printf 'id,state,remaining_hours\nA,done,\n' >t/status.csv
"$OPTPLAN" -q t --week 3 --previous R/2027-01-11 -o R/2027-01-18 --history R
check "night 3 with --history exits 0" test $? -eq 0

cat >want <<'END'
run,made_in_week,gate,deadline_week,projected_week,p80_week
2027-01-04,1,G1,2,2,
2027-01-04,1,G2,4,3,
2027-01-11,2,G1,2,3,
2027-01-11,2,G2,4,4,
2027-01-18,3,G1,2,3,
2027-01-18,3,G2,4,4,
END
check "trend.csv: each night's projected weeks, oldest first, the latest link not counted twice" \
    cmp -s want R/2027-01-18/trend.csv
check "summary.csv says the week a re-plan was made in" has R/2027-01-18/summary.csv "first_week,3"
check "report.md: the slip is marked" has R/2027-01-18/report.md "| 2027-01-11 | week 2 | 3 late (slipped) | 4 (slipped) |"
check "report.md: the last row is this run" has R/2027-01-18/report.md "| 2027-01-18 | week 3 | 3 late | 4 |"
check "trend.svg is written" test -s R/2027-01-18/trend.svg
if command -v xmllint >/dev/null 2>&1; then
    check "trend.svg is well-formed XML" xmllint --noout R/2027-01-18/trend.svg
fi
check "trend.svg: one marker per run and gate" test "$(grep -c '<circle' R/2027-01-18/trend.svg)" -eq 6
check "trend.svg: late projections are red" test "$(grep -c 'fill="#d62728"' R/2027-01-18/trend.svg)" -eq 2

# A run directory given itself, and a rerun into a directory --history covers:
# the directory being written is not read as history.
"$OPTPLAN" -q t --week 3 -o R/2027-01-18 --history R/2027-01-04 --history R
check "a rerun into the history's own directory exits 0" test $? -eq 0
check "the rerun's trend holds each run once" test "$(grep -c ',G1,' R/2027-01-18/trend.csv)" -eq 3
# Same inputs, same history, same run name: byte-identical (a run of this
# run's week in the history gives way to this one).
mkdir again
"$OPTPLAN" -q t --week 3 -o again/2027-01-18 --history R/2027-01-04 --history R
check "same inputs and history give the same trend.csv" cmp -s again/2027-01-18/trend.csv R/2027-01-18/trend.csv
check "and the same trend.svg" cmp -s again/2027-01-18/trend.svg R/2027-01-18/trend.svg
check "without --history no trend files" test ! -e R/2027-01-04/trend.csv

# Nights with forecasts: the trend gives each night's P80 beside its projection.
mkdir F
"$OPTPLAN" -q t --simulate 200 --uncertainty 40 -o F/n1
"$OPTPLAN" -q t --week 2 --simulate 200 --uncertainty 40 -o F/n2 --history F
check "a forecast night's trend has its P80" has F/n2/report.md ", P80 "
check "trend.csv: p80_week filled for forecast nights" awk -F, 'NR > 1 && $6 == "" { bad = 1 } END { exit bad }' F/n2/trend.csv

# A compare output inside the history directory is not a run: skipped.
"$OPTPLAN" compare R/2027-01-04 R/2027-01-11 -q -o R/cmp
"$OPTPLAN" -q t --week 3 -o again2 --history R
check "a compare directory among the runs is skipped" test $? -eq 0
check "and the trend still has its three runs" test "$(grep -c ',G1,' again2/trend.csv)" -eq 3

# Errors: a path that is no directory, a directory without runs.
"$OPTPLAN" -q t --week 3 -o x1 --history nowhere 2>err
check "a missing --history path exits 66" test $? -eq 66
check "and says so" has err "optplan: nowhere: not a directory"
check "and writes no report" test ! -e x1
mkdir empty
"$OPTPLAN" -q t --week 3 -o x2 --history empty 2>err
check "a directory without runs exits 65" test $? -eq 65
check "and says so" has err "optplan: empty: no optplan report directories in it"
finish
