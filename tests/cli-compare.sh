#!/bin/sh
# cli-compare.sh - report directories side by side
. "$top_srcdir/tests/lib.sh"
cd "$T" || exit 99

"$OPTPLAN" -q check "$EXAMPLE" -o hand
"$OPTPLAN" -q "$EXAMPLE" -o optimized
printf 'role,headcount,from_week,to_week\n' >team1.csv
for r in Security Backend Performance Operations Compliance Testing Documentation; do
    printf '%s,1,1,14\n' "$r" >>team1.csv
done
"$OPTPLAN" -q --capacity team1.csv "$EXAMPLE" -o oneeach

"$OPTPLAN" compare hand optimized -o cmp2 >out 2>err
check "compare of two report directories exits 0" test $? -eq 0
check "comparison.md has the gate table with both plans" has cmp2/comparison.md "| gate | hand | optimized |"
check "M1 week per plan" has cmp2/comparison.md "| M1 | week 14 (3) | week 13 (3) |"
check "over-capacity weeks side by side" has cmp2/comparison.md "| over_capacity_weeks | 3 | 0 |"
check "an item that moved, with its shift" has cmp2/comparison.md "| P1-019 | week 14 | week 13 (-1) |"
check "comparison.csv has a gate row per plan" has cmp2/comparison.csv "gate_passed_week,M1,14,13"

"$OPTPLAN" compare hand optimized oneeach --label hand,opt,one -o cmp3 >out 2>err
check "compare of three directories with labels exits 0" test $? -eq 0
check "three labelled columns" has cmp3/comparison.md "| gate | hand | opt | one |"
check "the one-per-role team meets M1 in week 2" has cmp3/comparison.csv "gate_passed_week,M1,14,13,2"

mkdir notreport && echo x >notreport/file.txt
"$OPTPLAN" compare hand notreport -o cmpx >out 2>err
check "a directory that is not a report is a data error (65)" test $? -eq 65
check "the error names the directory" has err "optplan: notreport: not an optplan report directory"
check "nothing written on error" test ! -e cmpx
"$OPTPLAN" compare hand >out 2>err
check "compare needs two directories (64)" test $? -eq 64
finish
