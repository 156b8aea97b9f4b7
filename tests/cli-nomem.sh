#!/bin/sh
# cli-nomem.sh - out of memory inside the MIP solver is said (exit 71), never an abort or a crash
# Under memory limits from "barely starts" to "solves", every run of the
# 200-item bench plan must end in 0, 2 or 71, and every 71 must say so;
# some limit must make the solver's own allocations fail (GLPK aborted the
# process there before).
. "$top_srcdir/tests/lib.sh"
cd "$T" || exit 99
if [ -n "${OPTPLAN_WRAPPER:-}" ]; then
    echo "skip - memory limits: optplan runs under a wrapper (valgrind)"
    exit 77
fi
sh "$top_srcdir/bench/gen" --items 200 --roles 10 --weeks 26 --gates 4 --tightness 0.8 \
    --seed 1 p200 >/dev/null 2>&1 || exit 99
ran=0
in_solver=0
for kb in 20000 30000 40000 50000 60000 70000 80000 100000 120000; do
    (ulimit -v $kb && "$OPTPLAN" --version) >/dev/null 2>&1 || continue
    ran=1
    (ulimit -v $kb && exec "$OPTPLAN" -q --time-limit 3 p200 -o "r$kb") >out 2>err
    rc=$?
    check "limit $kb KB: exit 0, 2 or 71 (got $rc)" test $rc -eq 0 -o $rc -eq 2 -o $rc -eq 71
    if [ $rc -eq 71 ]; then
        check "limit $kb KB: says out of memory" has err "optplan: out of memory"
        grep -q "in the MIP solver" err && in_solver=1
    fi
done
if [ $ran = 0 ]; then
    echo "skip - no memory limit lets optplan start (a sanitizer build?)"
    exit 77
fi
check "some limit ran out inside the MIP solver (and said so)" test $in_solver = 1
finish
