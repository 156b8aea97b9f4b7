/* options.c - the command line parsed into cli_options: values checked, one group at a time */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"

/* Every option's value is checked here, so that a bad value is a usage
   error (exit 64) before any input is read. A handler returns 0 when it
   took the option, 1 when the option is not of its group, -1 on a bad value
   (said on err). */
typedef int (*group_fn)(int c, const char *arg, const cli_io *io, cli_options *o);

static int bad_value(const cli_io *io, const char *opt, const char *val, const char *what)
{
    cli_usage(io, "--%s: %s, got '%s'", opt, what, val);
    return -1;
}

/* A number from min to max. */
static int parse_number(const cli_io *io, const char *opt, const char *val, double min,
                        double max, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(val, &end);
    if (end == val || *end || errno || !isfinite(v) || v < min || v > max) {
        char what[96];
        snprintf(what, sizeof what, "expected a number from %g to %g", min, max);
        return bad_value(io, opt, val, what);
    }
    *out = v;
    return 0;
}

/* A whole number from min to max. */
static int parse_whole(const cli_io *io, const char *opt, const char *val, int min, int max,
                       int *out)
{
    double v;
    if (parse_number(io, opt, val, min, max, &v))
        return -1;
    if (v != floor(v))
        return bad_value(io, opt, val, "expected a whole number");
    *out = (int)v;
    return 0;
}

/* One of two words: *out = 0 for no, 1 for yes. */
static int parse_choice(const cli_io *io, const char *opt, const char *val, const char *no,
                        const char *yes, int *out)
{
    char what[64];
    if (strcmp(val, no) == 0 || strcmp(val, yes) == 0) {
        *out = strcmp(val, yes) == 0;
        return 0;
    }
    snprintf(what, sizeof what, "expected '%s' or '%s'", no, yes);
    return bad_value(io, opt, val, what);
}

/* ROLE=N (headcount cap) or, with delta, ROLE=DELTA[@WEEK]. */
static int parse_role_value(const cli_io *io, const char *opt, const char *val, int delta,
                            cli_role_value *v)
{
    const char *eq = strchr(val, '=');
    const char *form = delta ? "expected ROLE=DELTA[@WEEK]" : "expected ROLE=N";
    char *end = NULL;
    *v = (cli_role_value){.spec = val, .role_len = eq ? (int)(eq - val) : 0, .week = 1};
    if (eq)
        v->value = strtod(eq + 1, &end);
    if (!eq || eq == val || end == eq + 1)
        return bad_value(io, opt, val, form);
    if (delta && *end == '@') {
        long w = strtol(end + 1, &end, 10);
        v->week = w >= 1 && w <= OP_MAX_WEEK ? (int)w : 0;
    }
    int ok = !*end && isfinite(v->value) && v->week;
    if (delta)
        ok = ok && fabs(v->value) <= 10000;
    else
        ok = ok && v->value >= 0 && v->value <= 100000 && v->value == floor(v->value);
    return ok ? 0 : bad_value(io, opt, val, form);
}

/* sweep --delta: a comma-separated list of non-zero numbers. */
static int parse_deltas(const cli_io *io, const char *val, cli_options *o)
{
    const char *s = val;
    o->ndeltas = 0;
    while (*s) {
        char *end;
        double v = strtod(s, &end);
        if (end == s || (*end && *end != ',') || !isfinite(v) || v == 0 ||
            o->ndeltas == CLI_MAX_DELTAS)
            break;
        o->deltas[o->ndeltas++] = v;
        s = *end ? end + 1 : end;
    }
    if (*s || o->ndeltas == 0)
        return bad_value(io, "delta", val, "expected a list of at most 16 non-zero numbers");
    return 0;
}

/* --start YYYY-MM-DD: the Monday of week 1. */
static int parse_start(const cli_io *io, const char *val, cli_options *o)
{
    op_date day;
    if (op_date_parse(val, &day))
        return bad_value(io, "start", val, "expected a date YYYY-MM-DD (years 1900 to 2999)");
    if (op_date_weekday(day) != 0) {
        char monday[OP_DATE_LEN], what[128];
        op_date_format(day - op_date_weekday(day), monday);
        snprintf(what, sizeof what, "expected the Monday of week 1 (that week's Monday is %s)",
                 monday);
        return bad_value(io, "start", val, what);
    }
    o->start = day;
    o->start_arg = val;
    return 0;
}

static int input_option(int c, const char *arg, const cli_io *io, cli_options *o)
{
    switch (c) {
    case CLI_OPT_START: return parse_start(io, arg, o);
    case CLI_OPT_SETTINGS: o->settings = arg; break;
    case CLI_OPT_HOLIDAYS: o->holidays = arg; break;
    case CLI_OPT_ITEMS: o->items = arg; break;
    case CLI_OPT_CAPACITY: o->team = arg; break;
    case CLI_OPT_GATES: o->gates = arg; break;
    case CLI_OPT_PLAN: o->plan = arg; break;
    case CLI_OPT_BASELINE: o->baseline = arg; break;
    case CLI_OPT_NO_BASELINE: o->no_baseline = 1; break;
    case 'o': o->out = arg; break;
    case 'l': o->labels = arg; break;
    default: return 1;
    }
    return 0;
}

/* --focus soft|hard|off (OP_FOCUS_*). */
static int parse_focus(const cli_io *io, const char *val, int *out)
{
    static const char *const words[] = {"soft", "hard", "off"};
    for (int k = 0; k < 3; k++)
        if (strcmp(val, words[k]) == 0) {
            *out = k == 0 ? OP_FOCUS_SOFT : k == 1 ? OP_FOCUS_HARD : OP_FOCUS_OFF;
            return 0;
        }
    return bad_value(io, "focus", val, "expected 'soft', 'hard' or 'off'");
}

static int solver_option(int c, const char *arg, const cli_io *io, cli_options *o)
{
    op_solver_opts *s = &o->solver;
    int day = 0;
    switch (c) {
    case CLI_OPT_PERIOD:
        if (parse_choice(io, "period", arg, "week", "day", &day))
            return -1;
        o->period = day ? OP_PERIOD_DAY : OP_PERIOD_WEEK;
        return 0;
    case CLI_OPT_HORIZON:
        o->horizon_arg = arg;
        return parse_whole(io, "horizon", arg, 1, OP_MAX_WEEK, &s->horizon);
    case CLI_OPT_TIME_LIMIT:
        o->time_limit_arg = arg;
        return parse_number(io, "time-limit", arg, 0, 1e6, &s->time_limit);
    case CLI_OPT_GAP: o->gap_arg = arg; return parse_number(io, "gap", arg, 0, 1, &s->gap);
    case CLI_OPT_STRICT: s->strict_gates = 1; return 0;
    case CLI_OPT_STRICT_DUE: s->strict_due = 1; return 0;
    case CLI_OPT_GATE_ENTRY:
        o->gate_entry_arg = arg;
        return parse_choice(io, "gate-entry", arg, "order", "phase", &s->gate_entry_phase);
    case CLI_OPT_HANDOFF:
        o->handoff_arg = arg;
        return parse_choice(io, "handoff", arg, "same-week", "next-week", &s->next_week);
    case CLI_OPT_FOCUS:
        o->focus_arg = arg;
        return parse_focus(io, arg, &s->focus);
    case CLI_OPT_REQUIRE_ALL: o->require_all = 1; return 0;
    case CLI_OPT_OBJECTIVE:
        o->objective_arg = arg;
        if (op_solver_parse_stages(s, arg))
            return bad_value(io, "objective", arg,
                             "expected a list of distinct stages from "
                             "scheduled,lateness,finish,focus,priority");
        return 0;
    case CLI_OPT_HOUR_STEP:
        o->hour_step_arg = arg;
        if (strcmp(arg, "1") && strcmp(arg, "0.5") && strcmp(arg, "0.25"))
            return bad_value(io, "hour-step", arg, "expected 1, 0.5 or 0.25");
        s->hour_step = strtod(arg, NULL);
        return 0;
    case CLI_OPT_WRITE_LP: s->write_lp = arg; return 0;
    case CLI_OPT_GREEDY: s->greedy_only = 1; return 0;
    case 'v': s->verbose = 1; return 0;
    default: return 1;
    }
}

static int staff_option(int c, const char *arg, const cli_io *io, cli_options *o)
{
    op_staff_opts *s = &o->staff;
    switch (c) {
    case CLI_OPT_STAFF_MODEL:
        if (strcmp(arg, "phased") == 0) /* gone: it answered teams nobody hires */
            return bad_value(io, "staff-model", arg,
                             "'phased' is now 'block' (with --max-changes for changes)");
        {
            int constant = 0, rc = parse_choice(io, "staff-model", arg, "block", "constant",
                                                &constant);
            s->model = constant ? OP_STAFF_CONSTANT : OP_STAFF_BLOCK;
            return rc;
        }
    case CLI_OPT_MIN_WEEKS:
        return parse_whole(io, "min-weeks", arg, 1, OP_MAX_WEEK, &s->min_weeks);
    case CLI_OPT_MAX_CHANGES:
        return parse_whole(io, "max-changes", arg, 0, OP_MAX_WEEK, &s->max_changes);
    case CLI_OPT_FINISH_BY:
        return parse_whole(io, "finish-by", arg, 1, OP_MAX_WEEK, &s->finish_by);
    case CLI_OPT_KEEP_TEAM: s->keep_team = 1; return 0;
    case CLI_OPT_MAX_HEADCOUNT:
        if (o->nmax_headcount == CLI_MAX_REPEAT)
            return bad_value(io, "max-headcount", arg, "given more than 64 times");
        return parse_role_value(io, "max-headcount", arg, 0,
                                &o->max_headcount[o->nmax_headcount++]);
    default: return 1;
    }
}

static int whatif_option(int c, const char *arg, const cli_io *io, cli_options *o)
{
    switch (c) {
    case CLI_OPT_ADD_STAFF:
        if (o->nadd_staff == CLI_MAX_REPEAT)
            return bad_value(io, "add-staff", arg, "given more than 64 times");
        return parse_role_value(io, "add-staff", arg, 1, &o->add_staff[o->nadd_staff++]);
    case CLI_OPT_ROLES: o->roles = arg; return 0;
    case CLI_OPT_DELTA: return parse_deltas(io, arg, o);
    case CLI_OPT_FROM_WEEK: return parse_whole(io, "from-week", arg, 1, OP_MAX_WEEK, &o->from_week);
    case 'j': return parse_whole(io, "jobs", arg, 1, 256, &o->jobs);
    case CLI_OPT_LIST: o->list = 1; return 0;
    case CLI_OPT_GATHER: o->gather = 1; return 0;
    default: return 1;
    }
}

/* --priority-map NAME=Pn[,NAME=Pn...]: entries added to those given before. */
static int parse_priority_map(const cli_io *io, const char *val, cli_options *o)
{
    op_jira_opts *j = &o->jira;
    for (const char *s = val; *s;) {
        size_t n = strcspn(s, ",");
        const char *eq = memchr(s, '=', n);
        if (!eq || eq == s || s + n - eq != 3 || eq[1] != 'P' || eq[2] < '0' || eq[2] > '3' ||
            j->npriorities == OP_JIRA_MAX_PRIORITIES)
            return bad_value(io, "priority-map", val,
                             "expected NAME=P0..P3, comma-separated (at most 32 in all)");
        j->priorities[j->npriorities].name = s;
        j->priorities[j->npriorities].len = (size_t)(eq - s);
        j->priorities[j->npriorities++].priority = eq[2] - '0';
        s += n + (s[n] == ',');
    }
    return 0;
}

/* --role-from component | label:PREFIX | field:COLUMN */
static int parse_role_from(const cli_io *io, const char *val, cli_options *o)
{
    if (strcmp(val, "component") == 0) {
        o->jira.role_from = OP_JIRA_ROLE_COMPONENT;
    } else if (strncmp(val, "label:", 6) == 0 && val[6]) {
        o->jira.role_from = OP_JIRA_ROLE_LABEL;
        o->jira.role_arg = val + 6;
    } else if (strncmp(val, "field:", 6) == 0 && val[6]) {
        o->jira.role_from = OP_JIRA_ROLE_FIELD;
        o->jira.role_arg = val + 6;
    } else {
        return bad_value(io, "role-from", val,
                         "expected component, label:PREFIX or field:COLUMN");
    }
    return 0;
}

/* --version-date NAME=YYYY-MM-DD */
static int parse_version_date(const cli_io *io, const char *val, cli_options *o)
{
    const char *eq = strrchr(val, '=');
    op_date day;
    if (!eq || eq == val || op_date_parse(eq + 1, &day))
        return bad_value(io, "version-date", val, "expected NAME=YYYY-MM-DD");
    if (o->nversion_dates == CLI_MAX_REPEAT)
        return bad_value(io, "version-date", val, "given more than 64 times");
    o->version_dates[o->nversion_dates].spec = val;
    o->version_dates[o->nversion_dates].name_len = (size_t)(eq - val);
    o->version_dates[o->nversion_dates++].day = day;
    return 0;
}

static int tracker_option(int c, const char *arg, const cli_io *io, cli_options *o)
{
    switch (c) {
    case CLI_OPT_ROLE_FROM: return parse_role_from(io, arg, o);
    case CLI_OPT_PRIORITY_MAP: return parse_priority_map(io, arg, o);
    case CLI_OPT_DEPENDS_LINK:
        if (!arg[0])
            return bad_value(io, "depends-link", arg, "expected a column name");
        o->jira.depends_column = arg;
        return 0;
    case CLI_OPT_DEFAULT_EFFORT:
        return parse_number(io, "default-effort", arg, 0.001, OP_MAX_NUMBER,
                            &o->jira.default_effort);
    case CLI_OPT_UNKNOWN_LINKS:
        return parse_choice(io, "unknown-links", arg, "error", "drop", &o->drop_unknown_links);
    case CLI_OPT_JIRA_GATES: o->jira_gates = 1; return 0;
    case CLI_OPT_VERSION_DATE: return parse_version_date(io, arg, o);
    default: return 1;
    }
}

static int replan_option(int c, const char *arg, const cli_io *io, cli_options *o)
{
    switch (c) {
    case CLI_OPT_WEEK:
        o->week_arg = arg;
        return parse_whole(io, "week", arg, 1, OP_MAX_WEEK, &o->week);
    case CLI_OPT_STATUS: o->status = arg; return 0;
    case CLI_OPT_PREVIOUS: o->previous = arg; return 0;
    case CLI_OPT_HISTORY:
        if (o->nhistory == CLI_MAX_REPEAT)
            return bad_value(io, "history", arg, "given more than 64 times");
        o->history[o->nhistory++] = arg;
        return 0;
    case CLI_OPT_STABILITY:
        return parse_choice(io, "stability", arg, "off", "on", &o->solver.stability);
    case CLI_OPT_FAIL_ON_LATE: o->fail_on_late = 1; return 0;
    case CLI_OPT_EXPLAIN: return parse_choice(io, "explain", arg, "off", "on", &o->explain);
    case 'q': o->quiet = 1; return 0;
    default: return 1;
    }
}

static int forecast_option(int c, const char *arg, const cli_io *io, cli_options *o)
{
    op_forecast_opts *f = &o->forecast;
    double v;
    switch (c) {
    case CLI_OPT_SIMULATE:
        o->simulate_arg = arg;
        return parse_whole(io, "simulate", arg, 1, 1000000, &f->scenarios);
    case CLI_OPT_UNCERTAINTY:
        o->uncertainty_arg = arg;
        if (parse_number(io, "uncertainty", arg, 0, 100, &v))
            return -1;
        f->uncertainty = v / 100;
        return 0;
    case CLI_OPT_SEED:
        o->seed_arg = arg;
        if (parse_number(io, "seed", arg, 0, 9007199254740991.0, &v))
            return -1;
        if (v != floor(v))
            return bad_value(io, "seed", arg, "expected a whole number");
        f->seed = (unsigned long long)v;
        return 0;
    case CLI_OPT_DISTRIBUTION: {
        int tri;
        o->distribution_arg = arg;
        if (parse_choice(io, "distribution", arg, "pert", "triangular", &tri))
            return -1;
        f->dist = tri ? OP_DIST_TRIANGULAR : OP_DIST_PERT;
        return 0;
    }
    case CLI_OPT_REOPTIMIZE: return parse_whole(io, "reoptimize", arg, 1, 1000, &o->reoptimize);
    case CLI_OPT_START_RULE:
        o->start_rule_arg = arg;
        return parse_choice(io, "start-rule", arg, "plan", "early", &f->early);
    default: return 1;
    }
}

/* ---- suggestions ------------------------------------------------------ */

/* Edit distance of a and b (insertions, deletions, substitutions and
   swaps of neighbours); words past 63 bytes count as far from anything. */
static int distance(const char *a, const char *b)
{
    int n = (int)strlen(a), m = (int)strlen(b);
    if (n > 63 || m > 63)
        return 99;
    int d[64][64];
    for (int i = 0; i <= n; i++)
        d[i][0] = i;
    for (int j = 0; j <= m; j++)
        d[0][j] = j;
    for (int i = 1; i <= n; i++)
        for (int j = 1; j <= m; j++) {
            int v = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < v)
                v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            int swap = i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1];
            if (swap && d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    return d[n][m];
}

/* The candidate word most likely meant: within two edits (and fewer than
   the word's length), or one the word begins (from three letters on). */
static const char *suggest(const char *word, const char *const *cands, int n)
{
    const char *best = NULL;
    int bestd = 3, len = (int)strlen(word);
    for (int k = 0; k < n; k++) {
        int dk = distance(word, cands[k]);
        if (len >= 3 && strncmp(cands[k], word, (size_t)len) == 0)
            dk = 1;
        if (dk < bestd && dk < len) {
            best = cands[k];
            bestd = dk;
        }
    }
    return best;
}

static int is_command(const cli_table *t, const char *word)
{
    for (int k = 0; t->commands[k]; k++)
        if (strcmp(word, t->commands[k]) == 0)
            return 1;
    return 0;
}

static int is_directory(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* A first operand that is neither a command nor a directory, and a command
   misspelt rather than a plan directory mistyped: another operand follows
   it, or it is close to a command and no file of that name exists. */
static int unknown_command(const cli_table *t, const cli_io *io, const char *word, int nargs)
{
    int n = 0;
    while (t->commands[n])
        n++;
    const char *best = suggest(word, t->commands, n);
    if (is_directory(word) || strchr(word, '/'))
        return 0;
    if (nargs < 2 && (!best || cli_file_exists(word)))
        return 0;
    if (best)
        cli_usage(io, "unknown command '%s'; did you mean '%s'?", word, best);
    else
        cli_usage(io, "unknown command '%s'", word);
    return 1;
}

/* Says that the long option arg is unknown, or ambiguous (the start of
   several), with the option most likely meant. */
static void unknown_long_option(const cli_table *t, const cli_io *io, const char *arg)
{
    const char *names[128] = {NULL};
    char word[64], could[256] = "";
    size_t len = strcspn(arg + 2, "="), used = 0;
    int n = 0, matches = 0;
    for (const struct option *lo = t->longopts; lo->name && n < 128; lo++) {
        names[n++] = lo->name;
        if (len && strncmp(lo->name, arg + 2, len) == 0 && used < sizeof could) {
            int m = snprintf(could + used, sizeof could - used, "%s--%s", matches ? ", " : "",
                             lo->name);
            used += m > 0 ? (size_t)m : 0;
            matches++;
        }
    }
    snprintf(word, sizeof word, "%.*s", (int)len, arg + 2);
    const char *best = suggest(word, names, n);
    if (matches > 1)
        cli_usage(io, "option '%s' is ambiguous; it could be %s", arg, could);
    else if (best)
        cli_usage(io, "unknown option '%s'; did you mean '--%s'?", arg, best);
    else
        cli_usage(io, "unknown option '%s'", arg);
}

/* Says what getopt found wrong with argv[optind - 1] (opterr is off, so
   that every message goes to io->err with the program's name). */
static void option_error(const cli_table *t, const cli_io *io, int c, char **argv)
{
    const char *arg = argv[optind - 1];
    if (c == ':') {
        cli_usage(io, "option '%s' needs a value", arg);
    } else if (optopt && strncmp(arg, "--", 2) == 0) {
        cli_usage(io, "option '%.*s' takes no value", (int)strcspn(arg, "="), arg);
    } else if (optopt) {
        cli_usage(io, "unknown option '-%c'", optopt);
    } else {
        unknown_long_option(t, io, arg);
    }
}

/* ---- operands --------------------------------------------------------- */

/* Says msg (and the operand it is about, when not NULL): -1. */
static int usage_error(const cli_io *io, const char *msg, const char *arg)
{
    if (arg)
        cli_usage(io, "%s: '%s'", msg, arg);
    else
        cli_usage(io, "%s", msg);
    return -1;
}

/* The command word and the operands after the options. */
static int parse_operands(int argc, char **argv, const cli_table *t, const cli_io *io,
                          cli_options *o)
{
    int first = optind, nargs = argc - optind;
    o->command = t->commands[0];
    if (nargs >= 1 && is_command(t, argv[first])) {
        o->command = argv[first++];
        nargs--;
    } else if (nargs >= 1 && unknown_command(t, io, argv[first], nargs)) {
        return -1;
    }
    o->operands = argv + first;
    o->noperands = nargs;
    int psplib = strcmp(o->command, "import-psplib") == 0;
    int jira = strcmp(o->command, "import-jira") == 0;
    int export = strcmp(o->command, "export-jira") == 0;
    int compare = strcmp(o->command, "compare") == 0;
    if (psplib && nargs != 2)
        return usage_error(io, "import-psplib needs FILE.sm and OUTDIR", NULL);
    if (jira && nargs != 2)
        return usage_error(io, "import-jira needs EXPORT.csv and OUTDIR", NULL);
    if (export && nargs != 1)
        return usage_error(io, "export-jira needs one REPORT_DIR", NULL);
    if (compare && nargs < 2)
        return usage_error(io, "compare needs two or more report directories", NULL);
    if (psplib || jira || export || compare)
        return 0;
    if (nargs > 1)
        return usage_error(io, "too many arguments", argv[first + 1]);
    if (nargs == 0 && (!o->items || !o->team))
        return usage_error(io, "missing PLAN_DIR", NULL);
    o->plan_dir = nargs == 1 ? argv[first] : NULL;
    return 0;
}

/* The period's limits on week-valued options: a day plan holds 104 weeks. */
static int check_period(const cli_io *io, cli_options *o)
{
    int maxw = OP_MAX_WEEK / OP_DAYS_PER_WEEK;
    if (strcmp(o->command, "staff") == 0 || strcmp(o->command, "sweep") == 0) {
        cli_usage(io, "--period day: %s plans whole weeks only", o->command);
        return -1;
    }
    if (o->solver.horizon > maxw || o->week > maxw) {
        cli_usage(io, "--period day: --%s is at most %d weeks", o->week > maxw ? "week" : "horizon",
                  maxw);
        return -1;
    }
    o->solver.horizon = op_period_of_week(OP_PERIOD_DAY, o->solver.horizon, 0);
    return 0;
}

/* Checks that hold between options, and the defaults that depend on the command. */
static int finish_options(const cli_io *io, cli_options *o)
{
    if (!o->out && strcmp(o->command, "compare") == 0)
        o->out = "comparison";
    else if (!o->out && strcmp(o->command, "sweep") == 0)
        o->out = "sweep";
    else if (!o->out)
        o->out = "out";
    if (o->status && !o->week)
        return usage_error(io, "--status needs --week (the current week)", NULL);
    if (o->nversion_dates && !o->jira_gates)
        return usage_error(io, "--version-date needs --jira-gates", NULL);
    if (strcmp(o->command, "forecast") == 0 && !o->forecast.scenarios)
        o->forecast.scenarios = 10000;
    if (o->reoptimize && !o->forecast.scenarios)
        return usage_error(io, "--reoptimize needs a forecast (the forecast command, or --simulate)",
                           NULL);
    o->forecast.next_week = o->solver.next_week;
    return o->period == OP_PERIOD_DAY ? check_period(io, o) : 0;
}

cli_parse cli_options_parse(int argc, char **argv, const cli_table *t, const cli_io *io,
                            cli_options *o)
{
    static const group_fn groups[] = {input_option,  solver_option,  staff_option,
                                      whatif_option, replan_option, forecast_option,
                                      tracker_option};
    *o = (cli_options){.self = argv[0], .period = OP_PERIOD_WEEK, .start = OP_DATE_NONE,
                       .deltas = {+1, -1}, .ndeltas = 2, .from_week = 1, .jobs = 1,
                       .explain = 1, .forecast = {.seed = 1}};
    op_solver_opts_init(&o->solver);
    op_staff_opts_init(&o->staff);
    op_jira_opts_init(&o->jira);
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, t->shortopts, t->longopts, NULL)) != -1) {
        if (c == 'h')
            return CLI_PARSE_HELP;
        if (c == 'V')
            return CLI_PARSE_VERSION;
        if (c == '?' || c == ':') {
            option_error(t, io, c, argv);
            return CLI_PARSE_BAD;
        }
        int r = 1;
        for (size_t k = 0; r == 1 && k < sizeof groups / sizeof *groups; k++)
            r = groups[k](c, optarg, io, o);
        if (r == 1) /* in the table but in no group: a bug, said as plainly as any */
            cli_usage(io, "option '%s' is not handled", argv[optind - 1]);
        if (r)
            return CLI_PARSE_BAD;
    }
    if (parse_operands(argc, argv, t, io, o) || finish_options(io, o))
        return CLI_PARSE_BAD;
    return CLI_PARSE_RUN;
}
