# gates.jq - optplan's gates.csv from `gh issue list --json ...` (see README.md here)
#
#   jq -r -f gates.jq issues.json >gates.csv
#
# One gate per milestone, by due date (then title): gate and name = the
# milestone's title, deadline_week = its due date (YYYY-MM-DD: plan with
# --start or start in settings.csv), items = its issues "#N;#M". A
# milestone without a due date stops jq with an error naming it.
["gate", "name", "deadline_week", "items"],
( [ .[] | select(.milestone != null) ]
  | group_by(.milestone.title)
  | map({ title: .[0].milestone.title,
         due: (.[0].milestone.dueOn // error("milestone \(.[0].milestone.title) has no due date: set one on GitHub")),
         items: (sort_by(.number) | map("#\(.number)") | join(";")) })
  | sort_by(.due, .title)[]
  | [.title, .title, .due[0:10], .items] )
| @csv
