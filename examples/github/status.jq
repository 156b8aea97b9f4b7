# status.jq - optplan's status.csv from `gh issue list --json ...` (see README.md here)
#
#   jq -r -f status.jq issues.json >status.csv
#
# One row per issue, by number: "#N" and its state: done when the issue is
# closed, doing when it has a label status:doing or "in progress" (then a
# label remaining:6h gives the hours left), todo otherwise.
def labelnames: [.labels[]?.name];
def hours(s):
  (s | capture("^(?<n>[0-9]+(\\.[0-9]+)?) *(?<u>[hd]?)$")) as $m
  | ($m.n | tonumber) * (if $m.u == "d" then 8 else 1 end);
def remaining:
  [labelnames[] | select(ascii_downcase | startswith("remaining:")) | .[10:]] | first
  | if . == null then "" elif test("^[0-9]+(\\.[0-9]+)? *[hd]?$") then hours(.)
    else error("remaining:\(.): expected hours such as remaining:6h") end;
def state:
  if (.state | ascii_upcase) == "CLOSED" then "done"
  elif [labelnames[] | ascii_downcase | select(. == "status:doing" or . == "in progress")] | length > 0 then "doing"
  else "todo" end;

["id", "state", "remaining_hours"],
( sort_by(.number)[] | state as $s
  | ["#\(.number)", $s, (if $s == "doing" then remaining else "" end)] )
| @csv
