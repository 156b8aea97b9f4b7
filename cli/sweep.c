/* sweep.c - the sweep command: a what-if solve per role and delta in child processes, tabulated */
#include <ctype.h>
#include <errno.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "cli/cli.h"

extern char **environ;

/* One scenario: the base (role NULL) or one role with delta people more
   from --from-week on, solved by its own optplan process into dir. Every
   pointer but role and the argv strings it borrows is owned. */
typedef struct scenario {
    char name[160];    /* "base", "Backend+1", ...: its directory's name */
    const char *role;  /* the plan's string; NULL for the base */
    double delta;
    char *spec;        /* ROLE=DELTA@WEEK */
    char *dir;         /* OUT/NAME */
    const char **argv; /* the self-contained command line, NULL-terminated */
    int argc;
} scenario;

/* The roles to vary, as flags per role index (a new array the caller
   frees); an unknown role in --roles is a usage error. */
static cli_outcome select_roles(const cli_io *io, const cli_options *o, const op_plan *p,
                                char **sel, op_diag *d)
{
    int nr = op_plan_role_count(p);
    char *copy = o->roles ? strdup(o->roles) : NULL;
    *sel = calloc((size_t)nr + 1, 1);
    if (!*sel || (o->roles && !copy)) {
        free(copy);
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return cli_status(OP_ENOMEM);
    }
    if (!o->roles)
        memset(*sel, 1, (size_t)nr);
    cli_outcome r = cli_status(OP_OK);
    char *save = NULL;
    for (char *t = copy ? strtok_r(copy, ",", &save) : NULL; t; t = strtok_r(NULL, ",", &save)) {
        int k = op_plan_find_role(p, t);
        if (k < 0) {
            r = cli_unknown_role(io, p, "roles", t, NULL);
            break;
        }
        (*sel)[k] = 1;
    }
    free(copy);
    return r;
}

/* Names the scenario of role rn (NULL: the base) and makes its spec and dir. */
static int name_scenario(scenario *s, const cli_options *o, const char *rn, double delta)
{
    size_t m = 0;
    if (rn) {
        for (const char *c = rn; *c && m < 100; c++)
            s->name[m++] = isalnum((unsigned char)*c) ? *c : '_';
        snprintf(s->name + m, sizeof s->name - m, "%+g", delta);
        size_t n = strlen(rn) + 64;
        if (!(s->spec = malloc(n)))
            return -1;
        snprintf(s->spec, n, "%s=%+g@%d", rn, delta, o->from_week);
    } else {
        snprintf(s->name, sizeof s->name, "base");
    }
    s->role = rn;
    s->delta = delta;
    s->dir = op_path_join(o->out, s->name);
    return s->dir ? 0 : -1;
}

/* Scenario s's command line: an ordinary solve with the sweep's options,
   its own --add-staff and -o. */
static int command_line(scenario *s, const cli_options *o)
{
    const char **a = malloc((72 + 2 * (size_t)o->nadd_staff) * sizeof *a);
    int c = 0;
    if (!(s->argv = a))
        return -1;
    const char *const pairs[][2] = {
        {"--items", o->items}, {"--capacity", o->team}, {"--gates", o->gates},
        {"--time-limit", o->time_limit_arg}, {"--gap", o->gap_arg},
        {"--horizon", o->horizon_arg}, {"--gate-entry", o->gate_entry_arg},
        {"--handoff", o->handoff_arg}, {"--focus", o->focus_arg},
        {"--objective", o->objective_arg}, {"--hour-step", o->hour_step_arg},
        {"--simulate", o->simulate_arg}, {"--uncertainty", o->uncertainty_arg},
        {"--seed", o->seed_arg}, {"--distribution", o->distribution_arg},
        {"--start-rule", o->start_rule_arg}, {"--settings", o->settings},
        {"--holidays", o->holidays}, {"--start", o->start_arg}};
    a[c++] = o->self;
    a[c++] = "solve";
    for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++)
        if (pairs[k][1]) {
            a[c++] = pairs[k][0];
            a[c++] = pairs[k][1];
        }
    if (o->solver.strict_gates)
        a[c++] = "--strict-gates";
    if (o->solver.strict_due)
        a[c++] = "--strict-due";
    if (o->require_all)
        a[c++] = "--require-all";
    const char *const replan[][2] = {
        {"--week", o->week ? o->week_arg : NULL},
        {"--status", o->status},
        {"--previous", o->previous}};
    for (size_t k = 0; k < sizeof replan / sizeof *replan; k++)
        if (replan[k][1]) {
            a[c++] = replan[k][0];
            a[c++] = replan[k][1];
        }
    for (int q = 0; q < o->nadd_staff; q++) {
        a[c++] = "--add-staff";
        a[c++] = o->add_staff[q].spec;
    }
    if (s->role) {
        a[c++] = "--add-staff";
        a[c++] = s->spec;
    }
    a[c++] = "--no-baseline"; /* scenarios are compared with each other */
    a[c++] = "-q";
    a[c++] = "-o";
    a[c++] = s->dir;
    if (o->plan_dir)
        a[c++] = o->plan_dir;
    a[c] = NULL;
    s->argc = c;
    return 0;
}

/* The base and one scenario per selected role and delta: *out is a new
   array of *n scenarios the caller frees with free_scenarios. */
static op_status make_scenarios(const cli_options *o, const op_plan *p, const char *sel,
                                scenario **out, int *n, op_diag *d)
{
    int nr = op_plan_role_count(p), k = 0;
    scenario *sc = calloc((size_t)(1 + nr * o->ndeltas), sizeof *sc);
    int bad = !sc || name_scenario(&sc[k++], o, NULL, 0);
    for (int r = 0; !bad && r < nr; r++)
        for (int j = 0; !bad && sel[r] && j < o->ndeltas; j++)
            bad = name_scenario(&sc[k++], o, op_plan_role(p, r)->name, o->deltas[j]);
    for (int j = 0; !bad && j < k; j++)
        bad = command_line(&sc[j], o);
    *out = sc;
    *n = k;
    if (bad) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return OP_ENOMEM;
    }
    return OP_OK;
}

static void free_scenarios(scenario *sc, int n)
{
    for (int k = 0; sc && k < n; k++) {
        free(sc[k].spec);
        free(sc[k].dir);
        free(sc[k].argv);
    }
    free(sc);
}

/* Writes s to f shell-quoted where it needs quoting. */
static void print_quoted(FILE *f, const char *s)
{
    int plain = *s != 0;
    for (const char *c = s; *c; c++)
        plain &= isalnum((unsigned char)*c) || strchr("/._-=+@:,", *c) != NULL;
    if (plain) {
        fputs(s, f);
        return;
    }
    putc('\'', f);
    for (; *s; s++) {
        if (*s == '\'')
            fputs("'\\''", f);
        else
            putc(*s, f);
    }
    putc('\'', f);
}

/* Starts scenario s: the program as invoked (a path), else this process's
   image, else argv[0] looked up in PATH. 0 or an errno value. */
static int spawn(const scenario *s, pid_t *pid)
{
    /* posix_spawn takes char *const[]: the strings are not modified */
    char *const *argv = (char *const *)s->argv;
    int err = ENOENT;
    if (strchr(s->argv[0], '/'))
        err = posix_spawn(pid, s->argv[0], NULL, NULL, argv, environ);
    if (err)
        err = posix_spawn(pid, "/proc/self/exe", NULL, NULL, argv, environ);
    if (err)
        err = posix_spawnp(pid, s->argv[0], NULL, NULL, argv, environ);
    return err;
}

/* Runs the scenarios, o->jobs at a time. A scenario that writes a plan
   (exit 0, 2, 4) or finds none (3, 5) has a result; any other exit fails
   the sweep, after the others have run. */
static op_status run_all(const cli_options *o, const scenario *sc, int n, op_diag *d)
{
    int running = 0, next = 0, failed = 0, err = 0;
    fflush(NULL); /* children must not write our buffered output again */
    while (next < n || running > 0) {
        pid_t pid;
        while (!err && running < o->jobs && next < n && !(err = spawn(&sc[next], &pid))) {
            running++;
            next++;
        }
        int status;
        if (running == 0 || wait(&status) < 0)
            break;
        running--;
        int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        if (code != 0 && code != 2 && code != 3 && code != 4 && code != 5)
            failed = 1;
    }
    if (err)
        op_diag_error(d, OP_EINTERNAL, NULL, "cannot run %s: %s", sc[next].argv[0], strerror(err));
    if (err || failed) {
        op_diag_error(d, OP_EINTERNAL, NULL, "a sweep scenario failed (see its messages above)");
        return OP_EINTERNAL;
    }
    return OP_OK;
}

/* Reads every scenario's report back and writes sweep.md and sweep.csv; p
   says which items are must-haves. A scenario without a directory found no
   plan for its hard constraints. */
static op_status gather(const cli_io *io, const cli_options *o, const op_plan *p,
                        const scenario *sc, int n, op_diag *d)
{
    op_run **runs = calloc((size_t)n, sizeof *runs);
    op_report_scenario *rs = calloc((size_t)n, sizeof *rs);
    op_status st = runs && rs ? OP_OK : OP_ENOMEM;
    for (int k = 0; k < n && st == OP_OK; k++) {
        if (!cli_file_exists(sc[k].dir))
            st = (runs[k] = op_run_new(sc[k].name)) ? OP_OK : OP_ENOMEM;
        else
            st = op_inputs_load_run(sc[k].dir, sc[k].name, &runs[k], d);
        rs[k] = (op_report_scenario){sc[k].name, sc[k].role, sc[k].delta, o->from_week};
    }
    if (st == OP_ENOMEM && op_diag_status(d) != OP_ENOMEM)
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
    if (st == OP_OK)
        st = op_report_sweep(o->out, p, runs, rs, n, d);
    if (st == OP_OK && !o->quiet)
        fprintf(io->out, "%d scenarios: %s/sweep.md, %s/sweep.csv\n", n, o->out, o->out);
    for (int k = 0; runs && k < n; k++)
        op_run_free(runs[k]);
    free(runs);
    free(rs);
    return st;
}

/* Runs (or, with --list, prints) the scenarios and tabulates them. */
static op_status sweep(const cli_io *io, const cli_options *o, const op_plan *p,
                       const scenario *sc, int n, op_diag *d)
{
    if (o->list) {
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < sc[k].argc; j++) {
                if (j)
                    putc(' ', io->out);
                print_quoted(io->out, sc[k].argv[j]);
            }
            putc('\n', io->out);
        }
        return OP_OK;
    }
    if (mkdir(o->out, 0777) != 0 && errno != EEXIST) {
        op_loc l = {o->out, 0, 0};
        op_diag_error(d, OP_EOUTPUT, &l, "cannot create: %s", strerror(errno));
        return OP_EOUTPUT;
    }
    op_status st = o->gather ? OP_OK : run_all(o, sc, n, d);
    return st == OP_OK ? gather(io, o, p, sc, n, d) : st;
}

cli_outcome cli_sweep(const cli_io *io, const cli_options *o, const op_plan *p, op_diag *d)
{
    char *sel = NULL;
    scenario *sc = NULL;
    int n = 0;
    cli_outcome r = select_roles(io, o, p, &sel, d);
    if (r.status == OP_OK && r.verdict == CLI_DONE)
        r.status = make_scenarios(o, p, sel, &sc, &n, d);
    if (r.status == OP_OK && r.verdict == CLI_DONE)
        r.status = sweep(io, o, p, sc, n, d);
    free_scenarios(sc, n);
    free(sel);
    return r;
}
