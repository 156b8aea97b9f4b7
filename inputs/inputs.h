/* inputs.h - reads the plan's CSV files (through libcsv) into the model */
#ifndef OPTPLAN_INPUTS_H
#define OPTPLAN_INPUTS_H

#include "../model/model.h"

/* The input files of one plan. Every path must outlive the plan and the
   diagnostics it is loaded with: locations point at these strings. */
typedef struct op_input_paths {
    const char *items;
    const char *team;
    const char *gates; /* NULL: the plan has no gates */
    const char *holidays; /* NULL: no holidays */
} op_input_paths;

/* Reads settings.csv (key,value rows; keys start, go_should_percent,
   effort_medium_from, effort_high_from, roadmap_starts, roadmap_works,
   roadmap_ends, each at most once) over the values s holds. Unknown keys
   and bad values are FILE:LINE:FIELD errors in d; s keeps the good ones. */
op_status op_inputs_load_settings(const char *path, op_settings *s, op_diag *d);

/* Reads the files into the empty plan p and validates it. The plan's
   period and settings (start date: dates in week-valued cells) must be
   set first. Every problem found
   (up to the diagnostics cap) goes to d; returns OP_OK only for a plan that is
   safe to hand to the solver. p stays owned by the caller in every case. */
op_status op_inputs_load(const op_input_paths *paths, op_plan *p, op_diag *d);

/* Reads a schedule in plan.csv form (id, week, hours) for the validated plan p.
   The schedule spans max(min_weeks, the last week named) weeks. Rows naming an
   item p does not have are errors, or skipped when skip_unknown (a previous
   plan may hold items since removed). On OP_OK *out is a new schedule the
   caller frees with op_schedule_free; otherwise NULL. */
op_status op_inputs_load_schedule(const char *path, const op_plan *p, int min_weeks,
                                  int skip_unknown, op_schedule **out, op_diag *d);

/* Reads status.csv (id, state todo/doing/done, remaining_hours, spent_hours)
   into the validated plan p, whose first planning week must be set: done items
   count as done in the history weeks, doing items keep their remaining hours.
   Items the file does not name stay todo. */
op_status op_inputs_load_status(const char *path, op_plan *p, op_diag *d);

/* Reads back a report directory written by optplan solve or check (its
   summary.csv, gates.csv, schedule.csv and, when present, load.csv) as a run labelled label. On OP_OK
   *out is a new run the caller frees with op_run_free; otherwise NULL. A
   directory optplan did not write is a clear OP_EDATA error. */
op_status op_inputs_load_run(const char *dir, const char *label, op_run **out, op_diag *d);

/* The report directories a --history PATH names: PATH itself when optplan
   wrote it, otherwise its subdirectories that hold a run's reports (the
   marker, summary.csv and gates.csv: a compare or sweep output is not a
   run; symbolic links such as a nightly "latest" skipped), sorted by name. On OP_OK *dirs is a new
   array of *n paths the caller frees with op_inputs_run_dirs_free; a path
   that is neither, or holds none, is an OP_ENOINPUT or OP_EDATA error. */
op_status op_inputs_run_dirs(const char *path, char ***dirs, int *n, op_diag *d);
void op_inputs_run_dirs_free(char **dirs, int n);

/* Reads a single-mode RCPSP instance in PSPLIB .sm form into the empty plan
   p: one role per renewable resource at its capacity (40 h per unit), one
   fixed-duration item per job with a duration (its crew = its requests),
   dependencies from the precedence relations through the zero-duration
   dummies; no gates. Problems go to d with FILE:LINE. */
op_status op_inputs_load_psplib(const char *path, op_plan *p, op_diag *d);

/* How import-jira maps Jira's fields (op_jira_opts_init: the defaults). */
typedef enum {
    OP_JIRA_ROLE_COMPONENT = 0, /* the first Component/s (default) */
    OP_JIRA_ROLE_LABEL,         /* the first label starting with role_arg, less it */
    OP_JIRA_ROLE_FIELD          /* the first non-empty column named role_arg */
} op_jira_role;

#define OP_JIRA_MAX_PRIORITIES 32
typedef struct op_jira_opts {
    op_jira_role role_from;
    const char *role_arg;       /* the label prefix or the column name */
    const char *depends_column; /* its keys are what an issue depends on: "Inward
                                   issue link (Blocks)" (the issue is blocked by them) */
    double default_effort;      /* hours for an issue with no estimate; 0: an error */
    struct {
        const char *name; /* name[0 .. len - 1] is a Priority value */
        size_t len;
        int priority;     /* 0..3 */
    } priorities[OP_JIRA_MAX_PRIORITIES]; /* before the default names */
    int npriorities;
} op_jira_opts;
void op_jira_opts_init(op_jira_opts *o);

/* Reads Jira's "Export CSV (all fields)" file (a BOM, repeated columns,
   estimates in seconds, quoted multi-line cells) into the empty tracker t:
   one issue a row, with its key, summary, issue type, state (from Status
   Category, or Status), priority, effort in hours (Original Estimate; else
   Time Spent + Remaining Estimate; else o->default_effort), hours left and
   logged, due date (not for done issues), role, the keys of every
   o->depends_column cell and its fix versions. Problems go to d as
   FILE:LINE:FIELD; OP_OK only when every row was read. Links are not checked
   here (op_tracker_check). */
op_status op_inputs_load_jira(const char *path, const op_jira_opts *o, op_tracker *t,
                              op_diag *d);
/* A date as Jira exports it: dd/MMM/yy h:mm a ("14/Jan/27 5:00 PM", the
   time optional and ignored, English month names, yy = 20yy, or yyyy) or
   ISO YYYY-MM-DD (a time after it ignored). 0 with *out set, or -1. */
int op_inputs_jira_date(const char *s, op_date *out);
/* Reads the scheduled items of a report directory's schedule.csv (written
   with a start date) into the empty tracker t: key = id, title, start =
   start_date, due = end_date; items not scheduled, and items done before
   the planning weeks (0 hours planned), are left out. */
op_status op_inputs_load_plan_dates(const char *dir, op_tracker *t, op_diag *d);

#endif
