#!/bin/sh
# cli-replan.sh - re-planning explained: root causes and the slips linked to them, late gates said
. "$top_srcdir/tests/lib.sh"
cd "$T" || exit 99

# Dev: A then B (B needs A), then C; Ops: O1 then O2. Night 0 plans one
# week each: A, O1 in week 1; B, O2 in 2 (gates G1 and G2); C in 3.
mkdir t
printf 'id,effort_hours,role,depends_on\nA,40,Dev,\nB,40,Dev,A\nC,40,Dev,\nO1,40,Ops,\nO2,40,Ops,O1\n' >t/items.csv
printf 'role,headcount\nDev,1\nOps,1\n' >t/team.csv
printf 'gate,deadline_week,items\nG1,2,B\nG2,3,O2\n' >t/gates.csv
"$OPTPLAN" -q t -o n0
check "night 0 solves" test -s n0/schedule.csv
check "night 0 plans B in week 2" has n0/schedule.csv "B,,Dev,P1,2,2,"

# Night 1 (week 2): A overran (20 h still left, the plan had none left from
# week 2), and Ops is half-time in week 2.
printf 'role,headcount,from_week,to_week\nDev,1,1,\nOps,1,1,1\nOps,0.5,2,2\nOps,1,3,\n' >t/team.csv
printf 'id,state,remaining_hours\nA,doing,20\nO1,done,\n' >t/status.csv
"$OPTPLAN" -q t --week 2 --previous n0 -o n1 --fail-on-late >out 2>err
check "a late gate with -q --fail-on-late exits 4" test $? -eq 4
check "-q prints nothing on stdout" test ! -s out
printf 'optplan: late gate G1: passed week 3, deadline week 2, 1 week late\n' >want
check "-q --fail-on-late names each late gate on stderr" sh -c 'head -n 1 err | cmp -s want -'
check "and what the menu of changes does for it" has err "optplan: late gate G1: one more person in weeks 2-2 of any role in its chain is not enough: Dev: G1 week 3"
check "and the change that does it" has err "without B waiting for A: G1 week 2 (on time)"
cat >want <<'END'
id,change,previous_start,previous_end,start_week,end_week,moved_weeks,cause
A,moved,1,1,1,2,1,A (overran by 20 h)
B,moved,2,2,2,3,1,A (overran by 20 h)
C,moved,3,3,3,4,1,A (overran by 20 h)
O2,moved,2,2,2,3,1,Ops capacity (week 2)
END
check "changes.csv links each slip to its cause" cmp -s want n1/changes.csv
check "the overrun is a root cause" \
    has n1/report.md "- A overran by 20 h: 20 h left at week 2, the previous plan had 0 h for it from week 2 on"
check "the capacity change is a root cause" \
    has n1/report.md "- Ops capacity (week 2): 20 h a week, was 40 h"
check "the gate behind the dependency slipped because of the overrun" \
    has n1/report.md "- gate G1 slipped: week 3, was week 2: B (Dev) now ends week 3, was 2; because of A (overran by 20 h)"
check "the gate behind the capacity slipped because of it" \
    has n1/report.md "- gate G2 slipped: week 3, was week 2: O2 (Ops) now ends week 3, was 2; because of Ops capacity (week 2)"
check "a knock-on slip along the role names the overrun" \
    has n1/report.md "| C | moved | 3 | 3-4 | +1 | A (overran by 20 h) |"
rc_line=$(grep -n '^Root causes:' n1/report.md | cut -d: -f1)
mv_line=$(grep -n '^What moved:' n1/report.md | cut -d: -f1)
check "root causes come before the slips" test "${rc_line:-0}" -gt 0 -a "${rc_line:-0}" -lt "${mv_line:-0}"

# Without -q the late gate is on stderr too; without --fail-on-late it is not.
"$OPTPLAN" t --week 2 --previous n0 -o n1a --fail-on-late >out 2>err
check "without -q, --fail-on-late still exits 4" test $? -eq 4
printf 'optplan: late gate G1: passed week 3, deadline week 2, 1 week late\n' >want
check "without -q the late gate is on stderr" sh -c 'head -n 1 err | cmp -s want -'
"$OPTPLAN" t --week 2 --previous n0 -o n1b >out 2>err
check "without --fail-on-late: exit 0" test $? -eq 0
check "without --fail-on-late: nothing on stderr" test ! -s err

# examples/nightly.sh under cron: the late gates reach its stderr (mailed).
mkdir np rep
cp t/items.csv np/ && printf 'role,headcount\nDev,1\nOps,1\n' >np/team.csv
printf 'id,state\n' >np/status.csv
printf 'gate,deadline_week,items\nG1,1,B\n' >np/gates.csv
OPTPLAN="$OPTPLAN" sh "$top_srcdir/examples/nightly.sh" "$T/np" "$T/rep" >out 2>err
check "nightly.sh exits 4 on a late gate" test $? -eq 4
printf 'optplan: late gate G1: passed week 2, deadline week 1, 1 week late\n' >want
check "nightly.sh repeats the late gate on stderr" sh -c 'grep "late gate" err | head -n 1 | cmp -s want -'

# A --previous made from another plan is named and not compared.
"$OPTPLAN" -q "$EXAMPLE" --no-baseline --previous n0 -o other >out 2>err
check "another plan's --previous still plans (exit 0)" test $? -eq 0
printf 'optplan: warning: --previous n0 was made from a different plan (5 of its items are not in this one)\n' >want
check "another plan's --previous is named in a warning" cmp -s want err
check "another plan's --previous is not compared" test ! -e other/changes.csv
check "another plan's report has no changes section" \
    sh -c '! grep -q "What changed since the previous plan" other/report.md'
# ... also when it lacks most of this plan's items
mkdir one
printf 'id,effort_hours,role,depends_on\nA,40,Dev,\n' >one/items.csv
printf 'role,headcount\nDev,1\nOps,1\n' >one/team.csv
"$OPTPLAN" -q one -o one0
"$OPTPLAN" -q t --week 2 --previous one0 -o n1c >out 2>err
printf 'optplan: warning: --previous one0 was made from a different plan (it has 1 of this plan'"'"'s 5 items)\n' >want
check "a --previous with few of the plan's items is named in a warning" cmp -s want err
# ... or when its roles are other ones
mkdir roles
sed 's/Dev/Eng/; s/Ops/Sre/' t/items.csv >roles/items.csv
printf 'role,headcount\nEng,1\nSre,1\n' >roles/team.csv
"$OPTPLAN" -q roles -o roles0
"$OPTPLAN" -q t --week 2 --previous roles0 -o n1d >out 2>err
printf 'optplan: warning: --previous roles0 was made from a different plan (2 of its 2 roles are not in this one)\n' >want
check "a --previous with other roles is named in a warning" cmp -s want err
# A status with no hours left for an item that is not done: said, not solved
# (a todo item with 0 h once crashed the solve with "internal error").
mkdir z
cp t/items.csv t/team.csv t/gates.csv z/
printf 'id,state,remaining_hours\nA,todo,0\n' >z/status.csv
"$OPTPLAN" -q z --week 2 -o z1 2>err
check "todo with 0 h left exits 65" test $? -eq 65
check "and says to mark it done" has err 'optplan: z/status.csv:2:3: item "A" is todo with no hours left: mark it done'
printf 'id,state,remaining_hours\nA,doing,0\n' >z/status.csv
"$OPTPLAN" -q z --week 2 -o z2 2>err
check "doing with 0 h left exits 65" test $? -eq 65
check "and says to mark it done" has err 'optplan: z/status.csv:2:3: item "A" is doing with no hours left: mark it done'
finish
