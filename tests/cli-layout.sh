#!/bin/sh
# cli-layout.sh - a thin main, one file per command in cli/, no stream or exit below main
. "$top_srcdir/tests/lib.sh"
cd "$top_srcdir" || exit 99

for f in optplan.c cli/*.c cli/*.h; do
    head -n 1 "$f" | grep -qE "^/\* $(basename "$f" | sed 's/\./\\./') - " ||
        { echo "  $f: no one-line purpose comment naming the file"; fail=1; }
done
for c in solve check validate staff sweep compare import options; do
    check "cli/$c.c exists" test -f "cli/$c.c"
done

bad=$(grep -nE '\b(exit|_exit|abort)\s*\(|\b(stdout|stderr)\b' cli/*.c cli/*.h)
check "only main exits or picks a stream (cli/ is given them)" test -z "$bad"
[ -z "$bad" ] || echo "$bad"

# functions (a body from a line "{" to a line "}") at most 80 lines, signature included
long=$(awk '
    /^[a-zA-Z].*\(/ { sig = $0; at = FNR }
    /^\{/ { open = 1 }
    /^\}/ && open { open = 0; if (FNR - at + 1 > 80) print FILENAME ":" at ": " FNR - at + 1 " lines: " sig }
' optplan.c cli/*.c)
check "no function past 80 lines" test -z "$long"
[ -z "$long" ] || echo "$long"

check "optplan.c has no clock or path join of its own (model/util.c has them)" \
    sh -c "! grep -nE 'clock_gettime|char \*join\(|double wall\(' optplan.c cli/*.c"
n=$(cat optplan.c cli/*.c | grep -c 'volatile sig_atomic_t')
check "one interrupt flag ($n)" test "$n" -eq 1
check "no temporary team file: staff replays its team in memory" \
    sh -c "! grep -nE 'mkstemp|tmpfile|/tmp/' cli/*.c optplan.c"
finish
