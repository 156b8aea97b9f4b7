/* optplan.c - main: the option table, dispatch to cli/, streams and exit codes */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "config.h"

#define PROG "optplan"

/* Exit codes (documented in --help, optplan.1 and README): one per kind of
   outcome, chosen here only. */
enum {
    EXIT_OPTIMAL = 0,    /* success; solve: proven optimal; check: plan sound */
    EXIT_DEFECTS = 1,    /* check: the plan breaks a rule, misses a gate or a due week,
                            or leaves items out */
    EXIT_NOT_PROVEN = 2, /* solve: a plan was written, optimality not proven */
    EXIT_INFEASIBLE = 3, /* solve: no plan meets the hard constraints; staff: no team */
    EXIT_LATE = 4,       /* --fail-on-late: the plan was written, a gate is projected late */
    EXIT_NO_PLAN = 5,    /* no plan found within the time limit (not proven infeasible) */
    EXIT_USAGE = 64,     /* bad command line: command, option, value, role named */
    EXIT_DATAERR = 65,   /* bad input data */
    EXIT_NOINPUT = 66,   /* an input file cannot be opened */
    EXIT_SOFTWARE = 70,  /* internal error: a self-check failed, a sweep scenario failed */
    EXIT_OSERR = 71,     /* out of memory */
    EXIT_CANTCREAT = 73, /* the output directory cannot be written */
    EXIT_IOERR = 74,     /* a read or write failed */
    EXIT_INTERRUPTED = 130 /* SIGINT/SIGTERM: the best plan so far was written, marked not proven */
};

/* The one interrupt flag: set by the handler, read by the solver through
   cli_options.solver.interrupt and by exit_code. */
static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

/* --help, in two parts: no string literal past the 4095 bytes C promises */
static const char help_commands[] =
    "Usage: " PROG " [COMMAND] [OPTIONS] PLAN_DIR\n"
    "Plans work items onto a team's weekly capacity so that milestone gates are met.\n"
    "\n"
    "Commands:\n"
    "  solve            (default) optimal plan, reports in --out DIR\n"
    "  check            evaluate a given plan (--plan, default PLAN_DIR/baseline.csv)\n"
    "  validate         read and check the inputs, print a summary\n"
    "  staff            the cheapest team that meets every gate (staff.csv)\n"
    "  forecast         solve, then the plan run under drawn efforts: each\n"
    "                   gate's P50/P80/P95 week and chance (forecast.csv)\n"
    "  sweep            re-solve with one person more/fewer per role (sweep.csv)\n"
    "  import-psplib FILE.sm OUTDIR  a PSPLIB RCPSP instance as optplan inputs\n"
    "  import-jira EXPORT.csv OUTDIR  Jira's CSV export (all fields) as items.csv,\n"
    "                   status.csv (and gates.csv); see Tracker options\n"
    "  export-jira REPORT_DIR  planned start and due dates (Issue key,Start\n"
    "                   date,Due date) for Jira's CSV importer, on stdout\n"
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
    "      --settings FILE  settings (default PLAN_DIR/settings.csv when present)\n"
    "      --holidays FILE  days off (default PLAN_DIR/holidays.csv when present)\n"
    "      --start DATE     the Monday of week 1 (YYYY-MM-DD): dates in inputs\n"
    "                       and reports (overrides start in settings.csv)\n"
    "\n"
    "Solver options:\n"
    "      --period week|day  plan in weeks (default) or in days: 5 a week, each\n"
    "                       a fifth of hours_per_week; inputs still count weeks\n"
    "      --horizon N      plan weeks 1..N (default: from a greedy schedule)\n"
    "      --time-limit SEC bound on the whole solve (default 60)\n"
    "      --gap G          accept a relative gap G per stage (default 0)\n"
    "      --strict-gates   gate deadlines are hard\n"
    "      --strict-due     due weeks are hard: an item that cannot meet its\n"
    "                       due week is left out (default: it is done late and\n"
    "                       its weeks late count as lateness)\n"
    "      --gate-entry MODE  order (default): gates pass in order;\n"
    "                       phase: exit items start after the required gates\n"
    "      --handoff MODE   same-week (default): an item may start in the week\n"
    "                       its dependency is done when both fit one person's\n"
    "                       week; next-week: a dependency costs a whole week\n"
    "      --focus MODE     soft (default): stage focus prefers plans without\n"
    "                       paused work; hard: no item is paused at all; off:\n"
    "                       no focus stage\n"
    "      --require-all    fail when an item cannot be scheduled\n"
    "      --objective LIST stages in order, from scheduled,lateness,finish,\n"
    "                       focus,priority (default: all five in this order)\n"
    "      --hour-step H    hours in reports are multiples of H: 1 (default),\n"
    "                       0.5 or 0.25 (an item's last week takes the rest\n"
    "                       when its effort is no multiple)\n"
    "      --write-lp FILE  write each stage's model (CPLEX LP): the first stage\n"
    "                       to FILE, the next ones to FILE.2, FILE.3, ...\n"
    "      --greedy         skip the ILP: report the greedy schedule\n"
    "\n";
static const char help_forecast[] =
    "Forecast options (forecast; solve with --simulate):\n"
    "      --simulate N     scenarios drawn (forecast: default 10000)\n"
    "      --uncertainty P  items without effort_low/effort_high: +-P %\n"
    "      --distribution pert|triangular  how efforts are drawn (default pert)\n"
    "      --seed S         the draws' seed (default 1): same seed, same figures\n"
    "      --start-rule plan|early  items start no earlier than planned\n"
    "                       (default), or as soon as they can\n"
    "      --reoptimize N   solve N scenarios again with their efforts known:\n"
    "                       what re-planning could recover (--time-limit in all)\n"
    "\n";

static const char help_tracker[] =
    "Tracker options (import-jira):\n"
    "      --role-from SRC  the role: component (default: the first Component/s),\n"
    "                       label:PREFIX (the label PREFIXrole) or field:COLUMN\n"
    "      --priority-map NAME=Pn,...  Priority names to P0..P3 (defaults:\n"
    "                       Highest P0, High P1, Medium P2, Low and Lowest P3)\n"
    "      --depends-link COLUMN  the link column whose keys an issue depends on\n"
    "                       (default 'Inward issue link (Blocks)')\n"
    "      --default-effort H  hours of an issue with no estimate (default: error)\n"
    "      --unknown-links error|drop  a link to an issue not in the export\n"
    "      --jira-gates     gates.csv: a gate per fix version, its issues as exit\n"
    "                       items; each needs --version-date NAME=YYYY-MM-DD\n"
    "\n";

static const char help_options[] =
    "Staffing options (staff):\n"
    "      --staff-model M  block (default): each role one run of weeks, paid\n"
    "                       for those weeks only; constant: one headcount per\n"
    "                       role for the whole horizon, paid for all of it\n"
    "      --max-changes K  block: at most K changes of headcount inside a\n"
    "                       role's block (default 0)\n"
    "      --min-weeks N    block: anyone added stays at least N weeks\n"
    "                       (default 2)\n"
    "      --finish-by N    every item done by week N (default: last deadline)\n"
    "      --max-headcount ROLE=N  cap a role (repeatable)\n"
    "      --keep-team      the current team is a floor, week by week\n"
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
    "                       report what changed and why (changes.csv)\n"
    "      --stability on|off  prefer the plan closest to --previous (default on)\n"
    "      --history PATH   earlier runs (a report directory, or a directory of\n"
    "                       them such as nightly.sh's): the milestone trend\n"
    "                       (trend.csv, trend.svg); may be repeated\n"
    "      --fail-on-late   exit 4 when a gate is projected late, naming each\n"
    "                       late gate on stderr (even with -q)\n"
    "      --explain on|off for each late gate and deferred item, re-solve\n"
    "                       small variants (a person more, a link or lag gone,\n"
    "                       less effort, a later deadline) and say which makes\n"
    "                       it on time or scheduled (default on)\n"
    "\n"
    "Other options:\n"
    "  -o, --out DIR        report directory (default out)\n"
    "  -q, --quiet          print nothing on success\n"
    "  -v, --verbose        show solver output\n"
    "  -h, --help           show this help and exit\n"
    "  -V, --version        show the version and exit\n"
    "\n"
    "Exit status:\n"
    "    0  success (solve: proven optimal; check: the plan is sound)\n"
    "    1  check: the plan breaks a rule, misses a gate or a due week, or\n"
    "       leaves items out\n"
    "    2  a plan was written, optimality not proven (time limit, --greedy)\n"
    "    3  infeasible: no plan (staff: no team) meets the hard constraints\n"
    "    4  --fail-on-late: the plan was written, a gate is projected late\n"
    "    5  no plan (staff: no team) found within the time limit\n"
    "   64  usage: an unknown command or option, a bad option value, a role\n"
    "       the team does not have (--max-headcount, --add-staff, --roles)\n"
    "   65  bad input data\n"
    "   66  an input file cannot be opened\n"
    "   70  internal error (a self-check failed, a sweep scenario failed)\n"
    "   71  out of memory\n"
    "   73  the output directory cannot be created or replaced\n"
    "   74  a read or write failed\n"
    "  130  interrupted: the best plan so far was written, marked not proven\n";

/* ---- the command line's vocabulary ------------------------------------- */

static const struct option longopts[] = {
    {"items", required_argument, NULL, CLI_OPT_ITEMS},
    {"capacity", required_argument, NULL, CLI_OPT_CAPACITY},
    {"gates", required_argument, NULL, CLI_OPT_GATES},
    {"plan", required_argument, NULL, CLI_OPT_PLAN},
    {"baseline", required_argument, NULL, CLI_OPT_BASELINE},
    {"no-baseline", no_argument, NULL, CLI_OPT_NO_BASELINE},
    {"out", required_argument, NULL, 'o'},
    {"label", required_argument, NULL, 'l'},
    {"period", required_argument, NULL, CLI_OPT_PERIOD},
    {"horizon", required_argument, NULL, CLI_OPT_HORIZON},
    {"time-limit", required_argument, NULL, CLI_OPT_TIME_LIMIT},
    {"gap", required_argument, NULL, CLI_OPT_GAP},
    {"strict-gates", no_argument, NULL, CLI_OPT_STRICT},
    {"strict-due", no_argument, NULL, CLI_OPT_STRICT_DUE},
    {"gate-entry", required_argument, NULL, CLI_OPT_GATE_ENTRY},
    {"handoff", required_argument, NULL, CLI_OPT_HANDOFF},
    {"focus", required_argument, NULL, CLI_OPT_FOCUS},
    {"require-all", no_argument, NULL, CLI_OPT_REQUIRE_ALL},
    {"objective", required_argument, NULL, CLI_OPT_OBJECTIVE},
    {"hour-step", required_argument, NULL, CLI_OPT_HOUR_STEP},
    {"write-lp", required_argument, NULL, CLI_OPT_WRITE_LP},
    {"greedy", no_argument, NULL, CLI_OPT_GREEDY},
    {"staff-model", required_argument, NULL, CLI_OPT_STAFF_MODEL},
    {"max-changes", required_argument, NULL, CLI_OPT_MAX_CHANGES},
    {"min-weeks", required_argument, NULL, CLI_OPT_MIN_WEEKS},
    {"finish-by", required_argument, NULL, CLI_OPT_FINISH_BY},
    {"max-headcount", required_argument, NULL, CLI_OPT_MAX_HEADCOUNT},
    {"keep-team", no_argument, NULL, CLI_OPT_KEEP_TEAM},
    {"add-staff", required_argument, NULL, CLI_OPT_ADD_STAFF},
    {"roles", required_argument, NULL, CLI_OPT_ROLES},
    {"delta", required_argument, NULL, CLI_OPT_DELTA},
    {"from-week", required_argument, NULL, CLI_OPT_FROM_WEEK},
    {"jobs", required_argument, NULL, 'j'},
    {"list", no_argument, NULL, CLI_OPT_LIST},
    {"gather", no_argument, NULL, CLI_OPT_GATHER},
    {"week", required_argument, NULL, CLI_OPT_WEEK},
    {"status", required_argument, NULL, CLI_OPT_STATUS},
    {"previous", required_argument, NULL, CLI_OPT_PREVIOUS},
    {"history", required_argument, NULL, CLI_OPT_HISTORY},
    {"simulate", required_argument, NULL, CLI_OPT_SIMULATE},
    {"uncertainty", required_argument, NULL, CLI_OPT_UNCERTAINTY},
    {"seed", required_argument, NULL, CLI_OPT_SEED},
    {"distribution", required_argument, NULL, CLI_OPT_DISTRIBUTION},
    {"start-rule", required_argument, NULL, CLI_OPT_START_RULE},
    {"reoptimize", required_argument, NULL, CLI_OPT_REOPTIMIZE},
    {"stability", required_argument, NULL, CLI_OPT_STABILITY},
    {"fail-on-late", no_argument, NULL, CLI_OPT_FAIL_ON_LATE},
    {"explain", required_argument, NULL, CLI_OPT_EXPLAIN},
    {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    /* last, so that the ambiguity messages of older abbreviations keep their order */
    {"start", required_argument, NULL, CLI_OPT_START},
    {"settings", required_argument, NULL, CLI_OPT_SETTINGS},
    {"holidays", required_argument, NULL, CLI_OPT_HOLIDAYS},
    {"role-from", required_argument, NULL, CLI_OPT_ROLE_FROM},
    {"priority-map", required_argument, NULL, CLI_OPT_PRIORITY_MAP},
    {"depends-link", required_argument, NULL, CLI_OPT_DEPENDS_LINK},
    {"default-effort", required_argument, NULL, CLI_OPT_DEFAULT_EFFORT},
    {"unknown-links", required_argument, NULL, CLI_OPT_UNKNOWN_LINKS},
    {"jira-gates", no_argument, NULL, CLI_OPT_JIRA_GATES},
    {"version-date", required_argument, NULL, CLI_OPT_VERSION_DATE},
    {NULL, 0, NULL, 0}};

/* ':' first: a missing value is told apart from an unknown option. */
static const char shortopts[] = ":o:j:qvhV";

typedef struct command {
    const char *name;
    cli_command run;
    int reads_plan; /* main reads the plan of PLAN_DIR (and the options) first */
    int searches;   /* SIGINT/SIGTERM stop its search, not the program */
} command;

/* The first is the default. */
static const command commands[] = {
    {"solve", cli_solve, 1, 1},         {"check", cli_check, 1, 0},
    {"validate", cli_validate, 1, 0},   {"staff", cli_staff, 1, 1},
    {"forecast", cli_forecast, 1, 1},
    {"sweep", cli_sweep, 1, 0},         {"compare", cli_compare, 0, 0},
    {"import-psplib", cli_import_psplib, 0, 0},
    {"import-jira", cli_import_jira, 0, 0}, {"export-jira", cli_export_jira, 0, 0}};
#define NCOMMANDS (sizeof commands / sizeof *commands)

static const command *find_command(const char *name)
{
    for (size_t k = 0; k < NCOMMANDS; k++)
        if (strcmp(commands[k].name, name) == 0)
            return &commands[k];
    return &commands[0];
}

/* ---- outcomes to exit codes: the only place -------------------------- */

static const struct {
    op_status status;
    int code;
    const char *what; /* said when nothing more precise was */
} status_codes[] = {
    {OP_EDATA, EXIT_DATAERR, "bad input data"},
    {OP_ENOINPUT, EXIT_NOINPUT, "an input cannot be opened"},
    {OP_EOUTPUT, EXIT_CANTCREAT, "the output cannot be created"},
    {OP_EIO, EXIT_IOERR, "a read or write failed"},
    {OP_ENOMEM, EXIT_OSERR, "out of memory"},
    {OP_EINTERNAL, EXIT_SOFTWARE, "internal error"},
};

static int status_index(op_status st)
{
    for (size_t k = 0; k < sizeof status_codes / sizeof *status_codes; k++)
        if (status_codes[k].status == st)
            return (int)k;
    return (int)(sizeof status_codes / sizeof *status_codes) - 1; /* unknown: internal */
}

static int exit_code(const cli_outcome *r)
{
    if (r->verdict == CLI_USAGE)
        return EXIT_USAGE;
    if (r->status != OP_OK)
        return status_codes[status_index(r->status)].code;
    if (interrupted)
        return EXIT_INTERRUPTED;
    if (r->verdict == CLI_DEFECTS)
        return EXIT_DEFECTS;
    if (r->verdict == CLI_LATE)
        return EXIT_LATE;
    switch (r->solve) {
    case OP_SOLVE_OPTIMAL: return EXIT_OPTIMAL;
    case OP_SOLVE_FEASIBLE: return EXIT_NOT_PROVEN;
    case OP_SOLVE_INFEASIBLE: return EXIT_INFEASIBLE;
    case OP_SOLVE_INTERRUPTED: return EXIT_INTERRUPTED;
    case OP_SOLVE_NO_PLAN: return EXIT_NO_PLAN;
    }
    return EXIT_SOFTWARE;
}

/* Prints the errors of a failed command, GNU style, and a count of the
   rest; a failure that left no message (out of memory, say) still gets one. */
static void print_errors(const cli_io *io, const op_diag *d, op_status st)
{
    for (int i = 0; i < op_diag_kept(d); i++)
        fprintf(io->err, "%s: %s\n", io->prog, op_diag_message(d, i));
    if (op_diag_count(d) > op_diag_kept(d))
        fprintf(io->err, "%s: %d more errors not shown\n", io->prog,
                op_diag_count(d) - op_diag_kept(d));
    if (op_diag_count(d) == 0)
        fprintf(io->err, "%s: %s\n", io->prog, status_codes[status_index(st)].what);
}

/* rc, or EXIT_IOERR when what was written to out did not all arrive. */
static int flush_out(const cli_io *io, int rc)
{
    if (fflush(io->out) != 0 || ferror(io->out)) {
        fprintf(io->err, "%s: write error on standard output: %s\n", io->prog, strerror(errno));
        return EXIT_IOERR;
    }
    return rc;
}

/* Reads the plan c works on and runs c on it. */
static cli_outcome run_on_plan(const cli_io *io, const cli_options *o, const command *c,
                               op_diag *d)
{
    cli_inputs in;
    op_plan *p = NULL;
    cli_outcome r = cli_status(cli_inputs_find(o, &in, d));
    if (r.status == OP_OK)
        r = cli_plan_load(io, o, &in, &p, d);
    if (p) {
        if (c->searches) {
            signal(SIGINT, on_signal);
            signal(SIGTERM, on_signal);
        }
        r = c->run(io, o, p, d);
    }
    op_plan_free(p);
    cli_inputs_free(&in);
    return r;
}

int main(int argc, char **argv)
{
    cli_io io = {.out = stdout, .err = stderr, .prog = PROG};
    const char *names[NCOMMANDS + 1] = {NULL};
    for (size_t k = 0; k < NCOMMANDS; k++)
        names[k] = commands[k].name;
    cli_table table = {longopts, shortopts, names};
    cli_options o;
    switch (cli_options_parse(argc, argv, &table, &io, &o)) {
    case CLI_PARSE_HELP:
        fputs(help_commands, io.out);
        fputs(help_forecast, io.out);
        fputs(help_tracker, io.out);
        fputs(help_options, io.out);
        return flush_out(&io, EXIT_OPTIMAL);
    case CLI_PARSE_VERSION:
        fprintf(io.out, "%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
        return flush_out(&io, EXIT_OPTIMAL);
    case CLI_PARSE_BAD: return EXIT_USAGE;
    case CLI_PARSE_RUN: break;
    }
    o.solver.interrupt = &interrupted;
    io.progress = !o.quiet && isatty(fileno(io.err));
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    if (!d) {
        fprintf(io.err, "%s: out of memory\n", io.prog);
        return EXIT_OSERR;
    }
    const command *c = find_command(o.command);
    cli_outcome r = c->reads_plan ? run_on_plan(&io, &o, c, d) : c->run(&io, &o, NULL, d);
    if (r.verdict != CLI_USAGE && r.status != OP_OK)
        print_errors(&io, d, r.status);
    int rc = flush_out(&io, exit_code(&r));
    op_diag_free(d);
    return rc;
}
