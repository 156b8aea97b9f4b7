#!/bin/sh
# render-charts.sh - the charts as a reader sees them: report.md's mermaid gantt rendered by
# mermaid-cli in Chromium, its bars and milestones measured where the plan puts them; gantt.svg
# and load.svg (and forecast.svg, trend.svg) well-formed and drawn by Chromium
#
# Needs mermaid-cli (mmdc) and chromium: tests/render-install installs them
# (into ${XDG_CACHE_HOME:-$HOME/.cache}/optplan-render, or $OPTPLAN_RENDER_DIR).
# OPTPLAN_MMDC and OPTPLAN_CHROMIUM name the programs instead. Without them the
# test is skipped (77) with a message; with OPTPLAN_RENDER_REQUIRED=1 (set by
# .ci/run after installing them) a missing renderer fails it instead.
#
# How bars are measured: mmdc renders the block to SVG; the axis ticks (one
# on each Monday, labelled w1, w2, ... without --start and with the Monday's
# date with it) give the x of each week's start, so any x reads as a week
# coordinate (week 11 starts at 11.0, its Friday ends at 11 + 5/7). Every bar
# (task id t-ID, t-ID-r2 for an item's second run of worked weeks, ...) must
# start and end where allocation.csv's runs of weeks say, every milestone
# (g-GATE-due, g-GATE-passed) sit at the end of its week as gates.csv says,
# each within 0.05 week.
. "$top_srcdir/tests/lib.sh"
cd "$T" || exit 99
TZ=UTC
LC_ALL=C
export TZ LC_ALL

skip() {
    echo "SKIP: $1 (tests/render-install installs the renderer)"
    [ "${OPTPLAN_RENDER_REQUIRED:-0}" = 1 ] && { echo "FAIL - OPTPLAN_RENDER_REQUIRED=1"; exit 1; }
    exit 77
}
rdir=${OPTPLAN_RENDER_DIR:-${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/optplan-render}
MMDC=${OPTPLAN_MMDC:-}
[ -n "$MMDC" ] || { [ -x "$rdir/node_modules/.bin/mmdc" ] && MMDC=$rdir/node_modules/.bin/mmdc; }
[ -n "$MMDC" ] || MMDC=$(command -v mmdc 2>/dev/null)
CHROMIUM=${OPTPLAN_CHROMIUM:-$(command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null)}
[ -z "${OPTPLAN_MMDC:-}" ] || [ -x "$MMDC" ] || skip "OPTPLAN_MMDC=$MMDC is no program"
[ -n "$MMDC" ] && [ -x "$MMDC" ] || skip "mermaid-cli (mmdc) not found in $rdir/node_modules/.bin or PATH"
[ -n "$CHROMIUM" ] && [ -x "$CHROMIUM" ] || skip "chromium not found"
command -v xmllint >/dev/null 2>&1 || skip "xmllint not found (Debian: libxml2-utils)"
command -v node >/dev/null 2>&1 || skip "node not found (mermaid-cli runs on it)"
printf '{"executablePath":"%s","args":["--no-sandbox","--disable-gpu"]}\n' "$CHROMIUM" >pp.json
printf 'gantt\n    dateFormat YYYY-MM-DD\n    smoke :t-a, 2027-01-04, 2027-01-09\n' >smoke.mmd
"$MMDC" -q -p pp.json -i smoke.mmd -o smoke.svg >smoke.log 2>&1 && [ -s smoke.svg ] ||
    { sed 's/^/  mmdc: /' smoke.log | head -n 5; skip "mmdc cannot render a one-bar chart with $CHROMIUM"; }
echo "renderer: $MMDC ($("$MMDC" --version 2>/dev/null)), $CHROMIUM"

# render DIR: report.md's mermaid block -> DIR.mmd -> DIR.svg (1600 px wide)
# -> DIR.fmt (one element a line, for awk)
render() {
    awk '/^```mermaid$/ { m = 1; next } m && /^```/ { m = 0 } m' "$1/report.md" >"$1.mmd"
    [ -s "$1.mmd" ] || { echo "  no mermaid block in $1/report.md"; return 1; }
    "$MMDC" -q -p pp.json -w 1600 -i "$1.mmd" -o "$1.svg" >"$1.log" 2>&1 ||
        { sed 's/^/  mmdc: /' "$1.log" | head -n 10; return 1; }
    xmllint --format "$1.svg" >"$1.fmt"
}

# expected DIR PERIOD: one line per bar and milestone of the plan in DIR,
# "id first last" in week coordinates (a week plan: run a..b of weeks spans
# a .. b + 5/7; a day plan: day d of week w, k-th working day, spans
# w + k/7 .. w + (k+1)/7; a milestone sits at the end of its period).
expected() {
    sed 1d "$1/allocation.csv" | awk -F, '$3 > 0' | sort -t, -k1,1 -k2,2n | awk -F, -v P="$2" '
        function lo(t) { return P == "day" ? int((t - 1) / 5) + 1 + ((t - 1) % 5) / 7 : t }
        function hi(t) { return P == "day" ? lo(t) + 1 / 7 : t + 5 / 7 }
        function flush() { if (id != "") printf "%s %.4f %.4f\n", (k > 1 ? "t-" id "-r" k : "t-" id), lo(a), hi(b) }
        $1 != id || $2 != b + 1 { flush(); k = ($1 == id ? k + 1 : 1); id = $1; a = $2 }
        { b = $2 }
        END { flush() }'
    sed 1d "$1/gates.csv" | awk -F, -v P="$2" '
        function hi(t) { return P == "day" ? int((t - 1) / 5) + 1 + ((t - 1) % 5 + 1) / 7 : t + 5 / 7 }
        { c = hi($2); printf "g-%s-due %.4f %.4f\n", $1, c, c
          if ($3 != "") { c = hi($3); printf "g-%s-passed %.4f %.4f\n", $1, c, c } }'
}

# labels START: "label week" for the axis ticks of weeks 1..120: w1, w2, ...
# without a start date, the Monday's "04 Jan" with one
labels() {
    w=1
    while [ $w -le 120 ]; do
        if [ -z "$1" ]; then
            echo "w$w $w"
        else
            echo "$(date -u -d "$1 + $((7 * (w - 1))) days" '+%d_%b') $w"
        fi
        w=$((w + 1))
    done
}

# measure DIR: DIR.fmt's bars against DIR.expect, one line each:
# "ok|FAIL id measured_first measured_last expected_first expected_last";
# a bar or milestone of either side missing from the other is a FAIL line.
measure() {
    awk -v TOL=0.05 '
        function attr(s, name,   r) {
            if (!match(s, " " name "=\"[^\"]*\"")) return ""
            r = substr(s, RSTART + length(name) + 3, RLENGTH - length(name) - 4); return r
        }
        FILENAME == ARGV[1] { lw[$1] = $2; next }
        FILENAME == ARGV[2] { ef[$1] = $2; el[$1] = $3; order[++ne] = $1; next }
        /<svg / && svgid == "" { svgid = attr($0, "id") }
        /<g class="grid"/ { t = attr($0, "transform"); sub(/translate\(/, "", t); gx = t + 0 }
        /<g class="tick"/ { t = attr($0, "transform"); sub(/translate\(/, "", t); tx = gx + t; tick = 1; next }
        tick && /<text/ { l = $0; sub(/^[^>]*>/, "", l); sub(/<.*/, "", l); gsub(/ /, "_", l)
                          if (l in lw) { nt++; tw[nt] = lw[l]; txs[nt] = tx }
                          tick = 0 }
        /<rect / && / id="/ && /class="task/ {
            id = attr($0, "id"); sub("^" svgid "-", "", id)
            x = attr($0, "x") + 0; w = attr($0, "width") + 0
            if ($0 ~ /milestone/) { x += w / 2; w = 0 }
            rx[id] = x; rw[id] = w }
        END {
            if (nt < 2) { print "FAIL axis: fewer than two week ticks read"; exit }
            px = (txs[nt] - txs[1]) / (tw[nt] - tw[1])
            for (i = 1; i <= ne; i++) {
                id = order[i]
                if (!(id in rx)) { print "FAIL " id " not drawn"; continue }
                f = tw[1] + (rx[id] - txs[1]) / px; l = tw[1] + (rx[id] + rw[id] - txs[1]) / px
                ok = f - ef[id] < TOL && ef[id] - f < TOL && l - el[id] < TOL && el[id] - l < TOL
                printf "%s %s %.3f %.3f %.3f %.3f\n", ok ? "ok" : "FAIL", id, f, l, ef[id], el[id]
                seen[id] = 1
            }
            for (id in rx) if (!(id in seen)) print "FAIL " id " drawn but not in the plan"
        }' "$1.labels" "$1.expect" "$1.fmt"
}

# chart_right DIR PERIOD [START]: renders DIR's chart and measures every bar
# and milestone; the result lines are in DIR.measured.
chart_right() {
    render "$1" || return 1
    expected "$1" "$2" >"$1.expect"
    labels "${3:-}" >"$1.labels"
    measure "$1" >"$1.measured"
    n=$(grep -c . "$1.expect")
    bad=$(grep -c '^FAIL' "$1.measured")
    echo "  $1: $n bars and milestones measured, $bad misplaced"
    grep '^FAIL' "$1.measured" | head -n 10 | sed 's/^/  /'
    [ "$n" -gt 0 ] && [ "$bad" -eq 0 ]
}

# at DIR ID FIRST LAST: the bar or milestone ID was measured at FIRST..LAST
at() {
    got=$(awk -v id="$2" '$2 == id { print $3, $4 }' "$1.measured")
    echo "  $2 measured at weeks ${got:-nothing} (expected $3 $4)"
    [ -n "$got" ] && echo "$got" | awk -v f="$3" -v l="$4" \
        '{ exit !($1 - f < 0.05 && f - $1 < 0.05 && $2 - l < 0.05 && l - $2 < 0.05) }'
}

# 1. The shipped plan without --start: the fixed calendar, week numbers on the axis.
"$OPTPLAN" -q "$EXAMPLE" -o s
check "solve of the shipped plan for the chart (exit 0)" test $? -eq 0
check "mermaid-cli renders the chart; every bar and milestone is where the plan puts it" \
    chart_right s week
check "the axis is labelled with week numbers w1, w2, ..." grep -q '>w2<' s.fmt
p9=$(awk -F, '$1 == "P0-009" { print $6 }' s/schedule.csv)
check "P0-009's bar starts at week 11 and ends with the Friday of week ${p9:-?}" \
    at s t-P0-009 11 "$(awk -v w="${p9:-0}" 'BEGIN { printf "%.3f", w + 5 / 7 }')"
check "M1's deadline milestone sits at the end of week 3" at s g-M1-due 3.714 3.714
echo "# items drawn in parts (paused work): $(grep -c -- '-r2 ' s.measured)"

# 2. The same plan dated with --start 2027-01-04.
"$OPTPLAN" -q "$EXAMPLE" --start 2027-01-04 -o d
check "solve with --start 2027-01-04 (exit 0)" test $? -eq 0
check "the dated chart: every bar and milestone where the plan puts it" \
    chart_right d week 2027-01-04
check "the dated axis shows Mondays' dates (18 Jan: week 3)" grep -q '>18 Jan<' d.fmt
check "dated: P0-009 starts at week 11 (Monday 15 Mar 2027)" \
    at d t-P0-009 11 "$(awk -v w="${p9:-0}" 'BEGIN { printf "%.3f", w + 5 / 7 }')"
check "dated: M1's milestone sits at the end of week 3 (Friday 22 Jan 2027)" \
    at d g-M1-due 3.714 3.714
check "the block's dates: P0-009 from 2027-03-15 to the day after Friday 2027-03-26" \
    grep -q 't-P0-009, 2027-03-15, 2027-03-27$' d.mmd

# 3. A day plan with paused work, checked as given (no solve): bars are days.
mkdir dp
printf 'id,title,effort_hours,role,depends_on\nA,alpha,16,Dev,\nB,beta,24,Dev,A\nC,gamma,8,Ops,\n' >dp/items.csv
printf 'role,headcount\nDev,1\nOps,1\n' >dp/team.csv
printf 'gate,deadline_week,items\nG1,1,A\nG2,2,B;C\n' >dp/gates.csv
printf 'id,week,hours\nA,1,8\nA,2,8\nB,3,8\nB,6,8\nB,7,8\nC,9,8\n' >dp/plan.csv
"$OPTPLAN" check -q --period day dp --plan dp/plan.csv -o day
check "check of a day plan writes its reports (exit 0 or 1: $?)" test -s day/report.md
check "the day chart: every day bar and milestone in place (B in two parts)" chart_right day day
check "B's second part starts on day 6 (Monday of week 2)" at day t-B-r2 2 2.286

# 4. Text mermaid would read as syntax: ids and titles with : # ; % keywords,
#    HTML, quotes; the chart still parses and shows every bar.
mkdir h
{
    echo 'id,title,effort_hours,role'
    echo 'title,"a: b # c; d %% e",8,Dev'
    echo 'section x,"<b>bold</b> & ""quoted""",8,Dev'
    echo '2027-01-04,date-like id,8,Dev'
    echo 'click,"line one'
    echo 'line two",8,Dev'
    echo '%%comment,a very long title that goes on and on well past forty bytes of text,8,Dev'
    echo 'a%b,"%% not a comment",8,Dev'
} >h/items.csv
printf 'role,headcount\nDev,1\n' >h/team.csv
printf 'gate,deadline_week,items\ntitle: G,1,title\n' >h/gates.csv
"$OPTPLAN" -q h -o hr
check "solve of the plan with hostile text (exit 0)" test $? -eq 0
check "mermaid-cli renders its chart" render hr
bars=$(grep -c ' :' hr.mmd)
drawn=$(grep -c '<rect [^>]*class="task' hr.fmt)
check "every bar and milestone is drawn ($drawn of $bars)" test "$bars" -eq "$drawn"
check "every item's id shows in the chart" \
    sh -c 'for t in title section 2027-01-04 click %%comment a%b; do grep -q -- "$t" hr.fmt || exit 1; done'

# 5. optplan's own SVGs: well-formed, and Chromium draws something.
# shot FILE: a PNG of FILE in headless Chromium -> FILE's path with / as _, .png
shot() {
    png="$T/$(echo "$1" | tr / _).png"
    "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$T/chrome" \
        --window-size=1200,1000 --screenshot="$png" "file://$T/$1" >/dev/null 2>&1
    [ -s "$png" ] || { echo "  no screenshot of $1"; return 1; }
}
# drawn FILE: FILE's screenshot is no blank page: more than 8 colours and
# at least 0.2 % of its pixels not white (tests/png-stats.js, run by the node
# that mermaid-cli runs on)
drawn() {
    png="$T/$(echo "$1" | tr / _).png"
    stats=$(node "$top_srcdir/tests/png-stats.js" "$png") || return 1
    echo "  $1: screenshot width, height, colours, non-white pixels per 1000: $stats"
    echo "$stats" | awk '{ exit !($3 > 8 && $4 >= 2) }'
}
printf '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="1000"><rect width="100%%" height="100%%" fill="white"/></svg>\n' >blank.svg
check "Chromium takes a screenshot of a blank SVG page" shot blank.svg
blank_is_blank() { ! drawn blank.svg >/dev/null; }
check "a blank page's screenshot counts as blank" blank_is_blank
shown() { shot "$1" && drawn "$1"; }
# forecast.svg and trend.svg: a forecast of the shipped plan, and a trend of
# two nights of a small plan
"$OPTPLAN" -q forecast "$EXAMPLE" --uncertainty 30 --simulate 500 --explain off -o fc
mkdir nights tp
printf 'id,effort_hours,role,depends_on\nA,40,Dev,\nB,40,Dev,A\n' >tp/items.csv
printf 'role,headcount\nDev,1\n' >tp/team.csv
printf 'gate,deadline_week,items\nG1,2,B\n' >tp/gates.csv
"$OPTPLAN" -q tp -o nights/n1
printf 'id,state,remaining_hours\nA,doing,20\n' >tp/status.csv
"$OPTPLAN" -q tp --week 2 --history nights -o nights/n2
for f in s/gantt.svg s/load.svg day/gantt.svg day/load.svg hr/gantt.svg hr/load.svg \
    fc/forecast.svg nights/n2/trend.svg; do
    check "$f is well-formed XML" xmllint --noout "$f"
    check "Chromium draws $f (a screenshot that is not blank)" shown "$f"
done
finish
