#!/bin/sh
# cli-jira.sh - import-jira reads Jira's CSV export byte for byte into inputs; export-jira gives dates back
. "$top_srcdir/tests/lib.sh"
J="$top_srcdir/tests/data/jira"

"$OPTPLAN" import-jira --jira-gates --version-date 1.0=2027-02-26 --version-date 1.1=2027-03-26 \
    "$J/export.csv" "$T/imp" >"$T/out" 2>"$T/err"
check "import-jira exits 0" test $? -eq 0
check "it says what it wrote" has "$T/out" "6 issues, 2 fix versions"
check "no warnings on the clean export" test ! -s "$T/err"
for f in items.csv status.csv gates.csv; do
    check "$f is byte for byte the expected one" cmp "$J/expected/$f" "$T/imp/$f"
done
"$OPTPLAN" validate --start 2027-01-04 --week 3 --items "$T/imp/items.csv" --gates "$T/imp/gates.csv" \
    --status "$T/imp/status.csv" --capacity "$J/team.csv" >"$T/out" 2>"$T/err"
check "optplan validate accepts what it imported (with status at week 3)" test $? -eq 0
check "the fix versions are gates" has "$T/out" "1.0 (1.0) deadline week 8"

# the same export with CRLF line ends, roles from the labels: the same files
"$OPTPLAN" import-jira -q --role-from label:role: --jira-gates --version-date 1.0=2027-02-26 \
    --version-date 1.1=2027-03-26 "$J/export-crlf.csv" "$T/crlf" >"$T/out" 2>&1
check "CRLF export with --role-from label:role: exits 0 quietly" test $? -eq 0 -a ! -s "$T/out"
for f in items.csv status.csv gates.csv; do
    check "CRLF, labels: $f the same" cmp "$J/expected/$f" "$T/crlf/$f"
done
"$OPTPLAN" import-jira -q --role-from 'field:Custom field (Team)' --priority-map Lowest=P2,medium=P1 \
    "$J/export.csv" "$T/team" 2>"$T/err"
check "--role-from field:COLUMN takes the custom field" has "$T/team/items.csv" "PAY-3,Checkout UI,Story,P1,30,Web,"
check "--priority-map overrides the defaults" has "$T/team/items.csv" "PAY-5,\"Load test, 10k/s\",Task,P2,5,Platform,PAY-1,"
check "no gates.csv without --jira-gates" test ! -e "$T/team/gates.csv"
"$OPTPLAN" import-jira -q --depends-link 'Inward issue link (Relates)' "$J/export.csv" "$T/rel" 2>"$T/err"
check "--depends-link names another link column" has "$T/rel/items.csv" "PAY-3,Checkout UI,Story,P2,30,Frontend,PAY-4,"
check "--depends-link: the Blocks links are not read then" has "$T/rel/items.csv" "PAY-2,Implement card gateway,Story,P0,40,Backend,,"
"$OPTPLAN" import-jira -q --depends-link 'Outward issue link (Blocks)' "$J/export.csv" "$T/out-links" 2>"$T/err"
check "a done issue depending on one not done: the link dropped, with a warning" has "$T/err" \
    "export.csv:2:30: warning: PAY-1 is done but PAY-2, which it depends on, is not done: link dropped"

# malformed exports: FILE:LINE:FIELD, exit 65, nothing written (an earlier import stays)
mkdir -p "$T/keep"
cp -R "$T/imp" "$T/keep/imp"
bad() { # bad NAME MESSAGE [OPTIONS...]
    name=$1 msg=$2
    shift 2
    "$OPTPLAN" import-jira "$@" "$J/bad-$name.csv" "$T/imp" >"$T/out" 2>"$T/err"
    check "bad-$name: exit 65" test $? -eq 65
    check "bad-$name: the error" has "$T/err" "$msg"
    check "bad-$name: the earlier import is untouched" diff -r "$T/keep/imp" "$T/imp"
    check "bad-$name: no temporary left" test -z "$(ls -A "$T" | grep '^\.')"
}
bad no-key "optplan: $J/bad-no-key.csv:1: missing column \"Issue key\""
bad estimate "optplan: $J/bad-estimate.csv:3:7: Original Estimate: expected seconds (a number >= 0), got \"2h\""
bad unknown-link "optplan: $J/bad-unknown-link.csv:4:11: OPS-3 depends on OPS-9, which is not in the export"
bad cycle "optplan: $J/bad-cycle.csv:3:10: dependency cycle: OPS-1 -> OPS-3 -> OPS-2 -> OPS-1"
bad unestimated "optplan: $J/bad-unestimated.csv:4:7: OPS-3 has no estimate"
check "every unestimated issue is listed" has "$T/err" "bad-unestimated.csv:3:7: OPS-2 has no estimate"
"$OPTPLAN" import-jira --version-date 1.0=2027-01-01 "$J/export.csv" "$T/imp" >"$T/out" 2>"$T/err"
check "--version-date without --jira-gates: usage error 64" test $? -eq 64
check "--version-date without --jira-gates: said" has "$T/err" "--version-date needs --jira-gates"
"$OPTPLAN" import-jira --jira-gates "$J/export.csv" "$T/imp" >"$T/out" 2>"$T/err"
check "a fix version without a date: 65 at its first mention" has "$T/err" \
    "export.csv:2:15: fix version \"1.0\" has no release date: give --version-date '1.0=YYYY-MM-DD'"
"$OPTPLAN" import-jira --jira-gates --version-date 9.9=2027-01-01 "$J/export.csv" "$T/imp" >"$T/out" 2>"$T/err"
check "a --version-date for no version is a usage error" test $? -eq 64
check "the earlier import is still untouched" diff -r "$T/keep/imp" "$T/imp"

"$OPTPLAN" import-jira --unknown-links drop "$J/bad-unknown-link.csv" "$T/drop" >"$T/out" 2>"$T/err"
check "--unknown-links drop: exit 0" test $? -eq 0
check "--unknown-links drop: a warning at the cell" has "$T/err" \
    "bad-unknown-link.csv:4:11: warning: OPS-3 depends on OPS-9, which is not in the export: link dropped"
check "--unknown-links drop: the link is gone" has "$T/drop/items.csv" "OPS-3,C task,Task,P3,1,Ops,OPS-1,"
"$OPTPLAN" import-jira -q --default-effort 4 "$J/bad-unestimated.csv" "$T/def"
check "--default-effort gives unestimated issues H hours" has "$T/def/items.csv" "OPS-2,B task,Task,P1,4,Ops,OPS-1,"

# the round trip: a solve with dates, its planned dates for Jira's importer
"$OPTPLAN" solve -q --start 2027-01-04 --week 3 --items "$T/imp/items.csv" --gates "$T/imp/gates.csv" \
    --status "$T/imp/status.csv" --capacity "$J/team.csv" -o "$T/rep" --time-limit 20
check "the imported plan solves (exit 0)" test $? -eq 0
"$OPTPLAN" export-jira "$T/rep" >"$T/update.csv" 2>"$T/err"
check "export-jira exits 0" test $? -eq 0
check "export-jira: Jira's columns" test "$(head -n 1 "$T/update.csv")" = "Issue key,Start date,Due date"
check "export-jira: a row per scheduled issue, Jira's date format" \
    grep -qE '^PAY-3,[0-9]{2}/[A-Z][a-z]{2}/27 12:00 AM,[0-9]{2}/[A-Z][a-z]{2}/27 12:00 AM$' "$T/update.csv"
check "export-jira leaves out issues done before the plan" test -z "$(grep "^PAY-1," "$T/update.csv")"
grep -v '^PAY-[24],' "$T/imp/items.csv" | sed 's/PAY-2;//' >"$T/nodue.csv"
"$OPTPLAN" solve -q --items "$T/nodue.csv" --capacity "$J/team.csv" -o "$T/nodates" --time-limit 20
check "a plan without due dates solves without --start" test $? -eq 0
"$OPTPLAN" export-jira "$T/nodates" >"$T/out" 2>"$T/err"
check "export-jira without dates: 65 and nothing on stdout" test $? -eq 65 -a ! -s "$T/out"
check "export-jira without dates says how to get them" has "$T/err" "the plan has no dates: solve it with --start DATE"

# examples/nightly.sh's first step: JIRA_EXPORT refreshes PLAN_DIR/jira, then it plans from there
mkdir -p "$T/np" "$T/nr"
cp "$J/team.csv" "$T/np/"
printf 'key,value\nstart,2027-01-04\n' >"$T/np/settings.csv"
JIRA_EXPORT="$J/export.csv" JIRA_OPTIONS="--jira-gates --version-date 1.0=2027-02-26 --version-date 1.1=2027-03-26" \
    OPTPLAN="$OPTPLAN" sh "$top_srcdir/examples/nightly.sh" "$T/np" "$T/nr" >"$T/out" 2>"$T/err"
check "nightly.sh with JIRA_EXPORT exits 0" test $? -eq 0
check "nightly.sh imported into PLAN_DIR/jira" cmp "$J/expected/items.csv" "$T/np/jira/items.csv"
check "nightly.sh planned the imported gates" has "$T/nr/latest/gates.csv" "1.1,"
JIRA_EXPORT="$J/bad-cycle.csv" OPTPLAN="$OPTPLAN" sh "$top_srcdir/examples/nightly.sh" "$T/np" "$T/nr" \
    >"$T/out" 2>"$T/err"
check "nightly.sh stops on a bad export (65)" test $? -eq 65
check "nightly.sh says nothing was planned" has "$T/err" "refreshing from the tracker failed (exit 65); nothing planned"
check "nightly.sh kept the last good import" cmp "$J/expected/items.csv" "$T/np/jira/items.csv"
finish
