#!/bin/sh
# layering-links.sh - by nm: no cycle between files, arrows down the layers, one GLPK door
#
# Usage: layering-links.sh [BUILDDIR]     (make check: the build tree of $OPTPLAN)
#
# Reads nm of every object of the program (model/ inputs/ solver/ reports/ cli/
# and the top-level main object), maps each defined global symbol to its file
# and each undefined one to an edge file -> defining file (symbols defined
# outside the project, libc, GLPK, libcsv, libm, are no edges). It fails on
#  - a cycle between files (a strongly connected component of 2 files or more),
#  - an arrow against the layers model <- inputs, solver, reports <- cli <- main:
#    model/ depends on nothing else in the project; inputs/, solver/, reports/
#    on model/ only (not on each other); cli/ on all of these; main on anything,
#  - GLPK (glp_*) referenced by more or fewer than exactly one object,
#  - libcsv (csv_*) referenced outside inputs/ and reports/,
#  - a global symbol defined by two objects (a stale object left by a move?).
# A self-check first runs the same analysis on a tiny tree with a cycle, a
# layer arrow, two GLPK doors and libcsv in model/, and on a clean tiny tree.
LC_ALL=C
export LC_ALL
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${OPTPLAN:=$PWD/optplan}"
. "$top_srcdir/tests/lib.sh"
NM=${NM:-nm}

# objects BUILDDIR SRCDIR: "object source" per object of the program, sorted;
# an object without its source (stale after a move, or another build nested
# in this one) is left out with a note on stderr
objects() {
    (cd "$1" && find . -name '*.o' -type f) | sed 's,^\./,,' | sort | while IFS= read -r o; do
        case $o in tests/* | fuzz*/* | */fuzz*/*) continue ;; esac
        s=${o%.o}.c
        base=${s##*/}
        dir=${s%"$base"}
        if [ -f "$2/$s" ]; then
            echo "$o $s"
        elif [ "${base#*-}" != "$base" ] && [ -f "$2/$dir${base#*-}" ]; then
            echo "$o $dir${base#*-}" # automake per-target name: target-file.o
        else
            echo "  note: $o left out, no source $s" >&2
        fi
    done
}

# analyse BUILDDIR SRCDIR: the checks above on the objects of BUILDDIR;
# prints a summary and each failure, returns 1 on any failure
analyse() {
    list=$(objects "$1" "$2")
    [ -n "$list" ] || { echo "  no objects in $1"; return 1; }
    objs=$(echo "$list" | cut -d ' ' -f 1)
    {
        echo "$list" | sed 's/^/@obj /'
        # shellcheck disable=SC2086 # object paths are the project's own: no blanks
        (cd "$1" && $NM -P -g -A $objs) || echo "@nmfailed"
    } | awk -v dir="$1" "$ANALYSIS"
}

# shellcheck disable=SC2016 # an awk program
ANALYSIS='
function folder(f) { return f ~ /\// ? substr(f, 1, index(f, "/") - 1) : "" }
function known(d) { return d == "" || d == "model" || d == "inputs" || d == "solver" ||
    d == "reports" || d == "cli" }
# allowed(a, b): may a file in folder a depend on one in folder b?
function allowed(a, b) {
    if (a == b || a == "") return 1
    if (a == "cli") return b == "model" || b == "inputs" || b == "solver" || b == "reports"
    if (a == "inputs" || a == "solver" || a == "reports") return b == "model"
    return 0
}
function rule(a) {
    if (a == "model") return "model/ depends on nothing else in the project"
    if (a == "cli") return "cli/ depends on model/ inputs/ solver/ reports/ only"
    if (known(a)) return a "/ depends on model/ only"
    return a "/ is in no layer"
}
# syms(s): a list of symbols, at most 5 of them
function syms(s,   n, w, r, k) {
    n = split(s, w, " ")
    r = w[1]
    for (k = 2; k <= n && k <= 5; k++) r = r " " w[k]
    return n > 5 ? r " ... (" n " symbols)" : r
}
function fail(msg) { print "  FAIL " msg; bad = 1 }
# strong(v): Tarjan, the strongly connected components reachable from v
function strong(v,   k, w) {
    idx[v] = ++counter
    low[v] = counter
    stk[++sp] = v
    onstk[v] = 1
    for (k = 1; k <= deg[v]; k++) {
        w = adj[v, k]
        if (!(w in idx)) {
            strong(w)
            if (low[w] < low[v]) low[v] = low[w]
        } else if (onstk[w] && idx[w] < low[v])
            low[v] = idx[w]
    }
    if (low[v] == idx[v]) {
        ncomp++
        do {
            w = stk[sp--]
            onstk[w] = 0
            comp[w] = ncomp
            csize[ncomp]++
        } while (w != v)
    }
}
# cycles(s, u, depth): the elementary cycles of the component of s that start
# at s, its first file, with pth[1..depth] the path s -> ... -> u so far; each
# is kept in cyc[length, k] (at most 20 per component, then only counted)
function cycles(s, u, depth,   k, w, p, m) {
    if (++steps > 100000) return
    for (k = 1; k <= deg[u]; k++) {
        w = adj[u, k]
        if (comp[w] != comp[s] || w < s) continue
        if (w == s) {
            if (++ncyc > 20) continue
            p = name[s]
            for (m = 2; m <= depth; m++) p = p " -> " name[pth[m]]
            cyc[depth, ++ncl[depth]] = p " -> " name[s]
        } else if (!onpth[w]) {
            onpth[w] = 1
            pth[depth + 1] = w
            cycles(s, w, depth + 1)
            onpth[w] = 0
        }
    }
}
$1 == "@obj" { id[$2] = ++n; name[n] = $3; next }
$1 == "@nmfailed" { fail("nm failed in " dir); next }
{
    f = $1
    sub(/:$/, "", f)
    if (!(f in id)) next
    i = id[f]
    s = $2
    t = $3
    if (t == "U" || t == "w" || t == "v") {
        nref++; rfile[nref] = i; rsym[nref] = s
    } else if (t ~ /^[A-Z]$/) {
        if (!(s in def)) def[s] = i
        else if (def[s] != i && t != "C" && t != "W" && t != "V")
            dup[s] = dup[s] " " name[i]
    }
}
END {
    for (r = 1; r <= nref; r++) {
        i = rfile[r]; s = rsym[r]
        if (s in def) {
            j = def[s]
            if (j == i) continue
            if (!((i, j) in edge)) { edge[i, j] = s; nedge++ }
            else edge[i, j] = edge[i, j] " " s
            nsym++
        } else if (s ~ /^glp_/) {
            if (!(i in glp)) { glp[i] = 1; nglp++ }
        } else if (s ~ /^csv_/)
            csv[i] = csv[i] " " s
    }
    for (i = 1; i <= n; i++)
        for (j = 1; j <= n; j++)
            if ((i, j) in edge) {
                adj[i, ++deg[i]] = j
                fe[folder(name[i]), folder(name[j])]++
            }
    for (i = 1; i <= n; i++) if (!(i in idx)) strong(i)

    # summary
    printf "  %d files, %d edges (%d symbol references) in %s\n", n, nedge + 0, nsym + 0, dir
    nf = split("main cli inputs solver reports model", fo, " ")
    for (i = 1; i <= n; i++) {
        d = folder(name[i])
        if (!known(d) && !(d in extra)) { extra[d] = 1; fo[++nf] = d }
    }
    print "  folder graph (edges between files; main is the top-level object):"
    for (a = 1; a <= nf; a++) {
        line = ""
        for (b = 1; b <= nf; b++) {
            da = fo[a] == "main" ? "" : fo[a]
            db = fo[b] == "main" ? "" : fo[b]
            if ((da, db) in fe)
                line = line sprintf(" %s %d,", fo[b] (a == b ? " (within)" : ""), fe[da, db])
        }
        if (line != "") { sub(/,$/, "", line); printf "    %-7s ->%s\n", fo[a], line }
    }

    # cycles between files
    for (v = 1; v <= n; v++) {
        c = comp[v]
        if (csize[c] < 2 || (c in told)) continue
        told[c] = 1
        members = ""
        for (i = v; i <= n; i++) if (comp[i] == c) members = members " " name[i]
        fail("cycle between " csize[c] " files:" members)
        ncyc = 0; steps = 0
        for (len = 2; len <= csize[c]; len++) ncl[len] = 0
        for (i = v; i <= n; i++)
            if (comp[i] == c) { pth[1] = i; onpth[i] = 1; cycles(i, i, 1); onpth[i] = 0 }
        for (len = 2; len <= csize[c]; len++)
            for (k = 1; k <= ncl[len]; k++) print "       cycle " cyc[len, k]
        if (ncyc > 20 || steps > 100000) print "       ... and more cycles"
        for (i = 1; i <= n; i++)
            for (j = 1; j <= n; j++)
                if (comp[i] == c && comp[j] == c && ((i, j) in edge))
                    print "       edge  " name[i] " -> " name[j] ": " syms(edge[i, j])
    }
    # arrows against the layers
    for (i = 1; i <= n; i++)
        if (!known(folder(name[i]))) fail(name[i] ": " rule(folder(name[i])))
    for (i = 1; i <= n; i++)
        for (j = 1; j <= n; j++)
            if (((i, j) in edge) && !allowed(folder(name[i]), folder(name[j])))
                fail("layer: " name[i] " -> " name[j] " (" rule(folder(name[i])) "): " \
                    syms(edge[i, j]))
    # the GLPK door and libcsv
    doors = ""
    for (i = 1; i <= n; i++) if (i in glp) doors = doors " " name[i]
    if (nglp == 1) print "  GLPK door (the one object referencing glp_*):" doors
    else fail("GLPK: " nglp + 0 " objects reference glp_* (exactly one must):" doors)
    for (i = 1; i <= n; i++)
        if ((i in csv) && folder(name[i]) != "inputs" && folder(name[i]) != "reports")
            fail("libcsv outside inputs/ and reports/: " name[i] ":" csv[i])
    for (s in dup) fail("symbol " s " defined by " name[def[s]] " and" dup[s])
    exit bad
}'

# tree DIR FILE=SOURCE...: writes each SOURCE as DIR/FILE and compiles it there
tree() {
    d=$1
    shift
    for fs in "$@"; do
        f=${fs%%=*}
        mkdir -p "$d/$(dirname "$f")" || return 1
        printf '%s\n' "${fs#*=}" >"$d/$f"
        (cd "$d" && ${CC:-cc} -c -o "${f%.c}.o" "$f") || return 1
    done
}

# The self-check: a tree with every fault must fail and name each one; a
# clean tree must pass.
selfcheck_bad() {
    tree "$T/bad" \
        'reports/a.c=int b(int); int a(int n) { return n ? b(n - 1) : 0; }' \
        'reports/b.c=int a(int); int b(int n) { return n ? a(n - 1) : 1; }' \
        'model/m.c=int s(void); int m(void) { return s(); }' \
        'solver/s.c=void glp_term_out(int); int s(void) { glp_term_out(0); return 0; }' \
        'solver/t.c=int glp_get_status(void *); int t(void) { return glp_get_status(0); }' \
        'model/c.c=int csv_error(void *); int c(void) { return csv_error(0); }' ||
        return 1
    analyse "$T/bad" "$T/bad" >"$T/bad.out"
    rc=$?
    sed 's/^/    | /' "$T/bad.out"
    ok=0
    [ "$rc" -ne 0 ] || { echo "  the analysis passed a tree with faults"; ok=1; }
    for want in 'FAIL cycle between 2 files: reports/a.c reports/b.c' \
        'cycle reports/a.c -> reports/b.c -> reports/a.c' \
        'FAIL layer: model/m.c -> solver/s.c (model/ depends on nothing else in the project): s' \
        'FAIL GLPK: 2 objects reference glp_* (exactly one must): solver/s.c solver/t.c' \
        'FAIL libcsv outside inputs/ and reports/: model/c.c: csv_error'; do
        has "$T/bad.out" "$want" || ok=1
    done
    return "$ok"
}
selfcheck_good() {
    tree "$T/good" \
        'model/m.c=int m(void) { return 1; }' \
        'solver/s.c=void glp_term_out(int); int s(void) { glp_term_out(0); return 0; }' \
        'solver/u.c=int m(void); int s(void); int u(void) { return m() + s(); }' \
        'reports/r.c=int m(void); int csv_error(int); int r(void) { return m() - csv_error(0); }' \
        'cli/c.c=int u(void); int r(void); int c(void) { return u() + r(); }' \
        'main.c=int c(void); int main(void) { return c(); }' || return 1
    analyse "$T/good" "$T/good" >"$T/good.out"
    rc=$?
    sed 's/^/    | /' "$T/good.out"
    [ "$rc" -eq 0 ] || { echo "  the analysis failed a clean tree"; return 1; }
}
check "self-check: a cycle, a layer arrow, two GLPK doors, libcsv in model/ all fail" selfcheck_bad
check "self-check: a clean layered tree passes" selfcheck_good

# The program's build tree: BUILDDIR, else where optplan (unwrapped) was built,
# else here (make check runs in the top build directory).
B=
if [ $# -gt 0 ]; then
    [ -f "$1/libop.a" ] && B=$(cd "$1" && pwd)
else
    for c in "${OPTPLAN_REAL:-}" "$OPTPLAN" "$PWD/optplan"; do
        d=$(dirname "${c:-.}")
        [ -n "$c" ] && [ -f "$d/libop.a" ] && { B=$(cd "$d" && pwd); break; }
    done
fi
[ -n "$B" ] || { echo "no build tree with libop.a (give it as argument)"; exit 99; }

# every member of libop.a must be among the objects found (same basename)
members_found() {
    found=$(objects "$B" "$top_srcdir" 2>/dev/null | sed 's, .*,,; s,.*/,,')
    ok=0
    for mem in $(cd "$B" && ${AR:-ar} t libop.a); do
        echo "$found" | grep -qxF "$mem" || { echo "  libop.a member $mem: no object found"; ok=1; }
    done
    return "$ok"
}
check "every libop.a member is an object found in $B" members_found
check "the link graph: no cycle between files, layers, one GLPK door, csv in inputs/ reports/" \
    analyse "$B" "$top_srcdir"
finish
