#!/bin/sh
# cli-fixes.sh - why a gate is late, by re-solving: the shipped plan's M1-M3 and a half-time Design role
. "$top_srcdir/tests/lib.sh"
# The shipped plan's texts depend on each re-solve finishing within its
# share of the time: under valgrind (OPTPLAN_REAL set by .ci/run, some 50
# times slower) those runs use the plain binary; the small plans below,
# which solve in milliseconds, run under valgrind too.
PLAIN=${OPTPLAN_REAL:-$OPTPLAN}

"$PLAIN" "$EXAMPLE" -o "$T/s" >"$T/out" 2>"$T/err"
check "the shipped plan solves (exit 0)" test $? -eq 0
check "M1: one Documentation person from week 1 makes it on time, with every gate's week" \
    has "$T/out" "on time with one more Documentation person in weeks 1-3: a plan then passes M1 in week 2 (M1 week 2, M2 week 5, M3 week 12, M4 week 13)"
check "M1: the other roles of its chain are not enough" \
    has "$T/out" "is not enough: Security: M1 week 13, Operations: M1 week 13"
check "M2 waits for M1, and M1's fix makes it on time" \
    has "$T/out" "waits for M1 (passed week 13); with M1's fix (one more Documentation person in weeks 1-3) M2 passes week 5, on time"
check "M3 waits for M2" has "$T/out" "waits for M2 (passed week 13); with M2's fix"
check "the deferred item: what schedules it, by re-solving" \
    has "$T/out" "deferred P2-004: priority: left out for higher-priority work: Compliance has 160 h in weeks 11..14, 124 h booked by higher-priority items (P1-014 P1 32 h, P0-009 P0 24 h, P1-015 P1 24 h), this item needs 40 h; scheduled (done week 5) with one more Compliance person in weeks 1-14"
check "report.md's deferred table carries it" has "$T/s/report.md" "scheduled (done week 5) with one more Compliance person in weeks 1-14"
check "report.md's gate table carries it" has "$T/s/report.md" "on time with one more Documentation person in weeks 1-3"
check "gates.csv's cause too" has "$T/s/gates.csv" "M1,3,13,10,late,\"on time with one more Documentation person"
"$OPTPLAN" "$EXAMPLE" --explain off -o "$T/o" >"$T/out2" 2>"$T/err"
check "--explain off: no re-solving, the plain-words cause" sh -c "! grep -q 'on time with' '$T/out2' '$T/o/gates.csv'"
check "--explain off: M1's cause is facts and a capacity proof, no guess" \
    has "$T/o/gates.csv" "P1-019 (Documentation) is done in week 13: Documentation has no capacity in weeks 1..3, so no plan with this team meets the deadline"
check "--explain off: no rule of thumb about work put later" sh -c "! grep -q 'puts the work later' '$T/out2' '$T/o/gates.csv' '$T/o/report.md'"
check "M1: the least deadline move, checked one week short" \
    has "$T/out" "the least deadline move that makes it on time: to week 13, 10 weeks later (M1 week 13, M2 week 13, M3 week 13, M4 week 13); with week 12 the plan found passes M1 late"
"$OPTPLAN" "$EXAMPLE" --explain maybe -o "$T/x" >"$T/out3" 2>"$T/err"
check "a bad --explain is a usage error (64)" test $? -eq 64

# Design is half-time; M-01 (Mobile) waits for D-03 (Design): Design is the
# cause, and one more Mobile person does not help.
mkdir -p "$T/d" || exit 99
printf 'id,title,effort_hours,role,depends_on\nD-03,design,40,Design,\nM-01,mobile,40,Mobile,D-03\n' >"$T/d/items.csv"
printf 'role,headcount,hours_per_week\nDesign,0.5,40\nMobile,1,40\n' >"$T/d/team.csv"
printf 'gate,name,deadline_week,requires,items\nG1,launch,2,,M-01\n' >"$T/d/gates.csv"
"$OPTPLAN" "$T/d" -o "$T/do" >"$T/out" 2>"$T/err"
check "half-time Design: G1 late in week 3" has "$T/out" "G1: passed week 3, deadline 2 (LATE)"
check "half-time Design: the fix is Design, not Mobile" \
    has "$T/out" "on time with one more Design person in weeks 1-2: a plan then passes G1 in week 2 (G1 week 2); one more person of another role in its chain is not enough: Mobile: G1 week 3"
check "half-time Design: the critical chain with its weeks" \
    has "$T/out" "critical chain: D-03 (Design, weeks 1-2) -> M-01 (Mobile, weeks 2-3)"
check "half-time Design: without the dependency G1 is on time" \
    has "$T/out" "without M-01 waiting for D-03: G1 week 1 (on time)"
check "half-time Design: a quarter less effort on the chain" \
    has "$T/out" "a quarter less effort on the chain: G1 week 2 (on time)"
check "M1's chain is P1-019 alone, and less effort does not help" \
    has "$T/s/gates.csv" "critical chain: P1-019 (Documentation, weeks 13-13); a quarter less effort on the chain: M1 week 13"

# B waits two weeks after A (lag_weeks 2): without that lag G1 is on time.
mkdir -p "$T/l" || exit 99
printf 'id,title,effort_hours,role,depends_on,lag_weeks\nA,a,40,Dev,,\nB,b,20,Ops,A,2\n' >"$T/l/items.csv"
printf 'role,headcount,hours_per_week\nDev,1,40\nOps,1,40\n' >"$T/l/team.csv"
printf 'gate,name,deadline_week,requires,items\nG1,ship,2,,B\n' >"$T/l/gates.csv"
"$OPTPLAN" "$T/l" -o "$T/lo" >"$T/out" 2>"$T/err"
check "lag: nobody more helps" has "$T/out" "one more person in weeks 1-2 of any role in its chain is not enough: Dev: G1 week 3, Ops: G1 week 3"
check "lag: without the lag G1 is on time" has "$T/out" "without B's lag_weeks (2) after A: G1 week 2 (on time)"
check "lag: the least deadline move is one week" has "$T/out" "the least deadline move that makes it on time: to week 3, 1 week later (G1 week 3)"
# --handoff next-week: same-week hand-offs are the change that helps.
printf 'id,title,effort_hours,role,depends_on\nA,a,20,Dev,\nB,b,20,Ops,A\n' >"$T/l/items.csv"
printf 'gate,name,deadline_week,requires,items\nG1,ship,1,,B\n' >"$T/l/gates.csv"
"$OPTPLAN" "$T/l" --handoff next-week -o "$T/ln" >"$T/out" 2>"$T/err"
check "next-week: same-week hand-offs make G1 on time" has "$T/out" "with same-week hand-offs (--handoff same-week): G1 week 1 (on time)"
# Nothing helps: the only role has no hours before week 5, G1's deadline is week 2.
printf 'id,title,effort_hours,role,depends_on\nA,a,20,Dev,\n' >"$T/l/items.csv"
printf 'role,headcount,hours_per_week,from_week,to_week\nDev,1,40,5,6\n' >"$T/l/team.csv"
printf 'gate,name,deadline_week,requires,items\nG1,ship,2,,A\n' >"$T/l/gates.csv"
"$OPTPLAN" "$T/l" -o "$T/lz" >"$T/out" 2>"$T/err"
check "a person from week 1 helps when the role has no hours yet" has "$T/out" "on time with one more Dev person in weeks 1-2: a plan then passes G1 in week 1"

# A day plan speaks of days, and of lag_weeks as given (1, held as 5 days).
mkdir -p "$T/dp" || exit 99
printf 'id,effort_hours,role,depends_on,lag_weeks\nA,16,Dev,,\nB,16,Dev,A,1\n' >"$T/dp/items.csv"
printf 'role,headcount\nDev,1\n' >"$T/dp/team.csv"
printf 'gate,deadline_week,items\nG1,1,B\n' >"$T/dp/gates.csv"
"$OPTPLAN" "$T/dp" --period day -o "$T/dpo" >"$T/out" 2>"$T/err"
check "day plan: days in the menu's texts" has "$T/out" "one more person in days 1-5 of any role in its chain is not enough: Dev: G1 day 8; critical chain: A (Dev, days 1-2) -> B (Dev, days 7-8)"
check "day plan: the lag as given" has "$T/out" "without B's lag_weeks (1) after A: G1 day 4 (on time)"
check "day plan: no week in the explanation" sh -c "! grep -q ' week ' '$T/out'"

# --week 4: M1's deadline (week 3) is history; nothing planned can meet it.
"$PLAIN" "$EXAMPLE" --week 4 -o "$T/w4" >"$T/out" 2>"$T/err"
check "--week 4: a past deadline is said as such" \
    has "$T/out" "its deadline, week 3, is before the first planning week, 4: no change can make it on time"
finish
