#!/bin/sh
# cli-usage.sh - command-line mistakes: exit 64 and a message that helps; --help and optplan.1 agree
. "$top_srcdir/tests/lib.sh"
cd "$T" || exit 99
MAN="$top_srcdir/optplan.1"

# usage64 DESC EXPECTED_TEXT ARGS...: optplan ARGS exits 64 and says EXPECTED_TEXT on stderr
usage64() {
    desc=$1 text=$2
    shift 2
    "$OPTPLAN" "$@" >out 2>err
    rc=$?
    check "$desc: exit 64 (got $rc)" test $rc -eq 64
    check "$desc: says so" has err "$text"
    check "$desc: nothing on stdout" test ! -s out
}

# ---- a misspelt command --------------------------------------------------
usage64 "solv DIR" "optplan: unknown command 'solv'; did you mean 'solve'?" solv "$EXAMPLE"
check "solv DIR: no 'too many arguments'" sh -c "! grep -q 'too many' err"
usage64 "solv alone" "optplan: unknown command 'solv'; did you mean 'solve'?" solv
usage64 "chekc DIR (letters swapped)" "did you mean 'check'?" chekc "$EXAMPLE"
usage64 "impor DIR (a command's beginning)" "did you mean 'import-psplib'?" impor "$EXAMPLE"
usage64 "a word far from any command" "optplan: unknown command 'frobnicate'" frobnicate "$EXAMPLE"
check "a word far from any command: no guess" sh -c "! grep -q 'did you mean' err"
usage64 "DIR then another operand" "optplan: too many arguments: 'extra'" "$EXAMPLE" extra
# a plan directory that does not exist is still that, not a command
"$OPTPLAN" validate "$T/no-such-plan" >out 2>err
check "a missing PLAN_DIR is 66, not a usage error" test $? -eq 66
"$OPTPLAN" no-such-plan >out 2>err
check "a bare word far from any command is a PLAN_DIR (66)" test $? -eq 66
mkdir solv && cp "$EXAMPLE"/items.csv "$EXAMPLE"/team.csv solv/
"$OPTPLAN" validate solv >out 2>err
check "a directory named like a misspelt command is a PLAN_DIR (0)" test $? -eq 0
"$OPTPLAN" -q solv -o s >out 2>err
check "... also as the first operand (exit 0 or 2, got $?)" test -s s/report.md

# ---- options and their values --------------------------------------------
usage64 "a misspelt long option" "unknown option '--time-limt'; did you mean '--time-limit'?" \
    --time-limt 3 "$EXAMPLE"
usage64 "an ambiguous abbreviation" "option '--st' is ambiguous; it could be --strict-gates" \
    --st "$EXAMPLE"
usage64 "an option without its value" "optplan: option '--out' needs a value" "$EXAMPLE" --out
usage64 "a value given to a flag" "optplan: option '--greedy' takes no value" --greedy=1 "$EXAMPLE"
usage64 "an unknown short option" "optplan: unknown option '-x'" -x "$EXAMPLE"
usage64 "a bad --horizon" "optplan: --horizon: expected a number from 1 to 520, got '0'" \
    --horizon 0 "$EXAMPLE"
usage64 "--status without --week" "optplan: --status needs --week" --status s.csv "$EXAMPLE"

# ---- a role the team does not have: 64 for every option that names one ---
roles="(the team's roles: Security, Backend, Performance, Operations, Compliance, Testing, Documentation)"
usage64 "--max-headcount with an unknown role" \
    "optplan: --max-headcount: unknown role in 'Nobody=2' $roles" staff --max-headcount Nobody=2 "$EXAMPLE"
usage64 "--add-staff with an unknown role" \
    "optplan: --add-staff: unknown role in 'Nobody=2' $roles" --add-staff Nobody=2 "$EXAMPLE"
usage64 "--add-staff with an unknown role, for check too" "unknown role in 'Nobody=2'" \
    check --add-staff Nobody=2 "$EXAMPLE"
usage64 "sweep --roles with an unknown role" "optplan: --roles: unknown role 'Nobody' $roles" \
    sweep --roles Backend,Nobody "$EXAMPLE"
usage64 "--max-headcount not ROLE=N" "--max-headcount: expected ROLE=N, got 'Backend=1.5'" \
    staff --max-headcount Backend=1.5 "$EXAMPLE"
usage64 "--add-staff not ROLE=DELTA[@WEEK]" "--add-staff: expected ROLE=DELTA[@WEEK], got 'Backend=+1@0'" \
    --add-staff Backend=+1@0 "$EXAMPLE"
usage64 "sweep --delta with a zero" "--delta: expected a list of at most 16 non-zero numbers, got '1,0'" \
    sweep --delta 1,0 "$EXAMPLE"
check "no report written for a usage error" test ! -e out/report.md

# ---- --write-lp writes FILE, FILE.2, ... and --help says so ----------------
"$OPTPLAN" -q "$EXAMPLE" --no-baseline -o lp --write-lp m.lp >out 2>err
check "--write-lp: the solve exits 0" test $? -eq 0
check "the first stage's model is FILE" test -s m.lp
check "the second stage's model is FILE.2" test -s m.lp.2
check "there is no FILE.1" test ! -e m.lp.1
"$OPTPLAN" --help >help 2>err
check "--help exits 0" test $? -eq 0
check "--help: --write-lp writes FILE, then FILE.2" has help "to FILE, the next ones to FILE.2, FILE.3"
check "--help never promises FILE.1" sh -c "! grep -q 'FILE\\.1' help"
check "the man page: FILE, then FILE.2" has "$MAN" "FILE, the next ones to FILE.2"
check "the man page never promises FILE.1" sh -c "! grep -q 'FILE\\.1' '$MAN'"

# ---- exit codes documented the same in --help, the man page and README ----
sed -n '/^\.SH "EXIT STATUS"/,/^\.SH /p' "$MAN" >man-exit
for code in 0 1 2 3 4 5 64 65 66 70 71 73 74 130; do
    check "--help documents exit $code" grep -qE "^ +$code  " help
    check "optplan.1 documents exit $code" grep -qx "\.B $code" man-exit
    check "README documents exit $code" grep -qE "^  $code +[-a-z0-9(]" "$top_srcdir/README"
done
check "--help: 64 covers a role the team does not have" has help "a role"
check "--help: 71 is out of memory" has help "71  out of memory"

# ---- the man page describes the input files --------------------------------
for s in '"INPUT FILES"' FILES '"EXIT STATUS"'; do
    check "optplan.1 has a $s section" grep -q "^\.SH $s\$" "$MAN"
done
for f in items.csv team.csv gates.csv baseline.csv plan.csv status.csv; do
    check "optplan.1 describes $f" has "$MAN" "$f"
done
for col in effort_hours max_people duration_weeks crew hours_per_week cost_per_hour \
    deadline_week requires remaining_hours spent_hours; do
    check "optplan.1 describes the column $col" grep -qE "^\.BR? ($col|.*\"?$col\"?)" "$MAN"
done
if command -v groff >/dev/null 2>&1; then
    groff -man -Tutf8 -ww -z "$MAN" >groff.out 2>&1
    check "optplan.1 renders without warnings" test ! -s groff.out
    [ -s groff.out ] && head -n 5 groff.out
fi

# ---- out of memory is said, never silent (where a memory limit can be set) --
# 500 roles make the capacity tables some 4 MB: under a limit that still lets
# the program start, validate runs out of memory in optplan's own code.
if [ -n "${OPTPLAN_WRAPPER:-}" ]; then
    echo "skip - out of memory: optplan runs under a wrapper (valgrind)"
else
    mkdir big
    awk 'BEGIN { print "role,headcount" > "big/team.csv"; print "id,effort_hours,role" > "big/items.csv"
        for (i = 1; i <= 500; i++) { print "R" i ",1" > "big/team.csv"; print "I" i ",8,R" i > "big/items.csv" } }'
    tried=0
    for kb in 6000 7000 8000 9000; do
        (ulimit -v $kb && "$OPTPLAN" --version) >/dev/null 2>&1 || continue
        (ulimit -v $kb && exec "$OPTPLAN" validate big) >out 2>err
        rc=$?
        [ $rc -eq 0 ] && continue
        tried=1
        check "validate out of memory at $kb KB: exit 71 (got $rc)" test $rc -eq 71
        check "validate out of memory at $kb KB: says so" has err "optplan: out of memory"
    done
    [ $tried = 1 ] || echo "skip - out of memory: no memory limit both starts optplan and stops it"
fi
finish
