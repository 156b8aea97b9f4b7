#!/bin/sh
# cli-escaping.sh - hostile text in ids, titles and role names: CSV reports
# defuse spreadsheet formulas, report.md keeps its tables intact and escapes
# HTML, gantt.svg stays well-formed XML, and the files optplan documents as
# re-readable (allocation.csv, a report for --previous, staff.csv) still are.
. "$top_srcdir/tests/lib.sh"
cd "$T" || exit 99

tab=$(printf '\t')

# cells FILE: one line per CSV cell, "RECORD<tab>FIELD<tab>VALUE" (1-based),
# RFC 4180 quoting undone; a newline inside a cell shows as \n, a tab as \t,
# a carriage return as \r.
cells() {
    awk 'BEGIN { RS = "\001" }
    function out() { printf "%d\t%d\t%s\n", rec, fld, val; val = "" }
    {
        s = $0; n = length(s); rec = 1; fld = 1; val = ""; q = 0
        for (i = 1; i <= n; i++) {
            c = substr(s, i, 1)
            if (c == "\t") c = "\\t"
            else if (c == "\r") c = "\\r"
            if (q) {
                if (c == "\"") {
                    if (substr(s, i + 1, 1) == "\"") { val = val "\""; i++ } else q = 0
                } else if (c == "\n") val = val "\\n"
                else val = val c
            } else if (c == "\"") q = 1
            else if (c == ",") { out(); fld++ }
            else if (c == "\n") { out(); rec++; fld = 1 }
            else val = val c
        }
        if (val != "" || fld > 1) out()
    }' "$1"
}

# cell_is FILE RECORD FIELD VALUE: the cell holds exactly VALUE.
cell_is() {
    got=$(cells "$1" | awk -F '\t' -v r="$2" -v f="$3" '$1 == r && $2 == f { print $3 }')
    [ "$got" = "$4" ] || { echo "  $1 record $2 field $3: got [$got], expected [$4]"; return 1; }
}

# row_of FILE ID: the record number whose first cell is ID.
row_of() {
    cells "$1" | awk -F '\t' -v id="$2" '$2 == 1 && $3 == id { print $1; exit }'
}

# no_formula_cells FILE: no data cell begins with = + - @ tab or CR.
no_formula_cells() {
    bad=$(cells "$1" | awk -F '\t' '$1 > 1 && ($3 ~ /^[-=+@]/ || $3 ~ /^\\[tr]/)')
    [ -z "$bad" ] || { echo "  cells of $1 a spreadsheet would run:"; echo "$bad" | sed 's/^/    /'; return 1; }
}

# numeric_columns FILE FIELD...: those fields of every data row are plain
# numbers (or empty), never prefixed.
numeric_columns() {
    f=$1
    shift
    bad=$(cells "$f" | awk -F '\t' -v cols=" $* " '$1 > 1 && index(cols, " " $2 " ") &&
        $3 != "" && $3 !~ /^-?[0-9]+(\.[0-9]+)?$/')
    [ -z "$bad" ] || { echo "  non-numeric cells in $f:"; echo "$bad" | sed 's/^/    /'; return 1; }
}

# well_formed SVG: xmllint, else python3's minidom.
well_formed() {
    if command -v xmllint >/dev/null 2>&1; then
        xmllint --noout "$1"
    elif command -v python3 >/dev/null 2>&1; then
        python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$1"
    else
        echo "  (neither xmllint nor python3: well-formedness not checked)"
    fi
}

# table_rows_intact MD: every line that opens a table row also closes it, so
# no cell was split by a raw newline.
table_rows_intact() {
    bad=$(awk '/^\|/ && !/\|[ \t]*$/' "$1")
    [ -z "$bad" ] || { echo "  broken table rows in $1:"; echo "$bad" | sed 's/^/    /'; return 1; }
}

mkdir plan
{
    echo 'id,title,category,priority,effort_hours,role'
    echo '=ID1,"=HYPERLINK(""http://x.invalid"",""y"")",=cat,P0,8,Dev'
    echo '+ID2,+cmd|calc,cat,P1,8,Dev'
    echo '-ID3,-2+3,cat,P1,8,@Ops'
    echo '@ID4,@SUM(A1:A9),cat,P1,8,@Ops'
    echo "\"${tab}ID5\",\"${tab}=tab first\",cat,P1,8,Dev"
    echo 'ID6,pipe | in || title,cat,P1,8,Dev'
    echo 'ID7,"line one'
    echo 'line two",cat,P1,8,Dev'
    echo 'ID8,<script>alert(1)</script>,cat,P1,8,Dev'
    echo 'ID9,Fish & Chips,cat,P1,8,@Ops'
} >plan/items.csv
printf 'role,headcount\nDev,1\n@Ops,1\n' >plan/team.csv
printf 'gate,name,deadline_week,items\n=G1,<b>gate</b> & | name,2,=ID1;-ID3\n' >plan/gates.csv

"$OPTPLAN" -q plan -o out >out.txt 2>err.txt
rc=$?
check "solve with hostile text exits 0 (got $rc)" test $rc -eq 0
[ -s err.txt ] && sed 's/^/  stderr: /' err.txt

S=out/schedule.csv
check "schedule.csv: no cell a spreadsheet would run" no_formula_cells "$S"
for id in =ID1 +ID2 -ID3 @ID4; do
    r=$(row_of "$S" "'$id")
    check "schedule.csv: id $id written as '$id" test -n "$r"
done
r=$(row_of "$S" "'=ID1")
check "schedule.csv: =HYPERLINK title prefixed" cell_is "$S" "${r:-0}" 2 "'=HYPERLINK(\"http://x.invalid\",\"y\")"
r=$(row_of "$S" "'+ID2")
check "schedule.csv: +cmd title prefixed" cell_is "$S" "${r:-0}" 2 "'+cmd|calc"
r=$(row_of "$S" "'-ID3")
check "schedule.csv: -2+3 title prefixed" cell_is "$S" "${r:-0}" 2 "'-2+3"
check "schedule.csv: role @Ops prefixed" cell_is "$S" "${r:-0}" 3 "'@Ops"
r=$(row_of "$S" "'@ID4")
check "schedule.csv: @SUM title prefixed" cell_is "$S" "${r:-0}" 2 "'@SUM(A1:A9)"
r=$(row_of "$S" ID5)
check "schedule.csv: a leading tab is trimmed from the id" test -n "$r"
check "schedule.csv: tab-then-= title prefixed after trimming" cell_is "$S" "${r:-0}" 2 "'=tab first"
r=$(row_of "$S" ID7)
check "schedule.csv: quoted newline kept inside its cell" cell_is "$S" "${r:-0}" 2 'line one\nline two'
check "schedule.csv: start_week, end_week, hours are bare numbers" numeric_columns "$S" 5 6 7
check "allocation.csv: no cell a spreadsheet would run" no_formula_cells out/allocation.csv
check "allocation.csv: week and hours are bare numbers" numeric_columns out/allocation.csv 2 3
check "load.csv: no cell a spreadsheet would run" no_formula_cells out/load.csv
check "load.csv: numbers are bare" numeric_columns out/load.csv 2 3 4 5
check "gates.csv: gate =G1 prefixed" cell_is out/gates.csv 2 1 "'=G1"
check "gates.csv: weeks are bare numbers" numeric_columns out/gates.csv 2 3 4

R=out/report.md
check "report.md: | in a title escaped as \\|" has "$R" 'pipe \| in \|\| title'
check "report.md: HTML < escaped as &lt;" has "$R" '&lt;script&gt;alert(1)&lt;/script&gt;'
check "report.md: no raw <script>" test -z "$(grep -F '<script>' "$R")"
check "report.md: & escaped as &amp;" has "$R" 'Fish &amp; Chips'
check "report.md: gate name escaped" has "$R" '&lt;b&gt;gate&lt;/b&gt; &amp; \| name'
check "report.md: the newline in a title became a space" has "$R" 'line one line two'
check "report.md: no line begins with the title's second line" test -z "$(grep '^line two' "$R")"
check "report.md: every table row is closed on its own line" table_rows_intact "$R"

G=out/gantt.svg
check "gantt.svg: <script> escaped" has "$G" '&lt;script&gt;alert(1)&lt;/script&gt;'
check "gantt.svg: & escaped" has "$G" 'Fish &amp; Chips'
check "gantt.svg: no raw <script>" test -z "$(grep -F '<script>' "$G")"
check "gantt.svg: well-formed XML" well_formed "$G"

# What optplan writes for itself to read back must survive the formula guard.
"$OPTPLAN" check -q plan --plan out/allocation.csv -o rt >rt.out 2>rt.err
rc=$?
check "allocation.csv checked as a plan (plan.csv form) loads: exit 0 or 1, got $rc" test $rc -le 1
[ -s rt.err ] && head -n 2 rt.err | sed 's/^/  stderr: /'
"$OPTPLAN" -q plan --week 1 --previous out -o again >again.out 2>again.err
rc=$?
check "re-plan with --previous on the same inputs exits 0 (got $rc)" test $rc -eq 0
check "re-plan with --previous: nothing changed, changes.csv has only its header" \
    test "$(grep -c . again/changes.csv 2>/dev/null)" = 1
[ -f again/changes.csv ] && sed -n '2,5s/^/  changes.csv: /p' again/changes.csv
"$OPTPLAN" staff -q plan -o staffed >staff.out 2>staff.err
rc=$?
check "staff with a role named @Ops exits 0 (got $rc)" test $rc -eq 0
[ -s staff.err ] && head -n 2 staff.err | sed 's/^/  stderr: /'
if [ -f staffed/staff.csv ]; then
    "$OPTPLAN" validate -q plan --capacity staffed/staff.csv >v.out 2>v.err
    check "staff.csv replays as --capacity" test $? -eq 0
fi
finish
