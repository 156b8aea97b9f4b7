/* cli.h - the optplan commands: their options, the plan they read, one function each */
#ifndef OPTPLAN_CLI_H
#define OPTPLAN_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "inputs/inputs.h"
#include "model/model.h"
#include "reports/reports.h"
#include "solver/solver.h"

/* ---- what a command is given and what it ends with ------------------- */

/* The streams main picked: commands write results to out and messages to
   err, and never name the standard streams themselves. */
typedef struct cli_io {
    FILE *out;        /* results: summaries, --list lines */
    FILE *err;        /* messages, solver progress */
    const char *prog; /* the prefix of every message: "optplan" */
    int progress;     /* show solver progress on err (a terminal, and not --quiet) */
} cli_io;

typedef enum cli_verdict {
    CLI_DONE = 0, /* finished: status and solve say how */
    CLI_DEFECTS,  /* check: the plan breaks a rule, misses a gate or leaves items out */
    CLI_LATE,     /* --fail-on-late: the plan was written, a gate is projected late */
    CLI_USAGE     /* a bad command line (already said on err) */
} cli_verdict;

/* How a command ended; main turns it into the exit code (optplan.c). Errors
   are in the op_diag the command was given, which main prints. */
typedef struct cli_outcome {
    op_status status;      /* OP_OK, or the class of the error */
    cli_verdict verdict;
    op_solve_status solve; /* solve, staff: how the search ended; OPTIMAL otherwise */
} cli_outcome;

/* A finished command's outcome with status st (OP_OK: success). */
cli_outcome cli_status(op_status st);
/* Says "PROG: message" and the pointer to --help on err: a usage error. */
cli_outcome cli_usage(const cli_io *io, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Says "PROG: message" on err. */
void cli_say(const cli_io *io, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* ---- options (options.c) ---------------------------------------------- */

#define CLI_MAX_REPEAT 64 /* --max-headcount, --add-staff: times each may be given */
#define CLI_MAX_DELTAS 16 /* sweep --delta: values */

/* ROLE=N (--max-headcount) or ROLE=DELTA[@WEEK] (--add-staff): the form is
   checked when parsed, the role against the team once the plan is read. */
typedef struct cli_role_value {
    const char *spec; /* as given, for messages and sweep's command lines */
    int role_len;     /* the role is spec[0 .. role_len - 1] */
    double value;     /* N, or DELTA */
    int week;         /* WEEK, 1 when not given */
} cli_role_value;

/* Option values as given on the command line, after parsing: read-only for
   the commands. Strings point into argv. */
typedef struct cli_options {
    const char *command; /* "solve", "check", ... */
    const char *self;    /* argv[0]: sweep runs it once per scenario */
    const char *plan_dir; /* NULL when --items and --capacity name the inputs */
    const char *items, *team, *gates, *plan, *baseline; /* NULL: PLAN_DIR's file */
    const char *settings, *holidays; /* NULL: PLAN_DIR's file, when present */
    op_date start;                   /* --start: OP_DATE_NONE when not given */
    const char *start_arg;
    int no_baseline;
    const char *out; /* report directory; the command's default when not given */
    const char *labels; /* compare: comma-separated column labels */
    int quiet, require_all, fail_on_late;
    int explain;                /* --explain on (default): re-solve to explain late gates */
    op_period period;
    op_solver_opts solver; /* the interrupt flag is set by main */
    op_staff_opts staff;   /* its max_headcount stays NULL: see max_headcount */
    cli_role_value max_headcount[CLI_MAX_REPEAT];
    int nmax_headcount;
    cli_role_value add_staff[CLI_MAX_REPEAT];
    int nadd_staff;
    const char *roles; /* sweep: comma-separated roles; NULL for all */
    double deltas[CLI_MAX_DELTAS];
    int ndeltas;
    int from_week, jobs, list, gather;
    int week;                       /* re-planning: the current week, 0 for none */
    const char *status, *previous;
    const char *history[CLI_MAX_REPEAT]; /* --history PATH, each time given */
    int nhistory;
    op_forecast_opts forecast; /* --simulate N (forecast: 10000 by default), --uncertainty,
                                  --seed, --distribution, --start-rule */
    const char *simulate_arg, *uncertainty_arg, *seed_arg, *distribution_arg,
        *start_rule_arg; /* as given, for sweep's scenario command lines */
    int reoptimize; /* --reoptimize N: re-solve N scenarios (0: none) */
    /* values as given, repeated on sweep's scenario command lines */
    const char *objective_arg, *gate_entry_arg, *handoff_arg, *focus_arg, *time_limit_arg, *gap_arg,
        *horizon_arg, *week_arg, *hour_step_arg;
    char **operands; /* compare: report directories; import-psplib: FILE.sm OUTDIR;
                        import-jira: EXPORT.csv OUTDIR; export-jira: REPORT_DIR */
    int noperands;
    /* import-jira: the field mapping (--role-from, --priority-map,
       --depends-link, --default-effort), --unknown-links drop, --jira-gates
       and each --version-date NAME=YYYY-MM-DD (NAME is spec[0 .. name_len - 1]) */
    op_jira_opts jira;
    int drop_unknown_links, jira_gates;
    struct {
        const char *spec;
        size_t name_len;
        op_date day;
    } version_dates[CLI_MAX_REPEAT];
    int nversion_dates;
} cli_options;

/* Option ids of the long options that have no short form. */
enum {
    CLI_OPT_ITEMS = 256, CLI_OPT_CAPACITY, CLI_OPT_GATES, CLI_OPT_PLAN, CLI_OPT_BASELINE,
    CLI_OPT_NO_BASELINE, CLI_OPT_PERIOD, CLI_OPT_HORIZON, CLI_OPT_TIME_LIMIT, CLI_OPT_GAP,
    CLI_OPT_STRICT, CLI_OPT_GATE_ENTRY, CLI_OPT_REQUIRE_ALL, CLI_OPT_OBJECTIVE, CLI_OPT_WRITE_LP,
    CLI_OPT_GREEDY, CLI_OPT_STAFF_MODEL, CLI_OPT_MAX_CHANGES, CLI_OPT_FINISH_BY,
    CLI_OPT_MAX_HEADCOUNT, CLI_OPT_KEEP_TEAM, CLI_OPT_ADD_STAFF, CLI_OPT_ROLES, CLI_OPT_DELTA,
    CLI_OPT_FROM_WEEK, CLI_OPT_LIST, CLI_OPT_GATHER, CLI_OPT_WEEK, CLI_OPT_STATUS,
    CLI_OPT_PREVIOUS, CLI_OPT_STABILITY, CLI_OPT_FAIL_ON_LATE, CLI_OPT_HOUR_STEP,
    CLI_OPT_HANDOFF, CLI_OPT_STRICT_DUE, CLI_OPT_FOCUS, CLI_OPT_MIN_WEEKS, CLI_OPT_EXPLAIN,
    CLI_OPT_HISTORY, CLI_OPT_START, CLI_OPT_SETTINGS, CLI_OPT_HOLIDAYS, CLI_OPT_SIMULATE,
    CLI_OPT_UNCERTAINTY, CLI_OPT_SEED, CLI_OPT_DISTRIBUTION, CLI_OPT_START_RULE,
    CLI_OPT_REOPTIMIZE, CLI_OPT_ROLE_FROM, CLI_OPT_PRIORITY_MAP, CLI_OPT_DEPENDS_LINK,
    CLI_OPT_DEFAULT_EFFORT, CLI_OPT_UNKNOWN_LINKS, CLI_OPT_JIRA_GATES, CLI_OPT_VERSION_DATE
};

/* The command line's vocabulary, defined by main. */
typedef struct cli_table {
    const struct option *longopts;
    const char *shortopts;
    const char *const *commands; /* NULL-terminated; the first is the default */
} cli_table;

typedef enum cli_parse {
    CLI_PARSE_RUN = 0, /* run o->command */
    CLI_PARSE_HELP,    /* --help */
    CLI_PARSE_VERSION, /* --version */
    CLI_PARSE_BAD      /* a usage error, said on err */
} cli_parse;

/* Parses argv into o (every field set, defaults included). */
cli_parse cli_options_parse(int argc, char **argv, const cli_table *t, const cli_io *io,
                            cli_options *o);

/* ---- the plan a command works on (plan.c) ---------------------------- */

/* The input files: those named by options, else PLAN_DIR's. */
typedef struct cli_inputs {
    op_input_paths files;
    const char *status; /* status.csv to read (with --week), NULL for none */
    const char *settings; /* settings.csv to read first, NULL for none */
    char *joined[6];    /* paths made from PLAN_DIR, owned */
} cli_inputs;

/* Fills in with o's input files: gates.csv, holidays.csv, settings.csv and
   (with --week) status.csv of PLAN_DIR only when present. The paths stay valid until cli_inputs_free,
   which must come after the last use of a plan read from them. */
op_status cli_inputs_find(const cli_options *o, cli_inputs *in, op_diag *d);
void cli_inputs_free(cli_inputs *in);

/* Reads the settings (settings.csv, then --start over it) and with them
   the plan, validates it, adds the --add-staff rows and the progress
   of --week/--status. On success *out is a new plan the caller frees with
   op_plan_free; otherwise NULL. An unknown role in --add-staff is a usage
   error. */
cli_outcome cli_plan_load(const cli_io *io, const cli_options *o, const cli_inputs *in,
                          op_plan **out, op_diag *d);

/* Index in p of the role of v, -1 when the team has no such role. */
int cli_find_role(const op_plan *p, const cli_role_value *v);
/* Says on err that option opt names a role the team does not have (in
   spec, a ROLE=... value, or else as role), and which roles it has: a
   usage error. */
cli_outcome cli_unknown_role(const cli_io *io, const op_plan *p, const char *opt,
                             const char *role, const char *spec);

/* ---- shared steps (common.c) ------------------------------------------ */

/* The last component of path (trailing slashes ignored), into buf. */
const char *cli_base_name(const char *path, char *buf, size_t size);
/* The plan's name for report titles: PLAN_DIR's (or the items file's) base name. */
const char *cli_plan_name(const cli_options *o, char *buf, size_t size);
int cli_file_exists(const char *path);
/* Reads a schedule in plan.csv form spanning at least p's own weeks; on
   OP_OK *s is a new schedule the caller frees with op_schedule_free. */
op_status cli_load_schedule(const char *path, const op_plan *p, op_schedule **s, op_diag *d);
/* Writes the reports (and log as solve.log, when not NULL) into a hidden
   sibling of dir and moves them into place all at once. */
op_status cli_publish(const char *dir, const op_plan *p, const op_schedule *s, const op_eval *e,
                      const op_report_info *info, const char *log, op_diag *d);

/* ---- commands: one file each ------------------------------------------ */

/* A command run on the plan main read (NULL for compare, import-psplib,
   import-jira and export-jira, which read no plan). */
typedef cli_outcome (*cli_command)(const cli_io *io, const cli_options *o, const op_plan *p,
                                   op_diag *d);

cli_outcome cli_validate(const cli_io *io, const cli_options *o, const op_plan *p, op_diag *d);
cli_outcome cli_check(const cli_io *io, const cli_options *o, const op_plan *p, op_diag *d);
cli_outcome cli_solve(const cli_io *io, const cli_options *o, const op_plan *p, op_diag *d);
cli_outcome cli_staff(const cli_io *io, const cli_options *o, const op_plan *p, op_diag *d);
/* forecast: solve, then the plan found simulated (--simulate, 10000 by default). */
cli_outcome cli_forecast(const cli_io *io, const cli_options *o, const op_plan *p, op_diag *d);
cli_outcome cli_sweep(const cli_io *io, const cli_options *o, const op_plan *p, op_diag *d);
cli_outcome cli_compare(const cli_io *io, const cli_options *o, const op_plan *p, op_diag *d);
cli_outcome cli_import_psplib(const cli_io *io, const cli_options *o, const op_plan *p,
                              op_diag *d);
/* import-jira EXPORT.csv OUTDIR: items.csv, status.csv (and gates.csv) from
   a Jira export, all or nothing; warnings said on err. */
cli_outcome cli_import_jira(const cli_io *io, const cli_options *o, const op_plan *p,
                            op_diag *d);
/* export-jira REPORT_DIR: the planned dates as Jira's importer reads them, on out. */
cli_outcome cli_export_jira(const cli_io *io, const cli_options *o, const op_plan *p,
                            op_diag *d);

/* One solve and its reports, as solve runs it and staff replays its team. */
typedef struct cli_solve_request {
    const op_plan *plan;
    const char *title;          /* the plan's name: report title, summary line */
    const char *out;            /* report directory */
    const char *baseline;       /* a hand plan shown beside the optimum, NULL for none */
    const char *previous;       /* the last run's report directory, NULL for none */
    const char *const *history; /* --history paths (nhistory of them) */
    int nhistory;
    const op_forecast_opts *forecast; /* scenarios > 0: simulate the plan found */
    int reoptimize;                   /* of them, re-solve this many */
    const op_report_team *team; /* staff: the team found, NULL otherwise */
    op_solver_opts solver;
    int require_all, fail_on_late, quiet;
    int explain; /* re-solve small variants to say what makes each late gate on time */
    double t0;   /* op_now() when the command began (the time printed counts from it);
                    0: when this request arrives */
} cli_solve_request;

/* fixes.c: for each late gate of the plan p evaluated by e (solved with
   o), what a change from a small menu does to it, found by re-solving
   variants within about budget seconds in all: *out is a new array of
   gate count texts (NULL for a gate on time) the caller frees with
   cli_gate_fixes_free. */
op_status cli_gate_fixes(const op_plan *p, const op_solver_opts *o, const op_eval *e,
                         double budget, char ***out, op_diag *d);
void cli_gate_fixes_free(char **texts, int n);
/* Gate weeks (0: never) of plan q solved for stages scheduled and lateness
   by the time until (op_now() seconds, at least 0.2 s): -1 when no plan
   came, 0 when proven optimal, 1 when not proven. */
int cli_solve_gate_weeks(const op_plan *q, const op_solver_opts *base, double until, int *weeks);

/* For each of the n deferred items (item indices deferred[], reasons
   why[], malloc'd strings), what schedules it: one more person of its role
   over the weeks planned (first..last: the solve's horizon), or a quarter
   less effort on it, each a re-solve
   within about budget seconds in all; each found answer replaces why[k] by
   why[k] followed by it. OP_ENOMEM leaves why[] valid. */
op_status cli_deferred_fixes(const op_plan *p, const op_solver_opts *o, int last,
                             const int *deferred, char **why, int n, double budget);

/* history.c: the milestone trend of the runs under each --history path
   (report directories, or directories of them such as a nightly job's;
   out, the directory this run writes, is skipped) and this run (plan p
   evaluated by e, forecast f or NULL). Runs are ordered by the week they
   were made in (their first planning week), the last of each week kept,
   this run last. On OP_OK *t is new; free it with cli_trend_free. */
typedef struct cli_trend cli_trend;
op_status cli_trend_new(const char *const *paths, int npaths, const char *out, const op_plan *p,
                        const op_eval *e, const op_forecast *f, cli_trend **t, op_diag *d);
const op_report_trend *cli_trend_report(const cli_trend *t);
void cli_trend_free(cli_trend *t);

/* reoptimize.c (--reoptimize N): the first n scenarios of a forecast,
   each solved again with its drawn efforts known (stages scheduled and
   lateness, an equal share of budget seconds each), beside the plan s
   followed as the forecast runs it. Per gate: scenarios on time, the sum
   of the weeks late of those passed, and how many passed, for both. On OP_OK *out is new;
   free it with cli_reopt_free. */
typedef struct cli_reopt {
    int n;      /* scenarios re-planned */
    int failed; /* scenarios whose re-solve gave no plan in time (left out) */
    int *policy_on, *reopt_on;
    double *policy_sum, *reopt_sum;
    int *policy_passed, *reopt_passed;
} cli_reopt;
op_status cli_reoptimize(const op_plan *p, const op_schedule *s, const op_solver_opts *so,
                         const op_forecast_opts *fo, int n, double budget, cli_reopt **out);
void cli_reopt_free(cli_reopt *r);

/* Solves rq->plan and writes its reports; says the result on io->out. */
cli_outcome cli_solve_run(const cli_io *io, const cli_solve_request *rq, op_diag *d);

/* The plan p with the team of a staffing result instead of its own: per
   role of p, one row per run of weeks with equal headcount (none for weeks
   without people; a role with none in any week keeps a row of 0 people so
   that its items stay valid). On OP_OK *out is a new validated plan the
   caller frees with op_plan_free. */
op_status cli_staff_replay_plan(const op_plan *p, const op_staff_result *res, op_plan **out,
                                op_diag *d);

#endif
