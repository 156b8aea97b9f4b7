#!/bin/sh
# cli-github.sh - the jq filters of examples/github turn recorded `gh issue list` JSON into optplan inputs
command -v jq >/dev/null 2>&1 || { echo "SKIP: jq is not installed (Debian: apt-get install jq)"; exit 77; }
. "$top_srcdir/tests/lib.sh"
G="$top_srcdir/tests/data/github"
F="$top_srcdir/examples/github"

for f in items status gates; do
    jq -r -f "$F/$f.jq" "$G/issues.json" >"$T/$f.csv" 2>"$T/err"
    check "$f.jq exits 0" test $? -eq 0
    check "$f.csv is byte for byte the expected one" cmp "$G/expected/$f.csv" "$T/$f.csv"
done
"$OPTPLAN" validate --start 2027-01-04 --week 3 --items "$T/items.csv" --gates "$T/gates.csv" \
    --status "$T/status.csv" --capacity "$G/team.csv" >"$T/out" 2>"$T/err"
check "optplan validate accepts the result (with status at week 3)" test $? -eq 0
check "the milestones are gates" has "$T/out" "v1.0 (v1.0) deadline week 8"
check "closed issues are done, labelled ones doing" has "$T/status.csv" '"#3","doing",24'

# what the filters refuse, by name
jq '(.[] | select(.number == 4) | .labels) |= map(select(.name | startswith("role:") | not))' \
    "$G/issues.json" >"$T/norole.json"
jq -r -f "$F/items.jq" "$T/norole.json" >"$T/out" 2>"$T/err"
check "an issue without a role: jq fails" test $? -ne 0
check "an issue without a role: named" has "$T/err" "issue #4 has no role: add a label role:NAME"
jq '(.[] | select(.number == 4) | .labels) |= map(select(.name | startswith("estimate:") | not))' \
    "$G/issues.json" >"$T/noest.json"
jq -r -f "$F/items.jq" "$T/noest.json" >"$T/out" 2>"$T/err"
check "an issue without an estimate: named" has "$T/err" "issue #4 has no estimate"
jq -r --arg default_effort 6 -f "$F/items.jq" "$T/noest.json" >"$T/out" 2>"$T/err"
check "--arg default_effort H fills it in" has "$T/out" '"#4","Checkout UI","P2",6,"Frontend","#3"'
jq 'map(select(.number != 2))' "$G/issues.json" >"$T/open.json"
jq -r -f "$F/items.jq" "$T/open.json" >"$T/out" 2>"$T/err"
check "a link to an issue not in the list: named" has "$T/err" "issue #3 depends on #2, which is not in the list"
jq '(.[] | select(.number == 5) | .milestone.dueOn) = null' "$G/issues.json" >"$T/nodue.json"
jq -r -f "$F/gates.jq" "$T/nodue.json" >"$T/out" 2>"$T/err"
check "a milestone without a due date: named" has "$T/err" "milestone v1.1 has no due date"

# examples/nightly.sh's first step with GH_REPO: gh (a stub printing the recorded JSON) and the filters
mkdir -p "$T/bin" "$T/np" "$T/nr"
cat >"$T/bin/gh" <<EOS
#!/bin/sh
echo "\$*" >"$T/gh-args"
cat "$G/issues.json"
EOS
chmod +x "$T/bin/gh"
cp "$G/team.csv" "$T/np/"
printf 'key,value\nstart,2027-01-04\n' >"$T/np/settings.csv"
PATH="$T/bin:$PATH" GH_REPO=acme/pay GH_FILTERS="$F" OPTPLAN="$OPTPLAN" \
    sh "$top_srcdir/examples/nightly.sh" "$T/np" "$T/nr" >"$T/out" 2>"$T/err"
check "nightly.sh with GH_REPO exits 0" test $? -eq 0
check "nightly.sh asked gh for every issue of the repository" has "$T/gh-args" \
    "issue list --repo acme/pay --state all --limit 1000 --json number,title,labels,milestone,state,body"
check "nightly.sh refreshed PLAN_DIR/github" cmp "$G/expected/items.csv" "$T/np/github/items.csv"
check "nightly.sh planned the milestones as gates" has "$T/nr/latest/gates.csv" "v1.1,"
finish
