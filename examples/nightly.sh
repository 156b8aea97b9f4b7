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
#
# From the tracker (optional first step): with JIRA_EXPORT=/path/export.csv
# (Jira's "Export CSV (all fields)", saved there by whatever fetches it) the
# run first imports it into PLAN_DIR/jira/ with optplan import-jira
# $JIRA_OPTIONS (e.g. "--role-from label:role: --jira-gates --version-date
# 1.0=2027-02-26"); with GH_REPO=owner/name it lists the repository's issues
# with gh (GH_LIMIT, default 1000) and turns them into PLAN_DIR/github/ with
# the jq filters of GH_FILTERS (default: the github directory beside this
# script). The plan then takes its items.csv, status.csv and (when the
# tracker has milestones or fix versions) gates.csv from there, team.csv and
# settings.csv from PLAN_DIR. A failed refresh stops the run (exit 65, or
# gh's or jq's status) before anything is planned: no plan from stale data.
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

# refresh_github DIR: the issues of $GH_REPO as optplan inputs in DIR, all or nothing
refresh_github() {
    filters=${GH_FILTERS:-$(dirname "$0")/github}
    new="$1.new"
    rm -rf "$new" && mkdir -p "$new" || return 1
    if gh issue list --repo "$GH_REPO" --state all --limit "${GH_LIMIT:-1000}" \
        --json number,title,labels,milestone,state,body >"$new/issues.json" &&
        jq -r -f "$filters/items.jq" "$new/issues.json" >"$new/items.csv" &&
        jq -r -f "$filters/status.jq" "$new/issues.json" >"$new/status.csv" &&
        jq -r -f "$filters/gates.jq" "$new/issues.json" >"$new/gates.csv"; then
        # only the header: no milestones, PLAN_DIR's gates.csv (if any) stays
        [ "$(wc -l <"$new/gates.csv")" -gt 1 ] || rm -f "$new/gates.csv"
        rm -rf "$1.old"
        { [ ! -d "$1" ] || mv "$1" "$1.old"; } && mv "$new" "$1" && rm -rf "$1.old"
    else
        rc=$?
        rm -rf "$new"
        return $rc
    fi
}

tracker=
if [ -n "${JIRA_EXPORT:-}" ]; then
    tracker="$PLAN_DIR/jira"
    # shellcheck disable=SC2086 # JIRA_OPTIONS is a list of options
    "$OPTPLAN" import-jira -q ${JIRA_OPTIONS:-} "$JIRA_EXPORT" "$tracker" >&2
elif [ -n "${GH_REPO:-}" ]; then
    tracker="$PLAN_DIR/github"
    refresh_github "$tracker"
fi
rc=$?
if [ "$rc" -ne 0 ]; then
    echo "nightly.sh: refreshing from the tracker failed (exit $rc); nothing planned" >&2
    exit $rc
fi

out="$REPORTS/$today"
set -- --week "$week" --fail-on-late -q -o "$out"
if [ -n "$tracker" ]; then
    set -- "$@" --items "$tracker/items.csv" --status "$tracker/status.csv"
    [ -f "$tracker/gates.csv" ] && set -- "$@" --gates "$tracker/gates.csv"
elif [ -f "$PLAN_DIR/status.csv" ]; then
    set -- "$@" --status "$PLAN_DIR/status.csv"
fi
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
