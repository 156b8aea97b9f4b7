# items.jq - optplan's items.csv from `gh issue list --json ...` (see README.md here)
#
#   gh issue list --state all --limit 1000 \
#       --json number,title,labels,milestone,state,body >issues.json
#   jq -r -f items.jq issues.json >items.csv
#   jq -r --arg default_effort 4 -f items.jq issues.json >items.csv
#
# One row per issue, by number: id "#N", the title, priority from a label
# P0..P3 or priority:P0..P3 (default P1), effort_hours from a label
# estimate:8h (hours; 2d = 2 days of 8 h; a bare number is hours), role
# from a label role:NAME, depends_on from the body: "blocked by #N" or
# "depends on #N" (also "#N, #M and #K"), and each task-list line "- [ ] #N"
# or "- [x] #N" (an issue that tracks others is done after them). An issue
# without a role, without an estimate (unless --arg default_effort H), or
# linking an issue not in the list stops jq with an error naming it.

def labelnames: [.labels[]?.name];
# the value after PREFIX of the first label that has it, or null
def labelvalue(prefix): [labelnames[] | select(ascii_downcase | startswith(prefix)) | .[(prefix | length):]] | first;
def priority:
  ([labelnames[] | ascii_upcase | capture("^(PRIORITY:)?(?<p>P[0-3])$").p] | first) // "P1";
def hours(s):
  (s | capture("^(?<n>[0-9]+(\\.[0-9]+)?) *(?<u>[hd]?)$")) as $m
  | ($m.n | tonumber) * (if $m.u == "d" then 8 else 1 end);
def effort:
  labelvalue("estimate:") as $e
  | if $e != null and ($e | test("^[0-9]+(\\.[0-9]+)? *[hd]?$")) then hours($e)
    elif $e != null then error("issue #\(.number): estimate:\($e): expected hours such as estimate:8h")
    elif ($ARGS.named.default_effort // "") != "" then $ARGS.named.default_effort | tonumber
    else error("issue #\(.number) has no estimate: add a label estimate:8h (or --arg default_effort H)")
    end;
def role:
  labelvalue("role:") // error("issue #\(.number) has no role: add a label role:NAME");
# issue numbers the body says this one depends on, in order, once each
def deps:
  (.body // "") as $b
  | [ ($b | scan("(?i)(?:blocked by|depends on)((?:[ ,]*(?:and +)?#[0-9]+)+)") | .[0] | scan("#([0-9]+)") | .[0]),
      ($b | scan("(?m)^[ \t]*[-*] \\[[ xX]\\] +#([0-9]+)") | .[0]) ]
  | map(tonumber) | reduce .[] as $n ([]; if index([$n]) then . else . + [$n] end);

. as $all
| ($all | map(.number)) as $known
| ["id", "title", "priority", "effort_hours", "role", "depends_on"],
  ( sort_by(.number)[]
    | . as $i
    | deps as $d
    | ($d[] | select(. as $n | $known | index([$n]) | not)
        | error("issue #\($i.number) depends on #\(.), which is not in the list (gh issue list --state all)")),
    ["#\(.number)", .title, priority, effort, role, ($d | map("#\(.)") | join(";"))] )
| @csv
