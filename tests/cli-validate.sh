#!/bin/sh
# cli-validate.sh - the validate command and the command line itself
. "$top_srcdir/tests/lib.sh"

"$OPTPLAN" validate "$EXAMPLE" >"$T/out" 2>"$T/err"
check "validate the shipped plan exits 0" test $? -eq 0
check "45 items, 772 hours, 7 roles, 4 gates" has "$T/out" "45 items, 772 effort hours, 7 roles, 4 gates"
check "validate notes that Compliance demand exceeds capacity" has "$T/out" "(demand exceeds capacity)"
check "validate prints nothing on stderr" test ! -s "$T/err"

"$OPTPLAN" --help >"$T/out"
check "--help exits 0 and shows usage" has "$T/out" "Usage: optplan"
"$OPTPLAN" --version >"$T/out"
check "--version names the package" has "$T/out" "optplan "

"$OPTPLAN" validate >"$T/out" 2>"$T/err"
check "missing PLAN_DIR is a usage error (64)" test $? -eq 64
check "usage error says what is missing" has "$T/err" "optplan: missing PLAN_DIR"
"$OPTPLAN" --no-such-option "$EXAMPLE" >"$T/out" 2>"$T/err"
check "unknown option exits 64" test $? -eq 64
"$OPTPLAN" --time-limit abc "$EXAMPLE" >"$T/out" 2>"$T/err"
check "bad --time-limit exits 64" test $? -eq 64
check "bad --time-limit is named" has "$T/err" "optplan: --time-limit: expected a number"
"$OPTPLAN" --objective lateness,bogus "$EXAMPLE" >"$T/out" 2>"$T/err"
check "unknown objective stage exits 64" test $? -eq 64

"$OPTPLAN" validate "$T/nonexistent" >"$T/out" 2>"$T/err"
check "missing plan directory exits 66" test $? -eq 66
check "missing file is named" has "$T/err" "$T/nonexistent/team.csv: cannot open"

# --capacity replaces one file: a team without Documentation is a data error
grep -v Documentation "$EXAMPLE/team.csv" >"$T/team.csv"
"$OPTPLAN" validate --capacity "$T/team.csv" "$EXAMPLE" >"$T/out" 2>"$T/err"
check "--capacity replaces team.csv (unknown role now: 65)" test $? -eq 65
check "the unknown role is reported at its cell" has "$T/err" \
    "items.csv:35:6: unknown role \"Documentation\" (not a role of the team)"
finish
