#!/bin/sh
# cli-hours.sh - hours in reports are multiples of --hour-step: no solver dust on a re-plan
. "$top_srcdir/tests/lib.sh"
cd "$T" || exit 99
OBJ=scheduled,lateness,stability,finish,priority

# dust FILE: lines of FILE with a number of more than 2 decimals (none: exit 1)
dust() {
    grep -E '(^|[^0-9.])[0-9]+\.[0-9]{3,}' "$1"
}
no_dust() {
    for f in "$@"; do
        if dust "$f" >/dev/null; then
            echo "  dust in $f:"; dust "$f" | head -3
            return 1
        fi
    done
    return 0
}

# The re-plan that showed 15.99999 h and 39.99999 h of load: week 2 of the
# shipped plan against its default plan, stability before finish.
"$OPTPLAN" -q "$EXAMPLE" --no-baseline -o n0
"$OPTPLAN" -q "$EXAMPLE" --week 2 --previous n0 --objective "$OBJ" -o w2
check "the re-plan solves (exit 0)" test $? -eq 0
# load.csv: its hours (capacity_hours, planned_hours); utilization is a ratio
cut -d, -f3,4 w2/load.csv >w2-load-hours
check "no cell of schedule, load or allocation has more than 2 decimals" \
    no_dust w2/schedule.csv w2-load-hours w2/allocation.csv w2/summary.csv
check "report.md shows no dust" no_dust w2/report.md
check "report.md has no 0.0001" sh -c '! grep -q "0\.0001" w2/report.md'
check "every allocated hour is whole" \
    awk -F, 'NR > 1 && $3 != int($3) { bad = 1 } END { exit bad }' w2/allocation.csv

# As cli-nightly.sh re-plans: a status file from the previous plan, an item slipped.
mkdir plan && cp "$EXAMPLE"/items.csv "$EXAMPLE"/team.csv "$EXAMPLE"/gates.csv plan/
{ echo "id,state,remaining_hours"
  awk -F, 'NR > 1 && $6 != "" && $6 < 3 && $1 != "P0-004" { print $1 ",done," }' n0/schedule.csv
  echo "P0-004,doing,8.5"; } >plan/status.csv
"$OPTPLAN" -q plan --week 3 --status plan/status.csv --previous n0 --objective "$OBJ" -o w3
check "the re-plan with a status solves (exit 0)" test $? -eq 0
cut -d, -f3,4 w3/load.csv >w3-load-hours
check "no dust with a status" no_dust w3/schedule.csv w3-load-hours w3/allocation.csv w3/report.md
check "8.5 h left: the remainder is in the item's last week" \
    awk -F, '$1 == "P0-004" { n++; s += $3; if ($3 != int($3)) f = $2; last = $2 }
             END { exit !(s == 8.5 && f == last) }' w3/allocation.csv

# Half and quarter hours; anything else is a usage error.
"$OPTPLAN" -q "$EXAMPLE" --week 2 --previous n0 --objective "$OBJ" --hour-step 0.25 -o q
check "--hour-step 0.25 solves" test $? -eq 0
check "quarter hours only" \
    awk -F, 'NR > 1 && $3 * 4 != int($3 * 4) { bad = 1 } END { exit bad }' q/allocation.csv
for bad in 0 0.3 2 x ""; do
    "$OPTPLAN" -q "$EXAMPLE" --hour-step "$bad" -o z 2>err
    check "--hour-step '$bad' is a usage error (64)" test $? -eq 64
done
check "the error names the choices" has err "--hour-step: expected 1, 0.5 or 0.25"
finish
