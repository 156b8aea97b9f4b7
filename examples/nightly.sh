#!/bin/sh
# nightly.sh - re-plan a roadmap every night from its current status (cron-friendly)
#
# crontab:  15 2 * * *  /opt/roadmap/nightly.sh /opt/roadmap/plan /srv/roadmap/reports
#
# PLAN_DIR holds items.csv, team.csv, gates.csv and status.csv (kept up to
# date by people or an export); START (YYYY-MM-DD, optional) is the Monday of
# week 1. Each run writes REPORTS/YYYY-MM-DD/ and, only after a complete run,
# points REPORTS/latest at it. Exit status: optplan's (4 = a gate is
# projected late, for alerting), or 1 when the arguments are wrong. What
# optplan says (late gates, warnings; nothing else with -q) is repeated on
# stderr, so cron mails it.
set -u
OPTPLAN=${OPTPLAN:-/usr/local/bin/optplan}
PLAN_DIR=${1:?usage: nightly.sh PLAN_DIR REPORTS_DIR [START_DATE]}
REPORTS=${2:?usage: nightly.sh PLAN_DIR REPORTS_DIR [START_DATE]}
START=${3:-}
case "$PLAN_DIR$REPORTS" in
/*/*) ;;
*) echo "nightly.sh: use absolute paths (cron has no useful working directory)" >&2; exit 1 ;;
esac

today=$(date +%Y-%m-%d)
if [ -n "$START" ]; then
    days=$(( ($(date -d "$today" +%s) - $(date -d "$START" +%s)) / 86400 ))
    week=$(( days / 7 + 1 ))
    [ "$week" -ge 1 ] || week=1
else
    week=1
fi

out="$REPORTS/$today"
set -- --week "$week" --fail-on-late -q -o "$out"
[ -f "$PLAN_DIR/status.csv" ] && set -- "$@" --status "$PLAN_DIR/status.csv"
# the last run steers this one; every earlier run gives the milestone trend
[ -d "$REPORTS/latest/" ] && set -- "$@" --previous "$REPORTS/latest" --history "$REPORTS"

"$OPTPLAN" "$@" "$PLAN_DIR" >"$REPORTS/.nightly-$today.log" 2>&1
rc=$?
case $rc in
0|2|4)
    # complete reports: publish them by replacing the link in one rename
    ln -sfn "$today" "$REPORTS/.latest.new" && mv -T "$REPORTS/.latest.new" "$REPORTS/latest"
    [ -s "$REPORTS/.nightly-$today.log" ] && cat "$REPORTS/.nightly-$today.log" >&2
    ;;
*)
    echo "nightly.sh: optplan failed (exit $rc); latest still points at the last good run" >&2
    cat "$REPORTS/.nightly-$today.log" >&2
    ;;
esac
exit $rc
