/* reports.h - writes what optplan found: CSV files, report.md, gantt.svg, summaries */
#ifndef OPTPLAN_REPORTS_H
#define OPTPLAN_REPORTS_H

#include <stdio.h>

#include "../model/model.h"

/* Prints the validate summary of a validated plan to out. */
void op_report_summary(FILE *out, const op_plan *p);

/* One stage of a lexicographic solve, as the report states it. */
typedef struct op_report_stage {
    const char *name;   /* "scheduled", "lateness", "finish", "priority", ... */
    const char *status; /* "optimal", "feasible", "skipped", ... */
    double objective, bound, gap;
} op_report_stage;

/* A team found by the staffing model, shown beside the current one. */
typedef struct op_report_team {
    int horizon;
    const double *headcount;        /* [role * horizon + week - 1] */
    const double *hours_per_person; /* per role */
    const op_plan *current;         /* the plan with the current team */
    const char *status;             /* "proven cheapest", ... */
    double cost;
    int constant;                   /* the constant model: paid for every week */
    int current_met, gates;         /* gates the current team meets when planned (of gates);
                                       current_met < 0: not known */
    double current_cost;            /* the current team over weeks 1..horizon */
} op_report_team;

/* Writes a team in team.csv form (role,headcount,hours_per_week,from_week,
   to_week,cost_per_hour), one row per role and run of equal weeks. */
int op_report_team_csv(FILE *f, const op_plan *p, const op_report_team *t);

/* The milestone trend of earlier runs and this one, oldest first (the
   last entry is this run): each run's label, the week it was made in (its
   first planning week), and per gate of this plan the week it projected
   the gate to pass, passed[k * gates + g]: > 0 a week, 0 never, -1 the run
   did not have that gate; p80[k * gates + g] the same for its forecast's
   P80 (-1: the run had no forecast, 0: not within the team's weeks). */
typedef struct op_report_trend {
    int nruns;
    const char *const *labels;
    const int *week;
    const int *passed;
    const int *p80;
} op_report_trend;

/* A forecast (--simulate, forecast) and how it was drawn, in words:
   "efforts drawn from PERT ranges (items without one: +-30 %), seed 1, the
   plan followed as a policy". */
typedef struct op_report_forecast {
    const op_forecast *forecast;
    const char *how;
    /* --reoptimize: reopt_n scenarios also solved again with their efforts
       known (reopt_failed more gave no plan in time); per gate, scenarios
       on time, passed, and the sum of their weeks late, the plan followed
       (policy_) and re-planned (reopt_) */
    int reopt_n, reopt_failed;
    const int *policy_on, *reopt_on, *policy_passed, *reopt_passed;
    const double *policy_sum, *reopt_sum;
} op_report_forecast;

/* Everything a report says besides the schedule itself. */
typedef struct op_report_info {
    const char *command;     /* "solve" or "check" */
    const char *plan_name;   /* shown in the title */
    const char *status;      /* "optimal", "feasible (gap 2.1%)", "hand plan", ... */
    int proven;              /* 1 when the schedule is proven optimal */
    int horizon;
    int gate_entry_phase;
    const op_report_stage *stages;
    int nstages;
    const int *deferred;     /* items left out by the solver, with reasons */
    const char *const *deferred_why;
    int ndeferred;
    /* A hand plan to show beside this one (NULL for none). */
    const op_schedule *baseline;
    const op_eval *baseline_eval;
    /* staff: the team found (NULL for none); adds staff.csv and "Team needed". */
    const op_report_team *team;
    /* per gate, what re-solving found would make it on time (cli's
       cli_gate_fixes); NULL, or NULL for a gate: the plain-words cause */
    const char *const *gate_fixes;
    /* re-planning: the previous run read back (NULL for none); adds
       changes.csv and "What changed since the previous plan"; its
       allocation as a schedule of this plan's items (NULL for none), for
       the hours it had left for each item. */
    const op_run *previous;
    const op_schedule *previous_schedule;
    /* --history: the milestone trend (NULL for none); adds trend.csv,
       trend.svg and "Milestone trend" */
    const op_report_trend *trend;
    /* --simulate: the forecast (NULL for none); adds forecast.csv,
       forecast.svg and "Forecast" */
    const op_report_forecast *forecast;
} op_report_info;

/* Writes the report files into dir, which must exist and be empty: schedule.csv,
   allocation.csv, load.csv, gates.csv, report.md, gantt.svg, load.svg, and for a check
   violations.csv. Returns OP_OK or an error reported through d. */
op_status op_reports_write(const char *dir, const op_plan *p, const op_schedule *s,
                           const op_eval *e, const op_report_info *info, op_diag *d);

/* Output directory replaced all or nothing: op_outdir_begin creates a hidden
   sibling temporary directory and returns its path (caller frees); commit
   moves it into place atomically, abort removes it. */
char *op_outdir_begin(const char *dir, op_diag *d);
op_status op_outdir_commit(const char *tmp, const char *dir, op_diag *d);
void op_outdir_abort(const char *tmp);
/* Ends what op_outdir_begin started: commits tmp into dir when st (the
   writers' status) is OP_OK, else removes it; frees tmp (consumed). Returns
   st, or the commit's failure. */
op_status op_outdir_end(char *tmp, const char *dir, op_status st, op_diag *d);

/* Writes comparison.md and comparison.csv for runs[0..n-1] into dir (which
   must exist): gate weeks, metrics, and how far each item moved against the
   first run. Returns OP_OK or an error reported through d. */
op_status op_report_compare(const char *dir, op_run *const *runs, int n, op_diag *d);

/* One what-if scenario of a sweep: runs[k] is its report read back. */
typedef struct op_report_scenario {
    const char *name;  /* "base", "Backend+1", ... */
    const char *role;  /* NULL for the base */
    double delta;      /* people added (negative: removed) */
    int from_week;
} op_report_scenario;

/* Whether run prev (a --previous directory read back) was made from a
   different plan than p, so that comparing them would mislead: more than
   half of its items are not in p, or it has fewer than half of p's items,
   or (when it holds load.csv) more than half of its roles are not in p's
   team, or it has fewer than half of p's roles. Items or roles added or
   removed between two nights below those shares are changes, not another
   plan. When it differs, says how into buf ("3 of its items are not in
   this one") and returns 1; 0 when not; -1 on ENOMEM. */
int op_report_run_differs(const op_plan *p, const op_run *prev, char *buf, size_t n);

/* Writes sweep.csv and sweep.md into dir from runs[0..n-1] (runs[0] = the
   base) of plan p (its items' decisions say which are must-haves): gate
   weeks, lateness, last week, team cost, items scheduled and deferred,
   must-haves deferred and first Go week of each scenario, ranked by
   rpt_sweep_rank_cmp (reports/internal.h). */
op_status op_report_sweep(const char *dir, const op_plan *p, op_run *const *runs,
                          const op_report_scenario *sc, int n, op_diag *d);

/* Writes the plan's inputs (items.csv, team.csv) into dir, which must exist:
   what import-psplib produces. */
op_status op_report_plan_files(const char *dir, const op_plan *p, op_diag *d);

/* The cause of a late gate in plain words, into buf. */
void op_report_gate_cause(const op_plan *p, const op_eval *e, int g, char *buf, size_t n);
/* Why item i ends after its due week (op_item_eval.late > 0), in plain
   words into buf: a dependency done in or after its due week, else its
   role's hours from its first possible week to the due week, against its
   effort or with the hours booked in them (facts, not a proof). */
void op_report_item_late_cause(const op_plan *p, const op_eval *e, int i, char *buf, size_t n);

/* Writes a tracker's issues (checked: op_tracker_check) into dir, which
   must exist, as optplan inputs: items.csv (id,title,category,priority,
   effort_hours,role,depends_on,due_week), status.csv (id,state,
   remaining_hours,spent_hours) and, when gates, gates.csv (gate,name,
   deadline_week,items: one gate per fix version, by release date, with
   its issues as exit items). Dates are YYYY-MM-DD: what import-jira makes. */
op_status op_report_tracker_files(const char *dir, const op_tracker *t, int gates, op_diag *d);
/* Writes the issues' planned dates (start, due) for Jira's CSV importer to
   update them by key: "Issue key,Start date,Due date", dates in Jira's
   default import format dd/MMM/yy h:mm a at midnight ("04/Jan/27 12:00 AM").
   0, or -1 under the writers' failure contract (reports/internal.h). */
int op_report_jira_update(FILE *f, const op_tracker *t);

#endif
