#!/bin/sh
# layering.sh - dependencies point one way; only solver/ sees GLPK, only inputs/ and reports/ see libcsv
. "$top_srcdir/tests/lib.sh"
cd "$top_srcdir" || exit 99

bad=$(grep -l '#include' model/*.c model/*.h | xargs grep -lE '#include "(\.\./)?(inputs|solver|reports)/|#include <(glpk|csv)\.h>' 2>/dev/null)
check "model/ includes only libc and itself" test -z "$bad"
bad=$(grep -lE '#include <glpk\.h>' $(ls model/* inputs/* reports/* optplan.c) 2>/dev/null)
check "only solver/ includes glpk.h" test -z "$bad"
bad=$(grep -lE '#include <csv\.h>' $(ls model/* solver/* optplan.c) 2>/dev/null)
check "only inputs/ and reports/ include csv.h" test -z "$bad"
for m in inputs solver reports; do
    others=$(echo "inputs solver reports" | tr ' ' '\n' | grep -v "^$m$" | tr '\n' '|' | sed 's/|$//')
    bad=$(grep -lE "#include \"(\.\./)?($others)/" $m/*.c $m/*.h 2>/dev/null)
    check "$m/ depends on model/ only" test -z "$bad"
done
bad=$(grep -nE '\b(exit|abort)\s*\(|\b(stdout|stderr)\b' model/*.c inputs/*.c solver/*.c reports/*.c 2>/dev/null)
check "only main exits or picks a stream" test -z "$bad"
[ -z "$bad" ] || echo "$bad"
for f in model/*.[ch] inputs/*.[ch] solver/*.[ch] reports/*.[ch] optplan.c; do
    head -n 1 "$f" | grep -qE '^/\* [a-z_]+\.[ch] - ' || { echo "  $f: no one-line purpose comment"; fail=1; }
done
finish
