#!/bin/sh
# cli-dates.sh - --start, settings.csv, ISO dates in week-valued cells, holidays.csv, dates in reports
. "$top_srcdir/tests/lib.sh"
cd "$T" || exit 99

# plan NAME: a small plan: Dev (2 people, 40 h) and Ops (1 person, 40 h);
# A (40 h Dev), then B (16 h Dev), C (8 h Ops); gate G needs A and B.
plan() {
    rm -rf "$1" && mkdir "$1"
    printf 'id,title,priority,effort_hours,role,depends_on,earliest_week,due_week,decision\n' >"$1/items.csv"
    printf 'A,first,P0,40,Dev,,,,must\nB,second,P0,16,Dev,A,,,should\nC,third,P1,8,Ops,,,,should\n' >>"$1/items.csv"
    printf 'role,headcount,hours_per_week,from_week,to_week\nDev,2,40,,\nOps,1,40,,\n' >"$1/team.csv"
    printf 'gate,deadline_week,items\nG,2,A;B\n' >"$1/gates.csv"
}
# runs: optplan ARGS..., exit code in $rc, stdout in out, stderr in err
runs() {
    "$OPTPLAN" "$@" >out 2>err
    rc=$?
}

# ---- --start ---------------------------------------------------------------
plan p
runs validate p --start 2027-01-05
check "--start on a Tuesday is a usage error (64)" test $rc -eq 64
check "it names that week's Monday" has err "--start: expected the Monday of week 1 (that week's Monday is 2027-01-04), got '2027-01-05'"
runs validate p --start 2027-02-30
check "--start 2027-02-30 is a usage error (64)" test $rc -eq 64
check "it says a date is expected" has err "--start: expected a date YYYY-MM-DD"
runs validate p --start 2027-01-04
check "--start on a Monday validates (0)" test $rc -eq 0
check "validate states the start date" has out "week 1 starts 2027-01-04; 0 holidays"

# ---- dates in every week-valued cell ------------------------------------------
printf 'A,first,P0,40,Dev,,,,\nB,second,P0,16,Dev,A,2027-02-30,,\n' >>p/items.csv
runs validate p
check "a date without a start date is an error (65)" test $rc -eq 65
check "no such date is named at its cell" has err "p/items.csv:6:7: earliest_week: no such date"
plan p
printf 'D,fourth,P1,8,Ops,,2027-01-13,,\n' >>p/items.csv
runs validate p
check "a date needs --start: FILE:LINE:FIELD" has err "optplan: p/items.csv:5:7: earliest_week: a date needs --start (or start in settings.csv)"
runs validate p --start 2027-01-18
check "a date before the start is an error (65)" test $rc -eq 65
check "it names the start date" has err "p/items.csv:5:7: earliest_week: 2027-01-13 is before the start date 2027-01-18 (week 1)"
plan p
printf 'D,fourth,P1,8,Ops,,2037-01-13,,\n' >>p/items.csv
runs validate p --start 2027-01-04
check "a date past week 520 is an error (65)" test $rc -eq 65
check "it names the last week" has err "p/items.csv:5:7: earliest_week: 2037-01-13 is past week 520, the last a plan holds (2036-12-19)"

# each field: dates give the same plan as the weeks they fall in
plan w
printf 'D,fourth,P1,8,Ops,,3,4,\n' >>w/items.csv
printf 'role,headcount,hours_per_week,from_week,to_week\nDev,2,40,,\nOps,1,40,2,5\n' >w/team.csv
printf 'gate,deadline_week,items\nG,2,A;B\nH,5,D\n' >w/gates.csv
plan d
printf 'D,fourth,P1,8,Ops,,2027-01-20,2027-01-31,\n' >>d/items.csv
printf 'role,headcount,hours_per_week,from_week,to_week\nDev,2,40,,\nOps,1,40,2027-01-15,2027-02-01\n' >d/team.csv
printf 'gate,deadline_week,items\nG,2027-01-11,A;B\nH,2027-02-05,D\n' >d/gates.csv
runs -q w --start 2027-01-04 -o rw
runs -q d --start 2027-01-04 -o rd
check "the plan with dates solves (0)" test $rc -eq 0
check "dates give the same schedule as their weeks" cmp rw/schedule.csv rd/schedule.csv
check "and the same gates" cmp rw/gates.csv rd/gates.csv
# a hand plan into week 6 shows the capacity of weeks 1..6
printf 'id,week\nA,1\nB,2\nC,2\nD,6\n' >hp.csv
runs check -q w --start 2027-01-04 --plan hp.csv -o cw
runs check -q d --start 2027-01-04 --plan hp.csv -o cd
check "dates give the same capacity (Ops from week 2 to week 5)" cmp cw/load.csv cd/load.csv
check "Ops has no capacity in week 1 (from_week 2027-01-15, a Friday)" has cd/load.csv "Ops,1,0,"
check "it has in week 5 (to_week 2027-02-01, a Monday)" has cd/load.csv "Ops,5,40,"
check "and none in week 6" has cd/load.csv "Ops,6,0,"
check "D may not start before week 3 (2027-01-20)" has rd/schedule.csv "D,fourth,Ops,P1,3,3,8,4,0,2027-01-18,2027-01-22"
check "the gate deadlines are the weeks' Fridays" has rd/gates.csv "G,2,2,0,met,,2027-01-15,2027-01-15"

# in days a date is its own day; a weekend is the next Monday (first days)
# or the Friday before (last days)
printf 'id,title,priority,effort_hours,role,earliest_week,due_week\nA,first,P0,8,Dev,2027-01-06,\nB,second,P0,8,Dev,2027-01-09,2027-01-17\n' >d/items.csv
printf 'role,headcount,hours_per_week\nDev,1,40\n' >d/team.csv
printf 'gate,deadline_week,items\nG,2027-01-10,A\n' >d/gates.csv
runs -q d --period day --start 2027-01-04 -o dd
check "a day plan with dates solves (0)" test $rc -eq 0
check "A starts on its earliest day, Wednesday (day 3)" has dd/schedule.csv "A,first,Dev,P0,3,3,8,,,2027-01-06,2027-01-06"
check "B's Saturday is the next Monday (day 6), its Sunday due the Friday (day 10)" has dd/schedule.csv "B,second,Dev,P0,6,6,8,10,0,2027-01-11,2027-01-11"
check "G's Sunday deadline is Friday, day 5" has dd/gates.csv "G,5,3,0,met,,2027-01-08,2027-01-06"
check "the roadmap is headed by the day's date" has dd/report.md "### Day 3 (2027-01-06)"

# a hand plan's week column takes dates too: in days a weekend is no working day
printf 'id,week\nA,2027-01-06\nB,2027-01-12\n' >hd.csv
runs check -q d --start 2027-01-04 --plan hd.csv -o ch
check "a hand plan with dates checks clean (0)" test $rc -eq 0
check "its A is in week 1" has ch/schedule.csv "A,first,Dev,P0,1,1,8,,,2027-01-04,2027-01-08"
runs check -q d --period day --start 2027-01-04 --plan hd.csv -o ch
check "in days its B is on day 7" has ch/schedule.csv "B,second,Dev,P0,7,7,8,10,0,2027-01-12,2027-01-12"
printf 'id,week\nA,2027-01-09\n' >hd.csv
runs check -q d --period day --start 2027-01-04 --plan hd.csv -o ch
check "a Saturday in a day plan's week column is an error (65)" test $rc -eq 65
check "it says so" has err "hd.csv:2:2: week: 2027-01-09 is a Saturday, not a working day"

# ---- settings.csv -------------------------------------------------------------
plan p
printf 'key,value\nstart,2027-01-04\n' >p/settings.csv
printf 'D,fourth,P1,8,Ops,,2027-01-11,,\n' >>p/items.csv
runs -q p -o r
check "start in settings.csv gives dates (0)" test $rc -eq 0
check "schedule.csv has start_date and end_date" has r/schedule.csv "start_week,end_week,hours,due_week,weeks_late,start_date,end_date"
check "D starts in week 2, 2027-01-11" has r/schedule.csv "D,fourth,Ops,P1,2,2,8,,,2027-01-11,2027-01-15"
runs -q p --start 2027-01-11 -o r
check "--start overrides the settings file: D is now in week 1" has r/schedule.csv "D,fourth,Ops,P1,1,1,8,,,2027-01-11,2027-01-15"
printf 'key,value\nstart,2027-01-06\n' >p/settings.csv
runs validate p
check "start on a Wednesday in settings.csv is an error (65)" test $rc -eq 65
check "it says so at the value" has err "p/settings.csv:2:2: start: 2027-01-06 is a Wednesday; start is the Monday of week 1 (that week's is 2027-01-04)"
printf 'key,value\nstart,2027-01-04\ngo_should_percnt,50\nroadmap_ends,done\neffort_high_from,x\ngo_should_percent,120\nstart,2027-01-11\n' >p/settings.csv
runs validate p
check "bad settings are errors (65)" test $rc -eq 65
check "an unknown key, with a hint" has err "p/settings.csv:3:1: unknown setting \"go_should_percnt\"; did you mean \"go_should_percent\"?"
check "a roadmap word that reads as a state" has err "p/settings.csv:4:2: roadmap_ends: \"done\" is a state of status.csv"
check "a band that is no number" has err "p/settings.csv:5:2: effort_high_from: expected a whole number"
check "a share past 100" has err "p/settings.csv:6:2: go_should_percent: a share from 0 to 100, got \"120\""
check "a key given twice" has err "p/settings.csv:7:1: setting \"start\" is given twice (first on line 2)"
printf 'key,value\neffort_medium_from,40\neffort_high_from,40\n' >p/settings.csv
runs validate p --start 2027-01-04
check "bands out of order are an error" has err "p/settings.csv:3:2: effort_high_from: effort_medium_from (40 h) must be below effort_high_from (40 h)"
printf 'key,value\nroadmap_starts,go\nroadmap_works,go\n' >p/settings.csv
runs validate p --start 2027-01-04
check "two equal roadmap words are an error" has err "p/settings.csv:3:2: roadmap_works: \"go\" is also roadmap_starts"
printf 'key\nstart\n' >p/settings.csv
runs validate p
check "a settings file without a value column is an error (65)" test $rc -eq 65

# each setting takes effect: with the default 80 % Go needs both should-haves
plan p
runs -q p -o r
check "Go by default: week 2 (both should-haves)" has r/summary.csv "first_go_week,2"
check "default roadmap words" has r/report.md "| A: first | 40h | Dev | ends |"
check "default effort bands" has r/report.md "| MEDIUM (16-39h) |"
printf 'key,value\ngo_should_percent,50\neffort_medium_from,8\neffort_high_from,20\nroadmap_starts,begins\nroadmap_works,busy\nroadmap_ends,finishes\n' >p/settings.csv
printf 'role,headcount,hours_per_week\nDev,1,10\nOps,1,40\n' >p/team.csv
runs -q p -o r
check "go_should_percent 50: Go in week 4 (A and C)" has r/summary.csv "first_go_week,4"
check "the Go line states the share" has r/report.md "at least 50% of should-haves"
check "effort bands from the settings" has r/report.md "| HIGH (20h+) | A |"
check "the medium band" has r/report.md "| MEDIUM (8-19h) |"
check "roadmap_starts" has r/report.md "| A: first | 10h | Dev | begins |"
check "roadmap_works" has r/report.md "| A: first | 10h | Dev | busy |"
check "roadmap_ends" has r/report.md "| A: first | 10h | Dev | finishes |"
rm p/settings.csv
runs -q p -o r
check "without the file Go needs 80 %: week 6 (B too)" has r/summary.csv "first_go_week,6"
printf 'key,value\ngo_should_percent,50\n' >s.csv
runs -q p --settings s.csv -o r
check "--settings FILE is read instead" has r/summary.csv "first_go_week,4"

# ---- holidays.csv ----------------------------------------------------------------
plan p
printf 'date,role,hours\n2027-01-06,,\n2027-01-07,Dev,4\n2027-01-16,,\n2027-01-13,Ops,\n' >p/holidays.csv
runs validate p
check "holidays need a start date (65)" test $rc -eq 65
check "it says so once, at the first date" has err "p/holidays.csv:2:1: date: a date needs --start (or start in settings.csv)"
check "only once" test "$(grep -c 'needs --start' err)" -eq 1
runs -q p --start 2027-01-04 -o r
check "with a start date the plan solves (0)" test $rc -eq 0
# week 1: Dev 80 h less a whole day (2 x 8 h) and 4 h each (2 x 4 h) = 56; Ops 40 - 8 = 32
check "week 1: Dev loses a day and 4 h a person" has r/load.csv "Dev,1,56,"
check "week 1: Ops loses the role-less day" has r/load.csv "Ops,1,32,"
check "week 2: a Saturday takes nothing from Dev" has r/load.csv "Dev,2,80,"
check "week 2: Ops loses its own day" has r/load.csv "Ops,2,32,"
runs -q p --start 2027-01-04 --period day -o rd
check "in days a holiday removes the day" has rd/load.csv "Dev,3,0,"
check "and Ops's that day" has rd/load.csv "Ops,3,0,"
check "4 h of 8 on Thursday" has rd/load.csv "Dev,4,8,"
check "Ops's own holiday, day 8" has rd/load.csv "Ops,8,0,"
check "Ops works on day 7" has rd/load.csv "Ops,7,8,"
printf 'date,role,hours\n2027-01-06,,\n2027-01-06,Dev,4\n2027-01-07,Dev,3\n2027-01-07,Dev,3\n2027-01-07,Dev,3\n' >p/holidays.csv
runs -q p --start 2027-01-04 --period day -o rd
check "holidays on one day add up to at most the day" has rd/load.csv "Dev,3,0,"
check "3 + 3 + 3 h of an 8 h day: nothing left" has rd/load.csv "Dev,4,0,"
printf 'date,role,hours\n2027-01-36,,\n2027-01-07,Dev,-2\n2027-01-08,,abc\n' >p/holidays.csv
runs validate p --start 2027-01-04
check "bad holidays are errors (65)" test $rc -eq 65
check "no such date" has err "p/holidays.csv:2:1: date: no such date"
check "negative hours" has err "p/holidays.csv:3:3: hours: expected a number > 0"
check "hours that are not a number" has err "p/holidays.csv:4:3: hours: expected a number"
printf 'date,role,hours\n2027-01-06,Dve,\n2027-01-08,Dev,9\n' >p/holidays.csv
runs validate p --start 2027-01-04
check "an unknown role or too many hours are errors (65)" test $rc -eq 65
check "an unknown role, with a hint" has err "p/holidays.csv:2:2: unknown role \"Dve\" (not a role of the team); did you mean \"Dev\"?"
check "more hours than a working day" has err "p/holidays.csv:3:3: hours: 9 h is more than a working day (8 h of Dev in week 1)"
printf 'date,role,hours\n2026-12-30,,\n2027-01-09,,\n' >p/holidays.csv
runs -q p --start 2027-01-04 -o r
check "a holiday before the start or on a weekend takes nothing" has r/load.csv "Dev,1,80,"
printf 'date,role,hours\n2027-01-06,,\n' >h.csv
rm p/holidays.csv
runs -q p --start 2027-01-04 --holidays h.csv -o r
check "--holidays FILE is read" has r/load.csv "Dev,1,64,"

# ---- the shipped plan with dates -----------------------------------------------
# Under valgrind (OPTPLAN_REAL set by .ci/run) a solve of the shipped plan with
# its explanations runs some 50 times slower: these two use the plain binary;
# the small plans above check memory.
runs() {
    "${OPTPLAN_REAL:-$OPTPLAN}" "$@" >out 2>err
    rc=$?
}
runs -q "$EXAMPLE" --start 2027-01-04 -o e
check "the shipped plan with --start 2027-01-04 solves (0)" test $rc -eq 0
check "schedule.csv: P0-009 in weeks 11-12, Monday 2027-03-15 to Friday 2027-03-26" has e/schedule.csv "P0-009,No SOC2 Type II Controls,Compliance,P0,11,12,24,,,2027-03-15,2027-03-26"
check "gates.csv: M1's deadline date is week 3's Friday" has e/gates.csv "2027-01-22,2027-04-02"
check "report.md: the roadmap week headed by its Monday" has e/report.md "### Week 11 (2027-03-15)"
check "report.md: gates with dates" has e/report.md "| M1 | Foundation | week 3 (2027-01-22) |"
check "report.md: the items with dates" has e/report.md "| P0-009 | No SOC2 Type II Controls | Compliance | week 11 (2027-03-15) | week 12 (2027-03-26) |"
runs -q "$EXAMPLE" -o n
check "without a start date no date columns" test "$(head -n 1 n/schedule.csv)" = "id,title,role,priority,start_week,end_week,hours,due_week,weeks_late"
check "nor an items table" sh -c "! grep -q '^## Items' n/report.md"
finish
