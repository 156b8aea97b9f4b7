/* optplan.c - command line: parse options, wire the modules, pick exit codes */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ctype.h>
#include <math.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "inputs/inputs.h"
#include "model/model.h"
#include "reports/reports.h"
#include "solver/solver.h"

/* Exit codes (documented in README and optplan.1). */
enum {
    EXIT_OPTIMAL = 0,    /* success; solve: proven optimal; check: plan sound */
    EXIT_DEFECTS = 1,    /* check: the plan breaks a rule, misses a gate or leaves items out */
    EXIT_NOT_PROVEN = 2, /* solve: a plan was written, optimality not proven */
    EXIT_INFEASIBLE = 3, /* solve: no plan meets the hard constraints */
    EXIT_LATE = 4,       /* --fail-on-late: the plan was written, a gate is projected late */
    EXIT_NO_PLAN = 5,    /* no plan found within the time limit (not proven infeasible) */
    EXIT_USAGE = 64,     /* bad command line */
    EXIT_DATAERR = 65,   /* bad input data */
    EXIT_NOINPUT = 66,   /* an input file cannot be opened */
    EXIT_SOFTWARE = 70,  /* internal error: a self-check failed */
    EXIT_OSERR = 71,     /* out of memory */
    EXIT_CANTCREAT = 73, /* the output directory cannot be written */
    EXIT_IOERR = 74,     /* a read or write failed */
    EXIT_INTERRUPTED = 130 /* SIGINT/SIGTERM: the best plan so far was written, marked not proven */
};

typedef struct options {
    const char *command;
    const char *plan_dir;
    const char *items, *team, *gates, *plan, *baseline;
    const char *out;
    int quiet, verbose, require_all, no_baseline;
    const char *labels;    /* compare: comma-separated labels */
    op_staff_opts staff;
    char *max_headcount[64]; /* staff: ROLE=N caps as given */
    int nmax_headcount;
    const op_report_team *team_found; /* staff: the team found, for the report */
    char *add_staff[64];   /* ROLE=DELTA[@WEEK] what-if adjustments */
    int nadd_staff;
    const char *roles, *deltas; /* sweep */
    int from_week, jobs, list, gather;
    const char *objective_arg, *gate_entry_arg, *time_limit_arg, *gap_arg, *horizon_arg;
    const char *status, *previous; /* re-planning */
    int week, fail_on_late;
    const char *week_arg;
    op_period period;      /* --period: what a plan's periods count */
    char **dirs;           /* compare: the report directories */
    int ndirs;
    op_solver_opts solver;
} options;

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

static const char *progname = "optplan";

static void usage(FILE *f)
{
    fprintf(f,
            "Usage: %s [COMMAND] [OPTIONS] PLAN_DIR\n"
            "Plans work items onto a team's weekly capacity so that milestone gates are met.\n"
            "\n"
            "Commands:\n"
            "  solve            (default) optimal plan, reports in --out DIR\n"
            "  check            evaluate a given plan (--plan, default PLAN_DIR/baseline.csv)\n"
            "  validate         read and check the inputs, print a summary\n"
            "  staff            the cheapest team that meets every gate (staff.csv)\n"
            "  sweep            re-solve with one person more/fewer per role (sweep.csv)\n"
            "  import-psplib FILE.sm OUTDIR  a PSPLIB RCPSP instance as optplan inputs\n"
            "  compare DIR...   put two or more report directories side by side\n"
            "                   (comparison.md, comparison.csv in --out, default\n"
            "                   comparison; --label A,B,... names the columns)\n"
            "\n"
            "Input options (each replaces one file of PLAN_DIR):\n"
            "      --items FILE     work items (default PLAN_DIR/items.csv)\n"
            "      --capacity FILE  the team (default PLAN_DIR/team.csv)\n"
            "      --gates FILE     milestone gates (default PLAN_DIR/gates.csv)\n"
            "      --plan FILE      the schedule to check (plan.csv form)\n"
            "      --baseline FILE  hand plan shown beside the optimum (default\n"
            "                       PLAN_DIR/baseline.csv when present)\n"
            "      --no-baseline    show no hand plan beside the optimum\n"
            "\n"
            "Solver options:\n"
            "      --period week|day  plan in weeks (default) or in days: 5 a week, each\n"
            "                       a fifth of hours_per_week; inputs still count weeks\n"
            "      --horizon N      plan weeks 1..N (default: from a greedy schedule)\n"
            "      --time-limit SEC bound on the whole solve (default 60)\n"
            "      --gap G          accept a relative gap G per stage (default 0)\n"
            "      --strict-gates   gate deadlines are hard\n"
            "      --gate-entry MODE  order (default): gates pass in order;\n"
            "                       phase: exit items start after the required gates\n"
            "      --require-all    fail when an item cannot be scheduled\n"
            "      --objective LIST stages in order, from scheduled,lateness,finish,priority\n"
            "      --write-lp FILE  write each stage's model (CPLEX LP; FILE.1, FILE.2, ...)\n"
            "      --greedy         skip the ILP: report the greedy schedule\n"
            "\n"
            "Staffing options (staff):\n"
            "      --staff-model M  constant (default): one headcount per role;\n"
            "                       phased: headcount may change week to week\n"
            "      --max-changes K  phased: at most K changes per role (default 2)\n"
            "      --finish-by N    every item done by week N (default: last deadline)\n"
            "      --max-headcount ROLE=N  cap a role (repeatable)\n"
            "      --keep-team      the current team is a floor\n"
            "\n"
            "What-if options:\n"
            "      --add-staff ROLE=DELTA[@WEEK]  add (or remove) people from WEEK on\n"
            "      --roles LIST     sweep: roles to vary (default all)\n"
            "      --delta LIST     sweep: people added per scenario (default +1,-1)\n"
            "      --from-week N    sweep: changes start in week N (default 1)\n"
            "  -j, --jobs N         sweep: run N scenarios at a time\n"
            "      --list           sweep: print one command line per scenario\n"
            "      --gather         sweep: tabulate scenario directories already run\n"
            "\n"
            "Re-planning options (nightly runs):\n"
            "      --week N         the current week: earlier weeks are history\n"
            "      --status FILE    progress (default PLAN_DIR/status.csv with --week)\n"
            "      --previous DIR   the last run's reports: stay close to that plan and\n"
            "                       report what changed (changes.csv)\n"
            "      --stability on|off  prefer the plan closest to --previous (default on)\n"
            "      --fail-on-late   exit 4 when a gate is projected late\n"
            "\n"
            "Other options:\n"
            "  -o, --out DIR        report directory (default out)\n"
            "  -q, --quiet          print nothing on success\n"
            "  -v, --verbose        show solver output\n"
            "  -h, --help           show this help and exit\n"
            "  -V, --version        show the version and exit\n"
            "\n"
            "Exit status: 0 success, 1 plan defects found (check), 2 not proven optimal,\n"
            "3 infeasible, 4 a gate projected late (--fail-on-late), 5 no plan found in time,\n"
            "64 usage, 65 data error, 66 missing input, 70 internal error,\n"
            "71 out of memory, 73 cannot create output, 74 I/O error, 130 interrupted.\n",
            progname);
}

static int exit_for(op_status st)
{
    switch (st) {
    case OP_OK: return EXIT_OPTIMAL;
    case OP_EDATA: return EXIT_DATAERR;
    case OP_ENOINPUT: return EXIT_NOINPUT;
    case OP_EOUTPUT: return EXIT_CANTCREAT;
    case OP_EIO: return EXIT_IOERR;
    case OP_ENOMEM: return EXIT_OSERR;
    case OP_EINTERNAL: return EXIT_SOFTWARE;
    }
    return EXIT_SOFTWARE;
}

/* Prints every kept diagnostic, GNU style, and a count of the rest. */
static void print_diag(const op_diag *d)
{
    for (int i = 0; i < op_diag_kept(d); i++)
        fprintf(stderr, "%s: %s\n", progname, op_diag_message(d, i));
    if (op_diag_count(d) > op_diag_kept(d))
        fprintf(stderr, "%s: %d more errors not shown\n", progname,
                op_diag_count(d) - op_diag_kept(d));
}

/* Joins dir and name into a new string the caller frees. */
static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s/%s", dir, name);
    return s;
}

enum { OPT_ITEMS = 256, OPT_CAPACITY, OPT_GATES, OPT_PLAN, OPT_BASELINE, OPT_HORIZON,
       OPT_TIME_LIMIT, OPT_GAP, OPT_STRICT, OPT_GATE_ENTRY, OPT_REQUIRE_ALL, OPT_OBJECTIVE,
       OPT_WRITE_LP, OPT_GREEDY, OPT_STAFF_MODEL, OPT_MAX_CHANGES, OPT_FINISH_BY,
       OPT_MAX_HEADCOUNT, OPT_KEEP_TEAM, OPT_ADD_STAFF, OPT_ROLES, OPT_DELTA, OPT_FROM_WEEK,
       OPT_LIST, OPT_GATHER, OPT_NO_BASELINE, OPT_STATUS, OPT_WEEK, OPT_PERIOD, OPT_PREVIOUS,
       OPT_STABILITY, OPT_FAIL_ON_LATE };

static int bad_value(const char *opt, const char *val, const char *what)
{
    fprintf(stderr, "%s: --%s: %s, got '%s'\n", progname, opt, what, val);
    fprintf(stderr, "Try '%s --help' for more information.\n", progname);
    return -1;
}

static int parse_number(const char *opt, const char *val, double min, double max, double *out);

/* A whole-number option value from min to max. */
static int parse_whole(const char *opt, const char *val, int min, int max, int *out)
{
    double v;
    if (parse_number(opt, val, min, max, &v))
        return -1;
    if (v != floor(v))
        return bad_value(opt, val, "expected a whole number");
    *out = (int)v;
    return 0;
}

static int parse_number(const char *opt, const char *val, double min, double max, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(val, &end);
    if (end == val || *end || errno || !isfinite(v) || v < min || v > max) {
        char what[96];
        snprintf(what, sizeof what, "expected a number from %g to %g", min, max);
        return bad_value(opt, val, what);
    }
    *out = v;
    return 0;
}

static int parse_options(int argc, char **argv, options *o)
{
    static const struct option longopts[] = {
        {"items", required_argument, NULL, OPT_ITEMS},
        {"capacity", required_argument, NULL, OPT_CAPACITY},
        {"gates", required_argument, NULL, OPT_GATES},
        {"plan", required_argument, NULL, OPT_PLAN},
        {"baseline", required_argument, NULL, OPT_BASELINE},
        {"horizon", required_argument, NULL, OPT_HORIZON},
        {"time-limit", required_argument, NULL, OPT_TIME_LIMIT},
        {"gap", required_argument, NULL, OPT_GAP},
        {"strict-gates", no_argument, NULL, OPT_STRICT},
        {"gate-entry", required_argument, NULL, OPT_GATE_ENTRY},
        {"require-all", no_argument, NULL, OPT_REQUIRE_ALL},
        {"objective", required_argument, NULL, OPT_OBJECTIVE},
        {"write-lp", required_argument, NULL, OPT_WRITE_LP},
        {"greedy", no_argument, NULL, OPT_GREEDY},
        {"out", required_argument, NULL, 'o'},
        {"label", required_argument, NULL, 'l'},
        {"staff-model", required_argument, NULL, OPT_STAFF_MODEL},
        {"max-changes", required_argument, NULL, OPT_MAX_CHANGES},
        {"finish-by", required_argument, NULL, OPT_FINISH_BY},
        {"max-headcount", required_argument, NULL, OPT_MAX_HEADCOUNT},
        {"keep-team", no_argument, NULL, OPT_KEEP_TEAM},
        {"add-staff", required_argument, NULL, OPT_ADD_STAFF},
        {"roles", required_argument, NULL, OPT_ROLES},
        {"delta", required_argument, NULL, OPT_DELTA},
        {"from-week", required_argument, NULL, OPT_FROM_WEEK},
        {"jobs", required_argument, NULL, 'j'},
        {"list", no_argument, NULL, OPT_LIST},
        {"gather", no_argument, NULL, OPT_GATHER},
        {"no-baseline", no_argument, NULL, OPT_NO_BASELINE},
        {"status", required_argument, NULL, OPT_STATUS},
        {"week", required_argument, NULL, OPT_WEEK},
        {"period", required_argument, NULL, OPT_PERIOD},
        {"previous", required_argument, NULL, OPT_PREVIOUS},
        {"stability", required_argument, NULL, OPT_STABILITY},
        {"fail-on-late", no_argument, NULL, OPT_FAIL_ON_LATE},
        {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "o:j:qvhV", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_ITEMS: o->items = optarg; break;
        case OPT_CAPACITY: o->team = optarg; break;
        case OPT_GATES: o->gates = optarg; break;
        case OPT_PLAN: o->plan = optarg; break;
        case OPT_BASELINE: o->baseline = optarg; break;
        case 'o': o->out = optarg; break;
        case 'l': o->labels = optarg; break;
        case OPT_HORIZON:
            o->horizon_arg = optarg;
            if (parse_whole("horizon", optarg, 1, OP_MAX_WEEK, &o->solver.horizon))
                return -1;
            break;
        case OPT_TIME_LIMIT:
            o->time_limit_arg = optarg;
            if (parse_number("time-limit", optarg, 0, 1e6, &o->solver.time_limit))
                return -1;
            break;
        case OPT_GAP:
            o->gap_arg = optarg;
            if (parse_number("gap", optarg, 0, 1, &o->solver.gap))
                return -1;
            break;
        case OPT_STRICT: o->solver.strict_gates = 1; break;
        case OPT_GATE_ENTRY:
            o->gate_entry_arg = optarg;
            if (strcmp(optarg, "phase") == 0)
                o->solver.gate_entry_phase = 1;
            else if (strcmp(optarg, "order") == 0)
                o->solver.gate_entry_phase = 0;
            else
                return bad_value("gate-entry", optarg, "expected 'order' or 'phase'");
            break;
        case OPT_REQUIRE_ALL: o->require_all = 1; break;
        case OPT_OBJECTIVE:
            o->objective_arg = optarg;
            if (op_solver_parse_stages(&o->solver, optarg))
                return bad_value("objective", optarg,
                                 "expected a list of distinct stages from "
                                 "scheduled,lateness,finish,priority");
            break;
        case OPT_WRITE_LP: o->solver.write_lp = optarg; break;
        case OPT_GREEDY: o->solver.greedy_only = 1; break;
        case OPT_STAFF_MODEL:
            if (strcmp(optarg, "constant") == 0)
                o->staff.phased = 0;
            else if (strcmp(optarg, "phased") == 0)
                o->staff.phased = 1;
            else
                return bad_value("staff-model", optarg, "expected 'constant' or 'phased'");
            break;
        case OPT_MAX_CHANGES:
            if (parse_whole("max-changes", optarg, 0, OP_MAX_WEEK, &o->staff.max_changes))
                return -1;
            break;
        case OPT_FINISH_BY:
            if (parse_whole("finish-by", optarg, 1, OP_MAX_WEEK, &o->staff.finish_by))
                return -1;
            break;
        case OPT_MAX_HEADCOUNT:
            if (!strchr(optarg, '=') || o->nmax_headcount == 64)
                return bad_value("max-headcount", optarg, "expected ROLE=N");
            o->max_headcount[o->nmax_headcount++] = optarg;
            break;
        case OPT_KEEP_TEAM: o->staff.keep_team = 1; break;
        case OPT_ADD_STAFF:
            if (!strchr(optarg, '=') || o->nadd_staff == 64)
                return bad_value("add-staff", optarg, "expected ROLE=DELTA[@WEEK]");
            o->add_staff[o->nadd_staff++] = optarg;
            break;
        case OPT_ROLES: o->roles = optarg; break;
        case OPT_DELTA: o->deltas = optarg; break;
        case OPT_FROM_WEEK:
            if (parse_whole("from-week", optarg, 1, OP_MAX_WEEK, &o->from_week))
                return -1;
            break;
        case 'j':
            if (parse_whole("jobs", optarg, 1, 256, &o->jobs))
                return -1;
            break;
        case OPT_LIST: o->list = 1; break;
        case OPT_GATHER: o->gather = 1; break;
        case OPT_NO_BASELINE: o->no_baseline = 1; break;
        case OPT_STATUS: o->status = optarg; break;
        case OPT_PREVIOUS: o->previous = optarg; break;
        case OPT_FAIL_ON_LATE: o->fail_on_late = 1; break;
        case OPT_WEEK:
            o->week_arg = optarg;
            if (parse_whole("week", optarg, 1, OP_MAX_WEEK, &o->week))
                return -1;
            break;
        case OPT_PERIOD:
            if (strcmp(optarg, "week") == 0)
                o->period = OP_PERIOD_WEEK;
            else if (strcmp(optarg, "day") == 0)
                o->period = OP_PERIOD_DAY;
            else
                return bad_value("period", optarg, "expected 'week' or 'day'");
            break;
        case OPT_STABILITY:
            if (strcmp(optarg, "on") == 0)
                o->solver.stability = 1;
            else if (strcmp(optarg, "off") == 0)
                o->solver.stability = 0;
            else
                return bad_value("stability", optarg, "expected 'on' or 'off'");
            break;
        case 'q': o->quiet = 1; break;
        case 'v': o->verbose = 1; break;
        case 'h':
            usage(stdout);
            exit(fflush(stdout) || ferror(stdout) ? EXIT_IOERR : 0);
        case 'V':
            printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
            exit(fflush(stdout) || ferror(stdout) ? EXIT_IOERR : 0);
        default:
            fprintf(stderr, "Try '%s --help' for more information.\n", progname);
            return -1;
        }
    }
    int nargs = argc - optind;
    static const char *const commands[] = {"validate", "solve", "check", "compare", "staff", "sweep",
                                           "import-psplib", NULL};
    if (nargs >= 1) {
        for (int k = 0; commands[k]; k++)
            if (strcmp(argv[optind], commands[k]) == 0) {
                o->command = commands[k];
                optind++;
                nargs--;
                break;
            }
    }
    if (!o->command)
        o->command = "solve";
    if (strcmp(o->command, "import-psplib") == 0) {
        if (nargs != 2) {
            fprintf(stderr, "%s: import-psplib needs FILE.sm and OUTDIR\n", progname);
            fprintf(stderr, "Try '%s --help' for more information.\n", progname);
            return -1;
        }
        o->dirs = argv + optind;
        o->ndirs = nargs;
        return 0;
    }
    if (strcmp(o->command, "compare") == 0) {
        if (!o->out)
            o->out = "comparison";
        if (nargs < 2) {
            fprintf(stderr, "%s: compare needs two or more report directories\n", progname);
            fprintf(stderr, "Try '%s --help' for more information.\n", progname);
            return -1;
        }
        o->dirs = argv + optind;
        o->ndirs = nargs;
        return 0;
    }
    if (!o->out)
        o->out = "out";
    if (nargs > 1) {
        fprintf(stderr, "%s: too many arguments: '%s'\n", progname, argv[optind + 1]);
        fprintf(stderr, "Try '%s --help' for more information.\n", progname);
        return -1;
    }
    o->plan_dir = nargs == 1 ? argv[optind] : NULL;
    if (!o->plan_dir && (!o->items || !o->team)) {
        fprintf(stderr, "%s: missing PLAN_DIR\n", progname);
        fprintf(stderr, "Try '%s --help' for more information.\n", progname);
        return -1;
    }
    if (o->period == OP_PERIOD_DAY) {
        /* week-valued options name weeks; a day plan holds 104 of them */
        int maxw = OP_MAX_WEEK / OP_DAYS_PER_WEEK;
        if (strcmp(o->command, "staff") == 0 || strcmp(o->command, "sweep") == 0) {
            fprintf(stderr, "%s: --period day: %s plans whole weeks only\n", progname, o->command);
            return -1;
        }
        if (o->solver.horizon > maxw || o->week > maxw) {
            fprintf(stderr, "%s: --period day: --%s is at most %d weeks\n", progname,
                    o->week > maxw ? "week" : "horizon", maxw);
            return -1;
        }
        o->solver.horizon = op_period_of_week(OP_PERIOD_DAY, o->solver.horizon, 0);
    }
    return 0;
}

static double wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int file_exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

/* The last component of path (trailing slashes ignored), into buf. */
static const char *base_name(const char *path, char *buf, size_t size)
{
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    size_t k = n;
    while (k > 0 && path[k - 1] != '/')
        k--;
    snprintf(buf, size, "%.*s", (int)(n - k), path + k);
    return buf;
}

/* Base name of the plan directory, for report titles. */
static const char *plan_name(const options *o)
{
    static char buf[256];
    return base_name(o->plan_dir ? o->plan_dir : o->items, buf, sizeof buf);
}

/* Writes the reports to a hidden sibling of o->out and moves them into place. */
static op_status publish(const options *o, const op_plan *p, const op_schedule *s, const op_eval *e,
                         const op_report_info *info, const char *log, op_diag *d)
{
    char *tmp = op_outdir_begin(o->out, d);
    if (!tmp)
        return op_diag_status(d) ? op_diag_status(d) : OP_EOUTPUT;
    op_status st = op_reports_write(tmp, p, s, e, info, d);
    if (st == OP_OK && log) {
        size_t n = strlen(tmp) + 16;
        char *lp = malloc(n);
        FILE *f = lp ? (snprintf(lp, n, "%s/solve.log", tmp), fopen(lp, "w")) : NULL;
        if (!f || fputs(log, f) < 0 || fclose(f) != 0) {
            op_loc l = {"solve.log", 0, 0};
            op_diag_error(d, OP_EIO, &l, "write error");
            st = OP_EIO;
        }
        free(lp);
    }
    if (st != OP_OK) {
        op_outdir_abort(tmp);
        free(tmp);
        return st;
    }
    st = op_outdir_commit(tmp, o->out, d);
    free(tmp);
    return st;
}

/* Loads a schedule for p spanning at least the plan's own weeks. */
static op_status load_schedule(const char *path, const op_plan *p, op_schedule **s, op_diag *d)
{
    int weeks = op_plan_max_deadline(p);
    int last = op_plan_last_capacity_week(p);
    if (last < OP_MAX_WEEK && last > weeks)
        weeks = last;
    return op_inputs_load_schedule(path, p, weeks, 0, s, d);
}

static void progress(void *ctx, const char *stage, double inc, double bound, double gap,
                     double elapsed)
{
    (void)ctx;
    fprintf(stderr, "\r%s: stage %-9s incumbent %-8g bound %-8g gap %5.1f%%  %.0fs   ", progname,
            stage, inc, bound, isfinite(gap) ? gap * 100 : 100.0, elapsed);
}

static int cmd_solve(options *o, const op_plan *p, op_diag *d)
{
    double t0 = wall();
    op_schedule *base = NULL;
    op_eval *be = NULL, *e = NULL;
    op_solution *sol = NULL;
    char *basepath = NULL;
    op_run *prev_run = NULL;
    op_schedule *prev_sched = NULL;
    int rc = EXIT_OPTIMAL;
    op_status st;
    if (o->no_baseline || o->week > 1 || o->previous)
        basepath = NULL; /* a hand plan is compared before work starts, not nightly */
    else if (o->period == OP_PERIOD_DAY && !o->baseline)
        basepath = NULL; /* PLAN_DIR/baseline.csv counts weeks; a day plan's must be named */
    else if (o->baseline)
        basepath = strdup(o->baseline);
    else if (o->plan_dir) {
        basepath = join(o->plan_dir, "baseline.csv");
        if (basepath && !file_exists(basepath)) {
            free(basepath);
            basepath = NULL;
        }
    }
    if (basepath) {
        st = load_schedule(basepath, p, &base, d);
        if (st == OP_OK && !(be = op_eval_new(p, base, o->solver.gate_entry_phase)))
            st = OP_ENOMEM;
        if (st != OP_OK) {
            print_diag(d);
            rc = exit_for(st);
            goto out;
        }
    }
    if (o->previous) {
        /* the last run: its schedule steers the stability stage, its report
           is what the changes are measured against */
        size_t n = strlen(o->previous) + 20;
        char *ap = malloc(n);
        st = ap ? OP_OK : OP_ENOMEM;
        if (ap) {
            snprintf(ap, n, "%s/allocation.csv", o->previous);
            st = op_inputs_load_run(o->previous, "previous", &prev_run, d);
            if (st == OP_OK)
                st = op_inputs_load_schedule(ap, p, 1, 1, &prev_sched, d);
            free(ap);
        }
        if (st != OP_OK) {
            print_diag(d);
            rc = exit_for(st);
            goto out;
        }
        o->solver.previous = prev_sched;
    }
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    o->solver.interrupt = &interrupted;
    o->solver.verbose = o->verbose;
    int tty = isatty(STDERR_FILENO) && !o->quiet;
    if (tty)
        o->solver.progress = progress;
    st = op_solve(p, &o->solver, &sol, d);
    if (tty)
        fprintf(stderr, "\r%72s\r", "");
    if (st != OP_OK) {
        print_diag(d);
        rc = exit_for(st);
        goto out;
    }
    if (sol->status == OP_SOLVE_INFEASIBLE || sol->status == OP_SOLVE_NO_PLAN) {
        int none = sol->status == OP_SOLVE_NO_PLAN;
        fprintf(stderr, "%s: %s: %s\n", progname, none ? "no plan" : "infeasible", sol->reason);
        rc = interrupted ? EXIT_INTERRUPTED : none ? EXIT_NO_PLAN : EXIT_INFEASIBLE;
        goto out;
    }
    if (o->require_all && sol->ndeferred) {
        for (int k = 0; k < sol->ndeferred; k++)
            fprintf(stderr, "%s: infeasible: %s cannot be scheduled: %s\n", progname,
                    op_plan_item(p, sol->deferred[k])->id, sol->deferred_why[k]);
        rc = EXIT_INFEASIBLE;
        goto out;
    }
    if (!(e = op_eval_new(p, sol->schedule, o->solver.gate_entry_phase))) {
        rc = EXIT_OSERR;
        goto out;
    }
    op_report_stage stages[OP_STAGE_COUNT];
    char status[128];
    double worst = 0;
    for (int k = 0; k < sol->nstages; k++) {
        const op_stage_result *r = &sol->stages[k];
        stages[k].name = op_stage_name(r->stage);
        stages[k].status = r->status == OP_SOLVE_OPTIMAL ? "optimal" : "feasible";
        stages[k].objective = r->objective;
        stages[k].bound = r->bound;
        stages[k].gap = r->gap;
        if (r->gap > worst)
            worst = r->gap;
    }
    if (sol->status == OP_SOLVE_OPTIMAL)
        snprintf(status, sizeof status, o->solver.gap > 0 ? "optimal within gap %g" : "proven optimal",
                 o->solver.gap);
    else if (isfinite(worst))
        snprintf(status, sizeof status, "feasible, not proven optimal (largest stage gap %.1f%%)",
                 worst * 100);
    else
        snprintf(status, sizeof status, "feasible, not proven optimal (no bound)");
    if (o->solver.greedy_only)
        snprintf(status, sizeof status, "greedy schedule only (no optimization)");
    op_report_info info = {"solve", plan_name(o), status, sol->status == OP_SOLVE_OPTIMAL,
                           sol->horizon, o->solver.gate_entry_phase, stages, sol->nstages,
                           sol->deferred, (const char *const *)sol->deferred_why, sol->ndeferred,
                           base, be, o->team_found, prev_run};
    char log[2048];
    size_t len = 0;
    len += (size_t)snprintf(log + len, sizeof log - len, "greedy %.3f s\n", sol->greedy_seconds);
    for (int k = 0; k < sol->nstages && len < sizeof log; k++)
        len += (size_t)snprintf(log + len, sizeof log - len,
                                "stage %s: %s, objective %g, bound %g, %d rows, %d cols, %d nz, %.3f s\n",
                                stages[k].name, stages[k].status, stages[k].objective,
                                stages[k].bound, sol->stages[k].rows, sol->stages[k].cols,
                                sol->stages[k].nonzeros, sol->stages[k].seconds);
    if (len < sizeof log)
        snprintf(log + len, sizeof log - len, "total %.3f s\n", wall() - t0);
    st = publish(o, p, sol->schedule, e, &info, log, d);
    if (st != OP_OK) {
        print_diag(d);
        rc = exit_for(st);
        goto out;
    }
    if (!o->quiet) {
        const char *pw = op_period_word(op_plan_period(p), 0);
        printf("%s: %d of %d gates met, last %s %d, %d of %d items scheduled, %s\n",
               plan_name(o), op_eval_gates_met(e), op_plan_gate_count(p), pw,
               op_eval_last_week(e), op_eval_scheduled_count(e), op_plan_item_count(p), status);
        for (int g = 0; g < op_plan_gate_count(p); g++) {
            const op_gate_eval *ge = op_eval_gate(e, g);
            const op_gate *ga = op_plan_gate(p, g);
            if (ge->passed_week)
                printf("  %s: passed %s %d, deadline %d%s\n", ga->id, pw, ge->passed_week,
                       ga->deadline_week, ge->lateness ? " (LATE)" : "");
            else
                printf("  %s: not passed, deadline %d\n", ga->id, ga->deadline_week);
        }
        for (int k = 0; k < sol->ndeferred; k++)
            printf("  deferred %s: %s\n", op_plan_item(p, sol->deferred[k])->id, sol->deferred_why[k]);
        printf("reports in %s/ (%.2f s)\n", o->out, wall() - t0);
    }
    if (interrupted)
        rc = EXIT_INTERRUPTED;
    else if (o->fail_on_late && op_eval_gates_met(e) < op_plan_gate_count(p))
        rc = EXIT_LATE;
    else if (sol->status != OP_SOLVE_OPTIMAL)
        rc = EXIT_NOT_PROVEN;
out:
    op_run_free(prev_run);
    op_schedule_free(prev_sched);
    o->solver.previous = NULL;
    op_eval_free(e);
    op_eval_free(be);
    op_schedule_free(base);
    op_solution_free(sol);
    free(basepath);
    return rc;
}

static int cmd_check(options *o, const op_plan *p, op_diag *d)
{
    op_schedule *s = NULL;
    op_eval *e = NULL;
    char *path = o->plan ? strdup(o->plan) : o->plan_dir ? join(o->plan_dir, "baseline.csv") : NULL;
    int rc;
    if (!path) {
        fprintf(stderr, "%s: check needs --plan FILE or PLAN_DIR/baseline.csv\n", progname);
        return EXIT_USAGE;
    }
    op_status st = load_schedule(path, p, &s, d);
    if (st == OP_OK && !(e = op_eval_new(p, s, o->solver.gate_entry_phase)))
        st = OP_ENOMEM;
    if (st != OP_OK) {
        print_diag(d);
        rc = exit_for(st);
        goto out;
    }
    op_report_info info = {"check", plan_name(o), "hand plan", 0, op_schedule_weeks(s),
                           o->solver.gate_entry_phase, NULL, 0, NULL, NULL, 0, NULL, NULL, NULL,
                           NULL};
    st = publish(o, p, s, e, &info, NULL, d);
    if (st != OP_OK) {
        print_diag(d);
        rc = exit_for(st);
        goto out;
    }
    int bad = op_eval_violation_count(e);
    int late = op_plan_gate_count(p) - op_eval_gates_met(e);
    if (!o->quiet) {
        printf("%s: %d of %d gates met, last %s %d, %d of %d items scheduled, %d violations "
               "(violations.csv), %d gates missed\n",
               path, op_eval_gates_met(e), op_plan_gate_count(p),
               op_period_word(op_plan_period(p), 0), op_eval_last_week(e),
               op_eval_scheduled_count(e), op_plan_item_count(p), bad, late);
        printf("reports in %s/\n", o->out);
    }
    rc = bad || late ? EXIT_DEFECTS : EXIT_OPTIMAL;
out:
    op_eval_free(e);
    op_schedule_free(s);
    free(path);
    return rc;
}

static int cmd_staff(options *o, const op_plan *p, const op_input_paths *in, op_diag *d)
{
    int nr = op_plan_role_count(p);
    int *caps = malloc(((size_t)nr + 1) * sizeof *caps);
    op_staff_result *res = NULL;
    op_plan *np = NULL;
    char tmpl[] = "/tmp/optplan-staff-XXXXXX";
    int fd = -1, rc = EXIT_OPTIMAL;
    if (!caps) {
        rc = EXIT_OSERR;
        goto out;
    }
    for (int r = 0; r < nr; r++)
        caps[r] = -1;
    for (int k = 0; k < o->nmax_headcount; k++) {
        char *eq = strchr(o->max_headcount[k], '=');
        *eq = 0;
        int r = op_plan_find_role(p, o->max_headcount[k]);
        char *end;
        long n = strtol(eq + 1, &end, 10);
        if (r < 0 || *end || end == eq + 1 || n < 0 || n > 100000) {
            fprintf(stderr, "%s: --max-headcount: %s '%s=%s'\n", progname,
                    r < 0 ? "unknown role in" : "expected ROLE=N, got", o->max_headcount[k], eq + 1);
            rc = EXIT_USAGE;
            goto out;
        }
        caps[r] = (int)n;
    }
    o->staff.max_headcount = caps;
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    o->solver.interrupt = &interrupted;
    op_status st = op_staff(p, &o->solver, &o->staff, &res, d);
    if (st != OP_OK) {
        print_diag(d);
        rc = exit_for(st);
        goto out;
    }
    if (res->status == OP_SOLVE_INFEASIBLE || res->status == OP_SOLVE_INTERRUPTED ||
        res->status == OP_SOLVE_NO_PLAN) {
        int none = res->status != OP_SOLVE_INFEASIBLE;
        fprintf(stderr, "%s: %s: %s\n", progname, none ? "no team" : "infeasible", res->reason);
        rc = interrupted ? EXIT_INTERRUPTED : none ? EXIT_NO_PLAN : EXIT_INFEASIBLE;
        goto out;
    }
    /* Replay: the team found becomes the capacity of an ordinary solve. */
    op_report_team team = {res->horizon, res->headcount, res->hours_per_person, p,
                           res->status == OP_SOLVE_OPTIMAL ? "proven cheapest" : "best found, not proven",
                           res->cost};
    fd = mkstemp(tmpl);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f || op_report_team_csv(f, p, &team) || fclose(f) != 0) {
        fprintf(stderr, "%s: cannot write a temporary team file: %s\n", progname, strerror(errno));
        rc = EXIT_CANTCREAT;
        goto out;
    }
    op_input_paths nin = *in;
    nin.team = tmpl;
    np = op_plan_new();
    if (np && (st = op_inputs_load(&nin, np, d)) == OP_OK && o->week) {
        /* the replay plans from the same week with the same progress */
        op_plan_set_first_week(np, o->week);
        if (o->status)
            st = op_inputs_load_status(o->status, np, d);
    }
    if (!np || st != OP_OK) {
        print_diag(d);
        rc = np ? exit_for(st) : EXIT_OSERR;
        goto out;
    }
    o->team_found = &team;
    if (!o->quiet)
        printf("cheapest team (%s, %s): cost %g\n", o->staff.phased ? "phased" : "constant",
               team.status, res->cost);
    /* the hand plan belongs to the current team: do not set it beside this one */
    o->no_baseline = 1;
    rc = cmd_solve(o, np, d);
    if (rc == EXIT_OPTIMAL && res->status != OP_SOLVE_OPTIMAL)
        rc = EXIT_NOT_PROVEN;
out:
    if (fd >= 0)
        unlink(tmpl);
    op_plan_free(np);
    op_staff_result_free(res);
    free(caps);
    return rc;
}

static int cmd_import_psplib(const options *o)
{
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    op_plan *p = op_plan_new();
    int rc = EXIT_OPTIMAL;
    if (!d || !p) {
        fprintf(stderr, "%s: out of memory\n", progname);
        rc = EXIT_OSERR;
        goto out;
    }
    op_status st = op_inputs_load_psplib(o->dirs[0], p, d);
    if (st == OP_OK) {
        char *tmp = op_outdir_begin(o->dirs[1], d);
        st = tmp ? op_report_plan_files(tmp, p, d) : op_diag_status(d);
        if (tmp && st == OP_OK)
            st = op_outdir_commit(tmp, o->dirs[1], d);
        else if (tmp)
            op_outdir_abort(tmp);
        free(tmp);
    }
    if (st != OP_OK) {
        print_diag(d);
        rc = exit_for(st);
    } else if (!o->quiet) {
        printf("%s: %d jobs, %d resources -> %s/items.csv, %s/team.csv\n", o->dirs[0],
               op_plan_item_count(p), op_plan_role_count(p), o->dirs[1], o->dirs[1]);
    }
out:
    op_plan_free(p);
    op_diag_free(d);
    return rc;
}

static int cmd_compare(const options *o)
{
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    op_run **runs = calloc((size_t)o->ndirs, sizeof *runs);
    char *labels = o->labels ? strdup(o->labels) : NULL;
    int rc = EXIT_OPTIMAL;
    if (!d || !runs || (o->labels && !labels)) {
        fprintf(stderr, "%s: out of memory\n", progname);
        rc = EXIT_OSERR;
        goto out;
    }
    char *save = NULL, *lab = labels ? strtok_r(labels, ",", &save) : NULL;
    op_status st = OP_OK;
    for (int k = 0; k < o->ndirs; k++) {
        const char *dir = o->dirs[k];
        const char *label = lab;
        char buf[256];
        if (!label)
            label = base_name(dir, buf, sizeof buf); /* the directory's own name */
        op_status s = op_inputs_load_run(dir, label, &runs[k], d);
        if (s != OP_OK && st == OP_OK)
            st = s;
        if (lab)
            lab = strtok_r(NULL, ",", &save);
    }
    if (st == OP_OK) {
        char *tmp = op_outdir_begin(o->out, d);
        st = tmp ? op_report_compare(tmp, runs, o->ndirs, d) : op_diag_status(d);
        if (tmp && st == OP_OK)
            st = op_outdir_commit(tmp, o->out, d);
        else if (tmp)
            op_outdir_abort(tmp);
        free(tmp);
    }
    if (st != OP_OK) {
        print_diag(d);
        rc = exit_for(st);
    } else if (!o->quiet) {
        printf("compared %d plans: %s/comparison.md, %s/comparison.csv\n", o->ndirs, o->out, o->out);
    }
out:
    for (int k = 0; runs && k < o->ndirs; k++)
        op_run_free(runs[k]);
    free(runs);
    free(labels);
    op_diag_free(d);
    return rc;
}

/* Applies --add-staff ROLE=DELTA[@WEEK] rows to the validated plan p. */
static op_status apply_add_staff(const options *o, op_plan *p, op_diag *d)
{
    for (int k = 0; k < o->nadd_staff; k++) {
        char role[256];
        const char *spec = o->add_staff[k], *eq = strchr(spec, '=');
        snprintf(role, sizeof role, "%.*s", (int)(eq - spec), spec);
        char *end;
        double delta = strtod(eq + 1, &end);
        long week = 1;
        if (*end == '@')
            week = strtol(end + 1, &end, 10);
        int r = op_plan_find_role(p, role);
        op_loc l = {"--add-staff", 0, 0};
        if (r < 0 || *end || !isfinite(delta) || fabs(delta) > 10000 || week < 1 ||
            week > OP_MAX_WEEK) {
            op_diag_error(d, OP_EDATA, &l, "%s '%s'",
                          r < 0 ? "unknown role in" : "expected ROLE=DELTA[@WEEK], got", spec);
            return OP_EDATA;
        }
        const op_role *ro = op_plan_role(p, r);
        op_team_row row;
        memset(&row, 0, sizeof row);
        row.role.name = op_plan_intern(p, ro->name);
        row.role.index = -1;
        row.role.loc = l;
        row.headcount = delta;
        row.hours_per_week = op_plan_person_hours(p, r, (int)week);
        row.from_week = (int)week;
        row.to_week = ro->last_week < OP_MAX_WEEK ? ro->last_week : 0;
        row.cost_per_hour = -1;
        row.loc = row.cost_loc = l;
        if (row.to_week && row.to_week < row.from_week)
            row.to_week = row.from_week;
        if (!row.role.name || op_plan_add_team_row(p, &row, d) < 0)
            return op_diag_status(d) ? op_diag_status(d) : OP_ENOMEM;
    }
    return o->nadd_staff ? op_plan_validate(p, d) : OP_OK;
}

typedef struct scenario {
    char name[160];
    const char *role;
    double delta;
    char spec[300];
    const char *argv[64];
    int argc;
} scenario;

/* Shell-quotes s for a --list line. */
static void print_quoted(const char *s)
{
    int plain = *s != 0;
    for (const char *c = s; *c; c++)
        plain &= isalnum((unsigned char)*c) || strchr("/._-=+@:,", *c) != NULL;
    if (plain) {
        fputs(s, stdout);
        return;
    }
    putchar('\'');
    for (; *s; s++) {
        if (*s == '\'')
            fputs("'\\''", stdout);
        else
            putchar(*s);
    }
    putchar('\'');
}

static int cmd_sweep(options *o, const op_plan *p, const char *self)
{
    int nr = op_plan_role_count(p);
    double deltas[16];
    int nd = 0;
    const char *dl = o->deltas ? o->deltas : "+1,-1";
    while (*dl && nd < 16) {
        char *end;
        deltas[nd] = strtod(dl, &end);
        if (end == dl || (*end && *end != ',') || !isfinite(deltas[nd]) || deltas[nd] == 0) {
            fprintf(stderr, "%s: --delta: expected a list of non-zero numbers, got '%s'\n", progname,
                    o->deltas);
            return EXIT_USAGE;
        }
        nd++;
        dl = *end ? end + 1 : end;
    }
    int nsc = 1 + nr * nd, n = 0;
    scenario *sc = calloc((size_t)nsc, sizeof *sc);
    char *rolesel = calloc((size_t)nr + 1, 1);
    int rc = EXIT_OPTIMAL;
    if (!sc || !rolesel) {
        free(sc);
        free(rolesel);
        return EXIT_OSERR;
    }
    if (o->roles) {
        char *copy = strdup(o->roles), *save = NULL;
        for (char *t = copy ? strtok_r(copy, ",", &save) : NULL; t; t = strtok_r(NULL, ",", &save)) {
            int r = op_plan_find_role(p, t);
            if (r < 0) {
                fprintf(stderr, "%s: --roles: unknown role '%s'\n", progname, t);
                rc = EXIT_USAGE;
            } else {
                rolesel[r] = 1;
            }
        }
        free(copy);
        if (rc != EXIT_OPTIMAL)
            goto out;
    } else {
        memset(rolesel, 1, (size_t)nr);
    }
    int from = o->from_week ? o->from_week : 1;
    snprintf(sc[n++].name, sizeof sc[0].name, "base");
    for (int r = 0; r < nr; r++)
        for (int k = 0; rolesel[r] && k < nd; k++) {
            scenario *s = &sc[n++];
            const char *rn = op_plan_role(p, r)->name;
            size_t m = 0;
            for (const char *c = rn; *c && m < 100; c++)
                s->name[m++] = isalnum((unsigned char)*c) ? *c : '_';
            snprintf(s->name + m, sizeof s->name - m, "%+g", deltas[k]);
            s->role = rn;
            s->delta = deltas[k];
            snprintf(s->spec, sizeof s->spec, "%s=%+g@%d", rn, deltas[k], from);
        }
    /* one self-contained command line per scenario */
    for (int k = 0; k < n; k++) {
        scenario *s = &sc[k];
        const char **a = s->argv;
        int c = 0;
        a[c++] = self;
        a[c++] = "solve";
        if (o->items) { a[c++] = "--items"; a[c++] = o->items; }
        if (o->team) { a[c++] = "--capacity"; a[c++] = o->team; }
        if (o->gates) { a[c++] = "--gates"; a[c++] = o->gates; }
        if (o->time_limit_arg) { a[c++] = "--time-limit"; a[c++] = o->time_limit_arg; }
        if (o->gap_arg) { a[c++] = "--gap"; a[c++] = o->gap_arg; }
        if (o->horizon_arg) { a[c++] = "--horizon"; a[c++] = o->horizon_arg; }
        if (o->gate_entry_arg) { a[c++] = "--gate-entry"; a[c++] = o->gate_entry_arg; }
        if (o->objective_arg) { a[c++] = "--objective"; a[c++] = o->objective_arg; }
        if (o->solver.strict_gates) a[c++] = "--strict-gates";
        if (o->require_all) a[c++] = "--require-all";
        if (o->week) { a[c++] = "--week"; a[c++] = o->week_arg; }
        if (o->status) { a[c++] = "--status"; a[c++] = o->status; }
        if (o->previous) { a[c++] = "--previous"; a[c++] = o->previous; }
        for (int q = 0; q < o->nadd_staff && q < 8; q++) {
            a[c++] = "--add-staff";
            a[c++] = o->add_staff[q];
        }
        if (s->role) { a[c++] = "--add-staff"; a[c++] = s->spec; }
        a[c++] = "--no-baseline"; /* scenarios are compared with each other */
        a[c++] = "-q";
        a[c++] = "-o";
        size_t len = strlen(o->out) + strlen(s->name) + 2;
        char *dir = malloc(len);
        if (!dir) {
            rc = EXIT_OSERR;
            goto out;
        }
        snprintf(dir, len, "%s/%s", o->out, s->name);
        a[c++] = dir;
        if (o->plan_dir)
            a[c++] = o->plan_dir;
        a[c] = NULL;
        s->argc = c;
    }
    if (o->list) {
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < sc[k].argc; j++) {
                if (j)
                    putchar(' ');
                print_quoted(sc[k].argv[j]);
            }
            putchar('\n');
        }
        goto out;
    }
    if (mkdir(o->out, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "%s: %s: cannot create: %s\n", progname, o->out, strerror(errno));
        rc = EXIT_CANTCREAT;
        goto out;
    }
    if (!o->gather) {
        int jobs = o->jobs ? o->jobs : 1, running = 0, next = 0, failed = 0;
        fflush(NULL);
        while (next < n || running > 0) {
            while (running < jobs && next < n) {
                pid_t pid = fork();
                if (pid == 0) {
                    /* the program as invoked (a path), else this process's image;
                       execv takes char *const[]: the strings are not modified */
                    if (strchr(sc[next].argv[0], '/'))
                        execv(sc[next].argv[0], (char *const *)sc[next].argv);
                    execv("/proc/self/exe", (char *const *)sc[next].argv);
                    execvp(sc[next].argv[0], (char *const *)sc[next].argv);
                    _exit(EXIT_SOFTWARE);
                }
                if (pid < 0) {
                    fprintf(stderr, "%s: fork: %s\n", progname, strerror(errno));
                    failed = 1;
                    break;
                }
                running++;
                next++;
            }
            int status;
            if (running == 0 || wait(&status) < 0)
                break;
            running--;
            /* plans written (0, 2, 4) and plans that cannot be (3, 5) are all results */
            int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            if (code != 0 && code != 2 && code != 3 && code != 4 && code != 5)
                failed = 1;
        }
        if (failed) {
            fprintf(stderr, "%s: a sweep scenario failed (see its messages above)\n", progname);
            rc = EXIT_SOFTWARE;
            goto out;
        }
    }
    /* gather: every scenario's report read back, tabulated */
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    op_run **runs = calloc((size_t)n, sizeof *runs);
    op_report_scenario *rs = calloc((size_t)n, sizeof *rs);
    op_status st = d && runs && rs ? OP_OK : OP_ENOMEM;
    for (int k = 0; k < n && st == OP_OK; k++) {
        const char *dir = sc[k].argv[sc[k].argc - (o->plan_dir ? 2 : 1)];
        struct stat sb;
        if (stat(dir, &sb) != 0) {
            /* the scenario wrote nothing: no plan meets its hard constraints */
            runs[k] = op_run_new(sc[k].name);
            st = runs[k] ? OP_OK : OP_ENOMEM;
        } else {
            st = op_inputs_load_run(dir, sc[k].name, &runs[k], d);
        }
        rs[k] = (op_report_scenario){sc[k].name, sc[k].role, sc[k].delta, from};
    }
    if (st == OP_OK)
        st = op_report_sweep(o->out, runs, rs, n, d);
    if (st != OP_OK) {
        if (d)
            print_diag(d);
        rc = exit_for(st);
    } else if (!o->quiet) {
        printf("%d scenarios: %s/sweep.md, %s/sweep.csv\n", n, o->out, o->out);
    }
    for (int k = 0; runs && k < n; k++)
        op_run_free(runs[k]);
    free(runs);
    free(rs);
    op_diag_free(d);
out:
    for (int k = 0; k < n; k++)
        if (sc[k].argc)
            free((char *)sc[k].argv[sc[k].argc - (o->plan_dir ? 2 : 1)]);
    free(sc);
    free(rolesel);
    return rc;
}

int main(int argc, char **argv)
{
    options o;
    memset(&o, 0, sizeof o);
    op_solver_opts_init(&o.solver);
    op_staff_opts_init(&o.staff);
    if (parse_options(argc, argv, &o))
        return EXIT_USAGE;
    if (strcmp(o.command, "compare") == 0)
        return cmd_compare(&o);
    if (strcmp(o.command, "import-psplib") == 0)
        return cmd_import_psplib(&o);

    char *paths[3] = {NULL, NULL, NULL};
    char *status_path = NULL;
    op_input_paths in = {o.items, o.team, o.gates};
    if (o.plan_dir) {
        if (!in.items)
            in.items = paths[0] = join(o.plan_dir, "items.csv");
        if (!in.team)
            in.team = paths[1] = join(o.plan_dir, "team.csv");
        if (!in.gates) {
            /* gates are optional: a plan without gates.csv has none */
            in.gates = paths[2] = join(o.plan_dir, "gates.csv");
            if (in.gates && !file_exists(in.gates))
                in.gates = NULL;
        }
    }
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    op_plan *p = op_plan_new();
    int rc;
    if (!d || !p || !in.items || !in.team || (o.plan_dir && !o.gates && !paths[2])) {
        fprintf(stderr, "%s: out of memory\n", progname);
        rc = EXIT_OSERR;
        goto out;
    }
    op_plan_set_period(p, o.period);
    op_status st = op_inputs_load(&in, p, d);
    if (st == OP_OK)
        st = apply_add_staff(&o, p, d);
    if (st == OP_OK && o.week) {
        op_plan_set_first_week(p, op_period_of_week(o.period, o.week, 1));
        if (o.status)
            status_path = strdup(o.status);
        else if (o.plan_dir && (status_path = join(o.plan_dir, "status.csv")) &&
                 !file_exists(status_path)) {
            free(status_path);
            status_path = NULL;
        }
        if (status_path) {
            o.status = status_path; /* later solves (staff's replay) use it too */
            st = op_inputs_load_status(status_path, p, d);
        }
    } else if (st == OP_OK && o.status) {
        fprintf(stderr, "%s: --status needs --week (the current week)\n", progname);
        rc = EXIT_USAGE;
        goto out;
    }
    if (st != OP_OK) {
        print_diag(d);
        rc = exit_for(st);
        goto out;
    }
    if (strcmp(o.command, "validate") == 0) {
        if (!o.quiet)
            op_report_summary(stdout, p);
        rc = EXIT_OPTIMAL;
    } else if (strcmp(o.command, "check") == 0) {
        rc = cmd_check(&o, p, d);
    } else if (strcmp(o.command, "staff") == 0) {
        rc = cmd_staff(&o, p, &in, d);
    } else if (strcmp(o.command, "sweep") == 0) {
        if (strcmp(o.out, "out") == 0)
            o.out = "sweep";
        rc = cmd_sweep(&o, p, argv[0]);
    } else {
        rc = cmd_solve(&o, p, d);
    }
out:
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "%s: write error on standard output: %s\n", progname, strerror(errno));
        rc = EXIT_IOERR;
    }
    op_plan_free(p);
    op_diag_free(d);
    for (int k = 0; k < 3; k++)
        free(paths[k]);
    free(status_path);
    return rc;
}
